import type { RandomSource } from '../random/index.js';

/**
 * Seeded sampling shared by the models. As everywhere in `src/models` (and
 * in `src/random/distributions.ts`), the random source is the FIRST argument
 * of a function that draws; each function draws only from the source it is
 * given.
 */

/**
 * Exactly `k` of the `n` items `items[0..n)`, chosen uniformly without
 * replacement, kept in their order: selection sampling (Knuth, TAOCP vol. 2,
 * §3.4.2, Algorithm S). Writes them to `out` and returns `k`.
 *
 * @example
 * const out = new Int32Array(2);
 * selectionSample(random, Int32Array.of(10, 11, 12, 13), 4, 2, out); // e.g. out = [11, 13]
 */
export function selectionSample(random: RandomSource, items: Int32Array, n: number, k: number, out: Int32Array): number {
  let chosen = 0;
  for (let t = 0; t < n && chosen < k; t++) {
    if ((n - t) * random.next() < k - chosen) out[chosen++] = items[t];
  }
  return chosen;
}

/**
 * The one stratified holdout of the models (boosting's early stopping, the
 * neural network's validation split): `round(fraction · n₁)` of the rows
 * with yRecorded = 1 and `round(fraction · n₀)` of those with 0 are held
 * out, each class by selection sampling, so the few positives are shared
 * fairly and the same stream always holds out the same rows. Returns both
 * parts in ascending row order.
 *
 * @example
 * const { fit, holdout } = stratifiedHoldout(random.fork('validation'), yRecorded, 0.1);
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
