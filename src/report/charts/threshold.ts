import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { OKABE_ITO } from '../palette.js';
import { PANEL_HEIGHT, PANEL_WIDTH, cellSuffix, checkCell, headlinePoint, modelName, modelNames, pointWords, replicate0Cut, specHead } from './common.js';
import { chartNumber, formatRate } from './format.js';
import type { CellOption, Chart } from './types.js';

const LABELS = ['yRecorded', 'yTrue'] as const;

/** True at thresholds 0, 0.1, …, 1 (where markers and table rows go). */
const isTenth = (threshold: number) => Math.round(threshold * 100) % 10 === 0;

/**
 * Chart 1: precision and recall against the score threshold, one panel per
 * model (rows) and label (columns: records, truth), from the replicate-0
 * curves, with the headline operating point marked by a vertical rule at the
 * score cut it gave that model in replicate 0 (for `threshold=t`, at t).
 * Precision and recall differ by colour, dash and marker shape.
 *
 * @example
 * const chart = precisionRecallByThreshold(result, { cell: 0 });
 * await renderSvg(chart.spec);
 */
export function precisionRecallByThreshold(result: ExperimentResult, options: CellOption = {}): Chart {
  const cell = checkCell(result, options.cell);
  const op = headlinePoint(result);
  const models = result.models.map((m) => m.label);
  const metricNames = [t.metricName('precision'), t.metricName('recall')];
  const values: Record<string, unknown>[] = [];
  for (const c of result.curves) {
    if (c.cell !== cell) continue;
    for (const metric of ['precision', 'recall'] as const) {
      values.push({
        kind: 'curve',
        model: modelName(result, c.model),
        judged: t.labelShort[c.label],
        metric: t.metricName(metric),
        threshold: c.threshold,
        value: chartNumber(c[metric]),
        marker: isTenth(c.threshold),
      });
    }
  }
  const cuts = models.map((m) => ({ model: m, cut: replicate0Cut(result, cell, m, op) }));
  for (const { model, cut } of cuts) {
    if (cut === null) continue;
    for (const label of LABELS) values.push({ kind: 'cut', model: modelName(result, model), judged: t.labelShort[label], threshold: cut, text: op });
  }
  const title = t.thresholdTitle;
  const description = t.thresholdDescription(modelNames(result), op, pointWords(op), cuts.some((c) => c.cut !== null));
  const colour = { field: 'metric', type: 'nominal', title: t.axis.metric, scale: { domain: metricNames, range: [OKABE_ITO.blue, OKABE_ITO.vermillion] } } as const;
  const spec = {
    ...specHead(result, title, cell, description, values),
    facet: {
      row: { field: 'model', type: 'nominal', sort: modelNames(result), title: null },
      column: { field: 'judged', type: 'nominal', sort: LABELS.map((l) => t.labelShort[l]), title: null },
    },
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'curve'" }],
          mark: { type: 'line', clip: true },
          encoding: {
            x: { field: 'threshold', type: 'quantitative', title: t.axis.threshold, scale: { domain: [0, 1] } },
            y: { field: 'value', type: 'quantitative', title: t.axis.value, scale: { domain: [0, 1] } },
            color: colour,
            strokeDash: { field: 'metric', type: 'nominal', title: t.axis.metric, scale: { domain: metricNames, range: [[1, 0], [6, 3]] } },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'curve' && datum.marker && isValid(datum.value)" }],
          mark: { type: 'point', filled: true, size: 36, clip: true },
          encoding: {
            x: { field: 'threshold', type: 'quantitative' },
            y: { field: 'value', type: 'quantitative' },
            color: colour,
            shape: { field: 'metric', type: 'nominal', title: t.axis.metric, scale: { domain: metricNames, range: ['circle', 'square'] } },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'cut'" }],
          mark: { type: 'rule', color: OKABE_ITO.black, strokeWidth: 1.5, strokeDash: [2, 2] },
          encoding: { x: { field: 'threshold', type: 'quantitative' } },
        },
        {
          transform: [{ filter: "datum.kind === 'cut'" }],
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: OKABE_ITO.black },
          encoding: { x: { field: 'threshold', type: 'quantitative' }, y: { datum: 1 }, text: { field: 'text' } },
        },
      ],
    },
  } as unknown as TopLevelSpec;
  const rows: string[][] = [];
  for (const model of models) {
    for (const label of LABELS) {
      for (const c of result.curves) {
        if (c.cell !== cell || c.model !== model || c.label !== label || !isTenth(c.threshold)) continue;
        rows.push([modelName(result, model), t.labelShort[label], formatRate(c.threshold, 1), formatRate(c.precision), formatRate(c.recall)]);
      }
    }
  }
  const cutText = cuts.map((c) => `${modelName(result, c.model)} ${c.cut === null ? '—' : formatRate(c.cut, 3)}`).join('; ');
  return {
    id: `precision-recall-threshold${cellSuffix(result, cell)}`,
    cell,
    title,
    description,
    spec,
    table: {
      caption: `${t.tableCaption(title)} (${t.tableEveryTenth}; ${op} cut in replicate 0: ${cutText})`,
      columns: [t.axis.model, t.axis.label, t.axis.threshold, t.metricName('precision'), t.metricName('recall')],
      rows,
    },
  };
}
