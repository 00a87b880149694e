import type { ExperimentResult, MetricSummaryRow } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { RisklabError, messages, reportMessages as t } from '../../messages.js';
import { categoryStyle } from '../palette.js';
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

/** Colour, shape and dash scales for a list of categories, in order (deterministic). */
export function categoryScales(domain: readonly string[]) {
  const styles = domain.map((_, i) => categoryStyle(i));
  return {
    colour: { domain: [...domain], range: styles.map((s) => s.colour) },
    shape: { domain: [...domain], range: styles.map((s) => s.shape) },
    dash: { domain: [...domain], range: styles.map((s) => [...s.dash]) },
  };
}

/** Summary rows of one cell matching a filter. */
export function summaryOf(result: ExperimentResult, cell: number, keep: (row: MetricSummaryRow) => boolean): MetricSummaryRow[] {
  return result.summary.filter((row) => row.cell === cell && keep(row));
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
  for (const row of result.summary) if (row.cell === cell && row.attribute !== 'all' && !seen.includes(row.attribute)) seen.push(row.attribute);
  return seen;
}

/** Groups of an attribute, in first-seen order. */
export function groupsOf(result: ExperimentResult, cell: number, attribute: string): string[] {
  const seen: string[] = [];
  for (const row of result.summary) if (row.cell === cell && row.attribute === attribute && !seen.includes(row.group)) seen.push(row.group);
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
  font: 'sans-serif',
  padding: 8,
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12, subtitleColor: '#444444', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6', titleFontWeight: 'normal', labelColor: '#222222', titleColor: '#222222' },
  header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold', titleFontWeight: 'normal' },
  legend: { orient: 'bottom', direction: 'horizontal', labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', symbolStrokeWidth: 2, columns: 3, labelLimit: 260 },
  view: { stroke: '#cccccc' },
  point: { filled: true, size: 45, opacity: 1 },
  line: { strokeWidth: 2 },
} as const;

/** A title with the cell's name as subtitle when the experiment has several cells. */
export function chartTitle(result: ExperimentResult, text: string, cell: number | null) {
  return cell === null || result.cells.length <= 1 ? { text } : { text, subtitle: cellName(result, cell) };
}

/** The $schema every spec carries (a string only: nothing is fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The part every chart spec opens with: schema, title (with the cell's name
 * when there are several), text description, the shared config and the data.
 */
export function specHead(result: ExperimentResult, text: string, cell: number | null, description: string, values: readonly object[]) {
  return { $schema: VEGA_LITE_SCHEMA, title: chartTitle(result, text, cell), description, config: BASE_CONFIG, data: { values } } as const;
}
