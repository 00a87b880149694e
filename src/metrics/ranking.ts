import { sweep, type Sweep } from './sweep.js';

/**
 * Ranking quality: ROC AUC, average precision and the two curves. All come
 * from a `Sweep` (one sort, one pass); the functions taking raw columns build
 * the sweep for you.
 */

/**
 * ROC AUC: the probability that a random child with label 1 scores above a
 * random child with label 0, ties counting one half — the trapezoid area
 * under the ROC curve. Computed in integer counts during the sweep's merge
 * (exact up to 2⁵³), then divided once. NaN when either class is absent
 * (scikit-learn's `roc_auc_score` raises an error there).
 *
 * Reference: Hanley & McNeil (1982) Radiology 143:29–36; scikit-learn 1.2
 * `roc_auc_score` (trapezoid over `roc_curve`).
 *
 * @example
 * rocAuc(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1])); // 0.75
 */
export function rocAuc(scores: Float64Array, labels: Uint8Array): number {
  return sweep(scores, labels).auc;
}

/**
 * Average precision: Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct thresholds, highest
 * first — the step-wise area under the precision–recall curve, without
 * interpolation. NaN when there are no positives (scikit-learn returns 0 with
 * a warning there).
 *
 * Reference: scikit-learn 1.2 `average_precision_score`; Zhu (2004)
 * "Recall, precision and average precision", U. Waterloo.
 *
 * @example
 * averagePrecision(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1])); // 0.8333…
 */
export function averagePrecision(scores: Float64Array, labels: Uint8Array): number {
  return sweep(scores, labels).averagePrecision;
}

/** Points of a ROC curve, starting at (0, 0). */
export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** `thresholds[0] = Infinity` (nothing flagged); then the distinct scores, descending. */
  readonly thresholds: Float64Array;
}

/**
 * The ROC curve: (FPR, TPR) at every distinct threshold, descending, after a
 * first point (0, 0) at threshold Infinity. With `dropIntermediate` (default
 * false) points that lie on a straight segment are dropped by scikit-learn's
 * rule (a point is kept when the second difference of fp or tp is non-zero),
 * which leaves the area unchanged and shrinks long curves for charts.
 * With one class absent, the rate for it is NaN.
 *
 * Reference: Fawcett (2006) algorithm 2; scikit-learn 1.2 `roc_curve` (which
 * puts max(score) + 1 where we put Infinity as the first threshold).
 *
 * @example
 * rocCurve(sweep(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]))).tpr;
 * // [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(s: Sweep, options: { dropIntermediate?: boolean } = {}): RocCurve {
  const { dropIntermediate = false } = options;
  const m = s.thresholds.length;
  let keep: number[] | null = null;
  if (dropIntermediate && m > 2) {
    keep = [0];
    for (let i = 1; i < m - 1; i++) {
      const d2fp = s.fp[i + 1] - 2 * s.fp[i] + s.fp[i - 1];
      const d2tp = s.tp[i + 1] - 2 * s.tp[i] + s.tp[i - 1];
      if (d2fp !== 0 || d2tp !== 0) keep.push(i);
    }
    keep.push(m - 1);
  }
  const count = keep === null ? m : keep.length;
  const fpr = new Float64Array(count + 1);
  const tpr = new Float64Array(count + 1);
  const thresholds = new Float64Array(count + 1);
  thresholds[0] = Infinity;
  fpr[0] = s.negatives === 0 ? NaN : 0;
  tpr[0] = s.positives === 0 ? NaN : 0;
  for (let c = 0; c < count; c++) {
    const i = keep === null ? c : keep[c];
    thresholds[c + 1] = s.thresholds[i];
    fpr[c + 1] = s.negatives === 0 ? NaN : s.fp[i] / s.negatives;
    tpr[c + 1] = s.positives === 0 ? NaN : s.tp[i] / s.positives;
  }
  return { fpr, tpr, thresholds };
}

/** Points of a precision–recall curve. */
export interface PrecisionRecallCurve {
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  /** `thresholds[0] = Infinity` (the anchor point); then the distinct scores, descending. */
  readonly thresholds: Float64Array;
}

/**
 * The precision–recall curve at every distinct threshold, descending, after
 * the conventional anchor point (recall 0, precision 1) at threshold Infinity
 * — a convention for drawing (as in scikit-learn), not a measured precision,
 * which is NaN when nothing is flagged. With no positives, recall is NaN
 * (scikit-learn sets it to 1 with a warning).
 *
 * Reference: scikit-learn 1.2 `precision_recall_curve` (same points, in
 * ascending threshold order with the anchor last).
 *
 * @example
 * precisionRecallCurve(sweep(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]))).precision;
 * // [1, 1, 0.5, 0.666…, 0.5]
 */
export function precisionRecallCurve(s: Sweep): PrecisionRecallCurve {
  const m = s.thresholds.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m + 1);
  thresholds[0] = Infinity;
  precision[0] = 1;
  recall[0] = s.positives === 0 ? NaN : 0;
  for (let i = 0; i < m; i++) {
    thresholds[i + 1] = s.thresholds[i];
    precision[i + 1] = s.tp[i] / (s.tp[i] + s.fp[i]);
    recall[i + 1] = s.positives === 0 ? NaN : s.tp[i] / s.positives;
  }
  return { precision, recall, thresholds };
}
