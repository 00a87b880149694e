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

const ordinalWords = (n: number) => {
  const s = n.toLocaleString('en-GB');
  const last = n % 100;
  return `${s}${last >= 11 && last <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
};
const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const countWords = (n: number) => (n <= 20 ? SMALL[n] : n.toLocaleString('en-GB'));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const andList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** What a reason is in truth, in words (the marks of src/experiment/list/reasons.ts). */
export const MARK_WORDS = {
  true: 'true',
  false: 'FALSE RECORD: recorded, not true',
  leaked: 'MADE AFTER A CONCERN: recorded because a concern was already on file',
  missed: 'not recorded, though true',
} as const;

/** The report section showing the list (src/report/list-section.ts). */
export const listSectionMessages = {
  heading: 'The list as it is circulated',
  intro: (shown: number, size: number, model: string, op: string, places: readonly number[], cell: string | null) =>
    `${capital(shown === size ? `all ${countWords(size)}` : `${countWords(shown)} of the ${size.toLocaleString('en-GB')}`)} children on the ${model} model's list (${op})${cell ? ` in ${cell}` : ''}${
      shown === size ? '' : `, at evenly spaced places on it (${andList(places.map(ordinalWords))})`
    }, as a commissioner would be shown them: who, the score, and the reasons the model gives. The children are synthetic and the names made up.`,
  circulatedCaption: 'As circulated',
  revealedCaption: 'The same children, with the truth revealed',
  columns: {
    place: 'place',
    name: 'name (made up)',
    age: 'age',
    score: 'score',
    reasons: 'reasons given',
    checked: 'each reason, in truth',
    atRisk: 'truly at risk?',
    risk: 'true risk',
    review: (label: string) => `review: ${label}`,
  },
  yes: 'yes',
  no: 'no',
  confirmed: 'confirmed',
  removed: 'removed',
  noReasons: (why: string) => `no reasons available (${why})`,
  noneRaised: 'none: no recorded factor raised the score',
  scaleNote: (scale: string | null) =>
    scale === null
      ? 'This model gives no reasons, so none are shown: reasons it cannot stand behind are never invented.'
      : `Each reason is a recorded factor that raised the child's score, largest first, with its contribution on the model's own scale (${
          scale === 'points' ? 'points' : scale === 'logit' ? 'log-odds' : 'probability'
        }). list.csv holds the whole list, every reason and the truth beside it.`,
  tied: (onList: number, leftOff: number, total: number) =>
    `The last ${onList.toLocaleString('en-GB')} children on the list share their score with ${leftOff.toLocaleString('en-GB')} children who are not on it: ${
      onList + leftOff === total ? 'everyone shares one score' : 'the list takes those it has room for'
    } in the order of the file — nothing about the children decides who is listed among them.`,
  sharesHeading: 'Whose top reason is not true',
  sharesIntro: (model: string, replicates: number) =>
    `Of the children on the ${model} model's list, how many are there chiefly because of a false record, or of a record made after a concern was already recorded (median across ${replicates} replicate${replicates === 1 ? '' : 's'}; every group the scenario has).`,
  sharesColumns: ['group', 'children on the list', 'top reason a false record', 'top reason made after a concern', 'share false or made after a concern'],
  everyone: 'everyone',
  sharesWithheld: (reasons: readonly string[]) => `¹ Withheld: too few children on the list to give a share that one child more or less would not move a lot — ${reasons.join('; ')}.`,
};

/** What a reason is in truth, in a word or two (the brief's table). */
export const SHORT_MARK_WORDS = {
  true: 'true',
  false: 'FALSE record',
  leaked: 'made AFTER a concern',
  missed: 'not recorded, though true',
} as const;

/** The list's sample on the one-page brief (src/report/brief/experiment.ts). */
export const briefListMessages = {
  heading: 'The list as it is circulated, and the truth',
  caption: 'As circulated, then (shaded) the truth revealed',
  inTruth: 'each reason, in truth',
  atRisk: 'truly at risk?',
  yes: 'yes',
  no: 'no',
  noReasons: 'no reasons given',
  intro: (shown: number, size: number, model: string, places: readonly number[], reviewers: boolean) =>
    `${capital(countWords(shown))} of the ${size.toLocaleString('en-GB')} on the ${model} model's list (places ${andList(places.map((n) => n.toLocaleString('en-GB')))}; synthetic children, made-up names) as circulated, then, shaded, the truth. list.csv holds the whole list${
      reviewers ? '; the report, each reviewer’s decision' : ''
    }.`,
};
