import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTrainingSet } from '../../src/models/features.js';
import { logistic, type FittedLogistic } from '../../src/models/logistic.js';
import { createRandom } from '../../src/random/index.js';
import { readRecordsCsv } from '../fixtures/models/records-csv.js';

/**
 * Coefficients against scikit-learn 1.2.1's LogisticRegression on a committed
 * fixture. Expected values: tests/fixtures/models/logistic-3000.expected.json,
 * computed once by tests/fixtures/models/sklearn_logistic.py (newton-cg,
 * tol 1e-12, cross-checked against newton-cholesky to ~1e-10); the fixture
 * itself by tests/fixtures/models/make-logistic-fixture.ts.
 */
const here = (file: string) => fileURLToPath(new URL(`../fixtures/models/${file}`, import.meta.url));
interface Expected {
  featureNames: string[];
  [fit: string]: { intercept: number; coefficients: number[] } | unknown;
}
const expected = JSON.parse(readFileSync(here('logistic-3000.expected.json'), 'utf8')) as Expected;
const { records } = readRecordsCsv(here('logistic-3000.csv'));
const train = buildTrainingSet(records);

function expectMatch(fitted: FittedLogistic, reference: { intercept: number; coefficients: number[] }) {
  expect(fitted.featureNames).toEqual(expected.featureNames);
  expect(Math.abs(fitted.intercept - reference.intercept)).toBeLessThan(1e-4);
  fitted.coefficients.forEach((c, j) => {
    expect(Math.abs(c.coefficient - reference.coefficients[j]), c.name).toBeLessThan(1e-4);
  });
  expect(fitted.converged).toBe(true);
  expect(fitted.warnings).toEqual([]);
}

describe('logistic matches scikit-learn LogisticRegression to 1e-4', () => {
  const random = createRandom(1);
  it('without a penalty (penalty=None), standardised or not', async () => {
    const reference = expected.none as { intercept: number; coefficients: number[] };
    expectMatch((await logistic().fit(train, random)) as FittedLogistic, reference);
    expectMatch((await logistic({ standardize: false }).fit(train, random)) as FittedLogistic, reference);
  });

  it('with C = 0.5 (penalty on the unstandardised coefficients, so standardize: false)', async () => {
    const fitted = (await logistic({ C: 0.5, standardize: false }).fit(train, random)) as FittedLogistic;
    expectMatch(fitted, expected['C=0.5'] as { intercept: number; coefficients: number[] });
  });

  it('with C = 0.01, and l2 = 100 is the same fit', async () => {
    const reference = expected['C=0.01'] as { intercept: number; coefficients: number[] };
    expectMatch((await logistic({ C: 0.01, standardize: false }).fit(train, random)) as FittedLogistic, reference);
    expectMatch((await logistic({ l2: 100, standardize: false }).fit(train, random)) as FittedLogistic, reference);
  });

  it('a penalty on standardised coefficients is a different fit (documented, not a bug)', async () => {
    const fitted = (await logistic({ C: 0.01 }).fit(train, random)) as FittedLogistic;
    const reference = expected['C=0.01'] as { intercept: number; coefficients: number[] };
    const gap = Math.max(...fitted.coefficients.map((c, j) => Math.abs(c.coefficient - reference.coefficients[j])));
    expect(gap).toBeGreaterThan(1e-3);
  });
});
