import { logit, logLoss, sigmoid } from '../../numeric.js';
import { choleskyFactor, choleskyInverse, choleskySolve } from './cholesky.js';
import { buildDesign, type Design } from './design.js';

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
 * affine-invariant, so this changes rounding only, not the iterates. Rows with
 * the same entries are one *distinct row* (src/models/linear/design.ts): σ,
 * the log-loss and the row's terms are computed once for all its rows (n₀
 * with yRecorded = 0 and n₁ with 1), and the sums run over the distinct rows
 * — 10,000 instead of 80,000 for what-works-1's recorded flags. (This sums
 * the same terms in another order: the fit agrees with a plain per-row pass to
 * rounding, about 1e-15 relative, not to the last bit.) One pass per Newton
 * step serves the step-halving check (its objective) and, when the step is
 * taken, the next step (its gradient and Hessian).
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

/**
 * The terms of every distinct row r at linear predictor η = c₀ + Σ bⱼ x̃ⱼ,
 * summed over its n₀ rows with yRecorded = 0 and n₁ with 1 (class weights
 * c₀, c₁; 1 without): its loss n₀c₀·logLoss(η, 0) + n₁c₁·logLoss(η, 1), IRLS
 * weight (n₀c₀ + n₁c₁)·μ(1 − μ) and residual n₁c₁(1 − μ) − n₀c₀μ, into
 * `terms`; returns the number of rows whose μ is within 1e-10 of 0 or 1.
 */
function distinctRowTerms(d: Design, c0: number, b: Float64Array, terms: Terms): number {
  const { rowStart, index, value, keyCount, weight } = d;
  const { loss, irlsWeight, residual } = terms;
  let extremeRows = 0;
  for (let r = 0; r < d.distinctRows; r++) {
    let eta = c0;
    for (let e = rowStart[r]; e < rowStart[r + 1]; e++) eta += b[index[e]] * value[e];
    const mu = sigmoid(eta);
    const n0 = keyCount[2 * r];
    const n1 = keyCount[2 * r + 1];
    if (mu < 1e-10 || mu > 1 - 1e-10) extremeRows += n0 + n1;
    // Row weights (class weights) scale the row's log-likelihood, its IRLS weight and its residual.
    const w0 = weight === null ? n0 : n0 * weight[0];
    const w1 = weight === null ? n1 : n1 * weight[1];
    loss[r] = (n0 > 0 ? w0 * logLoss(eta, 0) : 0) + (n1 > 0 ? w1 * logLoss(eta, 1) : 0);
    irlsWeight[r] = (w0 + w1) * (mu * (1 - mu));
    residual[r] = w1 * (1 - mu) - w0 * mu;
  }
  return extremeRows;
}

/** Per-distinct-row scratch of a pass, allocated once per fit. */
interface Terms {
  readonly loss: Float64Array;
  readonly irlsWeight: Float64Array;
  readonly residual: Float64Array;
}

function termsFor(d: Design): Terms {
  const k = d.distinctRows;
  return { loss: new Float64Array(k), irlsWeight: new Float64Array(k), residual: new Float64Array(k) };
}

/**
 * One pass at (β₀, γ): the log-likelihood, ZᵀWZ and Zᵀ C(yRecorded − μ),
 * each row's terms computed once per distinct row (`distinctRowTerms`).
 */
function pass(d: Design, terms: Terms, b0: number, gamma: Float64Array): Pass {
  const q = d.p + 1;
  const { b0: c0, b } = shiftedCoefficients(d, b0, gamma);
  const extremeRows = distinctRowTerms(d, c0, b, terms);
  // a: [1 x̃]ᵀ W [1 x̃] (upper triangle, index 0 = intercept); g: [1 x̃]ᵀ (yRecorded − μ).
  const a = new Float64Array(q * q);
  const g = new Float64Array(q);
  const logLikelihood = sumRows(d, terms, a, g);
  return { logLikelihood, ...toStandardCoordinates(d, a, g), extremeRows };
}

/**
 * The sums over the distinct rows into `a` (upper triangle) and `g`; returns
 * the log-likelihood. Only each row's non-zero entries are visited. (The loop
 * alone in its function, with nothing after it: V8 compiles a hot loop before
 * the code after it has run, and that code would deoptimise on every call.)
 */
function sumRows(d: Design, terms: Terms, a: Float64Array, g: Float64Array): number {
  const { p, rowStart, index, value } = d;
  const { loss, irlsWeight, residual } = terms;
  const q = p + 1;
  let logLikelihood = 0;
  for (let k = 0; k < d.distinctRows; k++) {
    logLikelihood -= loss[k];
    const w = irlsWeight[k];
    const r = residual[k];
    a[0] += w;
    g[0] += r;
    const end = rowStart[k + 1];
    for (let e = rowStart[k]; e < end; e++) {
      const j = index[e] + 1;
      const wv = w * value[e];
      g[j] += r * value[e];
      a[j] += wv;
      const rowOffset = j * q;
      for (let f = e; f < end; f++) a[rowOffset + index[f] + 1] += wv * value[f];
    }
  }
  return logLikelihood;
}

/**
 * From [1 x̃] to [1 z] with zⱼ = (x̃ⱼ − dⱼ)/sⱼ: H = TᵀAT and g_z = Tᵀg, where
 * T has T₀₀ = 1, T₀ⱼ = −dⱼ/sⱼ, Tⱼⱼ = 1/sⱼ. Returns full symmetric H.
 */
function toStandardCoordinates(d: Design, a: Float64Array, g: Float64Array): { hessian: Float64Array; gradient: Float64Array } {
  const q = d.p + 1;
  const dj = new Float64Array(q);
  const sj = new Float64Array(q).fill(1);
  dj.set(d.residualMean, 1);
  sj.set(d.scale, 1);
  const h = new Float64Array(q * q);
  h[0] = a[0];
  for (let k = 1; k < q; k++) {
    const v = (a[k] - dj[k] * a[0]) / sj[k];
    h[k] = v;
    h[k * q] = v;
  }
  for (let j = 1; j < q; j++) {
    for (let k = j; k < q; k++) {
      const v = (a[j * q + k] - dj[j] * a[k] - dj[k] * a[j] + dj[j] * dj[k] * a[0]) / (sj[j] * sj[k]);
      h[j * q + k] = v;
      h[k * q + j] = v;
    }
  }
  const gradient = new Float64Array(q);
  gradient[0] = g[0];
  for (let j = 1; j < q; j++) gradient[j] = (g[j] - dj[j] * g[0]) / sj[j];
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

function iterateAt(d: Design, terms: Terms, b0: number, gamma: Float64Array, l2: number): Iterate {
  const at = pass(d, terms, b0, gamma);
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
function halvingStep(d: Design, terms: Terms, at: Iterate, delta: Float64Array, l2: number): { next: Iterate; step: number } {
  let scale = 1;
  let next = at;
  for (let halving = 0; halving < 30; halving++) {
    const gamma = at.gamma.map((v, j) => v + scale * delta[j + 1]);
    next = iterateAt(d, terms, at.b0 + scale * delta[0], gamma, l2);
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
  const d = buildDesign(columns, yRecorded, settings.standardize, weight);
  const terms = termsFor(d);
  const q = d.p + 1;
  const { l2 } = settings;
  const warnings: string[] = [];
  const keep: boolean[] = [true, ...d.constant.map((c) => !c)];
  d.constant.forEach((c, j) => {
    if (c) warnings.push(`${model}: feature ${quote(names[j])} is constant in the training rows; its coefficient is fixed at 0`);
  });
  let at = iterateAt(d, terms, startingIntercept(yRecorded, weight), new Float64Array(d.p), l2);
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
    const { next, step } = halvingStep(d, terms, at, delta, l2);
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
