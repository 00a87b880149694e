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
