import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { PANEL_WIDTH, attributesOf, categoryScales, cellSuffix, checkCell, headlinePoint, modelName, modelNames, pointWords, summaryOf, specHead } from './common.js';
import { chartNumber, formatInterval, formatMedianCount, formatRate } from './format.js';
import type { CellOption, Chart } from './types.js';

const METRICS = ['fpr', 'fnr'] as const;

/**
 * Chart 4: false-positive rate and miss rate (fnr) by group, against the
 * truth, at the headline operating point: one row of panels per attribute
 * (intersections included), one column per rate; each model a colour and a
 * marker shape, with the 2.5–97.5% range as error bars and the group's
 * median size in its label ("female (n = 294)").
 *
 * @example
 * groupErrorRates(result, { cell: 0 }).table.columns;
 */
export function groupErrorRates(result: ExperimentResult, options: CellOption = {}): Chart {
  const cell = checkCell(result, options.cell);
  const op = headlinePoint(result);
  const attributes = attributesOf(result, cell);
  const names = modelNames(result);
  const scales = categoryScales(names);
  const rows = summaryOf(
    result,
    cell,
    (r) => r.label === 'yTrue' && r.attribute !== 'all' && r.operatingPoint === op && (METRICS as readonly string[]).includes(r.metric),
  );
  const groupLabel = (group: string, n: number) => t.groupWithSize(group, formatMedianCount(n));
  // Rows with an undefined median or range are left out of the picture (the table shows them as "—"),
  // so both layers read the same rows and the independent y scales share one source.
  const drawn = rows.filter((r) => Number.isFinite(r.median) && Number.isFinite(r.lower) && Number.isFinite(r.upper));
  const values = drawn.map((r) => ({
    attribute: r.attribute,
    group: groupLabel(r.group, r.n),
    model: modelName(result, r.model),
    metric: t.metricName(r.metric),
    median: chartNumber(r.median),
    lower: chartNumber(r.lower),
    upper: chartNumber(r.upper),
    n: r.n,
  }));
  const title = t.groupRatesTitle;
  const description = t.groupRatesDescription(op, pointWords(op), attributes);
  const y = { field: 'group', type: 'nominal', title: null, sort: null } as const;
  const yOffset = { field: 'model', type: 'nominal', sort: names } as const;
  const x = { type: 'quantitative', title: t.axis.median, scale: { domain: [0, 1] } } as const;
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour } as const;
  const panel = (attribute: string) => ({
    transform: [{ filter: { field: 'attribute', equal: attribute } }],
    facet: {
      row: { field: 'attribute', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } },
      column: { field: 'metric', type: 'nominal', sort: METRICS.map((m) => t.metricName(m)), title: null },
    },
    spec: {
      width: PANEL_WIDTH,
      height: { step: 12 * Math.max(2, names.length) + 8 },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2, invalid: null },
          encoding: { y, yOffset, x: { ...x, field: 'lower' }, x2: { field: 'upper' }, color: colour },
        },
        {
          mark: { type: 'point', filled: true, size: 60, invalid: null },
          encoding: { y, yOffset, x: { ...x, field: 'median' }, color: colour, shape: { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape } },
        },
      ],
    },
  });
  // One faceted view per attribute, stacked: each has its own group axis (no shared y scale to resolve).
  const spec = {
    ...specHead(result, title, cell, description, values),
    vconcat: (attributes.some((a) => drawn.some((r) => r.attribute === a)) ? attributes.filter((a) => drawn.some((r) => r.attribute === a)) : attributes.slice(0, 1)).map(panel),
  } as unknown as TopLevelSpec;
  const table: string[][] = [];
  for (const attribute of attributes) {
    const groups = [...new Set(rows.filter((r) => r.attribute === attribute).map((r) => r.group))];
    for (const group of groups) {
      for (const m of result.models) {
        const cells = METRICS.map((metric) => rows.find((r) => r.attribute === attribute && r.group === group && r.model === m.label && r.metric === metric));
        const n = cells.find(Boolean)?.n ?? NaN;
        table.push([
          attribute,
          group,
          formatMedianCount(n),
          modelName(result, m.label),
          ...cells.flatMap((r) => (r ? [formatRate(r.median), formatInterval(r.lower, r.upper)] : ['—', '—'])),
        ]);
      }
    }
  }
  return {
    id: `group-error-rates${cellSuffix(result, cell)}`,
    cell,
    title,
    description,
    spec,
    table: {
      caption: `${t.tableCaption(title)} (${op})`,
      columns: [
        t.axis.attribute,
        t.axis.group,
        t.axis.children,
        t.axis.model,
        t.metricName('fpr'),
        t.axis.range,
        t.metricName('fnr'),
        t.axis.range,
      ],
      rows: table,
    },
  };
}
