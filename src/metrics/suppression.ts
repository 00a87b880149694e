import { RisklabError, metricsMessages as m, suppressionMessages as s } from '../messages.js';
import type { ConfusionCounts } from './confusion.js';
import type { MetricName } from './groups.js';
import { checkWhole } from './validate.js';

/**
 * Small numbers: the one rule for when a rate is too thin to print.
 *
 * A rate is a share of some children — precision of those flagged, recall of
 * those with the outcome, the false-positive rate of those without it. When
 * fewer than `minCount` children stand behind it, one child more or less
 * moves it by a tenth or more, so the HTML and Markdown pages show it as
 * suppressed, with the reason, and the CSVs flag it (the raw counts stay in
 * the tidy file for researchers). A rate with no children behind it at all is
 * not defined (the metrics give NaN); it is reported the same way, with its
 * own reason, so "no children flagged" can never read as precision 1.00.
 *
 * Denominators, per metric (a metric resting on several shares is suppressed
 * when any of them is small):
 *
 * | metric | children behind it |
 * | --- | --- |
 * | precision, fdr | flagged (tp + fp) |
 * | flagsPerTrueCase | flagged cases found (tp) |
 * | recall, fnr, averagePrecision | with the outcome (tp + fn) |
 * | specificity, fpr | without the outcome (fp + tn) |
 * | npv, falseOmissionRate | not flagged (fn + tn) |
 * | f1 | flagged, and with the outcome |
 * | balancedAccuracy, auc | with the outcome, and without it |
 * | mcc | flagged, not flagged, with and without the outcome |
 * | accuracy, selectionRate, prevalence, brier | all (n) |
 *
 * The default threshold of 10 follows UK official-statistics practice for
 * small cells (ONS (2021) "Statistical disclosure control"; NHS Digital's
 * suppression of counts below 10 in published tables of rates). Pass the
 * median counts across replicates when judging a median; a median count in
 * the reason is rounded down (9.5 reads "only 9"), never up to the threshold.
 *
 * @example
 * suppression('precision', { tp: 2, fp: 1, fn: 40, tn: 900 }, 10);
 * // { suppressed: true, reason: "suppressed: only 3 children flagged (a rate needs at least 10)" }
 * suppression('recall', { tp: 2, fp: 1, fn: 40, tn: 900 }, 10); // { suppressed: false }
 * suppression('precision', { tp: 0, fp: 0, fn: 40, tn: 900 }, 10);
 * // { suppressed: true, reason: "not defined: no children flagged" }
 */
export function suppression(rate: SuppressibleMetric, counts: SuppressionCounts, minCount: number = DEFAULT_MIN_COUNT): Suppression {
  checkWhole('minCount', minCount, 0);
  const shares = DENOMINATORS[rate];
  if (!shares) throw new RisklabError(m.unknownMetric('suppression rate', String(rate), Object.keys(DENOMINATORS)), 'rate');
  const { tp, fp, fn, tn } = counts;
  const sizes: Record<Share, number> = { flagged: tp + fp, found: tp, positives: tp + fn, negatives: fp + tn, unflagged: fn + tn, all: tp + fp + fn + tn };
  for (const share of shares) {
    if (sizes[share] === 0) return { suppressed: true, reason: s.notDefined(s.share[share]) };
  }
  for (const share of shares) {
    if (sizes[share] < minCount) return { suppressed: true, reason: s.tooFew(s.share[share], Math.floor(sizes[share]), minCount) };
  }
  return { suppressed: false };
}

/** The verdict of `suppression`: whether to withhold the rate and, if so, why (a sentence from `suppressionMessages`). */
export interface Suppression {
  readonly suppressed: boolean;
  readonly reason?: string;
}

/** The four cells a rate is built from (an `EvaluationRow`, a `Confusion` or median counts all fit). */
export type SuppressionCounts = Pick<ConfusionCounts, 'tp' | 'fp' | 'fn' | 'tn'>;

/** Every metric a row can carry, plus the Brier score. */
export type SuppressibleMetric = MetricName | 'brier';

/** Suppress a rate resting on fewer children than this, unless an experiment sets `minCount`. */
export const DEFAULT_MIN_COUNT = 10;

/** The sets of children a rate can be a share of. */
export type Share = 'flagged' | 'found' | 'positives' | 'negatives' | 'unflagged' | 'all';

const DENOMINATORS: Readonly<Record<SuppressibleMetric, readonly Share[]>> = {
  precision: ['flagged'],
  fdr: ['flagged'],
  flagsPerTrueCase: ['found'],
  recall: ['positives'],
  fnr: ['positives'],
  averagePrecision: ['positives'],
  specificity: ['negatives'],
  fpr: ['negatives'],
  npv: ['unflagged'],
  falseOmissionRate: ['unflagged'],
  f1: ['flagged', 'positives'],
  balancedAccuracy: ['positives', 'negatives'],
  auc: ['positives', 'negatives'],
  mcc: ['flagged', 'unflagged', 'positives', 'negatives'],
  accuracy: ['all'],
  selectionRate: ['all'],
  prevalence: ['all'],
  brier: ['all'],
};

/**
 * A median count as a number of whole children: medians across an even
 * number of replicates can end in .5, and half a child is never printed.
 * Rounds to the nearest whole child, halves to the even neighbour (3940.5 →
 * 3940, 3941.5 → 3942), so that rounding neither inflates nor shrinks counts
 * on average (IEEE 754 round-half-to-even, as in R's and NumPy's round).
 *
 * @example
 * wholeChildren(3940.5); // 3940
 * wholeChildren(2.5);    // 2
 * wholeChildren(7);      // 7
 */
export function wholeChildren(count: number): number {
  if (!Number.isFinite(count)) return count;
  const floor = Math.floor(count);
  const rest = count - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
