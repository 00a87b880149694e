import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorerHtml, contentSecurityPolicy } from '../../explorer/build.js';
import { presetByName, type ExplorerOperatingPoint } from '../../explorer/src/presets.js';
import { presetDefaults } from '../../explorer/src/scenario.js';
import type { ExplorerSettings } from '../../explorer/src/settings.js';
import type { Numbers } from '../../explorer/src/numbers.js';
import { reference } from '../explorer/reference.js';

/**
 * The explorer in a real browser: the page `risklab explore` writes, built
 * here with the same function, opened from file:// in Debian's chromium
 * (never a downloaded browser; .ci/run installs it). Every number the page
 * shows is compared with the Node reference (tests/explorer/reference.ts:
 * the same functions the page's worker and the page call), exactly, and the
 * scores within the engines' floating-point difference (SCORE_TOLERANCE).
 * tests/explorer/run-parity.test.ts shows the Node reference equals
 * `risklab run`.
 */
const CHROMIUM = process.env.RISKLAB_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(REPO, 'test-output', 'screenshots');
const PROJECTOR = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let dir: string;
let file: string;
let html: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser test needs Debian's chromium at ${CHROMIUM} (none is downloaded); .ci/run installs it, or set RISKLAB_CHROMIUM.`);
  html = await buildExplorerHtml();
  dir = mkdtempSync(join(tmpdir(), 'risklab-explorer-'));
  file = join(dir, 'explore.html');
  writeFileSync(file, html);
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Open the page, recording console errors and warnings, page errors, failed requests and every request. */
async function open(viewport: { width: number; height: number }, hash = '') {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href + hash, { waitUntil: 'load' });
  await ready(page, 0);
  return { page, context, problems, requests };
}

/** Wait until the page shows a refit newer than `after` (by its view id) and its cards have arrived. */
async function ready(page: Page, after: number): Promise<number> {
  await page.waitForFunction((a) => {
    const el = document.querySelector('.page');
    return el?.getAttribute('data-state') === 'ready' && Number(el.getAttribute('data-view-id')) > a;
  }, after, { timeout: 60_000 });
  await page.waitForSelector('.pair-card:not([data-kind="waiting"])', { timeout: 30_000 });
  return Number(await page.getAttribute('.page', 'data-view-id'));
}

/** Every number on the page that carries a data-key, and the icon arrays' counts. */
async function shown(page: Page) {
  return page.evaluate(() => {
    const values: Record<string, number> = {};
    for (const el of document.querySelectorAll('[data-key][data-value]')) values[el.getAttribute('data-key')!] = Number(el.getAttribute('data-value'));
    const counts = (which: string) => document.querySelector(`figure.icon-array[data-which="${which}"]`)?.getAttribute('data-counts') ?? '';
    const root = document.querySelector('.page')!;
    return { values, records: counts('records'), truth: counts('truth'), sum: Number(root.getAttribute('data-score-sum')), testSize: Number(root.getAttribute('data-test-size')) };
  });
}

/**
 * Chromium's V8 and Node 20's V8 differ in the last bits of Math.exp/log, so
 * the logistic fit's scores differ slightly (measured: at most 2.9e-12 apart,
 * 1.3e-9 relative, think-family seed 20200601). Scores are compared within
 * 1e-9 each (through their sum); every count, and so every rate the page
 * shows, must be exactly equal.
 */
const SCORE_TOLERANCE = 1e-9;

/** The page's numbers equal the Node reference's. */
function expectEqual(page: Awaited<ReturnType<typeof shown>>, ref: { numbers: Numbers[]; sim: { scores: Float64Array } }, k = 0) {
  const n = ref.numbers[k];
  const sum = ref.sim.scores.reduce((a, b) => a + b, 0);
  expect(Math.abs(page.sum - sum), 'scores as in Node, within the engines\' difference').toBeLessThanOrEqual(SCORE_TOLERANCE * ref.sim.scores.length);
  const expected: Record<string, number> = {
    'records-precision': n.records.precision,
    'records-recall': n.records.recall,
    'truth-precision': n.truth.precision,
    'truth-recall': n.truth.recall,
    flagged: n.flagged,
    'group-a-share': n.groups.a.shareFlagged,
    'group-b-share': n.groups.b.shareFlagged,
    'group-a-fpr-truth': n.groups.a.truth.falseAlarmRate,
    'group-b-fpr-truth': n.groups.b.truth.falseAlarmRate,
    'group-a-fpr-records': n.groups.a.records.falseAlarmRate,
    'group-b-fpr-records': n.groups.b.records.falseAlarmRate,
  };
  for (const [key, value] of Object.entries(expected)) expect(page.values[key], key).toBe(value);
  expect(page.records).toBe(n.icons.records!.counts.join(','));
  expect(page.truth).toBe(n.icons.truth!.counts.join(','));
}

/** The smallest rendered text size on the page, in CSS pixels (SVG text scaled by its drawing). */
async function smallestText(page: Page) {
  return page.evaluate(() => {
    let min = Infinity;
    let where = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const el: Element = node.parentElement!;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || el.closest('.visually-hidden, noscript, option')) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) size *= el.getScreenCTM()?.a ?? 1;
      if (size < min) {
        min = size;
        where = `${el.tagName}.${el.getAttribute('class') ?? ''}: ${node.textContent.trim().slice(0, 40)}`;
      }
    }
    return { min, where };
  });
}

const only = (requests: string[]) => requests.filter((u) => u !== pathToFileURL(file).href && !u.startsWith('blob:null/'));

describe('the built page', () => {
  it('is one file with a strict Content-Security-Policy, and neither tfjs nor faker inside', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toBe(contentSecurityPolicy(html));
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^ ']+'; style-src 'sha256-[^ ']+'; worker-src blob:; img-src data:; base-uri 'none'; form-action 'none'$/);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(html).not.toMatch(/@faker-js|faker\.|tensorflow|tfjs/i);
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });
});

describe('the explorer in chromium, from file://', () => {
  it('opens on think-family with no console errors and no requests, and its numbers equal the Node reference', async () => {
    const { page, context, problems, requests } = await open(PROJECTOR);
    try {
      const p = presetByName('think-family').openingPoint;
      const ref = await reference(presetDefaults('think-family'), [{ rule: 'threshold', value: p.value }]);
      const s = await shown(page);
      expectEqual(s, ref);
      // The opening state already carries the message: the records flatter the model.
      expect(s.values['records-recall'] - s.values['truth-recall']).toBeGreaterThan(0.2);
      expect(await page.inputValue('#c-preset')).toBe('think-family');
      await page.waitForTimeout(300);
      expect(problems).toEqual([]);
      expect(only(requests), 'no request but the file itself and the inlined worker').toEqual([]);
      expect(requests.filter((u) => u.startsWith('blob:')).length).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'explorer-1-opening-1024x768.png') });
      await page.screenshot({ path: join(SCREENSHOTS, 'explorer-1-opening-1024x768-full.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('moving the threshold with the keyboard recolours the arrays and changes the numbers, without a refit, as Node computes them', async () => {
    // two-groups, whose scores spread over the range (think-family's leaked records push almost every score to 0 or 1).
    const { page, context, problems } = await open(PROJECTOR, '#preset=two-groups&op=threshold:0.5');
    try {
      const settings = presetDefaults('two-groups');
      const before = await shown(page);
      expectEqual(before, await reference(settings, [{ rule: 'threshold', value: 0.5 }]));
      const viewId = await page.getAttribute('.page', 'data-view-id');
      await page.focus('#c-threshold');
      for (let i = 0; i < 35; i++) await page.keyboard.press('ArrowLeft'); // 0.50 → 0.15
      expect(await page.inputValue('#c-threshold')).toBe('0.15');
      await page.waitForSelector('.pair-card:not([data-kind="waiting"])');
      const after = await shown(page);
      expect(await page.getAttribute('.page', 'data-view-id'), 'no refit').toBe(viewId);
      expect(after.values.flagged).toBeGreaterThan(before.values.flagged);
      expect(after.records).not.toBe(before.records);
      expect(after.truth).not.toBe(before.truth);
      expect(after.values['truth-recall']).toBeGreaterThan(before.values['truth-recall']);
      expectEqual(after, await reference(settings, [{ rule: 'threshold', value: 0.15 }]));
      expect(Number(await page.getAttribute('.page', 'data-update-ms'))).toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'explorer-2-two-groups-threshold-0.15-1024x768.png') });
      // A list instead of a threshold, also by keyboard: the list size follows the arrow keys.
      await page.check('input[name="rule"][value="topK"]');
      await page.focus('#c-list');
      await page.keyboard.press('Home');
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
      expect(await page.inputValue('#c-list')).toBe('40');
      expectEqual(await shown(page), await reference(settings, [{ rule: 'topK', value: 40 }]));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("raising group B's visibility refits, group B's share flagged rises, and the numbers equal Node's", async () => {
    const { page, context, problems } = await open(PROJECTOR);
    try {
      await page.selectOption('#c-preset', 'two-groups');
      let id = await ready(page, 1);
      const test = (await shown(page)).testSize;
      const list: ExplorerOperatingPoint = { rule: 'topK', value: Math.floor(0.05 * test) };
      const base = await shown(page);
      expectEqual(base, await reference(presetDefaults('two-groups'), [list]));
      await page.focus('#c-visibility');
      for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight'); // ×1.0 → ×2.5
      expect(await page.inputValue('#c-visibility')).toBe('2.5');
      id = await ready(page, id);
      const raised = await shown(page);
      expect(raised.values['group-b-share']).toBeGreaterThan(base.values['group-b-share']);
      expect(raised.values['group-a-share']).toBeLessThan(base.values['group-a-share']);
      const settings: ExplorerSettings = { ...presetDefaults('two-groups'), visibilityB: 2.5 };
      expectEqual(raised, await reference(settings, [list]));
      expect(Number(await page.getAttribute('.page', 'data-round-trip-ms'))).toBeGreaterThan(0);
      // The address now holds the state: opening it again shows the same numbers.
      const hash = new URL(page.url()).hash;
      expect(hash).toContain('visibilityB=2.5');
      const again = await open(PROJECTOR, hash);
      expect((await shown(again.page)).values).toEqual(raised.values);
      await again.context.close();
      expect(problems).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'explorer-3-two-groups-B-x2.5-1024x768.png') });
      await page.screenshot({ path: join(SCREENSHOTS, 'explorer-3-two-groups-B-x2.5-1024x768-full.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  for (const [name, viewport] of [['1024x768', PROJECTOR], ['390px', PHONE]] as const) {
    it(`works at ${name}: nothing wider than the window, no text under 12 px, every control labelled, explained and reachable by keyboard`, async () => {
      const { page, context, problems } = await open(viewport);
      try {
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        const text = await smallestText(page);
        expect(text.min, text.where).toBeGreaterThanOrEqual(12);
        const controls = await page.$$eval('.controls input, .controls select, .controls button', (els) =>
          els.map((el) => {
            const id = el.id;
            const label = (id && document.querySelector(`label[for="${id}"]`)?.textContent) || el.closest('label')?.textContent || (el as HTMLElement).innerText || '';
            const help = el.getAttribute('aria-describedby');
            return { id: id || (el as HTMLInputElement).value, label: label.trim(), help: help ? document.getElementById(help)?.textContent?.trim() ?? '' : null, tabIndex: (el as HTMLElement).tabIndex, tag: el.tagName };
          }),
        );
        expect(controls.length).toBeGreaterThanOrEqual(10);
        for (const c of controls) {
          expect(c.label, c.id).not.toBe('');
          expect(c.tabIndex, c.id).toBeGreaterThanOrEqual(0);
          if (c.tag !== 'BUTTON' && !['threshold', 'topK'].includes(c.id)) expect(c.help, `${c.id} explained`).toBeTruthy();
        }
        // Tab reaches the preset first and the threshold later.
        await page.focus('#c-preset');
        const order: string[] = [];
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Tab');
          order.push(await page.evaluate(() => document.activeElement?.id || (document.activeElement as HTMLInputElement)?.value || ''));
        }
        expect(order).toContain('c-threshold');
        expect(problems).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `explorer-4-opening-${name}.png`), fullPage: name === '390px' });
      } finally {
        await context.close();
      }
    });
  }
});
