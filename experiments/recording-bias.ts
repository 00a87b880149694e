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
      claim: '{cell}: selection-rate ratio {of.group} ÷ {over.group} ({model} model)',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'group' },
      derive: { kind: 'ratio', of: { group: 'B' }, over: { group: 'A' } },
    },
    {
      id: 'fprGap',
      claim: '{cell}: false-positive-rate gap {of.group} − {minus.group} against {label} ({model} model)',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'fpr', attribute: 'group' },
      derive: { kind: 'difference', of: { group: 'B' }, minus: { group: 'A' } },
    },
    {
      id: 'precisionB',
      claim: '{cell}: precision against {label} for group {group} ({model} model)',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'precision', attribute: 'group', group: 'B' },
    },
    {
      id: 'flagRateB',
      claim: '{cell}: share of group {group} flagged ({model} model)',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: 'B' },
    },
    {
      id: 'flagRateA',
      claim: '{cell}: share of group {group} flagged ({model} model)',
      forEach: 'cell',
      select: { model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: 'A' },
    },
    {
      id: 'scoreGap',
      claim: '{cell}: mean score gap {of.group} − {minus.group} among children of equal true risk ({model} model)',
      forEach: 'cell',
      select: { model: 'logistic' },
      derive: { kind: 'equalRiskGap', attribute: 'group', of: 'B', minus: 'A' },
    },
  ],
  headline: `Group B's children are no more at risk than group A's, yet when police and social care see B's families {selectionRatio[${last}].cellValue|words} times as often, the records {scoreGap[${last}]|sign:overstate:understate:match} B's risk: the logistic model flags about {flagRateB[${last}]|times:1000|round} of every 1,000 group B children against {flagRateA[${last}]|times:1000|round} of every 1,000 in group A ({flagRateB[${first}]|times:1000|round} and {flagRateA[${first}]|times:1000|round} when both are equally visible). Of every 1,000 B children not at risk it flags {fprGap[${last}]|abs|times:1000|round} {fprGap[${last}]|sign:more:fewer:no more} than of A's.`,
  brief: { cell: last, model: 'logistic' },
  quick: { replicates: 2, size: 4000 },
} satisfies ExperimentInput;
