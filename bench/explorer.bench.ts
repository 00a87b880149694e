/**
 * Speed and size of the explorer (issue 11 §1). Run: `npm run bench:explorer`.
 *
 * Builds the page as `risklab explore` does, reports its size (raw and
 * gzip), opens it from file:// in Debian's chromium at 1024×768 and times:
 *   refit       — the worker round trip (performance.now() in the page from
 *                 posting the settings to receiving the refitted view; 20,000
 *                 children per cohort), per kind of change: a recording
 *                 setting (visibility, detection: the same children are
 *                 re-recorded), a new population (base rate, seed), and a
 *                 preset change (What Works: two cohorts of 20,000);
 *   threshold   — moving the threshold or list size (no refit): the page's
 *                 own synchronous recompute-and-redraw time, and the time to
 *                 the next painted frame (input event → the task after the
 *                 next animation frame, i.e. after its paint).
 * Targets: refit < 1,000 ms; threshold < 50 ms. Pass `--strict` to exit
 * non-zero when a median misses a target.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { buildExplorerHtml } from '../explorer/build.js';

const CHROMIUM = process.env.RISKLAB_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];
const REFITS = 5;
const MOVES = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const max = (xs: number[]) => Math.max(...xs);
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${max(xs).toFixed(0)} ms (n=${xs.length})`;

async function viewId(page: Page): Promise<number> {
  return Number(await page.getAttribute('.page', 'data-view-id'));
}

/** Set a control's value as a hand would, wait for the refit, return the worker round trip. */
async function refitAfter(page: Page, selector: string, value: string, event: 'input' | 'change' = 'input'): Promise<number> {
  const before = await viewId(page);
  await page.evaluate(([sel, v, ev]) => {
    const el = document.querySelector(sel) as HTMLInputElement | HTMLSelectElement;
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    if (ev !== 'input') el.dispatchEvent(new Event(ev, { bubbles: true }));
  }, [selector, value, event] as const);
  await page.waitForFunction((b) => {
    const el = document.querySelector('.page')!;
    return el.getAttribute('data-state') === 'ready' && Number(el.getAttribute('data-view-id')) > b;
  }, before, { timeout: 60_000 });
  await page.waitForTimeout(150); // let the cards request settle so it does not overlap the next refit
  return Number(await page.getAttribute('.page', 'data-round-trip-ms'));
}

/** Move the threshold (or list size) once; the page's synchronous update time and the time to the next frame. */
async function move(page: Page, selector: string, value: string): Promise<{ sync: number; frame: number }> {
  return page.evaluate(async ([sel, v]) => {
    const el = document.querySelector(sel) as HTMLInputElement;
    const started = performance.now();
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    // The next frame's animation callback runs just before it paints; a task queued there runs after the paint.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const frame = performance.now() - started;
    return { sync: Number(document.querySelector('.page')!.getAttribute('data-update-ms')), frame };
  }, [selector, value] as const);
}

async function main() {
  const strict = process.argv.includes('--strict');
  if (!existsSync(CHROMIUM)) throw new Error(`needs chromium at ${CHROMIUM}`);
  const started = performance.now();
  const html = await buildExplorerHtml();
  console.log(`build: ${((performance.now() - started) / 1000).toFixed(1)} s; page ${(Buffer.byteLength(html) / 1024).toFixed(0)} kB raw, ${(gzipSync(html).length / 1024).toFixed(0)} kB gzip`);
  const dir = mkdtempSync(join(tmpdir(), 'risklab-explorer-bench-'));
  const file = join(dir, 'explore.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const opened = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('.page[data-state="ready"]', { timeout: 60_000 });
    console.log(`first view (think-family, 20,000 children, cold worker): ${(performance.now() - opened).toFixed(0)} ms to ready; round trip ${Number(await page.getAttribute('.page', 'data-round-trip-ms')).toFixed(0)} ms`);
    const recording: number[] = [];
    const population: number[] = [];
    const presets: number[] = [];
    for (let r = 0; r < REFITS; r++) {
      recording.push(await refitAfter(page, '#c-visibility', String(1.5 + 0.3 * r)));
      recording.push(await refitAfter(page, '#c-detection', String(0.4 + 0.05 * r)));
      population.push(await refitAfter(page, '#c-seed', String(1000 + r), 'change'));
      population.push(await refitAfter(page, '#c-base-rate', String(2 + r)));
    }
    for (const name of ['two-groups', 'what-works-1', 'trap', 'neutral', 'think-family']) presets.push(await refitAfter(page, '#c-preset', name, 'change'));
    console.log(`refit, recording change (same children re-recorded): ${fmt(recording)}`);
    console.log(`refit, new population (a new seed or base rate):    ${fmt(population)}`);
    console.log(`refit, preset change (cold population; What Works draws two cohorts): ${fmt(presets)}  [${presets.map((x) => x.toFixed(0)).join(', ')} ms: two-groups, what-works-1, trap, neutral, think-family]`);
    const sync: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < MOVES; i++) {
      const m = await move(page, '#c-threshold', (i % 2 === 0 ? 0.01 + i / MOVES / 2 : 0.99 - i / MOVES / 2).toFixed(2));
      sync.push(m.sync);
      frame.push(m.frame);
    }
    console.log(`threshold move, recompute + redraw (synchronous): ${fmt(sync)}`);
    console.log(`threshold move, input event to next frame:         ${fmt(frame)}`);
    const ok = median([...recording, ...population, ...presets]) < 1000 && median(frame) < 50;
    console.log(ok ? 'targets met (refit < 1,000 ms; threshold < 50 ms)' : 'TARGET MISSED');
    if (strict && !ok) process.exitCode = 1;
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
