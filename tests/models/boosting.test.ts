import { describe, expect, it } from 'vitest';
import { modelMessages, RisklabError } from '../../src/messages.js';
import { boosting, BOOSTING_DEFAULTS, fitBoosting, validateBoostingParams } from '../../src/models/boosting.js';
import { binColumns, fitBinning } from '../../src/models/tree/binning.js';
import { GradientCriterion } from '../../src/models/tree/criteria.js';
import { HistogramGrower } from '../../src/models/tree/grow.js';
import { selectionSample } from '../../src/models/sampling.js';
import { featureSample } from '../../src/models/tree/sampling.js';
import type { FeatureMatrix, TrainingSet } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { sliceRows, syntheticChildren } from '../fixtures/models/trees/synthetic.js';

function matrix(columns: number[][], names = columns.map((_, j) => `x${j}`)): FeatureMatrix {
  const nRows = columns[0].length;
  return {
    nRows,
    names,
    columns: columns.map((c) => Float64Array.from(c)),
    rowIds: Int32Array.from({ length: nRows }, (_, i) => i),
    source: 'records',
  };
}

// Eight rows, x0 a flag and x1 a count (the stump is worked by hand in tests/models/tree-grow.test.ts).
const tiny: TrainingSet = {
  x: matrix([
    [0, 0, 0, 0, 1, 1, 1, 1],
    [0, 1, 2, 0, 1, 2, 2, 2],
  ]),
  yRecorded: Uint8Array.of(0, 0, 1, 0, 0, 1, 0, 1),
};
const exact = { validationFraction: 0, minLeafSize: 1, l2: 1 } as const;

describe('boosting on a hand-made dataset', () => {
  it('starts from the log-odds of the base rate', async () => {
    const fitted = fitBoosting(validateBoostingParams({ ...exact, rounds: 1 }), tiny, createRandom(1));
    expect(fitted.initialScore).toBeCloseTo(Math.log(3 / 5), 15);
  });

  it('one stump matches scikit-learn HistGradientBoostingClassifier', async () => {
    // Hand: leaves ∓1.5/1.9375 added to log(3/5) → scores −1.285019, 0.263368.
    // scikit-learn 1.2.1 HistGradientBoostingClassifier(max_iter=1, learning_rate=1, max_depth=1,
    //   min_samples_leaf=1, l2_regularization=1, early_stopping=False).predict_proba(X)[:, 1]
    //   → 0.2166970607226667 (x1 ≤ 1) and 0.5654640213027214 (x1 = 2).
    const fitted = await boosting({ ...exact, rounds: 1, learningRate: 1, maxDepth: 1 }).fit(tiny, createRandom(1));
    const p = fitted.predictProba(tiny.x);
    const want = [0.2166970607226667, 0.2166970607226667, 0.5654640213027214, 0.2166970607226667];
    want.push(0.2166970607226667, 0.5654640213027214, 0.5654640213027214, 0.5654640213027214);
    for (let i = 0; i < 8; i++) expect(p[i]).toBeCloseTo(want[i], 14);
  });

  it('three rounds of depth-2 trees match scikit-learn', async () => {
    // scikit-learn 1.2.1 HistGradientBoostingClassifier(max_iter=3, learning_rate=0.5, max_depth=2,
    //   min_samples_leaf=1, l2_regularization=1, early_stopping=False).predict_proba(X)[:, 1]
    //   → 0.18486184048477897 (x1 ≤ 1) and 0.591220108229265 (x1 = 2).
    // scikit-learn keeps gradients and hessians in float32, so after the first
    // round (whose values are exact in float32) the two agree to about 1e-8.
    const fitted = await boosting({ ...exact, rounds: 3, learningRate: 0.5, maxDepth: 2 }).fit(tiny, createRandom(1));
    const p = fitted.predictProba(tiny.x);
    for (const i of [0, 1, 3, 4]) expect(p[i]).toBeCloseTo(0.18486184048477897, 7);
    for (const i of [2, 5, 6, 7]) expect(p[i]).toBeCloseTo(0.591220108229265, 7);
  });
});

describe('boosting on a rare outcome', () => {
  const data = syntheticChildren(createRandom('boosting-rare').fork('data'), { nRows: 6000 });
  const train: TrainingSet = { x: sliceRows(data.x, 0, 5000), yRecorded: data.yRecorded.slice(0, 5000) };

  it('stops early on the held-out slice and keeps the rounds up to its best loss', async () => {
    const fitted = fitBoosting(validateBoostingParams({}), train, createRandom(2));
    const losses = fitted.validationLoss;
    expect(fitted.trees.length).toBeLessThan(200);
    expect(fitted.trees.length).toBeGreaterThan(5);
    // It ran `patience` rounds past the best one, then kept the best.
    expect(losses.length).toBe(fitted.trees.length + BOOSTING_DEFAULTS.patience);
    const best = losses.indexOf(Math.min(...losses));
    expect(best + 1).toBe(fitted.trees.length);
  });

  it('grows every round without early stopping', async () => {
    const fitted = fitBoosting(validateBoostingParams({ rounds: 25, validationFraction: 0 }), train, createRandom(2));
    expect(fitted.trees.length).toBe(25);
    expect(fitted.validationLoss).toEqual([]);
    // Without a held-out slice the base rate is that of all training rows.
    const base = train.yRecorded.reduce((s, v) => s + v, 0) / train.yRecorded.length;
    expect(fitted.initialScore).toBeCloseTo(Math.log(base / (1 - base)), 14);
  });

  it('keeps each tree to its leaf budget, depth and feature sample', async () => {
    const fitted = fitBoosting(
      validateBoostingParams({ rounds: 10, validationFraction: 0, maxLeaves: 6, maxDepth: 4, featureFraction: 0.25 }),
      train,
      createRandom(3),
    );
    const d = train.x.columns.length;
    for (const tree of fitted.trees) {
      const leaves = tree.feature.filter((f) => f < 0).length;
      expect(leaves).toBeLessThanOrEqual(6);
      expect(new Set(tree.feature.filter((f) => f >= 0)).size).toBeLessThanOrEqual(Math.round(0.25 * d));
    }
  });

  it('subsamples rows per tree: a different model, still deterministic', async () => {
    const params = { rounds: 10, validationFraction: 0, rowFraction: 0.5 };
    const a = await boosting(params).fit(train, createRandom(4));
    const b = await boosting(params).fit(train, createRandom(4));
    const full = await boosting({ rounds: 10, validationFraction: 0 }).fit(train, createRandom(4));
    expect(a.predictProba(train.x)).toEqual(b.predictProba(train.x));
    expect(a.predictProba(train.x)).not.toEqual(full.predictProba(train.x));
  });

  it('updates training scores correctly when rows are subsampled (against a naive loop)', async () => {
    // The model updates the rows a tree was grown on from the tree's leaf ranges and
    // the others by walking the tree. A naive loop that walks every tree for every row
    // must grow the same trees, round after round.
    const params = validateBoostingParams({ rounds: 6, validationFraction: 0, rowFraction: 0.6, featureFraction: 0.7 });
    const random = createRandom(5);
    const fitted = fitBoosting(params, train, random);
    const { x, yRecorded } = train;
    const n = x.nRows;
    const binning = fitBinning(x, 255);
    const bins = binColumns(x, binning);
    const nBins = Int32Array.from(binning.cuts, (c) => c.length + 1);
    const grower = new HistogramGrower({ bins, nBins }, n);
    const base = yRecorded.reduce((s, v) => s + v, 0) / n;
    const score = new Float64Array(n).fill(Math.log(base / (1 - base)));
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let t = 0; t < params.rounds; t++) {
      const stream = random.fork(`tree:${t}`);
      const p = Array.from(score, (s) => 1 / (1 + Math.exp(-s)));
      const g = Float64Array.from(p, (pi, i) => pi - yRecorded[i]);
      const h = Float64Array.from(p, (pi) => pi * (1 - pi));
      const rows = new Int32Array(n);
      const m = selectionSample(stream.fork('rows'), all, n, Math.round(0.6 * n), rows);
      const features = featureSample(stream.fork('features'), x.columns.length, Math.round(0.7 * x.columns.length));
      const { tree } = grower.grow(
        rows,
        m,
        g,
        h,
        new GradientCriterion(params.minLeafSize, params.minLeafHessian, params.l2, params.learningRate),
        { mode: 'all', features },
        { maxDepth: params.maxDepth, maxLeaves: params.maxLeaves },
      );
      expect(fitted.trees[t]).toEqual(tree);
      for (let i = 0; i < n; i++) {
        let node = 0;
        while (tree.feature[node] >= 0) {
          node = bins[tree.feature[node]][i] <= tree.threshold[node] ? tree.left[node] : tree.left[node] + 1;
        }
        score[i] += tree.value[node];
      }
    }
    // And predictProba walks the same trees: σ(score) on the training rows.
    const predicted = fitted.predictProba(x);
    for (let i = 0; i < n; i += 97) expect(predicted[i]).toBeCloseTo(1 / (1 + Math.exp(-score[i])), 14);
  });
});

describe('boosting hyper-parameters', () => {
  it('documents its defaults', () => {
    expect(boosting().params).toEqual({
      rounds: 200,
      learningRate: 0.1,
      maxDepth: 6,
      maxLeaves: 31,
      minLeafSize: 20,
      minLeafHessian: 0.001,
      l2: 1,
      rowFraction: 1,
      featureFraction: 1,
      validationFraction: 0.1,
      patience: 10,
      tolerance: 1e-7,
      maxBins: 255,
      classWeight: 'none',
    });
  });

  const bad: [string, unknown, string][] = [
    ['rounds', 0, 'an integer ≥ 1'],
    ['learningRate', 0, 'a number in (0, 1]'],
    ['learningRate', 1.5, 'a number in (0, 1]'],
    ['maxDepth', 0, 'an integer ≥ 1'],
    ['maxLeaves', 1, 'an integer ≥ 2'],
    ['minLeafSize', 0, 'an integer ≥ 1'],
    ['minLeafHessian', -1, 'a finite number ≥ 0'],
    ['l2', NaN, 'a finite number ≥ 0'],
    ['rowFraction', 0, 'a number in (0, 1]'],
    ['featureFraction', 1.01, 'a number in (0, 1]'],
    ['validationFraction', 1, 'a number in [0, 1)'],
    ['patience', 0, 'an integer ≥ 1'],
    ['tolerance', -1e-9, 'a finite number ≥ 0'],
    ['maxBins', 300, 'an integer from 2 to 255'],
  ];
  it.each(bad)('refuses %s = %j', (field, value, expected) => {
    const call = () => boosting({ [field]: value } as never);
    expect(call).toThrow(RisklabError);
    expect(call).toThrow(modelMessages.param(`boosting.params.${field}`, expected, value));
  });
});
