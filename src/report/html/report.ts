import type { ExperimentResult } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { pageMessages as p, reportMessages as t } from '../../messages.js';
import { cellName, cellShortName, headlinePoint, modelName } from '../charts/common.js';
import type { RenderedChart } from '../charts/types.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { findingsHtml, findingsTable } from '../findings-table.js';
import { LIST_CSS, listSection } from '../list-section.js';
import { glossary, type Glossary } from '../glossary.js';
import { versionOnly, type RunStamp } from '../stamp.js';
import { childrenCount, modelNoun, questionTitle } from '../words.js';
import { chartFigure, layoutMessages } from './figures.js';
import { answerHtml, bannerHtml, headerHtml } from './frame.js';
import { groupsDiffer, headlineNumbers, iconsOf, medianConfusion, type HeadlineNumbers } from './headline.js';
import { iconArrayFigure, iconLegend, type IconWords } from './icons.js';
import { htmlPage } from './page.js';
import { pairCardHtml } from './pair-card.js';
import { trainerCard } from '../../experiment/card.js';
import { provenanceSection, scaleSection, traceFooter } from './provenance.js';
import { resultsTable } from './results-table.js';
import { suppression } from '../../metrics/index.js';

/** What a report needs besides the result. */
export interface ReportExtras {
  /** risklab's version, printed with the seed and config hash (used when `stamp` is absent). */
  readonly version: string;
  /** Version, commit and date of the run (src/io/stamp.ts); default: the version alone, "not recorded" for the rest. */
  readonly stamp?: RunStamp;
  /** Link to the index of reports; default "../index.html"; null for no link. */
  readonly indexHref?: string | null;
  /** Link to the one-page brief; default "brief.html"; null for no link. */
  readonly briefHref?: string | null;
}

/** Models the headline speaks of: those a council would deploy (every model when all are baselines). */
export function headlineModels(result: ExperimentResult): string[] {
  const real = result.models.filter((m) => !m.baseline).map((m) => m.label);
  return real.length ? real : result.models.map((m) => m.label);
}

/** A plain-words number as HTML, marked with its key and exact value for tests and readers' tools. */
function strong(key: string, value: number | null, text: string | null): string {
  return `<strong class="num" data-key="${key}" data-value="${value ?? ''}">${escapeHtml(text ?? '')}</strong>`;
}

/**
 * Attributes that say which numbers an element shows (cell, scenario, grid
 * label, model), so a reader's tool — or the browser test — can match them
 * to the rows of metrics.csv without the result.
 */
function cellAttributes(result: ExperimentResult, cell: number, model: string): string {
  const c = result.cells[cell];
  return `data-cell="${cell}" data-scenario="${escapeAttribute(c.scenario)}" data-grid="${escapeAttribute(c.grid)}" data-model="${escapeAttribute(model)}"`;
}

/** The plain-words numbers of one model in one cell, against the truth and against the records (null: nobody flagged or no cases). */
export function headlineFor(result: ExperimentResult, cell: number, model: string): { truth: HeadlineNumbers | null; records: HeadlineNumbers | null } {
  const op = headlinePoint(result);
  const numbers = (label: 'yTrue' | 'yRecorded') => {
    const c = medianConfusion(result, { cell, model, label, operatingPoint: op });
    return c === null || c.flagged === 0 || c.positives === 0 ? null : headlineNumbers(c, result.minCount);
  };
  return { truth: numbers('yTrue'), records: numbers('yRecorded') };
}

/** The plain-words sentences of one model in one cell (HTML): what the truth says, then what the records would have said. */
export function headlineSentences(result: ExperimentResult, cell: number, model: string, g: Glossary = glossary()): string {
  const op = headlinePoint(result);
  const noun = modelNoun(result, model);
  const attrs = cellAttributes(result, cell, model);
  const { truth: h, records: r } = headlineFor(result, cell, model);
  if (h === null) {
    const truth = medianConfusion(result, { cell, model, label: 'yTrue', operatingPoint: op });
    const text = truth === null || truth.flagged === 0 ? t.headlineNobodyFlagged(noun) : t.headlineNoCases(noun, result.outcome.cases);
    return `<p class="claim" ${attrs}>${g.html(capital(text))}</p>`;
  }
  const withheld = h.suppressed.flagged ?? h.suppressed.atRisk;
  if (withheld) return `<p class="claim withheld" ${attrs}>${escapeHtml(p.plainTooFew(noun, withheld))}</p>`;
  const claim = p.plainSentence(escapeHtml(noun), strong('notAtRiskPer1000', h.notAtRiskPer1000, h.notAtRiskText), strong('missedPer10', h.missedPer10, h.missedText), escapedOutcome(result));
  const recordsWithheld = r && (r.suppressed.flagged ?? r.suppressed.atRisk);
  const versus =
    r === null || recordsWithheld
      ? ''
      : `<p class="versus" ${attrs}>${p.plainRecorded(strong('notRecordedPer1000', r.notAtRiskPer1000, r.notAtRiskText), strong('missedRecordedPer10', r.missedPer10, r.missedText))}</p>`;
  return `<p class="claim" ${attrs}>${claim}</p>${versus}`;
}

const capital = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;

/** The outcome words, escaped for HTML. */
function escapedOutcome(result: ExperimentResult) {
  return { cases: escapeHtml(result.outcome.cases), case: escapeHtml(result.outcome.case), nonCases: escapeHtml(result.outcome.nonCases) };
}

/** A plain-words number in a table cell, or why it is withheld. */
function numberCell(key: string, value: number | null, text: string | null, withheld: string | undefined): string {
  if (withheld) return `<td class="n suppressed" data-suppressed="${escapeAttribute(withheld)}" title="${escapeAttribute(withheld)}">${escapeHtml(p.suppressedInline)}</td>`;
  return value === null ? '<td class="n">—</td>' : `<td class="n num" data-key="${key}" data-value="${value}">${escapeHtml(text ?? '')}</td>`;
}

/** The plain-words numbers of every cell and model as a compact table (for a grid: the whole experiment, never its first cell). */
function headlineGridTable(result: ExperimentResult, models: readonly string[]): string {
  const columns = p.plainGridColumns(result.outcome);
  const rows: string[] = [];
  for (const c of result.cells) {
    for (const model of models) {
      const { truth, records } = headlineFor(result, c.index, model);
      const cells = [
        numberCell('notAtRiskPer1000', truth?.notAtRiskPer1000 ?? null, truth?.notAtRiskText ?? null, truth?.suppressed.flagged),
        numberCell('missedPer10', truth?.missedPer10 ?? null, truth?.missedText ?? null, truth?.suppressed.atRisk),
        numberCell('notRecordedPer1000', records?.notAtRiskPer1000 ?? null, records?.notAtRiskText ?? null, records?.suppressed.flagged),
        numberCell('missedRecordedPer10', records?.missedPer10 ?? null, records?.missedText ?? null, records?.suppressed.atRisk),
      ];
      rows.push(`<tr ${cellAttributes(result, c.index, model)}><td>${escapeHtml(cellShortName(result, c.index))}</td><td>${escapeHtml(modelName(result, model))}</td>${cells.join('')}</tr>`);
    }
  }
  const oneCellEach = new Set(result.cells.map((c) => c.scenario)).size === result.cells.length;
  const head = [oneCellEach ? t.axis.scenario : result.gridLabel || columns.setting, columns.model, columns.notCasesPer1000, columns.missedPer10, columns.notRecordedPer1000, columns.missedRecordedPer10];
  return [
    '<div class="table-wrap">',
    '<table class="headline-grid">',
    `<caption>${escapeHtml(p.plainGridCaption(result.gridLabel))}</caption>`,
    `<thead><tr>${head.map((h, j) => `<th scope="col"${j >= 2 ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

/** "In plain words": for one setting, a sentence pair per model; for a grid, every cell and model in one table. */
function plainWordsBox(result: ExperimentResult, g: Glossary): string {
  const op = headlinePoint(result);
  const models = headlineModels(result);
  const grid = result.cells.length > 1;
  const intro = grid ? p.plainGridIntro(operatingPointWords(op), result.replicates, result.cells.length) : p.plainIntro(operatingPointWords(op), result.replicates);
  const parts = [`<h2 id="headline">${escapeHtml(p.plainHeading)}</h2>`, `<p class="note">${g.html(intro)}</p>`];
  if (grid) parts.push(headlineGridTable(result, models));
  else for (const model of models) parts.push(headlineSentences(result, 0, model, g));
  return `<section class="headline" aria-labelledby="headline" data-op="${escapeAttribute(op)}">\n${parts.join('\n')}\n</section>`;
}

/** The four kinds of icon in the experiment's outcome words. */
export function iconWords(result: ExperimentResult): IconWords {
  return p.iconCategory(result.outcome);
}

/** An icon figure for one selection: the picture, how many children it stands for, or why it is withheld. */
function iconFigure(result: ExperimentResult, who: string, sel: Parameters<typeof medianConfusion>[1]): string {
  const c = medianConfusion(result, sel);
  const words = iconWords(result);
  if (c === null || c.n === 0) return iconArrayFigure(who, null, { words });
  const s = suppression('accuracy', c, result.minCount);
  if (s.suppressed) return iconArrayFigure(who, null, { words, withheld: s.reason });
  return iconArrayFigure(who, iconsOf(c), { words, children: childrenCount(c.n), few: c.n < 100 });
}

function iconSection(result: ExperimentResult, cell: number, level: number, anchor: string, g: Glossary): string {
  const op = headlinePoint(result);
  const h = `h${level}`;
  const sub = `h${level + 1}`;
  const words = iconWords(result);
  const parts = [`<${h} id="${anchor}">${escapeHtml(p.iconHeading)}</${h}>`, `<p>${g.html(p.iconIntro(operatingPointWords(op)))}</p>`, iconLegend(words)];
  const figures = result.models.map((m) => iconFigure(result, capital(modelNoun(result, m.label)), { cell, model: m.label, label: 'yTrue', operatingPoint: op }));
  parts.push(`<div class="icon-grid">${figures.join('\n')}</div>`);
  const levels = new Map<string, string[]>();
  for (const r of result.summary) {
    if (r.cell !== cell || r.attribute === 'all') continue;
    const groups = levels.get(r.attribute) ?? levels.set(r.attribute, []).get(r.attribute)!;
    if (!groups.includes(r.group)) groups.push(r.group);
  }
  for (const model of headlineModels(result)) {
    for (const [attribute, groups] of levels) {
      const arrays = groups.map((group) => iconsOf(medianConfusion(result, { cell, model, label: 'yTrue', attribute, group, operatingPoint: op })));
      if (!groupsDiffer(arrays)) continue;
      parts.push(`<${sub}>${escapeHtml(p.iconGroupHeading(modelNoun(result, model), attribute))}</${sub}>`);
      parts.push(`<p class="note">${g.html(p.iconGroupIntro(attribute, modelNoun(result, model)))}</p>`);
      parts.push(`<div class="icon-grid">${groups.map((group) => iconFigure(result, group, { cell, model, label: 'yTrue', attribute, group, operatingPoint: op })).join('\n')}</div>`);
    }
  }
  return parts.join('\n');
}

/** The experiment's banded findings (the same table as summary.md and the index). */
function findingsSection(result: ExperimentResult, g: Glossary): string {
  const f = result.findings;
  if (f.findings.length === 0) return '';
  return ['<section class="findings">', `<h2 id="findings">${escapeHtml(t.findingsHeading)}</h2>`, findingsHtml(findingsTable(f.findings), (s) => g.html(s)), '</section>'].join('\n');
}

function cellSection(result: ExperimentResult, cell: number, charts: readonly RenderedChart[], g: Glossary): string {
  const several = result.cells.length > 1;
  const level = several ? 3 : 2;
  const h = `h${level}`;
  const parts: string[] = [];
  parts.push(iconSection(result, cell, level, `icons-${cell}`, g));
  parts.push(`<${h} id="results-${cell}">${escapeHtml(t.resultsHeading)}</${h}>`, `<p class="note">${g.html(p.resultsIntro(result.replicates, result.minCount))}</p>`, resultsTable(result, cell));
  const mine = charts.filter((c) => c.cell === cell && c.id !== LEAD_CHART);
  if (mine.length) parts.push(`<${h} id="charts-${cell}">${escapeHtml(t.chartsHeading)}</${h}>`, ...mine.map(chartFigure));
  if (!several) return `<section class="cell" data-cell="${cell}">\n${parts.join('\n')}\n</section>`;
  // Several cells: each cell's detail is folded, so the page stays a few screens long; the cells are compared above.
  const summary = `<summary><h2 id="cell-${cell}">${escapeHtml(t.cellHeading(cellName(result, cell)))}</h2><span class="note">${escapeHtml(layoutMessages.cellSummary(mine.length))}</span></summary>`;
  return `<details class="cell" data-cell="${cell}">\n${summary}\n${parts.join('\n')}\n</details>`;
}

/** The id of the chart that opens every report, under the answer: the records-versus-truth gap (of every cell when there are several). */
export const LEAD_CHART = 'recorded-true-gap';

function contents(result: ExperimentResult, charts: readonly RenderedChart[]): string {
  const items: string[] = [`<li><a href="#answer">${escapeHtml(p.answerHeading)}</a></li>`];
  if (result.findings.findings.length) items.push(`<li><a href="#findings">${escapeHtml(t.findingsHeading)}</a></li>`);
  items.push(`<li><a href="#headline">${escapeHtml(p.plainHeading)}</a></li>`);
  const list = listSection(result);
  if (list) items.push(`<li><a href="#list">${escapeHtml(list.heading)}</a></li>`);
  if (charts.some((c) => c.cell === null && c.id !== LEAD_CHART)) items.push(`<li><a href="#grid">${escapeHtml(layoutMessages.gridHeading(result))}</a></li>`);
  for (const c of result.cells) {
    const k = c.index;
    const sub = [
      `<li><a href="#icons-${k}">${escapeHtml(p.iconHeading)}</a></li>`,
      `<li><a href="#results-${k}">${escapeHtml(t.resultsHeading)}</a></li>`,
      ...(charts.some((x) => x.cell === k && x.id !== LEAD_CHART) ? [`<li><a href="#charts-${k}">${escapeHtml(t.chartsHeading)}</a></li>`] : []),
    ];
    if (result.cells.length > 1) items.push(`<li><a href="#cell-${k}">${escapeHtml(cellName(result, k))}</a></li>`);
    else items.push(...sub);
  }
  items.push(`<li><a href="#sources">${escapeHtml(t.sourcesHeading)}</a></li>`, `<li><a href="#scale">${escapeHtml(p.scaleHeading)}</a></li>`, `<li><a href="#glossary">${escapeHtml(p.glossaryHeading)}</a></li>`);
  return `<nav class="toc" aria-label="${escapeAttribute(t.contents)}"><strong>${escapeHtml(t.contents)}</strong><ol>${items.join('')}</ol></nav>`;
}

/**
 * One experiment's report as a self-contained HTML page (inline CSS and
 * SVG; no scripts, fonts or requests). It opens with the banner (synthetic
 * children; what the targets are), the question as its title with the run
 * date, version and commit, and the experiment's declared answer; then the
 * banded findings, the plain-words numbers of the whole experiment, per
 * grid cell the icon arrays, the results table and the charts (each with
 * its text description and its numbers as a table), where the numbers come
 * from, the strength scale, the glossary of the words it used, and a
 * footer with the seed, config hash and version. Every text from the
 * config or the data is escaped.
 *
 * `charts` are the rendered charts to include, normally
 * `await renderCharts(experimentCharts(result))`; a chart goes under its
 * cell, or under "Across the grid" when its `cell` is null.
 *
 * @example
 * const html = experimentReportHtml(result, await renderCharts(experimentCharts(result)), { version: '0.1.0', stamp });
 */
export function experimentReportHtml(result: ExperimentResult, charts: readonly RenderedChart[], extras: ReportExtras): string {
  const { version, indexHref = '../index.html', briefHref = 'brief.html' } = extras;
  const stamp = extras.stamp ?? versionOnly(version);
  const g = glossary();
  const links = [
    ...(indexHref === null ? [] : [{ href: indexHref, text: p.indexLink }]),
    ...(briefHref === null ? [] : [{ href: briefHref, text: p.briefLink }]),
  ];
  const lead = charts.find((c) => c.id === LEAD_CHART);
  const gridCharts = charts.filter((c) => c.cell === null && c.id !== LEAD_CHART);
  const body = [
    bannerHtml('#sources'),
    headerHtml(result, stamp, g, links),
    answerHtml(result, g),
    // The records-versus-truth picture right under the answer, before the table of findings.
    ...(lead ? [`<section class="lead-chart" aria-label="${escapeAttribute(lead.title)}">`, chartFigure(lead), '</section>'] : []),
    // The trainers' "same child, different record" card near the top: the pair from the cell where the bias is strongest.
    pairCardHtml(trainerCard(result), { modelNoun: (m) => modelNoun(result, m), several: result.cells.length > 1 }),
    findingsSection(result, g),
    plainWordsBox(result, g),
    contents(result, charts),
    listSection(result)?.html ?? '',
    ...(gridCharts.length ? [`<section class="grid"><h2 id="grid">${escapeHtml(layoutMessages.gridHeading(result))}</h2>`, ...gridCharts.map(chartFigure), '</section>'] : []),
    ...result.cells.map((c) => cellSection(result, c.index, charts, g)),
    provenanceSection(result, stamp, g),
    scaleSection(result, g),
    g.section(),
    traceFooter(result, stamp),
  ].filter(Boolean);
  return htmlPage(p.reportTitle(questionTitle(result.question).title), body.join('\n'), listSection(result) ? LIST_CSS : '');
}
