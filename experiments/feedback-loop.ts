/**
 * Feedback loop.
 *
 * Question: if the list itself brings children to agencies' attention, does
 * the gap between two groups with the same true risk grow year on year, and
 * what stops it?
 *
 * Two groups of children with the same true risk; group B's exploitation is
 * a little more often found by agencies from the start. Each year (round) a
 * council fits its model on the records as they stand, lists its top 10% of
 * children, and the children on the list get more agency contact the next
 * year: more of what is true about them is recorded, and exploitation that
 * happens is more often found. Ten rounds, the same children followed
 * (src/experiment/rounds/loop.ts explains the design).
 *
 * The setting is Ensign et al.'s (2018): the council knows where a child
 * lives (their group), their age and one attendance count, so attention
 * goes to places and is brought to children. (A list drawn mostly on each
 * child's own records moves little between groups: tried with the full
 * catalogue of circumstances at 5,000 children, B's share of the list went
 * from 0.49 to 0.49 in ten rounds, while the loop locked onto the same
 * children and their records came to agree with the list.)
 *
 * Cells: no loop; the loop; the loop with the council correcting its
 * training records for its own attention (inverse propensity: each recorded
 * outcome the list's extra contact made likelier is kept with probability
 * p₀/p₁); and the loop with outcome reports that do not depend on agency
 * contact (half of all cases reported whether or not agencies look, with
 * the same 2.5-point head start for group B).
 *
 * Sizes (for the runtime budget of `npm start`: about 25 s of CPU, 60 s
 * wall on 2 cores shared with a load of 18; ≤ 15 s on 2 idle cores): 30,000
 * children at a 15% base rate, 10 replicates. The first year's list is
 * drawn on about 800 recorded cases; B's head start is about 55 of them,
 * against a sampling error of about 20 per group, so the first list leans
 * towards B in nearly every replicate (2.5–97.5%: 0.51–0.70 of it from B).
 * At 20,000 children and a 5% base rate it ranged from 0.36 to 0.77 across
 * replicates, and the loop then ran towards A in some: which group the
 * list runs towards is a lottery of the first year's records, as in Ensign
 * et al.'s equal-rates case. The cells share their seeds, so differences
 * between them are paired.
 *
 * Sources (docs/feedback-loops.md has the published numbers with their
 * confidence): Ensign, Friedler, Neville, Scheidegger and
 * Venkatasubramanian (2018) — runaway feedback loops in a Pólya urn, and
 * the inverse-propensity correction; Lum and Isaac (2016) — more policing,
 * more recorded crime, more targeting; IICSA H.7 — lists circulated weekly
 * and at multi-agency meetings. Contact, detection and list size are
 * assumptions stated below.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const ENSIGN = 'Ensign, Friedler, Neville, Scheidegger and Venkatasubramanian (2018), Runaway feedback loops in predictive policing (PMLR 81)';
const NO_LOOP = 'no loop';
const LOOP = 'loop';
const CORRECTED = 'loop, corrected';
const REPORTS = 'loop, independent reports';
/** ASSUMPTION: a listed child's contact closes 90% of the gap to full contact; half of it remains a year after they leave the list. */
const FEEDBACK = { listContact: 0.9, persistence: 0.5 };
/** ASSUMPTION: exploitation is found without any agency contact in 5% of cases, in group B 7.5% (the small head start: 1.5 times). */
const DETECTION = 0.05;
const B_HEAD_START = 1.5;
/** ASSUMPTION: half of all cases reported whatever the contact (a child's own disclosure, a health or school report), B keeping the same 2.5-point head start. */
const REPORTED = 0.5;

/**
 * ASSUMPTIONS: exploitation is found mostly when agencies look — 5% of
 * cases without any contact, nearly all at full contact — and contact
 * closes half of the unrecorded gap in circumstances. Families' baseline
 * contact is low (probit intercept −1.5: about one family in ten well known
 * to services).
 */
const recording = {
  contact: { baseline: -1.5, visibilityBoost: 0.5 },
  outcome: { detection: DETECTION, detectionContactBoost: 1, falseRecordRate: 0.001, detectionByGroup: { group: { B: B_HEAD_START } } },
};

/** B's share of the list, per replicate: flagged in B ÷ flagged. */
const shareOfList = { kind: 'share', part: { attribute: 'group', group: 'B' }, whole: { attribute: 'all', group: 'all' } } as const;
/** Round 10 minus round 1 of the selection. */
const growth = { kind: 'difference', of: { round: 10 }, minus: { round: 1 } } as const;
/** The share of group B's children on the list (10% of all children are listed; half are in B, so 0.1 is parity). */
const bListed = { label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: 'B' } as const;
const CHANGE = '{cell}: change in the share of group B’s children on the list, round 10 − round 1';

export default {
  name: 'feedback-loop',
  question:
    "If the list itself brings children to agencies' attention, does the gap between two groups with the same true risk grow year on year, and what stops it?",
  sources: [
    `${ENSIGN}: when only what attention discovers is fed back, attention runs away from the true share (Oakland: 0.567 → about 0.93 after 1,000 rounds) and, with equal true rates, stays near its prior instead of returning to parity; weighting what is found by the inverse of the chance of looking restores the true share; reports that do not depend on attention only attenuate the bias (high confidence: published model, rerun numbers in docs/feedback-loops.md)`,
    'Lum and Isaac (2016), To predict and serve? (Significance 13(5)): drug use roughly uniform across Oakland, arrests and predictions concentrated where police already were (high)',
    'IICSA H.7: a weekly list of children at heightened risk to Operation Topaz; a victim list shared at multi-agency meetings every four weeks (high)',
    'two-groups preset: identical true risk by construction; the head start, contact, detection and list size are assumptions stated in this file (assumption)',
  ],
  seed: 2018,
  scenarios: [
    {
      label: 'area only',
      preset: 'two-groups',
      overrides: {
        population: { size: 30000 },
        // The council knows a child's group (where they live), age and days absent from school; nothing else.
        circumstances: [{ name: 'absence_days', label: 'days absent from school (count)', domain: 'education', type: 'count', prevalence: 3, effect: 0.1 }],
        outcome: { baseRate: 0.15, oracleAuc: 0.65, ageEffect: 0.25 },
        recording,
      },
    },
  ],
  grid: [
    { label: NO_LOOP, overrides: {} },
    { label: LOOP, overrides: { feedback: FEEDBACK } },
    { label: CORRECTED, overrides: { feedback: { ...FEEDBACK, correction: 'inverse-propensity' } } },
    {
      label: REPORTS,
      overrides: {
        feedback: FEEDBACK,
        recording: { outcome: { detection: REPORTED, detectionByGroup: { group: { B: (REPORTED + DETECTION * (B_HEAD_START - 1)) / REPORTED } } } },
      },
    },
  ],
  gridLabel: 'feedback',
  models: [{ name: 'logistic' }],
  split: { kind: 'all' },
  // The model sees a child's group, as a council's sees the neighbourhood a child lives in.
  includeGroups: true,
  rounds: { count: 10 },
  // ASSUMPTION: the list is the top 10% — a council's yearly review list.
  operatingPoints: [{ rule: 'topShare', value: 0.1 }],
  groups: ['group'],
  reference: { group: 'A' },
  replicates: 10,
  findings: [
    {
      id: 'shareStart',
      claim: 'group B’s share of the first list (round {round}; half the children, and half the children at risk, are in B)',
      select: { cell: NO_LOOP, label: 'yTrue', metric: 'flagged', round: 1 },
      derive: shareOfList,
    },
    {
      id: 'shareEnd',
      claim: '{cell}: group B’s share of the list in round {round}',
      forEach: 'cell',
      select: { label: 'yTrue', metric: 'flagged' },
      derive: shareOfList,
    },
    {
      id: 'flat',
      claim: CHANGE,
      select: { cell: NO_LOOP, ...bListed },
      derive: growth,
      band: { min: 0, max: 0, source: 'by construction: with no loop every round is the first (src/experiment/rounds/loop.ts, common random numbers)' },
    },
    {
      id: 'runaway',
      claim: CHANGE,
      select: { cell: LOOP, ...bListed },
      derive: growth,
      band: { above: 0.01, source: `${ENSIGN}: with only discovered incidents fed back, attention moves away from the true share round after round` },
    },
    {
      id: 'corrected',
      claim: CHANGE,
      select: { cell: CORRECTED, ...bListed },
      derive: growth,
      band: { min: -0.01, max: 0.01, source: `${ENSIGN}: weighting what is found by the inverse of the chance of looking stops the runaway (0.568 against a true 0.567 after 1,000 rounds)` },
    },
    {
      id: 'reports',
      claim: CHANGE,
      select: { cell: REPORTS, ...bListed },
      derive: growth,
      band: { min: -0.01, max: 0.03, source: `${ENSIGN}: reports that do not depend on attention attenuate the runaway without removing it (fixed point about 0.60 at weight 0.5)` },
    },
    {
      id: 'precision',
      claim: '{cell}: precision of the list against {label} in round {round}',
      forEach: 'round',
      select: { cell: LOOP, label: 'yRecorded', metric: 'precision' },
    },
    {
      id: 'recordsLookBetter',
      claim: '{cell}: precision against {label}, round 10 − round 1',
      select: { cell: LOOP, label: 'yRecorded', metric: 'precision' },
      derive: growth,
      band: { above: 0, source: 'Lum and Isaac (2016): more policing, more recorded crime — the list finds what it looks for, so the records confirm it' },
    },
    {
      id: 'truePrecision',
      claim: '{cell}: precision of the list against {label} in round {round}',
      forEach: 'round',
      select: { cell: LOOP, label: 'yTrue', metric: 'precision' },
    },
    {
      id: 'truthBarelyMoves',
      claim: '{cell}: precision against {label}, round 10 − round 1',
      select: { cell: LOOP, label: 'yTrue', metric: 'precision' },
      derive: growth,
      band: { min: -0.03, max: 0.03, source: 'by construction: the list changes records, never the truth (interventionEffect 0), and both groups are equally at risk' },
    },
    {
      id: 'recordedGap',
      claim: '{cell}: group B’s recorded prevalence minus its true prevalence in round {round}',
      forEach: 'cell',
      select: { attribute: 'group', group: 'B', metric: 'prevalence' },
      derive: { kind: 'difference', of: { label: 'yRecorded' }, minus: { label: 'yTrue' } },
    },
    {
      id: 'neverListed',
      claim: '{cell}: children truly at risk never listed in {round} rounds',
      forEach: 'cell',
      select: { label: 'yTrue', metric: 'fn', operatingPoint: 'ever:topShare=0.1' },
    },
  ],
  headline:
    'Both groups are equally at risk, but group B’s share of the list grows year on year once the list brings children to agencies’ attention: from {shareStart|percent} in the first year to {shareEnd[loop]|percent} in the tenth. The records understate how right the list is, less and less each year: right about {precision[1]|percent} of the time by the records in year one and {precision[10]|percent} in year ten, while against the truth it stays near {truePrecision[10]|percent}. Correcting the training records for the list’s own attention stops the growth ({shareEnd[loop, corrected]|percent} in year ten) but does not undo the first year’s lean towards B; so do outcome reports that do not depend on contact, which also keep the list nearer half and half ({shareEnd[loop, independent reports]|percent}).',
  quick: { replicates: 2, size: 3000 },
} satisfies ExperimentInput;
