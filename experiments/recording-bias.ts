/**
 * Recording bias.
 *
 * Question: when one group of children is more visible to police and social
 * care than another with exactly the same true risk, what happens to their
 * scores, to who gets flagged, and to how often a flag is right?
 *
 * The two-groups preset gives both groups identical true circumstances and
 * risk; the grid raises group B's police and social-care visibility from 1×
 * to 3×. Everything else is held fixed (same seeds, so the same children).
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const steps = [1, 1.5, 2, 2.5, 3];

export default {
  name: 'recording-bias',
  question:
    'When one group is more visible to police and social care than another with the same true risk, do its children get higher scores, more flags and more false alarms?',
  sources: ['two-groups preset: identical true risk by construction; visibility assumptions stated there'],
  seed: 2022,
  scenarios: [{ label: 'two groups', preset: 'two-groups' }],
  grid: steps.map((m) => ({
    label: `B visibility ×${m}`,
    value: m,
    overrides: { recording: { groups: [{ attribute: 'group', level: 'B', domains: ['police', 'socialCare'], visibilityMultiplier: m }] } },
  })),
  gridLabel: 'group B visibility multiplier',
  models: [
    { name: 'logistic' },
    { name: 'boosting', params: { rounds: 150 }, quickParams: { rounds: 25 } },
    { name: 'oracle' },
  ],
  split: { kind: 'holdout', testShare: 0.3 },
  operatingPoints: [{ rule: 'topShare', value: 0.05 }],
  groups: ['group'],
  reference: { group: 'A' },
  groupSummary: true,
  example: { attribute: 'group', model: 'logistic' },
  replicates: 10,
  criteria: [],
  quick: { replicates: 2, size: 4000 },
} satisfies ExperimentInput;
