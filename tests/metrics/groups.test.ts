/**
 * Group metrics are the same functions applied to a group's rows: every
 * number here is recomputed on the group's rows alone (subset arrays) and
 * must match exactly. Hand examples pin difference, ratio, widest gap,
 * intersections and small-cell suppression.
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages } from '../../src/messages.js';
import type { GroupColumn } from '../../src/population/types.js';
import {
  METRIC_NAMES,
  RATE_NAMES,
  confusionByGroup,
  confusionFromFlags,
  difference,
  flagsAt,
  groupTable,
  intersect,
  metricByGroup,
  rate,
  ratio,
  suppressSmallCells,
  sweep,
  sweepByGroup,
  topK,
  widestGap,
  type MetricByGroup,
} from '../../src/metrics/index.js';
import { createRandom, randomCase } from './helpers.js';

function subset<T extends Float64Array | Uint8Array>(a: T, codes: Uint8Array, g: number): T {
  const rows: number[] = [];
  codes.forEach((c, i) => c === g && rows.push(i));
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  rows.forEach((r, j) => (out[j] = a[r]));
  return out;
}

function groupColumn(attribute: string, levels: string[], random: { next(): number }, n: number, weights: number[]): GroupColumn {
  const codes = new Uint8Array(n);
  const total = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    let u = random.next() * total;
    let g = 0;
    while (u >= weights[g] && g < weights.length - 1) u -= weights[g++];
    codes[i] = g;
  }
  return { attribute, levels, codes };
}

const root = createRandom('metrics-group-tests');
const n = 1500;
const { scores, yTrue } = randomCase(root.fork('data'), n, 0.2, 12);
const ethnicity = groupColumn('ethnicity', ['Asian', 'Black', 'Mixed', 'White', 'Other', 'Empty'], root.fork('eth'), n, [10, 8, 5, 70, 7, 0]);
const sex = groupColumn('sex', ['female', 'male'], root.fork('sex'), n, [1, 1]);

describe('any group metric equals the metric on that group’s rows alone', () => {
  const overall = sweep(scores, yTrue);
  const byEthnicity = sweepByGroup(scores, yTrue, ethnicity);

  it('the group sweeps equal sweeps of the subsets (thresholds, counts, AUC, AP)', () => {
    byEthnicity.groups.forEach((g, code) => {
      const alone = sweep(subset(scores, ethnicity.codes, code), subset(yTrue, ethnicity.codes, code));
      expect(Array.from(g.thresholds)).toEqual(Array.from(alone.thresholds));
      expect(Array.from(g.tp)).toEqual(Array.from(alone.tp));
      expect(Array.from(g.fp)).toEqual(Array.from(alone.fp));
      expect(Object.is(g.auc, alone.auc)).toBe(true);
      expect(Object.is(g.averagePrecision, alone.averagePrecision)).toBe(true);
      expect(byEthnicity.sizes[code]).toBe(alone.n);
    });
    expect(byEthnicity.sizes[5]).toBe(0);
  });

  it('at a capacity cut with ties split, each group is judged on its share of the one overall list', () => {
    for (const k of [0, 1, 37, 100, 333, 1499, 5000]) {
      const cut = topK(overall, k).cut;
      const flags = flagsAt(scores, cut);
      const confusions = confusionByGroup(byEthnicity, cut);
      confusions.forEach((c, code) => {
        expect(c).toEqual(confusionFromFlags(subset(flags, ethnicity.codes, code), subset(yTrue, ethnicity.codes, code)));
      });
      expect(confusions.reduce((a, c) => a + c.flagged, 0)).toBe(Math.min(k, n));
    }
  });

  it('metricByGroup gives every metric, overall and per group, with sizes', () => {
    const cut = topK(overall, 250).cut;
    const flags = flagsAt(scores, cut);
    for (const name of RATE_NAMES) {
      const m = metricByGroup(overall, byEthnicity, cut, name);
      expect(m.sizes).toEqual(Array.from(byEthnicity.sizes));
      expect(m.overallSize).toBe(n);
      expect(Object.is(m.overall, rate(name, confusionFromFlags(flags, yTrue)))).toBe(true);
      m.byGroup.forEach((v, code) => {
        const alone = confusionFromFlags(subset(flags, ethnicity.codes, code), subset(yTrue, ethnicity.codes, code));
        expect(Object.is(v, rate(name, alone))).toBe(true);
      });
    }
    expect(metricByGroup(overall, byEthnicity, cut, 'auc').byGroup[5]).toBeNaN();
  });

  it('rejects a bad group code and an unknown metric', () => {
    const bad: GroupColumn = { attribute: 'sex', levels: ['f', 'm'], codes: Uint8Array.from([0, 1, 2]) };
    expect(() => sweepByGroup(Float64Array.from([0.1, 0.2, 0.3]), Uint8Array.from([0, 1, 0]), bad)).toThrow(
      metricsMessages.badGroupCode('sex', 2, 2, 2),
    );
    expect(() => metricByGroup(overall, byEthnicity, topK(overall, 1).cut, 'kappa' as never)).toThrow(
      metricsMessages.unknownMetric('metric', 'kappa', METRIC_NAMES),
    );
  });
});

describe('intersections', () => {
  it('sex × ethnicity: every combination, first attribute slowest, and group metrics as for any column', () => {
    const both = intersect([sex, ethnicity]);
    expect(both.attribute).toBe('sex × ethnicity');
    expect(both.levels.length).toBe(12);
    expect(both.levels[0]).toBe('female × Asian');
    expect(both.levels[7]).toBe('male × Black');
    for (let i = 0; i < 50; i++) expect(both.codes[i]).toBe(sex.codes[i] * 6 + ethnicity.codes[i]);
    const g = sweepByGroup(scores, yTrue, both);
    const code = 9; // male × White
    const alone = sweep(subset(scores, both.codes, code), subset(yTrue, both.codes, code));
    expect(g.groups[code].auc).toBe(alone.auc);
    expect(g.sizes[code]).toBe(alone.n);
  });

  it('dropEmpty removes combinations nobody is in', () => {
    const both = intersect([sex, ethnicity], { dropEmpty: true });
    expect(both.levels).not.toContain('female × Empty');
    expect(both.levels.length).toBe(10);
    const g = sweepByGroup(scores, yTrue, both);
    expect(Array.from(g.sizes).every((s) => s > 0)).toBe(true);
  });

  it('refuses more than 256 cells', () => {
    const big: GroupColumn = { attribute: 'area', levels: Array.from({ length: 50 }, (_, i) => `a${i}`), codes: new Uint8Array(n) };
    expect(() => intersect([big, ethnicity])).toThrow(metricsMessages.tooManyCells(['area', 'ethnicity'], 300));
  });
});

describe('comparisons against a reference group', () => {
  const m: MetricByGroup = {
    metric: 'selectionRate',
    attribute: 'ethnicity',
    levels: ['Asian', 'Black', 'White', 'Empty'],
    sizes: [100, 80, 700, 0],
    overall: 0.1,
    overallSize: 880,
    byGroup: [0.08, 0.15, 0.1, NaN],
  };
  it('difference and ratio against a named reference', () => {
    const d = difference(m, 'White');
    expect(d[0]).toBeCloseTo(-0.02, 15);
    expect(d[1]).toBeCloseTo(0.05, 15);
    expect(d[2]).toBe(0);
    expect(d[3]).toBeNaN();
    const r = ratio(m, 'White');
    expect(r[0]).toBeCloseTo(0.8, 15);
    expect(r[1]).toBeCloseTo(1.5, 15);
    expect(r[2]).toBe(1);
    expect(r[3]).toBeNaN();
  });
  it('a zero reference gives NaN ratios, not Infinity', () => {
    expect(ratio({ ...m, byGroup: [0.1, 0.2, 0, 0] }, 'White').slice(0, 2)).toEqual([NaN, NaN]);
  });
  it('widest gap skips empty and undefined groups', () => {
    const gap = widestGap(m)!;
    expect(gap.lowest).toBe('Asian');
    expect(gap.highest).toBe('Black');
    expect(gap.difference).toBeCloseTo(0.07, 15);
    expect(gap.ratio).toBeCloseTo(0.08 / 0.15, 15);
    expect(widestGap({ ...m, byGroup: [NaN, NaN, 0.1, NaN] })).toBeNull();
  });
  it('an unknown reference names the known levels', () => {
    expect(() => difference(m, 'white')).toThrow(metricsMessages.unknownLevel('ethnicity', 'white', m.levels));
  });
});

describe('group tables and small-cell suppression', () => {
  const overall = sweep(scores, yTrue);
  const cut = topK(overall, 200).cut;
  const table = groupTable(overall, [sweepByGroup(scores, yTrue, sex), sweepByGroup(scores, yTrue, ethnicity)], cut, {
    metrics: ['precision', 'recall', 'auc'],
  });

  it('prints sizes beside rates: a row for all, then one per level of each attribute', () => {
    expect(table.map((r) => `${r.attribute}:${r.group}`)).toEqual([
      'all:all',
      'sex:female',
      'sex:male',
      'ethnicity:Asian',
      'ethnicity:Black',
      'ethnicity:Mixed',
      'ethnicity:White',
      'ethnicity:Other',
      'ethnicity:Empty',
    ]);
    expect(table[0]).toMatchObject({ n, flagged: 200 });
    expect(table[1].n + table[2].n).toBe(n);
    expect(Object.keys(table[0].values)).toEqual(['precision', 'recall', 'auc']);
    expect(table[8].values.precision).toBeNaN();
  });

  it('is off by default and replaces counts below k by "<k", withholding that row’s metrics', () => {
    const same = suppressSmallCells(table);
    expect(same.map((r) => r.n)).toEqual(table.map((r) => r.n));
    expect(same.every((r) => !r.suppressed)).toBe(true);
    const published = suppressSmallCells(table, 10);
    const empty = published[8];
    expect(empty).toMatchObject({ n: '<10', tp: '<10', suppressed: true });
    expect(empty.values).toEqual({ precision: null, recall: null, auc: null });
    expect(published[0].suppressed).toBe(false);
    expect(published[0].n).toBe(n);
    for (const row of published) {
      for (const key of ['n', 'positives', 'flagged', 'tp', 'fp', 'fn', 'tn'] as const) {
        const v = row[key];
        if (typeof v === 'number') expect(v).toBeGreaterThanOrEqual(10);
        else expect(v).toBe('<10');
      }
    }
  });
});
