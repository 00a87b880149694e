import type { ExperimentResult } from '../../experiment/aggregate.js';
import { checkCell } from './common.js';
import { equalRiskAttributes, scoreAtEqualRisk } from './equal-risk.js';
import { recordedTrueGap } from './gap.js';
import { metricAcrossGrid } from './grid.js';
import { groupErrorRates } from './group-rates.js';
import { precisionRecallCurves } from './pr-curves.js';
import { renderSvg } from './render.js';
import { precisionRecallByThreshold } from './threshold.js';
import type { Chart, RenderedChart } from './types.js';
import type { RenderPool } from './render-pool.js';

/**
 * Charts of an experiment as Vega-Lite specs (pure: result in, specs out),
 * and an SVG renderer.
 *
 * Grid cells: every per-cell chart takes a `cell` argument (default the
 * first cell) instead of faceting by cell; `experimentCharts` makes one set
 * per cell, and — when there are several cells — `metricAcrossGrid` charts
 * that put the cells side by side (precision and recall, both labels).
 *
 * @example
 * const charts = experimentCharts(result);            // Chart[]: id, title, description, spec, table
 * const rendered = await renderCharts(charts);         // + svg
 * writeFiles(rendered.map((c) => [`${c.id}.svg`, c.svg])); // (io)
 */
export { precisionRecallByThreshold } from './threshold.js';
export { precisionRecallCurves } from './pr-curves.js';
export { recordedTrueGap } from './gap.js';
export { groupErrorRates } from './group-rates.js';
export { scoreAtEqualRisk, equalRiskAttributes } from './equal-risk.js';
export { metricAcrossGrid, type GridChartOptions } from './grid.js';
export { renderSvg } from './render.js';
export { openRenderPool, type RenderPool } from './render-pool.js';
export type { Chart, ChartTable, RenderedChart, CellOption } from './types.js';

/** Options for `experimentCharts`. */
export interface ExperimentChartOptions {
  /** Cells to draw per-cell charts for; default every cell. */
  readonly cells?: readonly number[];
  /**
   * Extra across-the-grid charts, one per level of each named attribute and
   * metric, against the truth (e.g. selection rate and false-positive rate of
   * each group as visibility rises). Default none.
   */
  readonly groupGrid?: readonly { readonly attribute: string; readonly metrics: readonly string[] }[];
  /**
   * Metrics compared across the grid besides precision and recall, both
   * labels — normally those the experiment's findings are about (e.g.
   * children flagged per true case), so the chart shows the quantity the
   * question asks about. Default none.
   */
  readonly gridMetrics?: readonly string[];
}

/**
 * Every chart of an experiment, in reading order. With several cells: the
 * recorded-versus-true gap of every cell in one chart, then one chart per
 * measure across the cells (precision, recall, `gridMetrics`, `groupGrid`),
 * then for each cell its detail: precision and recall by threshold,
 * precision–recall curves, error rates by group, and scores at equal true
 * risk (one per attribute). With one cell: the gap first, then its detail.
 * Ids are unique and file-name safe.
 */
export function experimentCharts(result: ExperimentResult, options: ExperimentChartOptions = {}): Chart[] {
  const cells = options.cells ?? result.cells.map((c) => c.index);
  const charts: Chart[] = [];
  const several = result.cells.length > 1;
  if (several) {
    // The records-versus-truth picture of every cell first, then one chart per measure across the cells.
    charts.push(recordedTrueGap(result, { cell: null }));
    const metrics = [...new Set(['precision', 'recall', ...(options.gridMetrics ?? [])])];
    for (const metric of metrics) charts.push(metricAcrossGrid(result, { metric }));
    for (const { attribute, metrics } of options.groupGrid ?? []) {
      const groups = [...new Set(result.summary.filter((r) => r.attribute === attribute).map((r) => r.group))];
      for (const metric of metrics) {
        for (const group of groups) charts.push(metricAcrossGrid(result, { metric, attribute, group, labels: ['yTrue'] }));
      }
    }
  }
  for (const cell of cells) {
    checkCell(result, cell);
    if (!several) charts.push(recordedTrueGap(result, { cell }));
    charts.push(precisionRecallByThreshold(result, { cell }), precisionRecallCurves(result, { cell }));
    if (result.summary.some((r) => r.cell === cell && r.attribute !== 'all')) charts.push(groupErrorRates(result, { cell }));
    for (const attribute of equalRiskAttributes(result, cell)) charts.push(scoreAtEqualRisk(result, { cell, attribute }));
  }
  return charts;
}

/**
 * Render charts to SVG (ids prefixed by chart id, so they can share a page):
 * one after another in this thread, or all at once on a render pool's
 * threads (render-pool.ts) — the same bytes, in the same order.
 */
export async function renderCharts(charts: readonly Chart[], options: { pool?: RenderPool } = {}): Promise<RenderedChart[]> {
  const { pool } = options;
  if (pool) return Promise.all(charts.map(async (chart) => ({ ...chart, svg: await pool.render(chart.spec, chart.id) })));
  const out: RenderedChart[] = [];
  for (const chart of charts) out.push({ ...chart, svg: await renderSvg(chart.spec, { idPrefix: chart.id }) });
  return out;
}
