/**
 * Feedback loop.
 *
 * Question: if the list itself brings children to agencies' attention, does
 * the gap between two groups with the same true risk grow year on year, and
 * what stops it?
 *
 * Two groups of children with the same true risk; group B is a little more
 * visible to agencies from the start. Each year (round) a council fits its
 * model on the records as they stand, lists its top 10% of children, and the
 * children on the list get more agency contact the next year: more of what
 * is true about them is recorded, and exploitation that happens is more
 * often found. Ten rounds, the same children followed
 * (src/experiment/rounds/loop.ts explains the design).
 *
 * Two settings:
 * - "child records": the lab's full catalogue of recorded circumstances;
 *   the list is drawn mostly on each child's own records;
 * - "area only": the council knows where a child lives (their group), their
 *   age and one attendance count — Ensign et al.'s (2018) setting, where
 *   attention goes to places, brought to children.
 * Cells: no loop; the loop; the loop with the council correcting its
 * training records for its own attention (inverse propensity); and the loop
 * with outcome reports that do not depend on agency contact (half of all
 * cases reported whether or not agencies look, instead of 5%).
 *
 * Sizes (for the runtime budget of `npm start`): 5,000 children in the
 * child-records setting and 20,000 in the area-only one, whose records are
 * one column (cheap to record and fit). A list of 10% is 500 and 2,000
 * children: its group shares move by whole percentage points between rounds
 * rather than by single children. With 5% of cases found without contact,
 * the area-only model learns its group effect from about a hundred recorded
 * cases, so a smaller population makes the first list's group shares a
 * lottery (tried: at 10,000 children they ranged from a third to 86% B
 * across replicates). The cells share their seeds, so differences between
 * them are paired.
 *
 * Sources: Ensign, Friedler, Neville, Scheidegger and Venkatasubramanian
 * (2018) — runaway feedback loops in a Pólya urn, and the inverse-propensity
 * correction; Lum and Isaac (2016) — more policing, more recorded crime, more
 * targeting; IICSA H.7 — lists circulated weekly and at multi-agency
 * meetings. Contact, detection and list size are assumptions stated below.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const ENSIGN = 'Ensign, Friedler, Neville, Scheidegger and Venkatasubramanian (2018), Runaway feedback loops in predictive policing (PMLR 81)';
const NO_LOOP = 'no loop';
const LOOP = 'loop';
const CORRECTED = 'loop, corrected';
const REPORTS = 'loop, independent reports';
/** ASSUMPTION: a listed child's contact closes 90% of the gap to full contact; half of it remains a year after they leave the list. */
const FEEDBACK = { listContact: 0.9, persistence: 0.5 };

/**
 * ASSUMPTIONS shared by both settings: exploitation is found mostly when
 * agencies look — 5% of cases without any contact, nearly all at full
 * contact — and contact closes half of the unrecorded gap in circumstances.
 * Families' baseline contact is low (probit intercept −1.5: about one
 * family in ten well known to services).
 */
const recording = {
  contact: { baseline: -1.5, visibilityBoost: 0.5 },
  outcome: { detection: 0.05, detectionContactBoost: 1, falseRecordRate: 0.001 },
};

/** B's share of the list, per replicate: flagged in B ÷ flagged. */
const shareOfList = { kind: 'share', part: { attribute: 'group', group: 'B' }, whole: { attribute: 'all', group: 'all' } } as const;
/** Round 10 minus round 1 of the selection. */
const growth = { kind: 'difference', of: { round: 10 }, minus: { round: 1 } } as const;
const bShare = { label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: 'B' } as const;

export default {
  name: 'feedback-loop',
  question:
    "If the list itself brings children to agencies' attention, does the gap between two groups with the same true risk grow year on year, and what stops it?",
  sources: [
    `${ENSIGN}: when only what attention discovers is fed back, attention runs away from the true share (Oakland: 0.567 → about 0.93 after 1,000 rounds) and, with equal true rates, stays near its prior instead of returning to parity; weighting what is found by the inverse of the chance of looking restores the true share; reports that do not depend on attention only attenuate the bias`,
    'Lum and Isaac (2016), To predict and serve? (Significance 13(5)): drug use roughly uniform across Oakland, arrests and predictions concentrated where police already were',
    'IICSA H.7: a weekly list of children at heightened risk to Operation Topaz; a victim list shared at multi-agency meetings every four weeks',
    'two-groups preset: identical true risk by construction; the visibility gap, contact, detection and list size are assumptions stated in this file',
  ],
  seed: 2018,
  scenarios: [
    {
      label: 'child records',
      preset: 'two-groups',
      overrides: {
        population: { size: 5000 },
        recording: {
          ...recording,
          // ASSUMPTION: the small initial gap — group B's police and social-care records are 25% more complete.
          groups: [{ attribute: 'group', level: 'B', domains: ['police', 'socialCare'], visibilityMultiplier: 1.25 }],
        },
      },
    },
    {
      label: 'area only',
      preset: 'two-groups',
      overrides: {
        population: { size: 20000 },
        // The council knows a child's group (where they live), age and days absent from school; nothing else.
        circumstances: [{ name: 'absence_days', label: 'days absent from school (count)', domain: 'education', type: 'count', prevalence: 3, effect: 0.1 }],
        outcome: { oracleAuc: 0.65, ageEffect: 0.25 },
        recording: {
          ...recording,
          // ASSUMPTION: the small initial gap — group B's exploitation is 30% more often found (5.5% against 4.2% of cases without contact).
          outcome: { ...recording.outcome, detectionByGroup: { group: { B: 1.3 } } },
        },
      },
    },
  ],
  grid: [
    { label: NO_LOOP, overrides: {} },
    { label: LOOP, overrides: { feedback: FEEDBACK } },
    { label: CORRECTED, overrides: { feedback: { ...FEEDBACK, correction: 'inverse-propensity' } } },
    // ASSUMPTION: half of all cases reported whatever the contact (a child's own disclosure, a health or school report).
    { label: REPORTS, overrides: { feedback: FEEDBACK, recording: { outcome: { detection: 0.5 } } } },
  ],
  gridLabel: 'feedback',
  models: [{ name: 'logistic' }],
  split: { kind: 'all' },
  // The model sees a child's group, as a council's sees the neighbourhood a child lives in.
  includeGroups: true,
  rounds: { count: 10 },
  // ASSUMPTION: the list is the top 10% — a council's yearly review list; a list of a few hundred among tens of thousands reaches fewer records.
  operatingPoints: [{ rule: 'topShare', value: 0.1 }],
  groups: ['group'],
  reference: { group: 'A' },
  replicates: 10,
  findings: [
    {
      id: 'shareStart',
      claim: '{scenario}: group B’s share of the list in round {round}',
      forEach: 'scenario',
      select: { cell: NO_LOOP, label: 'yTrue', metric: 'flagged', round: 1 },
      derive: shareOfList,
    },
    {
      id: 'shareEnd',
      claim: '{scenario}, {cell}: group B’s share of the list in round {round}',
      forEach: ['scenario', 'cell'],
      select: { label: 'yTrue', metric: 'flagged' },
      derive: shareOfList,
    },
    {
      id: 'flat',
      claim: '{scenario}, {cell}: change in the share of group B’s children on the list, round 10 − round 1',
      forEach: 'scenario',
      select: { cell: NO_LOOP, ...bShare },
      derive: growth,
      band: { min: 0, max: 0, source: 'by construction: with no loop every round is the first (src/experiment/rounds/loop.ts, common random numbers)' },
    },
    {
      id: 'runaway',
      claim: '{scenario}, {cell}: change in the share of group B’s children on the list, round 10 − round 1',
      select: { scenario: 'area only', cell: LOOP, ...bShare },
      derive: growth,
      band: { above: 0, source: `${ENSIGN}: with only discovered incidents fed back, attention moves away from the true share round after round` },
    },
    {
      id: 'corrected',
      claim: '{scenario}, {cell}: change in the share of group B’s children on the list, round 10 − round 1',
      forEach: 'scenario',
      select: { cell: CORRECTED, ...bShare },
      derive: growth,
      band: { min: -0.01, max: 0.01, source: `${ENSIGN}: weighting what is found by the inverse of the chance of looking keeps attention at the true share (0.568 against 0.567)` },
    },
    {
      id: 'reports',
      claim: '{scenario}, {cell}: change in the share of group B’s children on the list, round 10 − round 1',
      forEach: 'scenario',
      select: { cell: REPORTS, ...bShare },
      derive: growth,
    },
    {
      id: 'childRecords',
      claim: '{scenario}, {cell}: change in the share of group B’s children on the list, round 10 − round 1',
      select: { scenario: 'child records', cell: LOOP, ...bShare },
      derive: growth,
    },
    {
      id: 'precision',
      claim: '{scenario}, {cell}: precision of the list against {label} in round {round}',
      forEach: ['scenario', 'round'],
      select: { cell: LOOP, label: 'yRecorded', metric: 'precision' },
    },
    {
      id: 'recordsLookBetter',
      claim: '{scenario}, {cell}: precision against {label}, round 10 − round 1',
      forEach: 'scenario',
      select: { cell: LOOP, label: 'yRecorded', metric: 'precision' },
      derive: growth,
      band: { above: 0, source: 'Lum and Isaac (2016): more policing, more recorded crime — the list finds what it looks for, so the records confirm it' },
    },
    {
      id: 'truthBarelyMoves',
      claim: '{scenario}, {cell}: precision against {label}, round 10 − round 1',
      forEach: 'scenario',
      select: { cell: LOOP, label: 'yTrue', metric: 'precision' },
      derive: growth,
    },
    {
      id: 'recordedGap',
      claim: '{scenario}, {cell}: group B’s recorded prevalence minus its true prevalence in round {round}',
      forEach: ['scenario', 'cell'],
      select: { attribute: 'group', group: 'B', metric: 'prevalence' },
      derive: { kind: 'difference', of: { label: 'yRecorded' }, minus: { label: 'yTrue' } },
    },
    {
      id: 'neverListed',
      claim: '{scenario}, {cell}: children truly at risk never listed in {round} rounds',
      forEach: ['scenario', 'cell'],
      select: { label: 'yTrue', metric: 'fn', operatingPoint: 'ever:topShare=0.1' },
    },
  ],
  headline:
    'Where the list is drawn on where children live, group B’s share of it grows year on year, from {shareStart[area only]|percent} in round 1 to {shareEnd[area only][loop]|percent} in round 10, as in Ensign et al.’s urn; correcting the training records for the list’s own attention holds it at {shareEnd[area only][loop, corrected]|percent}. Drawn on children’s own records, the share barely moves ({shareStart[child records]|percent} to {shareEnd[child records][loop]|percent}), but the records come to agree with the list: its precision against the records goes from {precision[child records][1]|percent} to {precision[child records][10]|percent}, against the truth by only {truthBarelyMoves[child records]|abs|times:100|round} points.',
  quick: { replicates: 2, size: 3000 },
} satisfies ExperimentInput;
