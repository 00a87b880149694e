import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { METRIC_NAMES } from '../../metrics/index.js';
import { RisklabError, messages, reportMessages as t } from '../../messages.js';
import { slug } from '../escape.js';
import { PANEL_HEIGHT, PANEL_WIDTH, cellShortName, headlinePoint, judgedWords, labelDashScale, labelPointLayers, modelName, modelScales, pointWords, specHead } from './common.js';
import { chartMessages as c } from './texts.js';
import { chartNumber, formatInterval, formatRate } from './format.js';
import type { Chart } from './types.js';

/** Options for `metricAcrossGrid`. */
export interface GridChartOptions {
  /** A metric of the summary; default "precision". */
  readonly metric?: string;
  /** Labels to draw; default both. */
  readonly labels?: readonly ('yRecorded' | 'yTrue')[];
  /** An attribute ("all" for everybody); default "all". */
  readonly attribute?: string;
  /** A group of that attribute; default "all". */
  readonly group?: string;
  /** Default the headline (first) operating point. */
  readonly operatingPoint?: string;
}


/**
 * Chart 6: one metric across the cells of the grid. The median across
 * replicates of each model in every cell, with the 2.5–97.5% range as
 * error bars, for one metric, group and operating point, in the one label
 * encoding: colour and marker shape the model, solid lines and filled
 * markers against the truth, dashed lines and hollow markers against the
 * records. The x axis is the cells' `gridValue` when every cell has one
 * (e.g. a visibility multiplier 1×–3×), labelled by the cells' names and
 * logarithmic when the values span more than 20 times (base rates 0.1%–30%),
 * with lines, the truth's medians written beside their markers, and one panel
 * per scenario; otherwise the cells are categories in order (scenarios, e.g.
 * four councils, or named grid cells), without lines, each model and label
 * side by side. A measure that is not a 0–1 rate and spans more than 20
 * times (children flagged per true case) gets a logarithmic axis.
 *
 * @example
 * metricAcrossGrid(result, { metric: 'fnr', labels: ['yTrue'], attribute: 'deprivation', group: 'high' });
 */
export function metricAcrossGrid(result: ExperimentResult, options: GridChartOptions = {}): Chart {
  const { metric = 'precision', labels = ['yRecorded', 'yTrue'], attribute = 'all', group = 'all', operatingPoint = headlinePoint(result) } = options;
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) throw new RisklabError(messages.unknownName('metric', metric, METRIC_NAMES), 'metric');
  if (!result.operatingPoints.includes(operatingPoint)) {
    throw new RisklabError(messages.unknownName('operatingPoint', operatingPoint, result.operatingPoints), 'operatingPoint');
  }
  const rows = result.summary.filter(
    (r) => r.metric === metric && r.attribute === attribute && r.group === group && r.operatingPoint === operatingPoint && labels.includes(r.label),
  );
  if (rows.length === 0) {
    const known = [...new Set(result.summary.map((r) => (r.attribute === 'all' ? 'all' : `${r.attribute}=${r.group}`)))];
    throw new RisklabError(messages.unknownName('attribute=group', `${attribute}=${group}`, known), 'group');
  }
  const numeric = result.cells.every((c) => c.gridValue !== null);
  const scenarios = [...new Set(result.cells.map((c) => c.scenario))];
  const scales = modelScales(result);
  const metricWords = c.metricWords[metric] ?? t.metricName(metric);
  const cellX = (cell: number) => (numeric ? result.cells[cell].gridValue : cellShortName(result, cell));
  const values = rows.map((r) => ({
    scenario: result.cells[r.cell].scenario,
    x: cellX(r.cell),
    model: modelName(result, r.model),
    judged: judgedWords(r.label),
    series: `${modelName(result, r.model)} · ${judgedWords(r.label)}`,
    median: chartNumber(r.median),
    lower: chartNumber(r.lower),
    upper: chartNumber(r.upper),
    text: r.label === 'yTrue' && Number.isFinite(r.median) ? valueText(metric, r.median) : '',
    // Alternate models' labels above and below their markers, so close values do not overprint.
    above: result.models.findIndex((m) => m.label === r.model) % 2 === 0,
  }));
  const gridTitle = result.gridLabel || t.axis.gridCell;
  // Rates that span 0–1 keep a fixed 0–1 axis so charts compare; other measures get an axis that
  // fits them — logarithmic when they span more than 20 times (children flagged per true case).
  const wide = ['precision', 'recall', 'specificity', 'npv', 'accuracy', 'balancedAccuracy', 'auc', 'averagePrecision', 'f1'].includes(metric);
  const logY = !wide && spansDecades(values.flatMap((v) => [v.median, v.lower, v.upper]));
  const y = {
    type: 'quantitative',
    title: twoLines(c.axisMedianOf(metricWords)),
    scale: wide ? { domain: [0, 1] } : logY ? { type: 'log', nice: true } : { zero: true, nice: true },
    ...(logY ? { axis: { format: '~s', tickCount: 6 } } : {}),
  } as const;
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour } as const;
  const shape = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape } as const;
  const groupWords = attribute === 'all' ? t.everybody : `${attribute} ${group}`;
  const title = attribute === 'all' ? c.gridTitle(metricWords, result.gridLabel) : `${c.gridTitle(metricWords, result.gridLabel)}: ${groupWords}`;
  const key = labels.length === 2 ? c.labelKey : c.truthOnlyKey;
  const gridValues = [...new Set(result.cells.map((x) => x.gridValue as number))].sort((p, q) => p - q);
  const logX = numeric && spansDecades(gridValues);
  const description = numeric
    ? c.gridDescription(metricWords, operatingPoint, pointWords(operatingPoint), groupWords, result.gridLabel, { x: logX, y: logY })
    : c.gridDescriptionCategorical(metricWords, operatingPoint, pointWords(operatingPoint), groupWords);
  const head = specHead(result, title, null, description, values, key);
  let spec: TopLevelSpec;
  if (numeric) {
    // The axis is labelled by the cells' names ("0.1%", "3x"), at the cells' values.
    const names = Object.fromEntries(result.cells.map((x) => [String(x.gridValue), x.grid]));
    // Every cell is labelled: the chart widens for long names, and tilts them when even 760 px is not enough.
    const labelWidth = 7 * Math.max(...result.cells.map((x) => x.grid.length)) + 16;
    const angle = gridValues.length * labelWidth > 760 ? -30 : 0;
    const x = {
      field: 'x',
      type: 'quantitative',
      title: gridTitle,
      scale: logX ? { type: 'log', nice: false, padding: 16 } : { zero: false, nice: false, padding: 16 },
      axis: { values: gridValues, labelExpr: `${JSON.stringify(names)}[toString(datum.value)] || datum.label`, labelFlush: false, grid: false, labelOverlap: false, labelAngle: angle, ...(angle ? { labelAlign: 'right', labelBaseline: 'middle' } : {}) },
    } as const;
    const layered = {
      width: Math.min(760, Math.max(PANEL_WIDTH + 120, gridValues.length * 90, angle ? 0 : gridValues.length * labelWidth)),
      height: PANEL_HEIGHT + 80,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.median)' }],
          mark: { type: 'line' },
          encoding: { x, y: { ...y, field: 'median' }, color: colour, detail: { field: 'series' }, strokeDash: { field: 'judged', type: 'nominal', title: t.axis.label, scale: labelDashScale(labels), legend: null } },
        },
        {
          transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
          mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
          encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: colour },
        },
        ...labelPointLayers(labels, { x, y: { ...y, field: 'median' }, color: colour, shape }, { size: 60, extraFilter: 'isValid(datum.median)' }),
        ...[true, false].map((above) => ({
          transform: [{ filter: `datum.text !== '' && ${above ? '' : '!'}datum.above` }],
          mark: { type: 'text', align: 'left', baseline: above ? 'bottom' : 'top', dx: 5, dy: above ? -5 : 5, fontSize: 12 },
          encoding: { x, y: { ...y, field: 'median' }, text: { field: 'text' }, color: colour },
        })),
      ],
    };
    spec = (
      scenarios.length > 1 ? { ...head, facet: { column: { field: 'scenario', type: 'nominal', sort: scenarios, title: null } }, spec: layered } : { ...head, ...layered }
    ) as unknown as TopLevelSpec;
  } else {
    // Cells are categories (scenarios, or named grid cells): no lines between them; each model × label
    // side by side within a cell, filled markers against the truth and hollow ones against the records.
    const x = { field: 'x', type: 'nominal', title: scenarios.length === result.cells.length ? t.axis.scenario : gridTitle, sort: result.cells.map((cl) => cellShortName(result, cl.index)), axis: { labelAngle: 0, labelLimit: 160 } } as const;
    const series = result.models.flatMap((m) => labels.map((l) => `${modelName(result, m.label)} · ${judgedWords(l)}`));
    const xOffset = { field: 'series', type: 'nominal', sort: series, scale: { paddingInner: 0.2 } } as const;
    spec = {
      ...head,
      width: Math.min(760, Math.max(360, result.cells.length * series.length * 16)),
      height: PANEL_HEIGHT + 60,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
          mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
          encoding: { x, xOffset, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: colour },
        },
        ...labelPointLayers(labels, { x, xOffset, y: { ...y, field: 'median' }, color: colour, shape }, { size: 60, extraFilter: 'isValid(datum.median)' }),
      ],
    } as unknown as TopLevelSpec;
  }
  const table: string[][] = [];
  for (const cl of result.cells) {
    for (const m of result.models) {
      for (const label of labels) {
        const r = rows.find((x) => x.cell === cl.index && x.model === m.label && x.label === label);
        if (r) table.push([cl.scenario, cl.grid, modelName(result, m.label), judgedWords(label), formatRate(r.median), formatInterval(r.lower, r.upper)]);
      }
    }
  }
  const idParts = [metric, attribute === 'all' ? '' : `${slug(attribute)}-${slug(group)}`, labels.length === 1 ? slug(labels[0]) : ''].filter(Boolean);
  return {
    id: `grid-${idParts.join('-')}`,
    cell: null,
    title,
    description,
    spec,
    table: {
      caption: `${t.tableCaption(title)} (${operatingPoint}; ${groupWords})`,
      columns: [t.sourcesFields.scenario, gridTitle, t.axis.model, t.axis.label, t.axis.medianShort, t.axis.range],
      rows: table,
    },
  };
}

/** True when the positive finite values span more than 20 times (a log axis reads them better). */
function spansDecades(values: readonly (number | null)[]): boolean {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0 || v.some((x) => x <= 0)) return false;
  return Math.max(...v) / Math.min(...v) > 20;
}

/** A median as the label beside its marker: rates with two decimals; counts per case whole above 10, else one decimal. */
function valueText(metric: string, value: number): string {
  if (metric === 'flagsPerTrueCase') return value >= 10 ? String(Math.round(value)) : formatRate(value, 1);
  // Small rates (false-positive rate, share flagged) need a third decimal to tell groups apart.
  return formatRate(value, Math.abs(value) < 0.1 ? 3 : 2);
}

/** A long axis title as two lines, broken at the space nearest its middle (a rotated title longer than the axis widens the chart). */
function twoLines(text: string): string | string[] {
  if (text.length <= 24) return text;
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index ?? 0);
  if (spaces.length === 0) return text;
  const cut = spaces.reduce((best, i) => (Math.abs(i - text.length / 2) < Math.abs(best - text.length / 2) ? i : best), spaces[0]);
  return [text.slice(0, cut), text.slice(cut + 1)];
}
