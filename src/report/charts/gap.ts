import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { LABEL_STYLE } from '../palette.js';
import { PANEL_WIDTH, cellSuffix, checkCell, headlinePoint, modelName, modelNames, pointWords, summaryOf, specHead } from './common.js';
import { chartNumber, formatInterval, formatRate } from './format.js';
import type { CellOption, Chart } from './types.js';

const LABELS = ['yRecorded', 'yTrue'] as const;
const METRICS = ['precision', 'recall'] as const;

/**
 * Chart 3: the recorded-versus-true gap. At the headline operating point,
 * each model's median precision and recall across replicates (from
 * `summary`, attribute "all"), judged against the records and against the
 * truth, with the 2.5–97.5% range as error bars. The two labels differ by
 * colour and marker shape.
 *
 * @example
 * recordedTrueGap(result).table.rows; // [model, judged against, metric, median, range]
 */
export function recordedTrueGap(result: ExperimentResult, options: CellOption = {}): Chart {
  const cell = checkCell(result, options.cell);
  const op = headlinePoint(result);
  const rows = summaryOf(result, cell, (r) => r.attribute === 'all' && r.operatingPoint === op && (METRICS as readonly string[]).includes(r.metric));
  const values = rows.map((r) => ({
    model: modelName(result, r.model),
    judged: t.labelShort[r.label],
    metric: t.metricName(r.metric),
    median: chartNumber(r.median),
    lower: chartNumber(r.lower),
    upper: chartNumber(r.upper),
  }));
  const judged = LABELS.map((l) => t.labelShort[l]);
  const labelScale = (key: 'colour' | 'shape') => ({ domain: judged, range: LABELS.map((l) => LABEL_STYLE[l][key]) });
  const title = t.gapTitle;
  const description = t.gapDescription(op, pointWords(op), result.replicates);
  const y = { field: 'model', type: 'nominal', sort: modelNames(result), title: null } as const;
  const yOffset = { field: 'judged', type: 'nominal', sort: judged } as const;
  const spec = {
    ...specHead(result, title, cell, description, values),
    facet: { column: { field: 'metric', type: 'nominal', sort: METRICS.map((m) => t.metricName(m)), title: null } },
    spec: {
      width: PANEL_WIDTH,
      height: { step: 44 },
      layer: [
        {
          transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            yOffset,
            x: { field: 'lower', type: 'quantitative', title: t.axis.median, scale: { domain: [0, 1] } },
            x2: { field: 'upper' },
            color: { field: 'judged', type: 'nominal', title: t.axis.label, scale: labelScale('colour') },
          },
        },
        {
          transform: [{ filter: 'isValid(datum.median)' }],
          mark: { type: 'point', filled: true, size: 80 },
          encoding: {
            y,
            yOffset,
            x: { field: 'median', type: 'quantitative', title: t.axis.median, scale: { domain: [0, 1] } },
            color: { field: 'judged', type: 'nominal', title: t.axis.label, scale: labelScale('colour') },
            shape: { field: 'judged', type: 'nominal', title: t.axis.label, scale: labelScale('shape') },
          },
        },
      ],
    },
  } as unknown as TopLevelSpec;
  const table: string[][] = [];
  for (const m of result.models) {
    for (const metric of METRICS) {
      for (const label of LABELS) {
        const r = rows.find((x) => x.model === m.label && x.metric === metric && x.label === label);
        if (r) table.push([modelName(result, m.label), t.metricName(metric), t.labelShort[label], formatRate(r.median), formatInterval(r.lower, r.upper)]);
      }
    }
  }
  return {
    id: `recorded-true-gap${cellSuffix(result, cell)}`,
    cell,
    title,
    description,
    spec,
    table: {
      caption: `${t.tableCaption(title)} (${op})`,
      columns: [t.axis.model, t.axis.metric, t.axis.label, t.axis.medianShort, t.axis.range],
      rows: table,
    },
  };
}
