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
      claim: '{model}: of the {op.value|count} on the list, children truly at risk',
      forEach: 'model',
      select: { model: ['points', 'logistic', 'oracle'], label: 'yTrue', metric: 'tp' },
    },
    {
      id: 'leftOff',
      claim: '{model}: children truly at risk left off the list',
      forEach: 'model',
      select: { model: ['points', 'logistic', 'oracle'], label: 'yTrue', metric: 'fn' },
    },
  ],
  headline:
    'A weekly list of the top {onList[logistic].op.value|count} of {onList[logistic].config.population.size|count} children ({onList[logistic].model}) holds about {onList[logistic]|round} children truly at risk; about {leftOff[logistic]|count} children at risk are not on it.',
  quick: { replicates: 2, size: 30000 },
} satisfies ExperimentInput;
