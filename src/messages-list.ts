/**
 * Texts of the list as it is circulated (issue 17): the `list` settings'
 * error lines, the words for the list's metrics and operating points, and
 * the report section's prose (src/report/list-section.ts). A sibling of
 * src/messages.ts, so tests compare against these functions.
 */
import { show } from './messages.js';
import type { ListMetricName } from './experiment/list/metrics.js';

/** Error lines of the `list` settings: each names the field. */
export const listMessages = {
  unknown: (field: string, name: string, known: readonly string[]) =>
    `${field} names ${show(name)}, which this experiment does not have; known: ${known.length ? known.join(', ') : 'none'}`,
  duplicate: (field: string, name: string) => `${field} must differ from one another; ${show(name)} appears twice`,
  notListRule: (field: string, name: string) =>
    `${field} must name a list rule (topK, topShare or threshold: a list drawn from the scores alone); got ${show(name)}`,
  noListPoint: (field: string, known: readonly string[]) =>
    `${field} needs an operating point that is a list rule (topK, topShare or threshold); this experiment has ${known.join(', ')}`,
};

/** What each list metric is (metrics.csv's metric column, snake_case there), for the data dictionary and the findings' {metric}. */
export const LIST_METRIC_DEFINITIONS: Readonly<Record<ListMetricName, { readonly words: string; readonly definition: string }>> = {
  topReasonFalse: { words: 'listed children whose top reason is a false record', definition: 'children on the list (in the group) whose largest reason is a record of something that is not true' },
  topReasonLeaked: {
    words: 'listed children whose top reason is a record made after a concern',
    definition: 'children on the list whose largest reason is a record created because a concern was already recorded (leakage)',
  },
  topReasonFalseShare: { words: 'share of the list whose top reason is a false record', definition: 'top_reason_false / children on the list with reasons (NaN: the model gives no reasons)' },
  topReasonLeakedShare: { words: 'share of the list whose top reason was made after a concern', definition: 'top_reason_leaked / children on the list with reasons' },
  topReasonFalseOrLeakedShare: {
    words: 'share of the list whose top reason is a false record or one made after a concern',
    definition: '(top_reason_false + top_reason_leaked) / children on the list with reasons',
  },
  anyReasonFalseOrLeakedShare: {
    words: 'share of the list with a false record or one made after a concern among its reasons',
    definition: 'children on the list with at least one reason (of those given) that is a false record or made after a concern / children on the list with reasons',
  },
  removed: { words: 'children the reviewer removed', definition: 'children on the list the reviewer removed (at a +review operating point)' },
  removedShare: { words: 'share of the list the reviewer removed', definition: 'removed / children on the list before review' },
  weeklyFlagged: { words: 'children on a week’s list', definition: 'mean over the year’s lists of the children on the list (at a +ever operating point)' },
  weeklyTp: { words: 'children with the outcome on a week’s list', definition: 'mean over the year’s lists of the children on the list with label 1' },
  weeklyPrecision: { words: 'weekly precision', definition: 'mean over the year’s lists of each list’s precision' },
  weeklyRecall: { words: 'weekly recall', definition: 'mean over the year’s lists of each list’s recall' },
  enteringPerList: { words: 'children joining the list each week', definition: 'mean over the year’s lists after the first of the children on it who were not on the one before' },
  leavingPerList: { words: 'children leaving the list each week', definition: 'mean over the year’s lists after the first of the children on the one before who are not on it' },
  weeksOnList: { words: 'weeks on the list', definition: 'mean, over the children ever on the list, of the weeks they spend on it (a list stands until the next)' },
  spellWeeks: { words: 'weeks a stay on the list lasts', definition: 'mean length in weeks of an unbroken stay on the list' },
};
