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
 * A fourth cell validates the as-recorded model differently: 5-fold
 * cross-validation by household, so every child is scored by a model that
 * did not see them (out-of-fold), instead of a 30% holdout. A supplier may
 * offer the more thorough validation as reassurance; it checks the model
 * against the same records, so it cannot see leakage or detection bias, and
 * the model looks just as strong. The first three cells' numbers are
 * unchanged by it (each cell has its own streams).
 *
 * Sources: IICSA, Child sexual exploitation by organised networks (2022),
 * H.7 paras 20–25; the think-family preset documents every number.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const VERY_STRONG = 'IICSA (2022) H.7: precision and recall rated "Very Strong" (scale unpublished; 0.8 is where "very strong" starts on the assumed scale)';
const AS_RECORDED = 'as recorded';
const NO_LEAKAGE = 'no leakage';
const NEITHER = 'no leakage, no detection bias';
const CROSS_VALIDATED = 'as recorded, 5-fold cross-validation';

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
    { label: AS_RECORDED, overrides: {} },
    { label: NO_LEAKAGE, overrides: { recording: { outcome: { leakage: { probability: 0 } } } } },
    {
      label: NEITHER,
      overrides: { recording: { outcome: { leakage: { probability: 0 }, detectionContactBoost: 0 }, groups: [], contact: { groupShift: {} } } },
    },
    { label: CROSS_VALIDATED, overrides: {}, split: { kind: 'kfold', k: 5 } },
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
  findings: [
    {
      id: 'recordedPrecision',
      claim: 'the {model} model: precision against recorded concerns, {cell}',
      forEach: 'model',
      select: { cell: AS_RECORDED, label: 'yRecorded', metric: 'precision' },
      band: { min: 0.8, max: 1, source: VERY_STRONG },
    },
    {
      id: 'recordedRecall',
      claim: 'the {model} model: recall against recorded concerns, {cell}',
      forEach: 'model',
      select: { cell: AS_RECORDED, label: 'yRecorded', metric: 'recall' },
      band: { min: 0.8, max: 1, source: VERY_STRONG },
    },
    {
      id: 'recallGap',
      claim: 'the {model} model: recall against {of.label} minus against {minus.label}, {cell}',
      forEach: 'model',
      select: { cell: AS_RECORDED, metric: 'recall' },
      derive: { kind: 'difference', of: { label: 'yRecorded' }, minus: { label: 'yTrue' } },
    },
    { id: 'truePrecision', claim: 'the {model} model: precision against true outcomes', forEach: 'model', select: { cell: AS_RECORDED, label: 'yTrue', metric: 'precision' } },
    { id: 'trueRecall', claim: 'the {model} model: recall against true outcomes', forEach: 'model', select: { cell: AS_RECORDED, label: 'yTrue', metric: 'recall' } },
    // Attribution uses ranking quality against the records (average precision), which
    // is defined in every cell, unlike precision at a threshold nobody may cross.
    {
      id: 'apparent',
      claim: 'the {model} model: apparent average precision against records, {cell}',
      forEach: 'model',
      select: { cell: AS_RECORDED, label: 'yRecorded', metric: 'averagePrecision' },
    },
    {
      id: 'leakage',
      claim: 'the {model} model: … owed to leakage ({from.cell} − {to.cell})',
      forEach: 'model',
      select: { label: 'yRecorded', metric: 'averagePrecision' },
      derive: { kind: 'attribution', from: AS_RECORDED, to: NO_LEAKAGE },
    },
    {
      id: 'detection',
      claim: 'the {model} model: … owed to detection bias ({from.cell} − neither)',
      forEach: 'model',
      select: { label: 'yRecorded', metric: 'averagePrecision' },
      derive: { kind: 'attribution', from: NO_LEAKAGE, to: NEITHER },
    },
    { id: 'neither', claim: 'the {model} model: … left with neither', forEach: 'model', select: { cell: NEITHER, label: 'yRecorded', metric: 'averagePrecision' } },
    {
      id: 'crossValidatedPrecision',
      claim: 'the {model} model: precision against recorded concerns, {cell} (every child scored out of fold)',
      forEach: 'model',
      select: { cell: CROSS_VALIDATED, label: 'yRecorded', metric: 'precision' },
      band: { min: 0.8, max: 1, source: VERY_STRONG },
    },
    {
      id: 'crossValidatedTrueRecall',
      claim: 'the {model} model: recall against true outcomes, {cell}',
      forEach: 'model',
      select: { cell: CROSS_VALIDATED, label: 'yTrue', metric: 'recall' },
    },
  ],
  headline:
    'Judged against recorded concerns, the logistic model looks {recordedPrecision[logistic]|strength}: about {recordedPrecision[logistic]|outOf:10} in 10 of its flags are recorded concerns, and it flags about {recordedRecall[logistic]|outOf:10} in 10 of them. The records {recallGap[logistic]|sign:flatter:understate:match} it: of every 10 children truly exploited it finds about {trueRecall[logistic]|outOf:10}. Of its apparent average precision on the records ({apparent[logistic]|fixed:2}), leakage accounts for {leakage[logistic]|fixed:2} and detection bias for {detection[logistic]|fixed:2}.',
  outcome: { cases: 'children exploited', case: 'a child exploited', nonCases: 'children not exploited' },
  brief: { cell: AS_RECORDED, model: 'logistic' },
  quick: { replicates: 2, size: 6000 },
} satisfies ExperimentInput;
