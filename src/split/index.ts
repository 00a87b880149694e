import { permutation, type RandomSource } from '../random/index.js';

/**
 * Ways to split children into the rows a model is fitted on and the rows it
 * is judged on. Indices refer to rows of one cohort's records.
 *
 * Children of one household always fall on the same side, so siblings'
 * shared family records cannot leak from training into testing.
 */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
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

function concat(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.sort();
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
