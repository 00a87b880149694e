import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { PANEL_WIDTH, cellSuffix, checkCell, judgedWords, labelDashScale, labelPointLayers, modelName, modelNames, modelScales, specHead } from './common.js';
import { chartMessages as cm } from './texts.js';
import { chartNumber, formatRate } from './format.js';
import type { CellOption, Chart } from './types.js';

const LABELS = ['yRecorded', 'yTrue'] as const;
const isTenth = (threshold: number) => Math.round(threshold * 100) % 10 === 0;

/**
 * Chart 2: precision–recall curves of every model from the replicate-0
 * curves (101 thresholds), one panel against the records and one against
 * the truth, in the one label encoding (records dashed with hollow
 * markers, truth solid with filled ones); colour and marker shape are the
 * model. The line follows the threshold order, markers sit at every 0.1.
 *
 * @example
 * precisionRecallCurves(result, { cell: 1 }).spec;
 */
export function precisionRecallCurves(result: ExperimentResult, options: CellOption = {}): Chart {
  const cell = checkCell(result, options.cell);
  const names = modelNames(result);
  const scales = modelScales(result);
  const values = result.curves
    .filter((c) => c.cell === cell)
    .map((c) => ({
      model: modelName(result, c.model),
      judged: judgedWords(c.label),
      threshold: c.threshold,
      precision: chartNumber(c.precision),
      recall: chartNumber(c.recall),
      marker: isTenth(c.threshold),
    }));
  const title = cm.prTitle;
  const description = cm.prDescription(names);
  const x = { field: 'recall', type: 'quantitative', title: t.axis.recall, scale: { domain: [0, 1] } } as const;
  const y = { field: 'precision', type: 'quantitative', title: t.axis.precision, scale: { domain: [0, 1] } } as const;
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour } as const;
  const spec = {
    ...specHead(result, title, cell, description, values, cm.labelKey),
    facet: { column: { field: 'judged', type: 'nominal', sort: LABELS.map(judgedWords), title: null } },
    spacing: { column: 20 },
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_WIDTH,
      transform: [{ filter: 'isValid(datum.precision) && isValid(datum.recall)' }],
      layer: [
        {
          mark: { type: 'line', clip: true, interpolate: 'linear' },
          encoding: {
            x,
            y,
            color: colour,
            strokeDash: { field: 'judged', type: 'nominal', title: t.axis.label, scale: labelDashScale(LABELS), legend: null },
            order: { field: 'threshold', type: 'quantitative' },
          },
        },
        ...labelPointLayers(LABELS, { x, y, color: colour, shape: { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape } }, { size: 40, extraFilter: 'datum.marker' }),
      ],
    },
  } as unknown as TopLevelSpec;
  const rows: string[][] = [];
  for (const m of result.models) {
    for (const label of LABELS) {
      for (const c of result.curves) {
        if (c.cell !== cell || c.model !== m.label || c.label !== label || !isTenth(c.threshold)) continue;
        rows.push([modelName(result, m.label), judgedWords(label), formatRate(c.threshold, 1), formatRate(c.recall), formatRate(c.precision)]);
      }
    }
  }
  return {
    id: `pr-curves${cellSuffix(result, cell)}`,
    cell,
    title,
    description,
    spec,
    table: {
      caption: `${t.tableCaption(title)} (${t.tableEveryTenth})`,
      columns: [t.axis.model, t.axis.label, t.axis.threshold, t.metricName('recall'), t.metricName('precision')],
      rows,
    },
  };
}
