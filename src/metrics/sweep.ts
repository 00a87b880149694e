import { RisklabError, metricsMessages as m } from '../messages.js';
import { confusionFromCounts, type Confusion } from './confusion.js';
import { RATE_FORMULAS, type RateName } from './rates.js';

/**
 * The rows a sweep was built from, kept by reference (never copied) so that a
 * capacity cut can break ties by row index. A group's sweep points at the full
 * columns plus the group codes; row indices are always the original ones.
 */
export interface SweepRows {
  readonly scores: Float64Array;
  readonly labels: Uint8Array;
  /** Group codes, or null when the sweep covers every row. */
  readonly codes: Uint8Array | null;
  /** The group code this sweep covers (ignored when `codes` is null). */
  readonly code: number;
}

/**
 * Every distinct threshold of one score column against one label column, as a
 * compact columnar table. Row `i` of the table is the operating point
 * "flag every child with score ≥ thresholds[i]":
 *
 * | column | meaning |
 * | --- | --- |
 * | `thresholds[i]` | the i-th distinct score, descending |
 * | `tp[i]` | children with score ≥ thresholds[i] and label 1 (cumulative) |
 * | `fp[i]` | children with score ≥ thresholds[i] and label 0 (cumulative) |
 *
 * fn = positives − tp, tn = negatives − fp, flagged = tp + fp: every rate at
 * every threshold follows (`rateColumn`, `confusionAtIndex`). `auc` and
 * `averagePrecision` are accumulated in the same single pass that builds the
 * table, so they cost nothing extra.
 */
export interface Sweep {
  readonly n: number;
  /** Rows with label 1. */
  readonly positives: number;
  /** Rows with label 0. */
  readonly negatives: number;
  readonly thresholds: Float64Array;
  readonly tp: Int32Array;
  readonly fp: Int32Array;
  /** ROC AUC, ties counted as half (scikit-learn `roc_auc_score`); NaN with one class. */
  readonly auc: number;
  /** Average precision, Σ (Rᵢ − Rᵢ₋₁)·Pᵢ (scikit-learn `average_precision_score`); NaN with no positives. */
  readonly averagePrecision: number;
  readonly rows: SweepRows;
}

/**
 * Sweep every distinct threshold in one pass.
 *
 * Algorithm: split the scores by label into two `Float64Array`s, sort each with
 * the native typed-array sort (no comparator, so V8's C++ sort does the work),
 * then merge the two sorted arrays from the top, emitting one row per distinct
 * score with cumulative tp and fp. The trapezoid ROC area and the step-wise
 * average precision are summed during the merge. Total cost: one sort of the
 * scores plus one linear pass; no threshold rescans the data.
 *
 * Scores must be finite (NaN would have no place in the order); labels 0/1.
 * Ties: all rows with equal scores move together (one table row), which is
 * what "score ≥ threshold" means. `-0` and `0` are the same threshold.
 *
 * References: Fawcett (2006) "An introduction to ROC analysis", Pattern
 * Recognition Letters 27, algorithm 2 (one-pass ROC points); scikit-learn
 * `_binary_clf_curve` (same table, built by argsort + cumsum).
 *
 * @example
 * const s = sweep(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]));
 * s.thresholds; // [0.8, 0.4, 0.35, 0.1]
 * s.tp;         // [1, 1, 2, 2]
 * s.fp;         // [0, 1, 1, 2]
 * s.auc;        // 0.75 (scikit-learn roc_auc_score → 0.75)
 */
export function sweep(scores: Float64Array, labels: Uint8Array): Sweep {
  return sweepNamed(scores, labels, 'labels');
}

/**
 * One score column in ascending order, sorted once so that every sweep of it
 * — against each label, overall and for every group level — is a linear pass
 * instead of a sort of its own (`sweepOrdered`, `sweepByGroup`): `order[q]`
 * is the row of the q-th lowest score, rows with equal scores in row order,
 * and `sorted[q] = scores[order[q]]`. A sweep depends only on the multiset of
 * each (level, label) slice's values in ascending order, and the slices read
 * off this order are exactly the arrays a native sort of each slice gives,
 * so the sweeps are the same to the bit.
 */
export interface ScoreOrder {
  readonly scores: Float64Array;
  readonly order: Int32Array;
  readonly sorted: Float64Array;
}

/**
 * Sort a score column once (see `ScoreOrder`): a stable least-significant-digit
 * radix sort of the row numbers on the scores' 64 bits (each double's bits
 * made order-preserving: the sign bit flipped for a positive value, every
 * bit for a negative one), in four passes of 16 bits, a pass skipped when
 * every score has the same digit there. Being stable, it keeps ties in row
 * order. It costs about one native sort of the column (6.5 ms against 8.4 ms
 * for 100,000 probabilities, measured), where a comparator argsort or a
 * binary search per row costs several.
 * Throws `notFinite` for the first row that is NaN or ±Infinity, as `sweep`
 * does. Returns null when a score is −0: the native sort puts −0 before 0
 * while a run of equal values keeps row order, so the slices could differ in
 * the sign of a zero; callers then sort each slice as before.
 *
 * Reference: Knuth, *The Art of Computer Programming* vol. 3, §5.2.5 (radix
 * sorting); the bit transform is the usual one for IEEE 754 keys.
 *
 * @example
 * scoreOrder(new Float64Array([0.4, 0.1, 0.4, 0.2])); // order [1, 3, 0, 2], sorted [0.1, 0.2, 0.4, 0.4]
 */
export function scoreOrder(scores: Float64Array): ScoreOrder | null {
  const n = scores.length;
  let negativeZero = false;
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v - v !== 0) throw new RisklabError(m.notFinite('scores', i, v), 'scores');
    if (v === 0 && 1 / v < 0) negativeZero = true;
  }
  if (negativeZero) return null;
  const bits = new Uint32Array(Float64Array.from(scores).buffer); // little-endian words: bits[2i] low, bits[2i + 1] high
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1];
    const negative = h >>> 31 === 1;
    lo[i] = negative ? ~bits[2 * i] >>> 0 : bits[2 * i];
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    order[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let order2 = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    // Digits of 16 bits, least significant first: the low word's two halves, then the high word's.
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    if (n === 0 || count[(key[0] >>> shift) & 0xffff] === n) continue;
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const to = count[(key[i] >>> shift) & 0xffff]++;
      lo2[to] = lo[i];
      hi2[to] = hi[i];
      order2[to] = order[i];
    }
    const l = lo;
    lo = lo2;
    lo2 = l;
    const h = hi;
    hi = hi2;
    hi2 = h;
    const o = order;
    order = order2;
    order2 = o;
  }
  const sorted = new Float64Array(n);
  for (let q = 0; q < n; q++) sorted[q] = scores[order[q]];
  return { scores, order, sorted };
}

/**
 * `sweep` read off a `ScoreOrder` of the same scores (no sort): the same
 * table, to the bit. Labels are checked as `sweep` checks them (`field`
 * names them); the scores were checked when they were ordered.
 */
export function sweepOrdered(ordered: ScoreOrder, labels: Uint8Array, field = 'labels'): Sweep {
  const { scores, order, sorted } = ordered;
  const n = scores.length;
  const positives = countPositives(labels, n, field);
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  let a = 0;
  let b = 0;
  for (let q = 0; q < n; q++) {
    if (labels[order[q]] === 1) pos[a++] = sorted[q];
    else neg[b++] = sorted[q];
  }
  return mergeSorted(pos, neg, { scores, labels, codes: null, code: 0 });
}

/** Rows with label 1, after checking the labels' length and that each is 0 or 1 (the messages `sweep` gives). */
function countPositives(labels: Uint8Array, n: number, field: string): number {
  if (labels.length !== n) throw new RisklabError(m.lengthMismatch(field, n, labels.length), field);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label > 1) throw new RisklabError(m.notBinary(field, i, label), field);
    positives += label;
  }
  return positives;
}

/** `sweep`, with the label column's name for error messages (`yTrue`, `yRecorded`). */
function sweepNamed(scores: Float64Array, labels: Uint8Array, field: string): Sweep {
  const n = scores.length;
  const positives = countPositives(labels, n, field);
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v - v !== 0) throw new RisklabError(m.notFinite('scores', i, v), 'scores');
    if (labels[i] === 1) pos[a++] = v;
    else neg[b++] = v;
  }
  pos.sort();
  neg.sort();
  return mergeSorted(pos, neg, { scores, labels, codes: null, code: 0 });
}

/**
 * Build the sweep table from the scores of label-1 rows and of label-0 rows,
 * each already sorted ascending (internal: `sweep` and `sweepByGroup` share it).
 */
export function mergeSorted(pos: Float64Array, neg: Float64Array, rows: SweepRows): Sweep {
  const P = pos.length;
  const N = neg.length;
  const n = P + N;
  const thresholds = new Float64Array(n);
  const tpOut = new Int32Array(n);
  const fpOut = new Int32Array(n);
  let i = P - 1;
  let j = N - 1;
  let k = 0;
  let tp = 0;
  let fp = 0;
  let area2 = 0; // Σ Δfp·(tp + tpPrev): twice the ROC area in count units, exact in doubles
  let apSum = 0; // Σ Δtp·precision
  while (i >= 0 || j >= 0) {
    const topPositive = i >= 0 ? pos[i] : -Infinity;
    const topNegative = j >= 0 ? neg[j] : -Infinity;
    const v = topPositive > topNegative ? topPositive : topNegative;
    const tpPrev = tp;
    const fpPrev = fp;
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    thresholds[k] = v;
    tpOut[k] = tp;
    fpOut[k] = fp;
    k++;
    area2 += (fp - fpPrev) * (tp + tpPrev);
    if (tp !== tpPrev) apSum += ((tp - tpPrev) * tp) / (tp + fp);
  }
  const keep = <T extends Float64Array | Int32Array>(a: T): T =>
    (k === n ? a : k > n / 2 ? a.subarray(0, k) : a.slice(0, k)) as T;
  return {
    n,
    positives: P,
    negatives: N,
    thresholds: keep(thresholds),
    tp: keep(tpOut),
    fp: keep(fpOut),
    auc: P === 0 || N === 0 ? NaN : area2 / (2 * P * N),
    averagePrecision: P === 0 ? NaN : apSum / P,
    rows,
  };
}

/**
 * The confusion table at row `i` of a sweep ("flag score ≥ thresholds[i]");
 * `i = -1` is the point where nothing is flagged.
 *
 * @example
 * const s = sweep(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]));
 * confusionAtIndex(s, 1); // tp 1, fp 1, fn 1, tn 1
 */
export function confusionAtIndex(s: Sweep, i: number): Confusion {
  const tp = i < 0 ? 0 : s.tp[i];
  const fp = i < 0 ? 0 : s.fp[i];
  return confusionFromCounts(tp, fp, s.positives - tp, s.negatives - fp);
}

/**
 * One rate at every threshold of a sweep, aligned with `s.thresholds`
 * (NaN where the rate's denominator is 0, as everywhere in this module).
 *
 * @example
 * const s = sweep(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]));
 * rateColumn(s, 'precision'); // [1, 0.5, 0.666…, 0.5] (scikit-learn precision_recall_curve, reversed)
 */
export function rateColumn(s: Sweep, name: RateName): Float64Array {
  const f = RATE_FORMULAS[name].f;
  const out = new Float64Array(s.thresholds.length);
  for (let i = 0; i < out.length; i++) {
    const tp = s.tp[i];
    const fp = s.fp[i];
    out[i] = f(tp, fp, s.positives - tp, s.negatives - fp);
  }
  return out;
}

/** A sweep against each of the two labels the lab always reports. */
export interface SweepPair {
  readonly yRecorded: Sweep;
  readonly yTrue: Sweep;
}

/**
 * Sweep the same scores against `yRecorded` and against `yTrue`: every number
 * the lab reports is given twice. Operating points are functions of the scores
 * alone, so a `Cut` found on one sweep applies unchanged to the other.
 *
 * @example
 * const both = sweepBoth(scores, { yRecorded: records.yRecorded, yTrue: population.yTrue });
 * both.yRecorded.auc - both.yTrue.auc; // how much the records flatter (or shame) the model
 */
export function sweepBoth(
  scores: Float64Array,
  labels: { readonly yRecorded: Uint8Array; readonly yTrue: Uint8Array },
): SweepPair {
  return { yRecorded: sweepNamed(scores, labels.yRecorded, 'yRecorded'), yTrue: sweepNamed(scores, labels.yTrue, 'yTrue') };
}
