import { logit, logLoss, sigmoid } from '../../numeric.js';
import { choleskyFactor, choleskyInverse, choleskySolve } from './cholesky.js';

/**
 * Maximum-likelihood (optionally L2-penalised) logistic regression by
 * Newton's method — iteratively reweighted least squares — on column-major
 * typed arrays.
 *
 * Model: P(yRecorded = 1 | x) = σ(β₀ + Σⱼ βⱼ xⱼ), σ(t) = 1 / (1 + e^−t).
 * Objective minimised, in the coordinates zⱼ = (xⱼ − meanⱼ) / scaleⱼ
 * (scaleⱼ = standard deviation when standardising, else 1):
 *
 *     −Σᵢ log-likelihoodᵢ + (λ/2) Σⱼ γⱼ²      (γ: coefficients on z; never the intercept)
 *
 * Each step solves (ZᵀWZ + λI′) δ = Zᵀ C (yRecorded − μ) − λγ′ by Cholesky,
 * with W = diag(cᵢ μᵢ(1 − μᵢ)) and cᵢ the row's class weight (1 without class
 * weights; the log-likelihood is then Σ cᵢ log-likelihoodᵢ, scikit-learn's
 * `class_weight`); a step that raises the objective is halved (as R's
 * `glm.fit` does). Reference: Hastie, Tibshirani & Friedman, *The Elements of
 * Statistical Learning* (2nd ed.) §4.4.1; McCullagh & Nelder, *Generalized
 * Linear Models* §4.4.
 *
 * Speed: ZᵀWZ is never formed from a dense Z. Sparse columns (mostly zeros,
 * like recorded flags) are kept uncentred and dense columns (like age) are
 * centred; only each row's non-zero entries are visited, and the centring and
 * scaling are applied afterwards to the small (p+1)² matrix. Newton's method is
 * affine-invariant, so this changes rounding only, not the iterates.
 */
export interface IrlsSettings {
  /** L2 strength λ on the (standardised, if `standardize`) coefficients; 0 = none. */
  readonly l2: number;
  readonly standardize: boolean;
  /** Stop when the largest Newton step (in z coordinates) is below this. */
  readonly tol: number;
  readonly maxIter: number;
}

export interface IrlsResult {
  /** Intercept on the original scale of the features. */
  readonly intercept: number;
  /** Coefficients on the original scale (0 for dropped features). */
  readonly coefficients: Float64Array;
  /** Coefficients on the standardised scale (per standard deviation); equal to `coefficients` when not standardising. */
  readonly standardized: Float64Array;
  /** Standard errors on the original scale from the inverse (penalised) Hessian; NaN for dropped features. */
  readonly standardErrors: Float64Array;
  readonly interceptStandardError: number;
  /** Log-likelihood of the training labels at the final coefficients. */
  readonly logLikelihood: number;
  /** The training rows' mean of each feature. */
  readonly means: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Plain-language warnings (separation, non-convergence, dropped features). */
  readonly warnings: string[];
}

/** Column means, scales and shifts, and the rows' non-zero entries after shifting (CSR). */
interface Design {
  readonly n: number;
  readonly p: number;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** dⱼ = meanⱼ − shiftⱼ: what is left to subtract from the stored (shifted) value. */
  readonly residualMean: Float64Array;
  readonly constant: boolean[];
  readonly rowStart: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
  /** [w₀, w₁]: the weight of a row with yRecorded = 0 and 1 (class weights), or null for 1 (the unweighted fit, computed without multiplying). */
  readonly weight: Float64Array | null;
}

function buildDesign(columns: readonly Float64Array[], n: number, standardize: boolean, weight: Float64Array | null): Design {
  const p = columns.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  const shift = new Float64Array(p);
  const residualMean = new Float64Array(p);
  const constant: boolean[] = [];
  const rowCount = new Int32Array(n + 1);
  for (let j = 0; j < p; j++) {
    const col = columns[j];
    let sum = 0;
    let nonZero = 0;
    for (let i = 0; i < n; i++) {
      sum += col[i];
      if (col[i] !== 0) nonZero++;
    }
    const m = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i] - m) * (col[i] - m);
    const sd = Math.sqrt(ss / n);
    mean[j] = m;
    constant.push(!(sd > 1e-12 * Math.max(1, Math.abs(m))));
    scale[j] = standardize && !constant[j] ? sd : 1;
    // Dense columns are centred (for accuracy); sparse ones stay uncentred (for speed).
    shift[j] = nonZero > n / 2 ? m : 0;
    residualMean[j] = m - shift[j];
    if (constant[j]) continue;
    for (let i = 0; i < n; i++) if (col[i] - shift[j] !== 0) rowCount[i + 1]++;
  }
  for (let i = 0; i < n; i++) rowCount[i + 1] += rowCount[i];
  const rowStart = rowCount;
  const fill = rowStart.slice(0, n);
  const index = new Int32Array(rowStart[n]);
  const value = new Float64Array(rowStart[n]);
  for (let j = 0; j < p; j++) {
    if (constant[j]) continue;
    const col = columns[j];
    const s = shift[j];
    for (let i = 0; i < n; i++) {
      const v = col[i] - s;
      if (v !== 0) {
        index[fill[i]] = j;
        value[fill[i]] = v;
        fill[i]++;
      }
    }
  }
  return { n, p, mean, scale, residualMean, constant, rowStart, index, value, weight };
}

/** One pass over the rows at coefficients (β₀, γ): objective parts, ZᵀWZ and Zᵀ(yRecorded − μ) in z coordinates. */
interface Pass {
  readonly logLikelihood: number;
  readonly hessian: Float64Array;
  readonly gradient: Float64Array;
  /** Rows whose fitted probability is within 1e-10 of 0 or 1. */
  readonly extremeRows: number;
}

/** Raw-scale coefficients for the shifted stored values: η = b₀ + Σ bⱼ x̃ⱼ. */
function shiftedCoefficients(d: Design, b0: number, gamma: Float64Array): { b0: number; b: Float64Array } {
  const b = new Float64Array(d.p);
  let intercept = b0;
  for (let j = 0; j < d.p; j++) {
    b[j] = gamma[j] / d.scale[j];
    intercept -= b[j] * d.residualMean[j];
  }
  return { b0: intercept, b };
}

function pass(d: Design, yRecorded: Uint8Array, b0: number, gamma: Float64Array, withHessian: boolean): Pass {
  const { n, p, rowStart, index, value, weight } = d;
  const q = p + 1;
  const { b0: c0, b } = shiftedCoefficients(d, b0, gamma);
  // a: [1 x̃]ᵀ W [1 x̃] (upper triangle, index 0 = intercept); g: [1 x̃]ᵀ (yRecorded − μ).
  const a = new Float64Array(q * q);
  const g = new Float64Array(q);
  let logLikelihood = 0;
  let extremeRows = 0;
  for (let i = 0; i < n; i++) {
    const start = rowStart[i];
    const end = rowStart[i + 1];
    let eta = c0;
    for (let e = start; e < end; e++) eta += b[index[e]] * value[e];
    const label = yRecorded[i];
    const mu = sigmoid(eta);
    if (mu < 1e-10 || mu > 1 - 1e-10) extremeRows++;
    // Row weights (class weights) scale the row's log-likelihood, its IRLS weight and its residual.
    const c = weight === null ? 1 : weight[label];
    if (weight === null) logLikelihood -= logLoss(eta, label);
    else logLikelihood -= c * logLoss(eta, label);
    if (!withHessian) continue;
    const w = weight === null ? mu * (1 - mu) : c * mu * (1 - mu);
    const r = weight === null ? label - mu : c * (label - mu);
    a[0] += w;
    g[0] += r;
    for (let e = start; e < end; e++) {
      const j = index[e] + 1;
      const wv = w * value[e];
      g[j] += r * value[e];
      a[j] += wv;
      const rowOffset = j * q;
      for (let f = e; f < end; f++) a[rowOffset + index[f] + 1] += wv * value[f];
    }
  }
  if (!withHessian) return { logLikelihood, hessian: a, gradient: g, extremeRows };
  return { logLikelihood, ...toStandardCoordinates(d, a, g), extremeRows };
}

/**
 * From [1 x̃] to [1 z] with zⱼ = (x̃ⱼ − dⱼ)/sⱼ: H = TᵀAT and g_z = Tᵀg, where
 * T has T₀₀ = 1, T₀ⱼ = −dⱼ/sⱼ, Tⱼⱼ = 1/sⱼ. Returns full symmetric H.
 */
function toStandardCoordinates(d: Design, a: Float64Array, g: Float64Array): { hessian: Float64Array; gradient: Float64Array } {
  const q = d.p + 1;
  const dj = (j: number) => (j === 0 ? 0 : d.residualMean[j - 1]);
  const sj = (j: number) => (j === 0 ? 1 : d.scale[j - 1]);
  const upper = (j: number, k: number) => (j <= k ? a[j * q + k] : a[k * q + j]);
  const h = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    for (let k = j; k < q; k++) {
      let v: number;
      if (j === 0 && k === 0) v = a[0];
      else if (j === 0) v = (upper(0, k) - dj(k) * a[0]) / sj(k);
      else v = (upper(j, k) - dj(j) * upper(0, k) - dj(k) * upper(0, j) + dj(j) * dj(k) * a[0]) / (sj(j) * sj(k));
      h[j * q + k] = v;
      h[k * q + j] = v;
    }
  }
  const gradient = new Float64Array(q);
  gradient[0] = g[0];
  for (let j = 1; j < q; j++) gradient[j] = (g[j] - dj(j) * g[0]) / sj(j);
  return { hessian: h, gradient };
}

function objective(logLikelihood: number, gamma: Float64Array, l2: number): number {
  let ss = 0;
  for (let j = 0; j < gamma.length; j++) ss += gamma[j] * gamma[j];
  return -logLikelihood + 0.5 * l2 * ss;
}

/** Where the iteration stands: coefficients, the pass at them and its objective. */
interface Iterate {
  readonly b0: number;
  readonly gamma: Float64Array;
  readonly pass: Pass;
  readonly objective: number;
}

function iterateAt(d: Design, yRecorded: Uint8Array, b0: number, gamma: Float64Array, l2: number): Iterate {
  const at = pass(d, yRecorded, b0, gamma, true);
  return { b0, gamma, pass: at, objective: objective(at.logLikelihood, gamma, l2) };
}

/**
 * The Newton direction: solve (H + λI′) δ = g − λγ′. Returns the factor's
 * dropped columns too (tiny pivots), for the caller to judge.
 */
function newtonDirection(at: Iterate, l2: number, q: number, relTol: number, keep: readonly boolean[]) {
  const h = at.pass.hessian.slice();
  const grad = at.pass.gradient.slice();
  for (let j = 1; j < q; j++) {
    h[j * q + j] += l2;
    grad[j] -= l2 * at.gamma[j - 1];
  }
  const factor = choleskyFactor(h, q, relTol, keep);
  return { delta: choleskySolve(factor, grad, q), dropped: factor.dropped };
}

/** Take the step δ, halving it (at most 30 times) while the objective rises, as R's glm.fit does. */
function halvingStep(d: Design, yRecorded: Uint8Array, at: Iterate, delta: Float64Array, l2: number): { next: Iterate; step: number } {
  let scale = 1;
  let next = at;
  for (let halving = 0; halving < 30; halving++) {
    const gamma = at.gamma.map((v, j) => v + scale * delta[j + 1]);
    next = iterateAt(d, yRecorded, at.b0 + scale * delta[0], gamma, l2);
    if (next.objective <= at.objective + 1e-12 * Math.abs(at.objective)) break;
    scale /= 2;
  }
  let step = 0;
  for (let j = 0; j < delta.length; j++) step = Math.max(step, Math.abs(scale * delta[j]));
  return { next, step };
}

/** The log-odds of the training base rate, class-weighted when weighted (clamped away from 0 and 1): the starting intercept. */
function startingIntercept(yRecorded: Uint8Array, weight: Float64Array | null): number {
  let positives = 0;
  for (let i = 0; i < yRecorded.length; i++) positives += yRecorded[i];
  const n = yRecorded.length;
  const share = weight === null ? positives / n : (weight[1] * positives) / (weight[1] * positives + weight[0] * (n - positives));
  const rate = Math.min(Math.max(share, 1e-6), 1 - 1e-6);
  return logit(rate);
}

const quote = (name: string) => JSON.stringify(name);

/**
 * Fit by Newton/IRLS. `names` label the columns in warnings. Columns that are
 * constant, or (without a penalty) linear combinations of earlier columns, get
 * coefficient 0 and a warning.
 *
 * Separation: when the maximum-likelihood estimate does not exist (a flag, or
 * a combination, seen only with one outcome) the coefficients grow without
 * bound while the objective barely moves. The loop stops there and warns
 * instead of running to `maxIter`.
 */
export function fitIrls(
  names: readonly string[],
  columns: readonly Float64Array[],
  yRecorded: Uint8Array,
  settings: IrlsSettings,
  model = 'logistic',
  weight: Float64Array | null = null,
): IrlsResult {
  const d = buildDesign(columns, yRecorded.length, settings.standardize, weight);
  const q = d.p + 1;
  const { l2 } = settings;
  const warnings: string[] = [];
  const keep: boolean[] = [true, ...d.constant.map((c) => !c)];
  d.constant.forEach((c, j) => {
    if (c) warnings.push(`${model}: feature ${quote(names[j])} is constant in the training rows; its coefficient is fixed at 0`);
  });
  let at = iterateAt(d, yRecorded, startingIntercept(yRecorded, weight), new Float64Array(d.p), l2);
  let iterations = 0;
  let converged = false;
  let stalled = false;
  let lastStep = Infinity;
  while (iterations < settings.maxIter && !converged && !stalled) {
    iterations++;
    // At the first step every row has the same weight, so a tiny pivot means a feature is a
    // linear combination of earlier ones: drop it for good. Later, weights near 0 (separated
    // rows) can make a feature look dependent; that is separation, not aliasing.
    const first = iterations === 1;
    const { delta, dropped } = newtonDirection(at, l2, q, first ? 1e-9 : 1e-13, keep);
    const newlyDropped = dropped.filter((j) => keep[j] && j > 0);
    if (newlyDropped.length > 0 && !first) {
      stalled = true;
      break;
    }
    for (const j of newlyDropped) {
      keep[j] = false;
      warnings.push(`${model}: feature ${quote(names[j - 1])} is a linear combination of earlier features in the training rows; its coefficient is fixed at 0`);
    }
    const { next, step } = halvingStep(d, yRecorded, at, delta, l2);
    const improvement = at.objective - next.objective;
    at = next;
    lastStep = step;
    converged = step < settings.tol;
    // Quasi-separation: the objective has stopped falling but some coefficients keep moving.
    stalled = !converged && l2 === 0 && step > 1e-4 && improvement <= 1e-13 * Math.max(1, Math.abs(at.objective));
  }
  warnings.push(...diagnose(model, names, at, keep, { stalled, converged, lastStep, settings }));
  return finish(d, at.b0, at.gamma, keep, at.pass, settings, iterations, converged, warnings);
}

/** Plain-language warnings about separation and non-convergence. */
function diagnose(
  model: string,
  names: readonly string[],
  at: Iterate,
  keep: readonly boolean[],
  state: { stalled: boolean; converged: boolean; lastStep: number; settings: IrlsSettings },
): string[] {
  const warnings: string[] = [];
  const extreme = at.pass.extremeRows;
  if (state.stalled || extreme > 0) {
    const signs: string[] = [];
    if (state.stalled) signs.push('the coefficients keep growing without improving the fit');
    if (extreme > 0) signs.push(`${extreme} fitted probabilities are numerically 0 or 1`);
    warnings.push(
      `${model}: the training rows look (quasi-)separated (${signs.join('; ')}); ` +
        `the largest coefficients (${topCoefficients(names, at.gamma, keep, state.settings.standardize)}) are not reliable estimates; consider an L2 penalty (C or l2)`,
    );
  }
  if (!state.converged && !state.stalled) {
    const { maxIter, tol } = state.settings;
    warnings.push(`${model}: did not converge in ${maxIter} iterations (last step ${state.lastStep.toExponential(2)} > tol ${tol}); raise maxIter or tol`);
  }
  return warnings;
}

function topCoefficients(names: readonly string[], gamma: Float64Array, keep: readonly boolean[], standardize: boolean): string {
  const order = [...gamma.keys()].filter((j) => keep[j + 1]).sort((x, y) => Math.abs(gamma[y]) - Math.abs(gamma[x]));
  return order
    .slice(0, 3)
    .map((j) => `${names[j]} ${gamma[j].toPrecision(3)}${standardize ? ' per SD' : ''}`)
    .join(', ');
}

/** Original-scale coefficients, standard errors and the final log-likelihood. */
function finish(
  d: Design,
  b0: number,
  gamma: Float64Array,
  keep: readonly boolean[],
  last: Pass,
  settings: IrlsSettings,
  iterations: number,
  converged: boolean,
  warnings: string[],
): IrlsResult {
  const p = d.p;
  const q = p + 1;
  const coefficients = new Float64Array(p);
  let intercept = b0;
  for (let j = 0; j < p; j++) {
    coefficients[j] = keep[j + 1] ? gamma[j] / d.scale[j] : 0;
    intercept -= coefficients[j] * d.mean[j];
  }
  const h = last.hessian.slice();
  for (let j = 1; j < q; j++) h[j * q + j] += settings.l2;
  const factor = choleskyFactor(h, q, 1e-13, keep);
  const cov = choleskyInverse(factor, q);
  const estimable = keep.map((k, j) => k && !factor.dropped.includes(j));
  // β = M γ with β_j = γ_j / s_j and β₀ = γ₀ − Σ γ_j m_j / s_j.
  const standardErrors = new Float64Array(p);
  const m = new Float64Array(q);
  m[0] = 1;
  for (let j = 0; j < p; j++) {
    standardErrors[j] = estimable[j + 1] ? Math.sqrt(cov[(j + 1) * q + j + 1]) / d.scale[j] : NaN;
    m[j + 1] = keep[j + 1] ? -d.mean[j] / d.scale[j] : 0;
  }
  let interceptVariance = 0;
  for (let j = 0; j < q; j++) for (let k = 0; k < q; k++) interceptVariance += m[j] * cov[j * q + k] * m[k];
  const standardized = new Float64Array(p);
  for (let j = 0; j < p; j++) standardized[j] = keep[j + 1] ? gamma[j] : 0;
  return {
    intercept,
    coefficients,
    standardized,
    standardErrors,
    interceptStandardError: estimable.every((e, j) => e || !keep[j]) ? Math.sqrt(interceptVariance) : NaN,
    logLikelihood: last.logLikelihood,
    means: d.mean,
    iterations,
    converged,
    warnings,
  };
}
