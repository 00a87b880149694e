import { confusionAtCut } from './operating-points.js';
import { fpr, precision, recall, selectionRate } from './rates.js';
import { sweep, type Sweep } from './sweep.js';

/** Precision, recall, selection rate and FPR at one probability threshold (flag when score ≥ threshold). */
export interface ThresholdPoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly selectionRate: number;
  readonly fpr: number;
}

/** The thresholds 0, 0.01, …, 1 that results tables and charts use. */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);

/**
 * Precision, recall, selection rate and false-positive rate of one score
 * column at each threshold (default 0, 0.01, …, 1), from one sweep: the
 * scores are sorted once and each threshold is a binary search. Rates with a
 * zero denominator are NaN (precision at a threshold nobody reaches).
 *
 * @example
 * thresholdCurve(scores, yTrue)[50]; // { threshold: 0.5, precision: …, recall: …, selectionRate: …, fpr: … }
 */
export function thresholdCurve(scores: Float64Array, labels: Uint8Array, thresholds: readonly number[] = CURVE_THRESHOLDS): ThresholdPoint[] {
  return curveOfSweep(sweep(scores, labels), thresholds);
}

/** `thresholdCurve` from a sweep already made of the scores and labels. */
export function curveOfSweep(s: Sweep, thresholds: readonly number[] = CURVE_THRESHOLDS): ThresholdPoint[] {
  return thresholds.map((threshold) => {
    const c = confusionAtCut(s, { threshold, tieRowLimit: Infinity });
    return { threshold, precision: precision(c), recall: recall(c), selectionRate: selectionRate(c), fpr: fpr(c) };
  });
}
