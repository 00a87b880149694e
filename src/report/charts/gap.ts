import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { PANEL_WIDTH, cellShortName, cellSuffix, checkCell, headlinePoint, judgedWords, modelName, modelNames, modelScales, pointWords, specHead, summaryOf } from './common.js';
import { chartNumber, formatInterval, formatRate } from './format.js';
import { chartMessages as c } from './texts.js';
import type { Chart } from './types.js';

const LABELS = ['yRecorded', 'yTrue'] as const;
const METRICS = ['precision', 'recall'] as const;

/** Options for `recordedTrueGap`: one cell, or null for every cell in one chart (the default when there are several). */
export interface GapOptions {
  readonly cell?: number | null;
}

/**
 * The records-versus-truth chart (the lab's central picture): at the
 * headline operating point, each model's median precision and recall across
 * replicates judged against the records (hollow marker) and against the
 * truth (filled marker), joined by a grey bar whose length is the gap,
 * with both medians written beside their markers. Colour is the model
 * (`modelStyle`, as in every chart). With `cell: null` every cell is drawn
 * in one chart, one band per cell, so settings are compared at a glance;
 * the 2.5–97.5% ranges are in the chart's table.
 *
 * @example
 * recordedTrueGap(result, { cell: null }).table.rows; // [setting, model, metric, judged against, median, range]
 */
export function recordedTrueGap(result: ExperimentResult, options: GapOptions = {}): Chart {
  const all = options.cell === null || (options.cell === undefined && result.cells.length > 1);
  const cells = all ? result.cells.map((x) => x.index) : [checkCell(result, options.cell ?? 0)];
  const several = cells.length > 1;
  const op = headlinePoint(result);
  const names = modelNames(result);
  const scales = modelScales(result);
  const rows = cells.flatMap((cell) => summaryOf(result, cell, (r) => r.attribute === 'all' && r.operatingPoint === op && (METRICS as readonly string[]).includes(r.metric)));
  const find = (cell: number, model: string, metric: string, label: string) => rows.find((r) => r.cell === cell && r.model === model && r.metric === metric && r.label === label);
  const values: Record<string, unknown>[] = [];
  for (const cell of cells) {
    for (const m of result.models) {
      for (const metric of METRICS) {
        const rec = chartNumber(find(cell, m.label, metric, 'yRecorded')?.median ?? NaN);
        const tru = chartNumber(find(cell, m.label, metric, 'yTrue')?.median ?? NaN);
        // The larger value's label goes to its right, the smaller's to its left, so the two never overlap.
        const truRight = rec === null || (tru !== null && tru >= rec);
        values.push({
          setting: cellShortName(result, cell),
          model: modelName(result, m.label),
          metric: t.metricName(metric),
          rec,
          tru,
          recText: rec === null ? '' : formatRate(rec),
          truText: tru === null ? '' : formatRate(tru),
          recSide: truRight ? 'left' : 'right',
          truSide: truRight ? 'right' : 'left',
        });
      }
    }
  }
  const title = c.gapTitle;
  const description = c.gapDescription(op, pointWords(op), result.replicates, cells.length);
  const settings = cells.map((k) => cellShortName(result, k));
  // One cell: a row per model. Several: a band per setting (its name on the axis), a row per model within it.
  const position = several
    ? { y: { field: 'setting', type: 'nominal', sort: settings, title: null, axis: { labelLimit: 260, labelFontSize: 13, ticks: false, labelPadding: 6 } }, yOffset: { field: 'model', type: 'nominal', sort: names } }
    : { y: { field: 'model', type: 'nominal', sort: names, title: null, axis: { labelLimit: 180 } } };
  const x = (field: string) => ({ field, type: 'quantitative', title: c.gapAxis, scale: { domain: [0, 1] }, axis: { values: [0, 0.25, 0.5, 0.75, 1], format: '.2' } }) as const;
  // A colour legend only when the axis does not name the models (colours as in every chart).
  const legend = several ? {} : { legend: null };
  const colour = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.colour, ...legend } as const;
  const shape = { field: 'model', type: 'nominal', title: t.axis.model, scale: scales.shape, ...legend } as const;
  const text = (value: 'rec' | 'tru', side: 'left' | 'right') => ({
    transform: [{ filter: `isValid(datum.${value}) && datum.${value}Side === '${side}'` }],
    mark: { type: 'text', align: side === 'left' ? 'right' : 'left', dx: side === 'left' ? -9 : 9, baseline: 'middle', fontSize: 12 },
    encoding: { ...position, x: x(value), text: { field: `${value}Text` }, color: { value: '#222222' } },
  });
  const layer = {
    width: PANEL_WIDTH + 40,
    height: { step: several ? 19 : 24 },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.rec) && isValid(datum.tru)' }],
        mark: { type: 'rule', strokeWidth: 4, color: '#bdbdbd' },
        encoding: { ...position, x: x('rec'), x2: { field: 'tru' } },
      },
      {
        transform: [{ filter: 'isValid(datum.rec)' }],
        mark: { type: 'point', filled: false, fill: 'white', size: 80, strokeWidth: 2, opacity: 1 },
        encoding: { ...position, x: x('rec'), color: colour, shape },
      },
      {
        transform: [{ filter: 'isValid(datum.tru)' }],
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: { ...position, x: x('tru'), color: colour, shape },
      },
      text('rec', 'left'),
      text('rec', 'right'),
      text('tru', 'left'),
      text('tru', 'right'),
    ],
  };
  const spec = {
    ...specHead(result, title, several ? null : cells[0], description, values, c.labelKey),
    facet: { column: { field: 'metric', type: 'nominal', sort: METRICS.map((m) => t.metricName(m)), title: null, header: { labelFontSize: 13 } } },
    spacing: { column: 36 },
    bounds: 'flush',
    spec: layer,
  } as unknown as TopLevelSpec;
  const table: string[][] = [];
  for (const cell of cells) {
    for (const m of result.models) {
      for (const metric of METRICS) {
        for (const label of LABELS) {
          const r = find(cell, m.label, metric, label);
          if (r) table.push([cellShortName(result, cell), modelName(result, m.label), t.metricName(metric), judgedWords(label), formatRate(r.median), formatInterval(r.lower, r.upper)]);
        }
      }
    }
  }
  return {
    id: several ? 'recorded-true-gap' : `recorded-true-gap${cellSuffix(result, cells[0])}`,
    cell: several ? null : cells[0],
    title,
    description,
    spec,
    table: {
      caption: `${t.tableCaption(title)} (${op})`,
      columns: [c.setting, t.axis.model, t.axis.metric, t.axis.label, t.axis.medianShort, t.axis.range],
      rows: table,
    },
  };
}
