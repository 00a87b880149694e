import { describe, expect, it } from 'vitest';
import { messages, modelMessages, RisklabError } from '../../src/messages.js';
import { boosting, loadBoosting } from '../../src/models/boosting.js';
import { forest, loadForest } from '../../src/models/forest.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { aucOf } from '../fixtures/models/trees/auc.js';
import { sliceRows, syntheticChildren } from '../fixtures/models/trees/synthetic.js';

/**
 * The Classifier contract for both tree ensembles, on seeded synthetic
 * record-like data (5 % prevalence): shape, range, determinism, per-tree
 * random streams, no mutation, feature-name checks, save/load round trip.
 */

const data = syntheticChildren(createRandom('tree-models').fork('data'), { nRows: 6000 });
const train: TrainingSet = { x: sliceRows(data.x, 0, 4000), yRecorded: data.yRecorded.slice(0, 4000) };
const test = sliceRows(data.x, 4000, 6000);
const yTest = data.yRecorded.slice(4000);

interface Case {
  name: 'forest' | 'boosting';
  make: (params?: Record<string, unknown>) => Classifier<unknown>;
  load: (json: unknown) => FittedClassifier;
  /** Parameters that keep the tests quick. */
  quick: Record<string, unknown>;
  /** Parameters that make a model with `count` trees, all kept. */
  trees: (count: number) => Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'forest',
    make: (p) => forest(p) as Classifier<unknown>,
    load: loadForest,
    quick: { nTrees: 20 },
    trees: (count) => ({ nTrees: count }),
  },
  {
    name: 'boosting',
    make: (p) => boosting(p) as Classifier<unknown>,
    load: loadBoosting,
    quick: { rounds: 40 },
    trees: (count) => ({ rounds: count, validationFraction: 0, rowFraction: 0.7, featureFraction: 0.5 }),
  },
];

function copyMatrix(x: FeatureMatrix): FeatureMatrix {
  return { ...x, names: x.names.slice(), columns: x.columns.map((c) => c.slice()), rowIds: x.rowIds.slice() };
}

function treesOf(model: FittedClassifier): unknown[] {
  return (model.toJSON() as { state: { trees: unknown[] } }).state.trees;
}

describe.each(cases)('$name', ({ name, make, load, quick, trees }) => {
  it('predicts one probability in [0, 1] per row and ranks a rare outcome well (it splits)', async () => {
    const fitted = await make(quick).fit(train, createRandom(1).fork(`model:${name}`));
    const p = fitted.predictProba(test);
    expect(p).toBeInstanceOf(Float64Array);
    expect(p.length).toBe(test.nRows);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    expect(new Set(p).size).toBeGreaterThan(50);
    // Oracle (pTrue) AUC on these rows is about 0.86; a model that never split would score 0.5.
    expect(aucOf(p, yTest)).toBeGreaterThan(0.78);
    expect(fitted.kind).toBe(name);
  });

  it('gives identical models for the same seed and different ones for another', async () => {
    const a = await make(quick).fit(train, createRandom(7).fork('m'));
    const b = await make(quick).fit(train, createRandom(7).fork('m'));
    const c = await make(quick).fit(train, createRandom(8).fork('m'));
    expect(a.predictProba(test)).toEqual(b.predictProba(test));
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(a.predictProba(test)).not.toEqual(c.predictProba(test));
  });

  it('draws each tree from its own stream: more trees leave the first ones unchanged', async () => {
    const three = await make(trees(3)).fit(train, createRandom(3).fork('m'));
    const five = await make(trees(5)).fit(train, createRandom(3).fork('m'));
    expect(treesOf(five).slice(0, 3)).toEqual(treesOf(three));
    expect(treesOf(five)[3]).not.toEqual(treesOf(five)[4]);
  });

  it('does not mutate its inputs', async () => {
    const trainCopy = { x: copyMatrix(train.x), yRecorded: train.yRecorded.slice() };
    const testCopy = copyMatrix(test);
    const fitted = await make(quick).fit(train, createRandom(2).fork('m'));
    fitted.predictProba(test);
    expect(train.x).toEqual(trainCopy.x);
    expect(train.yRecorded).toEqual(trainCopy.yRecorded);
    expect(test).toEqual(testCopy);
  });

  it('round-trips through JSON text to identical predictions', async () => {
    const fitted = await make(quick).fit(train, createRandom(4).fork('m'));
    const json = JSON.parse(JSON.stringify(fitted.toJSON()));
    const reloaded = load(json);
    expect(reloaded.kind).toBe(name);
    expect(reloaded.predictProba(test)).toEqual(fitted.predictProba(test));
    expect(JSON.stringify(reloaded.toJSON())).toBe(JSON.stringify(fitted.toJSON()));
  });

  it('refuses saved models that are not its own or are damaged', async () => {
    const fitted = await make(quick).fit(train, createRandom(4).fork('m'));
    const json = JSON.parse(JSON.stringify(fitted.toJSON()));
    const otherKind = name === 'forest' ? 'boosting' : 'forest';
    expect(() => load(null)).toThrow(RisklabError);
    const says = (saved: unknown, reason: string) => expect(() => load(saved)).toThrow(modelMessages.savedModel(name, reason));
    says({ ...json, kind: otherKind }, modelMessages.saved.wrongKind(otherKind));
    says({ ...json, version: 99 }, modelMessages.saved.newerVersion(99, 1));
    says({ ...json, state: { ...json.state, cuts: json.state.cuts.slice(1) } }, modelMessages.saved.badState('cuts', 'must hold one ascending list of at most 254 numbers per feature'));
    const broken = structuredClone(json);
    broken.state.trees[0].left[0] = 10 ** 6;
    says(broken, modelMessages.saved.badState('trees[0]', 'has a node 0 with children outside the tree'));
    const badFeature = structuredClone(json);
    badFeature.state.trees[0].feature[0] = 99;
    says(badFeature, modelMessages.saved.badState('trees[0]', 'has a node 0 that splits on a feature or bin that does not exist'));
    says({ ...json, params: { ...json.params, maxDepth: 0 } }, modelMessages.param(`${name}.params.maxDepth`, 'an integer ≥ 1', 0));
  });

  it('checks that the features are the ones it was fitted on', async () => {
    const fitted = await make(quick).fit(train, createRandom(5).fork('m'));
    const renamed = { ...test, names: test.names.map((n, j) => (j === 3 ? 'other' : n)) };
    expect(() => fitted.predictProba(renamed)).toThrow(RisklabError);
    expect(() => fitted.predictProba(renamed)).toThrow(messages.featureMismatch(name, train.x.names, renamed.names));
    const fewer = { ...test, names: test.names.slice(1), columns: test.columns.slice(1) };
    expect(() => fitted.predictProba(fewer)).toThrow(RisklabError);
  });

  it('refuses missing values when fitting and when predicting', async () => {
    const holed = copyMatrix(train.x);
    (holed.columns[2] as Float64Array)[17] = NaN;
    await expect(make(quick).fit({ x: holed, yRecorded: train.yRecorded }, createRandom(1))).rejects.toThrow(
      modelMessages.notFinite(name, train.x.names[2], 17, NaN),
    );
    const fitted = await make(quick).fit(train, createRandom(1));
    const holedTest = copyMatrix(test);
    (holedTest.columns[0] as Float64Array)[3] = NaN;
    expect(() => fitted.predictProba(holedTest)).toThrow(modelMessages.notFinite(name, test.names[0], 3, NaN));
  });

  it('refuses a malformed training set', async () => {
    await expect(make(quick).fit({ x: train.x, yRecorded: train.yRecorded.slice(1) }, createRandom(1))).rejects.toThrow(
      RisklabError,
    );
  });

  it('refuses an outcome that never happens (nothing to learn) and handles tiny data', async () => {
    const n = train.x.nRows;
    await expect(make(quick).fit({ x: train.x, yRecorded: new Uint8Array(n) }, createRandom(1))).rejects.toThrow(modelMessages.oneClass(name, 0, n));
    const tiny = sliceRows(train.x, 0, 12);
    const fitted = await make(quick).fit({ x: tiny, yRecorded: Uint8Array.of(0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0) }, createRandom(1));
    const p = fitted.predictProba(tiny);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('refuses unknown hyper-parameters and non-object parameters', () => {
    expect(() => make({ nTree: 5 })).toThrow(messages.unknownKey(`${name}.params`, 'nTree'));
    expect(() => make(5 as unknown as Record<string, unknown>)).toThrow(RisklabError);
  });
});
