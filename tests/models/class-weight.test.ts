import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelMessages } from '../../src/messages.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { logistic, type FittedLogistic } from '../../src/models/logistic.js';
import { classWeights } from '../../src/models/params.js';
import { points, poolAdjacentViolators, type FittedPoints } from '../../src/models/points.js';
import { createModel } from '../../src/models/registry.js';
import type { FeatureMatrix, TrainingSet } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { readRecordsCsv } from '../fixtures/models/records-csv.js';
import { rocAuc, syntheticWorld } from '../fixtures/models/synthetic.js';

/**
 * Class rebalancing (issue 13 §2): `classWeight: 'none' | 'balanced' |
 * { positive: w }` on every trainable model. 'balanced' is scikit-learn's
 * w_c = n / (2 · n_c).
 *
 * Reference: tests/fixtures/models/logistic-3000.class-weight.json, computed
 * once by tests/fixtures/models/sklearn_class_weight.py with scikit-learn
 * 1.2.1 LogisticRegression(class_weight=…) (newton-cholesky and newton-cg at
 * tol 1e-12 agreeing to 1e-9).
 */
const here = (file: string) => fileURLToPath(new URL(`../fixtures/models/${file}`, import.meta.url));
interface Fit {
  intercept: number;
  coefficients: number[];
}
const expected = JSON.parse(readFileSync(here('logistic-3000.class-weight.json'), 'utf8')) as {
  featureNames: string[];
  balancedWeights: number[];
  balanced: Fit;
  positive5: Fit;
  'balanced, C=0.5': Fit;
};
const { records } = readRecordsCsv(here('logistic-3000.csv'));
const reference = buildTrainingSet(records);

function expectCoefficients(fitted: FittedLogistic, fit: Fit, tolerance: number): void {
  expect(fitted.featureNames).toEqual(expected.featureNames);
  expect(Math.abs(fitted.intercept - fit.intercept)).toBeLessThan(tolerance);
  fitted.coefficients.forEach((c, j) => expect(Math.abs(c.coefficient - fit.coefficients[j]), c.name).toBeLessThan(tolerance));
}

describe('logistic with class weights matches scikit-learn class_weight to 1e-8', () => {
  const random = createRandom(1);
  it("'balanced' weights are scikit-learn's compute_class_weight", () => {
    expect(Array.from(classWeights('balanced', reference.yRecorded))).toEqual(expected.balancedWeights);
  });
  it("classWeight: 'balanced', no penalty (standardised or not)", async () => {
    expectCoefficients((await logistic({ classWeight: 'balanced' }).fit(reference, random)) as FittedLogistic, expected.balanced, 1e-8);
    expectCoefficients((await logistic({ classWeight: 'balanced', standardize: false }).fit(reference, random)) as FittedLogistic, expected.balanced, 1e-8);
  });
  it('classWeight: { positive: 5 } is class_weight={0: 1, 1: 5}', async () => {
    expectCoefficients((await logistic({ classWeight: { positive: 5 } }).fit(reference, random)) as FittedLogistic, expected.positive5, 1e-8);
  });
  it("classWeight: 'balanced' with C = 0.5 (penalty on the unstandardised coefficients)", async () => {
    const fitted = (await logistic({ classWeight: 'balanced', C: 0.5, standardize: false }).fit(reference, random)) as FittedLogistic;
    expectCoefficients(fitted, expected['balanced, C=0.5'], 1e-8);
  });
});

const world = syntheticWorld(6000, 17, { baseRate: 0.08 });
const train = buildTrainingSet(world.records, { rows: Int32Array.from({ length: 4000 }, (_, i) => i) });
const test = buildFeatures(world.records, { rows: Int32Array.from({ length: 2000 }, (_, i) => 4000 + i) });
const testY = Uint8Array.from({ length: 2000 }, (_, i) => world.records.yRecorded[4000 + i]);
const mean = (p: Float64Array) => p.reduce((s, v) => s + v, 0) / p.length;

/** A training set where every positive row appears `k` times. */
function repeatPositives(set: TrainingSet, k: number): TrainingSet {
  const rows: number[] = [];
  set.yRecorded.forEach((y, i) => {
    for (let c = 0; c < (y ? k : 1); c++) rows.push(i);
  });
  const x: FeatureMatrix = { ...set.x, nRows: rows.length, columns: set.x.columns.map((col) => Float64Array.from(rows, (i) => col[i])), rowIds: Int32Array.from(rows, (i) => set.x.rowIds[i]) };
  return { x, yRecorded: Uint8Array.from(rows, (i) => set.yRecorded[i]) };
}

describe('every trainable model takes classWeight', () => {
  const trainable: [string, unknown][] = [
    ['points', { mode: 'fitted', logistic: { C: 1 } }], // a penalty: this world has a flag seen only without the outcome
    ['logistic', {}],
    ['forest', { nTrees: 15 }],
    ['boosting', { rounds: 30 }],
    ['neural', { epochs: 3, learningRate: 0.01 }],
  ];
  it.each(trainable)("%s: 'balanced' raises the scores of the rare outcome well above the base rate and still ranks", async (name, params) => {
    const plain = await createModel(name, params).fit(train, createRandom(4).fork(`model:${name}`));
    const balanced = await createModel(name, { ...(params as object), classWeight: 'balanced' }).fit(train, createRandom(4).fork(`model:${name}`));
    const p0 = plain.predictProba(test);
    const p1 = balanced.predictProba(test);
    // Balanced: both classes carry half the weight, so the mean score moves from about the base rate (8 %) towards 0.5.
    expect(mean(p1)).toBeGreaterThan(mean(p0) + 0.15);
    expect(rocAuc(testY, p1)).toBeGreaterThan(0.6);
    expect(createModel(name, { ...(params as object), classWeight: 'balanced' }).params).toMatchObject({ classWeight: 'balanced' });
  });

  it.each(trainable)("%s: classWeight 'none' (the default) and { positive: 1 } give the plain fit", async (name, params) => {
    const fit = (extra: object) => createModel(name, { ...(params as object), ...extra }).fit(train, createRandom(4).fork(`model:${name}`));
    const plain = (await fit({})).predictProba(test);
    expect((await fit({ classWeight: 'none' })).predictProba(test)).toEqual(plain);
    expect((await fit({ classWeight: { positive: 1 } })).predictProba(test)).toEqual(plain);
  });

  it.each(trainable)('%s: refuses a bad classWeight naming the field', (name, params) => {
    expect(() => createModel(name, { ...(params as object), classWeight: { positive: -2 } })).toThrow(
      modelMessages.param(`${name}.params.classWeight`, '"none", "balanced" or { positive: w } with w a finite number > 0', { positive: -2 }),
    );
  });

  it('logistic: { positive: k } is the fit on data with each positive repeated k times (exact likelihood identity)', async () => {
    const weighted = (await logistic({ classWeight: { positive: 3 } }).fit(train, createRandom(1))) as FittedLogistic;
    const repeated = (await logistic().fit(repeatPositives(train, 3), createRandom(1))) as FittedLogistic;
    weighted.coefficients.forEach((c, j) => expect(c.coefficient).toBeCloseTo(repeated.coefficients[j].coefficient, 8));
  });

  it('boosting and forest: { positive: k } grows the trees of the data with each positive repeated k times', async () => {
    const repeated = repeatPositives(train, 3);
    const b = { rounds: 8, validationFraction: 0, minLeafSize: 1, minLeafHessian: 0 };
    const bw = await createModel('boosting', { ...b, classWeight: { positive: 3 } }).fit(train, createRandom(2));
    const br = await createModel('boosting', b).fit(repeated, createRandom(2));
    bw.predictProba(test).forEach((v, i) => expect(v).toBeCloseTo(br.predictProba(test)[i], 9));
    const f = { nTrees: 3, bootstrap: false, maxFeatures: 'all', minLeafSize: 1, maxDepth: 6 };
    const fw = await createModel('forest', { ...f, classWeight: { positive: 3 } }).fit(train, createRandom(2));
    const fr = await createModel('forest', f).fit(repeated, createRandom(2));
    fw.predictProba(test).forEach((v, i) => expect(v).toBeCloseTo(fr.predictProba(test)[i], 9));
  });

  it('points: class weights change the fitted points and the score table (weighted shares), not expert mode', async () => {
    const plain = (await points({ mode: 'fitted', logistic: { C: 1 } }).fit(train, createRandom(1))) as FittedPoints;
    const balanced = (await points({ mode: 'fitted', logistic: { C: 1 }, classWeight: 'balanced' }).fit(train, createRandom(1))) as FittedPoints;
    const w = classWeights('balanced', train.yRecorded);
    const rows = balanced.scoreTable;
    const mass = rows.map((r) => w[1] * r.recorded + w[0] * (r.children - r.recorded));
    const shares = rows.map((r, k) => (w[1] * r.recorded) / mass[k]);
    expect(rows.map((r) => r.probability)).toEqual(poolAdjacentViolators(shares, mass));
    expect(balanced.points).not.toEqual(plain.points);
    expect(mean(balanced.predictProba(test))).toBeGreaterThan(mean(plain.predictProba(test)) + 0.15);
    expect(() => points({ classWeight: 'balanced' })).toThrow(/^points\.params\.classWeight must be absent in mode 'expert'/);
    expect(() => points({ mode: 'fitted', logistic: { classWeight: 'balanced' } })).toThrow(/^points\.params\.logistic\.classWeight must be 'none' \(give points\.params\.classWeight instead\)/);
  });
});
