/**
 * Capacity list.
 *
 * Question: a force area of about 350,000 children circulates a weekly list
 * of the top 1,000. How many on the list are truly at risk, how many children
 * at risk are not on it, and does the list fall evenly across groups? What
 * does the list itself look like — who is on it and the reasons it gives —
 * how does it change week by week, and what does a review with wider
 * information add?
 *
 * Sources: SOURCES.md — Avon and Somerset roughly 350,000 children; more
 * than 1,000 children identified as at heightened risk in June 2020; TRAP's
 * flags and its weekly list "which includes the reason why each subject has
 * been identified", reviewed "based on that score and other intelligence"
 * (IICSA H.7). The trap preset documents the rest.
 *
 * The list (issue 17): list sizes of 100, 1,000 (the headline) and 5,000;
 * list.csv holds the top 1,000 of each model with three reasons a child,
 * each marked against the truth. Four reviewers look at that list — one who
 * sees only the records, and three who find out the truth about each of a
 * child's circumstances with probability 0.5, 0.8 (the default, an
 * assumption) and 1. Week by week, the records of the year are written as
 * the defaults of `list.weekly` say (half carried over from earlier years,
 * the rest in a week of the year; records made after a concern 0–4 weeks
 * after it) and every list size is redrawn each week from models fitted
 * once.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const ISSUE = 'issue 17 §3: a reviewer without wider information re-scores the same records the list was drawn from';
const models = ['points', 'logistic'];

/** Precision of the list at size k, against the truth; and the share of all children truly at risk it ever reaches in a year of weekly lists. */
const bySize = (k: number) => [
  {
    id: `precision${k}`,
    claim: `logistic, a list of ${k.toLocaleString('en-GB')}: share of the list truly at risk (the last week's list)`,
    select: { model: 'logistic', label: 'yTrue' as const, metric: 'precision', operatingPoint: `topK=${k}` },
  },
  {
    id: `reach${k}`,
    claim: `logistic, a list of ${k.toLocaleString('en-GB')}: share of all children truly at risk on the list at least once in the year`,
    select: { model: 'logistic', label: 'yTrue' as const, metric: 'recall', operatingPoint: `topK=${k}+ever` },
  },
];

export default {
  name: 'capacity-list',
  question:
    'If a force area of 350,000 children lists its top 1,000 each week, how many on the list are truly at risk, how many at risk are left off, who is on it and why, and what do a review and the weeks change?',
  sources: [
    'SOURCES.md: Avon and Somerset roughly 350,000 children (medium); more than 1,000 children at heightened risk in June 2020 (IICSA H.7)',
    'IICSA H.7: TRAP circulates a weekly list with the reason each subject was identified; officers decide on the score and other intelligence; Bristol reviews risk levels with wider information',
    'trap preset: police flags of the kind listed for TRAP',
  ],
  seed: 2024,
  scenarios: [{ label: 'force area', preset: 'trap', overrides: { population: { size: 350000 }, cohorts: { count: 2 } } }],
  models: [
    { name: 'points', params: { mode: 'expert' } },
    { name: 'logistic' },
    { name: 'oracle' },
  ],
  split: { kind: 'cohort', train: 1, test: 2 },
  operatingPoints: [
    { rule: 'topK', value: 1000 },
    { rule: 'topK', value: 100 },
    { rule: 'topK', value: 5000 },
  ],
  list: {
    review: [
      { label: 'records only', accuracy: 0 },
      { label: 'accuracy 0.5', accuracy: 0.5 },
      { label: 'accuracy 0.8', accuracy: 0.8 },
      { label: 'accuracy 1', accuracy: 1 },
    ],
    weekly: {},
  },
  groupSummary: true,
  replicates: 10,
  criteria: ['precision ≥ 0.65'],
  findings: [
    {
      id: 'onList',
      claim: 'the {model} model: of the {op.value|count} on its list, children truly at risk',
      forEach: 'model',
      select: { model: ['points', 'logistic', 'oracle'], label: 'yTrue', metric: 'tp' },
    },
    {
      id: 'leftOff',
      claim: 'the {model} model: children truly at risk left off its list',
      forEach: 'model',
      select: { model: ['points', 'logistic', 'oracle'], label: 'yTrue', metric: 'fn' },
    },
    {
      id: 'onListRecorded',
      claim: 'the {model} model: of the {op.value|count} on its list, children recorded as at risk',
      select: { model: 'logistic', label: 'yRecorded', metric: 'tp' },
    },
    {
      id: 'listGap',
      claim: 'the {model} model: children on its list recorded as at risk minus those truly at risk',
      select: { model: 'logistic', metric: 'tp' },
      derive: { kind: 'difference', of: { label: 'yRecorded' }, minus: { label: 'yTrue' } },
    },
    {
      id: 'untrueTop',
      claim: '{model}: share of the list whose top reason is a false record or one made after a concern',
      forEach: 'model',
      select: { model: models, label: 'yTrue', metric: 'topReasonFalseOrLeakedShare' },
    },
    {
      id: 'untrueTopGap',
      claim: '{model}: that share for black children minus white children (black children\'s police records are falsely made twice as often in the trap preset)',
      forEach: 'model',
      select: { model: models, label: 'yTrue', metric: 'topReasonFalseOrLeakedShare', attribute: 'ethnicity' },
      derive: { kind: 'difference', of: { group: 'black' }, minus: { group: 'white' } },
    },
    {
      id: 'reviewRecords',
      claim: '{model}: precision against the truth after a review that sees only the records, minus before',
      forEach: 'model',
      select: { model: models, label: 'yTrue', metric: 'precision' },
      derive: { kind: 'difference', of: { operatingPoint: 'topK=1000+review:records only' }, minus: { operatingPoint: 'topK=1000' } },
      band: { min: 0, max: 0, source: ISSUE },
    },
    {
      id: 'reviewWider',
      claim: '{model}: precision against the truth after a review with wider information (accuracy 0.8), minus before',
      forEach: 'model',
      select: { model: models, label: 'yTrue', metric: 'precision' },
      derive: { kind: 'difference', of: { operatingPoint: 'topK=1000+review:accuracy 0.8' }, minus: { operatingPoint: 'topK=1000' } },
    },
    {
      id: 'reviewMissed',
      claim: '{model}: children truly at risk the review with wider information (accuracy 0.8) removed',
      forEach: 'model',
      select: { model: models, label: 'yTrue', metric: 'tp' },
      derive: { kind: 'difference', of: { operatingPoint: 'topK=1000' }, minus: { operatingPoint: 'topK=1000+review:accuracy 0.8' } },
    },
    ...[0.5, 0.8, 1].map((a) => ({
      id: `removedGap${String(a).replace('.', '')}`,
      claim: `points, review at accuracy ${a}: share of black children removed minus share of white children removed`,
      select: { model: 'points', label: 'yTrue' as const, metric: 'removedShare', attribute: 'ethnicity', operatingPoint: `topK=1000+review:accuracy ${a}` },
      derive: { kind: 'difference' as const, of: { group: 'black' }, minus: { group: 'white' } },
    })),
    ...bySize(100),
    ...bySize(1000),
    ...bySize(5000),
    {
      id: 'weeklyAtRisk',
      claim: 'logistic, a list of 1,000: children truly at risk on any given week\'s list (mean over the year\'s 52 lists)',
      select: { model: 'logistic', label: 'yTrue', metric: 'weeklyTp', operatingPoint: 'topK=1000+ever' },
    },
    {
      id: 'everAtRisk',
      claim: 'logistic, a list of 1,000: different children truly at risk on the list at least once in the year',
      select: { model: 'logistic', label: 'yTrue', metric: 'tp', operatingPoint: 'topK=1000+ever' },
    },
    {
      id: 'everListed',
      claim: 'logistic, a list of 1,000: different children on the list at least once in the year',
      select: { model: 'logistic', label: 'yTrue', metric: 'flagged', operatingPoint: 'topK=1000+ever' },
    },
    {
      id: 'entering',
      claim: 'logistic, a list of 1,000: children joining the list each week (as many leave)',
      select: { model: 'logistic', label: 'yTrue', metric: 'enteringPerList', operatingPoint: 'topK=1000+ever' },
    },
    {
      id: 'weeksOn',
      claim: 'logistic, a list of 1,000: weeks a child ever on the list spends on it (mean)',
      select: { model: 'logistic', label: 'yTrue', metric: 'weeksOnList', operatingPoint: 'topK=1000+ever' },
    },
  ],
  headline:
    'A weekly list of the top {onList[logistic].op.value|count} of {onList[logistic].config.population.size|count} children, made by the {onList[logistic].model} model, holds about {onList[logistic]|count} children truly at risk, and {leftOff[logistic]|count} children at risk are not on it. The records {listGap|sign:flatter:understate:match} the list: they count {onListRecorded|count} of its {onList[logistic].op.value|count} as at risk. Over a year its weekly lists reach {everAtRisk|count} different children truly at risk, about {weeklyAtRisk|round} on any one week.',
  brief: { model: 'logistic' },
  quick: { replicates: 2, size: 30000 },
} satisfies ExperimentInput;
