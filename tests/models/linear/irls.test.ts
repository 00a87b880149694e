import { describe, expect, it } from 'vitest';
import { buildDesign, hashEntry, ROW_HASH_SEED } from '../../../src/models/linear/design.js';
import { fitIrls, type IrlsSettings } from '../../../src/models/linear/irls.js';
import { sigmoid } from '../../../src/numeric.js';
import { createRandom } from '../../../src/random/index.js';

/**
 * The Newton/IRLS fit (src/models/linear/irls.ts) works on the distinct rows
 * of the data (src/models/linear/design.ts): σ, the log-loss and the sums'
 * terms once per distinct row (with its counts of each label), over a
 * sparse, partly uncentred storage. Checked here against the plain textbook algorithm on a
 * dense matrix (Hastie, Tibshirani & Friedman, ESL §4.4.1: β ← β + (XᵀWX +
 * λI′)⁻¹ (XᵀC(y − μ) − λβ′), solved by Gaussian elimination), which knows
 * nothing of distinct rows, sparsity or shifts.
 */

/** A small problem with sparse flags, a sparse count, dense columns and many repeated rows. */
function problem(n: number, seed: number) {
  const random = createRandom(seed).fork('test:irls');
  const u = () => random.next();
  const flag = (p: number) => Float64Array.from({ length: n }, () => (u() < p ? 1 : 0));
  const columns = [
    flag(0.3),
    flag(0.1),
    flag(0.05),
    Float64Array.from({ length: n }, () => (u() < 0.2 ? 1 + Math.floor(3 * u()) : 0)), // sparse count
    Float64Array.from({ length: n }, () => 1 + Math.floor(3 * u())), // dense, few values (centred)
    Float64Array.from({ length: n }, () => 10 + 8 * u()), // dense, continuous (centred)
  ];
  const names = ['a', 'b', 'c', 'count', 'band', 'age'];
  const beta = [0.8, -0.5, 1.2, 0.4, -0.3, 0.15];
  const yRecorded = Uint8Array.from({ length: n }, (_, i) => {
    let eta = -3;
    for (let j = 0; j < beta.length; j++) eta += beta[j] * columns[j][i];
    return u() < sigmoid(eta) ? 1 : 0;
  });
  return { names, columns, yRecorded };
}

/** Solve A x = b (A dense, row-major, symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]]);
  const q = b.length;
  for (let c = 0; c < q; c++) {
    let pivot = c;
    for (let r = c + 1; r < q; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < q; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= q; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(q).fill(0);
  for (let r = q - 1; r >= 0; r--) {
    let s = m[r][q];
    for (let k = r + 1; k < q; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

function inverse(a: number[][]): number[][] {
  const q = a.length;
  const columns = Array.from({ length: q }, (_, j) => solve(a, Array.from({ length: q }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: q }, (_, i) => Array.from({ length: q }, (_, j) => columns[j][i]));
}

/**
 * Textbook IRLS on the dense matrix [1 Z], Zⱼ = (xⱼ − meanⱼ)/sdⱼ when
 * standardising (else the raw x), penalty (λ/2)Σγⱼ² on the slopes, row
 * weights c by label; 30 full Newton steps (it converges in under ten), then
 * the coefficients and standard errors mapped back to the raw scale.
 */
function textbook(columns: Float64Array[], yRecorded: Uint8Array, settings: IrlsSettings, weight: [number, number] | null) {
  const n = yRecorded.length;
  const p = columns.length;
  const mean = columns.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const sd = columns.map((c, j) => (settings.standardize ? Math.sqrt(c.reduce((s, v) => s + (v - mean[j]) ** 2, 0) / n) : 1));
  const centre = settings.standardize ? mean : mean.map(() => 0);
  const z = Array.from({ length: n }, (_, i) => [1, ...columns.map((c, j) => (c[i] - centre[j]) / sd[j])]);
  let gamma = new Array<number>(p + 1).fill(0);
  let hessian: number[][] = [];
  let logLikelihood = 0;
  for (let step = 0; step <= 30; step++) {
    const h = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
    const g = new Array<number>(p + 1).fill(0);
    logLikelihood = 0;
    for (let i = 0; i < n; i++) {
      const eta = z[i].reduce((s, v, j) => s + v * gamma[j], 0);
      const mu = sigmoid(eta);
      const c = weight === null ? 1 : weight[yRecorded[i]];
      logLikelihood += c * (yRecorded[i] === 1 ? Math.log(mu) : Math.log(1 - mu));
      for (let j = 0; j <= p; j++) {
        g[j] += c * (yRecorded[i] - mu) * z[i][j];
        for (let k = 0; k <= p; k++) h[j][k] += c * mu * (1 - mu) * z[i][j] * z[i][k];
      }
    }
    for (let j = 1; j <= p; j++) {
      h[j][j] += settings.l2;
      g[j] -= settings.l2 * gamma[j];
    }
    hessian = h;
    if (step === 30) break;
    const delta = solve(h, g);
    gamma = gamma.map((v, j) => v + delta[j]);
  }
  const cov = inverse(hessian);
  const coefficients = gamma.slice(1).map((v, j) => v / sd[j]);
  const intercept = gamma[0] - coefficients.reduce((s, b, j) => s + b * centre[j], 0);
  const standardErrors = coefficients.map((_, j) => Math.sqrt(cov[j + 1][j + 1]) / sd[j]);
  // β₀ = γ₀ − Σ γⱼ cⱼ / sⱼ: its variance is mᵀ cov m.
  const m = [1, ...centre.map((c, j) => -c / sd[j])];
  let interceptVariance = 0;
  for (let j = 0; j <= p; j++) for (let k = 0; k <= p; k++) interceptVariance += m[j] * cov[j][k] * m[k];
  return { intercept, coefficients, standardErrors, interceptStandardError: Math.sqrt(interceptVariance), logLikelihood };
}

const base: IrlsSettings = { l2: 0, standardize: true, tol: 1e-8, maxIter: 50 };

describe('IRLS on distinct rows: the same fit as textbook IRLS on the dense matrix', () => {
  const { names, columns, yRecorded } = problem(600, 7);

  it('has many repeated rows (so the distinct-row path is exercised) and both labels within some of them', () => {
    const d = buildDesign(columns.slice(0, 4), yRecorded, true, null);
    expect(d.distinctRows).toBeLessThan(60);
    let both = 0;
    for (let r = 0; r < d.distinctRows; r++) if (d.keyCount[2 * r] > 0 && d.keyCount[2 * r + 1] > 0) both++;
    expect(both).toBeGreaterThan(5);
  });

  const cases: [string, IrlsSettings, [number, number] | null, number][] = [
    ['no penalty, standardised', base, null, 6],
    ['no penalty, raw scale', { ...base, standardize: false }, null, 6],
    ['L2 on standardised coefficients', { ...base, l2: 3 }, null, 6],
    ['L2 on raw coefficients, class weights', { ...base, l2: 0.5, standardize: false }, [0.6, 3.2], 6],
    ['L2 and class weights, flags only (sparse columns, no centring)', { ...base, l2: 2 }, [1.4, 0.8], 4],
  ];
  for (const [label, settings, weight, p] of cases) {
    it(label, () => {
      const cols = columns.slice(0, p);
      const fit = fitIrls(names.slice(0, p), cols, yRecorded, settings, 'logistic', weight === null ? null : Float64Array.from(weight));
      const want = textbook(cols, yRecorded, settings, weight);
      expect(fit.converged).toBe(true);
      expect(fit.warnings).toEqual([]);
      expect(fit.intercept).toBeCloseTo(want.intercept, 10);
      [...fit.coefficients].forEach((b, j) => expect(b).toBeCloseTo(want.coefficients[j], 10));
      [...fit.standardErrors].forEach((se, j) => expect(se).toBeCloseTo(want.standardErrors[j], 10));
      expect(fit.interceptStandardError).toBeCloseTo(want.interceptStandardError, 10);
      expect(fit.logLikelihood).toBeCloseTo(want.logLikelihood, 8);
    });
  }
});

describe('distinct rows', () => {
  it('groups rows with exactly equal entries, in order of first appearance, with their labels', () => {
    // Sparse columns (at most half non-zero), so stored as they are.
    const columns = [Float64Array.from([1, 0, 1, 0, 0, 2]), Float64Array.from([0, 0, 0, 0, 0, 1])];
    const d = buildDesign(columns, Uint8Array.from([1, 0, 0, 1, 1, 0]), false, null);
    expect(d.distinctRows).toBe(3); // (1, 0), (0, 0), (2, 1)
    expect([...d.key]).toEqual([1, 2, 0, 3, 3, 4]);
    expect([...d.keyCount]).toEqual([1, 1, 1, 2, 1, 0]);
    expect([...d.rowStart]).toEqual([0, 1, 1, 3]);
    expect([...d.index]).toEqual([0, 0, 1]);
    expect([...d.value]).toEqual([1, 2, 1]);
  });

  it('tells apart rows whose values differ in the last bit only, or sit in other columns', () => {
    const tiny = 1 + Number.EPSILON;
    const columns = [Float64Array.from([1, tiny, 1, 0, 0, 0]), Float64Array.from([0, 0, 0, 1, 1, 0])];
    const d = buildDesign(columns, new Uint8Array(6), false, null);
    expect(d.distinctRows).toBe(4); // 1·e₀, tiny·e₀, 1·e₁, 0
    expect([...d.key]).toEqual([0, 2, 0, 4, 4, 6]);
  });

  it('tells apart rows whose hashes collide (entries are compared, not trusted to the hash)', () => {
    // Birthday search: two one-entry rows (column 0) with the same 32-bit hash.
    const seen = new Map<number, number>();
    let pair: [number, number] | undefined;
    for (let k = 1; pair === undefined && k < 1 << 20; k++) {
      const v = Math.sqrt(k); // both 32-bit words vary
      const h = hashEntry(ROW_HASH_SEED, 0, v);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, v];
      seen.set(h, v);
    }
    expect(pair).toBeDefined();
    const [v1, v2] = pair!;
    expect(hashEntry(ROW_HASH_SEED, 0, v1)).toBe(hashEntry(ROW_HASH_SEED, 0, v2));
    // A sparse column (3 of 7 non-zero), so stored as it is.
    const d = buildDesign([Float64Array.from([v1, v2, 0, 0, 0, v1, 0])], new Uint8Array(7), false, null);
    expect(d.distinctRows).toBe(3);
    expect([...d.key]).toEqual([0, 2, 4, 4, 4, 0, 4]);
    expect([...d.value]).toEqual([v1, v2]);
  });

  it('keeps a fit with all-distinct rows (continuous columns only) equal to the textbook one', () => {
    const { names, columns, yRecorded } = problem(300, 11);
    const cols = [columns[5], Float64Array.from(columns[5], (v, i) => v * v + i / 300)];
    const d = buildDesign(cols, yRecorded, true, null);
    expect(d.distinctRows).toBe(300);
    const fit = fitIrls(names.slice(0, 2), cols, yRecorded, base);
    const want = textbook(cols, yRecorded, base, null);
    [...fit.coefficients].forEach((b, j) => expect(b).toBeCloseTo(want.coefficients[j], 9));
    expect(fit.intercept).toBeCloseTo(want.intercept, 8);
  });
});
