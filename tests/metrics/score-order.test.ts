/**
 * One sort per score column (issue 15): `scoreOrder` sorts a column once and
 * every sweep — each label, overall and per group level — is read off that
 * order. The sweeps must be the very same, to the bit, as those that sort
 * each slice themselves, on heavy ties, empty levels and one-class levels;
 * bad input is refused with the messages the sorting sweeps give, in the
 * same order (a bad label before a bad score).
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages } from '../../src/messages.js';
import type { GroupColumn } from '../../src/population/types.js';
import {
  equalRiskTable,
  evaluate,
  measureScores,
  riskTenths,
  scoreOrder,
  sweep,
  sweepByGroup,
  sweepOrdered,
  type Sweep,
} from '../../src/metrics/index.js';
import { createRandom, randomCase } from './helpers.js';

/** Every field of two sweeps equal, with `Object.is` (so −0 ≠ 0 and NaN = NaN). */
function expectSameSweep(a: Sweep, b: Sweep): void {
  expect(a.n).toBe(b.n);
  expect(a.positives).toBe(b.positives);
  expect(a.negatives).toBe(b.negatives);
  expect(Object.is(a.auc, b.auc), `auc ${a.auc} vs ${b.auc}`).toBe(true);
  expect(Object.is(a.averagePrecision, b.averagePrecision), `ap ${a.averagePrecision} vs ${b.averagePrecision}`).toBe(true);
  expect(Array.from(a.thresholds)).toEqual(Array.from(b.thresholds));
  for (let i = 0; i < a.thresholds.length; i++) expect(Object.is(a.thresholds[i], b.thresholds[i])).toBe(true);
  expect(Array.from(a.tp)).toEqual(Array.from(b.tp));
  expect(Array.from(a.fp)).toEqual(Array.from(b.fp));
  expect(a.rows.scores).toBe(b.rows.scores);
  expect(a.rows.labels).toBe(b.rows.labels);
  expect(a.rows.codes).toBe(b.rows.codes);
  expect(a.rows.code).toBe(b.rows.code);
}

/** A group column with `L` levels where level `L - 1` is empty and level 0 holds only positives. */
function awkwardGroups(labels: Uint8Array, L: number, random: ReturnType<typeof createRandom>): GroupColumn {
  const codes = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = labels[i] === 1 && random.next() < 0.2 ? 0 : 1 + Math.floor(random.next() * (L - 2));
  return { attribute: 'g', levels: Array.from({ length: L }, (_, l) => `level${l}`), codes };
}

describe('scoreOrder', () => {
  it('gives the native sort of the scores, with ties in row order', () => {
    const scores = new Float64Array([0.4, 0.1, 0.4, 0.2, 0.1, 0.4]);
    const o = scoreOrder(scores)!;
    expect(Array.from(o.order)).toEqual([1, 4, 3, 0, 2, 5]);
    expect(Array.from(o.sorted)).toEqual([0.1, 0.1, 0.2, 0.4, 0.4, 0.4]);
    expect(o.scores).toBe(scores);
  });

  it('is a stable argsort on random columns with many ties', () => {
    const random = createRandom('score-order:argsort');
    for (const distinct of [0, 3, 50]) {
      const { scores } = randomCase(random, 2000, 0.3, distinct);
      const o = scoreOrder(scores)!;
      const expected = Array.from(scores.keys()).sort((i, j) => scores[i] - scores[j] || i - j);
      expect(Array.from(o.order)).toEqual(expected);
      expect(Array.from(o.sorted)).toEqual(Array.from(Float64Array.from(scores).sort()));
    }
  });

  it('orders negative, tiny, subnormal and huge values as numbers (the radix sort on the bits)', () => {
    const random = createRandom('score-order:bits');
    const pool = [-1e300, -3.5, -1, -1e-300, -5e-324, 0, 5e-324, 1e-300, 1e-10, 0.25, 0.5, 0.75, 1, 2, 1e10, 1e300, Number.MAX_VALUE, -Number.MAX_VALUE];
    // Also values that differ only in the low 32 bits (the same high word), negative and positive.
    for (let k = 0; k < 40; k++) pool.push(-(1 + k * 2 ** -45), 1 + k * 2 ** -45, -(0.3 + k * 2 ** -50));
    const scores = Float64Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? pool[Math.floor(random.next() * pool.length)] : (random.next() - 0.5) * 10 ** Math.floor(random.next() * 40 - 20)));
    const o = scoreOrder(scores)!;
    const expected = Array.from(scores.keys()).sort((i, j) => (scores[i] < scores[j] ? -1 : scores[i] > scores[j] ? 1 : i - j));
    expect(Array.from(o.order)).toEqual(expected);
    expect(Array.from(o.sorted)).toEqual(Array.from(Float64Array.from(scores).sort()));
    const labels = Uint8Array.from(scores, (_, i) => (i % 5 === 0 ? 1 : 0));
    expectSameSweep(sweepOrdered(o, labels), sweep(scores, labels));
  });

  it('refuses NaN and ±Infinity with the first bad row, as sweep does', () => {
    expect(() => scoreOrder(new Float64Array([0.1, NaN, Infinity]))).toThrow(metricsMessages.notFinite('scores', 1, NaN));
    expect(() => scoreOrder(new Float64Array([0.1, 0.2, -Infinity]))).toThrow(metricsMessages.notFinite('scores', 2, -Infinity));
    expect(() => sweep(new Float64Array([0.1, NaN]), new Uint8Array([0, 1]))).toThrow(metricsMessages.notFinite('scores', 1, NaN));
  });

  it('gives null for a column holding −0 (callers then sort each slice)', () => {
    expect(scoreOrder(new Float64Array([0.5, -0, 0]))).toBeNull();
    expect(scoreOrder(new Float64Array([0.5, 0, 0]))).not.toBeNull();
  });

  it('handles an empty column', () => {
    const empty = new Float64Array(0);
    const labels = new Uint8Array(0);
    const o = scoreOrder(empty)!;
    expect(o.order.length).toBe(0);
    expectSameSweep(sweepOrdered(o, labels), sweep(empty, labels));
  });
});

describe('sweeps read off one order', () => {
  it('equal the sweeps that sort for themselves, overall and per level (ties, empty and one-class levels)', () => {
    const random = createRandom('score-order:sweeps');
    for (const distinct of [0, 2, 7, 200]) {
      for (const prevalence of [0.02, 0.4]) {
        const { scores, yTrue } = randomCase(random, 3000, prevalence, distinct);
        const o = scoreOrder(scores)!;
        expectSameSweep(sweepOrdered(o, yTrue), sweep(scores, yTrue));
        const column = awkwardGroups(yTrue, 6, random);
        const shared = sweepByGroup(scores, yTrue, column, o);
        const own = sweepByGroup(scores, yTrue, column);
        expect(Array.from(shared.sizes)).toEqual(Array.from(own.sizes));
        expect(shared.sizes[5]).toBe(0);
        expect(shared.groups[0].negatives).toBe(0);
        shared.groups.forEach((s, g) => expectSameSweep(s, own.groups[g]));
      }
    }
  });

  it('refuse an order of another score column', () => {
    const o = scoreOrder(new Float64Array([0.1, 0.2]))!;
    const column: GroupColumn = { attribute: 'g', levels: ['a'], codes: new Uint8Array(2) };
    expect(() => sweepByGroup(new Float64Array([0.1, 0.2]), new Uint8Array([0, 1]), column, o)).toThrow(/another score column/);
  });

  it('check labels and group codes with sweep’s messages', () => {
    const scores = new Float64Array([0.1, 0.2, 0.3]);
    const o = scoreOrder(scores)!;
    expect(() => sweepOrdered(o, new Uint8Array([0, 2, 1]), 'yTrue')).toThrow(metricsMessages.notBinary('yTrue', 1, 2));
    expect(() => sweepOrdered(o, new Uint8Array([0, 1]), 'yTrue')).toThrow(metricsMessages.lengthMismatch('yTrue', 3, 2));
    const column: GroupColumn = { attribute: 'g', levels: ['a', 'b'], codes: new Uint8Array([0, 2, 1]) };
    expect(() => sweepByGroup(scores, new Uint8Array([0, 1, 1]), column, o)).toThrow(metricsMessages.badGroupCode('g', 1, 2, 2));
  });
});

describe('evaluate and measureScores with the shared order', () => {
  const random = createRandom('score-order:evaluate');
  const { scores, yTrue } = randomCase(random, 1500, 0.2, 9);
  const yRecorded = Uint8Array.from(yTrue, (v, i) => (v === 1 && i % 3 === 0 ? 0 : v));
  const sex: GroupColumn = { attribute: 'sex', levels: ['female', 'male'], codes: Uint8Array.from(yTrue, (_, i) => i % 2) };
  const area = awkwardGroups(yTrue, 5, random);
  const operatingPoints = [
    { rule: 'topK' as const, value: 100 },
    { rule: 'threshold' as const, value: 0.5 },
    { rule: 'recall' as const, value: 0.6 },
  ];

  it('give every row a per-group recomputation gives (each group sorted on its own)', () => {
    const rows = evaluate(scores, { yRecorded, yTrue }, { groups: [sex, area], intersections: [['sex', 'g']], operatingPoints });
    for (const r of rows.filter((x) => x.attribute === 'g' && x.metric === 'auc')) {
      const level = area.levels.indexOf(r.group);
      const keep = Array.from(scores.keys()).filter((i) => area.codes[i] === level);
      const y = r.label === 'yRecorded' ? yRecorded : yTrue;
      const alone = sweep(Float64Array.from(keep, (i) => scores[i]), Uint8Array.from(keep, (i) => y[i]));
      expect(Object.is(r.value, alone.auc)).toBe(true);
      expect(r.n).toBe(alone.n);
    }
  });

  it('are unchanged by a −0 in the scores (the sorting fallback)', () => {
    const withZero = Float64Array.from(scores);
    withZero[3] = -0;
    withZero[4] = 0;
    const rows = evaluate(withZero, { yRecorded, yTrue }, { groups: [sex], operatingPoints });
    const s = sweep(withZero, yRecorded);
    const auc = rows.find((r) => r.label === 'yRecorded' && r.attribute === 'all' && r.metric === 'auc')!;
    expect(auc.value).toBe(s.auc);
  });

  it('report a bad label before a bad score, as the sorting sweep did', () => {
    const bad = Float64Array.from(scores);
    bad[7] = NaN;
    const badLabels = Uint8Array.from(yRecorded);
    badLabels[9] = 3;
    expect(() => evaluate(bad, { yRecorded: badLabels, yTrue }, { groups: [sex] })).toThrow(metricsMessages.notBinary('labels', 9, 3));
    expect(() => evaluate(bad, { yRecorded, yTrue }, { groups: [sex] })).toThrow(metricsMessages.notFinite('scores', 7, NaN));
    expect(() => measureScores(bad, { yRecorded, yTrue }, scores, { groups: [sex], curves: true })).toThrow(metricsMessages.notFinite('scores', 7, NaN));
  });

  it('give the same curves and equal-risk table with shared tenths as without', () => {
    const pTrue = Float64Array.from(scores, (v, i) => (v + (i % 10) / 10) / 2);
    const tenths = riskTenths(pTrue);
    const a = measureScores(scores, { yRecorded, yTrue }, pTrue, { groups: [sex, area], curves: true, riskTenths: tenths });
    const b = measureScores(scores, { yRecorded, yTrue }, pTrue, { groups: [sex, area], curves: true });
    expect(a).toEqual(b);
    expect(equalRiskTable(scores, pTrue, [area], tenths)).toEqual(equalRiskTable(scores, pTrue, [area]));
    expect(() => equalRiskTable(scores, pTrue, [area], riskTenths(Float64Array.from(pTrue)))).toThrow(/another pTrue column/);
  });
});
