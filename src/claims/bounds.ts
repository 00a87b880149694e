/**
 * What the records cannot show: the range of *true* precision and recall
 * consistent with an observed table judged against records, under stated
 * assumptions. Bounds under assumptions, not estimates.
 *
 * Observed at one cut, for a group of children (or everyone): TPr flagged
 * and recorded, FPr flagged and not recorded, FNr recorded and not flagged,
 * TNr neither; F = TPr + FPr flagged, Rr = TPr + FNr recorded cases.
 *
 * Assumptions:
 * - **detection d ∈ (0, 1]**: the share of true cases that get recorded;
 * - **contact share c ∈ [0, 1)**: the share of recorded cases that are not
 *   true cases but were created by contact with services (a concern logged
 *   because the child was already known, a label that mirrors attention).
 *
 * Then C = c·Rr recorded cases are not true; Rt = (1 − c)·Rr recorded cases
 * are; there are T = Rt / d true cases in all, U = T − Rt of them never
 * recorded. Where these sit is what the records cannot show:
 * - of the C false records, x are on the list: max(0, C − FNr) ≤ x ≤ min(TPr, C);
 * - of the U unrecorded true cases, y are on the list (among the FPr flagged
 *   children with no record): max(0, U − TNr) ≤ y ≤ min(FPr, U).
 * True positives on the list: TPt = TPr − x + y, so
 *
 *   TPt ∈ [TPr − min(TPr, C) + max(0, U − TNr),  TPr − max(0, C − FNr) + min(FPr, U)],
 *   true precision = TPt / F,   true recall = TPt / T,   true base rate = T / n.
 *
 * The assumptions are impossible when U > FPr + TNr (more unrecorded cases
 * than children without a record). Every (x, y) in the ranges above is a
 * possible arrangement, so the bounds are attained: they are the exact
 * range, not a loose one. With d = 1 and c = 0, both collapse to the
 * observed precision and recall. Groups are independent given their own
 * detection, so bounds for everyone are the sums of each group's TPt bounds
 * (over the groups that carry the detection assumption).
 *
 * Numbers of children implied by the assumptions (C, U) are expected
 * numbers and need not be whole.
 *
 * Reference: the partial-identification bounds of Manski (2003), Partial
 * Identification of Probability Distributions, ch. 1 (bounds from what the
 * data cannot reveal, attained by the extreme arrangements).
 */

/** Observed counts at one cut, against records. */
export interface ObservedTable {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** The assumptions of one row of the sensitivity table. */
export interface Assumption {
  /** Detection: share of true cases recorded, in (0, 1]. */
  readonly detection: number;
  /** Share of recorded cases created by contact with services, in [0, 1). */
  readonly contactShare: number;
}

/** True-label bounds under an assumption. */
export interface TruthBounds {
  readonly possible: boolean;
  /** Bounds on true positives on the list. */
  readonly tpLo: number;
  readonly tpHi: number;
  /** True cases implied (T). */
  readonly trueCases: number;
  readonly flagged: number;
  readonly n: number;
  readonly precisionLo: number;
  readonly precisionHi: number;
  readonly recallLo: number;
  readonly recallHi: number;
  readonly baseRate: number;
}

/** Bounds on true positives for one group's table (see the module note). */
export function truePositiveBounds(t: ObservedTable, a: Assumption): { possible: boolean; lo: number; hi: number; trueCases: number } {
  const recorded = t.tp + t.fn;
  const falseRecords = a.contactShare * recorded;
  const trueRecorded = recorded - falseRecords;
  const trueCases = trueRecorded / a.detection;
  const unrecorded = trueCases - trueRecorded;
  const possible = unrecorded <= t.fp + t.tn + 1e-9;
  const lo = t.tp - Math.min(t.tp, falseRecords) + Math.max(0, unrecorded - t.tn);
  const hi = t.tp - Math.max(0, falseRecords - t.fn) + Math.min(t.fp, unrecorded);
  return { possible, lo, hi, trueCases };
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

/**
 * Bounds for a set of groups, each with its own assumption (one group:
 * bounds for that group; every group of an attribute: bounds for everyone).
 *
 * @example
 * truthBounds([{ table: { tp: 40, fp: 60, fn: 10, tn: 890 }, assumption: { detection: 0.5, contactShare: 0 } }]);
 * // precision 0.40–0.90, recall 0.40–0.90: 50 unrecorded true cases may or may not be among the 60 flagged without a record
 */
export function truthBounds(parts: readonly { readonly table: ObservedTable; readonly assumption: Assumption }[]): TruthBounds {
  let lo = 0;
  let hi = 0;
  let trueCases = 0;
  let flagged = 0;
  let n = 0;
  let possible = true;
  for (const { table, assumption } of parts) {
    const b = truePositiveBounds(table, assumption);
    possible &&= b.possible;
    lo += b.lo;
    hi += b.hi;
    trueCases += b.trueCases;
    flagged += table.tp + table.fp;
    n += table.tp + table.fp + table.fn + table.tn;
  }
  return {
    possible,
    tpLo: lo,
    tpHi: hi,
    trueCases,
    flagged,
    n,
    precisionLo: possible ? ratio(lo, flagged) : NaN,
    precisionHi: possible ? ratio(hi, flagged) : NaN,
    recallLo: possible ? ratio(lo, trueCases) : NaN,
    recallHi: possible ? ratio(hi, trueCases) : NaN,
    baseRate: possible ? ratio(trueCases, n) : NaN,
  };
}
