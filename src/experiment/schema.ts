import { z } from 'zod';

/**
 * An experiment definition: a short declarative object (see experiments/).
 * Strict like the scenario schema; every field has its default next to it.
 */

const E = {
  name: 'a non-empty name',
  positiveInt: 'a whole number ≥ 1',
  rate: 'a number in [0, 1]',
};
const name = () => z.string({ error: E.name }).min(1, { error: E.name });
const positiveInt = () => z.int({ error: E.positiveInt }).min(1, { error: E.positiveInt });
const rate = () => z.number({ error: E.rate }).min(0, { error: E.rate }).max(1, { error: E.rate });
/** Partial scenario settings merged over a preset (objects merge, arrays and values replace). */
const overrides = () => z.record(z.string(), z.unknown(), { error: 'an object of scenario settings' }).default({});

export const operatingPointSchema = z.discriminatedUnion(
  'rule',
  [
    z.strictObject({ rule: z.literal('threshold'), value: rate() }),
    z.strictObject({ rule: z.literal('topK'), value: z.int({ error: 'a whole number ≥ 0' }).min(0, { error: 'a whole number ≥ 0' }) }),
    z.strictObject({ rule: z.literal('topShare'), value: rate() }),
    z.strictObject({ rule: z.literal('recall'), value: rate() }),
    z.strictObject({ rule: z.literal('precision'), value: rate() }),
  ],
  { error: 'an object { rule: threshold | topK | topShare | recall | precision, value }' },
);

export const splitSchema = z.discriminatedUnion(
  'kind',
  [
    /** Random holdout by household within cohort 1. */
    z.strictObject({ kind: z.literal('holdout'), testShare: z.number().gt(0, { error: 'a number in (0, 1)' }).lt(1, { error: 'a number in (0, 1)' }).default(0.3) }),
    /** k-fold by household within cohort 1: out-of-fold scores for every child. */
    z.strictObject({ kind: z.literal('kfold'), k: z.int().min(2, { error: 'a whole number ≥ 2' }).max(20, { error: 'a whole number ≤ 20' }).default(5) }),
    /** Train on one whole cohort, test on a later one (out of time). */
    z.strictObject({ kind: z.literal('cohort'), train: positiveInt().default(1), test: positiveInt().default(2) }),
  ],
  { error: 'an object { kind: holdout | kfold | cohort, ... }' },
);

export const modelSpecSchema = z.strictObject({
  /** A registry name: points, logistic, forest, boosting, neural, oracle, random. */
  name: name(),
  /** Label in tables; default the name. Must be unique within the experiment. */
  label: z.string().optional(),
  /** Hyper-parameters (see each model's params). */
  params: z.record(z.string(), z.unknown()).default({}),
  /** Hyper-parameters used instead with --quick (smaller, faster). */
  quickParams: z.record(z.string(), z.unknown()).optional(),
});

export const experimentSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'a kebab-case name (a–z, 0–9, -)' }),
  /** The question this experiment answers, in one or two sentences. */
  question: name(),
  /** Where its numbers come from. */
  sources: z.array(z.string()).default([]),
  /** Root seed; replicate r uses `${seed}:r${r}`. */
  seed: z.union([z.int(), z.string().min(1)], { error: 'a whole number or a non-empty string' }),
  /** Scenario presets (with overrides) to run. */
  scenarios: z
    .array(z.strictObject({ label: name(), preset: name(), overrides: overrides() }), { error: 'a list of { label, preset, overrides }' })
    .min(1, { error: 'at least one scenario' }),
  /** Grid cells: each applies its overrides on top of every scenario. Default one cell with none. */
  grid: z
    .array(z.strictObject({ label: name(), value: z.number().optional(), overrides: overrides() }))
    .min(1, { error: 'at least one cell' })
    .default([{ label: 'base', overrides: {} }]),
  /** What the grid varies, for tables and charts (e.g. "visibility multiplier"). */
  gridLabel: z.string().default(''),
  models: z.array(modelSpecSchema).min(1, { error: 'at least one model' }),
  split: splitSchema.default({ kind: 'holdout', testShare: 0.3 }),
  /** Group attributes to break results down by. Default: every attribute of the scenario. */
  groups: z.array(name()).optional(),
  /** Pairs of attributes to cross (e.g. [["sex", "ethnicity"]]). */
  intersections: z.array(z.tuple([name(), name()])).default([]),
  /** Operating points; the first is the headline. Default: threshold 0.5. */
  operatingPoints: z.array(operatingPointSchema).min(1).default([{ rule: 'threshold', value: 0.5 }]),
  /** Labels to judge against. Default both. */
  labels: z.array(z.enum(['recorded', 'true'], { error: 'recorded or true' })).min(1).default(['recorded', 'true']),
  /** Include group attributes as model features. Default false. */
  includeGroups: z.boolean().default(false),
  /** Replicates (independent seeds). Default 10. */
  replicates: positiveInt().default(10),
  /** Named success criteria, e.g. "precision ≥ 0.65". */
  criteria: z.array(z.string()).default(['precision ≥ 0.65']),
  /** Reference level per attribute for differences and ratios (default: the first level). */
  reference: z.record(z.string(), z.string()).default({}),
  /** Show per-group tables in summary.md. Default false (groups.csv always has them). */
  groupSummary: z.boolean().default(false),
  /**
   * A memorable case for trainers: in replicate 0 of each cell, two test
   * children of different levels of `attribute` with identical true
   * circumstances but different records, and where `model` puts them.
   */
  example: z.strictObject({ attribute: name(), model: name() }).optional(),
  /** Settings used with --quick: fewer replicates and a smaller population. */
  quick: z
    .strictObject({ replicates: positiveInt().default(2), size: positiveInt().default(3000) })
    .prefault({}),
});

export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentConfig = z.output<typeof experimentSchema>;
export type OperatingPointSpec = z.output<typeof operatingPointSchema>;
export type SplitSpec = z.output<typeof splitSchema>;
export type ModelSpec = z.output<typeof modelSpecSchema>;
