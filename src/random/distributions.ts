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
  return normalSource(source).next;
}

/** Normal draws from one stream, one at a time or an array at a time (see `normalSource`). */
export interface NormalSource {
  /** The next N(0, 1) draw. Safe to detach. */
  readonly next: () => number;
  /**
   * The next `count` draws into `out[0 … count)`: exactly what `count` calls
   * of `next()` would return (a pair's second normal carries over to the
   * next call either way), without a call per value. Returns `out`.
   */
  fill(out: Float64Array, count?: number): Float64Array;
}

/**
 * `normal(source)` as an object that can also fill an array — the same
 * sequence of values whichever way they are taken.
 *
 * Box–Muller: for uniforms u ∈ (0, 1) (a draw of exactly 0 is skipped) and
 * v, r = √(−2 ln u), θ = 2πv give r·cos θ, then r·sin θ.
 * Reference: G. E. P. Box and M. E. Muller (1958), Ann. Math. Statist. 29(2).
 *
 * @example
 * const z = normalSource(createRandom(1).fork('x'));
 * z.fill(new Float64Array(3)); // three N(0, 1) draws
 */
export function normalSource(source: RandomSource): NormalSource {
  const next = source.next;
  let spare = 0;
  let hasSpare = false;
  return {
    next: () => {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = next();
      while (u <= Number.MIN_VALUE) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * v;
      spare = r * Math.sin(theta);
      hasSpare = true;
      return r * Math.cos(theta);
    },
    fill(out, count = out.length) {
      let i = 0;
      if (hasSpare && count > 0) {
        out[i++] = spare;
        hasSpare = false;
      }
      while (i < count) {
        let u = next();
        while (u <= Number.MIN_VALUE) u = next();
        const v = next();
        const r = Math.sqrt(-2 * Math.log(u));
        const theta = 2 * Math.PI * v;
        out[i++] = r * Math.cos(theta);
        const second = r * Math.sin(theta);
        if (i < count) out[i++] = second;
        else {
          spare = second;
          hasSpare = true;
        }
      }
      return out;
    },
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
