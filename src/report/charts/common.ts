import type { ExperimentResult, MetricSummaryRow } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { RisklabError, messages, reportMessages as t } from '../../messages.js';
import { LABEL_ENCODING, categoryStyle, modelStyle } from '../palette.js';
import { chartMessages as c } from './texts.js';
import { resultIndex } from '../../experiment/result-index.js';

/** Shared pieces of the chart specs: cell checks, names, scales, the look. */

/** Check a cell index against the result; returns it. */
export function checkCell(result: ExperimentResult, cell = 0): number {
  if (!Number.isInteger(cell) || cell < 0 || cell >= result.cells.length) {
    throw new RisklabError(messages.invalid('cell', `an index of result.cells (0–${result.cells.length - 1})`, cell), 'cell');
  }
  return cell;
}

/**
 * The cell's name for titles and headings: "council · 2x"; the scenario
 * alone when there is one cell, or when every scenario has just one cell
 * (four councils, say).
 */
export function cellName(result: ExperimentResult, cell: number): string {
  const c = result.cells[cell];
  const oneCellEach = new Set(result.cells.map((x) => x.scenario)).size === result.cells.length;
  return t.cellName(c.scenario, c.grid, oneCellEach ? 1 : result.cells.length);
}
/** A cell as a category: the grid label with one scenario, the scenario when each has one cell, else both. */
export function cellShortName(result: ExperimentResult, cell: number): string {
  const c = result.cells[cell];
  const scenarios = new Set(result.cells.map((x) => x.scenario)).size;
  if (scenarios === 1) return c.grid;
  if (scenarios === result.cells.length) return c.scenario;
  return `${c.scenario} · ${c.grid}`;
}

/** "" for a one-cell experiment, else "-cell{k}": keeps chart ids unique across cells. */
export function cellSuffix(result: ExperimentResult, cell: number): string {
  return result.cells.length > 1 ? `-cell${cell}` : '';
}

/** The headline operating point: the first one of the experiment. */
export function headlinePoint(result: ExperimentResult): string {
  return result.operatingPoints[0];
}

/** The operating point and its plain words. */
export function pointWords(op: string): string {
  return operatingPointWords(op);
}

/** A model's display name: its label, marked when it is a baseline. */
export function modelName(result: ExperimentResult, model: string): string {
  const m = result.models.find((x) => x.label === model);
  return m?.baseline ? `${model}${t.baselineSuffix}` : model;
}

/** Display names of the models, in the experiment's order. */
export function modelNames(result: ExperimentResult): string[] {
  return result.models.map((m) => modelName(result, m.label));
}

/**
 * Colour and shape scales of the models (LABEL_ENCODING: colour means the
 * model): the i-th model of the experiment is drawn with `modelStyle(i)` in
 * every chart, so one model has one colour throughout a report.
 */
export function modelScales(result: ExperimentResult) {
  const names = modelNames(result);
  return {
    colour: { domain: names, range: names.map((_, i) => modelStyle(i).colour) },
    shape: { domain: names, range: names.map((_, i) => modelStyle(i).shape) },
  };
}

/** Which label a value is judged against, in a chart's words ("against the records"). */
export const judgedWords = (label: 'yRecorded' | 'yTrue') => c.judged[label];

/** The stroke-dash scale of the labels (LABEL_ENCODING): solid for the truth, dashed for the records. */
export function labelDashScale(labels: readonly ('yRecorded' | 'yTrue')[]) {
  return { domain: labels.map(judgedWords), range: labels.map((l) => [...LABEL_ENCODING[l].dash]) };
}

/**
 * Point layers in the one label encoding: for each label a layer of its
 * rows (`field` holds `judgedWords(label)`), filled markers against the
 * truth, hollow ones (white inside, coloured outline) against the records.
 * `encoding` carries position, colour (the model) and shape.
 */
export function labelPointLayers(labels: readonly ('yRecorded' | 'yTrue')[], encoding: Record<string, unknown>, options: { size?: number; field?: string; extraFilter?: string } = {}) {
  const { size = 60, field = 'judged', extraFilter } = options;
  return labels.map((l) => ({
    transform: [{ filter: { field, equal: judgedWords(l) } }, ...(extraFilter ? [{ filter: extraFilter }] : [])],
    mark: LABEL_ENCODING[l].filled ? { type: 'point', filled: true, size, strokeWidth: 2, opacity: 1 } : { type: 'point', filled: false, fill: 'white', size, strokeWidth: 2, opacity: 1 },
    encoding,
  }));
}

/** The smallest font size a chart uses (px at its natural size): charts are never drawn smaller than that (html/styles.ts). */
export const MIN_FONT = 12;

/** Colour, shape and dash scales for a list of categories, in order (deterministic). */
export function categoryScales(domain: readonly string[]) {
  const styles = domain.map((_, i) => categoryStyle(i));
  return {
    colour: { domain: [...domain], range: styles.map((s) => s.colour) },
    shape: { domain: [...domain], range: styles.map((s) => s.shape) },
    dash: { domain: [...domain], range: styles.map((s) => [...s.dash]) },
  };
}

/** Each cell's summary rows, in order, split once per result (a chart asks for its cell's rows many times). */
const summaryByCell = new WeakMap<ExperimentResult, Map<number, MetricSummaryRow[]>>();

/** The summary rows of one cell, in summary order. */
function cellSummary(result: ExperimentResult, cell: number): readonly MetricSummaryRow[] {
  let byCell = summaryByCell.get(result);
  if (!byCell) {
    byCell = new Map();
    for (const row of result.summary) {
      let rows = byCell.get(row.cell);
      if (!rows) byCell.set(row.cell, (rows = []));
      rows.push(row);
    }
    summaryByCell.set(result, byCell);
  }
  return byCell.get(cell) ?? [];
}

/** Summary rows of one cell matching a filter. */
export function summaryOf(result: ExperimentResult, cell: number, keep: (row: MetricSummaryRow) => boolean): MetricSummaryRow[] {
  return cellSummary(result, cell).filter(keep);
}

/**
 * The score cut an operating point gave a model in replicate 0 (the
 * replicate the curves come from); null when nobody was flagged or the
 * target could not be met.
 */
export function replicate0Cut(result: ExperimentResult, cell: number, model: string, op: string): number | null {
  const row = resultIndex(result).points({ cell, model, label: 'yRecorded', operatingPoint: op }).find((p) => p.replicate === 0);
  if (!row || !Number.isFinite(row.cutThreshold) || row.cutThreshold < 0 || row.cutThreshold > 1) return null;
  return row.cutThreshold;
}

/** Attributes of the summary (intersections included), in first-seen order, without "all". */
export function attributesOf(result: ExperimentResult, cell: number): string[] {
  const seen: string[] = [];
  for (const row of cellSummary(result, cell)) if (row.attribute !== 'all' && !seen.includes(row.attribute)) seen.push(row.attribute);
  return seen;
}

/** Groups of an attribute, in first-seen order. */
export function groupsOf(result: ExperimentResult, cell: number, attribute: string): string[] {
  const seen: string[] = [];
  for (const row of cellSummary(result, cell)) if (row.attribute === attribute && !seen.includes(row.group)) seen.push(row.group);
  return seen;
}

/** Chart width of one panel, in pixels (panels are small so two fit side by side on a laptop). */
export const PANEL_WIDTH = 240;
export const PANEL_HEIGHT = 160;

/**
 * The common look: white background, a system sans-serif font (nothing is
 * fetched), light grid lines, legends below the plot so charts stay narrow
 * on a phone.
 */
export const BASE_CONFIG = {
  background: 'white',
  // The SVG is one image to assistive technology (role="img", named by its <title> and <desc>, with its numbers in a table
  // beside it): no per-mark ARIA labels, which would repeat every point and triple the file.
  aria: false,
  font: 'sans-serif',
  padding: 8,
  title: { anchor: 'start', fontSize: 16, subtitleFontSize: 13, subtitleColor: '#444444', offset: 10, subtitlePadding: 4 },
  axis: { labelFontSize: 12, titleFontSize: 13, gridColor: '#e6e6e6', titleFontWeight: 'normal', labelColor: '#222222', titleColor: '#222222', labelLimit: 220 },
  header: { labelFontSize: 13, titleFontSize: 13, labelFontWeight: 'bold', titleFontWeight: 'normal' },
  legend: { orient: 'bottom', direction: 'horizontal', labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', symbolStrokeWidth: 2, symbolOpacity: 1, columns: 4, labelLimit: 260 },
  text: { fontSize: 12 },
  view: { stroke: '#cccccc' },
  point: { filled: true, size: 45, opacity: 1 },
  line: { strokeWidth: 2 },
} as const;

/** A title with the cell's name as subtitle when the experiment has several cells, and a key line (e.g. the label encoding) under it. */
export function chartTitle(result: ExperimentResult, text: string, cell: number | null, key?: readonly string[]) {
  const subtitle = [...(cell === null || result.cells.length <= 1 ? [] : [cellName(result, cell)]), ...(key ?? [])];
  return subtitle.length ? { text, subtitle } : { text };
}

/** The $schema every spec carries (a string only: nothing is fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The part every chart spec opens with: schema, title (with the cell's name
 * when there are several), text description, the shared config and the data.
 */
export function specHead(result: ExperimentResult, text: string, cell: number | null, description: string, values: readonly object[], key?: readonly string[]) {
  return { $schema: VEGA_LITE_SCHEMA, title: chartTitle(result, text, cell, key), description, config: BASE_CONFIG, data: { values } } as const;
}
