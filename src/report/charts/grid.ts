import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { METRIC_NAMES } from '../../metrics/index.js';
import { RisklabError, messages, reportMessages as t } from '../../messages.js';
import { slug } from '../escape.js';
import { LABEL_STYLE } from '../palette.js';
import { PANEL_HEIGHT, PANEL_WIDTH, categoryScales, cellShortName, headlinePoint, modelName, modelNames, pointWords, specHead } from './common.js';
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
 * error bars, for one metric, group and operating point; models differ by
 * colour and marker shape, labels by dash (solid: truth, dashed: records).
 * The x axis is the cells' `gridValue` when every cell has one (e.g. a
 * visibility multiplier 1×–3×), with lines and one panel per scenario;
 * otherwise the cells are categories in order (scenarios, e.g. four
 * councils, or named grid cells), without lines, each model and label side
 * by side, filled markers against the truth and open ones against the records.
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
  const names = modelNames(result);
  const scales = categoryScales(names);
  const judged = labels.map((l) => t.labelShort[l]);
  const metricWords = t.metricName(metric);
  const cellX = (cell: number) => (numeric ? result.cells[cell].gridValue : cellShortName(result, cell));
  const values = rows.map((r) => ({
    scenario: result.cells[r.cell].scenario,
    x: cellX(r.cell),
    model: modelName(result, r.model),
    judged: t.labelShort[r.label],
    series: `${modelName(result, r.model)} · ${t.labelShort[r.label]}`,
    median: chartNumber(r.median),
    lower: chartNumber(r.lower),
    upper: chartNumber(r.upper),
  }));
  const gridTitle = result.gridLabel || t.axis.gridCell;
  // Rates that span 0–1 keep a fixed 0–1 axis so charts compare; small rates
  // (share flagged, false-positive rate…) get an axis from 0 that fits them.
  const wide = ['precision', 'recall', 'specificity', 'npv', 'accuracy', 'balancedAccuracy', 'auc', 'averagePrecision', 'f1'].includes(metric);
  const y = { type: 'quantitative', title: t.axis.medianOf(metricWords), scale: wide ? { domain: [0, 1] } : { zero: true, nice: true } } as const;
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour } as const;
  const shape = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape } as const;
  const groupWords = attribute === 'all' ? t.everybody : `${attribute} ${group}`;
  const title = attribute === 'all' ? t.gridTitle(metricWords, result.gridLabel) : `${t.gridTitle(metricWords, result.gridLabel)}: ${groupWords}`;
  const description = numeric
    ? t.gridDescription(metricWords, operatingPoint, pointWords(operatingPoint), groupWords, result.gridLabel)
    : t.gridDescriptionCategorical(metricWords, operatingPoint, pointWords(operatingPoint), groupWords);
  const head = specHead(result, title, null, description, values);
  let spec: TopLevelSpec;
  if (numeric) {
    const x = {
      field: 'x',
      type: 'quantitative',
      title: gridTitle,
      scale: { zero: false, nice: false, padding: 12 },
      axis: { values: [...new Set(result.cells.map((c) => c.gridValue as number))].sort((a, b) => a - b) },
    } as const;
    const layered = {
      width: PANEL_WIDTH + 80,
      height: PANEL_HEIGHT + 40,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.median)' }],
          mark: { type: 'line' },
          encoding: {
            x,
            y: { ...y, field: 'median' },
            color: colour,
            strokeDash: { field: 'judged', type: 'nominal', title: t.axis.label, scale: { domain: judged, range: labels.map((l) => [...LABEL_STYLE[l].dash]) } },
          },
        },
        {
          transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: colour },
        },
        {
          transform: [{ filter: 'isValid(datum.median)' }],
          mark: { type: 'point', filled: true, size: 60 },
          encoding: { x, y: { ...y, field: 'median' }, color: colour, shape },
        },
      ],
    };
    spec = (
      scenarios.length > 1 ? { ...head, facet: { column: { field: 'scenario', type: 'nominal', sort: scenarios, title: null } }, spec: layered } : { ...head, ...layered }
    ) as unknown as TopLevelSpec;
  } else {
    // Cells are categories (scenarios, or named grid cells): no lines between them; each model × label
    // side by side within a cell, filled markers against the truth and open ones against the records.
    const x = { field: 'x', type: 'nominal', title: scenarios.length === result.cells.length ? t.axis.scenario : gridTitle, sort: result.cells.map((c) => cellShortName(result, c.index)), axis: { labelAngle: 0 } } as const;
    const series = result.models.flatMap((m) => labels.map((l) => `${modelName(result, m.label)} · ${t.labelShort[l]}`));
    const xOffset = { field: 'series', type: 'nominal', sort: series, scale: { paddingInner: 0.2 } } as const;
    const point = (label: 'yRecorded' | 'yTrue') => ({
      transform: [{ filter: { field: 'judged', equal: t.labelShort[label] } }, { filter: 'isValid(datum.median)' }],
      mark: { type: 'point', filled: label === 'yTrue', size: 60, strokeWidth: 2 },
      encoding: { x, xOffset, y: { ...y, field: 'median' }, color: colour, shape },
    });
    spec = {
      ...head,
      title: { text: title, subtitle: t.gridMarkerKey },
      width: Math.min(720, Math.max(320, result.cells.length * series.length * 14)),
      height: PANEL_HEIGHT + 40,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { x, xOffset, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: colour },
        },
        ...labels.map(point),
      ],
    } as unknown as TopLevelSpec;
  }
  const table: string[][] = [];
  for (const c of result.cells) {
    for (const m of result.models) {
      for (const label of labels) {
        const r = rows.find((x) => x.cell === c.index && x.model === m.label && x.label === label);
        if (r) table.push([c.scenario, c.grid, modelName(result, m.label), t.labelShort[label], formatRate(r.median), formatInterval(r.lower, r.upper)]);
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
