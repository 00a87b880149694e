import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { experimentCharts, renderCharts } from '../../src/report/charts/index.js';
import { experimentReportHtml } from '../../src/report/html/index.js';
import { tinyResult } from '../report/fixture.js';
import { headingsAtFoot, nearBlankPages, printedPages } from './pdf-layout.js';

/**
 * The reports as readers see them (issue 10 §6–7), in Debian's chromium:
 * no chart taller than a 1366×768 laptop screen, no text under 12 px on a
 * 390-px phone or a 1024×768 projector, the what-works report within 15
 * laptop screens, and a printed PDF with no near-blank page and no heading
 * alone at the foot of a page. Run on the tiny fixture's reports (one cell
 * and several) and on every report under RISKLAB_RESULTS_DIR (default the
 * committed results/: stale until they are regenerated with `npm start`).
 * Page heights go to test-output/report-layout/pages.json, first screens to
 * test-output/report-layout/*.png.
 */
const CHROMIUM = process.env.RISKLAB_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(REPO, 'test-output', 'report-layout');
const RESULTS = process.env.RISKLAB_RESULTS_DIR ?? join(REPO, 'results');
const LAPTOP = { width: 1366, height: 768 };
const SCREENS_MAX = 15;

/** Scripts run in the page (strings: the test's transform must not touch them). */
const OPEN_DETAILS = `(() => { for (const d of document.querySelectorAll('details')) d.open = true; })()`;
const CHART_HEIGHTS = `Array.from(document.querySelectorAll('figure.chart svg')).map((s) => ({ id: s.closest('figure').getAttribute('data-chart'), px: s.getBoundingClientRect().height }))`;
/** Every text on the page with its rendered size: HTML text by its computed font size, SVG text scaled by its chart's size on screen. */
const TEXT_SIZES = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('svg text')) {
    const ctm = el.getScreenCTM();
    const r = el.getBoundingClientRect();
    if (!ctm || !(el.textContent || '').trim() || (r.width === 0 && r.height === 0)) continue;
    out.push({ px: parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b), text: el.textContent.trim().slice(0, 40), where: el.closest('figure') ? el.closest('figure').getAttribute('data-chart') : 'svg' });
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest('svg') || !(n.textContent || '').trim()) continue;
    const r = p.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    out.push({ px: parseFloat(getComputedStyle(p).fontSize), text: n.textContent.trim().slice(0, 40), where: p.tagName.toLowerCase() + (p.className ? '.' + p.className : '') });
  }
  return out;
})()`;
const HEADINGS = `Array.from(document.querySelectorAll('h1, h2, h3, h4, summary, caption, figcaption .title')).map((h) => (h.textContent || '').trim())`;

let browser: Browser;
let site: string;
const reports: { name: string; path: string }[] = [];
const measured: Record<string, unknown>[] = [];

function oneCell(r: ExperimentResult): ExperimentResult {
  const keep = <T extends { cell: number }>(xs: readonly T[]) => xs.filter((x) => x.cell === 0);
  return { ...r, name: 'tiny-one-cell', cells: r.cells.slice(0, 1), rows: keep(r.rows), summary: keep(r.summary), brier: keep(r.brier), curves: keep(r.curves), equalRisk: keep(r.equalRisk), sizes: keep(r.sizes), cards: keep(r.cards ?? []) };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The layout test needs Debian's chromium at ${CHROMIUM} (none is downloaded); .ci/run installs it.`);
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); // Debian's poppler-utils (.ci/run installs it): reads the printed pages
  site = mkdtempSync(join(tmpdir(), 'risklab-layout-'));
  for (const result of [tinyResult(), oneCell(tinyResult())]) {
    const path = join(site, result.name, 'report.html');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, experimentReportHtml(result, await renderCharts(experimentCharts(result)), { version: 'layout-test' }));
    reports.push({ name: result.name, path });
  }
  if (existsSync(RESULTS)) {
    for (const name of readdirSync(RESULTS).sort()) {
      const path = join(RESULTS, name, 'report.html');
      if (existsSync(path)) reports.push({ name, path });
    }
  }
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (site) rmSync(site, { recursive: true, force: true });
  if (measured.length) writeFileSync(join(OUT, 'pages.json'), `${JSON.stringify(measured, null, 2)}\n`);
});

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return page;
}

describe('report layout in chromium', () => {
  it('finds the reports (the tiny fixture and every committed one)', () => {
    expect(reports.map((r) => r.name)).toEqual(expect.arrayContaining(['tiny-report', 'tiny-one-cell', 'what-works']));
  });

  it.each([0, 1, 2, 3, 4, 5, 6])('report %i: page height recorded; no chart taller than a 1366×768 screen; what-works within 15 screens', async (i) => {
    const report = reports[i];
    if (!report) return;
    const page = await open(report.path, LAPTOP);
    await page.screenshot({ path: join(OUT, `${report.name}-1366.png`) });
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    await page.evaluate(OPEN_DETAILS);
    const charts = (await page.evaluate(CHART_HEIGHTS)) as { id: string; px: number }[];
    await page.close();
    measured.push({ name: report.name, heightPx: height, screens: Math.round((height / LAPTOP.height) * 10) / 10, tallestChartPx: Math.max(0, ...charts.map((c) => c.px)) });
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.filter((c) => c.px > LAPTOP.height)).toEqual([]);
    if (report.name === 'what-works' || report.name.startsWith('tiny')) expect(height / LAPTOP.height, `${report.name}: ${height} px`).toBeLessThanOrEqual(SCREENS_MAX);
  }, 120_000);

  it.each([0, 1, 2, 3, 4, 5, 6])('report %i: no text under 12 px on a 390-px phone or a 1024×768 projector, every <details> open', async (i) => {
    const report = reports[i];
    if (!report) return;
    for (const viewport of [{ width: 390, height: 844 }, { width: 1024, height: 768 }]) {
      const page = await open(report.path, viewport);
      if (viewport.width === 390) await page.screenshot({ path: join(OUT, `${report.name}-390.png`) });
      await page.evaluate(OPEN_DETAILS);
      const sizes = (await page.evaluate(TEXT_SIZES)) as { px: number; text: string; where: string }[];
      await page.close();
      expect(sizes.length).toBeGreaterThan(50);
      const small = sizes.filter((s) => s.px < 11.95);
      expect(small.slice(0, 5), `${report.name} at ${viewport.width} px: ${small.length} texts under 12 px`).toEqual([]);
    }
  }, 120_000);

  it.each([0, 1, 2, 3, 4, 5, 6])('report %i: the printed PDF (A4) has no near-blank page and no heading alone at the foot of a page', async (i) => {
    const report = reports[i];
    if (!report) return;
    const page = await open(report.path, LAPTOP);
    const headings = (await page.evaluate(HEADINGS)) as string[];
    const pdf = join(OUT, `${report.name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.close();
    const pages = printedPages(pdf);
    const row = measured.find((m) => m.name === report.name);
    if (row) row.pdfPages = pages.length;
    expect(pages.length).toBeGreaterThan(0);
    expect(nearBlankPages(pages), `${report.name}: page fills ${pages.map((p) => p.fill.toFixed(2)).join(' ')}`).toEqual([]);
    expect(headingsAtFoot(pages, headings)).toEqual([]);
  }, 120_000);
});
