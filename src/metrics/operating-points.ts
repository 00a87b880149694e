import { confusionFromCounts, type Confusion } from './confusion.js';
import { confusionAtIndex, type Sweep } from './sweep.js';
import { checkFraction, checkThreshold, checkWhole } from './validate.js';

/**
 * Operating points: where the line between flagged and not flagged falls.
 *
 * The tie rule (one rule, used everywhere): a capacity list (top k, top share)
 * flags **exactly** min(k, n) children. Children tied at the cut score are
 * taken in ascending row index until the list is full; the rest of the tied
 * block is left off. So the list never exceeds capacity, the result is
 * deterministic for a given row order, and `OperatingPoint.tiedAtCut` /
 * `tiedFlagged` say how many were tied and how many of them made the list.
 * Threshold rules ("score ≥ t", a target recall or precision) flag every tied
 * child: ties never split.
 */

/**
 * A decision rule, a function of the scores alone (so one cut applies to
 * `yRecorded` and `yTrue` alike, and to every group): flag row `i` when
 * `score_i > threshold`, or when `score_i === threshold` and `i < tieRowLimit`.
 * `tieRowLimit = Infinity` means "score ≥ threshold". `threshold = Infinity`
 * flags nobody.
 */
export interface Cut {
  readonly threshold: number;
  readonly tieRowLimit: number;
}

/** How an operating point was chosen. */
export type OperatingRule = 'threshold' | 'topK' | 'topShare' | 'recall' | 'precision';

/** An operating point: the rule asked for, the cut it resolved to, and the counts there. */
export interface OperatingPoint {
  readonly rule: OperatingRule;
  /** What was asked for: the threshold, k, the share, or the target rate. */
  readonly requested: number;
  readonly cut: Cut;
  readonly confusion: Confusion;
  /** Rows whose score equals the cut score (0 when nothing is flagged). */
  readonly tiedAtCut: number;
  /** Of those, how many are flagged (all of them for threshold rules). */
  readonly tiedFlagged: number;
}

/** The cut that flags nobody. */
export const NOTHING_FLAGGED: Cut = { threshold: Infinity, tieRowLimit: Infinity };

/** Number of sweep rows whose threshold is ≥ t (thresholds are descending). */
function countAtLeast(thresholds: Float64Array, t: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid] >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Size of the tied block at sweep row b. */
function blockSize(s: Sweep, b: number): number {
  const before = b > 0 ? s.tp[b - 1] + s.fp[b - 1] : 0;
  return s.tp[b] + s.fp[b] - before;
}

/** Scan the sweep's rows tied at `t`: the first `take` of them by row index, or those below `limit`. */
function scanTies(
  s: Sweep,
  t: number,
  stop: { take: number } | { limit: number },
): { tp: number; fp: number; limit: number } {
  const { scores, labels, codes, code } = s.rows;
  let tp = 0;
  let fp = 0;
  let taken = 0;
  const take = 'take' in stop ? stop.take : Infinity;
  const limit = 'limit' in stop ? Math.min(stop.limit, scores.length) : scores.length;
  let i = 0;
  for (; i < limit && taken < take; i++) {
    if (scores[i] !== t || (codes !== null && codes[i] !== code)) continue;
    taken++;
    tp += labels[i];
    fp += 1 - labels[i];
  }
  return { tp, fp, limit: i };
}

/**
 * The confusion table of a sweep's rows at a cut (from any sweep: overall,
 * a group's, or the other label's). Cost: a binary search, plus one scan of
 * the rows only when the cut splits a tied block.
 *
 * @example
 * const point = topK(sweepRecorded, 1000);
 * confusionAtCut(sweepTrue, point.cut); // the same list, judged against yTrue
 */
export function confusionAtCut(s: Sweep, cut: Cut): Confusion {
  const atLeast = countAtLeast(s.thresholds, cut.threshold);
  if (cut.tieRowLimit === Infinity) return confusionAtIndex(s, atLeast - 1);
  const hasBlock = atLeast > 0 && s.thresholds[atLeast - 1] === cut.threshold;
  const above = hasBlock ? atLeast - 1 : atLeast;
  const base = confusionAtIndex(s, above - 1);
  if (!hasBlock) return base;
  const tied = scanTies(s, cut.threshold, { limit: cut.tieRowLimit });
  const tp = base.tp + tied.tp;
  const fp = base.fp + tied.fp;
  return confusionFromCounts(tp, fp, s.positives - tp, s.negatives - fp);
}

/**
 * Flag every child with `score ≥ threshold`.
 *
 * @example
 * atThreshold(s, 0.3).confusion.flagged; // children scoring 0.3 or more
 */
export function atThreshold(s: Sweep, threshold: number): OperatingPoint {
  checkThreshold(threshold);
  const i = countAtLeast(s.thresholds, threshold) - 1;
  const tied = i >= 0 && s.thresholds[i] === threshold ? blockSize(s, i) : 0;
  return {
    rule: 'threshold',
    requested: threshold,
    cut: { threshold, tieRowLimit: Infinity },
    confusion: confusionAtIndex(s, i),
    tiedAtCut: tied,
    tiedFlagged: tied,
  };
}

/** Resolve "exactly k flagged" on a sweep (k already clamped to [0, n]). */
function capacity(s: Sweep, k: number, rule: OperatingRule, requested: number): OperatingPoint {
  if (k === 0) {
    return { rule, requested, cut: NOTHING_FLAGGED, confusion: confusionAtIndex(s, -1), tiedAtCut: 0, tiedFlagged: 0 };
  }
  let lo = 0;
  let hi = s.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.tp[mid] + s.fp[mid] >= k) hi = mid;
    else lo = mid + 1;
  }
  const t = s.thresholds[lo];
  const size = blockSize(s, lo);
  const take = k - (s.tp[lo] + s.fp[lo] - size);
  if (take === size) {
    const cut = { threshold: t, tieRowLimit: Infinity };
    return { rule, requested, cut, confusion: confusionAtIndex(s, lo), tiedAtCut: size, tiedFlagged: size };
  }
  const base = confusionAtIndex(s, lo - 1);
  const tied = scanTies(s, t, { take });
  const tp = base.tp + tied.tp;
  const fp = base.fp + tied.fp;
  return {
    rule,
    requested,
    cut: { threshold: t, tieRowLimit: tied.limit },
    confusion: confusionFromCounts(tp, fp, s.positives - tp, s.negatives - fp),
    tiedAtCut: size,
    tiedFlagged: take,
  };
}

/**
 * A capacity list: the k highest-scoring children (e.g. a weekly list of
 * 1,000). Exactly min(k, n) are flagged; ties at the cut are broken by
 * ascending row index (see the module note). k = 0 flags nobody; k ≥ n flags
 * everyone.
 *
 * @example
 * const s = sweep(new Float64Array([0.9, 0.5, 0.5, 0.5, 0.1]), new Uint8Array([1, 0, 1, 0, 0]));
 * const p = topK(s, 2); // row 0, then row 1 (the lowest-index of the three tied at 0.5)
 * p.confusion.tp;       // 1
 * p.tiedAtCut;          // 3
 * p.tiedFlagged;        // 1
 */
export function topK(s: Sweep, k: number): OperatingPoint {
  checkWhole('k', k, 0);
  return capacity(s, Math.min(k, s.n), 'topK', k);
}

/**
 * The top share of children (top p%, as a fraction in [0, 1]): a capacity
 * list of k = ⌊share · n⌋ children — the largest whole number of children not
 * above the share — with a 1e-9 allowance so that a decimal share stored just
 * below its value (0.29 · 100 = 28.999…) still gives 29. Same tie rule as `topK`.
 *
 * @example
 * topShare(s, 0.05).confusion.flagged; // 5% of the children, rounded down
 */
export function topShare(s: Sweep, share: number): OperatingPoint {
  checkFraction('share', share);
  const k = Math.min(s.n, Math.floor(share * s.n + 1e-9));
  return capacity(s, k, 'topShare', share);
}

/**
 * The highest threshold whose recall reaches `target` — the shortest list
 * (cut at a distinct score) that finds that share of the children with label
 * 1. Ties are not split. Returns null when there are no positives (recall is
 * NaN everywhere). `target = 0` flags nobody.
 *
 * @example
 * forRecall(s, 0.8)?.cut.threshold; // the score to flag at to find 80% of cases
 */
export function forRecall(s: Sweep, target: number): OperatingPoint | null {
  checkFraction('target recall', target);
  if (s.positives === 0) return null;
  if (target === 0) return { ...capacity(s, 0, 'recall', target) };
  let lo = 0;
  let hi = s.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.tp[mid] / s.positives >= target) hi = mid;
    else lo = mid + 1;
  }
  return { ...atThreshold(s, s.thresholds[lo]), rule: 'recall', requested: target };
}

/**
 * The lowest threshold whose precision reaches `target` — the longest list
 * (cut at a distinct score) that still meets a bar such as
 * "precision ≥ 0.7". Precision is not monotone in the threshold, so every
 * row of the sweep is checked (O(distinct scores), no data rescan). Ties are
 * not split. Returns null when no threshold reaches the target.
 *
 * @example
 * forPrecision(s, 0.7)?.confusion.flagged; // the most children one can flag at precision ≥ 0.7
 */
export function forPrecision(s: Sweep, target: number): OperatingPoint | null {
  checkFraction('target precision', target);
  for (let i = s.thresholds.length - 1; i >= 0; i--) {
    if (s.tp[i] / (s.tp[i] + s.fp[i]) >= target) {
      return { ...atThreshold(s, s.thresholds[i]), rule: 'precision', requested: target };
    }
  }
  return null;
}

/**
 * Whether the child in row `row` with score `score` is flagged at a cut: the
 * one tie rule (see the module note), for code that asks about one child.
 *
 * @example
 * isFlagged(0.5, 7, { threshold: 0.5, tieRowLimit: 8 }); // true: tied at the cut, and within the list
 */
export function isFlagged(score: number, row: number, cut: Cut): boolean {
  return score > cut.threshold || (score === cut.threshold && row < cut.tieRowLimit);
}

/**
 * A 0/1 flag per row for a cut (the decision itself, e.g. to join back to children).
 *
 * @example
 * flagsAt(scores, topK(s, 1000).cut); // exactly 1,000 ones (if n ≥ 1,000)
 */
export function flagsAt(scores: Float64Array, cut: Cut): Uint8Array {
  const flags = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) flags[i] = isFlagged(scores[i], i, cut) ? 1 : 0;
  return flags;
}

/**
 * The flagged rows as a list, highest score first, ties in ascending row
 * index (the order the tie rule uses).
 *
 * @example
 * flaggedRows(new Float64Array([0.2, 0.9, 0.5]), { threshold: 0.5, tieRowLimit: Infinity }); // [1, 2]
 */
export function flaggedRows(scores: Float64Array, cut: Cut): Int32Array {
  const flags = flagsAt(scores, cut);
  const rows: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i] === 1) rows.push(i);
  rows.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(rows);
}
