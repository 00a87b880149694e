/**
 * Measures the experiment reports as readers see them (issue 10 §6–7), in
 * Debian's chromium (never a downloaded browser):
 *
 * - page height at a 1366×768 laptop, in pixels and in screens (height ÷ 768);
 * - the tallest chart at 1366×768 (every <details> opened), and every chart
 *   taller than the 768-px screen;
 * - the smallest rendered text (HTML and SVG, SVG text scaled by the chart's
 *   on-screen size) at a 390-px phone and a 1024×768 projector;
 * - the printed PDF (A4, as "print to PDF" of report.html): pages, how far
 *   down each is filled, near-blank pages (content ending in the top 30%, the
 *   last page aside) and pages whose last line is a heading (poppler's
 *   pdftotext, Debian's poppler-utils);
 * - a screenshot of the first screen at 1366×768 and 390×844 in
 *   test-output/report-pages/ (not committed).
 *
 * Run: npx tsx bench/report-pages.bench.ts [results-dir] (default results/).
 * Prints one line per report and a JSON summary to test-output/report-pages/pages.json.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { headingsAtFoot, nearBlankPages, printedPages } from '../tests/browser/pdf-layout.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const dir = resolve(process.argv[2] ?? 'results');
const out = resolve('test-output', 'report-pages');
mkdirSync(out, { recursive: true });

// Page scripts are strings: tsx's transform would add helpers (__name) that the page does not have.

/** The smallest rendered font size on the page (px), and where: SVG text scaled by its chart's on-screen size. */
export const SMALLEST_TEXT = `(() => {
  let best = { px: Infinity, text: '' };
  const consider = (px, text) => { if (px > 0 && px < best.px) best = { px, text: text.trim().slice(0, 60) }; };
  for (const el of document.querySelectorAll('svg text')) {
    const ctm = el.getScreenCTM();
    if (!ctm || !(el.textContent || '').trim()) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    consider(parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b), el.textContent || '');
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest('svg') || !(n.textContent || '').trim()) continue;
    const r = p.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    consider(parseFloat(getComputedStyle(p).fontSize), n.textContent || '');
  }
  return best;
})()`;

/** Opens every <details>. */
export const OPEN_DETAILS = `(() => { for (const d of document.querySelectorAll('details')) d.open = true; })()`;

/** Heights of every chart's SVG at the current viewport. */
export const CHART_HEIGHTS = `Array.from(document.querySelectorAll('figure.chart')).map((f) => ({ id: f.getAttribute('data-chart') || '', px: Math.round(f.querySelector('svg').getBoundingClientRect().height) }))`;

function pdfPages(pdf: string, headings: readonly string[]): { pages: number; nearBlank: number[]; headingAtFoot: number[]; fills: number[] } {
  const pages = printedPages(pdf);
  return { pages: pages.length, nearBlank: nearBlankPages(pages), headingAtFoot: headingsAtFoot(pages, headings), fills: pages.map((p) => Math.round(p.fill * 100) / 100) };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const summary: Record<string, unknown>[] = [];
for (const name of readdirSync(dir).sort()) {
  const html = join(dir, name, 'report.html');
  if (!existsSync(html)) continue;
  const url = pathToFileURL(html).href;
  const laptop = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await laptop.goto(url);
  await laptop.screenshot({ path: join(out, `${name}-1366.png`) });
  const height = await laptop.evaluate(() => document.documentElement.scrollHeight);
  const headings = (await laptop.evaluate(`Array.from(document.querySelectorAll('h1, h2, h3, h4, summary, figcaption .title')).map((h) => (h.textContent || '').trim())`)) as string[];
  const pdf = join(out, `${name}.pdf`);
  await laptop.pdf({ path: pdf, format: 'A4', printBackground: true });
  await laptop.evaluate(OPEN_DETAILS);
  const charts = (await laptop.evaluate(CHART_HEIGHTS)) as { id: string; px: number }[];
  const tallest = charts.reduce((a, c) => (c.px > a.px ? c : a), { id: '', px: 0 });
  await laptop.close();
  const sizes: Record<string, { px: number; text: string }> = {};
  for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['projector', { width: 1024, height: 768 }]] as const) {
    const page = await browser.newPage({ viewport });
    await page.goto(url);
    if (label === 'phone') await page.screenshot({ path: join(out, `${name}-390.png`) });
    await page.evaluate(OPEN_DETAILS);
    sizes[label] = (await page.evaluate(SMALLEST_TEXT)) as { px: number; text: string };
    await page.close();
  }
  let printed: ReturnType<typeof pdfPages> | { pages: number } = { pages: NaN };
  try {
    printed = pdfPages(pdf, headings);
  } catch {
    printed = { pages: NaN };
  }
  const row = {
    name,
    heightPx: height,
    screens: Math.round((height / 768) * 10) / 10,
    tallestChart: tallest,
    chartsOverScreen: charts.filter((c) => c.px > 768),
    smallestTextPhone: sizes.phone,
    smallestTextProjector: sizes.projector,
    pdf: printed,
  };
  summary.push(row);
  console.log(
    `${name}: ${height} px = ${row.screens} screens at 1366×768; tallest chart ${tallest.px} px (${tallest.id}); ${row.chartsOverScreen.length} over 768 px; smallest text ${sizes.phone.px.toFixed(1)} px at 390 ("${sizes.phone.text}"), ${sizes.projector.px.toFixed(1)} px at 1024; PDF ${JSON.stringify(printed)}`,
  );
}
await browser.close();
writeFileSync(join(out, 'pages.json'), `${JSON.stringify(summary, null, 2)}\n`);
