import { summarizeReplicates, type Sweep } from '../metrics/index.js';
import { normal, poissonDraw } from '../random/distributions.js';
import type { RandomSource } from '../random/index.js';

/**
 * Bootstrap intervals of the ranking metrics of an audit — ROC AUC and
 * average precision — by the same Poisson bootstrap as its rates (each
 * child's weight drawn from Poisson(1); `--bootstrap` replicates, `--seed`).
 *
 * A Poisson bootstrap of rows is, exactly, independent Poisson counts for
 * every block of rows: the positives and the negatives at each score value
 * get weights summing to Poisson(their count). So a replicate needs one
 * draw per (score value, label), not one per child. When a group has more
 * distinct scores than `maxBins` (default 1,000), neighbouring scores are
 * merged into bins of about equal size (a tie is never split), and the
 * interval is centred on the exact statistic: [θ + q₂.₅(θ*ᵦ) − θᵦ,
 * θ + q₉₇.₅(θ*ᵦ) − θᵦ], where θᵦ is the binned statistic on the file and θ*ᵦ
 * on a replicate. Merging only turns pairs inside one bin (about 1 in
 * `maxBins` of all pairs) into ties, so the spread is that of the exact
 * statistic to well within the bootstrap's own noise; with no merging the
 * interval is the plain percentile interval. Replicates with no positives
 * (or, for AUC, no negatives) are left out, as in `summarizeReplicates`.
 *
 * Cost: replicates × bins × 2 draws per group, whatever the file's size.
 *
 * Reference: Hanley & MacGibbon (2006) Computer Methods and Programs in
 * Biomedicine 83:57–62 (Poisson bootstrap); Efron & Tibshirani (1993) An
 * Introduction to the Bootstrap, ch. 13 (percentile interval) and ch. 14
 * (the centring used when binning).
 *
 * @example
 * rankingIntervals(sweep(scores, labels), 1000, createRandom(1).fork('ranking'), 0.95);
 * // { auc: [0.71, 0.75], averagePrecision: [0.18, 0.23] }
 */

/** Default largest number of bins per group. */
export const RANKING_BINS = 1000;

/** Positives and negatives per bin, highest scores first. */
export interface RankingBins {
  readonly positives: Float64Array;
  readonly negatives: Float64Array;
}

/** Merge a sweep's rows (one per distinct score) into at most `maxBins` bins of about equal size. */
export function rankingBins(s: Sweep, maxBins = RANKING_BINS): RankingBins {
  const rows = s.thresholds.length;
  if (rows <= maxBins) {
    const positives = new Float64Array(rows);
    const negatives = new Float64Array(rows);
    for (let i = 0; i < rows; i++) [positives[i], negatives[i]] = [s.tp[i] - (i > 0 ? s.tp[i - 1] : 0), s.fp[i] - (i > 0 ? s.fp[i - 1] : 0)];
    return { positives, negatives };
  }
  const positives: number[] = [];
  const negatives: number[] = [];
  const perBin = s.n / maxBins;
  let [tpBefore, fpBefore, edge] = [0, 0, perBin];
  for (let i = 0; i < rows; i++) {
    if (s.tp[i] + s.fp[i] < edge - 1e-9 && i < rows - 1) continue;
    positives.push(s.tp[i] - tpBefore);
    negatives.push(s.fp[i] - fpBefore);
    [tpBefore, fpBefore] = [s.tp[i], s.fp[i]];
    while (edge <= s.tp[i] + s.fp[i] + 1e-9) edge += perBin;
  }
  return { positives: Float64Array.from(positives), negatives: Float64Array.from(negatives) };
}

/** AUC (pairs in one bin count as half) and average precision of binned counts. */
export function binnedRanking(positives: ArrayLike<number>, negatives: ArrayLike<number>): { auc: number; averagePrecision: number } {
  let [tp, fp, area2, apSum] = [0, 0, 0, 0];
  for (let b = 0; b < positives.length; b++) {
    const tpPrev = tp;
    tp += positives[b];
    fp += negatives[b];
    area2 += negatives[b] * (tp + tpPrev);
    if (positives[b] > 0) apSum += (positives[b] * tp) / (tp + fp);
  }
  return { auc: tp === 0 || fp === 0 ? NaN : area2 / (2 * tp * fp), averagePrecision: tp === 0 ? NaN : apSum / tp };
}

/** Bootstrap intervals of a group's AUC and average precision (see the module doc). */
export function rankingIntervals(s: Sweep, replicates: number, random: RandomSource, confidence: number, maxBins = RANKING_BINS): { auc: [number, number]; averagePrecision: [number, number] } {
  const bins = rankingBins(s, maxBins);
  const onFile = binnedRanking(bins.positives, bins.negatives);
  const z = normal(random);
  const k = bins.positives.length;
  const [p, q] = [new Float64Array(k), new Float64Array(k)];
  const auc = new Float64Array(replicates);
  const ap = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    for (let b = 0; b < k; b++) {
      p[b] = poissonDraw(random.next(), bins.positives[b], z);
      q[b] = poissonDraw(random.next(), bins.negatives[b], z);
    }
    const x = binnedRanking(p, q);
    auc[r] = x.auc;
    ap[r] = x.averagePrecision;
  }
  const centred = (draws: Float64Array, exact: number, binned: number): [number, number] => {
    const t = summarizeReplicates(draws, { confidence });
    const clip = (v: number) => Math.min(1, Math.max(0, v));
    return [clip(exact + t.lower - binned), clip(exact + t.upper - binned)];
  };
  return { auc: centred(auc, s.auc, onFile.auc), averagePrecision: centred(ap, s.averagePrecision, onFile.averagePrecision) };
}
