import type { ExperimentResult } from '../experiment/aggregate.js';
import { METRIC_NAMES } from '../metrics/index.js';
import { everPointName } from '../experiment/names.js';
import { csvShownText } from './csv.js';
import { isListMetric, LIST_METRIC_NAMES } from '../experiment/list/metrics.js';
import { LIST_METRIC_DEFINITIONS } from '../messages-list.js';

/**
 * The data dictionary of a results folder: every column of every CSV we
 * write, with its Table Schema type, its meaning, its unit and — where the
 * column takes a closed set of values — how to list them for one result.
 * The CSV writers (src/report/tables.ts) take their headers from here, and
 * `datapackage.json` and the folder's README.md are written from here, so a
 * column cannot be written without being described.
 *
 * Types are those of the Frictionless Table Schema
 * (https://specs.frictionlessdata.io/table-schema/#types-and-formats): a
 * `number` cell is a decimal, `NaN`, `INF` or `-INF` (src/report/csv.ts);
 * an `integer` cell is whole digits; a `boolean` cell is `true` or `false`;
 * an empty cell is a missing value (the schema's `missingValues: [""]`),
 * allowed only in columns that are not `required`.
 */

/** A Table Schema field type (the ones we write). */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean';

/** One documented column. */
export interface Column {
  readonly name: string;
  readonly type: FieldType;
  readonly description: string;
  /** What a number counts or measures (a risklab extension to the Table Schema field: `unit`). */
  readonly unit?: string;
  /** False when a cell may be empty (a missing value); default true. */
  readonly required?: boolean;
  /** The values the column takes in this result (Table Schema `enum`), as a spreadsheet shows them. */
  readonly values?: (result: ExperimentResult) => readonly (string | number | boolean)[] | undefined;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The labels as files spell them: `y_recorded` (judged against the records), `y_true` (against the truth). */
export const LABEL_FILE_NAMES = { yRecorded: 'y_recorded', yTrue: 'y_true' } as const;

/** A metric's name in files: snake_case ("flagsPerTrueCase" → "flags_per_true_case"). */
export const snakeCase = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Metrics summarised in groups.csv — and the only metrics metrics.csv keeps
 * for a group's rows (everyone's rows keep every metric): every other rate
 * of a group is recomputable from the counts on its rows (tp, fp, fn, tn).
 */
export const GROUP_METRICS = ['precision', 'recall', 'fpr', 'fnr', 'selectionRate', 'prevalence', 'flagsPerTrueCase', 'auc', 'averagePrecision'];

/** What each metric is, in the words of the README (file names: snake_case). */
export const METRIC_DEFINITIONS: Readonly<Record<string, string>> = {
  precision: 'tp / (tp + fp): of the children flagged, the share with label 1',
  recall: 'tp / (tp + fn): of the children with label 1, the share flagged',
  specificity: 'tn / (tn + fp): of the children with label 0, the share not flagged',
  fpr: 'fp / (fp + tn): false-positive rate; of the children with label 0, the share flagged',
  fnr: 'fn / (tp + fn): miss rate; of the children with label 1, the share not flagged',
  npv: 'tn / (tn + fn): of the children not flagged, the share with label 0',
  fdr: 'fp / (tp + fp): of the children flagged, the share with label 0 (1 − precision)',
  false_omission_rate: 'fn / (fn + tn): of the children not flagged, the share with label 1',
  f1: '2·tp / (2·tp + fp + fn): the harmonic mean of precision and recall',
  accuracy: '(tp + tn) / n',
  balanced_accuracy: '(recall + specificity) / 2',
  mcc: "Matthews correlation coefficient, from −1 to 1 (0: no better than chance)",
  selection_rate: '(tp + fp) / n: the share of children flagged',
  prevalence: '(tp + fn) / n: the share of children with label 1 (the base rate, of this label)',
  flags_per_true_case: '(tp + fp) / tp: children flagged for each flagged child with label 1 (INF when none has it)',
  auc: 'area under the ROC curve of the scores (needs no cut: the same at every operating point)',
  average_precision: 'average precision of the scores (area under the precision–recall curve; needs no cut)',
  brier: 'mean squared difference between score and label (operating point "any")',
  ...Object.fromEntries(Object.entries(LIST_METRIC_DEFINITIONS).map(([name, d]) => [snakeCase(name), `${d.definition} (the list's own metric, issue 17; a group's rows carry it too)`])),
};

/** Distinct values in first-seen order. */
function distinct<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

const shown = (xs: Iterable<string>) => distinct(distinct(xs).map(csvShownText));

/**
 * Per result, computed once (every table that has the column asks): each
 * table of a large run would otherwise scan its quarter of a million rows
 * again.
 */
function perResult<T>(compute: (r: ExperimentResult) => T): (r: ExperimentResult) => T {
  const memo = new WeakMap<ExperimentResult, T>();
  return (r) => {
    if (!memo.has(r)) memo.set(r, compute(r));
    return memo.get(r)!;
  };
}

/** Values of a row field in first-seen order (one pass, no copy of the rows). */
function fieldValues<R>(rows: readonly R[], field: (row: R) => string): Set<string> {
  const seen = new Set<string>();
  let last: string | undefined;
  for (const row of rows) {
    const v = field(row);
    // Rows of one point come together: most rows repeat the row before's value.
    if (v !== last) seen.add((last = v));
  }
  return seen;
}

const attributesOf = perResult((r) => shown(['all', ...fieldValues(r.summary, (s) => s.attribute)]));
const groupsOf = perResult((r) => shown(['all', ...fieldValues(r.summary, (s) => s.group)]));
const labelsOf = () => Object.values(LABEL_FILE_NAMES);
/** The operating points of a result's rows: the experiment's, then those a list derives from them (issue 17: "topK=1000+ever", "topK=1000+review:…"). */
const pointsOf = perResult((r) => distinct([...r.operatingPoints, ...fieldValues(r.rows, (row) => row.operatingPoint)]));

/** The columns every table opens with: the experiment and the cell. */
export function cellColumnsOf(withHash: boolean): Column[] {
  return [
    { name: 'experiment', type: 'string', description: 'the experiment name (its file in experiments/)', values: (r) => shown([r.name]) },
    ...(withHash ? [{ name: 'config_hash', type: 'string', description: 'hash of the resolved config (config.json); the same in every row', values: (r: ExperimentResult) => [r.configHash] } as Column] : []),
    { name: 'scenario', type: 'string', description: 'the scenario (population and its recording) within the experiment, e.g. a council', values: (r) => shown(r.cells.map((c) => c.scenario)) },
    {
      name: 'grid_variable',
      type: 'string',
      required: false,
      description: "what the experiment's grid varies across its cells (the experiment's gridLabel, e.g. \"base rate\"); empty when the experiment has no grid (then the cells are the scenarios)",
      values: (r) => (r.gridLabel ? shown([r.gridLabel]) : undefined),
    },
    { name: 'grid', type: 'string', description: 'the grid cell: the value of grid_variable in words (e.g. "0.1%", "as recorded"); "base" when there is no grid', values: (r) => shown(r.cells.map((c) => c.grid)) },
    {
      name: 'grid_value',
      type: 'number',
      required: false,
      description: 'the value of grid_variable in this cell as a number (e.g. 0.001 for a base rate of 0.1%); empty when the cells are named rather than numbered (then grid holds the value)',
    },
  ];
}

const REPLICATE: Column = { name: 'replicate', type: 'integer', minimum: 0, description: "replicate number (0-based); each replicate draws its own population from its own seed (manifest.json lists every replicate's seed)" };
const MODEL: Column = { name: 'model', type: 'string', description: "the model's label in the experiment (oracle: scores with the true probability, the best any model could do; random: a coin toss)", values: (r) => shown(r.models.map((m) => m.label)) };
const BASELINE: Column = { name: 'baseline', type: 'boolean', description: 'true for the oracle and random baselines, false for the models a council would deploy' };
const LABEL: Column = { name: 'label', type: 'string', description: 'what the model is judged against: y_recorded (the records: the outcome as agencies recorded it, what a model is trained on) or y_true (the truth: the outcome that actually happened, known only in simulation)', values: labelsOf };
const ATTRIBUTE: Column = { name: 'attribute', type: 'string', description: '"all" for everyone, a group attribute (e.g. sex), or an intersection of two, "a × b"', values: attributesOf };
const GROUP: Column = { name: 'group', type: 'string', description: 'the level of the attribute ("all" for everyone), e.g. female, or "female × white" for an intersection', values: groupsOf };
const SUPPRESSED: Column = {
  name: 'suppressed',
  type: 'boolean',
  description:
    'true when the rate rests on too few children to print (fewer than the experiment\'s minCount, default 10) or on none (not defined): the reports show it as suppressed; the value and the counts stay here for research',
};
const SUPPRESSED_REASON: Column = { name: 'suppressed_reason', type: 'string', required: false, description: 'why the rate is suppressed, in words (empty when it is not)' };
const CHILDREN = 'children';
const SHARE = 'share of children (0–1)';

/** metrics.csv: one row per replicate × cell × model × label × group × operating point × metric. */
export const METRICS_COLUMNS: readonly Column[] = [
  ...cellColumnsOf(true),
  REPLICATE,
  MODEL,
  BASELINE,
  LABEL,
  ATTRIBUTE,
  GROUP,
  {
    name: 'operating_point',
    type: 'string',
    description:
      'how children are flagged: threshold=t (score ≥ t), topK=k (the k highest scores), topShare=s, recall=r or precision=p (targets are met on y_recorded, as a council would set them); "train:<point>" (e.g. train:precision=0.65) is the same rule with its cut chosen on the training rows — the model\'s in-sample scores on the children it was fitted on, against the label it was trained on — then applied unchanged to the test set as a score threshold (score ≥ cut_threshold), as a practitioner fixes a cut on last year\'s data and uses it next year; "any" for brier, which needs no cut; in an experiment with rounds, "ever:<headline>" flags the children on the list (the headline operating point) in any round up to this row\'s round; an experiment with a list adds "<point>+review:<reviewer>" (the list after that review) and "<point>+ever" (on the weekly list at least once in the year)',
    values: (r) => shown([...pointsOf(r), 'any']),
  },
  { name: 'cut_threshold', type: 'number', unit: 'score (0–1)', description: 'the score cut the operating point resolved to — the cut actually used on these rows (for a train:<point>, the cut chosen on the training rows) — children scoring above it are flagged, and those scoring exactly it as cut_tie_row_limit says (INF: nobody is flagged; NaN: target not reachable, on the training rows for a train:<point>, or brier)' },
  {
    name: 'cut_tie_row_limit',
    type: 'number',
    unit: 'row position',
    description: 'children scoring exactly cut_threshold are flagged when their position in the test set (the row order of scores.csv) is below this; INF: all of them (threshold rules, and every train:<point>: a cut carried from the training rows never splits a tie); a whole number: a capacity list that split a tie; NaN: target not reachable, or brier',
  },
  { name: 'n', type: 'integer', minimum: 0, unit: CHILDREN, description: 'test children in the group' },
  { name: 'positives', type: 'integer', minimum: 0, unit: CHILDREN, description: 'children in the group with label 1 (against this row\'s label)' },
  { name: 'flagged', type: 'number', unit: CHILDREN, description: 'children in the group flagged: tp + fp (NaN: target not reachable, or brier)' },
  { name: 'tp', type: 'number', unit: CHILDREN, description: 'flagged and label 1 (true positives); tp + fp = flagged, tp + fn = positives, tp + fp + fn + tn = n (NaN: target not reachable, or brier)' },
  { name: 'fp', type: 'number', unit: CHILDREN, description: 'flagged and label 0 (false positives)' },
  { name: 'fn', type: 'number', unit: CHILDREN, description: 'not flagged and label 1 (missed: false negatives)' },
  { name: 'tn', type: 'number', unit: CHILDREN, description: 'not flagged and label 0 (true negatives)' },
  {
    name: 'metric',
    type: 'string',
    description: `the metric (snake_case; defined in README.md). Everyone's rows (attribute "all") carry every metric; a group's rows carry only ${GROUP_METRICS.map(snakeCase).join(', ')}, and the list's own metrics (top_reason_…, removed…, weekly…) when the experiment draws a list — every other rate of a group is recomputable from its counts (tp, fp, fn, tn)`,
    values: (r) => [...METRIC_NAMES.map(snakeCase), 'brier', ...((r.lists ?? []).length || r.rows.some((row) => isListMetric(row.metric)) ? LIST_METRIC_NAMES.map(snakeCase) : [])],
  },
  { name: 'value', type: 'number', unit: 'see metric: a share (0–1) for rates, children flagged per true case for flags_per_true_case, −1 to 1 for mcc', description: 'the metric (NaN when its denominator is 0, i.e. not defined)' },
  SUPPRESSED,
  SUPPRESSED_REASON,
];

/**
 * The column an experiment with rounds (a feedback loop, its `rounds`) adds
 * to metrics.csv after `replicate`; metrics.csv of other experiments has no
 * such column.
 */
export const ROUND: Column = {
  name: 'round',
  type: 'integer',
  minimum: 1,
  unit: 'round (year)',
  description:
    'the round (year) of a feedback loop, 1 = the first: the same children, re-scored each round by a model refitted on the records as they then stand; operating point "ever:<headline>" counts the children listed in any round up to this one (its fn against y_true: truly at risk and never yet listed); brier rows are of the last round',
  values: (r) => (r.rounds === undefined ? undefined : Array.from({ length: r.rounds }, (_, i) => i + 1)),
};

/** metrics.csv's columns for one result: `METRICS_COLUMNS`, with `round` after `replicate` when the experiment has rounds. */
export function metricsColumnsOf(result: Pick<ExperimentResult, 'rounds'>): readonly Column[] {
  if (result.rounds === undefined) return METRICS_COLUMNS;
  const at = METRICS_COLUMNS.indexOf(REPLICATE) + 1;
  return [...METRICS_COLUMNS.slice(0, at), ROUND, ...METRICS_COLUMNS.slice(at)];
}

const summaryStat = (name: string, description: string): Column => ({ name, type: 'number', unit: 'as the metric', description });

/** groups.csv: across-replicate summaries for everyone and every group, with differences and ratios against a reference group. */
export const GROUPS_COLUMNS: readonly Column[] = [
  ...cellColumnsOf(true),
  MODEL,
  BASELINE,
  LABEL,
  ATTRIBUTE,
  GROUP,
  { name: 'operating_point', type: 'string', description: 'as in metrics.csv', values: (r) => shown(pointsOf(r)) },
  { name: 'metric', type: 'string', description: 'the metric (snake_case; defined in README.md)', values: () => GROUP_METRICS.map(snakeCase) },
  { name: 'n', type: 'number', unit: CHILDREN, description: 'median group size across replicates (a median of an even number of replicates can end in .5)' },
  { name: 'positives', type: 'number', unit: CHILDREN, description: 'median children with label 1' },
  { name: 'flagged', type: 'number', unit: CHILDREN, description: 'median children flagged' },
  summaryStat('median', 'median across replicates (NaN when no replicate has a defined value)'),
  summaryStat('mean', 'mean across replicates with a defined value'),
  summaryStat('sd', 'standard deviation across replicates'),
  summaryStat('lower', '2.5% point across replicates'),
  summaryStat('upper', '97.5% point across replicates'),
  { name: 'replicates', type: 'integer', minimum: 0, unit: 'replicates', description: 'replicates with a defined value' },
  { name: 'reference_group', type: 'string', required: false, description: 'the level the group is compared with (the experiment\'s choice, else the first level); empty for everyone', values: (r) => groupsOf(r).filter((g) => g !== 'all') },
  summaryStat('difference', "median − the reference group's median (NaN when either is undefined, or for everyone)"),
  { name: 'ratio', type: 'number', unit: 'ratio', description: "median ÷ the reference group's median (NaN when the reference is 0 or undefined: the metrics module's one zero-denominator rule)" },
  { ...SUPPRESSED, description: `${SUPPRESSED.description}; judged on the median counts across replicates` },
  SUPPRESSED_REASON,
];

const rate = (name: string, description: string): Column => ({ name, type: 'number', unit: SHARE, description });

/** sweep.csv: precision, recall, selection rate and FPR at thresholds 0, 0.01, …, 1 (replicate 0). */
export const SWEEP_COLUMNS: readonly Column[] = [
  ...cellColumnsOf(true),
  MODEL,
  BASELINE,
  LABEL,
  { name: 'threshold', type: 'number', minimum: 0, maximum: 1, unit: 'score (0–1)', description: 'the probability threshold: children scoring at least this are flagged' },
  rate('precision', 'share of flagged children with label 1 (NaN when nobody is flagged)'),
  rate('recall', 'share of children with label 1 who are flagged'),
  rate('selection_rate', 'share of children flagged'),
  rate('fpr', 'share of children with label 0 who are flagged (false-positive rate)'),
];

/** equal-risk.csv: mean score by group within each tenth of true risk (replicate 0). */
export const EQUAL_RISK_COLUMNS: readonly Column[] = [
  ...cellColumnsOf(true),
  MODEL,
  { ...ATTRIBUTE, description: 'a group attribute of the scenario (e.g. sex)', values: (r) => shown(r.equalRisk.map((e) => e.attribute)) },
  { ...GROUP, description: 'the level of the attribute, e.g. female', values: (r) => shown(r.equalRisk.map((e) => e.group)) },
  { name: 'risk_tenth', type: 'integer', minimum: 1, maximum: 10, unit: 'tenth', description: "the tenth of true risk (pTrue) the test children fall in: 1 the lowest tenth, 10 the highest (tenths of this cell's test children)" },
  { name: 'n', type: 'integer', minimum: 0, unit: CHILDREN, description: 'test children of the group in that tenth' },
  { name: 'mean_p_true', type: 'number', unit: 'probability (0–1)', description: "their mean true probability of the outcome (NaN when n is 0)" },
  { name: 'mean_score', type: 'number', unit: 'score (0–1)', description: "their mean score from the model (NaN when n is 0): at equal true risk, a fair score is the same for every group" },
];

/** scores.csv (with --save-scores): every test child's score from every model, with both labels. */
export function scoresColumns(attributes: readonly string[]): Column[] {
  return [
    ...cellColumnsOf(false),
    REPLICATE,
    { name: 'id', type: 'integer', minimum: 0, description: "the synthetic child's id within its cohort" },
    { name: 'cohort', type: 'integer', minimum: 0, description: 'the cohort (year) the child belongs to' },
    { name: 'split', type: 'string', description: 'test (held out) or out-of-fold (scored by the fold that did not train on the child)', values: () => ['test', 'out-of-fold'] },
    ...attributes.map((a) => ({ name: a, type: 'string', description: `the child's ${a}` }) as Column),
    MODEL,
    { name: 'score', type: 'number', minimum: 0, maximum: 1, unit: 'score (0–1)', description: "the model's predicted probability of y_recorded = 1" },
    { name: 'y_recorded', type: 'integer', description: 'the outcome as recorded by agencies (the records): 1 or 0', values: () => [0, 1] },
    { name: 'y_true', type: 'integer', description: 'the outcome that actually happened (the truth): 1 or 0', values: () => [0, 1] },
  ];
}

/** Column names of a table, in order (its CSV header). */
export const columnNames = (columns: readonly Column[]) => columns.map((c) => c.name);

/** The one-line meaning of each file of a results folder (README.md, datapackage.json). */
export const FILE_DESCRIPTIONS = {
  'report.html': 'the report to read and to show: the answer first, then the charts and tables, each chart with its numbers; one self-contained page (no scripts, nothing fetched)',
  'summary.md': 'the same answer and findings as plain Markdown, for reading in a repository or pasting into a document',
  'metrics.csv':
    "every number per replicate: one row per replicate × cell × model × label × group × operating point × metric, with the counts behind it (n, positives, flagged, tp, fp, fn, tn) and the cut; everyone's rows carry every metric, a group's rows only those summarised in groups.csv (the rest are recomputable from the counts)",
  'groups.csv': 'across-replicate summaries (median, mean, sd, 2.5–97.5% points) for everyone and every group, with the difference and ratio against a reference group',
  'sweep.csv': 'precision, recall, selection rate and false-positive rate at every threshold 0, 0.01, …, 1, from replicate 0 (the curves of the charts)',
  'equal-risk.csv': 'mean score by group among test children of similar true risk (tenths of pTrue), replicate 0: at equal true risk, does the model score one group higher?',
  'scores.csv': "every test child's score from every model with both labels (written with --save-scores)",
  'list.csv':
    'the list as a force or council circulates it, with the truth beside it: one row per child on each list model\'s list at the list\'s operating point, replicate 0 of each cell, in list order — a synthetic id and made-up name, groups, score, rank, the reasons the model gives (each marked true, false, leaked or missed against the truth), each reviewer\'s decision, and whether the child was truly at risk',
  'config.json': 'the resolved config: the experiment with every default filled in; with the seed, it is the whole definition of this run (its hash is config_hash)',
  'manifest.json': 'how this folder was made: the time, the command line, the git commit, the workers used, every replicate\'s seed, versions and host; the one file that differs between two identical runs',
  'datapackage.json': 'this data dictionary, machine-readable: a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) with every CSV\'s columns, types, units, allowed values and missing-value markers',
  'README.md': 'this file',
  charts: 'every chart of the report as an SVG file (charts/<id>.svg), the same as drawn in report.html',
  'slides.pptx':
    "a short deck for trainers (6–8 slides, PowerPoint): each slide's title is one message with this run's numbers, its picture a 1920 × 1080 PNG (text at least 24 px, values on the chart, one records-versus-truth encoding), and speaker notes; the question and declared answer, records versus truth, 1,000 children as the records see them and as they truly are, the findings, the detail across settings or thresholds, groups, the same-child card, questions to ask a supplier",
  slides: "the deck's pictures as PNG files (slides/<nn>-<id>.png, 1920 × 1080, drawn in Atkinson Hyperlegible from an npm package so they are the same on every machine), the same images slides.pptx holds",
} as const;

/** Why a table of a results folder has no rows (said in README.md and datapackage.json). */
export const EMPTY_TABLE_REASONS = {
  'equal-risk.csv': 'the experiment declares no group attributes (its groups list is empty), so there are no groups to compare at equal true risk',
  noGroupRows: "no test child carried a level of the experiment's group attributes",
} as const;

/** How the numbers are written, for README.md and datapackage.json. */
export const NUMBER_NOTES = [
  'NaN: not defined (the denominator is 0, e.g. precision when nobody is flagged); INF and -INF: infinity (e.g. cut_threshold INF: nobody is flagged). These are the Table Schema number values; pandas (`pd.read_csv`), R (`read.csv`) and frictionless read them as numbers.',
  'An empty cell is a missing value: grid_variable and grid_value when there is no grid or no numeric value, reference_group for everyone, suppressed_reason when nothing is suppressed.',
  'Exponents are written with a capital E (1E-7).',
  'A text cell that would begin with =, +, - or @ starts with an apostrophe, so a spreadsheet shows it as text rather than running it as a formula.',
];
