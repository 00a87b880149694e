import neutral from '../../synthetic/neutral.json' with { type: 'json' };
import thinkFamily from '../../synthetic/think-family.json' with { type: 'json' };
import twoGroups from '../../synthetic/two-groups.json' with { type: 'json' };
import whatWorks1 from '../../synthetic/what-works-1.json' with { type: 'json' };
import trap from '../../synthetic/trap.json' with { type: 'json' };
import type { Domain } from '../../src/population/types.js';

/**
 * The presets the explorer offers, imported from synthetic/ at build time
 * (the same JSON `risklab run` reads), with what the explorer needs to know
 * about each: which two groups it compares as "A" and "B", where group B's
 * extra visibility applies, how children are split into training and test,
 * and the operating point it opens on.
 *
 * "Group B" is always the group the preset makes (or can make) more visible
 * to agencies; "group A" the comparison group. two-groups has them by name.
 * The other presets use the default attributes (sex, ethnicity,
 * deprivation), so B is the most deprived third of families and A the least
 * deprived third; the middle third is in every total but in neither group.
 */

export type PresetName = 'think-family' | 'two-groups' | 'what-works-1' | 'trap' | 'neutral';

/** How children are split: by household within one cohort, or one yearly cohort then the next. */
export type ExplorerSplit = { readonly kind: 'holdout'; readonly testShare: number } | { readonly kind: 'cohort'; readonly train: number; readonly test: number };

/** Where the line is drawn: a score threshold, or a list of the top k test children. */
export type ExplorerOperatingPoint = { readonly rule: 'threshold'; readonly value: number } | { readonly rule: 'topK'; readonly value: number };

export interface ExplorerPreset {
  readonly name: PresetName;
  /** The scenario input exactly as in synthetic/<name>.json. */
  readonly input: Record<string, unknown>;
  /** The two groups compared: an attribute and its B (more visible) and A levels. */
  readonly groups: { readonly attribute: string; readonly b: string; readonly a: string };
  /** Domains where the visibility control multiplies group B's visibility (the preset's own rule for B when it has one). */
  readonly visibilityDomains: readonly Domain[];
  /** False when recording is already perfect (visibility 1 everywhere), so there is nothing to raise. */
  readonly visibilityEditable: boolean;
  /** Leakage used when the control is switched on for a preset that has none of its own (an explorer assumption, said on the page). */
  readonly leakageWhenOn: { readonly probability: number; readonly circumstances: readonly string[] };
  readonly split: ExplorerSplit;
  /** The operating point it opens on; a list is given as a share of the test children and rounded to whole children. */
  readonly openingPoint: { readonly rule: 'threshold'; readonly value: number } | { readonly rule: 'topShare'; readonly value: number };
}

const HOLDOUT: ExplorerSplit = { kind: 'holdout', testShare: 0.3 };
/** An assumption for presets without leakage: a recorded concern usually adds a missing-episode record and a sexual-health contact. */
const ASSUMED_LEAKAGE = { probability: 0.9, circumstances: ['missing_episodes', 'sexual_health'] };
const DEPRIVATION = { attribute: 'deprivation', b: 'high', a: 'low' };
const POLICE_AND_SOCIAL_CARE: readonly Domain[] = ['police', 'socialCare'];

export const PRESETS: readonly ExplorerPreset[] = [
  {
    name: 'think-family',
    input: thinkFamily,
    groups: DEPRIVATION,
    visibilityDomains: POLICE_AND_SOCIAL_CARE,
    visibilityEditable: true,
    leakageWhenOn: thinkFamily.recording.outcome.leakage,
    split: HOLDOUT,
    // Bristol's model flagged at a probability threshold; the bristol-mirroring experiment's headline is 0.5.
    openingPoint: { rule: 'threshold', value: 0.5 },
  },
  {
    name: 'two-groups',
    input: twoGroups,
    groups: { attribute: 'group', b: 'B', a: 'A' },
    visibilityDomains: POLICE_AND_SOCIAL_CARE,
    visibilityEditable: true,
    leakageWhenOn: ASSUMED_LEAKAGE,
    split: HOLDOUT,
    // The recording-bias experiment's operating point: the top 5%.
    openingPoint: { rule: 'topShare', value: 0.05 },
  },
  {
    name: 'what-works-1',
    input: whatWorks1,
    groups: DEPRIVATION,
    visibilityDomains: POLICE_AND_SOCIAL_CARE,
    visibilityEditable: true,
    leakageWhenOn: ASSUMED_LEAKAGE,
    // As in the What Works study and the what-works experiment: train on one year, test on the next, flag at 0.5.
    split: { kind: 'cohort', train: 1, test: 2 },
    openingPoint: { rule: 'threshold', value: 0.5 },
  },
  {
    name: 'trap',
    input: trap,
    groups: DEPRIVATION,
    // TRAP's own rule makes the most deprived third more visible to police and in missing-person records.
    visibilityDomains: trap.recording.groups[0].domains as Domain[],
    visibilityEditable: true,
    leakageWhenOn: trap.recording.outcome.leakage,
    split: HOLDOUT,
    // The capacity-list experiment's weekly list: 1,000 of 350,000 children, the same share here.
    openingPoint: { rule: 'topShare', value: 1000 / 350_000 },
  },
  {
    name: 'neutral',
    input: neutral,
    groups: DEPRIVATION,
    visibilityDomains: POLICE_AND_SOCIAL_CARE,
    visibilityEditable: false,
    leakageWhenOn: ASSUMED_LEAKAGE,
    split: HOLDOUT,
    openingPoint: { rule: 'topShare', value: 0.05 },
  },
];

export function presetByName(name: string): ExplorerPreset {
  const p = PRESETS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown explorer preset ${JSON.stringify(name)}; expected one of ${PRESETS.map((x) => x.name).join(', ')}`);
  return p;
}

/** The preset the explorer opens on. */
export const OPENING_PRESET: PresetName = 'think-family';
