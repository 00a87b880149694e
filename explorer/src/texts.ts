import type { Domain } from '../../src/population/types.js';
import type { PresetName } from './presets.js';

/**
 * Every word the explorer shows, in one place (the lab's habit: words a
 * reader sees live in a texts module, so tests compare against them).
 */

/** A rate as a percentage a room can read: whole percent from 10%, one decimal from 0.1%, two below, "under 0.01%" for tiny non-zero rates. */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0%';
  if (x < 0.0001) return 'under 0.01%';
  if (x < 0.001) return `${(x * 100).toFixed(2)}%`;
  if (x < 0.1) return `${(x * 100).toFixed(1)}%`;
  return `${Math.round(x * 100)}%`;
}

/** A whole number with thousands separators (en-GB). */
export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "n in 10", rounded; '–' when undefined. */
export function inTen(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 10)) : '–';
}

/** How many times as large (one decimal); null when either side is 0 or undefined. */
export function times(b: number, a: number): string | null {
  if (!(a > 0) || !Number.isFinite(b)) return null;
  const r = b / a;
  return r >= 10 ? `${Math.round(r)}` : r.toFixed(1);
}

export const DOMAIN_WORDS: Readonly<Record<Domain, string>> = {
  education: 'School',
  missing: 'Missing-person reports',
  police: 'Police',
  socialCare: 'Social care',
  health: 'Health',
  housing: 'Housing',
  welfare: 'Welfare',
  family: 'Family',
};

interface PresetTexts {
  readonly title: string;
  /** What group A and group B are in this preset. */
  readonly groupA: string;
  readonly groupB: string;
  readonly groups: string;
  /** Where group B's extra visibility applies, for the control's label. */
  readonly visibilityWhere: string;
  readonly visibilityNote: string;
  readonly leakageNote: string;
}

const DEPRIVATION_GROUPS =
  'Group B is the most deprived third of families, group A the least deprived third; the middle third counts in every total but in neither group.';

export const PRESET_TEXTS: Readonly<Record<PresetName, PresetTexts>> = {
  'think-family': {
    title: 'Think Family: a Bristol-like family database',
    groupA: 'A: least deprived',
    groupB: 'B: most deprived',
    groups: DEPRIVATION_GROUPS,
    visibilityWhere: 'police and social care',
    visibilityNote:
      'The preset makes group B 1.4 times as visible to police and social care, and its families are in more contact with agencies, which raises recording everywhere.',
    leakageNote: "The preset's own leakage: a recorded concern creates a missing-episode record, a police CSE marker and a sexual-health contact (each with chance 0.95).",
  },
  'two-groups': {
    title: 'Two groups with the same true risk',
    groupA: 'Group A',
    groupB: 'Group B',
    groups: 'Two equal halves of the children with exactly the same true risk and circumstances; only how visible they are to agencies can differ.',
    visibilityWhere: 'police and social care',
    visibilityNote: 'The preset makes neither group more visible; the recording-bias experiment raises group B to 3 times.',
    leakageNote: 'This preset has no leakage. Switched on here: a recorded concern creates a missing-episode record and a sexual-health contact (chance 0.9 each), an explorer assumption.',
  },
  'what-works-1': {
    title: "A What Works council: trained on one year, tested on the next",
    groupA: 'A: least deprived',
    groupB: 'B: most deprived',
    groups: DEPRIVATION_GROUPS,
    visibilityWhere: 'police and social care',
    visibilityNote: 'The preset makes no group more visible; the control adds it. Escalations fall by half in the test year (the preset says why).',
    leakageNote: 'This preset has no leakage. Switched on here: a recorded escalation creates a missing-episode record and a sexual-health contact (chance 0.9 each), an explorer assumption.',
  },
  trap: {
    title: 'TRAP: police flags over a force area',
    groupA: 'A: least deprived',
    groupB: 'B: most deprived',
    groups: DEPRIVATION_GROUPS,
    visibilityWhere: 'police and missing-person records',
    visibilityNote:
      "The preset makes group B 1.5 times as visible to police and in missing-person records (black children's police records are also 1.3 times as complete, left as they are).",
    leakageNote: "The preset's own leakage: a recorded concern creates a missing-episode record (chance 0.3).",
  },
  neutral: {
    title: 'Neutral: perfect records (the control)',
    groupA: 'A: least deprived',
    groupB: 'B: most deprived',
    groups: DEPRIVATION_GROUPS,
    visibilityWhere: 'police and social care',
    visibilityNote: 'Recording is perfect here: everything true is recorded, so there is nothing to make more visible and this control is off.',
    leakageNote: 'This preset has no leakage. Switched on here: a recorded concern creates a missing-episode record and a sexual-health contact (chance 0.9 each), an explorer assumption.',
  },
};

export const explorerTexts = {
  pageTitle: 'Records versus reality: a risk-model explorer',
  heading: 'Records versus reality',
  intro:
    'A model trained on records learns who gets recorded. Here synthetic children are drawn, recorded and scored in this page, and every number is given twice: judged against what the records say, and against what was true.',
  controlsHeading: 'Settings',
  controls: {
    preset: { label: 'Preset', help: 'Which world to simulate: each preset is a set of stated assumptions from synthetic/.' },
    baseRate: { label: 'Children truly at risk', help: 'The base rate: how many children in 100 really are at risk.' },
    visibility: {
      label: (where: string) => `How much more visible group B is to ${where}`,
      help: 'How many times as likely a true circumstance of a group B child is to be recorded as one of a group A child.',
    },
    detection: { label: 'Outcome detection', help: 'The chance that a child truly at risk is recorded as a concern, before agency contact.' },
    contact: {
      label: 'Rise in detection with agency contact',
      help: 'How much of the undetected gap closes for families agencies know best (0: none; 1: all of it).',
    },
    leakage: {
      label: 'Leakage: records created because of a concern',
      help: 'When on, a recorded concern creates records of its own (a police marker, a missing-episode report) that the model then learns from.',
    },
    pointRule: { label: 'Flag by', threshold: 'score threshold', list: 'list size', help: 'Draw the line at a score, or flag a fixed number of children (a weekly list).' },
    threshold: { label: 'Threshold', help: 'Every test child whose score is at least this is flagged. Moving it never refits.' },
    extremes: (between: number, total: number) =>
      `${between === 0 ? 'No' : `Only ${count(between)} of ${count(total)}`} score${between === 1 ? '' : 's'} ${between === 1 ? 'lies' : 'lie'} between 0.01 and 0.99: the model is all but certain about nearly every child, so most thresholds flag the same children. With leakage on, records the concern itself created give the label away.`,
    listSize: { label: 'List size', help: 'The highest-scoring test children are flagged. Moving it never refits.' },
    seed: {
      label: 'Seed',
      help: 'Which random children. The same preset, settings and seed give the same children and numbers as risklab run.',
      newSeed: 'New children',
    },
    reset: 'Back to the preset',
  },
  presetValue: (value: string) => `preset: ${value}`,
  off: 'off',
  on: 'on',
  status: {
    busy: 'Drawing, recording and refitting…',
    done: (ms: number, children: number) => `Refitted in ${Math.round(ms).toLocaleString('en-GB')} ms on ${count(children)} children.`,
  },
  cannotFit: (reason: string) => `No model could be fitted with these settings: ${reason}. Raise the base rate or the detection.`,
  internalError: (reason: string) => `Something went wrong in the simulation: ${reason}`,
  headline: {
    records: 'Judged against the records',
    truth: 'Judged against the truth',
    precision: 'right when it flags',
    recall: 'of those at risk it finds',
    precisionRecords: 'of flagged children have a recorded concern',
    recallRecords: 'of children with a recorded concern are flagged',
    precisionTruth: 'of flagged children are truly at risk',
    recallTruth: 'of children truly at risk are flagged',
    sentence: (p: { rp: string; rr: string; tp: string; tr: string }) =>
      `The records say ${p.rp} in 10 flagged children have a concern and ${p.rr} in 10 with a concern are found. In truth ${p.tp} in 10 flagged are at risk and ${p.tr} in 10 at risk are found.`,
    nobody: 'Nobody is flagged at this setting.',
    flagged: (flagged: number, test: number) => `${count(flagged)} of ${count(test)} test children flagged.`,
  },
  arrays: {
    records: 'What the records say',
    truth: 'What was true',
    intro: (test: number) =>
      `Each picture is 1,000 children in the same proportions as the ${count(test)} test children. Same children, same flags: only what counts as "at risk" differs.`,
    categoriesRecords: ['flagged, concern recorded', 'flagged, no concern recorded', 'concern recorded, not flagged', 'no concern recorded, not flagged'] as const,
    categoriesTruth: ['flagged, at risk', 'flagged, not at risk', 'at risk, missed', 'not at risk, not flagged'] as const,
    roundedToZero: (n: number) => `${n === 1 ? 'One kind of child is' : 'Some kinds of child are'} fewer than 1 in 1,000 and get no icon.`,
    svgLabel: (which: string, counts: readonly number[], words: readonly string[]) =>
      `${which}: of 1,000 children, ${counts.map((c, k) => `${c} ${words[k]}`).join('; ')}.`,
  },
  groups: {
    heading: 'Group A and group B',
    shareFlagged: 'Share of the group flagged',
    falseAlarmTruth: 'False alarms in truth: of children not at risk, share flagged',
    falseAlarmRecords: 'False alarms on the records: of children with no recorded concern, share flagged',
    ratio: (what: string, r: string) => `Group B: ${r} times group A's ${what}.`,
    sizes: (a: number, b: number) => `${count(a)} test children in group A, ${count(b)} in group B.`,
    notMoreVisible: 'Group B is not more visible than group A with these settings.',
  },
  cards: {
    pairHeading: 'Same child, different record',
    pairHint:
      'Children who share every true circumstance have few of them, so they rarely reach a short list: a longer list, or group B more visible, makes such a pair likelier.',
    pairIntro: (tolerance: string) =>
      `Two test children with exactly the same true circumstances and the same true risk (within ${tolerance}), one from each group. Agencies saw more of the group B child's life, and only that child is on the list.`,
    leakHeading: 'A record made after the concern',
    leakIntro: 'A child whose records include one created because a concern had already been recorded, scored by the same model with and without it.',
    madeUp: 'names made up',
    age: (age: number) => `aged ${age}`,
    onList: 'ON THE LIST',
    offList: 'NOT ON THE LIST',
    rank: (rank: number, of: number) => `ranked ${count(rank)} of ${count(of)}`,
    score: 'score',
    trueRisk: 'true risk',
    harmed: 'truly harmed',
    concern: 'concern on record',
    yes: 'yes',
    no: 'no',
    circumstance: 'Circumstance',
    whatWasTrue: 'true',
    recordedFor: (name: string) => `recorded for ${name}`,
    recorded: 'recorded',
    notRecorded: 'not recorded',
    falseRecord: 'recorded, not true',
    leaked: 'created after the concern',
    sameTruth: 'Same truth for both',
    nothing: 'Nothing true and nothing on record.',
    leakScores: (name: string, withIt: string, without: string) => `${name}'s score: ${withIt} with these records, ${without} without them.`,
    leakVerdict: (listed: boolean, listedWithout: boolean) =>
      listed && !listedWithout
        ? 'On the list only because of records the concern itself created.'
        : listed
          ? 'Still on the list without them.'
          : listedWithout
            ? 'Would be on the list without them.'
            : 'Not on the list either way.',
    leakedRecords: 'Created after the concern was recorded',
    count: (n: number) => `${n}`,
  },
  about: {
    heading: 'How this works',
    pipeline: (children: number, train: number, test: number, split: string) =>
      `${count(children)} synthetic children a year are drawn and recorded in this page by the lab's own code; ${split} A logistic regression is fitted on ${count(train)} children's records only and scores the ${count(test)} test children. No data leave the page.`,
    holdout: 'a random 30% of households are kept back as test children.',
    cohort: 'the model is trained on one year and tested on the next year’s children.',
    parity: (seed: string) =>
      `Seed ${seed}. The same preset, settings and seed give the same numbers as risklab run with these settings as an experiment's scenario overrides.`,
    names: 'Children on the cards have made-up first names; they are synthetic.',
  },
};
