import { z } from 'zod';
import type { OperatingPointSpec } from '../metrics/evaluate.js';
import type { SplitSpec } from '../split/index.js';
import { listSchema } from './list/schema.js';

/**
 * An experiment definition: a short declarative object (see experiments/
 * and docs/writing-an-experiment.md). Strict like the scenario schema; every
 * field has its meaning and its default written next to it. An experiment
 * file is the whole definition of a question AND its answer: what to run,
 * which numbers answer the question (`findings`), what counts as holding
 * (`band`), the criteria a model is held to (`criteria`) and the sentence
 * that opens the report (`headline`).
 */

const E = {
  name: 'a non-empty name',
  positiveInt: 'a whole number ≥ 1',
  rate: 'a number in [0, 1]',
};
const name = () => z.string({ error: E.name }).min(1, { error: E.name });
const positiveInt = () => z.int({ error: E.positiveInt }).min(1, { error: E.positiveInt });
const rate = () => z.number({ error: E.rate }).min(0, { error: E.rate }).max(1, { error: E.rate });
const finite = () => z.number({ error: 'a finite number' }).refine(Number.isFinite, { error: 'a finite number' });
/** Partial scenario settings merged over a preset (objects merge, arrays and values replace). */
const overrides = () => z.record(z.string(), z.unknown(), { error: 'an object of scenario settings' }).default({});

/**
 * Where a data-dependent cut is chosen. Absent or 'test' (default): on the
 * test set's scores and records, as every table did before (the name is
 * unchanged: "precision=0.65"). 'train': on the training rows' scores (in
 * sample: the model scoring the children it was fitted on) against the
 * label it was trained on, then fixed as a score threshold and applied to
 * the test set — what a practitioner can actually do, who sets the cut on
 * last year's data and uses it next year. Named "train:precision=0.65".
 * Needs a split with held-out test children (holdout or cohort, not kfold
 * or all) and an experiment without rounds; never "the list" of `list`.
 */
const on = () => z.enum(['test', 'train'], { error: "'test' (the cut chosen on the test set, the default) or 'train' (chosen on the training rows, then fixed)" }).optional();

export const operatingPointSchema = z.discriminatedUnion(
  'rule',
  [
    /**
     * Flag every child scoring `value` or more. The cut is the same on any
     * data, so `on` may only be 'test' (refused with 'train').
     */
    z.strictObject({
      rule: z.literal('threshold'),
      value: rate(),
      on: z.literal('test', { error: "'test': a threshold is the same cut on the training and the test rows, so it is never chosen on the training rows (for a cut set on training data use rule topK, topShare, recall or precision with on: 'train')" }).optional(),
    }),
    /** A list of exactly `value` children, highest scores first (ties by row order). */
    z.strictObject({ rule: z.literal('topK'), value: z.int({ error: 'a whole number ≥ 0' }).min(0, { error: 'a whole number ≥ 0' }), on: on() }),
    /** The top `value` share of children. */
    z.strictObject({ rule: z.literal('topShare'), value: rate(), on: on() }),
    /** The shortest list that catches `value` of the recorded cases. */
    z.strictObject({ rule: z.literal('recall'), value: rate(), on: on() }),
    /** The longest list whose precision on the records is at least `value`. */
    z.strictObject({ rule: z.literal('precision'), value: rate(), on: on() }),
  ],
  { error: 'an object { rule: threshold | topK | topShare | recall | precision, value, on? }' },
);

export const splitSchema = z.discriminatedUnion(
  'kind',
  [
    /** Random holdout by household within cohort 1. `testShare` default 0.3. */
    z.strictObject({ kind: z.literal('holdout'), testShare: z.number().gt(0, { error: 'a number in (0, 1)' }).lt(1, { error: 'a number in (0, 1)' }).default(0.3) }),
    /** k-fold by household within cohort 1: out-of-fold scores for every child. `k` default 5. */
    z.strictObject({ kind: z.literal('kfold'), k: z.int().min(2, { error: 'a whole number ≥ 2' }).max(20, { error: 'a whole number ≤ 20' }).default(5) }),
    /** Train on one whole cohort, test on a later one (out of time). `train` default 1, `test` default 2. */
    z.strictObject({ kind: z.literal('cohort'), train: positiveInt().default(1), test: positiveInt().default(2) }),
    /**
     * Fit on every child of cohort 1 and score them all (in sample): what a
     * council does when it scores its own database with a model trained on
     * it. The split of an experiment with `rounds`.
     */
    z.strictObject({ kind: z.literal('all') }),
  ],
  { error: 'an object { kind: holdout | kfold | cohort | all, ... }' },
);

export const modelSpecSchema = z.strictObject({
  /** A registry name: points, logistic, forest, boosting, neural, oracle, random. */
  name: name(),
  /** Label in tables and findings; default the name. Must be unique within the experiment. */
  label: z.string().optional(),
  /** Hyper-parameters (see each model's params). Default {} (the model's defaults). */
  params: z.record(z.string(), z.unknown()).default({}),
  /** Hyper-parameters used instead with --quick (smaller, faster). Default: `params`. */
  quickParams: z.record(z.string(), z.unknown()).optional(),
});

// ---- findings ----

/** A name, a list of names, or "*" for every one. */
const names = () => z.union([name(), z.array(name(), { error: 'a list of names' }).min(1, { error: 'at least one name' })], { error: 'a name, a list of names, or "*"' });
const labelName = () => z.enum(['yRecorded', 'yTrue'], { error: 'yRecorded (the records) or yTrue (the truth)' });

/** The fields of a selection; every one names things BY NAME (labels of the experiment), never by position. */
function selectionFields() {
  return {
    /** Scenario label(s) of `scenarios`, or "*" for every scenario. Default "*". */
    scenario: names(),
    /** Grid cell label(s) of `grid`, or "*" for every cell. Default "*". */
    cell: names(),
    /** Model label(s), or "*" for every model that is not a baseline (not oracle or random). Default "*". */
    model: names(),
    /** Judged against the records (yRecorded) or the truth (yTrue). Required wherever a metric or a count is read. */
    label: labelName(),
    /** An operating point by its name ("threshold=0.5", "topK=1000"). Default: the headline (first) operating point. */
    operatingPoint: name(),
    /**
     * What to read: a metric (precision, recall, fpr, fnr, selectionRate,
     * prevalence, flagsPerTrueCase, … auc, averagePrecision, brier) or a
     * count of children (tp, fp, fn, tn, n, positives, flagged). Required
     * unless `derive` reads its own (equalRiskGap, closedFormCheck).
     */
    metric: name(),
    /** "all", a group attribute of `groups`, or an intersection "a × b". Default "all". */
    attribute: name(),
    /** A level of `attribute` ("all" when attribute is "all"). Default "all". */
    group: name(),
    /** In an experiment with `rounds`: the round (1 = the first year), or "last". Default "last". Refused without rounds. */
    round: z.union([positiveInt(), z.literal('last')], { error: 'a round number ≥ 1 or "last"' }),
  };
}

const f = selectionFields();
/** What a finding reads. */
export const selectSchema = z.strictObject({
  ...f,
  scenario: f.scenario.default('*'),
  cell: f.cell.default('*'),
  model: f.model.default('*'),
  label: f.label.optional(),
  operatingPoint: f.operatingPoint.optional(),
  metric: f.metric.optional(),
  attribute: f.attribute.default('all'),
  group: f.group.default('all'),
  round: f.round.optional(),
});
/** One side of a derivation: the finding's `select` with these fields replaced. */
const sideSchema = z.strictObject(f).partial();

export const deriveSchema = z.discriminatedUnion(
  'kind',
  [
    /** Per replicate: the value of `of` minus the value of `minus`. */
    z.strictObject({ kind: z.literal('difference'), of: sideSchema, minus: sideSchema }),
    /** Per replicate: `of` ÷ `over` (NaN when `over` is 0: the metrics module's one zero-denominator rule). */
    z.strictObject({ kind: z.literal('ratio'), of: sideSchema, over: sideSchema }),
    /** Per replicate: `part` as a share of `whole` (part ÷ whole; NaN when whole is 0). */
    z.strictObject({ kind: z.literal('share'), part: sideSchema, whole: sideSchema }),
    /**
     * Per replicate: how much of the number in grid cell `from` is gone in
     * cell `to` (from − to): the part owed to what `to` switches off. With
     * `relative: true`, as a share of `from`. Default relative false.
     */
    z.strictObject({ kind: z.literal('attribution'), from: name(), to: name(), relative: z.boolean().default(false) }),
    /**
     * Per replicate: the mean score gap `of` − `minus` between two levels of
     * `attribute` among children of equal true risk (the mean over tenths of
     * pTrue of the difference in mean score). Reads scores, not a metric.
     */
    z.strictObject({ kind: z.literal('equalRiskGap'), attribute: name(), of: name(), minus: name() }),
    /**
     * Per replicate: precision − R·π/(R·π + FPR·(1 − π)), with the recall R,
     * false-positive rate and prevalence π of the same selection: the
     * closed form that links precision to the base rate (0 up to rounding).
     */
    z.strictObject({ kind: z.literal('closedFormCheck') }),
    /**
     * Per replicate: how much of the gap between an expected value `from`
     * and an observed value `to` the selected value explains: (from −
     * value) ÷ (from − to). 0: none of it (the value is `from`); 1: all of
     * it (the value is `to`); above 1: more than all. E.g. from 0.5 (the
     * least precision a calibrated model flagging at a 0.5 threshold has)
     * to 0.42 (What Works' observed precision). `from` and `to` must differ.
     */
    z
      .strictObject({ kind: z.literal('gapShare'), from: finite(), to: finite() })
      .refine((d) => d.from !== d.to, { error: 'from and to must differ' }),
  ],
  { error: 'an object { kind: difference | ratio | share | attribution | equalRiskGap | closedFormCheck | gapShare, ... }' },
);

/** What counts as holding: the median across replicates must lie in the band. */
export const bandSchema = z
  .strictObject({
    /** Lowest value that holds (included). */
    min: finite().optional(),
    /** Highest value that holds (included). */
    max: finite().optional(),
    /** Values above this hold (excluded). */
    above: finite().optional(),
    /** Values below this hold (excluded). */
    below: finite().optional(),
    /** Where the band comes from (a published figure, a target the scenario was built to reach). Required. */
    source: name(),
  })
  .refine((b) => [b.min, b.max, b.above, b.below].some((x) => x !== undefined), { error: 'a band with at least one of min, max, above, below' })
  .refine((b) => b.min === undefined || b.above === undefined, { error: 'a band with min or above, not both' })
  .refine((b) => b.max === undefined || b.below === undefined, { error: 'a band with max or below, not both' });

const dimension = () => z.enum(['scenario', 'cell', 'model', 'round'], { error: 'scenario, cell, model or round' });

export const findingSchema = z.strictObject({
  /**
   * The finding's name, used by the headline template ("{precision}"). With
   * `forEach`, each expansion is named `id[value]` ("left[logistic]"), one
   * bracket per dimension in `forEach` order. Letters, digits, - and _.
   */
  id: z.string({ error: 'an id' }).regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: 'an id of letters, digits, - and _ (starting with a letter)' }),
  /**
   * What is measured, in words: a template whose {placeholders} are filled
   * from the run — {model}, {cell}, {scenario}, {label}, {op}, {op.value},
   * {group}, {config.population.size}, {winner.model}… (see
   * docs/writing-an-experiment.md for the list and the |filters).
   */
  claim: name(),
  /** What to read (by name). */
  select: selectSchema,
  /** Expand into one finding per scenario, grid cell, model or round (with `rounds`) of the selection (or per combination, in the order given). Default: none. */
  forEach: z.union([dimension(), z.array(dimension()).min(1)]).optional(),
  /**
   * How to combine several matching rows within one replicate: median, mean,
   * sum, min or max across them; or highest / lowest: the single
   * combination (cell × model) whose median across replicates is highest or
   * lowest, reported with which one won ({winner.model}, {winner.cell}).
   * Default none: the selection must match one row per replicate.
   */
  reduce: z.enum(['median', 'mean', 'sum', 'min', 'max', 'highest', 'lowest'], { error: 'median, mean, sum, min, max, highest or lowest' }).optional(),
  /** A number made from the selection: a difference, ratio, share, attribution, equal-risk gap or closed-form check. Default: the selected value itself. */
  derive: deriveSchema.optional(),
  /** The band the median must lie in, with its source. Default: none (the finding is reported without a verdict). */
  band: bandSchema.optional(),
});

export const experimentSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'a kebab-case name (a–z, 0–9, -)' }),
  /** The question this experiment answers, in one or two sentences. */
  question: name(),
  /** Where its numbers come from. Default none. */
  sources: z.array(z.string()).default([]),
  /** Root seed; replicate r of scenario s uses `${seed}:${s}:r${r}`. Required. */
  seed: z.union([z.int(), z.string().min(1)], { error: 'a whole number or a non-empty string' }),
  /** Scenario presets (with overrides) to run. Labels must differ and not be "*". */
  scenarios: z
    .array(z.strictObject({ label: name(), preset: name(), overrides: overrides() }), { error: 'a list of { label, preset, overrides }' })
    .min(1, { error: 'at least one scenario' }),
  /**
   * Grid cells: each applies its overrides on top of every scenario, and may
   * use its own `split` (default: the experiment's). Labels must differ and
   * not be "*". Default one cell, "base", with none.
   */
  grid: z
    .array(z.strictObject({ label: name(), value: z.number().optional(), overrides: overrides(), split: splitSchema.optional() }))
    .min(1, { error: 'at least one cell' })
    .default([{ label: 'base', overrides: {} }]),
  /** What the grid varies, for tables and charts (e.g. "visibility multiplier"). Default "". */
  gridLabel: z.string().default(''),
  models: z.array(modelSpecSchema).min(1, { error: 'at least one model' }),
  /** How to split children into training and test. Default holdout, testShare 0.3. */
  split: splitSchema.default({ kind: 'holdout', testShare: 0.3 }),
  /** Group attributes to break results down by. Default: every attribute of the scenario. */
  groups: z.array(name()).optional(),
  /** Pairs of attributes to cross (e.g. [["sex", "ethnicity"]]); both must be among `groups`. Default none. */
  intersections: z.array(z.tuple([name(), name()])).default([]),
  /** Operating points; the first is the headline. Each may say `on: 'train'` (its cut chosen on the training rows; see `on` above). Default: threshold 0.5. */
  operatingPoints: z.array(operatingPointSchema).min(1).default([{ rule: 'threshold', value: 0.5 }]),
  /** Include group attributes as model features. Default false. */
  includeGroups: z.boolean().default(false),
  /** Replicates (independent seeds). Default 10. */
  replicates: positiveInt().default(10),
  /** Success criteria every model is checked against, e.g. "precision ≥ 0.7" (parsed when resolved: a typo fails before any work). Default none. */
  criteria: z.array(z.string({ error: 'a criterion such as "precision ≥ 0.7"' })).default([]),
  /** Reference level per attribute for differences and ratios in groups.csv (default: the first level). */
  reference: z.record(z.string(), z.string()).default({}),
  /** Show per-group tables in summary.md. Default false (groups.csv always has them). */
  groupSummary: z.boolean().default(false),
  /**
   * A memorable case for trainers: in replicate 0 of each cell, two test
   * children of different levels of `attribute` with identical true
   * circumstances but different records, and where `model` puts them.
   * Default none.
   */
  example: z.strictObject({ attribute: name(), model: name() }).optional(),
  /**
   * The list as it is circulated (issue 17; src/experiment/list/schema.ts):
   * which operating point is "the list", the reasons given per child
   * (list.csv), reviewers, and week-by-week lists. Default: every default
   * of that schema — list.csv at the headline list rule, three reasons a
   * child, no reviewer, no weekly lists — without changing the resolved config.
   */
  list: listSchema.optional(),
  /** The experiment's answer: what it finds, each with its selection, derivation and band. Default none. */
  findings: z.array(findingSchema).default([]),
  /**
   * One or two plain sentences that open every report: a template over the
   * findings' ids ("right about {precision|percent} of the time"). Default
   * "" (reports open with the findings table).
   */
  headline: z.string().default(''),
  /**
   * How the pages name the outcome, so a reader sees the experiment's own
   * words ("cases that escalate") rather than a generic "at risk":
   * `cases` the children who have it (plural: "Of every 10 children at risk,
   * 3 are flagged"), `case` one of them with its article ("1 is a child at
   * risk"), `nonCases` the others ("Of every 1,000 children not at risk, 12
   * are flagged"). Default "children at risk", "a child at risk", "children
   * not at risk". Against the records the pages say "recorded as …".
   */
  outcome: z
    .strictObject({
      cases: name().default('children at risk'),
      case: name().default('a child at risk'),
      nonCases: name().default('children not at risk'),
    })
    .prefault({}),
  /**
   * Small numbers: a rate resting on fewer children than this (median
   * across replicates: flagged children for precision, children with the
   * outcome for recall, … see src/metrics/suppression.ts) is shown as
   * suppressed, with the reason, in the HTML and Markdown pages; a rate with
   * no children behind it is "not defined". 0 shows every defined rate.
   * Default 10 (UK official-statistics practice for small cells).
   */
  minCount: z.int({ error: 'a whole number ≥ 0' }).min(0, { error: 'a whole number ≥ 0' }).default(10),
  /**
   * Which numbers the one-page brief's pictures and its three numbers show:
   * a scenario, a grid cell and a model, each by name. "*" for `scenario`
   * or `cell` adds up every one (the counts of all settings together);
   * `model` is one model, default the first model that is not a baseline.
   * Default { scenario: "*", cell: "*" }.
   */
  brief: z
    .strictObject({ scenario: name().default('*'), cell: name().default('*'), model: name().optional() })
    .prefault({}),
  /**
   * Rounds (years) of a feedback loop: the same children followed round
   * after round; in each, every model is fitted on the records as they
   * stand and scores every child, and the list of model `list` at the
   * headline operating point changes the next round's records as the
   * scenario's `feedback` says (src/experiment/rounds/loop.ts). Needs
   * `split: { kind: 'all' }`. Every row of metrics.csv then carries its
   * round, findings select one with `round` (default the last) or expand
   * over them with `forEach: 'round'`, and an extra operating point
   * `ever:<headline>` counts the children listed in any round so far.
   * Default absent: one round, as every experiment without it.
   */
  rounds: z
    .strictObject({
      /** How many rounds. 1–50. */
      count: z.int({ error: 'a whole number in [1, 50]' }).min(1, { error: 'a whole number in [1, 50]' }).max(50, { error: 'a whole number in [1, 50]' }),
      /** The label of the model whose list feeds back. Default: the first model that is not a baseline. */
      list: name().optional(),
    })
    .optional(),
  /** Settings used with --quick: fewer replicates (default 2) and a smaller population (default 3,000 children). */
  quick: z
    .strictObject({ replicates: positiveInt().default(2), size: positiveInt().default(3000) })
    .prefault({}),
});

export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentConfig = z.output<typeof experimentSchema>;
/** An operating point as the experiment file writes it (the metrics module's `OperatingPointSpec`). */
export type OperatingPointConfig = z.output<typeof operatingPointSchema>;
export type SplitConfig = z.output<typeof splitSchema>;
export type ModelSpec = z.output<typeof modelSpecSchema>;
export type FindingConfig = z.output<typeof findingSchema>;
export type SelectConfig = z.output<typeof selectSchema>;
export type SideConfig = z.output<typeof sideSchema>;
export type DeriveConfig = z.output<typeof deriveSchema>;
export type BandConfig = z.output<typeof bandSchema>;

/** The file's forms are the metrics' and the split's own types: this fails to compile if they drift apart. */
type Assignable<A extends B, B> = A;
export type FileFormsMatch = [Assignable<OperatingPointConfig, OperatingPointSpec>, Assignable<SplitConfig, SplitSpec>];
