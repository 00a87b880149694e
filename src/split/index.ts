import { permutation, type RandomSource } from '../random/index.js';

/**
 * Ways to split children into the rows a model is fitted on and the rows it
 * is judged on, as folds: a holdout or a cohort split is one fold, k-fold is
 * k folds, and one scoring loop serves them all (fit on `train`, score
 * `test`). Indices refer to rows of one cohort's records: the training
 * cohort's for `train`, the test cohort's for `test` (the same cohort except
 * for a cohort split).
 *
 * Children of one household always fall on the same side, so siblings'
 * shared family records cannot leak from training into testing.
 */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** How to split (the experiment file's `split`; every field's default is in src/experiment/schema.ts). */
export type SplitSpec =
  /** Random holdout by household within cohort 1. */
  | { readonly kind: 'holdout'; readonly testShare: number }
  /** k folds by household within cohort 1: out-of-fold scores for every child. */
  | { readonly kind: 'kfold'; readonly k: number }
  /** Train on one whole cohort, test on a later one (out of time). */
  | { readonly kind: 'cohort'; readonly train: number; readonly test: number }
  /** Fit on every child of cohort 1 and score them all (in sample: a council scoring its own database). */
  | { readonly kind: 'all' };

/** A split ready to use: which cohorts, the folds, and the test rows in the order scores are kept. */
export interface SplitPlan {
  readonly kind: SplitSpec['kind'];
  /** The cohort (1-based) models are fitted on, and the one they are judged on. */
  readonly trainCohort: number;
  readonly testCohort: number;
  readonly folds: readonly Fold[];
  /** Every fold's test rows, ascending: the test set, one score per row. */
  readonly testRows: Int32Array;
  /** "test" (one held-out set), "out-of-fold" (k-fold: each child scored by the model that did not see it) or "in-sample" (every child, by the model fitted on them all). */
  readonly scoreKind: 'test' | 'out-of-fold' | 'in-sample';
}

/** The cohorts a split needs: the training cohort, then the test cohort (the same one unless the split is by cohort). */
export function splitCohorts(spec: SplitSpec): { train: number; test: number } {
  return spec.kind === 'cohort' ? { train: spec.train, test: spec.test } : { train: 1, test: 1 };
}

/**
 * Turn a split spec into folds over the training cohort's households (and,
 * for a cohort split, the test cohort's size). Draws only from `source`.
 *
 * @example
 * const plan = planSplit({ kind: 'kfold', k: 5 }, records.household, records.size, random.fork('split'));
 * plan.folds.length; // 5
 */
export function planSplit(spec: SplitSpec, trainHousehold: Int32Array, testSize: number, source: RandomSource): SplitPlan {
  const cohorts = splitCohorts(spec);
  const base = { kind: spec.kind, trainCohort: cohorts.train, testCohort: cohorts.test };
  if (spec.kind === 'cohort') {
    const fold = { train: allRows(trainHousehold.length), test: allRows(testSize) };
    return { ...base, folds: [fold], testRows: fold.test, scoreKind: 'test' };
  }
  if (spec.kind === 'all') {
    const rows = allRows(trainHousehold.length);
    return { ...base, folds: [{ train: rows, test: rows }], testRows: rows, scoreKind: 'in-sample' };
  }
  if (spec.kind === 'holdout') {
    const fold = holdout(trainHousehold, spec.testShare, source);
    return { ...base, folds: [fold], testRows: fold.test, scoreKind: 'test' };
  }
  return { ...base, folds: kFold(trainHousehold, spec.k, source), testRows: allRows(trainHousehold.length), scoreKind: 'out-of-fold' };
}

/**
 * Rows grouped by household, as flat arrays: `groupOf[i]` is row i's
 * household in order of first appearance (0, 1, …), `size[g]` its children,
 * and `order` a seeded random order of the households (`permutation`, the
 * split's one draw). No array per household: a split only needs to know
 * which side each household falls on.
 */
interface Households {
  readonly groupOf: Int32Array;
  readonly size: Int32Array;
  readonly order: Int32Array;
}

/** Group rows by household, in a seeded random household order. */
function shuffledHouseholds(household: Int32Array, source: RandomSource): Households {
  const n = household.length;
  const groupOf = new Int32Array(n);
  let min = 0;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const h = household[i];
    if (h > max) max = h;
    if (h < min) min = h;
  }
  let groups = 0;
  if (min >= 0 && max < 4 * n + 1024) {
    // Household ids are small non-negative integers (as the population draws them): a lookup table.
    const first = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const h = household[i];
      if (first[h] < 0) first[h] = groups++;
      groupOf[i] = first[h];
    }
  } else {
    const first = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let g = first.get(household[i]);
      if (g === undefined) first.set(household[i], (g = groups++));
      groupOf[i] = g;
    }
  }
  const size = new Int32Array(groups);
  for (let i = 0; i < n; i++) size[groupOf[i]]++;
  return { groupOf, size, order: permutation(source, groups) };
}

/** The rows whose household's part is `part` (or, with `not`, is not), ascending. */
function rowsOf(h: Households, partOf: Int32Array, part: number, not = false): Int32Array {
  const { groupOf } = h;
  let count = 0;
  for (let i = 0; i < groupOf.length; i++) if ((partOf[groupOf[i]] === part) !== not) count++;
  const out = new Int32Array(count);
  let o = 0;
  for (let i = 0; i < groupOf.length; i++) if ((partOf[groupOf[i]] === part) !== not) out[o++] = i;
  return out;
}

/**
 * Random holdout by household: about `testShare` of children in the test set.
 * Households are taken in the shuffled order into the test set until it holds
 * `round(testShare · n)` children or more; the rest train. Each side's rows
 * are ascending.
 *
 * @example
 * const { train, test } = holdout(records.household, 0.3, random.fork('split'));
 */
export function holdout(household: Int32Array, testShare: number, source: RandomSource): Fold {
  const h = shuffledHouseholds(household, source);
  const target = Math.round(testShare * household.length);
  const side = new Int32Array(h.size.length); // 1: test, 0: train
  let taken = 0;
  for (const g of h.order) {
    if (taken < target) {
      side[g] = 1;
      taken += h.size[g];
    }
  }
  return { train: rowsOf(h, side, 0), test: rowsOf(h, side, 1) };
}

/**
 * k folds by household: every child is in exactly one test fold; out-of-fold
 * scores from the k fits cover every child once. Households go, in the
 * shuffled order, to the fold with the fewest children so far (ties to the
 * lowest index); each fold's rows are ascending.
 */
export function kFold(household: Int32Array, k: number, source: RandomSource): Fold[] {
  const h = shuffledHouseholds(household, source);
  const foldOf = new Int32Array(h.size.length);
  const sizes = new Array<number>(k).fill(0);
  for (const g of h.order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (sizes[f] < sizes[best]) best = f;
    foldOf[g] = best;
    sizes[best] += h.size[g];
  }
  return Array.from({ length: k }, (_, f) => ({ test: rowsOf(h, foldOf, f), train: rowsOf(h, foldOf, f, true) }));
}

/** All rows 0..n−1 (a whole cohort as the training or test set). */
export function allRows(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
