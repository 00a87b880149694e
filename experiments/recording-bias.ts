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
const cell = (m: number) => `B visibility ×${m}`;
const [first, last] = [cell(steps[0]), cell(steps[steps.length - 1])];

export default {
  name: 'recording-bias',
  question:
    'When one group is more visible to police and social care than another with the same true risk, do its children get higher scores, more flags and more false alarms?',
  sources: ['two-groups preset: identical true risk by construction; visibility assumptions stated there'],
  seed: 2022,
  scenarios: [{ label: 'two groups', preset: 'two-groups' }],
  grid: steps.map((m) => ({
    label: cell(m),
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
  findings: [
    {
      id: 'selectionRatio',
      claim: '{cell}: selection-rate ratio {of.group} ÷ {over.group} ({model})',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'group' },
      derive: { kind: 'ratio', of: { group: 'B' }, over: { group: 'A' } },
    },
    {
      id: 'fprGap',
      claim: '{cell}: false-positive-rate gap {of.group} − {minus.group} against {label} ({model})',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'fpr', attribute: 'group' },
      derive: { kind: 'difference', of: { group: 'B' }, minus: { group: 'A' } },
    },
    {
      id: 'precisionB',
      claim: '{cell}: precision against {label} for group {group} ({model})',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'precision', attribute: 'group', group: 'B' },
    },
    {
      id: 'scoreGap',
      claim: '{cell}: mean score gap {of.group} − {minus.group} among children of equal true risk ({model})',
      forEach: 'cell',
      select: { model: 'logistic' },
      derive: { kind: 'equalRiskGap', attribute: 'group', of: 'B', minus: 'A' },
    },
  ],
  headline: `With identical true risk, making group B {selectionRatio[${last}].cellValue|words} times as visible to police and social care moves its share of flags from {selectionRatio[${first}]|fixed:2}× to {selectionRatio[${last}]|fixed:2}× group A's — more of B's children are flagged, and more of those flags are false alarms.`,
  quick: { replicates: 2, size: 4000 },
} satisfies ExperimentInput;
