import { uniformInt, type RandomSource } from '../random/index.js';
import { RisklabError, metricsMessages as m } from '../messages.js';
import { CompensatedSum } from './numeric.js';
import { checkFraction, checkLabels, checkWhole } from './validate.js';

/**
 * Uncertainty: Wilson intervals for one proportion, seeded bootstrap
 * percentile intervals for any metric, and across-replicate summaries.
 * Undefined values (NaN) never count as numbers: they are left out and counted.
 */

/**
 * The standard normal quantile Φ⁻¹(p), to about 1e-16 relative accuracy.
 * Returns -Infinity at 0, Infinity at 1, NaN outside [0, 1].
 *
 * Reference: Wichura (1988) "Algorithm AS 241: the percentage points of the
 * normal distribution", Applied Statistics 37:477–484 (PPND16).
 *
 * @example
 * normalQuantile(0.975); // 1.9599639845400536
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    z =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -z : z;
}

/** An estimate with an interval. */
export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson score interval for a proportion `successes / trials`: good coverage
 * even for small counts and proportions near 0 or 1, unlike the Wald
 * interval. All three values are NaN when `trials` is 0.
 *
 * Definition: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z = Φ⁻¹(1 − α/2).
 * Reference: Wilson (1927) JASA 22:209–212; Brown, Cai & DasGupta (2001)
 * Statistical Science 16:101–133; statsmodels `proportion_confint(method="wilson")`.
 *
 * @example
 * wilson(42, 100); // { estimate: 0.42, lower: 0.32798…, upper: 0.51793… }
 */
export function wilson(successes: number, trials: number, confidence = 0.95): Interval {
  checkWhole('trials', trials, 0);
  checkWhole('successes', successes, 0, trials);
  checkFraction('confidence', confidence, 0, 1, true);
  if (trials === 0) return { estimate: NaN, lower: NaN, upper: NaN };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The p-quantile of values sorted ascending, by linear interpolation between
 * order statistics (Hyndman & Fan type 7; numpy's default `percentile`).
 * NaN for an empty array.
 *
 * Reference: Hyndman & Fan (1996) The American Statistician 50:361–365.
 *
 * @example
 * quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5); // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The median of the defined values (NaN ones are left out), by `quantileSorted`
 * at 0.5 — the middle value, or the mean of the two middle values; NaN when
 * no value is defined.
 *
 * Reference: numpy `nanmedian`.
 *
 * @example
 * median([3, NaN, 1, 2]); // 2
 */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(definedSorted(values), 0.5);
}

/** The defined values (NaN ones left out) sorted ascending, in one typed array (no array in between: the lab summarises tens of thousands of points at the end of a run). */
function definedSorted(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  const sorted = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sorted[k++] = values[i];
  return sorted.sort();
}

/** Summary of one metric across replicates (seeds, bootstrap draws). */
export interface ReplicateSummary {
  /** Replicates with a defined value (NaN ones are left out). */
  readonly count: number;
  /** Replicates whose value was NaN (e.g. a draw with no positives). */
  readonly undefinedCount: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator); NaN for fewer than 2. */
  readonly sd: number;
  /** The (1 − confidence)/2 quantile: the 2.5% point by default. */
  readonly lower: number;
  /** The (1 + confidence)/2 quantile: the 97.5% point by default. */
  readonly upper: number;
  /** The median, as `median(values)` gives it. */
  readonly median: number;
}

/**
 * Mean, sd and the 2.5% and 97.5% points (type-7 quantiles) of a metric
 * across replicates, e.g. the same experiment run on many seeds. NaN values
 * are dropped and counted in `undefinedCount`.
 *
 * Reference: numpy `mean`, `std(ddof=1)`, `percentile` (linear).
 *
 * @example
 * summarizeReplicates([0.71, 0.74, 0.69, 0.73]).mean; // 0.7175
 */
export function summarizeReplicates(values: ArrayLike<number>, options: { confidence?: number } = {}): ReplicateSummary {
  const { confidence = 0.95 } = options;
  checkFraction('confidence', confidence, 0, 1, true);
  const sorted = definedSorted(values);
  const count = sorted.length;
  const sum = new CompensatedSum();
  for (const v of sorted) sum.add(v);
  const mean = count === 0 ? NaN : sum.value / count;
  const squares = new CompensatedSum();
  for (const v of sorted) squares.add((v - mean) * (v - mean));
  return {
    count,
    undefinedCount: values.length - count,
    mean,
    sd: count < 2 ? NaN : Math.sqrt(squares.value / (count - 1)),
    lower: quantileSorted(sorted, (1 - confidence) / 2),
    upper: quantileSorted(sorted, (1 + confidence) / 2),
    median: quantileSorted(sorted, 0.5),
  };
}

/** Options for a bootstrap. */
export interface BootstrapOptions {
  /** The seeded stream to draw from, e.g. `createRandom(seed).fork('bootstrap:auc')`. Required: no hidden seed. */
  readonly random: RandomSource;
  /** Number of resamples. Default 1000. */
  readonly replicates?: number;
  /** Interval coverage. Default 0.95. */
  readonly confidence?: number;
}

/** A bootstrap percentile interval, with the replicates it came from. */
export interface BootstrapInterval extends Interval {
  /** The statistic on each resample (NaN where undefined). */
  readonly replicates: Float64Array;
  /** Resamples whose statistic was NaN; they are left out of the percentiles. */
  readonly undefinedCount: number;
}

/**
 * Seeded bootstrap over rows: `statistic` receives a resample of row indices
 * (n draws with replacement, as an `Int32Array` reused between calls) and
 * returns a number; `rows = null` asks for the full-data estimate. The
 * interval is the percentile interval of the defined replicates. The same
 * source state gives the same interval.
 *
 * Reference: Efron & Tibshirani (1993) An Introduction to the Bootstrap, ch. 13.
 *
 * @example
 * bootstrapRows(n, (rows) => myStatistic(rows), { random: createRandom(1).fork('boot') });
 */
export function bootstrapRows(
  n: number,
  statistic: (rows: Int32Array | null) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const { random, replicates = 1000, confidence = 0.95 } = options;
  checkWhole('n', n, 0);
  checkWhole('replicates', replicates, 1);
  checkFraction('confidence', confidence, 0, 1, true);
  const rows = new Int32Array(n);
  const values = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < n; i++) rows[i] = uniformInt(random, n);
    values[r] = statistic(rows);
  }
  const summary = summarizeReplicates(values, { confidence });
  return {
    estimate: statistic(null),
    lower: summary.lower,
    upper: summary.upper,
    replicates: values,
    undefinedCount: summary.undefinedCount,
  };
}

/**
 * Seeded bootstrap percentile interval for any metric of (scores, labels):
 * each replicate resamples children with replacement and recomputes the
 * metric on the resample. Replicates where the metric is undefined (NaN, e.g.
 * a resample with no positives) are left out and counted.
 *
 * Reference: Efron & Tibshirani (1993) ch. 13 (percentile interval).
 *
 * @example
 * bootstrapMetric(scores, yTrue, rocAuc, { random: createRandom(7).fork('bootstrap:auc'), replicates: 500 });
 * // { estimate: 0.78, lower: 0.75, upper: 0.81, … }
 */
export function bootstrapMetric(
  scores: Float64Array,
  labels: Uint8Array,
  metric: (scores: Float64Array, labels: Uint8Array) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const n = scores.length;
  if (labels.length !== n) throw new RisklabError(m.lengthMismatch('labels', n, labels.length), 'labels');
  checkLabels(labels, n);
  const s = new Float64Array(n);
  const l = new Uint8Array(n);
  return bootstrapRows(
    n,
    (rows) => {
      if (rows === null) return metric(scores, labels);
      for (let i = 0; i < n; i++) {
        s[i] = scores[rows[i]];
        l[i] = labels[rows[i]];
      }
      return metric(s, l);
    },
    options,
  );
}
