import { describe, expect, it } from 'vitest';
import { createRandom, zigguratNormals } from '../../src/random/index.js';
import { calibrateIntercept, calibrateScale, calibrationSampleSize, expectedAuc, sigmoid } from '../../src/population/index.js';

/** Scores like a risk score: a normal part plus a few skewed discrete effects (a long right tail). */
function scores(n: number, seed: number, spread = 1): Float64Array {
  const normals = zigguratNormals(createRandom(seed).fork('z')).fill(new Float64Array(n));
  const u = createRandom(seed).fork('u');
  for (let i = 0; i < n; i++) {
    let extra = 0;
    for (let k = 0; k < 6; k++) if (u.next() < 0.05 * (k + 1)) extra += 0.5 + k * 0.3;
    normals[i] = spread * (normals[i] + extra);
  }
  return normals;
}

function meanP(z: Float64Array, b: number, s: number): number {
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += sigmoid(b + s * z[i]);
  return sum / z.length;
}

describe('the intercept', () => {
  // (scale, spread): the first ones stay on the histogram alone, the last ones need the exact steps
  // (their Taylor bound (s·w)³/48 exceeds 1e-8).
  it.each([
    { baseRate: 0.05, scale: 0.7, spread: 1 },
    { baseRate: 0.001, scale: 1.5, spread: 1 },
    { baseRate: 0.5, scale: 0.2, spread: 1 },
    { baseRate: 0.3, scale: 3, spread: 2 },
    { baseRate: 0.02, scale: 20, spread: 1 },
    { baseRate: 0.1, scale: 8, spread: 10 },
  ])('mean sigmoid(b + s·z) = base rate to 1e-8 (base rate $baseRate, scale $scale, spread $spread)', ({ baseRate, scale, spread }) => {
    const z = scores(300_000, 5, spread);
    const b = calibrateIntercept(z, scale, baseRate);
    expect(Math.abs(meanP(z, b, scale) - baseRate)).toBeLessThan(1e-8);
    // A start value goes straight to the exact steps and lands on the same intercept.
    expect(Math.abs(calibrateIntercept(z, scale, baseRate, z.length, b + 0.3) - b)).toBeLessThan(1e-8);
  });

  it('counts only the first `count` scores', () => {
    const z = scores(20_000, 6);
    const b = calibrateIntercept(z, 1, 0.1, 10_000);
    expect(Math.abs(meanP(z.subarray(0, 10_000), b, 1) - 0.1)).toBeLessThan(1e-8);
  });

  it('handles scores that are all equal', () => {
    const z = new Float64Array(1000).fill(2);
    expect(sigmoid(calibrateIntercept(z, 1, 0.2) + 2)).toBeCloseTo(0.2, 12);
  });
});

describe('the separability scale', () => {
  it.each([
    { baseRate: 0.05, auc: 0.8 },
    { baseRate: 0.002, auc: 0.9 },
    { baseRate: 0.4, auc: 0.65 },
  ])('puts the expected AUC over the calibration sample on the target (base rate $baseRate, AUC $auc)', ({ baseRate, auc }) => {
    const z = scores(400_000, 8);
    const { scale, intercept } = calibrateScale(z, baseRate, auc);
    const m = calibrationSampleSize(z.length, baseRate);
    const sample = z.subarray(0, m);
    const p = sample.map((v) => sigmoid(intercept + scale * v));
    const order = new Uint32Array([...sample.keys()].sort((a, b) => sample[a] - sample[b]));
    expect(Math.abs(expectedAuc(sample, p, order) - auc)).toBeLessThan(1e-5);
    expect(Math.abs(meanP(sample, intercept, scale) - baseRate)).toBeLessThan(1e-8);
  });
});
