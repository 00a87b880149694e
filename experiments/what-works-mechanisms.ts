/**
 * What Works: which mechanism makes a model wrong six times in ten?
 *
 * Question: a calibrated model flagging every child scored 0.5 or more has
 * flagged children whose mean probability is at least 0.5, so its
 * precision should be 0.5 or more; What Works for Children's Social Care
 * (2020) found about 0.42, with about four in five escalations missed. Which
 * of the usual suspects can open that gap on its own, and which only
 * together?
 *
 * An ablation on council 1 of the what-works presets (8,000 children a
 * year, trained on one year, tested on the next, flagged at 0.5). The grid
 * switches the between-year mechanisms on one at a time and together:
 * - base-rate drift: the outcome half as common in the test year (the
 *   what-works presets' own assumption);
 * - recording change: outcomes found 40% less often in the test year (a
 *   change of referral thresholds or of what counts as escalation) and
 *   health records 30% more complete;
 * - both.
 * The models carry the training-side mechanisms:
 * - logistic: none (a calibrated model);
 * - logistic, rebalanced: class weights balancing the rare outcome, as
 *   practitioners often do (classWeight 'balanced');
 * - forest, leaves of 1: overfitting (30 trees grown to single-child
 *   leaves; the what-works experiment's forest);
 * - forest, leaves of 1, rebalanced: both.
 * And the operating point carries one more:
 * - a threshold chosen on the training data: the cut that reached 65%
 *   precision on the training year (the study's own success bar), scored in
 *   sample as a practitioner scores the data the model was fitted on, then
 *   used unchanged on the next year (operating point
 *   "train:precision=0.65"). For the forest grown to single-child leaves the
 *   in-sample scores are near-perfect, so the cut fixed on them sits far
 *   lower than its scores next year warrant. With base-rate drift (the
 *   logistic model's cut, fixed on a year where the outcome was twice as
 *   common) it is the one combination here that gives both of the study's
 *   figures at once.
 * Each mechanism's finding is the share of the gap between 0.5 and the
 * observed 0.42 that it explains on its own: (0.5 − precision) ÷ 0.08, a
 * median with its 2.5–97.5% range across replicates (0: none of it, 1: all,
 * above 1: more than all; below 0: precision above 0.5).
 *
 * Sizes (for the runtime budget of `npm start`): 10 replicates; the forests
 * have 30 trees (the what-works experiment's have 100) to keep the run near
 * 25 s on 2 cores: the full run measured 30 s of CPU (2 min 20 s of wall
 * time on 2 cores shared with a load of about 26). The cut chosen on the
 * training year scores each model's 8,000 training children once more and
 * adds a second operating point to every table: five paired full runs on 2
 * cores shared with a load of 7–12 measured a median of 35 s of CPU
 * without it and 39 s with it (+11%; in one process, tasks and files only,
 * +4–6%).
 *
 * Sources: What Works for Children's Social Care (2020), Machine Learning
 * in Children's Services: Does it work? — precision about 0.42 and recall
 * about 0.21 at 0.5; the what-works presets' assumptions (synthetic/).
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const STUDY = "What Works for Children's Social Care (2020)";
const NONE = 'none';
const DRIFT = 'base-rate drift';
const RECORDING = 'recording change';
const BOTH = 'drift and recording';
/** ASSUMPTION (the what-works presets'): the outcome half as common in the test year. */
const drift = { fromCohort: 2, baseRateMultiplier: 0.5 };
/** ASSUMPTION: outcomes found 40% less often in the test year; health records 30% more complete (the preset's own change). */
const recording = [
  { fromCohort: 2, detectionMultiplier: 0.6 },
  { fromCohort: 2, domains: ['health'], visibilityMultiplier: 1.3 },
];
const LOGISTIC = 'logistic';
const REBALANCED = 'logistic, rebalanced';
const OVERFIT = 'forest, leaves of 1';
const OVERFIT_REBALANCED = 'forest, leaves of 1, rebalanced';
const forest = { nTrees: 30, minLeafSize: 1, maxDepth: 40 };
const forestQuick = { nTrees: 10, minLeafSize: 1, maxDepth: 40 };
const AT = { label: 'yRecorded', operatingPoint: 'threshold=0.5' } as const;
/**
 * ASSUMPTION (source: the study's pre-set success bar, precision 65%; What
 * Works for Children's Social Care 2020, reported second-hand — SOURCES.md):
 * the practitioner's cut is the one that reached that bar on the training
 * year. Chosen over a target fitted to the outcome (precision 0.42 or recall
 * 0.21 on training would build the study's answer into the question) and
 * over a flagged share (nothing in the study sets one): it is the one target
 * the study fixed before it saw its results.
 */
const TRAIN_CUT = { rule: 'precision', value: 0.65, on: 'train' } as const;
const AT_TRAIN_CUT = { label: 'yRecorded', operatingPoint: 'train:precision=0.65' } as const;
/** The share of the gap between 0.5 and What Works' 0.42 that a precision explains. */
const gap = { kind: 'gapShare', from: 0.5, to: 0.42 } as const;
const GAP_CLAIM = '{cell}, {model}: share of the gap between a precision of 0.5 and the study’s 0.42 explained (against {label}, threshold {op.value})';
const TRAIN_GAP_CLAIM = '{cell}, {model}: share of the gap between a precision of 0.5 and the study’s 0.42 explained (against {label}, at {op})';

type Band = { min?: number; max?: number; above?: number; below?: number; source: string };

/**
 * One mechanism alone (or all together): the share of the gap it explains,
 * its precision and its recall, with bands for the qualitative results this
 * file declares (whether it can reproduce the study's figures on its own).
 */
function mechanism(id: string, cell: string, model: string, bands: { precision?: Band; recall?: Band } = {}, at: typeof AT | typeof AT_TRAIN_CUT = AT) {
  const where = at === AT ? 'at threshold {op.value}' : 'at {op}';
  const claim = at === AT ? GAP_CLAIM : TRAIN_GAP_CLAIM;
  return [
    { id, claim, select: { ...at, cell, model, metric: 'precision' }, derive: gap },
    { id: `${id}Precision`, claim: `{cell}, {model}: precision against {label} ${where}`, select: { ...at, cell, model, metric: 'precision' }, ...(bands.precision ? { band: bands.precision } : {}) },
    { id: `${id}Recall`, claim: `{cell}, {model}: recall against {label} ${where}`, select: { ...at, cell, model, metric: 'recall' }, ...(bands.recall ? { band: bands.recall } : {}) },
  ];
}

export default {
  name: 'what-works-mechanisms',
  question:
    "What Works' models were wrong about six times in ten when they flagged a child at the 0.5 threshold and missed about four in five: which mechanism — base-rate drift, class rebalancing, overfitting, a change in recording, a cut chosen on the training year — can do that on its own?",
  sources: [
    `${STUDY}, Machine Learning in Children's Services: Does it work? — 58% false positives among flags (precision about 0.42), 79% of escalations missed (recall about 0.21), at a 0.5 threshold, trained on one year and tested on the next (high)`,
    'what-works-1 preset: a council of 8,000 children a year, base rate 10%; the drift and recording change are the assumptions stated in this file (assumption)',
    `${STUDY}: a pre-set success bar of 65% precision, which no model reached (medium: reported second-hand) — here the target of the cut chosen on the training year (assumption)`,
  ],
  seed: 2020,
  scenarios: [{ label: 'council 1', preset: 'what-works-1' }],
  grid: [
    { label: NONE, overrides: { cohorts: { drift: [] } } },
    { label: DRIFT, overrides: { cohorts: { drift: [drift] } } },
    { label: RECORDING, overrides: { cohorts: { drift: recording } } },
    { label: BOTH, overrides: { cohorts: { drift: [drift, ...recording] } } },
  ],
  gridLabel: 'between the years',
  models: [
    { name: 'logistic', label: LOGISTIC },
    { name: 'logistic', label: REBALANCED, params: { classWeight: 'balanced' } },
    { name: 'forest', label: OVERFIT, params: forest, quickParams: forestQuick },
    { name: 'forest', label: OVERFIT_REBALANCED, params: { ...forest, classWeight: 'balanced' }, quickParams: { ...forestQuick, classWeight: 'balanced' } },
  ],
  split: { kind: 'cohort', train: 1, test: 2 },
  operatingPoints: [{ rule: 'threshold', value: 0.5 }, TRAIN_CUT],
  replicates: 10,
  criteria: ['precision ≥ 0.65'],
  findings: [
    {
      id: 'calibrated',
      claim: '{cell}, {model}: precision against {label} at threshold {op.value} (no mechanism: a calibrated model, the same world both years)',
      select: { ...AT, cell: NONE, model: LOGISTIC, metric: 'precision' },
      band: { min: 0.5, source: 'by construction: a calibrated model’s children scored 0.5 or more have a mean probability of at least 0.5' },
    },
    ...mechanism('drift', DRIFT, LOGISTIC, { recall: { min: 0.15, max: 0.27, source: `${STUDY}: recall about 0.21 — base-rate drift alone misses about as many as the study's models` } }),
    ...mechanism('recording', RECORDING, LOGISTIC),
    ...mechanism('rebalanced', NONE, REBALANCED, {
      precision: { below: 0.35, source: `${STUDY}: precision about 0.42 — rebalancing alone overshoots it` },
      recall: { above: 0.27, source: `${STUDY}: recall about 0.21 — rebalancing alone cannot reproduce it: it flags more children and misses fewer` },
    }),
    ...mechanism('overfit', NONE, OVERFIT),
    ...mechanism(
      'trainCut',
      NONE,
      LOGISTIC,
      { precision: { min: 0.5, source: `${STUDY}: precision about 0.42 — a cut that reached 65% precision on the training year, used on a calibrated model in an unchanged world, stays above half on its own` } },
      AT_TRAIN_CUT,
    ),
    ...mechanism(
      'trainCutOverfit',
      NONE,
      OVERFIT,
      {
        precision: { below: 0.35, source: `${STUDY}: precision about 0.42 — a cut fixed on an overfit forest's near-perfect in-sample scores overshoots it` },
        recall: { above: 0.27, source: `${STUDY}: recall about 0.21 — that cut sits low, flags more children next year and misses fewer` },
      },
      AT_TRAIN_CUT,
    ),
    ...mechanism(
      'trainCutDrift',
      DRIFT,
      LOGISTIC,
      {
        precision: { min: 0.35, max: 0.49, source: `${STUDY}: precision about 0.42 — the training-year cut with the outcome half as common next year reproduces it` },
        recall: { min: 0.15, max: 0.29, source: `${STUDY}: recall about 0.21 — and the recall with it` },
      },
      AT_TRAIN_CUT,
    ),
    ...mechanism('all', BOTH, OVERFIT_REBALANCED, { precision: { below: 0.35, source: `${STUDY}: precision about 0.42 — every mechanism together overshoots it` } }),
    {
      id: 'driftGap',
      claim: '{cell}, {model}: precision against {of.label} minus against {minus.label} (threshold {op.value})',
      select: { ...AT, cell: DRIFT, model: LOGISTIC, metric: 'precision' },
      derive: { kind: 'difference', of: { label: 'yRecorded' }, minus: { label: 'yTrue' } },
    },
    {
      id: 'gapShare',
      claim: GAP_CLAIM,
      forEach: ['cell', 'model'],
      select: { ...AT, metric: 'precision' },
      derive: gap,
    },
  ],
  headline:
    'With no mechanism, a model flagging every child scored 0.5 or more is right {calibrated|outOf:10} times in 10 by its records, and no mechanism alone gives "wrong six times in ten, missing four in five". Base-rate drift (the outcome half as common in the test year) comes closest: right {driftPrecision|outOf:10} in 10, catching {driftRecall|outOf:10} in 10 ({drift|percent} of the gap to the study’s 0.42); overfitting (single-child leaves) comes near: right {overfitPrecision|outOf:10} in 10, catching {overfitRecall|outOf:10} in 10. A recording change leaves precision near half ({recordingPrecision|percent}); class rebalancing is wrong more often ({rebalancedPrecision|complement|outOf:10} in 10) but catches more ({rebalancedRecall|outOf:10} in 10). A cut fixed on the training year at the study’s 65% bar keeps a calibrated model right {trainCutPrecision|outOf:10} in 10 and overshoots on an overfit forest (right {trainCutOverfitPrecision|outOf:10} in 10, catching {trainCutOverfitRecall|outOf:10} in 10); with drift it gives both of the study’s figures: right {trainCutDriftPrecision|outOf:10} in 10, catching {trainCutDriftRecall|outOf:10} in 10. Drift, the recording change, overfitting and rebalancing together overshoot (right {allPrecision|outOf:10} in 10). The records {driftGap|sign:flatter:understate:match} the drifted model by about {driftGap|abs|times:100|round} in every 100 flags.',
  outcome: { cases: 'children whose cases escalate', case: 'a child whose case escalates', nonCases: 'children whose cases do not escalate' },
  quick: { replicates: 2, size: 3000 },
} satisfies ExperimentInput;
