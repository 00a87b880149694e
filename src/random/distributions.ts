import type { RandomSource } from './source.js';

/**
 * Distributions bound to a source, in the style of d3-random:
 * `normal(source)` returns a function that draws from N(0, 1) using `source`.
 */

/**
 * Standard normal draws by the Box–Muller transform (two uniforms give two
 * normals; the second is kept for the next call).
 *
 * @example
 * const z = normal(createRandom(1).fork('x'));
 * z(); // ≈ N(0, 1)
 */
export function normal(source: RandomSource): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    let u = source.next();
    while (u <= Number.MIN_VALUE) u = source.next();
    const v = source.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/**
 * Poisson draw with mean `mean` by sequential inversion from one uniform
 * (exact; cost grows with the mean, fine for the small counts the lab uses).
 * Means above 30 use a normal approximation rounded to the nearest count.
 */
export function poissonDraw(u: number, mean: number, z?: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 30 && z) return Math.max(0, Math.round(mean + Math.sqrt(mean) * z()));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Integer uniform in [0, n). */
export function uniformInt(source: RandomSource, n: number): number {
  return Math.floor(source.next() * n);
}

/** Fisher–Yates shuffle of an index array in place; returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(
  source: RandomSource,
  a: T,
): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(source.next() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** A random permutation of 0..n-1. */
export function permutation(source: RandomSource, n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return shuffleInPlace(source, a);
}

/**
 * Index drawn from a discrete distribution given cumulative weights
 * (`cumulative[last]` is the total; need not be 1).
 */
export function categoricalFromCumulative(u: number, cumulative: ArrayLike<number>): number {
  const target = u * cumulative[cumulative.length - 1];
  for (let i = 0; i < cumulative.length; i++) if (target < cumulative[i]) return i;
  return cumulative.length - 1;
}
