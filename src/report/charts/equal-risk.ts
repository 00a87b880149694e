import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { RisklabError, messages, reportMessages as t } from '../../messages.js';
import { slug } from '../escape.js';
import { OKABE_ITO } from '../palette.js';
import { PANEL_HEIGHT, PANEL_WIDTH, categoryScales, cellSuffix, checkCell, modelName, modelNames, specHead } from './common.js';
import { chartMessages as c } from './texts.js';
import { chartNumber, formatMedianCount, formatRate } from './format.js';
import type { CellOption, Chart } from './types.js';

/** Attributes that have equal-risk rows (the scenario's attributes; intersections have none), in order. */
export function equalRiskAttributes(result: ExperimentResult, cell = 0): string[] {
  const seen: string[] = [];
  for (const e of result.equalRisk) if (e.cell === cell && !seen.includes(e.attribute)) seen.push(e.attribute);
  return seen;
}

/** One pooled equal-risk row: a model, a group and a tenth of true risk, over every replicate. */
interface PooledRow {
  readonly model: string;
  readonly group: string;
  readonly riskTenth: number;
  /** Children in all replicates' test sets together. */
  readonly n: number;
  readonly meanPTrue: number;
  readonly meanScore: number;
}

/**
 * Equal-risk rows of one cell and attribute pooled over replicates: each
 * replicate's tenths are its own test children's, and the means are
 * weighted by children (the mean over every test child of that group and
 * tenth in every replicate). Order: model, tenth, group as first seen.
 */
function pooled(result: ExperimentResult, cell: number, attribute: string): PooledRow[] {
  const sums = new Map<string, { model: string; group: string; riskTenth: number; n: number; p: number; s: number }>();
  for (const e of result.equalRisk) {
    if (e.cell !== cell || e.attribute !== attribute) continue;
    const key = `${e.model}\u0000${e.riskTenth}\u0000${e.group}`;
    const acc = sums.get(key) ?? { model: e.model, group: e.group, riskTenth: e.riskTenth, n: 0, p: 0, s: 0 };
    if (e.n > 0) {
      acc.n += e.n;
      acc.p += e.n * e.meanPTrue;
      acc.s += e.n * e.meanScore;
    }
    sums.set(key, acc);
  }
  return [...sums.values()].map((a) => ({ model: a.model, group: a.group, riskTenth: a.riskTenth, n: a.n, meanPTrue: a.n ? a.p / a.n : NaN, meanScore: a.n ? a.s / a.n : NaN }));
}

/**
 * Chart 5: score distribution by group at equal true risk. Test children
 * are cut into tenths of pTrue; within each tenth, the mean score of each
 * group of one attribute (from `equalRisk`, pooled over replicates), one
 * panel per model, with the mean pTrue of the tenth as a black dotted reference line.
 * Groups differ by colour, marker shape and dash. Empty cells (no child of
 * that group in that tenth) are left out.
 *
 * @example
 * scoreAtEqualRisk(result, { attribute: 'deprivation' });
 */
export function scoreAtEqualRisk(result: ExperimentResult, options: CellOption & { attribute?: string } = {}): Chart {
  const cell = checkCell(result, options.cell);
  const attributes = equalRiskAttributes(result, cell);
  const attribute = options.attribute ?? attributes[0];
  if (!attributes.includes(attribute)) {
    throw new RisklabError(messages.unknownName('attribute', String(attribute), attributes), 'attribute');
  }
  const rows = pooled(result, cell, attribute);
  const groups = [...new Set(rows.map((r) => r.group))];
  const names = modelNames(result);
  const scales = categoryScales(groups);
  const values: Record<string, unknown>[] = rows
    .filter((r) => r.n > 0)
    .map((r) => ({ kind: 'group', model: modelName(result, r.model), group: r.group, tenth: r.riskTenth, score: chartNumber(r.meanScore), n: r.n }));
  // The reference: mean pTrue of each tenth over all groups, per model panel.
  for (const m of result.models) {
    for (let tenth = 1; tenth <= 10; tenth++) {
      const inTenth = rows.filter((r) => r.model === m.label && r.riskTenth === tenth && r.n > 0);
      const n = inTenth.reduce((a, r) => a + r.n, 0);
      if (n === 0) continue;
      const p = inTenth.reduce((a, r) => a + r.n * r.meanPTrue, 0) / n;
      values.push({ kind: 'truth', model: modelName(result, m.label), tenth, score: chartNumber(p), text: tenth === 10 ? t.trueRiskLine : '' });
    }
  }
  const title = t.equalRiskTitle(attribute);
  const description = c.equalRiskDescription(attribute, names);
  const x = { field: 'tenth', type: 'quantitative', title: t.axis.riskTenth, scale: { domain: [1, 10] }, axis: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], format: 'd' } } as const;
  const y = { field: 'score', type: 'quantitative', title: t.axis.meanScore, scale: { zero: true, nice: true } } as const;
  const colour = { field: 'group', type: 'nominal', title: attribute, scale: scales.colour } as const;
  const spec = {
    ...specHead(result, title, cell, description, values),
    facet: { field: 'model', type: 'nominal', sort: names, title: null },
    columns: names.length <= 4 ? Math.min(names.length, 2) : 3,
    spacing: { row: 12, column: 20 },
    spec: {
      width: names.length > 4 ? 200 : PANEL_WIDTH,
      height: PANEL_HEIGHT,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'truth'" }],
          mark: { type: 'line', color: OKABE_ITO.black, strokeDash: [1, 3], strokeWidth: 2 },
          encoding: { x, y },
        },
        {
          transform: [{ filter: "datum.kind === 'truth' && datum.text !== ''" }],
          mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, dy: -4, fontSize: 12, color: OKABE_ITO.black },
          encoding: { x, y, text: { field: 'text' } },
        },
        {
          transform: [{ filter: "datum.kind === 'group' && isValid(datum.score)" }],
          mark: { type: 'line' },
          encoding: { x, y, color: colour, strokeDash: { field: 'group', type: 'nominal', title: attribute, scale: scales.dash } },
        },
        {
          transform: [{ filter: "datum.kind === 'group' && isValid(datum.score)" }],
          mark: { type: 'point', filled: true, size: 40 },
          encoding: { x, y, color: colour, shape: { field: 'group', type: 'nominal', title: attribute, scale: scales.shape } },
        },
      ],
    },
  } as unknown as TopLevelSpec;
  const table: string[][] = [];
  for (const m of result.models) {
    for (let tenth = 1; tenth <= 10; tenth++) {
      for (const group of groups) {
        const r = rows.find((x) => x.model === m.label && x.riskTenth === tenth && x.group === group);
        if (r) table.push([modelName(result, m.label), String(tenth), group, formatMedianCount(r.n), formatRate(r.meanPTrue, 3), formatRate(r.meanScore, 3)]);
      }
    }
  }
  const index = attributes.indexOf(attribute);
  return {
    id: `equal-risk-${index}-${slug(attribute)}${cellSuffix(result, cell)}`,
    cell,
    title,
    description,
    spec,
    table: {
      caption: t.tableCaption(title),
      columns: [t.axis.model, t.axis.tenth, attribute, t.axis.childrenCount, t.axis.meanPTrue, t.axis.meanScore],
      rows: table,
    },
  };
}
