import { describe, expect, it } from 'vitest';
import { modelMessages, RisklabError } from '../../src/messages.js';
import { FOREST_DEFAULTS, featuresPerSplit, fitForest, forest, validateForestParams } from '../../src/models/forest.js';
import { leafCount, treeDepth } from '../../src/models/tree/tree.js';
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

// Eight rows, x0 a flag and x1 a count; the splits are worked by hand in tests/models/tree-grow.test.ts.
const tiny: TrainingSet = {
  x: matrix([
    [0, 0, 0, 0, 1, 1, 1, 1],
    [0, 1, 2, 0, 1, 2, 2, 2],
  ]),
  yRecorded: Uint8Array.of(0, 0, 1, 0, 0, 1, 0, 1),
};
/** One unbagged tree over all features: a single CART tree, comparable with scikit-learn's. */
const oneTree = { nTrees: 1, bootstrap: false, maxFeatures: 'all', minLeafSize: 1 } as const;

describe('forest on a hand-made dataset (one CART tree)', () => {
  it('matches scikit-learn DecisionTreeClassifier for Gini and entropy', async () => {
    // scikit-learn 1.2.1 DecisionTreeClassifier(criterion=c).fit(X, y).predict_proba(X)[:, 1]
    //   → [0, 0, 1, 0, 0, 2/3, 2/3, 2/3] for c = 'gini' and 'entropy' (split x1 ≤ 1.5, then x0 ≤ 0.5).
    for (const criterion of ['gini', 'entropy'] as const) {
      const fitted = await forest({ ...oneTree, criterion }).fit(tiny, createRandom(1));
      const p = Array.from(fitted.predictProba(tiny.x));
      expect(p.slice(0, 5)).toEqual([0, 0, 1, 0, 0]);
      for (const v of p.slice(5)) expect(v).toBeCloseTo(2 / 3, 15);
    }
  });

  it('respects minLeafSize (scikit-learn min_samples_leaf=2 → right leaf 3/4)', async () => {
    // scikit-learn 1.2.1 DecisionTreeClassifier(min_samples_leaf=2) → [0, 0, .75, 0, 0, .75, .75, .75]
    const fitted = await forest({ ...oneTree, minLeafSize: 2 }).fit(tiny, createRandom(1));
    expect(Array.from(fitted.predictProba(tiny.x))).toEqual([0, 0, 0.75, 0, 0, 0.75, 0.75, 0.75]);
  });

  it("gives class-weighted leaf frequencies with classWeight 'balanced'", async () => {
    // Weights n/(2·n_class): 8/10 for yRecorded = 0, 8/6 for 1. Right leaf: 3·(4/3) / (3·(4/3) + 0.8) = 5/6.
    // scikit-learn 1.2.1 DecisionTreeClassifier(min_samples_leaf=2, class_weight='balanced')
    //   → 0.8333333333333334 in the right leaf, 0 in the left.
    const fitted = await forest({ ...oneTree, minLeafSize: 2, classWeight: 'balanced' }).fit(tiny, createRandom(1));
    const p = fitted.predictProba(tiny.x);
    expect(p[0]).toBe(0);
    expect(p[2]).toBeCloseTo(0.8333333333333334, 15);
  });

  it('stops at maxDepth', async () => {
    const fitted = await forest({ ...oneTree, maxDepth: 1 }).fit(tiny, createRandom(1));
    // Root split only: left {0,1,3,4} all 0, right {2,5,6,7} with 3 of 4 positive.
    expect(Array.from(fitted.predictProba(tiny.x))).toEqual([0, 0, 0.75, 0, 0, 0.75, 0.75, 0.75]);
  });

  it('averages trees: the forest probability is the mean of its trees’ leaf frequencies', async () => {
    const fitted = fitForest(validateForestParams({ nTrees: 4, minLeafSize: 1 }), tiny, createRandom(9));
    const whole = fitted.predictProba(tiny.x);
    expect(fitted.trees.length).toBe(4);
    // Walk each tree by hand on the binned rows (bins equal values here: x0 ∈ {0,1}, x1 ∈ {0,1,2}).
    for (let i = 0; i < 8; i++) {
      let sum = 0;
      for (const tree of fitted.trees) {
        let node = 0;
        while (tree.feature[node] >= 0) {
          const v = tiny.x.columns[tree.feature[node]][i];
          node = v <= tree.threshold[node] ? tree.left[node] : tree.left[node] + 1;
        }
        sum += tree.value[node];
      }
      expect(whole[i]).toBeCloseTo(sum / 4, 15);
    }
  });
});

describe('forest on a rare outcome', () => {
  const data = syntheticChildren(createRandom('forest-rare').fork('data'), { nRows: 5000 });
  const train = { x: data.x, yRecorded: data.yRecorded };

  it('splits on a 5 % outcome with its defaults (ml-random-forest with defaults grows one leaf per tree)', async () => {
    const fitted = fitForest(validateForestParams({ nTrees: 10 }), train, createRandom(1));
    for (const tree of fitted.trees) {
      expect(leafCount(tree)).toBeGreaterThan(20);
      expect(treeDepth(tree)).toBeLessThanOrEqual(FOREST_DEFAULTS.maxDepth);
    }
  });

  it('uses bootstrap samples: trees differ; without bootstrap and with all features they share the root split', async () => {
    const bagged = fitForest(validateForestParams({ nTrees: 2 }), train, createRandom(1));
    expect(bagged.trees[0]).not.toEqual(bagged.trees[1]);
    // Deeper down, features tried in a different random order can break exact ties
    // differently (as in scikit-learn), so only the root is certain to agree.
    const plain = fitForest(validateForestParams({ nTrees: 3, bootstrap: false, maxFeatures: 'all' }), train, createRandom(1));
    for (const tree of plain.trees) {
      expect([tree.feature[0], tree.threshold[0]]).toEqual([plain.trees[0].feature[0], plain.trees[0].threshold[0]]);
    }
  });

  it("with classWeight 'balanced' ranks as well but scores are not calibrated (mean ≫ base rate)", async () => {
    const x = sliceRows(data.x, 0, 3000);
    const y = data.yRecorded.slice(0, 3000);
    const plain = await forest({ nTrees: 30 }).fit({ x, yRecorded: y }, createRandom(2));
    const balanced = await forest({ nTrees: 30, classWeight: 'balanced' }).fit({ x, yRecorded: y }, createRandom(2));
    const mean = (p: Float64Array) => p.reduce((s, v) => s + v, 0) / p.length;
    const base = y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.abs(mean(plain.predictProba(x)) - base)).toBeLessThan(0.01);
    expect(mean(balanced.predictProba(x))).toBeGreaterThan(3 * base);
  });
});

describe('forest hyper-parameters', () => {
  it('documents its defaults', () => {
    expect(forest().params).toEqual({
      nTrees: 100,
      maxFeatures: 'sqrt',
      criterion: 'gini',
      maxDepth: 12,
      minLeafSize: 20,
      classWeight: 'none',
      bootstrap: true,
      maxBins: 255,
    });
    expect(Object.isFrozen(forest().params)).toBe(true);
  });

  it('resolves features per split like scikit-learn (⌊√d⌋, ⌊log₂ d⌋)', () => {
    expect(featuresPerSplit('sqrt', 40)).toBe(6);
    expect(featuresPerSplit('log2', 40)).toBe(5);
    expect(featuresPerSplit('all', 40)).toBe(40);
    expect(featuresPerSplit('sqrt', 1)).toBe(1);
    expect(featuresPerSplit(7, 40)).toBe(7);
  });

  const bad: [string, unknown, string][] = [
    ['nTrees', 0, 'an integer ≥ 1'],
    ['nTrees', 2.5, 'an integer ≥ 1'],
    ['maxFeatures', 0, 'one of "sqrt", "log2", "all" or an integer ≥ 1'],
    ['maxFeatures', 'half', 'one of "sqrt", "log2", "all" or an integer ≥ 1'],
    ['criterion', 'mse', 'one of "gini", "entropy"'],
    ['maxDepth', 0, 'an integer ≥ 1'],
    ['maxDepth', Infinity, 'an integer ≥ 1'],
    ['minLeafSize', -1, 'an integer ≥ 1'],
    ['classWeight', 'auto', '"none", "balanced" or { positive: w } with w a finite number > 0'],
    ['classWeight', { positive: 0 }, '"none", "balanced" or { positive: w } with w a finite number > 0'],
    ['bootstrap', 'yes', 'true or false'],
    ['maxBins', 1, 'an integer from 2 to 255'],
    ['maxBins', 256, 'an integer from 2 to 255'],
  ];
  it.each(bad)('refuses %s = %j', (field, value, expected) => {
    const call = () => forest({ [field]: value } as never);
    expect(call).toThrow(RisklabError);
    expect(call).toThrow(modelMessages.param(`forest.params.${field}`, expected, value));
  });

  it('refuses more features per split than there are features, when fitting', async () => {
    await expect(forest({ maxFeatures: 3 }).fit(tiny, createRandom(1))).rejects.toThrow(
      modelMessages.param('forest.params.maxFeatures', 'at most the number of features (2)', 3),
    );
  });
});
