import { RisklabError, metricsMessages as m } from '../messages.js';

/**
 * Input checks shared by the metrics module (internal; not re-exported).
 * Every check fails early with a `RisklabError` whose text lives in
 * `src/messages.ts`, naming the field, the value and what was expected.
 */

/**
 * Throw unless `labels` has `n` entries, each 0 or 1.
 *
 * @example
 * checkLabels(Uint8Array.from([0, 2]), 2, 'yTrue'); // throws "yTrue must hold only 0 and 1; got 2 at row 1"
 */
export function checkLabels(labels: Uint8Array, n: number, field = 'labels'): void {
  if (labels.length !== n) throw new RisklabError(m.lengthMismatch(field, n, labels.length), field);
  for (let i = 0; i < n; i++) {
    if (labels[i] > 1) throw new RisklabError(m.notBinary(field, i, labels[i]), field);
  }
}

/**
 * Throw unless every score is a finite number.
 *
 * @example
 * checkScores(Float64Array.from([0.2, NaN])); // throws "scores must hold finite numbers; got NaN at row 1"
 */
export function checkScores(scores: Float64Array, field = 'scores'): void {
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (v - v !== 0) throw new RisklabError(m.notFinite(field, i, v), field);
  }
}

/**
 * Throw unless every value is a probability in [0, 1].
 *
 * @example
 * checkProbabilities(Float64Array.from([1.2])); // throws "scores must hold probabilities in [0, 1]; got 1.2 at row 0"
 */
export function checkProbabilities(p: Float64Array, field = 'scores'): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0 && v <= 1)) throw new RisklabError(m.notProbability(field, i, v), field);
  }
}

/**
 * Throw unless `value` is a whole number in [min, max].
 *
 * @example
 * checkWhole('k', -1, 0); // throws "k must be a whole number ≥ 0; got -1"
 */
export function checkWhole(field: string, value: number, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `a whole number ≥ ${min}` : `a whole number in [${min}, ${max}]`;
    throw new RisklabError(m.badCount(field, range, value), field);
  }
}

/**
 * Throw unless `value` lies in [lo, hi] (or (lo, hi) when `open`).
 *
 * @example
 * checkFraction('share', 1.5); // throws "share must be a number in [0, 1]; got 1.5"
 */
export function checkFraction(field: string, value: number, lo = 0, hi = 1, open = false): void {
  const ok = open ? value > lo && value < hi : value >= lo && value <= hi;
  if (!ok) {
    const range = open ? `a number in (${lo}, ${hi})` : `a number in [${lo}, ${hi}]`;
    throw new RisklabError(m.badFraction(field, range, value), field);
  }
}

/**
 * Throw when a threshold is NaN (which would silently flag nobody);
 * ±Infinity are allowed (flag everybody / nobody).
 *
 * @example
 * checkThreshold(NaN); // throws "threshold must be a number (±Infinity allowed, not NaN); got NaN"
 */
export function checkThreshold(threshold: number): void {
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new RisklabError(m.badFraction('threshold', 'a number (±Infinity allowed, not NaN)', threshold), 'threshold');
  }
}
