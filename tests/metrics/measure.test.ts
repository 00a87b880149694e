/**
 * The measuring stage of a task lives in the metrics module: threshold
 * curves, scores at equal true risk and their gap, and `measureScores`,
 * which gathers them with `evaluate`. Each is checked against a direct
 * recount on the rows it describes.
 */
import { describe, expect, it } from 'vitest';
import type { GroupColumn } from '../../src/columns.js';
import {
  CURVE_THRESHOLDS,
  brierScore,
  confusionAtThreshold,
  differenceOf,
  equalRiskGap,
  equalRiskTable,
  evaluate,
  isFlagged,
  measureScores,
  rates,
  ratioOf,
  thresholdCurve,
} from '../../src/metrics/index.js';
import { createRandom, randomCase } from './helpers.js';

const n = 600;
const { scores, yTrue } = randomCase(createRandom('measure-tests').fork('data'), n, 0.2, 20);
const pTrue = Float64Array.from({ length: n }, (_, i) => (i % 97) / 97);
const group: GroupColumn = { attribute: 'group', levels: ['A', 'B'], codes: Uint8Array.from({ length: n }, (_, i) => i % 2) };

describe('thresholdCurve', () => {
  it('at every threshold 0, 0.01, …, 1 equals a direct count of score ≥ threshold', () => {
    const curve = thresholdCurve(scores, yTrue);
    expect(curve.map((p) => p.threshold)).toEqual(CURVE_THRESHOLDS);
    for (const p of curve) {
      const r = rates(confusionAtThreshold(scores, yTrue, p.threshold));
      expect([p.precision, p.recall, p.selectionRate, p.fpr]).toEqual([r.precision, r.recall, r.selectionRate, r.fpr]);
    }
  });
});

describe('equalRiskTable and equalRiskGap', () => {
  it('mean score and mean pTrue by group within each tenth of true risk, recounted directly', () => {
    const table = equalRiskTable(scores, pTrue, [group]);
    expect(table).toHaveLength(20);
    const sorted = Float64Array.from(pTrue).sort();
    const cuts = Array.from({ length: 9 }, (_, k) => sorted[Math.floor(((k + 1) * n) / 10)]);
    const tenthOf = (p: number) => cuts.filter((c) => p >= c).length + 1;
    for (const cell of table) {
      const rows = Array.from({ length: n }, (_, i) => i).filter((i) => tenthOf(pTrue[i]) === cell.riskTenth && group.levels[group.codes[i]] === cell.group);
      expect(cell.n).toBe(rows.length);
      expect(cell.meanScore).toBeCloseTo(rows.reduce((a, i) => a + scores[i], 0) / rows.length, 12);
    }
  });

  it('the gap is the mean over tenths of the difference in mean score; NaN with no tenth in common', () => {
    const raised = Float64Array.from(scores, (s, i) => (group.codes[i] === 1 ? s + 0.05 : s));
    const base = equalRiskGap(equalRiskTable(scores, pTrue, [group]), 'group', 'B', 'A');
    expect(equalRiskGap(equalRiskTable(raised, pTrue, [group]), 'group', 'B', 'A') - base).toBeCloseTo(0.05, 12);
    expect(equalRiskGap(equalRiskTable(scores, pTrue, [group]), 'group', 'B', 'C')).toBeNaN();
  });
});

describe('measureScores', () => {
  it('gathers evaluate, Brier scores, curves (when asked) and scores at equal risk', () => {
    const yRecorded = yTrue.map((v, i) => (i % 4 === 0 ? 0 : v));
    const ops = [{ rule: 'topK', value: 50 }] as const;
    const m = measureScores(scores, { yRecorded, yTrue }, pTrue, { groups: [group], operatingPoints: ops, curves: true });
    expect(m.rows).toEqual(evaluate(scores, { yRecorded, yTrue }, { groups: [group], operatingPoints: ops }));
    expect(m.brier).toEqual([
      { label: 'yRecorded', value: brierScore(scores, yRecorded) },
      { label: 'yTrue', value: brierScore(scores, yTrue) },
    ]);
    expect(m.curves).toHaveLength(2 * 101);
    expect(m.equalRisk).toEqual(equalRiskTable(scores, pTrue, [group]));
    expect(measureScores(scores, { yRecorded, yTrue }, pTrue).curves).toEqual([]);
  });
});

describe('one zero-denominator rule and one tie rule', () => {
  it('ratioOf is NaN for a zero or undefined reference (never Infinity); differenceOf is NaN with NaN', () => {
    expect(ratioOf(0.3, 0.2)).toBeCloseTo(1.5, 15);
    expect(ratioOf(0.3, 0)).toBeNaN();
    expect(ratioOf(0, 0)).toBeNaN();
    expect(ratioOf(1, NaN)).toBeNaN();
    expect(differenceOf(NaN, 1)).toBeNaN();
  });

  it('isFlagged: above the cut, or at it within the tie row limit', () => {
    expect(isFlagged(0.6, 9, { threshold: 0.5, tieRowLimit: 0 })).toBe(true);
    expect(isFlagged(0.5, 3, { threshold: 0.5, tieRowLimit: 4 })).toBe(true);
    expect(isFlagged(0.5, 4, { threshold: 0.5, tieRowLimit: 4 })).toBe(false);
    expect(isFlagged(0.5, 1e9, { threshold: 0.5, tieRowLimit: Infinity })).toBe(true);
    expect(isFlagged(1, 0, { threshold: Infinity, tieRowLimit: Infinity })).toBe(false);
  });
});
