import { suppression, type Suppression, type SuppressionCounts, type SuppressibleMetric } from '../../metrics/suppression.js';
/**
 * The list's own metrics (rows of metrics.csv beside the rates; their
 * meanings are in `LIST_METRIC_DEFINITIONS`, src/messages-list.ts):
 * - at the list's operating point, its reasons: `topReasonFalse`,
 *   `topReasonLeaked` (counts of children) and the shares;
 * - at a `+review:` point, what the reviewer removed;
 * - at a `+ever` point, the weekly lists: their mean size and hits, and
 *   their churn.
 */
export const LIST_METRIC_NAMES = [
  'topReasonFalse',
  'topReasonLeaked',
  'topReasonFalseShare',
  'topReasonLeakedShare',
  'topReasonFalseOrLeakedShare',
  'anyReasonFalseOrLeakedShare',
  'removed',
  'removedShare',
  'weeklyFlagged',
  'weeklyTp',
  'weeklyPrecision',
  'weeklyRecall',
  'enteringPerList',
  'leavingPerList',
  'weeksOnList',
  'spellWeeks',
] as const;

/** One of `LIST_METRIC_NAMES`. */
export type ListMetricName = (typeof LIST_METRIC_NAMES)[number];

/**
 * The children each list metric rests on, for small-number suppression
 * (src/metrics/suppression.ts): `flagged` — the children on the list in the
 * row's group (at a `+review` point, those left after review; at `+ever`,
 * those ever on it: a week's list is never larger); `positives` — those
 * with label 1; null — a count of children, never suppressed (the counts
 * stay, as the metrics' own counts do).
 */
export const LIST_METRIC_BASIS: Readonly<Record<ListMetricName, 'flagged' | 'positives' | null>> = {
  topReasonFalse: null,
  topReasonLeaked: null,
  topReasonFalseShare: 'flagged',
  topReasonLeakedShare: 'flagged',
  topReasonFalseOrLeakedShare: 'flagged',
  anyReasonFalseOrLeakedShare: 'flagged',
  removed: null,
  removedShare: 'flagged',
  weeklyFlagged: null,
  weeklyTp: null,
  weeklyPrecision: 'flagged',
  weeklyRecall: 'positives',
  enteringPerList: null,
  leavingPerList: null,
  weeksOnList: 'flagged',
  spellWeeks: 'flagged',
};

/** Whether `metric` is one of the list's own metrics. */
export const isListMetric = (metric: string): metric is ListMetricName => Object.hasOwn(LIST_METRIC_BASIS, metric);

/**
 * Small-number suppression of a list metric, by the one rule of
 * src/metrics/suppression.ts applied to the children it rests on
 * (`LIST_METRIC_BASIS`): a share of the listed children is judged as
 * precision is, a share of those with the outcome as recall is; counts are
 * never suppressed.
 *
 * @example
 * listSuppression('topReasonFalseOrLeakedShare', { tp: 3, fp: 2, fn: 40, tn: 900 }, 10).suppressed; // true: 5 listed
 */
export function listSuppression(metric: ListMetricName, counts: SuppressionCounts, minCount: number): Suppression {
  const basis = LIST_METRIC_BASIS[metric];
  if (basis === null) return { suppressed: false };
  return suppression(basis === 'flagged' ? 'precision' : 'recall', counts, minCount);
}

/** Small-number suppression of any metric a row can carry: the rates and Brier scores as src/metrics/suppression.ts has them, the list's own by `listSuppression`. */
export function anySuppression(metric: string, counts: SuppressionCounts, minCount: number): Suppression {
  return isListMetric(metric) ? listSuppression(metric, counts, minCount) : suppression(metric as SuppressibleMetric, counts, minCount);
}
