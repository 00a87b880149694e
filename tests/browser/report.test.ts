import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { experimentCharts, renderCharts } from '../../src/report/charts/index.js';
import { experimentReportHtml, headlineModels, indexHtml } from '../../src/report/html/index.js';
import { metricsCsv } from '../../src/report/tables.js';
import { briefHtml, experimentBrief } from '../../src/report/brief/index.js';
import { versionOnly } from '../../src/report/stamp.js';
import { pdfPageCount } from '../../src/io/pdf.js';
import { pageMessages } from '../../src/messages.js';
import { HOSTILE, hostileResult, tinyResult } from '../report/fixture.js';
import { findingFromCsv } from './findings-from-csv.js';

/**
 * Opens the written reports in a real browser: Debian's chromium, headless,
 * never a downloaded one. The test fails (does not skip) when chromium is
 * missing; .ci/run installs the package first.
 */
const CHROMIUM = process.env.RISKLAB_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(REPO, 'test-output', 'screenshots');
const RESULTS = process.env.RISKLAB_RESULTS_DIR ?? join(REPO, 'results');
const VIEWPORTS = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
/** The first screen a commissioner sees on a common laptop: it must hold the banner and the declared answer. */
const FIRST_SCREEN = { width: 1366, height: 768 } as const;

let browser: Browser;
let site: string;
const reports: { name: string; result: ExperimentResult; path: string }[] = [];

function oneCell(r: ExperimentResult): ExperimentResult {
  const keep = <T extends { cell: number }>(xs: readonly T[]) => xs.filter((x) => x.cell === 0);
  return {
    ...r,
    name: 'tiny-one-cell',
    cells: r.cells.slice(0, 1),
    rows: keep(r.rows),
    summary: keep(r.summary),
    brier: keep(r.brier),
    curves: keep(r.curves),
    equalRisk: keep(r.equalRisk),
    sizes: keep(r.sizes),
    cards: keep(r.cards ?? []),
  };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Debian's chromium at ${CHROMIUM} (none is downloaded). Install it with "apt-get install -y chromium" — .ci/run does this when it is missing — or set RISKLAB_CHROMIUM to its path.`,
    );
  }
  site = mkdtempSync(join(tmpdir(), 'risklab-report-'));
  const results = [tinyResult(), oneCell(tinyResult()), { ...hostileResult(), name: 'hostile' }];
  for (const result of results) {
    const folder = join(site, result.name);
    mkdirSync(folder, { recursive: true });
    const charts = await renderCharts(experimentCharts(result));
    const path = join(folder, 'report.html');
    writeFileSync(path, experimentReportHtml(result, charts, { version: 'browser-test' }));
    writeFileSync(join(folder, 'brief.html'), briefHtml(experimentBrief(result, versionOnly('browser-test'))));
    writeFileSync(join(folder, 'metrics.csv'), [...metricsCsv(result)].join(''));
    reports.push({ name: result.name, result, path });
  }
  writeFileSync(join(site, 'index.html'), indexHtml(results, { version: 'browser-test' }));
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Open a file, recording console errors, page errors, failed requests, every request and any dialog. */
async function open(path: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: true });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, context, problems, requests };
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), records.push(row), (row = []), (field = '');
    else field += ch;
  }
  const [header, ...body] = records;
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j]])));
}

/**
 * The first of two parts scaled to `base` and rounded so the two add up to
 * `base`, a tie going to the first part (the metrics module's documented
 * largest-remainder rule): for two parts that is rounding the first half up.
 */
function firstPart(a: number, b: number, base: number): number {
  const exact = (base * a) / (a + b);
  return exact - Math.floor(exact) >= 0.5 ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * Headline numbers from metrics.csv alone: per replicate tp = precision ×
 * flagged, fp = flagged − tp, fn = positives − tp; the median of each count;
 * not at risk per 1,000 flagged and missed per 10 (rounded as `firstPart` says).
 */
/** The last round of an experiment with rounds (a round column), or -Infinity: the pages show that round. */
function lastRoundOf(csv: readonly Record<string, string>[]): number {
  return csv.reduce((m, r) => (r.round === undefined || r.round === '' ? m : Math.max(m, Number(r.round))), -Infinity);
}

function headlineFromCsv(csv: Record<string, string>[], lastRound: number, at: { scenario: string; grid: string; model: string; op: string }, label: 'y_true' | 'y_recorded') {
  // Everyone's rows (metrics.csv also holds every group's; files written before it did have no attribute column).
  const rows = csv.filter(
    (r) =>
      r.scenario === at.scenario &&
      r.grid === at.grid &&
      r.model === at.model &&
      r.label === label &&
      r.operating_point === at.op &&
      r.metric === 'precision' &&
      (r.attribute ?? 'all') === 'all' &&
      (lastRound === -Infinity || Number(r.round) === lastRound),
  );
  const counts = rows.map((r) => {
    const flagged = Number(r.flagged);
    const tp = flagged === 0 ? 0 : Math.round(Number(r.value) * flagged); // precision is NaN when nobody is flagged
    return { tp, fp: flagged - tp, fn: Number(r.positives) - tp };
  });
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const tp = med(counts.map((x) => x.tp));
  const fp = med(counts.map((x) => x.fp));
  const fn = med(counts.map((x) => x.fn));
  return { replicates: rows.length, notAtRisk: 1000 - firstPart(tp, fp, 1000), missed: 10 - firstPart(tp, fn, 10) };
}

/** The headline numbers a page shows, with what they are about (read from its data- attributes). */
async function headlineNumbersOn(page: Page) {
  return page.$$eval('.headline[data-op] [data-key]', (els) =>
    els.map((e) => {
      const at = e.closest('[data-cell]')!;
      return {
        op: e.closest('[data-op]')!.getAttribute('data-op')!,
        cell: Number(at.getAttribute('data-cell')),
        scenario: at.getAttribute('data-scenario')!,
        grid: at.getAttribute('data-grid')!,
        model: at.getAttribute('data-model')!,
        key: e.getAttribute('data-key')!,
        value: Number(e.getAttribute('data-value')),
        text: e.textContent ?? '',
      };
    }),
  );
}

/** Every headline number on the page equals the one computed from metrics.csv beside it. */
async function expectHeadlineMatchesCsv(page: Page, csvPath: string, name: string) {
  const csv = parseCsv(readFileSync(csvPath, 'utf8'));
  const lastRound = lastRoundOf(csv);
  const shown = await headlineNumbersOn(page);
  expect(shown.length, `${name}: headline numbers`).toBeGreaterThan(0);
  for (const s of shown) {
    const truth = headlineFromCsv(csv, lastRound, s, 'y_true');
    const records = headlineFromCsv(csv, lastRound, s, 'y_recorded');
    expect(truth.replicates, `${name}: metrics.csv rows for ${s.scenario} ${s.grid} ${s.model}`).toBeGreaterThan(0);
    const expected = { notAtRiskPer1000: truth.notAtRisk, missedPer10: truth.missed, notRecordedPer1000: records.notAtRisk, missedRecordedPer10: records.missed }[s.key];
    expect(s.value, `${name} cell ${s.cell} ${s.model} ${s.key}`).toBe(expected);
    expect(s.text).toMatch(new RegExp(`^(about )?${s.value.toLocaleString('en-GB')}$`));
  }
  return shown;
}

/** The banner and the declared answer lie within the first screen, and the answer is the experiment's headline. */
async function expectFirstScreen(page: Page, name: string, headline: string) {
  const box = async (selector: string) => page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, text: (e.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
  const banner = await box('aside.banner');
  const answer = await box('p.answer[data-headline]');
  const height = page.viewportSize()!.height;
  expect(banner.text, name).toContain(pageMessages.banner.synthetic);
  expect(banner.bottom, `${name}: banner on the first screen`).toBeLessThanOrEqual(height);
  expect(answer.bottom, `${name}: the declared answer on the first screen`).toBeLessThanOrEqual(height);
  expect(answer.text, name).toBe(headline.replace(/\s+/g, ' ').trim());
  expect(await page.$eval('h1', (e) => e.getBoundingClientRect().bottom), `${name}: the question`).toBeLessThanOrEqual(height);
}

/**
 * Every number of the declared headline (marked with the finding it came
 * from) equals that finding recomputed from metrics.csv and config.json
 * alone (tests/browser/findings-from-csv.ts); at least one per report.
 */
async function expectDeclaredHeadlineMatchesCsv(page: Page, folder: string, name: string) {
  const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'));
  const rows = parseCsv(readFileSync(join(folder, 'metrics.csv'), 'utf8'));
  const marked = await page.$$eval('p.answer[data-headline] .num[data-finding]', (els) =>
    els.map((e) => ({ ref: e.getAttribute('data-ref')!, finding: e.getAttribute('data-finding')!, value: e.getAttribute('data-value')!, suppressed: e.hasAttribute('data-suppressed') })),
  );
  let checked = 0;
  for (const m of marked) {
    if (m.suppressed || m.ref !== m.finding) continue; // a withheld number, or a placeholder of the finding other than its value
    const expected = findingFromCsv(config, rows, m.finding);
    if (expected === null) continue;
    expect(Number(m.value), `${name}: ${m.finding}`).toBeCloseTo(expected, 12);
    checked++;
  }
  expect(checked, `${name}: headline numbers checked against metrics.csv`).toBeGreaterThan(0);
}

async function chartMarks(page: Page) {
  return page.$$eval('figure.chart svg', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return {
        id: svg.closest('figure')?.getAttribute('data-chart') ?? '',
        marks: svg.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark rect, g.role-mark circle').length,
        width: box.width,
        height: box.height,
        table: !!document.querySelector(`details.chart-data[data-chart-table="${svg.closest('figure')?.getAttribute('data-chart')}"] table tbody tr`),
        label: svg.getAttribute('aria-labelledby') ?? '',
      };
    }),
  );
}

describe('reports in a real browser (chromium)', () => {
  for (const viewportName of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    it(`every report opens cleanly on a ${viewportName}, every chart holds marks, the headline equals metrics.csv`, async () => {
      for (const report of reports) {
        const { page, context, problems, requests } = await open(report.path, VIEWPORTS[viewportName]);
        try {
          expect(problems, report.name).toEqual([]);
          expect(requests, `${report.name}: the page requests nothing but itself`).toEqual([pathToFileURL(report.path).href]);

          const charts = await chartMarks(page);
          expect(charts.length, report.name).toBe(experimentCharts(report.result).length);
          for (const c of charts) {
            expect(c.marks, `${report.name} ${c.id}`).toBeGreaterThan(0);
            expect(c.width, `${report.name} ${c.id}`).toBeGreaterThan(100);
            expect(c.height, `${report.name} ${c.id}`).toBeGreaterThan(100);
            expect(c.table, `${report.name} ${c.id} data table`).toBe(true);
            expect(c.label).toMatch(/-title .*-desc$/);
          }

          const shown = await expectHeadlineMatchesCsv(page, join(dirname(report.path), 'metrics.csv'), report.name);
          // Sentences for one setting; with a grid, one table of every cell (never the first cell alone).
          const models = headlineModels(report.result);
          const cells = report.result.cells.length;
          expect(shown).toHaveLength(models.length * 4 * cells);
          expect(new Set(shown.map((s) => `${s.cell}|${s.model}|${s.key}`)).size).toBe(cells * models.length * 4);

          if (viewportName === 'phone') {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${report.name}: no sideways scrolling of the page on a phone`).toBeLessThanOrEqual(0);
          }
          await page.screenshot({ path: join(SCREENSHOTS, `${report.name}-${viewportName}.png`), fullPage: true, timeout: 60_000 });
        } finally {
          await context.close();
        }
      }
    });
  }

  it('reports the results writer put in results/ (when there are any) open cleanly, with marks, plain-words and declared headline numbers equal to their metrics.csv, the answer on the first screen, and a one-page brief.pdf', async () => {
    const heights: string[] = [];
    const written = existsSync(RESULTS)
      ? readdirSync(RESULTS)
          .map((d) => join(RESULTS, d, 'report.html'))
          .filter((p) => existsSync(p))
      : [];
    for (const path of written) {
      const name = basename(dirname(path));
      if (!readFileSync(path, 'utf8').includes('<p class="answer" data-headline>')) {
        expect.fail(`${RESULTS}/${name}/report.html was written by an older risklab (it does not open with the banner and the declared answer, and has no brief.pdf): regenerate it with \`npm start\` and commit results/`);
      }
      const { page, context, problems, requests } = await open(path, VIEWPORTS.laptop);
      try {
        expect(problems, name).toEqual([]);
        expect(requests, name).toEqual([pathToFileURL(path).href]);
        const charts = await chartMarks(page);
        for (const c of charts) expect(c.marks, `${name} ${c.id}`).toBeGreaterThan(0);
        const csv = join(dirname(path), 'metrics.csv');
        if (existsSync(csv)) await expectHeadlineMatchesCsv(page, csv, name);
        await expectDeclaredHeadlineMatchesCsv(page, dirname(path), name);
        await page.screenshot({ path: join(SCREENSHOTS, `results-${name}-laptop.png`), fullPage: true, timeout: 60_000 });
      } finally {
        await context.close();
      }
      const first = await open(path, FIRST_SCREEN);
      try {
        const headline = await first.page.$eval('p.answer[data-headline]', (e) => e.textContent ?? '');
        await expectFirstScreen(first.page, name, headline);
        heights.push(`${name}: ${await first.page.evaluate(() => document.documentElement.scrollHeight)} px at 1366 wide`);
        await first.page.screenshot({ path: join(SCREENSHOTS, `results-${name}-first-screen.png`) });
      } finally {
        await first.context.close();
      }
      // The brief: one A4 page, printed by risklab itself; and how it looks as a page.
      const pdf = join(dirname(path), 'brief.pdf');
      expect(existsSync(pdf), `${name}: brief.pdf`).toBe(true);
      expect(pdfPageCount(new Uint8Array(readFileSync(pdf))), `${name}: brief.pdf pages`).toBe(1);
      const brief = await open(join(dirname(path), 'brief.html'), { width: 794, height: 1123 });
      try {
        expect(brief.problems, name).toEqual([]);
        await brief.page.emulateMedia({ media: 'print' });
        await brief.page.screenshot({ path: join(SCREENSHOTS, `results-${name}-brief.png`), fullPage: true });
      } finally {
        await brief.context.close();
      }
    }
    if (heights.length) writeFileSync(join(SCREENSHOTS, 'page-heights.txt'), `${heights.join('\n')}\n`);
  });

  it('the first screen (1366×768) of every report holds the banner and the declared answer', async () => {
    for (const report of reports) {
      const { page, context } = await open(report.path, FIRST_SCREEN);
      try {
        await expectFirstScreen(page, report.name, report.result.findings.headline);
        await page.screenshot({ path: join(SCREENSHOTS, `${report.name}-first-screen.png`) });
      } finally {
        await context.close();
      }
    }
  });

  it('a hostile group label, scenario and model show as text; nothing runs', async () => {
    const report = reports.find((r) => r.name === 'hostile')!;
    const { page, context, problems } = await open(report.path, VIEWPORTS.laptop);
    try {
      expect(problems).toEqual([]);
      expect(await page.$$eval('script, iframe, img', (els) => els.length)).toBe(0);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain(HOSTILE.group);
      expect(text).toContain(HOSTILE.scenario);
      expect(text).toContain(HOSTILE.model);
      expect(text).toContain(HOSTILE.question);
      // Inside the charts too: vega wrote the label as SVG text.
      const svgText = await page.$$eval('figure.chart svg text', (els) => els.map((e) => e.textContent ?? ''));
      expect(svgText.some((t) => t.includes(HOSTILE.group))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('prints to PDF with every chart kept whole (break-inside: avoid) and no wider than the page', async () => {
    const report = reports.find((r) => r.name === 'tiny-report')!;
    const { page, context, problems } = await open(report.path, VIEWPORTS.laptop);
    try {
      await page.emulateMedia({ media: 'print' });
      const layout = await page.$$eval('figure.chart', (figs) =>
        figs.map((f) => ({ breakInside: getComputedStyle(f).breakInside, svg: f.querySelector('svg')!.getBoundingClientRect().width, main: document.querySelector('main')!.getBoundingClientRect().width })),
      );
      for (const l of layout) {
        expect(l.breakInside).toBe('avoid');
        expect(l.svg).toBeLessThanOrEqual(l.main + 0.5);
      }
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      writeFileSync(join(SCREENSHOTS, `${report.name}.pdf`), pdf);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the index opens cleanly and links every report', async () => {
    const path = join(site, 'index.html');
    const { page, context, problems, requests } = await open(path, VIEWPORTS.phone);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(path).href]);
      const links = [...new Set(await page.$$eval('a[href$="report.html"], a[href$="brief.html"]', (as) => as.map((a) => (a as HTMLAnchorElement).href)))];
      expect(links).toHaveLength(2 * reports.length);
      for (const href of links) expect(existsSync(fileURLToPath(href)), href).toBe(true);
      // Each experiment's block opens with its question and its declared answer (never the first cell of its grid).
      const answers = await page.$$eval('article.experiment p.answer[data-headline]', (ps) => ps.map((x) => (x.textContent ?? '').trim()));
      expect(answers.sort()).toEqual(reports.map((r) => r.result.findings.headline).sort());
      await page.screenshot({ path: join(SCREENSHOTS, 'index-phone.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
