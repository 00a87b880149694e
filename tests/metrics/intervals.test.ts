/**
 * Intervals. Wilson, the normal quantile and the replicate summary are
 * checked against scipy/numpy in sklearn.test.ts; here: edge cases, seeded
 * determinism of the bootstrap, and statistical properties with fixed seeds
 * and honest tolerances (percentile bootstrap ≈ Wilson for a large-sample
 * proportion; coverage of a known prevalence within a binomial band).
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages } from '../../src/messages.js';
import {
  bootstrapMetric,
  bootstrapRows,
  normalQuantile,
  prevalence,
  confusionFromFlags,
  quantileSorted,
  median,
  rocAuc,
  summarizeReplicates,
  wilson,
} from '../../src/metrics/index.js';
import { createRandom, randomCase } from './helpers.js';

const meanLabel = (_s: Float64Array, l: Uint8Array) => prevalence(confusionFromFlags(new Uint8Array(l.length), l));

describe('Wilson interval', () => {
  it('no trials: NaN, not 0', () => {
    const w = wilson(0, 0);
    expect([w.estimate, w.lower, w.upper].every(Number.isNaN)).toBe(true);
  });
  it('stays inside [0, 1] and contains the estimate', () => {
    for (const [k, n] of [[0, 5], [5, 5], [1, 3], [999, 1000]]) {
      const w = wilson(k, n);
      expect(w.lower).toBeGreaterThanOrEqual(0);
      expect(w.upper).toBeLessThanOrEqual(1);
      expect(w.lower).toBeLessThanOrEqual(w.estimate);
      expect(w.upper).toBeGreaterThanOrEqual(w.estimate);
    }
  });
  it('rejects impossible counts and confidence levels', () => {
    expect(() => wilson(6, 5)).toThrow(metricsMessages.badCount('successes', 'a whole number in [0, 5]', 6));
    expect(() => wilson(1, 5, 1)).toThrow(metricsMessages.badFraction('confidence', 'a number in (0, 1)', 1));
  });
});

describe('quantiles and summaries', () => {
  it('type-7 quantile and the normal quantile ends', () => {
    expect(quantileSorted(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2.5);
    expect(quantileSorted([7], 0.975)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(0.5)).toBe(0);
  });
  it('median drops NaN values (numpy nanmedian: [3, nan, 1, 2] → 2.0, [4, 1, nan, 2, 3] → 2.5, all-nan → nan)', () => {
    expect(median([3, NaN, 1, 2])).toBe(2);
    expect(median(Float64Array.from([4, 1, NaN, 2, 3]))).toBe(2.5);
    expect(median([NaN, NaN])).toBeNaN();
    expect(median([])).toBeNaN();
  });
  it('NaN replicates are dropped and counted, never averaged as numbers', () => {
    const s = summarizeReplicates([0.5, NaN, 0.7, NaN, 0.6]);
    expect(s.count).toBe(3);
    expect(s.undefinedCount).toBe(2);
    expect(s.mean).toBeCloseTo(0.6, 15);
    expect(s.sd).toBeCloseTo(0.1, 15);
    const none = summarizeReplicates([NaN]);
    expect([none.mean, none.sd, none.lower, none.upper].every(Number.isNaN)).toBe(true);
    expect(summarizeReplicates([0.4]).sd).toBeNaN();
  });
});

describe('seeded bootstrap percentile intervals', () => {
  const { scores, yTrue } = randomCase(createRandom(21).fork('boot data'), 400, 0.3, 0);

  it('the same seed gives the same interval; another seed another', () => {
    const a = bootstrapMetric(scores, yTrue, rocAuc, { random: createRandom(1).fork('bootstrap:auc'), replicates: 200 });
    const b = bootstrapMetric(scores, yTrue, rocAuc, { random: createRandom(1).fork('bootstrap:auc'), replicates: 200 });
    const c = bootstrapMetric(scores, yTrue, rocAuc, { random: createRandom(2).fork('bootstrap:auc'), replicates: 200 });
    expect(Array.from(a.replicates)).toEqual(Array.from(b.replicates));
    expect(a.lower).toBe(b.lower);
    expect(Array.from(a.replicates)).not.toEqual(Array.from(c.replicates));
    expect(a.estimate).toBe(rocAuc(scores, yTrue));
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
  });

  it('for a large-sample proportion the percentile interval is close to Wilson (within 0.01)', () => {
    const { scores: s2, yTrue: y2 } = randomCase(createRandom(22).fork('boot large'), 3000, 0.3, 0);
    const boot = bootstrapMetric(s2, y2, meanLabel, { random: createRandom(3).fork('boot'), replicates: 2000 });
    const positives = y2.reduce((a, b) => a + b, 0);
    const w = wilson(positives, 3000);
    expect(Math.abs(boot.lower - w.lower)).toBeLessThan(0.01);
    expect(Math.abs(boot.upper - w.upper)).toBeLessThan(0.01);
  });

  it('covers a known prevalence in about 95% of seeded samples (inside a 99.9% binomial band)', () => {
    const trials = 200;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const { scores: s3, yTrue: y3 } = randomCase(createRandom(100 + t).fork('coverage'), 300, 0.3, 0);
      const boot = bootstrapMetric(s3, y3, meanLabel, { random: createRandom(t).fork('boot'), replicates: 300 });
      if (boot.lower <= 0.3 && 0.3 <= boot.upper) covered++;
    }
    // Binomial(200, 0.95): 99.9% of outcomes lie in [181, 198]; percentile intervals run slightly short, so allow from 176.
    expect(covered).toBeGreaterThanOrEqual(176);
    expect(covered).toBeLessThanOrEqual(198);
  });

  it('replicates with an undefined metric are counted, not used', () => {
    const s = Float64Array.from({ length: 20 }, (_, i) => i / 20);
    const l = new Uint8Array(20);
    l[19] = 1;
    const boot = bootstrapMetric(s, l, rocAuc, { random: createRandom(4).fork('boot'), replicates: 300 });
    expect(boot.undefinedCount).toBeGreaterThan(0);
    expect(boot.undefinedCount).toBeLessThan(300);
    expect(Array.from(boot.replicates).filter(Number.isNaN).length).toBe(boot.undefinedCount);
    expect(Number.isNaN(boot.lower)).toBe(false);
  });

  it('bootstrapRows hands the statistic row indices (null for the full-data estimate)', () => {
    const seen: (number | null)[] = [];
    bootstrapRows(5, (rows) => (seen.push(rows === null ? null : rows.length), 0), { random: createRandom(5).fork('b'), replicates: 3 });
    expect(seen).toEqual([5, 5, 5, null]);
    expect(() => bootstrapRows(5, () => 0, { random: createRandom(5).fork('b'), replicates: 0 })).toThrow(
      metricsMessages.badCount('replicates', 'a whole number ≥ 1', 0),
    );
  });
});
