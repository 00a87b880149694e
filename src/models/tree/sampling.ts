import type { RandomSource } from '../../random/index.js';

/**
 * Seeded row and feature sampling for the tree ensembles. Every function
 * draws only from the source it is given.
 */

/**
 * Bootstrap as integer weights: `n` draws with replacement from `n` rows,
 * `counts[i]` = how often row i was drawn (about 36.8 % of rows get 0).
 * Returns the number of rows drawn at least once.
 *
 * @example
 * const counts = new Int32Array(5);
 * bootstrapCounts(random, counts); // e.g. [2, 0, 1, 1, 1]
 */
export function bootstrapCounts(random: RandomSource, counts: Int32Array): number {
  const n = counts.length;
  counts.fill(0);
  for (let k = 0; k < n; k++) counts[Math.floor(random.next() * n)]++;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (counts[i] > 0) distinct++;
  return distinct;
}

/**
 * Exactly `k` of the `n` items `items[0..n)`, chosen uniformly without
 * replacement, kept in their order: selection sampling (Knuth, TAOCP vol. 2,
 * §3.4.2, Algorithm S). Writes them to `out` and returns `k`.
 */
export function selectionSample(
  random: RandomSource,
  items: Int32Array,
  n: number,
  k: number,
  out: Int32Array,
): number {
  let chosen = 0;
  for (let t = 0; t < n && chosen < k; t++) {
    if ((n - t) * random.next() < k - chosen) out[chosen++] = items[t];
  }
  return chosen;
}

/** `k` of the features `0..d-1` without replacement, in ascending order. */
export function featureSample(random: RandomSource, d: number, k: number): Int32Array {
  const all = Int32Array.from({ length: d }, (_, j) => j);
  const out = new Int32Array(k);
  selectionSample(random, all, d, k, out);
  return out;
}

/**
 * A stratified held-out slice: `round(fraction · n₁)` of the rows with
 * yRecorded = 1 and `round(fraction · n₀)` of those with 0, chosen by
 * selection sampling. Returns both parts in ascending row order.
 */
export function stratifiedHoldout(
  random: RandomSource,
  yRecorded: Uint8Array,
  fraction: number,
): { readonly fit: Int32Array; readonly holdout: Int32Array } {
  const n = yRecorded.length;
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < n; i++) (yRecorded[i] === 1 ? positives : negatives).push(i);
  const chosen = new Uint8Array(n);
  for (const group of [positives, negatives]) {
    const items = Int32Array.from(group);
    const k = Math.round(fraction * items.length);
    const out = new Int32Array(k);
    selectionSample(random, items, items.length, k, out);
    for (const i of out) chosen[i] = 1;
  }
  let nHoldout = 0;
  for (let i = 0; i < n; i++) nHoldout += chosen[i];
  const fit = new Int32Array(n - nHoldout);
  const holdout = new Int32Array(nHoldout);
  let f = 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (chosen[i] === 1) holdout[h++] = i;
    else fit[f++] = i;
  }
  return { fit, holdout };
}
