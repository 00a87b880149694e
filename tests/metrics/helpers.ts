import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createRandom, type RandomSource } from '../../src/random/index.js';

/** Absolute agreement required against scikit-learn / numpy / scipy values. */
export const TOL = 1e-12;

/** Expect two numbers equal to `tol` (NaN equals NaN; ±Infinity must match exactly). */
export function expectClose(actual: number, expected: number, tol = TOL, what = ''): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected}, got ${actual} (|Δ| = ${Math.abs(actual - expected)} > ${tol})`);
  }
}

/** Expect two arrays equal elementwise to `tol`. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = TOL, what = ''): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tol, `${what}[${i}]`);
}

/** Read a JSON fixture from tests/fixtures/metrics. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/metrics/${name}`, import.meta.url), 'utf8')) as T;
}

/** A seeded random case: n rows, prevalence, and scores with a chosen number of distinct values (0 = continuous). */
export function randomCase(
  random: RandomSource,
  n: number,
  prevalence: number,
  distinct: number,
): { scores: Float64Array; yTrue: Uint8Array } {
  const scores = new Float64Array(n);
  const yTrue = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    yTrue[i] = random.next() < prevalence ? 1 : 0;
    const u = Math.min(0.999999, random.next() * 0.7 + yTrue[i] * 0.3);
    scores[i] = distinct === 0 ? u : Math.floor(u * distinct) / distinct;
  }
  return { scores, yTrue };
}

export { createRandom };
