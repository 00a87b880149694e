import { describe, expect, it } from 'vitest';
import { boosting, fitBoosting, validateBoostingParams } from '../../src/models/boosting.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { forest } from '../../src/models/forest.js';
import { logistic, type FittedLogistic } from '../../src/models/logistic.js';
import { points, type FittedPoints } from '../../src/models/points.js';
import { addPathContributions, type Tree } from '../../src/models/tree/tree.js';
import { createRandom } from '../../src/random/index.js';
import { syntheticWorld } from '../fixtures/models/synthetic.js';

/** Reasons (src/models/reasons.ts): each model's base and contributions against a hand computation. */
const world = syntheticWorld(3000, 31, { baseRate: 0.15 });
const train = buildTrainingSet(world.records, { rows: Int32Array.from({ length: 2000 }, (_, i) => i) });
const test = buildFeatures(world.records, { rows: Int32Array.from({ length: 1000 }, (_, i) => 2000 + i) });
const mean = (c: Float64Array) => c.reduce((s, v) => s + v, 0) / c.length;

function available<T extends { available: boolean }>(r: T): Extract<T, { available: true }> {
  if (!r.available) throw new Error('no reasons');
  return r as Extract<T, { available: true }>;
}

describe('path contributions (Saabas) on a tree by hand', () => {
  // root (value 0.5) splits f0 at bin 0: left leaf 0.2, right node 0.8 splits f1 at bin 1: leaves 0.6 / 0.9.
  const tree: Tree = {
    feature: Int32Array.of(0, -1, 1, -1, -1),
    threshold: Uint8Array.of(0, 0, 1, 0, 0),
    left: Int32Array.of(1, 0, 3, 0, 0),
    value: Float64Array.of(0.5, 0.2, 0.8, 0.6, 0.9),
  };
  it('credits each split’s feature with the change in node value along the row’s path', () => {
    const contribution = new Float64Array(2);
    const sums = { base: 0, leaf: 0 };
    addPathContributions([tree], (j) => [1, 2][j], contribution, sums); // right, then right
    expect(sums).toEqual({ base: 0.5, leaf: 0.9 });
    expect(contribution[0]).toBeCloseTo(0.3, 15);
    expect(contribution[1]).toBeCloseTo(0.1, 15);
    const left = new Float64Array(2);
    addPathContributions([tree], (j) => [0, 2][j], left, { base: 0, leaf: 0 });
    expect(Array.from(left)).toEqual([0.2 - 0.5, 0]);
  });
});

describe('reasons of each model', () => {
  it('logistic: base = the linear predictor at the training means; coefficient × (value − mean)', async () => {
    const fitted = (await logistic().fit(train, createRandom(1))) as FittedLogistic;
    const means = train.x.columns.map(mean);
    const base = fitted.intercept + fitted.coefficients.reduce((s, c, j) => s + c.coefficient * means[j], 0);
    const r = available(fitted.reasons(test, [7])).rows[0];
    expect(r.base).toBeCloseTo(base, 10);
    expect(r.score).toBe(fitted.linearPredictor(test)[7]);
    for (const c of r.contributions) {
      const j = test.names.indexOf(c.feature);
      expect(c.contribution).toBeCloseTo(fitted.coefficients[j].coefficient * (test.columns[j][7] - means[j]), 12);
    }
  });

  it('forest without bootstrap: base = the training base rate (every tree’s root), contributions average the trees', async () => {
    const fitted = await forest({ nTrees: 5, bootstrap: false }).fit(train, createRandom(2));
    const rate = mean(Float64Array.from(train.yRecorded));
    const r = available(fitted.reasons(test, [3])).rows[0];
    expect(r.base).toBeCloseTo(rate, 12);
    expect(Math.min(1, r.score)).toBe(fitted.predictProba(test)[3]);
  });

  it('boosting: base = initial score + each tree’s root value −η·G/(H + λ), G and H at the scores of the rounds before', async () => {
    // Round t's tree is the same whether 1 or 2 rounds are grown (each draws from its own stream), so the
    // one-round model gives the scores the second tree was fitted to. Round 1's root value is 0 (G = 0 at the base rate).
    const params = { validationFraction: 0, learningRate: 0.3, l2: 2 };
    const one = await boosting({ ...params, rounds: 1 }).fit(train, createRandom(3));
    const two = fitBoosting(validateBoostingParams({ ...params, rounds: 2 }), train, createRandom(3));
    const p = one.predictProba(train.x);
    let g = 0;
    let h = 0;
    p.forEach((pi, i) => {
      g += pi - train.yRecorded[i];
      h += pi * (1 - pi);
    });
    const r = available(two.reasons(test, [11])).rows[0];
    expect(r.base).toBeCloseTo(two.initialScore + (-0.3 * g) / (h + 2), 10);
    expect(Math.abs(r.base - two.initialScore)).toBeGreaterThan(1e-6);
    expect(1 / (1 + Math.exp(-r.score))).toBeCloseTo(two.predictProba(test)[11], 14);
  });

  it('points: the scored flags and their points, nothing else', async () => {
    const fitted = (await points({ weights: { missing_episodes: 3, drugs: 2, exclusion: 1 } }).fit(train, createRandom(1))) as FittedPoints;
    const score = fitted.score(test);
    const row = [...score.keys()].find((i) => score[i] >= 3)!;
    const r = available(fitted.reasons(test, [row])).rows[0];
    const expected = (['missing_episodes', 'drugs', 'exclusion'] as const).filter((f) => test.columns[test.names.indexOf(f)][row] > 0);
    expect(r.contributions.map((c) => c.feature).sort()).toEqual([...expected].sort());
    expect(r.score).toBe(score[row]);
  });
});
