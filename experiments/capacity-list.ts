/**
 * Capacity list.
 *
 * Question: a force area of about 350,000 children circulates a weekly list
 * of the top 1,000. How many on the list are truly at risk, how many children
 * at risk are not on it, and does the list fall evenly across groups?
 *
 * Sources: SOURCES.md — Avon and Somerset roughly 350,000 children; more
 * than 1,000 children identified as at heightened risk in June 2020; TRAP's
 * flags (IICSA H.7). The trap preset documents the rest.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

export default {
  name: 'capacity-list',
  question:
    'If a force area of 350,000 children lists its top 1,000 each week, how many on the list are truly at risk, how many at risk are left off, and who is on it?',
  sources: [
    'SOURCES.md: Avon and Somerset roughly 350,000 children (medium); more than 1,000 children at heightened risk in June 2020 (IICSA H.7)',
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
  operatingPoints: [{ rule: 'topK', value: 1000 }],
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
  ],
  headline:
    'A weekly list of the top {onList[logistic].op.value|count} of {onList[logistic].config.population.size|count} children, made by the {onList[logistic].model} model, holds about {onList[logistic]|count} children truly at risk, and {leftOff[logistic]|count} children at risk are not on it. The records {listGap|sign:flatter:understate:match} the list: they count {onListRecorded|count} of its {onList[logistic].op.value|count} as at risk.',
  brief: { model: 'logistic' },
  quick: { replicates: 2, size: 30000 },
} satisfies ExperimentInput;
