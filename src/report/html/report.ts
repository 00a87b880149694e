import type { ExperimentResult } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { reportMessages as t } from '../../messages.js';
import { cellName, cellShortName, headlinePoint, modelName } from '../charts/common.js';
import type { RenderedChart } from '../charts/types.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { chartFigure } from './figures.js';
import { groupsDiffer, headlineNumbers, iconsOf, medianConfusion, type HeadlineNumbers } from './headline.js';
import { iconArrayFigure, iconLegend } from './icons.js';
import { htmlPage } from './page.js';
import { provenanceSection, traceFooter } from './provenance.js';
import { resultsTable } from './results-table.js';
import { findingsHtml, findingsTable } from '../findings-table.js';
import { listSection } from '../list-section.js';

/** What a report needs besides the result. */
export interface ReportExtras {
  /** risklab's version, printed with the seed and config hash. */
  readonly version: string;
  /** Link to the index of reports; default "../index.html"; null for no link. */
  readonly indexHref?: string | null;
}

/** Models the headline speaks of: those a council would deploy (every model when all are baselines). */
export function headlineModels(result: ExperimentResult): string[] {
  const real = result.models.filter((m) => !m.baseline).map((m) => m.label);
  return real.length ? real : result.models.map((m) => m.label);
}

/** A headline number as HTML, marked with its key and exact value for tests and readers' tools. */
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

/** The headline numbers of one model in one cell, against the truth and against the records (null: nobody flagged or no cases). */
export function headlineFor(result: ExperimentResult, cell: number, model: string): { truth: HeadlineNumbers | null; records: HeadlineNumbers | null } {
  const op = headlinePoint(result);
  const numbers = (label: 'yTrue' | 'yRecorded') => {
    const c = medianConfusion(result, { cell, model, label, operatingPoint: op });
    return c === null || c.flagged === 0 || c.positives === 0 ? null : headlineNumbers(c);
  };
  return { truth: numbers('yTrue'), records: numbers('yRecorded') };
}

/** The headline sentences of one model in one cell (HTML). */
export function headlineSentences(result: ExperimentResult, cell: number, model: string): string {
  const op = headlinePoint(result);
  const name = escapeHtml(modelName(result, model));
  const attrs = cellAttributes(result, cell, model);
  const { truth: h, records: r } = headlineFor(result, cell, model);
  if (h === null) {
    const truth = medianConfusion(result, { cell, model, label: 'yTrue', operatingPoint: op });
    const text = truth === null || truth.flagged === 0 ? t.headlineNobodyFlagged(modelName(result, model)) : t.headlineNoCases(modelName(result, model));
    return `<p class="claim" ${attrs}>${escapeHtml(text)}</p>`;
  }
  const claim = t.headline(name, strong('notAtRiskPer1000', h.notAtRiskPer1000, h.notAtRiskText), strong('missedPer10', h.missedPer10, h.missedText));
  const versus =
    r === null
      ? ''
      : `<p class="versus" ${attrs}>${t.headlineRecorded(
          strong('notRecordedPer1000', r.notAtRiskPer1000, r.notAtRiskText),
          strong('missedRecordedPer10', r.missedPer10, r.missedText),
        )}</p>`;
  return `<p class="claim" ${attrs}>${claim}</p>${versus}`;
}

/** The headline numbers of every cell and model as a compact table (for a grid). */
function headlineGridTable(result: ExperimentResult, models: readonly string[]): string {
  const keys = ['notAtRiskPer1000', 'missedPer10', 'notRecordedPer1000', 'missedRecordedPer10'] as const;
  const rows: string[] = [];
  for (const c of result.cells) {
    for (const model of models) {
      const { truth, records } = headlineFor(result, c.index, model);
      const values = {
        notAtRiskPer1000: [truth?.notAtRiskPer1000 ?? null, truth?.notAtRiskText ?? null],
        missedPer10: [truth?.missedPer10 ?? null, truth?.missedText ?? null],
        notRecordedPer1000: [records?.notAtRiskPer1000 ?? null, records?.notAtRiskText ?? null],
        missedRecordedPer10: [records?.missedPer10 ?? null, records?.missedText ?? null],
      } as const;
      const cells = keys.map((k) => {
        const [value, text] = values[k];
        return value === null ? '<td class="n">—</td>' : `<td class="n num" data-key="${k}" data-value="${value}">${escapeHtml(text ?? '')}</td>`;
      });
      rows.push(`<tr ${cellAttributes(result, c.index, model)}><td>${escapeHtml(cellShortName(result, c.index))}</td><td>${escapeHtml(modelName(result, model))}</td>${cells.join('')}</tr>`);
    }
  }
  const oneCellEach = new Set(result.cells.map((c) => c.scenario)).size === result.cells.length;
  const head = [oneCellEach ? t.axis.scenario : result.gridLabel || t.axis.gridCell, t.axis.model, ...keys.map((k) => t.headlineGridColumns[k])];
  return [
    '<div class="table-wrap">',
    '<table class="headline-grid">',
    `<caption>${escapeHtml(t.headlineGridCaption(result.gridLabel))}</caption>`,
    `<thead><tr>${head.map((h, j) => `<th scope="col"${j >= 2 ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

function headlineBox(result: ExperimentResult): string {
  const op = headlinePoint(result);
  const models = headlineModels(result);
  const parts = [`<h2 id="headline">${escapeHtml(t.headlineHeading)}</h2>`, `<p class="note">${escapeHtml(t.headlineIntro(op, operatingPointWords(op), result.replicates))}</p>`];
  if (result.cells.length > 1) parts.push(`<p class="note">${escapeHtml(t.headlineFirstCell(cellName(result, 0)))}</p>`);
  for (const model of models) parts.push(headlineSentences(result, 0, model));
  if (result.cells.length > 1) parts.push(headlineGridTable(result, models));
  return `<section class="headline" aria-labelledby="headline" data-op="${escapeAttribute(op)}">\n${parts.join('\n')}\n</section>`;
}

function iconSection(result: ExperimentResult, cell: number, level: number, anchor: string): string {
  const op = headlinePoint(result);
  const h = `h${level}`;
  const sub = `h${level + 1}`;
  const parts = [`<${h} id="${anchor}">${escapeHtml(t.iconHeading)}</${h}>`, `<p>${escapeHtml(t.iconIntro(op))}</p>`, iconLegend()];
  const figures = result.models.map((m) => iconArrayFigure(modelName(result, m.label), iconsOf(medianConfusion(result, { cell, model: m.label, label: 'yTrue', operatingPoint: op }))));
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
      parts.push(`<${sub}>${escapeHtml(t.iconGroupHeading(modelName(result, model), attribute))}</${sub}>`);
      parts.push(`<p class="note">${escapeHtml(t.iconGroupIntro(attribute, modelName(result, model)))}</p>`);
      parts.push(`<div class="icon-grid">${groups.map((g, i) => iconArrayFigure(g, arrays[i])).join('\n')}</div>`);
    }
  }
  return parts.join('\n');
}

/** The experiment's declared answer and its findings (the same table as summary.md and the index). */
function findingsSection(result: ExperimentResult): string {
  const f = result.findings;
  if (!f.headline && f.findings.length === 0) return '';
  return [
    '<section class="findings">',
    `<h2 id="findings">${escapeHtml(t.findingsHeading)}</h2>`,
    f.headline ? `<p class="answer">${escapeHtml(f.headline)}</p>` : '',
    findingsHtml(findingsTable(f.findings)),
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The trainers' case: two children with the same truth and different records. */
function exampleSection(result: ExperimentResult, cell: number, level: number): string {
  const e = result.examples.find((x) => x.cell === cell);
  if (!e) return '';
  const h = `h${level}`;
  const child = (c: (typeof e.children)[number]) =>
    [
      '<li>',
      `<strong>${escapeHtml(t.exampleChild(c.name, c.age, c.area, `${e.attribute} ${c.group}`))}</strong>`,
      `<br>${escapeHtml(t.exampleRecords(c.recordedCircumstances.join(', ')))}`,
      `<br>${escapeHtml(t.exampleScore(c.score.toFixed(3), c.rank.toLocaleString('en-GB'), e.testSize.toLocaleString('en-GB'), c.flagged, e.flaggedCount.toLocaleString('en-GB')))}`,
      '</li>',
    ].join('');
  return [
    `<${h} id="example-${cell}">${escapeHtml(t.exampleHeading)}</${h}>`,
    `<p class="note">${escapeHtml(t.exampleIntro(e.attribute, modelName(result, e.model)))}</p>`,
    `<p>${escapeHtml(t.exampleTruth(e.children[0].trueCircumstances.join(', ')))}</p>`,
    `<ul class="example">${e.children.map(child).join('')}</ul>`,
  ].join('\n');
}

function cellSection(result: ExperimentResult, cell: number, charts: readonly RenderedChart[]): string {
  const several = result.cells.length > 1;
  const level = several ? 3 : 2;
  const h = `h${level}`;
  const parts: string[] = [];
  if (several) parts.push(`<h2 id="cell-${cell}">${escapeHtml(t.cellHeading(cellName(result, cell)))}</h2>`);
  parts.push(iconSection(result, cell, level, `icons-${cell}`));
  parts.push(`<${h} id="results-${cell}">${escapeHtml(t.resultsHeading)}</${h}>`, `<p class="note">${escapeHtml(t.resultsIntro(result.replicates))}</p>`, resultsTable(result, cell));
  const mine = charts.filter((c) => c.cell === cell);
  if (mine.length) parts.push(`<${h} id="charts-${cell}">${escapeHtml(t.chartsHeading)}</${h}>`, ...mine.map(chartFigure));
  const example = exampleSection(result, cell, level);
  if (example) parts.push(example);
  return `<section class="cell" data-cell="${cell}">\n${parts.join('\n')}\n</section>`;
}

function contents(result: ExperimentResult, charts: readonly RenderedChart[]): string {
  const items: string[] = [`<li><a href="#headline">${escapeHtml(t.headlineHeading)}</a></li>`];
  const list = listSection(result);
  if (list) items.push(`<li><a href="#list">${escapeHtml(list.heading)}</a></li>`);
  if (charts.some((c) => c.cell === null)) items.push(`<li><a href="#grid">${escapeHtml(t.gridHeading)}</a></li>`);
  for (const c of result.cells) {
    const k = c.index;
    const sub = [
      `<li><a href="#icons-${k}">${escapeHtml(t.iconHeading)}</a></li>`,
      `<li><a href="#results-${k}">${escapeHtml(t.resultsHeading)}</a></li>`,
      ...(charts.some((x) => x.cell === k) ? [`<li><a href="#charts-${k}">${escapeHtml(t.chartsHeading)}</a></li>`] : []),
    ];
    if (result.cells.length > 1) items.push(`<li><a href="#cell-${k}">${escapeHtml(cellName(result, k))}</a></li>`);
    else items.push(...sub);
  }
  items.push(`<li><a href="#sources">${escapeHtml(t.sourcesHeading)}</a></li>`);
  return `<nav class="toc" aria-label="${escapeAttribute(t.contents)}"><strong>${escapeHtml(t.contents)}</strong><ol>${items.join('')}</ol></nav>`;
}

/**
 * One experiment's report as a self-contained HTML page (inline CSS and
 * SVG; no scripts, fonts or requests): the headline in plain words first,
 * then per grid cell the icon arrays, the results table and the charts
 * (each with its text description and its numbers as a table), then where
 * the numbers come from and a footer with the seed, config hash and
 * version. Every text from the config or the data is escaped.
 *
 * `charts` are the rendered charts to include, normally
 * `await renderCharts(experimentCharts(result))`; a chart goes under its
 * cell, or under "Across the grid" when its `cell` is null.
 *
 * @example
 * const html = experimentReportHtml(result, await renderCharts(experimentCharts(result)), { version: '0.1.0' });
 */
export function experimentReportHtml(result: ExperimentResult, charts: readonly RenderedChart[], extras: ReportExtras): string {
  const { version, indexHref = '../index.html' } = extras;
  const header = [
    '<header>',
    indexHref === null ? '' : `<p class="meta"><a href="${escapeAttribute(indexHref)}">${escapeHtml(t.indexTitle)}</a></p>`,
    `<h1>${escapeHtml(result.name)}</h1>`,
    `<p class="question">${escapeHtml(result.question)}</p>`,
    `<p class="meta">${escapeHtml(t.footer(result.name, String(result.seed), result.configHash, version))}</p>`,
    '</header>',
  ].filter(Boolean);
  const grid = charts.filter((c) => c.cell === null);
  const body = [
    ...header,
    headlineBox(result),
    findingsSection(result),
    contents(result, charts),
    listSection(result)?.html ?? '',
    ...(grid.length ? [`<section class="grid"><h2 id="grid">${escapeHtml(t.gridHeading)}</h2>`, ...grid.map(chartFigure), '</section>'] : []),
    ...result.cells.map((c) => cellSection(result, c.index, charts)),
    provenanceSection(result, version),
    traceFooter(result, version),
  ];
  return htmlPage(t.reportTitle(result.name), body.join('\n'));
}
