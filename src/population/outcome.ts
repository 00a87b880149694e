import { RisklabError, messages } from '../messages.js';
import type { Scenario } from '../scenario/index.js';
import { groupMultiplier } from './groups.js';
import { logit, sigmoid } from './math.js';
import type { GroupColumn } from './types.js';

/** Counts enter the true risk capped at this many (a tenth missing episode adds little). */
export const COUNT_EFFECT_CAP = 5;
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
 * z = Σ effect_k·min(x_k, 5) + latentWeight·V + unobservedWeight·U
 *     + groupEffects + ageEffect·(age − ageMin),
 * with U ~ N(0, 1) child-level risk that no agency records (`u` draws it:
 * one normal per child from the stream `outcome:unobserved`). Writes into `z`.
 */
export function riskScoreInto(
  z: Float64Array,
  scenario: Scenario,
  truth: readonly Uint8Array[],
  latentChild: Float64Array,
  age: Uint8Array,
  groups: readonly GroupColumn[],
  u: () => number,
): void {
  const n = age.length;
  const o = scenario.outcome;
  const shifts = groupMultiplier(o.groupEffects, groups, n, 'sum');
  for (let i = 0; i < n; i++) {
    z[i] = o.latentWeight * latentChild[i] + o.unobservedWeight * u() + o.ageEffect * (age[i] - scenario.population.ageMin);
    if (shifts) z[i] += shifts[i];
  }
  const effect = new Float64Array(256);
  scenario.circumstances.forEach((c, k) => {
    if (c.effect === 0) return;
    // effect[x] = effect·min(x, cap), 0 for x = 0 (adding 0 leaves z exactly as it is).
    for (let x = 1; x < 256; x++) effect[x] = c.effect * Math.min(x, COUNT_EFFECT_CAP);
    const x = truth[k];
    for (let i = 0; i < n; i++) z[i] += effect[x[i]];
  });
}

/**
 * The intercept b with mean(sigmoid(b + s·z)) = baseRate, by Newton's method
 * (the mean is increasing and convex-concave in b; converges to 1e-12 in a
 * handful of steps).
 */
export function calibrateIntercept(
  z: Float64Array,
  scale: number,
  baseRate: number,
  count = z.length,
  start?: number,
): number {
  let b = start ?? NaN;
  if (!Number.isFinite(b)) {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += z[i];
    b = logit(baseRate) - (scale * mean) / count;
  }
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
    if (Math.abs(step) < 1e-12) break;
  }
  return b;
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
 * Find the scale s (separability) at which the expected oracle AUC of
 * pTrue = sigmoid(b(s) + s·z) equals `targetAuc`, by bisection on log s over
 * the first `calibrationSampleSize` children, re-fitting b(s) at each step.
 * Returns s and the sample's intercept (a starting point for the full cohort).
 */
export function calibrateScale(z: Float64Array, baseRate: number, targetAuc: number): { scale: number; intercept: number } {
  const m = calibrationSampleSize(z.length, baseRate);
  const sample = z.subarray(0, m);
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => sample[a] - sample[b]);
  const p = new Float64Array(m);
  let b = NaN;
  const aucAt = (s: number): number => {
    b = calibrateIntercept(sample, s, baseRate, m, b);
    for (let i = 0; i < m; i++) p[i] = sigmoid(b + s * sample[i]);
    return expectedAuc(sample, p, order);
  };
  let lo = Math.log(1e-3);
  let hi = Math.log(20);
  const best = aucAt(Math.exp(hi));
  if (best < targetAuc) {
    throw new RisklabError(
      messages.invalid('outcome.oracleAuc', `at most ${best.toFixed(3)} for this scenario (its risk factors cannot separate more)`, targetAuc),
      'outcome.oracleAuc',
    );
  }
  for (let iter = 0; iter < 40; iter++) {
    const mid = (lo + hi) / 2;
    if (aucAt(Math.exp(mid)) < targetAuc) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-4) break;
  }
  const scale = Math.exp((lo + hi) / 2);
  aucAt(scale);
  return { scale, intercept: b };
}
