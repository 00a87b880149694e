/**
 * Bristol mirroring.
 *
 * Question: how can a model of a family database look "very strong" when
 * judged against recorded concerns, and what does it achieve against what
 * really happened? Bristol's 2020 analysis rated its model's precision and
 * recall "Very Strong"; the council described the model as "mirroring" the
 * characteristics of children already known to have been exploited.
 *
 * Ablations (grid cells): as recorded; leakage off; leakage and detection
 * bias both off. The fall in apparent (recorded-label) performance from one
 * cell to the next is attributed to the mechanism switched off.
 *
 * Sources: IICSA, Child sexual exploitation by organised networks (2022),
 * H.7 paras 20–25; the think-family preset documents every number.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

export default {
  name: 'bristol-mirroring',
  question:
    "How does a family-database model look \"very strong\" against recorded concerns, and how much of that is leakage (records created because of a concern) and detection bias (concerns recorded more for families already known to services) rather than real foresight?",
  sources: [
    'IICSA (2022) H.7 paras 20–25: 35 datasets, "mirroring", precision and recall rated "Very Strong" (scale unpublished)',
    'think-family preset: base rate about 1%, leakage and detection assumptions',
  ],
  seed: 2021,
  scenarios: [{ label: 'think-family', preset: 'think-family' }],
  grid: [
    { label: 'as recorded', value: 0, overrides: {} },
    { label: 'no leakage', value: 1, overrides: { recording: { outcome: { leakage: { probability: 0 } } } } },
    {
      label: 'no leakage, no detection bias',
      value: 2,
      overrides: { recording: { outcome: { leakage: { probability: 0 }, detectionContactBoost: 0 }, groups: [], contact: { groupShift: {} } } },
    },
  ],
  gridLabel: 'recording',
  models: [
    { name: 'logistic' },
    { name: 'boosting', params: { rounds: 200 }, quickParams: { rounds: 30 } },
    { name: 'oracle' },
  ],
  split: { kind: 'holdout', testShare: 0.3 },
  operatingPoints: [
    { rule: 'threshold', value: 0.5 },
    { rule: 'topShare', value: 0.01 },
  ],
  replicates: 10,
  criteria: ['precision ≥ 0.8', 'recall ≥ 0.8'],
  quick: { replicates: 2, size: 6000 },
} satisfies ExperimentInput;
