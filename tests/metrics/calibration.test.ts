/**
 * Probability quality by hand. Brier and log loss on the scikit-learn
 * docstring examples (brier_score_loss → 0.0375; log_loss → 0.21616…, both in
 * scikit-learn 1.2.1's docstrings); the larger fixtures are in
 * sklearn.test.ts. The calibration intercept with one constant prediction c
 * has the closed form logit(ȳ) − logit(c), which is the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages } from '../../src/messages.js';
import { brierScore, calibrationInTheLarge, calibrationTable, logLoss } from '../../src/metrics/index.js';

describe('Brier score and log loss', () => {
  it('scikit-learn docstring values', () => {
    expect(brierScore(Float64Array.from([0.1, 0.9, 0.8, 0.3]), Uint8Array.from([0, 1, 1, 0]))).toBeCloseTo(0.0375, 15);
    expect(logLoss(Float64Array.from([0.1, 0.9, 0.8, 0.35]), Uint8Array.from([0, 1, 1, 0]))).toBeCloseTo(0.21616187468057912, 14);
  });
  it('clips certain mistakes to a finite loss (eps = 2⁻⁵² by default)', () => {
    expect(logLoss(Float64Array.from([0]), Uint8Array.from([1]))).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(logLoss(Float64Array.from([0]), Uint8Array.from([1]), { eps: 1e-6 })).toBeCloseTo(-Math.log(1e-6), 12);
  });
  it('one class is allowed; empty input is NaN', () => {
    expect(logLoss(Float64Array.from([0.5, 0.5]), Uint8Array.from([1, 1]))).toBeCloseTo(Math.LN2, 15);
    expect(brierScore(new Float64Array(0), new Uint8Array(0))).toBeNaN();
    expect(logLoss(new Float64Array(0), new Uint8Array(0))).toBeNaN();
  });
  it('rejects scores that are not probabilities', () => {
    expect(() => brierScore(Float64Array.from([0.2, 1.2]), Uint8Array.from([0, 1]))).toThrow(
      metricsMessages.notProbability('scores', 1, 1.2),
    );
  });
});

describe('calibration table by tenths', () => {
  it('bins are [j/10, (j+1)/10), the last includes 1; edges land in the upper bin', () => {
    const p = Float64Array.from([0, 0.1, 0.3, 0.7, 0.99, 1, 0.0999999]);
    const table = calibrationTable(p, Uint8Array.from([0, 0, 1, 1, 1, 1, 0]));
    expect(table.length).toBe(10);
    expect(table.map((b) => b.n)).toEqual([2, 1, 0, 1, 0, 0, 0, 1, 0, 2]);
    expect(table[3]).toMatchObject({ lower: 0.3, upper: 0.4, n: 1, positives: 1, meanPredicted: 0.3, observedRate: 1 });
    expect(table[9].meanPredicted).toBeCloseTo(0.995, 15);
  });
  it('empty bins are kept with n = 0 and NaN rates', () => {
    const table = calibrationTable(Float64Array.from([0.05]), Uint8Array.from([1]));
    expect(table[4].n).toBe(0);
    expect(table[4].meanPredicted).toBeNaN();
    expect(table[4].observedRate).toBeNaN();
  });
  it('takes a number of bins', () => {
    expect(calibrationTable(Float64Array.from([0.5]), Uint8Array.from([1]), { bins: 4 }).map((b) => b.n)).toEqual([0, 0, 1, 0]);
    expect(() => calibrationTable(new Float64Array(0), new Uint8Array(0), { bins: 0 })).toThrow(
      metricsMessages.badCount('bins', 'a whole number in [1, 1000]', 0),
    );
  });
});

describe('calibration-in-the-large', () => {
  it('constant prediction: intercept = logit(observed) − logit(predicted)', () => {
    const p = new Float64Array(40).fill(0.1);
    const labels = new Uint8Array(40);
    for (let i = 0; i < 10; i++) labels[i] = 1;
    const c = calibrationInTheLarge(p, labels);
    expect(c.meanPredicted).toBeCloseTo(0.1, 15);
    expect(c.observedRate).toBe(0.25);
    expect(c.difference).toBeCloseTo(0.15, 15);
    expect(c.ratio).toBeCloseTo(2.5, 14);
    const logit = (x: number) => Math.log(x / (1 - x));
    expect(c.intercept).toBeCloseTo(logit(0.25) - logit(0.1), 12);
  });
  it('varied predictions: the intercept solves its score equation', () => {
    const p = Float64Array.from({ length: 200 }, (_, i) => 0.02 + (0.9 * i) / 200);
    const labels = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const { intercept } = calibrationInTheLarge(p, labels);
    let residual = 0;
    p.forEach((q, i) => (residual += labels[i] - 1 / (1 + Math.exp(-(intercept + Math.log(q / (1 - q)))))));
    expect(Math.abs(residual)).toBeLessThan(1e-9);
  });
  it('one class: the intercept is NaN (no finite solution), the rest defined', () => {
    const c = calibrationInTheLarge(Float64Array.from([0.2, 0.3]), Uint8Array.from([0, 0]));
    expect(c.intercept).toBeNaN();
    expect(c.observedRate).toBe(0);
    expect(calibrationInTheLarge(Float64Array.from([0, 0]), Uint8Array.from([0, 1])).ratio).toBeNaN();
  });
});
