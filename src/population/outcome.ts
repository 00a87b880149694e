import { RisklabError, messages } from '../messages.js';
import type { Scenario } from '../scenario/index.js';
import type { NormalSource } from '../random/index.js';
import type { Block } from './block.js';
import { CellCache, groupTable } from './groups.js';
import { logit, sigmoid } from './math.js';

export { COUNT_EFFECT_CAP } from './circumstances.js';

/**
 * Fewest children used to calibrate separability (the full cohort is used for
 * the base rate). Rare outcomes use more — enough for about 500 expected
 * cases — because the expected AUC then rests on few high-risk children.
 */
export const CALIBRATION_SAMPLE = 50_000;

/** Children the separability calibration uses: max(CALIBRATION_SAMPLE, 500 / baseRate), at most n. */
export function calibrationSampleSize(n: number, baseRate: number): number {
  return Math.min(n, Math.max(CALIBRATION_SAMPLE, Math.ceil(500 / baseRate)));
}

/**
 * The unscaled true-risk score of every child:
 * z = latentWeight·V + unobservedWeight·U + ageEffect·(age − ageMin)
 *     + groupEffects + Σ effect_k·min(x_k, 5),
 * with U ~ N(0, 1) child-level risk that no agency records (one normal per
 * child from the stream `outcome:unobserved`).
 *
 * Returns a function that starts the score of each child of a block in
 * `block.z[offset + i]` (everything but the circumstances' effects, which
 * each circumstance kernel adds as it draws: src/population/circumstances.ts,
 * in catalogue order). `unobserved` fills the block's U; `age` is the
 * chunk's age column.
 */
export function riskScoreStart(scenario: Scenario, unobserved: NormalSource): (block: Block, age: Uint8Array) => void {
  const o = scenario.outcome;
  const ageMin = scenario.population.ageMin;
  const table = groupTable(o.groupEffects, scenario.population.groups, 'sum');
  const shifts = table && new CellCache(table.count, (cell) => table.value(cell));
  return (block, age) => {
    const { m, offset, z, child, cells } = block;
    const u = unobserved.fill(block.u, m);
    for (let i = 0; i < m; i++) z[offset + i] = o.latentWeight * child[i] + o.unobservedWeight * u[i] + o.ageEffect * (age[offset + i] - ageMin);
    if (table && shifts) {
      table.cellsInto(cells, block.groups, offset, m);
      for (let i = 0; i < m; i++) z[offset + i] += shifts.get(cells[i]);
    }
  };
}

/** Bins of the histogram of scores the intercept is found on. */
const INTERCEPT_BINS = 4096;
/** Largest error of the histogram's mean(pTrue) for which no pass over the children checks it. */
const HISTOGRAM_ERROR = 1e-8;

/**
 * The intercept b with mean(sigmoid(b + s·z)) = baseRate over the first
 * `count` scores, so that the mean of pTrue matches to far better than 1e-6.
 *
 * b is found by Newton's method (the mean rises with b) on a 4,096-bin
 * histogram of z: each bin's mean of sigmoid is taken as
 * σ(b + s·μ) + ½·s²·var·σ″(b + s·μ) from its count, mean μ and variance —
 * a Taylor expansion whose remainder is at most (s·w)³/48 for bins of width
 * w (|σ‴| ≤ 1/8). When that bound exceeds 1e-8 (a very large scale or
 * spread of scores), Newton steps over every child follow until a step is
 * below 1e-7 (its own error is then of the order of its square); otherwise
 * the histogram's two passes over the children are all it costs. A finite
 * `start` skips the histogram and goes straight to the exact steps.
 *
 * @example
 * calibrateIntercept(Float64Array.from([0, 1, 2]), 1, 0.5); // b with mean sigmoid(b + z) = 0.5
 */
export function calibrateIntercept(
  z: Float64Array,
  scale: number,
  baseRate: number,
  count = z.length,
  start?: number,
): number {
  if (start !== undefined && Number.isFinite(start)) return exactIntercept(z, scale, baseRate, count, start);
  return interceptOnHistogram(scoreHistogram(z, count), z, scale, baseRate, count);
}

/** Newton steps over every child from `b` until a step is below 1e-7. */
function exactIntercept(z: Float64Array, scale: number, baseRate: number, count: number, b: number): number {
  for (let iter = 0; iter < 100; iter++) {
    let f = 0;
    let df = 0;
    for (let i = 0; i < count; i++) {
      const p = sigmoid(b + scale * z[i]);
      f += p;
      df += p * (1 - p);
    }
    const step = (f / count - baseRate) / (df / count);
    b -= Math.max(-5, Math.min(5, step));
    if (Math.abs(step) < 1e-7) break;
  }
  return b;
}

/** Count, mean and variance of the scores in each of INTERCEPT_BINS equal bins over their range. */
interface ScoreHistogram {
  readonly n: Float64Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  /** Bin width (0 when every score is the same). */
  readonly width: number;
  /** Mean of all scores. */
  readonly average: number;
}

function scoreHistogram(z: Float64Array, count: number): ScoreHistogram {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = z[i];
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
  }
  const k = hi > lo ? INTERCEPT_BINS : 1;
  const perBin = hi > lo ? k / (hi - lo) : 0;
  // Per bin: count, Σ(z − lo), Σ(z − lo)², side by side (one cache line a bin).
  const sums = new Float64Array(3 * k);
  for (let i = 0; i < count; i++) {
    const d = z[i] - lo;
    const j = 3 * Math.min(k - 1, (d * perBin) | 0);
    sums[j]++;
    sums[j + 1] += d;
    sums[j + 2] += d * d;
  }
  const n = new Float64Array(k);
  const mean = new Float64Array(k);
  const variance = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    n[j] = sums[3 * j];
    if (n[j] === 0) continue;
    const m = sums[3 * j + 1] / n[j];
    mean[j] = lo + m;
    variance[j] = Math.max(0, sums[3 * j + 2] / n[j] - m * m);
  }
  return { n, mean, variance, width: hi > lo ? (hi - lo) / k : 0, average: sum / count };
}

/** The intercept on a histogram (see `calibrateIntercept`), checked over the children when its error bound is too large. */
function interceptOnHistogram(h: ScoreHistogram, z: Float64Array, scale: number, baseRate: number, count: number, start = NaN): number {
  let b = Number.isFinite(start) ? start : logit(baseRate) - scale * h.average;
  const { n, mean, variance } = h;
  const half = (scale * scale) / 2;
  for (let iter = 0; iter < 100; iter++) {
    let f = 0;
    let df = 0;
    for (let j = 0; j < n.length; j++) {
      if (n[j] === 0) continue;
      const p = sigmoid(b + scale * mean[j]);
      const d1 = p * (1 - p);
      f += n[j] * (p + half * variance[j] * d1 * (1 - 2 * p));
      df += n[j] * d1;
    }
    const step = (f / count - baseRate) / (df / count);
    b -= Math.max(-5, Math.min(5, step));
    if (Math.abs(step) < 1e-10) break;
  }
  const sw = scale * h.width;
  return (sw * sw * sw) / 48 <= HISTOGRAM_ERROR ? b : exactIntercept(z, scale, baseRate, count, b);
}

/**
 * Expected AUC of scores z against outcomes drawn as Bernoulli(p): the
 * expected number of correctly ordered (positive, negative) pairs, ties
 * counting one half, over the expected number of such pairs (i ≠ j). `order`
 * sorts z ascending.
 */
export function expectedAuc(z: Float64Array, p: Float64Array, order: Uint32Array): number {
  let negBelow = 0;
  let num = 0;
  let sumP = 0;
  let sumQ = 0;
  let sumPQ = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let gp = 0;
    let gq = 0;
    let gpq = 0;
    while (j < order.length && z[order[j]] === z[order[i]]) {
      const pk = p[order[j]];
      gp += pk;
      gq += 1 - pk;
      gpq += pk * (1 - pk);
      j++;
    }
    num += gp * negBelow + 0.5 * (gp * gq - gpq);
    negBelow += gq;
    sumP += gp;
    sumQ += gq;
    sumPQ += gpq;
    i = j;
  }
  return num / (sumP * sumQ - sumPQ);
}

/**
 * `expectedAuc` for scores already sorted ascending, with p = sigmoid(b + s·z)
 * computed on the way (the same sums in the same order as `expectedAuc`
 * with the identity order).
 */
function expectedAucSorted(z: Float64Array, b: number, s: number): number {
  const n = z.length;
  let negBelow = 0;
  let num = 0;
  let sumP = 0;
  let sumQ = 0;
  let sumPQ = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let gp = 0;
    let gq = 0;
    let gpq = 0;
    const zi = z[i];
    while (j < n && z[j] === zi) {
      const pk = sigmoid(b + s * z[j]);
      gp += pk;
      gq += 1 - pk;
      gpq += pk * (1 - pk);
      j++;
    }
    num += gp * negBelow + 0.5 * (gp * gq - gpq);
    negBelow += gq;
    sumP += gp;
    sumQ += gq;
    sumPQ += gpq;
    i = j;
  }
  return num / (sumP * sumQ - sumPQ);
}

/** Width in log s at which `calibrateScale` stops, and its AUC tolerance. */
const LOG_SCALE_TOLERANCE = 1e-4;
const AUC_TOLERANCE = 1e-7;

/**
 * Find the scale s (separability) at which the expected oracle AUC of
 * pTrue = sigmoid(b(s) + s·z) equals `targetAuc`, over the first
 * `calibrationSampleSize` children, re-fitting b(s) at each step.
 *
 * The expected AUC rises with s, so the root is bracketed in
 * log s ∈ [ln 0.001, ln 20] and found by the Illinois variant of false
 * position (superlinear; about six evaluations instead of bisection's
 * seventeen), stopping when the AUC is within 1e-7 of the target or the
 * bracket is narrower than 1e-4 in log s. The sample is sorted and
 * histogrammed once; each evaluation finds b(s) on the histogram (see
 * `calibrateIntercept`) and takes one pass over the sample for the AUC.
 * Reference: M. Dowell and P. Jarratt (1971), "A modified regula falsi
 * method for computing the root of an equation", BIT 11.
 * Returns s and the sample's intercept at s.
 */
export function calibrateScale(z: Float64Array, baseRate: number, targetAuc: number): { scale: number; intercept: number } {
  const m = calibrationSampleSize(z.length, baseRate);
  const sorted = Float64Array.from(z.subarray(0, m)).sort();
  const histogram = scoreHistogram(sorted, m);
  let b = NaN;
  const excess = (x: number): { f: number; b: number } => {
    const s = Math.exp(x);
    b = interceptOnHistogram(histogram, sorted, s, baseRate, m, b);
    return { f: expectedAucSorted(sorted, b, s) - targetAuc, b };
  };
  let lo = Math.log(1e-3);
  let hi = Math.log(20);
  const top = excess(hi);
  if (top.f < 0) {
    throw new RisklabError(
      messages.invalid('outcome.oracleAuc', `at most ${(top.f + targetAuc).toFixed(3)} for this scenario (its risk factors cannot separate more)`, targetAuc),
      'outcome.oracleAuc',
    );
  }
  const bottom = excess(lo);
  if (bottom.f >= 0) return { scale: Math.exp(lo), intercept: bottom.b };
  let fLo = bottom.f;
  let fHi = top.f;
  let best = { x: hi, f: fHi, b: top.b };
  let side = 0; // which end stayed put last time (Illinois halves its value when it stays twice)
  for (let iter = 0; iter < 60 && hi - lo > LOG_SCALE_TOLERANCE; iter++) {
    const x = Math.min(hi, Math.max(lo, hi - (fHi * (hi - lo)) / (fHi - fLo)));
    const at = excess(x);
    if (Math.abs(at.f) < Math.abs(best.f)) best = { x, f: at.f, b: at.b };
    if (Math.abs(at.f) < AUC_TOLERANCE) break;
    if (at.f < 0) {
      lo = x;
      fLo = at.f;
      if (side === -1) fHi /= 2;
      side = -1;
    } else {
      hi = x;
      fHi = at.f;
      if (side === 1) fLo /= 2;
      side = 1;
    }
  }
  return { scale: Math.exp(best.x), intercept: best.b };
}
