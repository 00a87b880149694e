import { checkLabels, checkScores, checkThreshold } from './validate.js';

/**
 * Counts at one operating point. "Positive" means the label is 1 (the outcome
 * happened, or was recorded — say which label you passed); "flagged" means the
 * row was selected (score ≥ threshold, or on a capacity list).
 *
 * Invariants: `n = tp + fp + fn + tn`, `positives = tp + fn`,
 * `negatives = fp + tn`, `flagged = tp + fp`.
 */
export interface Confusion extends ConfusionCounts {
  /** Rows whose label is 0. */
  readonly negatives: number;
}

/**
 * The counts that travel with every number (evaluation rows, group tables,
 * metrics.csv): rows, label-1 rows, flagged rows and the four cells, so
 * nothing downstream rebuilds counts from rates.
 */
export interface ConfusionCounts {
  readonly n: number;
  /** Rows whose label is 1. */
  readonly positives: number;
  /** Rows selected. */
  readonly flagged: number;
  /** Flagged and label 1 (true positive). */
  readonly tp: number;
  /** Flagged and label 0 (false positive). */
  readonly fp: number;
  /** Not flagged and label 1 (false negative: a missed case). */
  readonly fn: number;
  /** Not flagged and label 0 (true negative). */
  readonly tn: number;
}

/**
 * Build a `Confusion` from its four cells.
 *
 * Definition: the 2×2 table of label (1/0) by decision (flagged/not).
 * Reference: Fawcett (2006) "An introduction to ROC analysis", Pattern
 * Recognition Letters 27, fig. 1.
 *
 * @example
 * confusionFromCounts(3, 1, 2, 4).flagged; // 4
 */
export function confusionFromCounts(tp: number, fp: number, fn: number, tn: number): Confusion {
  return {
    n: tp + fp + fn + tn,
    positives: tp + fn,
    negatives: fp + tn,
    flagged: tp + fp,
    tp,
    fp,
    fn,
    tn,
  };
}

/**
 * Counts when every row with `score ≥ threshold` is flagged, by one direct
 * scan of the data. Use a `sweep` for many thresholds; this is the plain
 * definition (and the naive reference the sweep is tested against).
 *
 * Definition: tp = #{i : score_i ≥ t, label_i = 1}, fp = #{i : score_i ≥ t, label_i = 0}, …
 * Reference: scikit-learn `confusion_matrix(labels, scores >= t)` gives
 * `[[tn, fp], [fn, tp]]`.
 *
 * @example
 * confusionAtThreshold(new Float64Array([0.9, 0.2, 0.6]), new Uint8Array([1, 0, 0]), 0.5);
 * // { n: 3, positives: 1, negatives: 2, flagged: 2, tp: 1, fp: 1, fn: 0, tn: 1 }
 */
export function confusionAtThreshold(
  scores: Float64Array,
  labels: Uint8Array,
  threshold: number,
): Confusion {
  checkThreshold(threshold);
  checkScores(scores);
  checkLabels(labels, scores.length);
  return countFlagged(labels, (i) => scores[i] >= threshold);
}

/**
 * Counts for an explicit 0/1 flag per row (e.g. a list a team actually
 * worked from).
 *
 * Definition: tp = #{i : flag_i = 1, label_i = 1}, and so on.
 * Reference: scikit-learn `confusion_matrix(labels, flags)`.
 *
 * @example
 * confusionFromFlags(new Uint8Array([1, 0, 1]), new Uint8Array([1, 1, 0])).fn; // 1
 */
export function confusionFromFlags(flags: Uint8Array, labels: Uint8Array): Confusion {
  checkLabels(flags, flags.length, 'flags');
  checkLabels(labels, flags.length);
  return countFlagged(labels, (i) => flags[i] === 1);
}

/** The four cells by one direct scan: row i is flagged when `flagged(i)`. */
function countFlagged(labels: Uint8Array, flagged: (i: number) => boolean): Confusion {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    positives += label;
    if (flagged(i)) {
      tp += label;
      fp += 1 - label;
    }
  }
  return confusionFromCounts(tp, fp, positives - tp, labels.length - positives - fp);
}
