import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { OKABE_ITO } from '../palette.js';
import { PANEL_HEIGHT, PANEL_WIDTH, cellSuffix, checkCell, headlinePoint, judgedWords, labelDashScale, labelPointLayers, modelName, modelNames, modelScales, pointWords, replicate0Cut, specHead } from './common.js';
import { chartMessages as c } from './texts.js';
import { chartNumber, formatRate } from './format.js';
import type { CellOption, Chart } from './types.js';

const LABELS = ['yRecorded', 'yTrue'] as const;

/** True at thresholds 0, 0.1, …, 1 (where markers and table rows go). */
const isTenth = (threshold: number) => Math.round(threshold * 100) % 10 === 0;

/**
 * Chart 1: precision and recall against the score threshold, one row of
 * panels per model (columns: precision, recall), each panel holding both
 * labels in the one label encoding (the truth solid with filled markers,
 * the records dashed with hollow markers; colour the model), from the
 * replicate-0 curves, with the headline operating point marked by a
 * vertical rule at the score cut it gave that model in replicate 0.
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
        judged: judgedWords(c.label),
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
    for (const metric of metricNames) values.push({ kind: 'cut', model: modelName(result, model), metric, threshold: cut, text: op });
  }
  const title = c.thresholdTitle;
  const description = c.thresholdDescription(modelNames(result), op, pointWords(op), cuts.some((x) => x.cut !== null));
  const scales = modelScales(result);
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour, legend: null } as const;
  const shape = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape, legend: null } as const;
  const xT = { field: 'threshold', type: 'quantitative', title: t.axis.threshold, scale: { domain: [0, 1] } } as const;
  const yV = { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { values: [0, 0.5, 1] } } as const;
  // Panels stay inside one laptop screen: shorter panels when there are many models.
  const height = Math.max(70, Math.min(PANEL_HEIGHT, Math.floor(520 / Math.max(1, models.length)) - 10));
  const spec = {
    ...specHead(result, title, cell, description, values, c.labelKey),
    facet: {
      row: { field: 'model', type: 'nominal', sort: modelNames(result), title: null, header: { labelAngle: 0, labelOrient: 'left', labelAlign: 'left', labelAnchor: 'middle', labelLimit: 180 } },
      column: { field: 'metric', type: 'nominal', sort: metricNames, title: null },
    },
    spacing: { row: 8, column: 20 },
    spec: {
      width: PANEL_WIDTH,
      height,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'curve'" }],
          mark: { type: 'line', clip: true },
          encoding: { x: xT, y: yV, color: colour, strokeDash: { field: 'judged', type: 'nominal', title: t.axis.label, scale: labelDashScale(LABELS), legend: null } },
        },
        ...labelPointLayers(LABELS, { x: { field: 'threshold', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' }, color: colour, shape }, { size: 36, extraFilter: "datum.kind === 'curve' && datum.marker && isValid(datum.value)" }),
        {
          transform: [{ filter: "datum.kind === 'cut'" }],
          mark: { type: 'rule', color: OKABE_ITO.black, strokeWidth: 1.5, strokeDash: [2, 2] },
          encoding: { x: { field: 'threshold', type: 'quantitative' } },
        },
        {
          transform: [{ filter: "datum.kind === 'cut'" }],
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 12, color: OKABE_ITO.black },
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
        rows.push([modelName(result, model), judgedWords(label), formatRate(c.threshold, 1), formatRate(c.precision), formatRate(c.recall)]);
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
