import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { PANEL_WIDTH, attributesOf, cellSuffix, checkCell, headlinePoint, modelName, modelNames, modelScales, pointWords, summaryOf, specHead } from './common.js';
import { chartMessages as c } from './texts.js';
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
  const scales = modelScales(result);
  // The chart draws single attributes; intersections ("a × b") would make it several screens tall: they are in its table.
  const drawnAttributes = attributes.filter((a) => !a.includes(' × '));
  const rows = summaryOf(
    result,
    cell,
    (r) => r.label === 'yTrue' && r.attribute !== 'all' && r.operatingPoint === op && (METRICS as readonly string[]).includes(r.metric),
  );
  const groupLabel = (group: string, n: number) => t.groupWithSize(group, formatMedianCount(n));
  // Rows with an undefined median or range are left out of the picture (the table shows them as "—"),
  // so both layers read the same rows and the independent y scales share one source.
  const drawn = rows.filter((r) => drawnAttributes.includes(r.attribute) && Number.isFinite(r.median) && Number.isFinite(r.lower) && Number.isFinite(r.upper));
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
  const title = c.groupRatesTitle;
  const description = c.groupRatesDescription(op, pointWords(op), drawnAttributes, drawnAttributes.length < attributes.length);
  const yOffset = { field: 'model', type: 'nominal', sort: names } as const;
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour } as const;
  const shown = drawnAttributes.some((a) => drawn.some((r) => r.attribute === a)) ? drawnAttributes.filter((a) => drawn.some((r) => r.attribute === a)) : attributes.slice(0, 1);
  // The whole chart stays inside one laptop screen: about 400 px of rows, however many groups and models.
  const groupCount = shown.reduce((k, a) => k + new Set(drawn.filter((r) => r.attribute === a).map((r) => r.group)).size, 0);
  const step = Math.max(6, Math.min(14, Math.floor(330 / Math.max(1, groupCount * names.length))));
  // One column per rate, each a facet with a row per attribute (own group axis); the miss rate on 0–1, the
  // false-positive rate (small wherever few children are at risk) on an axis from 0 that fits it.
  // One row per attribute, one panel per rate with its own group axis; the miss rate on 0–1, the
  // false-positive rate (small wherever few children are at risk) on an axis from 0 that fits every group.
  const fprMax = Math.max(0.05, ...drawn.filter((r) => r.metric === 'fpr').map((r) => r.upper));
  const domain = (metric: (typeof METRICS)[number]) => (metric === 'fnr' ? [0, 1] : [0, Math.min(1, Math.ceil(fprMax * 20) / 20)]);
  const view = (attribute: string, metric: (typeof METRICS)[number], first: boolean, last: boolean) => {
    const x = { type: 'quantitative', title: last ? `${t.metricName(metric)} (median, 2.5–97.5%)` : null, scale: { domain: domain(metric) }, axis: { format: '.2', tickCount: 5, labels: last, ticks: last } } as const;
    const y = { field: 'group', type: 'nominal', title: null, sort: null, axis: first ? { labelLimit: 200 } : { labels: false, ticks: false } } as const;
    return {
      title: { text: `${attribute}: ${t.metricName(metric)}`, fontSize: 13, anchor: 'start', offset: 4 },
      transform: [{ filter: { field: 'metric', equal: t.metricName(metric) } }, { filter: { field: 'attribute', equal: attribute } }],
      width: PANEL_WIDTH,
      height: { step },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2, invalid: null }, encoding: { y, yOffset, x: { ...x, field: 'lower' }, x2: { field: 'upper' }, color: colour } },
        {
          mark: { type: 'point', filled: true, size: Math.min(60, step * step), opacity: 1, invalid: null },
          encoding: { y, yOffset, x: { ...x, field: 'median' }, color: colour, shape: { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape } },
        },
      ],
    };
  };
  const spec = {
    ...specHead(result, title, cell, description, values, c.truthOnlyKey),
    vconcat: shown.map((a, i) => ({ hconcat: METRICS.map((m, j) => view(a, m, j === 0, i === shown.length - 1)), spacing: 24, bounds: 'flush' })),
    spacing: 10,
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
