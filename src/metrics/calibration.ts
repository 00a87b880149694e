import { checkLabels, checkProbabilities, checkWhole, checkFraction } from './validate.js';
import { CompensatedSum } from './numeric.js';
import { probabilityLogLoss } from '../numeric.js';

/**
 * Probability quality: do predicted probabilities mean what they say?
 * Scores here must be probabilities in [0, 1]. Sums are compensated
 * (Neumaier), so results agree with numpy's pairwise sums to ~1e-15.
 */

/**
 * Brier score: the mean squared difference between predicted probability and
 * the 0/1 label, (1/n) Σ (pᵢ − yᵢ)². 0 is perfect; NaN when n = 0.
 *
 * Reference: Brier (1950) Monthly Weather Review 78:1–3; scikit-learn 1.2
 * `brier_score_loss`.
 *
 * @example
 * brierScore(new Float64Array([0.1, 0.9, 0.8, 0.3]), new Uint8Array([0, 1, 1, 0])); // 0.0375
 */
export function brierScore(p: Float64Array, labels: Uint8Array): number {
  checkProbabilities(p);
  checkLabels(labels, p.length);
  if (p.length === 0) return NaN;
  const s = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    const d = p[i] - labels[i];
    s.add(d * d);
  }
  return s.value / p.length;
}

/**
 * Log loss (cross-entropy): −(1/n) Σ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)], with
 * each p clipped to [eps, 1 − eps] so a confident mistake costs a large but
 * finite amount. Default eps = 2⁻⁵² (`Number.EPSILON`), scikit-learn 1.2's
 * "auto" for float64. Unlike scikit-learn, one class only is allowed (the
 * loss is defined); NaN when n = 0.
 *
 * Reference: scikit-learn 1.2 `log_loss`; Bishop (2006) Pattern Recognition
 * and Machine Learning, eq. 4.90.
 *
 * @example
 * logLoss(new Float64Array([0.1, 0.9, 0.8, 0.35]), new Uint8Array([0, 1, 1, 0])); // 0.21616…
 */
export function logLoss(
  p: Float64Array,
  labels: Uint8Array,
  options: { eps?: number } = {},
): number {
  const { eps = Number.EPSILON } = options;
  checkFraction('eps', eps, 0, 0.5);
  checkProbabilities(p);
  checkLabels(labels, p.length);
  if (p.length === 0) return NaN;
  const s = new CompensatedSum();
  for (let i = 0; i < p.length; i++) s.add(probabilityLogLoss(p[i], labels[i], eps));
  return s.value / p.length;
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** Lower edge (included). */
  readonly lower: number;
  /** Upper edge (excluded, except 1 in the last bin). */
  readonly upper: number;
  /** Children whose prediction falls in the bin. */
  readonly n: number;
  /** Of them, with label 1. */
  readonly positives: number;
  /** Mean predicted probability in the bin; NaN when n = 0. */
  readonly meanPredicted: number;
  /** Observed share with label 1 in the bin; NaN when n = 0. */
  readonly observedRate: number;
}

/**
 * Calibration table: predictions grouped into equal-width bins (tenths by
 * default), each with its size, mean predicted probability and observed rate.
 * Bin j holds lower = j/bins ≤ p < (j+1)/bins (the last bin includes 1); the
 * edges are the doubles nearest j/bins, so p = 0.3 lands in [0.3, 0.4).
 * Empty bins are kept (n = 0, rates NaN) so tables line up across models.
 *
 * Reference: scikit-learn 1.2 `calibration_curve(strategy="uniform")` gives
 * (observedRate, meanPredicted) of the non-empty bins (it puts a p exactly on
 * an inner edge in the lower bin); Van Calster et al. (2016) J Clin Epidemiol
 * 74:167–176 ("A calibration hierarchy for risk models").
 *
 * @example
 * calibrationTable(new Float64Array([0.05, 0.12, 0.18]), new Uint8Array([0, 0, 1]))[1];
 * // { lower: 0.1, upper: 0.2, n: 2, positives: 1, meanPredicted: 0.15, observedRate: 0.5 }
 */
export function calibrationTable(
  p: Float64Array,
  labels: Uint8Array,
  options: { bins?: number } = {},
): CalibrationBin[] {
  const { bins = 10 } = options;
  checkWhole('bins', bins, 1, 1000);
  checkProbabilities(p);
  checkLabels(labels, p.length);
  const edges = Array.from({ length: bins + 1 }, (_, j) => j / bins);
  const n = new Int32Array(bins);
  const positives = new Int32Array(bins);
  const sums = Array.from({ length: bins }, () => new CompensatedSum());
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    let b = Math.min(bins - 1, Math.floor(v * bins));
    while (b > 0 && edges[b] > v) b--;
    while (b < bins - 1 && edges[b + 1] <= v) b++;
    n[b]++;
    positives[b] += labels[i];
    sums[b].add(v);
  }
  return Array.from({ length: bins }, (_, b) => ({
    lower: edges[b],
    upper: edges[b + 1],
    n: n[b],
    positives: positives[b],
    meanPredicted: n[b] === 0 ? NaN : sums[b].value / n[b],
    observedRate: n[b] === 0 ? NaN : positives[b] / n[b],
  }));
}

/** Calibration-in-the-large: the average prediction against the observed rate. */
export interface CalibrationInTheLarge {
  readonly n: number;
  /** Mean predicted probability (expected rate). */
  readonly meanPredicted: number;
  /** Observed share with label 1. */
  readonly observedRate: number;
  /** observedRate − meanPredicted: positive when the model under-predicts. */
  readonly difference: number;
  /** observedRate / meanPredicted (O/E); NaN when meanPredicted is 0. */
  readonly ratio: number;
  /**
   * Calibration intercept: the a solving Σ (yᵢ − σ(a + logit pᵢ)) = 0 (a logistic
   * model with logit p as offset); 0 when calibrated in the large, positive when
   * predictions are too low. NaN with one class only (no finite solution).
   */
  readonly intercept: number;
}

/**
 * Calibration-in-the-large (mean calibration): does the model predict as many
 * cases as there are? Reports the mean prediction, the observed rate, their
 * difference and ratio (O/E), and the recalibration intercept.
 *
 * Reference: Van Calster et al. (2016) J Clin Epidemiol 74:167–176; Steyerberg
 * (2019) Clinical Prediction Models, 2nd ed., ch. 15.
 *
 * @example
 * calibrationInTheLarge(new Float64Array([0.2, 0.2, 0.2, 0.2, 0.2]), new Uint8Array([1, 0, 0, 0, 0]));
 * // { n: 5, meanPredicted: 0.2, observedRate: 0.2, difference: 0, ratio: 1, intercept: 0 }
 */
export function calibrationInTheLarge(p: Float64Array, labels: Uint8Array): CalibrationInTheLarge {
  checkProbabilities(p);
  checkLabels(labels, p.length);
  const n = p.length;
  const s = new CompensatedSum();
  let positives = 0;
  for (let i = 0; i < n; i++) {
    s.add(p[i]);
    positives += labels[i];
  }
  const meanPredicted = n === 0 ? NaN : s.value / n;
  const observedRate = n === 0 ? NaN : positives / n;
  return {
    n,
    meanPredicted,
    observedRate,
    difference: observedRate - meanPredicted,
    ratio: meanPredicted === 0 ? NaN : observedRate / meanPredicted,
    intercept: positives === 0 || positives === n ? NaN : recalibrationIntercept(p, positives),
  };
}

/** Newton's method for the intercept with offset logit(p) (p clipped to [1e-15, 1 − 1e-15]). */
function recalibrationIntercept(p: Float64Array, positives: number): number {
  const offsets = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
    offsets[i] = Math.log(q / (1 - q));
  }
  let a = 0;
  for (let iter = 0; iter < 100; iter++) {
    const expected = new CompensatedSum();
    let information = 0;
    for (let i = 0; i < offsets.length; i++) {
      const mu = 1 / (1 + Math.exp(-(a + offsets[i])));
      expected.add(mu);
      information += mu * (1 - mu);
    }
    // Newton step on a concave log-likelihood, capped so a far start cannot overshoot.
    const step = Math.max(-4, Math.min(4, (positives - expected.value) / information));
    a += step;
    if (Math.abs(step) < 1e-13 * (1 + Math.abs(a))) return a;
  }
  return a;
}
