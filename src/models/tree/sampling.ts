import { uniformInt, type RandomSource } from '../../random/index.js';
import { selectionSample } from '../sampling.js';

/**
 * Seeded row and feature sampling for the tree ensembles (the random source
 * first, as everywhere in `src/models`). Every function draws only from the
 * source it is given.
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
  for (let k = 0; k < n; k++) counts[uniformInt(random, n)]++;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (counts[i] > 0) distinct++;
  return distinct;
}

/** `k` of the features `0..d-1` without replacement, in ascending order. */
export function featureSample(random: RandomSource, d: number, k: number): Int32Array {
  const all = Int32Array.from({ length: d }, (_, j) => j);
  const out = new Int32Array(k);
  selectionSample(random, all, d, k, out);
  return out;
}
