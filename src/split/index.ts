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
  | { readonly kind: 'cohort'; readonly train: number; readonly test: number };

/** A split ready to use: which cohorts, the folds, and the test rows in the order scores are kept. */
export interface SplitPlan {
  readonly kind: SplitSpec['kind'];
  /** The cohort (1-based) models are fitted on, and the one they are judged on. */
  readonly trainCohort: number;
  readonly testCohort: number;
  readonly folds: readonly Fold[];
  /** Every fold's test rows, ascending: the test set, one score per row. */
  readonly testRows: Int32Array;
  /** "test" (one held-out set) or "out-of-fold" (k-fold: each child scored by the model that did not see it). */
  readonly scoreKind: 'test' | 'out-of-fold';
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
  if (spec.kind === 'holdout') {
    const fold = holdout(trainHousehold, spec.testShare, source);
    return { ...base, folds: [fold], testRows: fold.test, scoreKind: 'test' };
  }
  return { ...base, folds: kFold(trainHousehold, spec.k, source), testRows: allRows(trainHousehold.length), scoreKind: 'out-of-fold' };
}

/** Group rows by household, in a seeded random household order. */
function shuffledHouseholds(household: Int32Array, source: RandomSource): Int32Array[] {
  const byHousehold = new Map<number, number[]>();
  for (let i = 0; i < household.length; i++) {
    const list = byHousehold.get(household[i]);
    if (list) list.push(i);
    else byHousehold.set(household[i], [i]);
  }
  const groups = [...byHousehold.values()].map((rows) => Int32Array.from(rows));
  const order = permutation(source, groups.length);
  return Array.from(order, (g) => groups[g]);
}

/** The rows of every part (distinct row numbers), ascending: marked in a bitmap and read back in order, faster than sorting. */
function concat(parts: Int32Array[]): Int32Array {
  let total = 0;
  let max = -1;
  for (const p of parts) {
    total += p.length;
    for (let i = 0; i < p.length; i++) if (p[i] > max) max = p[i];
  }
  const seen = new Uint8Array(max + 1);
  for (const p of parts) for (let i = 0; i < p.length; i++) seen[p[i]] = 1;
  const out = new Int32Array(total);
  let o = 0;
  for (let r = 0; r <= max; r++) if (seen[r] === 1) out[o++] = r;
  // Rows are distinct (each child is in one household); were one repeated, sort as before.
  if (o !== total) {
    o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out.sort();
  }
  return out;
}

/**
 * Random holdout by household: about `testShare` of children in the test set.
 *
 * @example
 * const { train, test } = holdout(records.household, 0.3, random.fork('split'));
 */
export function holdout(household: Int32Array, testShare: number, source: RandomSource): Fold {
  const groups = shuffledHouseholds(household, source);
  const target = Math.round(testShare * household.length);
  const test: Int32Array[] = [];
  const train: Int32Array[] = [];
  let taken = 0;
  for (const g of groups) {
    if (taken < target) {
      test.push(g);
      taken += g.length;
    } else train.push(g);
  }
  return { train: concat(train), test: concat(test) };
}

/**
 * k folds by household: every child is in exactly one test fold; out-of-fold
 * scores from the k fits cover every child once.
 */
export function kFold(household: Int32Array, k: number, source: RandomSource): Fold[] {
  const groups = shuffledHouseholds(household, source);
  const parts: Int32Array[][] = Array.from({ length: k }, () => []);
  const sizes = new Array<number>(k).fill(0);
  for (const g of groups) {
    // Greedy: next household to the smallest fold, ties to the lowest index.
    let best = 0;
    for (let f = 1; f < k; f++) if (sizes[f] < sizes[best]) best = f;
    parts[best].push(g);
    sizes[best] += g.length;
  }
  return parts.map((_, f) => ({
    test: concat(parts[f]),
    train: concat(parts.filter((__, j) => j !== f).flat()),
  }));
}

/** All rows 0..n−1 (a whole cohort as the training or test set). */
export function allRows(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
