import { z } from 'zod';
import { DOMAINS, DEFAULT_CATALOGUE } from './catalogue.js';
import type { Domain } from '../population/types.js';

/**
 * The scenario config. Strict: an unknown key is an error. Every field has
 * its default written next to it. The `error` strings say what was expected;
 * `formatIssue` (validate.ts) turns them into
 * `<field path> must be <expected>; got <value>`.
 */

const E = {
  rate: 'a number in [0, 1]',
  openRate: 'a number in (0, 1)',
  positiveInt: 'a whole number ≥ 1',
  nonNegative: 'a number ≥ 0',
  number: 'a number',
  name: 'a non-empty name of at most 200 characters',
  text: 'a text of at most 10,000 characters',
};

const rate = () => z.number({ error: E.rate }).min(0, { error: E.rate }).max(1, { error: E.rate });
const openRate = () => z.number({ error: E.openRate }).gt(0, { error: E.openRate }).lt(1, { error: E.openRate });
const positiveInt = () => z.int({ error: E.positiveInt }).min(1, { error: E.positiveInt });
const nonNegative = () => z.number({ error: E.nonNegative }).min(0, { error: E.nonNegative });
const num = () => z.number({ error: E.number });
/** Names (attributes, levels, circumstances, claims) are short: a 5 MB name would be copied into every table, chart and report. */
const name = () => z.string({ error: E.name }).min(1, { error: E.name }).max(200, { error: E.name });
const text = () => z.string({ error: E.text }).max(10_000, { error: E.text });
const domain = () => z.enum(DOMAINS, { error: `one of ${DOMAINS.join(', ')}` });

/** attribute → level → number (e.g. `{ deprivation: { high: 2.2 } }`). */
const byGroup = (expected: string) =>
  z.record(z.string(), z.record(z.string(), z.number({ error: expected })), {
    error: 'an object of attribute → level → number',
  });

export const sourceSchema = z.strictObject({
  /** What the number is. */
  claim: name(),
  /** Where it comes from (or why it is an assumption). */
  source: text().default(''),
  confidence: z.enum(['high', 'medium', 'low', 'assumption'], {
    error: 'one of high, medium, low, assumption',
  }),
});

export const groupLevelSchema = z.strictObject({ name: name(), share: rate() });

export const groupAttributeSchema = z.strictObject({
  attribute: name(),
  levels: z.array(groupLevelSchema, { error: 'a list of { name, share }' }).min(1, { error: 'at least one level' }),
  /** `household`: siblings share the level (ethnicity, deprivation); `child`: drawn per child (sex). Default `household`. */
  level: z.enum(['child', 'household'], { error: 'child or household' }).default('household'),
});

export const DEFAULT_GROUPS = [
  {
    attribute: 'sex',
    level: 'child' as const,
    levels: [
      { name: 'female', share: 0.49 },
      { name: 'male', share: 0.51 },
    ],
  },
  {
    attribute: 'ethnicity',
    level: 'household' as const,
    levels: [
      { name: 'white', share: 0.78 },
      { name: 'asian', share: 0.08 },
      { name: 'black', share: 0.07 },
      { name: 'mixed', share: 0.05 },
      { name: 'other', share: 0.02 },
    ],
  },
  {
    attribute: 'deprivation',
    level: 'household' as const,
    levels: [
      { name: 'high', share: 0.3 },
      { name: 'middle', share: 0.4 },
      { name: 'low', share: 0.3 },
    ],
  },
];

export const populationSchema = z.strictObject({
  /** Children per cohort. Default 10,000. */
  size: positiveInt().default(10_000),
  /** Youngest and oldest age in years, inclusive. Default [10, 17]. */
  ageMin: z.int({ error: 'a whole number of years in [0, 17]' }).min(0, { error: 'a whole number of years in [0, 17]' }).max(17, { error: 'a whole number of years in [0, 17]' }).default(10),
  ageMax: z.int({ error: 'a whole number of years in [0, 17]' }).min(0, { error: 'a whole number of years in [0, 17]' }).max(17, { error: 'a whole number of years in [0, 17]' }).default(17),
  /** Mean children per household (1 + Poisson(mean − 1)). Default 1.8. */
  householdSize: z.number({ error: 'a number in [1, 6]' }).min(1, { error: 'a number in [1, 6]' }).max(6, { error: 'a number in [1, 6]' }).default(1.8),
  /** Share of latent vulnerability shared by siblings (intra-family correlation). Default 0.4. */
  familyCorrelation: rate().default(0.4),
  /** Group attributes. Default: sex (child), ethnicity and deprivation (household); all ASSUMED shares. */
  groups: z.array(groupAttributeSchema, { error: 'a list of group attributes' }).default(DEFAULT_GROUPS),
});

export const circumstanceSchema = z.strictObject({
  name: name(),
  label: text().max(200, { error: 'a label of at most 200 characters' }).default(''),
  domain: domain(),
  type: z.enum(['binary', 'count'], { error: 'binary or count' }).default('binary'),
  /** `household`: one value per family (housing, welfare, family domains). */
  level: z.enum(['child', 'household'], { error: 'child or household' }).default('child'),
  /** Share with the circumstance (binary) or mean count (count), before group ratios. */
  prevalence: z.number({ error: 'a number in [0, 1) for binary, ≥ 0 for counts' }).min(0, { error: 'a number ≥ 0' }),
  /** Loading on the shared latent vulnerability (co-occurrence). Default 1. */
  loading: nonNegative().default(1),
  /** Log-odds effect on the outcome per unit (counts capped at 5), before separability scaling. Default 0. */
  effect: num().default(0),
  /** Multipliers on prevalence by group level: true structural differences, not recording bias. Default none. */
  groupRatios: byGroup('a positive multiplier').default({}),
});

/** Partial override of a catalogue circumstance, by name. */
export const circumstanceOverrideSchema = circumstanceSchema.partial().omit({ name: true });

export const outcomeSchema = z.strictObject({
  /** Target prevalence of yTrue: the mean of pTrue over the drawn cohort equals it to 1e-6. Default 0.05. */
  baseRate: openRate().default(0.05),
  /**
   * Target separability: the expected AUC of pTrue against yTrue (the mean over redraws of yTrue). The
   * scale of true risk is found by bisection so that the expected AUC over the calibration sample (the
   * first max(50,000, 500 / baseRate) children, or the whole cohort if smaller) equals it to about 1e-4;
   * over a larger cohort the expected AUC differs by that sample's own variation (within ±0.01, tested).
   * The AUC realised on one draw of yTrue adds sampling error: Hanley–McNeil SE about 0.004 at 100,000
   * children and base rate 0.05 (`risklab generate` prints both). Default 0.8.
   */
  oracleAuc: z.number({ error: 'a number in (0.5, 1)' }).gt(0.5, { error: 'a number in (0.5, 1)' }).lt(1, { error: 'a number in (0.5, 1)' }).default(0.8),
  /** Weight of the latent vulnerability in the true risk. Default 0.5. */
  latentWeight: nonNegative().default(0.5),
  /** Weight of child-level risk that no agency records (unobserved). Default 0.6. */
  unobservedWeight: nonNegative().default(0.6),
  /** Log-odds shifts by group level (true differences in risk). Default none. */
  groupEffects: byGroup('a log-odds shift').default({}),
  /** Log-odds per year of age above ageMin. Default 0.1. */
  ageEffect: num().default(0.1),
});

export const domainRecordingSchema = z.strictObject({
  /** Probability that a true circumstance in this domain is recorded. */
  visibility: rate(),
  /** Probability that an absent circumstance is recorded anyway. Default 0.002. */
  falseRecordRate: rate().default(0.002),
});

/** Default recording per domain: ASSUMPTIONS (universal services see more; health and family data join least). */
export const DEFAULT_DOMAIN_RECORDING: Record<Domain, { visibility: number; falseRecordRate: number }> = {
  education: { visibility: 0.9, falseRecordRate: 0.002 },
  missing: { visibility: 0.6, falseRecordRate: 0.001 },
  police: { visibility: 0.5, falseRecordRate: 0.002 },
  socialCare: { visibility: 0.8, falseRecordRate: 0.001 },
  health: { visibility: 0.4, falseRecordRate: 0.001 },
  housing: { visibility: 0.7, falseRecordRate: 0.002 },
  welfare: { visibility: 0.95, falseRecordRate: 0.005 },
  family: { visibility: 0.4, falseRecordRate: 0.002 },
};

export const groupRecordingSchema = z.strictObject({
  attribute: name(),
  level: name(),
  /** Domains it applies to. Default: every domain. */
  domains: z.array(domain()).optional(),
  /** Multiplies visibility (result capped at 1). Default 1. */
  visibilityMultiplier: nonNegative().default(1),
  /** Multiplies the false-record rate (capped at 1). Default 1. */
  falseRecordMultiplier: nonNegative().default(1),
});

export const contactSchema = z.strictObject({
  /** Probit intercept of a family's agency-contact level. Default −0.5. */
  baseline: num().default(-0.5),
  /** How much family vulnerability raises contact. Default 0.6. */
  latentLoading: nonNegative().default(0.6),
  /** Probit shifts of contact by group level (families more visible to agencies). Default none. */
  groupShift: byGroup('a probit shift').default({}),
  /** Share of the unrecorded gap closed at full contact: v' = v + (1 − v)·boost·contact. Default 0.3. */
  visibilityBoost: rate().default(0.3),
});

export const leakageSchema = z.strictObject({
  /** Probability that a recorded outcome creates each leakage record. Default 0 (no leakage). */
  probability: rate().default(0),
  /** Circumstances whose records a recorded outcome creates (a missing episode re-coded, a police marker…). Default none. */
  circumstances: z.array(name()).default([]),
});

export const outcomeRecordingSchema = z.strictObject({
  /** Probability that a true outcome is detected and recorded. Default 0.6. */
  detection: rate().default(0.6),
  /** Multipliers on detection by group level (capped at 1). Default none. */
  detectionByGroup: byGroup('a positive multiplier').default({}),
  /** Share of the undetected gap closed at full agency contact. Default 0.3. */
  detectionContactBoost: rate().default(0.3),
  /** Probability that a child without the outcome is recorded with it. Default 0.002. */
  falseRecordRate: rate().default(0.002),
  leakage: leakageSchema.prefault({}),
});

export const recordingSchema = z.strictObject({
  /** Per domain: visibility and false-record rate. Defaults in DEFAULT_DOMAIN_RECORDING. */
  domains: z
    .partialRecord(domain(), domainRecordingSchema, { error: 'an object of domain → { visibility, falseRecordRate }' })
    .default({}),
  /** Per group: visibility and false-record multipliers, optionally for some domains only. */
  groups: z.array(groupRecordingSchema, { error: 'a list of { attribute, level, ... }' }).default([]),
  contact: contactSchema.prefault({}),
  outcome: outcomeRecordingSchema.prefault({}),
});

export const driftSchema = z.strictObject({
  /** First cohort (2 = the second year) from which the change holds. */
  fromCohort: z.int({ error: 'a whole number ≥ 2' }).min(2, { error: 'a whole number ≥ 2' }),
  /** Domains whose visibility changes. Default: every domain. */
  domains: z.array(domain()).optional(),
  /** Restrict to one group level. */
  attribute: z.string().optional(),
  level: z.string().optional(),
  visibilityMultiplier: nonNegative().default(1),
  detectionMultiplier: nonNegative().default(1),
  /** Multiplies the true base rate from this cohort on (the world itself changes; applies to everyone). Default 1. */
  baseRateMultiplier: z.number({ error: 'a positive number' }).gt(0, { error: 'a positive number' }).default(1),
});

export const cohortsSchema = z.strictObject({
  /** Successive yearly cohorts drawn from the same world. Default 1. */
  count: positiveInt().default(1),
  drift: z.array(driftSchema).default([]),
});

/**
 * The feedback loop of an experiment with rounds (the experiment's
 * `rounds`): what being on one round's list does to the next round. Absent
 * by default — a scenario without it is not changed by any list, and
 * experiments without rounds never read it. See
 * src/experiment/rounds/loop.ts for how rounds run.
 */
export const feedbackSchema = z.strictObject({
  /**
   * Extra agency contact for a child on the list, in the next round: the
   * child's contact level c becomes c + (1 − c)·listContact (so it stays in
   * [0, 1]). Contact raises both how visible the child's circumstances are
   * (`recording.contact.visibilityBoost`) and how likely an outcome is
   * detected (`recording.outcome.detectionContactBoost`). 0 switches the loop
   * off. Default 0.5 (ASSUMPTION: a listed child is discussed at multi-agency
   * meetings and visited; no published figure).
   */
  listContact: rate().default(0.5),
  /** The extra contact reaches every child of a listed child's household (siblings are visited too). Default false. */
  households: z.boolean({ error: 'true or false' }).default(false),
  /**
   * Share of a child's extra contact that remains one round after the child
   * leaves the list (it decays geometrically: listContact·persistence^k
   * after k rounds off the list). Default 0.5 (ASSUMPTION).
   */
  persistence: rate().default(0.5),
  /**
   * Relative reduction of true risk while the extra contact lasts — the help
   * the list brings: pTrue becomes pTrue·(1 − interventionEffect·e/listContact)
   * for a child with extra contact e. Default 0: the list changes records,
   * never the truth. Any other value is an ASSUMPTION, and the scenario's
   * sources should say so.
   */
  interventionEffect: rate().default(0),
  /**
   * How the council corrects its training records for its own list.
   * `none`: it trains on the records as they stand. `inverse-propensity`:
   * each recorded outcome of a child whose contact the list raised is kept
   * in training with probability p₀/p₁ — its detection probability without
   * the list's extra contact over that with it — and otherwise treated as
   * unrecorded (a seeded thinning: in expectation the training labels have
   * the rates the records would have had without the list; Ensign et al.
   * 2018's inverse-propensity correction, in a form every model can fit).
   * Scoring still reads the records as they stand. Default `none`.
   */
  correction: z.enum(['none', 'inverse-propensity'], { error: 'none or inverse-propensity' }).default('none'),
});

export const scenarioSchema = z.strictObject({
  /** Root seed: required, no hidden default. */
  seed: z.union([z.int(), z.string().min(1)], { error: 'a whole number or a non-empty string' }),
  name: z.string({ error: 'a name of at most 200 characters' }).max(200, { error: 'a name of at most 200 characters' }).default('custom'),
  description: text().default(''),
  /** Where the numbers come from, each with a confidence. */
  sources: z.array(sourceSchema).default([]),
  population: populationSchema.prefault({}),
  /** The true circumstances. Default: the 32-entry catalogue. */
  circumstances: z.array(circumstanceSchema).default(DEFAULT_CATALOGUE.map((e) => ({ ...e, groupRatios: {} }))),
  /** Changes to named circumstances of the list above (usually the default catalogue). */
  circumstanceOverrides: z.record(z.string(), circumstanceOverrideSchema).default({}),
  outcome: outcomeSchema.prefault({}),
  recording: recordingSchema.prefault({}),
  cohorts: cohortsSchema.prefault({}),
  /** What a list does to the next round, in an experiment with rounds (see `feedbackSchema`). Default absent: nothing. */
  feedback: feedbackSchema.optional(),
});

/** A scenario as written (defaults not yet filled). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** The parsed schema output, before cross-field resolution. */
export type ParsedScenario = z.output<typeof scenarioSchema>;
