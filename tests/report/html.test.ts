import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { confusionFromCounts, parseCriterion } from '../../src/metrics/index.js';
import { experimentCharts, renderCharts, type RenderedChart } from '../../src/report/charts/index.js';
import { escapeHtml } from '../../src/report/escape.js';
import { experimentReportHtml, groupsDiffer, headlineNumbers, iconsOf, indexHtml, medianConfusion, replicateConfusions } from '../../src/report/html/index.js';
import { glossaryTerms, pageMessages } from '../../src/messages.js';
import { strengthWord } from '../../src/metrics/index.js';
import { stampLine, versionOnly } from '../../src/report/stamp.js';
import { summaryMarkdown } from '../../src/report/summary-md.js';
import { nobodyFlagged, oneCell } from './fixture.js';
import { HOSTILE, hostileResult, tinyResult } from './fixture.js';

const VERSION = '0.1.0-test';
let result: ExperimentResult;
let rendered: RenderedChart[];
let html: string;

/** The charts with a tiny stand-in SVG: the HTML snapshot then tests the page, the SVG snapshots test the charts. */
function placeholders(r: ExperimentResult): RenderedChart[] {
  return experimentCharts(r).map((c) => ({ ...c, svg: `<svg xmlns="http://www.w3.org/2000/svg" data-placeholder="${c.id}"><rect width="1" height="1"/></svg>` }));
}

beforeAll(async () => {
  result = tinyResult();
  rendered = await renderCharts(experimentCharts(result));
  html = experimentReportHtml(result, rendered, { version: VERSION });
});

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
 * The headline numbers computed another way, straight from the replicate
 * rows (what metrics.csv holds): tp = precision × flagged, fn = positives − tp,
 * the median of each count (numpy-style median), then "not at risk per 1,000
 * flagged" and "missed per 10", rounded as `firstPart` says.
 */
function expectedHeadline(r: ExperimentResult, cell: number, model: string, label: 'yRecorded' | 'yTrue') {
  const op = r.operatingPoints[0];
  const precision = r.rows.filter((x) => x.cell === cell && x.model === model && x.label === label && x.attribute === 'all' && x.operatingPoint === op && x.metric === 'precision');
  const counts = precision.map((x) => {
    const tp = x.flagged === 0 ? 0 : Math.round(x.value * x.flagged); // precision is NaN when nobody is flagged
    return { tp, fp: x.flagged - tp, fn: x.positives - tp };
  });
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const tp = med(counts.map((c) => c.tp));
  const fp = med(counts.map((c) => c.fp));
  const fn = med(counts.map((c) => c.fn));
  return { notAtRiskPer1000: 1000 - firstPart(tp, fp, 1000), missedPer10: 10 - firstPart(tp, fn, 10) };
}

describe('experimentReportHtml', () => {
  it('matches the committed HTML snapshot (charts stood in by placeholders)', async () => {
    await expect(experimentReportHtml(result, placeholders(result), { version: VERSION })).toMatchFileSnapshot('./__snapshots__/tiny-report.html');
  });

  it('is self-contained: no scripts, no external styles, fonts, images or frames, a CSP that forbids them', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|@import|@font-face|<base/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`);
    const urls = new Set([...html.matchAll(/https?:\/\/[^"'\s)<]+/g)].map((m) => m[0]));
    expect(urls).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('is printable: charts and icon arrays never break across pages, SVGs fit the width', () => {
    expect(html).toMatch(/@media print \{[\s\S]*figure\.chart, figure\.icon-array[^{]*\{ break-inside: avoid;/);
    expect(html).toContain('figure.chart svg { display: block; max-width: 100%; height: auto; }');
  });

  it('is the same string every time', () => {
    expect(experimentReportHtml(result, rendered, { version: VERSION })).toBe(html);
  });

  it('inlines every chart with its title, description and data table', () => {
    for (const c of rendered) {
      const start = html.indexOf(`<figure class="chart" id="chart-${c.id}"`);
      expect(start, c.id).toBeGreaterThan(0);
      const figure = html.slice(start, html.indexOf('</details>', start));
      expect(figure).toContain(escapeHtml(c.title));
      expect(figure).toContain(escapeHtml(c.description));
      expect(figure).toContain(c.svg);
      expect(figure).toContain(`<details class="chart-data" data-chart-table="${c.id}">`);
      expect(figure).toContain(`<caption>${escapeHtml(c.table.caption)}</caption>`);
    }
  });

  it('opens with the banner, the question as the title, the run stamp and the declared answer, before anything else', () => {
    const banner = html.indexOf('<aside class="banner"');
    const h1 = html.indexOf('<h1>');
    const answer = html.indexOf('<p class="answer" data-headline>');
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(h1);
    expect(h1).toBeLessThan(answer);
    expect(answer).toBeLessThan(html.indexOf('<section class="findings">'));
    expect(answer).toBeLessThan(html.indexOf('<section class="headline"'));
    expect(html).toContain(escapeHtml(pageMessages.banner.synthetic));
    expect(html).toContain('<a href="#sources">');
    expect(html.slice(h1, html.indexOf('</h1>'))).toContain(escapeHtml(result.question.replace(/\?.*$/, '')));
    expect(html).toContain(escapeHtml(stampLine(versionOnly(VERSION))));
    // The answer is the declared headline, every number marked with the finding it came from.
    const box = html.slice(answer, html.indexOf('</p>', answer));
    expect(box.replace(/<[^>]+>/g, '')).toBe(escapeHtml(result.findings.headline).replace(/&#39;/g, "'"));
    for (const part of result.findings.headlineParts) {
      if (!('path' in part) || typeof part.value !== 'number') continue;
      expect(box).toContain(`data-ref="${part.path}" data-finding="${part.finding}" data-value="${part.value}">${part.text}</span>`);
      const f = result.findings.findings.find((x) => x.id === part.finding)!;
      expect(part.value).toBe(f.median);
    }
  });

  it('shows the date, version and commit it is given, in the header and the footer', () => {
    const stamp = { version: '9.9.9', commit: '0123456789abcdef0123456789abcdef01234567', localChanges: false, date: '2025-06-01', dateSource: 'commit' as const };
    const page = experimentReportHtml(result, [], { version: '9.9.9', stamp });
    expect(page).toContain('Run date 2025-06-01 (date of the code’s commit) · risklab 9.9.9 · commit 0123456789ab');
    expect(page).toContain(`<footer class="trace">tiny-report · seed 20260301 · config hash ${result.configHash} · Run date 2025-06-01`);
  });

  it('puts the plain-words numbers of every cell in one table (never the first cell alone), from the same numbers as the tables', () => {
    const headline = html.indexOf('<section class="headline"');
    expect(headline).toBeGreaterThan(0);
    expect(headline).toBeLessThan(html.indexOf('<nav class="toc"'));
    expect(html).not.toContain('In the first cell');
    expect(html).not.toMatch(/<p class="claim"/);
    for (const cell of [0, 1]) {
      const t = expectedHeadline(result, cell, 'logistic', 'yTrue');
      const r = expectedHeadline(result, cell, 'logistic', 'yRecorded');
      const start = html.indexOf(`<tr data-cell="${cell}" data-scenario="council" data-grid="${result.cells[cell].grid}" data-model="logistic">`);
      expect(start).toBeGreaterThan(0);
      const row = html.slice(start, html.indexOf('</tr>', start));
      expect(row).toContain(`data-key="notAtRiskPer1000" data-value="${t.notAtRiskPer1000}"`);
      expect(row).toContain(`data-key="missedPer10" data-value="${t.missedPer10}"`);
      expect(row).toContain(`data-key="notRecordedPer1000" data-value="${r.notAtRiskPer1000}"`);
      expect(row).toContain(`data-key="missedRecordedPer10" data-value="${r.missedPer10}"`);
    }
    // Baselines are not headline models.
    expect(html).not.toMatch(/<tr [^>]*data-model="oracle">/);
  });

  it('with one setting, says it in sentences that name the model as a model and the outcome in its own words', () => {
    const one = oneCell({ ...result, outcome: { cases: 'children whose cases escalate', case: 'a child whose case escalates', nonCases: 'children whose cases do not escalate' } });
    const page = experimentReportHtml(one, [], { version: VERSION });
    const truth = expectedHeadline(one, 0, 'logistic', 'yTrue');
    expect(page).toMatch(
      new RegExp(
        `<p class="claim" data-cell="0" data-scenario="council" data-grid="1x" data-model="logistic">If the logistic model flags 1,000 children, <strong class="num" data-key="notAtRiskPer1000" data-value="${truth.notAtRiskPer1000}">(about )?${truth.notAtRiskPer1000}</strong> of them are children whose cases do not escalate; it misses <strong class="num" data-key="missedPer10" data-value="${truth.missedPer10}">(about )?${truth.missedPer10}</strong> of every 10 children whose cases escalate.</p>`,
      ),
    );
    expect(page).not.toMatch(/If logistic flags|\blogistic flags\b/);
    expect(page).toContain('Children whose cases escalate, missed');
  });

  it('links the first use of each glossary term to its entry, once, and defines every term once', () => {
    for (const term of glossaryTerms) {
      expect(html.match(new RegExp(`<dt id="g-${term.id}">`, 'g')), term.id).toHaveLength(1);
      expect((html.match(new RegExp(`href="#g-${term.id}"`, 'g')) ?? []).length, term.id).toBeLessThanOrEqual(1);
    }
    for (const id of ['precision', 'recall', 'replicate']) expect(html, id).toContain(`href="#g-${id}"`);
    expect(html.replace(/<a class="term" href="#g-[a-z-]+">([^<]*)<\/a>/g, '$1')).toContain(escapeHtml(pageMessages.scale(result.minCount)));
  });

  it('marks the named criteria met or not met, with a symbol and a word', () => {
    expect(html).toContain('<th scope="col">precision ≥ 0.65</th>');
    expect(html).toContain('<th scope="col">recall ≥ 0.5</th>');
    expect(html).toContain('<span class="verdict not-met">✗ not met</span>');
    const easy = experimentReportHtml({ ...result, criteria: [parseCriterion('precision ≥ 0.1'), parseCriterion('auc > 0.7')] }, [], { version: VERSION });
    const oracleTrue = easy.slice(easy.indexOf('<tr data-model="oracle" data-label="yTrue" data-op="topShare=0.1">'));
    const row = oracleTrue.slice(0, oracleTrue.indexOf('</tr>'));
    expect(row.match(/verdict met/g)).toHaveLength(2); // precision 0.30 ≥ 0.1; AUC 0.79 > 0.7
  });

  it('gives strength words and 2.5–97.5% ranges in the results table; precision under 0.5 is never "moderate"', () => {
    const row = result.summary.find((r) => r.cell === 0 && r.model === 'oracle' && r.label === 'yTrue' && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === 'recall')!;
    expect(html).toContain(
      `<span class="num" data-metric="recall">${row.median.toFixed(2)}</span> <span class="range">(${row.lower.toFixed(2)}–${row.upper.toFixed(2)})</span><span class="word">${strengthWord(row.median)}</span>`,
    );
    for (const m of html.matchAll(/<span class="num" data-metric="precision">([\d.]+)<\/span> <span class="range">[^<]*<\/span><span class="word">([^<]+)<\/span>/g)) {
      if (Number(m[1]) < 0.5) expect(['very weak', 'weak']).toContain(m[2]);
    }
  });

  it('a model that flags nobody has precision "not defined": never a number, a strength word or a met criterion', () => {
    const none = nobodyFlagged(result);
    const page = experimentReportHtml(none, [], { version: VERSION });
    const start = page.indexOf('<tr data-model="logistic" data-label="yTrue" data-op="topShare=0.1">');
    const row = page.slice(start, page.indexOf('</tr>', start));
    expect(row).toContain(`<span class="suppressed" data-metric="precision" data-suppressed="not defined: no children flagged">not defined</span>`);
    expect(row).not.toMatch(/very strong|✓ met/);
    expect(row).toContain('? cannot be judged');
    const md = summaryMarkdown(none, { version: VERSION });
    expect(md).not.toMatch(/Of every 1,000 children flagged, 1,000|out of 1 children/);
    expect(md).toContain('No children are flagged.');
  });

  it('draws icon arrays of 100 children per model, with four glyphs, and per group where groups differ', () => {
    const arrays = [...html.matchAll(/<figure class="icon-array" data-counts="(\d+),(\d+),(\d+),(\d+)" data-children="([\d,]+)">[\s\S]*?<\/figure>/g)];
    expect(arrays.length).toBeGreaterThanOrEqual(4);
    for (const a of arrays) {
      expect(Number(a[1]) + Number(a[2]) + Number(a[3]) + Number(a[4])).toBe(100);
      const glyphs = (a[0].match(/<circle|<path/g) ?? []).length;
      expect(glyphs).toBe(100);
      expect(a[0]).toContain(`100 icons for ${a[5]} children`);
    }
    expect(html).toContain('<ul class="icon-legend">');
    // Groups that differ by ≥ 2 icons in some kind get their own arrays; others do not.
    for (const attribute of ['sex', 'deprivation']) {
      const levels = attribute === 'sex' ? ['female', 'male'] : ['high', 'middle', 'low'];
      const arrays = levels.map((group) => iconsOf(medianConfusion(result, { cell: 0, model: 'logistic', label: 'yTrue', attribute, group, operatingPoint: 'topShare=0.1' })));
      expect(html.includes(`The logistic model, by ${attribute}`), attribute).toBe(groupsDiffer(arrays));
    }
  });

  it('says where the numbers come from: sources, seed, config hash and version', () => {
    const section = html.slice(html.indexOf('<h2 id="sources">'));
    expect(section).toContain('<code>20260301</code>');
    expect(section).toContain(`<code>${result.configHash}</code>`);
    expect(section).toContain(`<code>${VERSION}</code>`);
    for (const s of result.cells[0].sources) expect(section).toContain(escapeHtml(s.claim));
    expect(html).toContain(`<footer class="trace">tiny-report · seed 20260301 · config hash ${result.configHash} · ${escapeHtml(stampLine(versionOnly(VERSION)))}</footer>`);
  });
});

describe('headline numbers', () => {
  it('rebuild each replicate confusion table from the rows', () => {
    const list = replicateConfusions(result, { cell: 0, model: 'logistic', label: 'yTrue', operatingPoint: 'topShare=0.1' });
    expect(list).toHaveLength(result.replicates);
    const size = result.sizes.filter((s) => s.cell === 0);
    list.forEach((c, r) => {
      expect(c.n).toBe(size[r].test);
      expect(c.positives).toBe(size[r].testTruePositives);
      expect(c.tp + c.fp + c.fn + c.tn).toBe(c.n);
      expect(Math.min(c.tp, c.fp, c.fn, c.tn)).toBeGreaterThanOrEqual(0);
    });
  });

  it('for a group too', () => {
    const all = replicateConfusions(result, { cell: 0, model: 'logistic', label: 'yTrue', operatingPoint: 'topShare=0.1' });
    const parts = ['high', 'middle', 'low'].map((group) => replicateConfusions(result, { cell: 0, model: 'logistic', label: 'yTrue', attribute: 'deprivation', group, operatingPoint: 'topShare=0.1' }));
    all.forEach((c, r) => expect(parts.reduce((a, p) => a + p[r].tp, 0)).toBe(c.tp));
  });

  it('the example of the issue: 42 of 100 flagged at risk, 158 missed of 200', () => {
    // Of 1,000 flagged, 580 are not at risk (exact); of 10 at risk, 7.9 → about 8 are missed.
    const h = headlineNumbers(confusionFromCounts(42, 58, 158, 742));
    expect(h).toMatchObject({ notAtRiskPer1000: 580, notAtRiskText: '580', missedPer10: 8, missedText: 'about 8' });
  });

  it('groups differ when some kind of child differs by 2 or more icons in 100', () => {
    const arrays = (counts: number[][]) => counts.map((c) => iconsOf(confusionFromCounts(c[0], c[1], c[2], c[3])));
    expect(groupsDiffer(arrays([[3, 7, 6, 84], [4, 6, 6, 84]]))).toBe(false);
    expect(groupsDiffer(arrays([[3, 7, 6, 84], [3, 9, 6, 82]]))).toBe(true);
    expect(groupsDiffer(arrays([[3, 7, 6, 84]]))).toBe(false);
    expect(groupsDiffer([iconsOf(null), ...arrays([[1, 1, 1, 1]])])).toBe(false);
  });

  it('medianConfusion is null when nothing matches', () => {
    expect(medianConfusion(result, { cell: 0, model: 'nope', label: 'yTrue', operatingPoint: 'topShare=0.1' })).toBeNull();
  });
});

describe('escaping', () => {
  it('shows hostile config and data texts as text, never as markup', async () => {
    const bad = hostileResult();
    const page = experimentReportHtml(bad, await renderCharts(experimentCharts(bad)), { version: '<b>v</b>' });
    expect(page).not.toMatch(/<script|<img|<iframe|<svg onload|<b>/i);
    expect(page).toContain(escapeHtml(HOSTILE.group));
    expect(page).toContain(escapeHtml(HOSTILE.scenario));
    expect(page).toContain(escapeHtml(HOSTILE.question));
    expect(page).toContain(escapeHtml(HOSTILE.model));
    expect(page).toContain(escapeHtml(HOSTILE.attribute));
    expect(page).toContain('&lt;b&gt;v&lt;/b&gt;');
    // Attribute values cannot be closed early: every data-model attribute holds escaped quotes.
    for (const m of page.matchAll(/data-model="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
  });

  it('escapes the index too', () => {
    const bad = hostileResult();
    const page = indexHtml([bad], { version: '1' });
    expect(page).not.toMatch(/<script|<img|<iframe/i);
    expect(page).toContain(escapeHtml(HOSTILE.question));
  });
});

describe('indexHtml', () => {
  it('matches the committed snapshot and links each report', async () => {
    const second = { ...result, name: 'another-one', question: 'A second experiment?' };
    const page = indexHtml([result, second], { version: VERSION });
    expect(page.indexOf('another-one/report.html')).toBeLessThan(page.indexOf('tiny-report/report.html'));
    expect(page).toContain(`<a href="tiny-report/report.html">${escapeHtml(result.question)}</a>`);
    expect(page).toContain('<a href="tiny-report/brief.html">');
    expect(page.indexOf('<aside class="banner"')).toBeLessThan(page.indexOf('<article'));
    // Each experiment speaks with its declared answer, not its first cell.
    expect(page).not.toMatch(/first of \d+ grid cells|<p class="claim"/);
    expect(page).toContain(`data-finding="missed[1x]"`);
    await expect(page).toMatchFileSnapshot('./__snapshots__/index.html');
    expect(page).not.toContain('data-explorer');
  });
  it('links the explorer when asked (npm start writes explore.html beside it)', () => {
    const page = indexHtml([result], { version: VERSION, explorerHref: 'explore.html' });
    expect(page).toMatch(/<p class="explore" data-explorer><a href="explore.html">Open the explorer<\/a>/);
    expect(page.indexOf('data-explorer')).toBeLessThan(page.indexOf('<article'));
  });
});
