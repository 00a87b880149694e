/**
 * Every user-facing error text in one place (the Vega-Lite habit), so tests
 * compare against these functions rather than copying strings, and so a
 * message names the field, the value and what was expected.
 */

/** An error caused by bad input (config, flags, files, hyper-parameters). The CLI prints `message` alone and exits 2. */
export class RisklabError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'RisklabError';
  }
}

/** Render a received value compactly for a message. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    // A huge string (a 10 MB name) is shown by its ends and its length, so the message stays one readable line.
    if (value.length <= 200) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, 100)).slice(0, -1)}…${JSON.stringify(value.slice(-40)).slice(1)} (${value.length.toLocaleString('en-GB')} characters)`;
  }
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  let s: string | undefined;
  try {
    s = JSON.stringify(value);
  } catch {
    // cycles, BigInt inside, throwing getters
  }
  if (s === undefined) s = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export const messages = {
  /** `field must be <expected>; got <value>` — the general form. */
  invalid: (field: string, expected: string, got: unknown) =>
    `${field} must be ${expected}; got ${show(got)}`,
  unknownKey: (field: string, key: string) =>
    `${field ? `${field}.` : ''}${key} is not a known setting; remove it or check its spelling`,
  required: (field: string, expected: string) => `${field} is required (${expected})`,
  sharesSum: (field: string, total: number) =>
    `${field} must sum to 1; got ${Number(total.toFixed(6))}`,
  unknownPreset: (name: string, known: readonly string[]) =>
    `scenario ${show(name)} is neither a preset (${known.join(', ')}) nor a readable .json file`,
  unreadableFile: (field: string, path: string, reason: string) =>
    `${field} ${show(path)} could not be read: ${reason}`,
  badJson: (path: string, reason: string) => `${show(path)} is not valid JSON: ${reason}`,
  unwritable: (field: string, path: string, reason: string) =>
    `${field} ${show(path)} cannot be written: ${reason}`,
  unknownName: (field: string, name: string, known: readonly string[]) =>
    `${field} must be one of ${known.join(', ')}; got ${show(name)}`,
  truthColumn: (name: string) =>
    `feature ${show(name)} is a truth column; models may only see records`,
  unfitted: (model: string) => `${model} has not been fitted; call fit() first`,
  shapeMismatch: (field: string, expected: number, got: number) =>
    `${field} must have ${expected} entries; got ${got}`,

  // ---- models (src/models: features, logistic, points, baselines, registry) ----
  /** A fitted model was given features that differ from the ones it was fitted on. */
  featureMismatch: (model: string, expected: readonly string[], got: readonly string[]) => {
    let j = 0;
    while (j < expected.length && j < got.length && expected[j] === got[j]) j++;
    return `${model} was fitted on ${expected.length} features but was given ${got.length}; column ${j + 1} should be ${show(expected[j])}, got ${show(got[j])}; build the features with the same options`;
  },
  /** A FeatureMatrix that the feature builder did not make (or whose columns do not have nRows entries). */
  notFeatureMatrix: (model: string, reason: string) =>
    `${model} needs a FeatureMatrix made by buildFeatures (records only): ${reason}`,
  /** A name in a model's parameters that is not among the features. */
  unknownFeature: (model: string, field: string, name: string, known: readonly string[]) =>
    `${model}.${field} names ${show(name)}, which is not a recorded feature; known: ${known.join(', ')}`,
  /** A label column that is not 0/1, or the wrong length. */
  badLabels: (model: string, reason: string) => `${model}: yRecorded ${reason}`,
  /** The oracle (and only the oracle) needs the truth lookup. */
  oracleNeedsTruth: (where: string) =>
    `${where}: the oracle scores with pTrue and needs the truth lookup, e.g. { truth: truthLookup(population) }`,
  /** The truth lookup returned something that is not one probability per child. */
  badTruthLookup: (reason: string) => `oracle: the truth lookup ${reason}`,
  /** A saved model (toJSON output) that cannot be read back. */
  badModelJson: (model: string, reason: string) => `saved ${model} model cannot be loaded: ${reason}`,
};

// ==== metrics (src/metrics: confusion, sweep, operating points, groups, intervals, words) ====

/**
 * Error texts of the evaluation module. Kept beside `messages` (not inside it)
 * so that each area can add its own section without editing the others'.
 */
export const metricsMessages = {
  /** A label column holding something other than 0 and 1. */
  notBinary: (field: string, row: number, got: unknown) =>
    `${field} must hold only 0 and 1; got ${show(got)} at row ${row}`,
  /** A score column holding NaN or ±Infinity. */
  notFinite: (field: string, row: number, got: unknown) =>
    `${field} must hold finite numbers; got ${show(got)} at row ${row}`,
  /** A probability column holding a value outside [0, 1]. */
  notProbability: (field: string, row: number, got: unknown) =>
    `${field} must hold probabilities in [0, 1]; got ${show(got)} at row ${row}`,
  /** Two columns that must describe the same rows have different lengths. */
  lengthMismatch: (field: string, expected: number, got: number) =>
    `${field} must have ${expected} entries, one per score; got ${got}`,
  /** A count option (k, replicates, bins, icon-array size…) that is not a whole number in range. */
  badCount: (field: string, expected: string, got: unknown) =>
    `${field} must be ${expected}; got ${show(got)}`,
  /** A share, target rate or confidence level outside its range. */
  badFraction: (field: string, expected: string, got: unknown) =>
    `${field} must be ${expected}; got ${show(got)}`,
  /** A group code that points past the end of the level list. */
  badGroupCode: (attribute: string, row: number, code: number, levels: number) =>
    `group ${show(attribute)}: codes[${row}] is ${code}, but there are only ${levels} levels (codes 0–${levels - 1})`,
  /** An intersection with more cells than a Uint8Array code can name. */
  tooManyCells: (attributes: readonly string[], cells: number) =>
    `the intersection ${attributes.join(' × ')} has ${cells} cells; at most 256 fit in one group column`,
  /** An intersection that names an attribute not among the groups given. */
  unknownAttribute: (field: string, name: string, known: readonly string[]) =>
    `${field} names ${show(name)}, which is not one of the group attributes given (${known.join(', ') || 'none'})`,
  /** A reference group that is not one of the attribute's levels. */
  unknownLevel: (attribute: string, level: string, known: readonly string[]) =>
    `group ${show(attribute)} has no level ${show(level)}; known: ${known.join(', ')}`,
  /** A metric name that the evaluation module does not compute. */
  unknownMetric: (field: string, name: string, known: readonly string[]) =>
    `${field} must name a metric (${known.join(', ')}); got ${show(name)}`,
  /** An operating-point rule the evaluation module does not know. */
  unknownRule: (field: string, name: string, known: readonly string[]) =>
    `${field} must be one of ${known.join(', ')}; got ${show(name)}`,
  /** A criterion text that does not parse. */
  badCriterion: (text: string) =>
    `criterion ${show(text)} must read like "precision ≥ 0.7": a metric name, one of ≥ > ≤ < >= <=, then a number`,
  /** A strength scale that is not a list of ascending bands with words. */
  badScale: (reason: string) => `strength scale ${reason}`,
  /** An operating point chosen on the training rows, evaluated without them. */
  noTrainingRows: (point: string) =>
    `operating point ${show(point)} is chosen on the training rows: evaluate needs options.train (the training scores and the label the model was trained on)`,
};

// ==== models: hyper-parameters, saved models, input checks, reasons (src/models) ====

/**
 * The texts every model shares, so that each kind of mistake reads the same
 * whichever model made it: hyper-parameters (`forest.params.minLeafSize must
 * be an integer ≥ 1; got 0`), saved models (`saved forest model cannot be
 * loaded: …`), feature values, one-class training data and reasons.
 */
export const modelMessages = {
  /** A hyper-parameter with a bad value; `path` is `<model>.params.<field>` (deeper for nested options). */
  param: (path: string, expected: string, got: unknown) => `${path} must be ${expected}; got ${show(got)}`,
  /** A hyper-parameter the model does not have (prototype names such as `toString` included). */
  unknownParam: (path: string, key: string, known: readonly string[]) =>
    `${messages.unknownKey(path, key)} (known: ${known.length > 0 ? known.join(', ') : 'none; this model takes no hyper-parameters'})`,
  /** The hyper-parameters are not a plain object. */
  paramsNotObject: (path: string, got: unknown) => `${path} must be an object of hyper-parameters; got ${show(got)}`,
  /** Two hyper-parameters that cannot be given together. */
  paramConflict: (path: string, a: string, b: string, why: string) => `${path}: give ${a} or ${b}, not both (${why})`,
  /** The one load error: `saved <model> model cannot be loaded: <reason>` (`model` is "a" when the kind is unknown). */
  savedModel: (model: string, reason: string) => messages.badModelJson(model, reason),
  /** Reasons a saved model cannot be loaded. */
  saved: {
    notObject: 'it is not an object { kind, version, params, state }',
    noKind: 'it has no "kind" naming the model',
    unknownKind: (kind: unknown, known: readonly string[]) => `its kind ${show(kind)} is not a model risklab knows (${known.join(', ')})`,
    wrongKind: (kind: unknown) => `its kind is ${show(kind)}`,
    badVersion: (version: unknown) => `its format version must be a whole number ≥ 1; got ${show(version)}`,
    newerVersion: (version: number, supported: number) =>
      `it was saved in format version ${version}, newer than this risklab reads (${supported}); update risklab`,
    noState: 'it has no state (the fitted numbers)',
    /** `state.<field> <problem>` (or `state <problem>` for the whole state). */
    badState: (field: string | undefined, problem: string) => `${field ? `state.${field}` : 'state'} ${problem}`,
  },
  /** A feature value that is NaN or ±Infinity: the column and the first bad row. */
  notFinite: (model: string, feature: string, row: number, value: number) =>
    `${model}: feature ${show(feature)} is ${value} at row ${row}; every feature value must be a finite number (fill or drop missing values before fitting or scoring)`,
  /** Training labels with one class only: nothing to learn. */
  oneClass: (model: string, positives: number, n: number) =>
    `${model}: yRecorded has only one class (${positives} of ${n} rows are 1); a model needs children with and without a recorded outcome to learn from`,
  /** How each model's reasons are computed, in a few words. */
  reasonMethod: {
    points: 'the points of each recorded flag (value > 0); base 0',
    logistic: 'coefficient × (value − training mean); base: the log-odds at the training means',
    forest: 'path contributions (Saabas), averaged over trees: each split on the row’s path credits its feature with the change in the node value; base: the mean root value',
    boosting: 'path contributions (Saabas), summed over trees: each split on the row’s path credits its feature with the change in the node value; base: the initial score plus the trees’ root values',
  },
  /** Why a model gives no reasons. */
  noReasons: {
    neural:
      'the neural network has no additive scale of its own: its score is not a sum over features, and any split of it (gradients, DeepLIFT, SHAP values) depends on choices the model did not make; no reasons are given',
    baseline: (kind: string) =>
      kind === 'oracle'
        ? 'the oracle scores with the true probability pTrue, not with the records: there are no recorded reasons'
        : 'the random baseline scores with a seeded coin: there are no reasons',
  },
  /** The rows asked for reasons are not row indices of the matrix. */
  badReasonRow: (model: string, k: number, row: unknown, nRows: number) =>
    `${model}.reasons: rows[${k}] must be a row index in [0, ${nRows}); got ${show(row)}`,
};

// ==== report (src/report/charts, src/report/html: chart texts and HTML report words) ====

/** "median (2.5–97.5% range)" style list joining: "a, b and c". */
function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Every word a reader sees in a chart or an HTML report: titles, text
 * descriptions (screen readers read them), axis and legend titles, section
 * headings and the plain-words sentences. Data-derived text (model and group
 * names, scenario names) is passed in raw and escaped by the caller.
 */
export const reportMessages = {
  // ---- names ----
  /** Short names of the two labels (legends, table cells). */
  labelShort: { yRecorded: 'records (yRecorded)', yTrue: 'truth (yTrue)' } as const,
  /** Plain metric names for axes, legends and tables. */
  metricName: (metric: string): string =>
    ({
      precision: 'precision',
      recall: 'recall',
      fpr: 'false-positive rate',
      fnr: 'miss rate',
      specificity: 'specificity',
      npv: 'negative predictive value',
      fdr: 'false discovery rate',
      falseOmissionRate: 'false omission rate',
      f1: 'F1',
      accuracy: 'accuracy',
      balancedAccuracy: 'balanced accuracy',
      mcc: 'MCC',
      selectionRate: 'share flagged',
      prevalence: 'prevalence',
      flagsPerTrueCase: 'flags per case',
      auc: 'AUC',
      averagePrecision: 'average precision',
    })[metric] ?? metric,
  /** A grid cell's name: "council · 2x" (the scenario alone when there is one cell). */
  cellName: (scenario: string, grid: string, cells: number): string => (cells <= 1 ? scenario : `${scenario} · ${grid}`),
  baselineSuffix: ' (baseline)',
  groupWithSize: (group: string, n: string) => `${group} (n = ${n})`,

  // ---- axes and legends ----
  axis: {
    threshold: 'score threshold',
    value: 'value (0–1)',
    precision: 'precision',
    recall: 'recall',
    median: 'median and 2.5–97.5% range',
    medianOf: (metric: string) => `${metric}: median and range`,
    riskTenth: 'tenth of true risk (pTrue), lowest to highest',
    meanScore: 'mean score',
    model: 'model',
    group: 'group',
    metric: 'metric',
    label: 'judged against',
    gridCell: 'grid cell',
    attribute: 'attribute',
    children: 'children (median)',
    medianShort: 'median',
    range: '2.5–97.5% range',
    tenth: 'tenth of true risk',
    meanPTrue: 'mean pTrue',
    childrenCount: 'children (all replicates)',
    scenario: 'scenario',
  },
  everybody: 'all children',
  trueRiskLine: 'mean true risk (pTrue)',

  // ---- chart titles and descriptions ----
  thresholdTitle: 'Precision and recall at every threshold',
  thresholdDescription: (models: readonly string[], op: string, opWords: string, marked: boolean) =>
    `For ${listWords(models)}: precision and recall as the score threshold rises from 0 to 1, in one panel per model and label (against the records, and against the truth). ` +
    `Precision is drawn as a solid line with circles, recall as a dashed line with squares. ` +
    (marked
      ? `A vertical rule marks the headline operating point, ${op} (${opWords}), at the score cut it gave. `
      : `The headline operating point, ${op} (${opWords}), gave no score cut to mark. `) +
    'The curves are from replicate 0.',
  prTitle: 'Precision–recall curves',
  prDescription: (models: readonly string[]) =>
    `Precision against recall for ${listWords(models)} as the threshold moves, judged against the records (left) and against the truth (right). ` +
    'Each model has its own colour, marker shape and dash pattern; markers sit at thresholds 0, 0.1, …, 1. A curve higher up finds more cases for the same precision. The curves are from replicate 0.',
  gapTitle: 'Recorded versus true: the same flags judged twice',
  gapDescription: (op: string, opWords: string, replicates: number) =>
    `At ${op} (${opWords}), each model's median precision and recall across ${replicates} replicates, judged against the records (orange squares) and against the truth (blue circles), ` +
    'with horizontal bars for the 2.5–97.5% range. The distance between a square and a circle is the gap between what the records say and what was true.',
  groupRatesTitle: 'False-positive rate and miss rate by group, against the truth',
  groupRatesDescription: (op: string, opWords: string, attributes: readonly string[]) =>
    `At ${op} (${opWords}), for each group of ${listWords(attributes)}: the share of children not at risk who are flagged (false-positive rate) and the share of children at risk who are missed (miss rate), judged against the truth. ` +
    'Each model has its own colour and marker shape; bars show the 2.5–97.5% range across replicates; group sizes (median test children) are in the group labels.',
  equalRiskTitle: (attribute: string) => `Scores at equal true risk, by ${attribute}`,
  equalRiskDescription: (attribute: string, models: readonly string[]) =>
    `Test children are cut into tenths by their true risk (pTrue). Within each tenth, the mean score each group of ${attribute} gets from ${listWords(models)}, one panel per model, ` +
    'each group with its own colour, marker shape and dash pattern; a black dotted line shows the mean true risk. Groups with the same true risk should get the same score: a gap between lines is a difference the truth does not explain. Test children of every replicate are pooled.',
  gridTitle: (metric: string, gridLabel: string) => `${metric[0].toUpperCase()}${metric.slice(1)} across ${gridLabel || 'the grid'}`,
  gridDescription: (metric: string, op: string, opWords: string, group: string, gridLabel: string) =>
    `The median ${metric} of each model at ${op} (${opWords}) for ${group}, in every cell of ${gridLabel || 'the grid'}, with bars for the 2.5–97.5% range across replicates. ` +
    'Each model has its own colour and marker shape; a solid line is against the truth, a dashed line against the records.',

  gridMarkerKey: 'filled markers: against the truth (yTrue) · open markers: against the records (yRecorded)',
  gridDescriptionCategorical: (metric: string, op: string, opWords: string, group: string) =>
    `The median ${metric} of each model at ${op} (${opWords}) for ${group}, in every cell of the experiment side by side, with bars for the 2.5–97.5% range across replicates. ` +
    'Each model has its own colour and marker shape; a filled marker is against the truth, an open marker against the records.',

  // ---- chart data tables ----
  tableCaption: (title: string) => `The numbers behind “${title}”`,
  tableEveryTenth: 'every 0.1 of the threshold',

  // ---- HTML report ----
  contents: 'Contents',
  headlineNobodyFlagged: (model: string) => `${model} flags no children at this operating point.`,
  headlineNoCases: (model: string, cases = 'children at risk') => `There are no ${cases} in the test set for ${model} to find.`,
  fewerThanOne: 'fewer than 1',
  about: (n: string) => `about ${n}`,
  gridHeading: 'Across the grid',
  cellHeading: (name: string) => `Cell: ${name}`,
  findingsHeading: 'What this experiment shows',
  findingHolds: '✓ yes',
  findingFails: '✗ no',
  findingUnknown: '? cannot be judged',
  iconEmpty: 'No children in this group.',
  resultsHeading: 'Results',
  resultsColumns: {
    model: 'model',
    label: 'judged against',
    flagged: 'flagged (median)',
  },
  criterionMet: 'met',
  criterionNotMet: 'not met',
  criterionUnknown: 'cannot be judged',
  chartsHeading: 'Charts',
  chartDataSummary: 'The numbers in this chart',
  sourcesHeading: 'Where these numbers come from',
  sourcesFields: {
    question: 'Question',
    experimentSources: 'Sources of the experiment',
    seed: 'Seed',
    configHash: 'Config hash',
    version: 'risklab version',
    replicates: 'Replicates',
    quick: 'Quick run',
    split: 'Test children per replicate (median)',
    scenario: 'Scenario',
    preset: 'Preset',
    presetInline: 'preset',
    models: 'Models',
    operatingPoints: 'Operating points',
    cells: 'Grid cells',
    claim: 'Claim',
    source: 'Source',
    confidence: 'Confidence',
    warnings: 'Warnings from the run',
  },
  headlineMark: '(the headline)',
  quickNote: 'yes: fewer replicates and a smaller population than the full run',
  noSources: 'No sources listed.',
};

// ==== experiment (src/experiment: resolving an experiment file, its findings and headline) ====

/** Error texts of experiment resolution: every one names the field, and the known names where a name points at nothing. */
export const experimentMessages = {
  /** A name that must be unique within the experiment appears twice. */
  duplicate: (field: string, name: string) => `${field} must differ from one another; ${show(name)} appears twice`,
  /** A label that is the "every" wildcard. */
  reserved: (field: string) => `${field} must not be "*": in findings "*" means "every one"`,
  /** A name that points at nothing: one line with the known names. */
  unknown: (field: string, name: string, known: readonly string[]) =>
    `${field} names ${show(name)}, which this experiment does not have; known: ${known.length ? known.join(', ') : 'none'}`,
  /** A group attribute that some cell's scenario lacks. */
  missingAttribute: (field: string, name: string, cell: string, known: readonly string[]) =>
    `${field} names ${show(name)}, which is not a group attribute of ${cell}; known: ${known.length ? known.join(', ') : 'none'}`,
  /** A criterion that does not parse: the metrics module's message, with the field. */
  badCriterion: (field: string, reason: string) => `${field}: ${reason}`,
  /** A selection that matches several rows per replicate without saying how to combine them. */
  manyRows: (field: string, count: number, what: string) =>
    `${field} matches ${count} rows per replicate (${what}); add reduce (median, mean, sum, min, max, highest or lowest) or forEach`,
  /** A selection that reads a metric without saying which label. */
  needsLabel: (field: string, metric: string) => `${field}.label is required to read ${metric}: yRecorded (the records) or yTrue (the truth)`,
  /** A selection with nothing to read. */
  needsMetric: (field: string) => `${field}.metric is required (a metric such as precision, or a count such as fn) unless derive reads its own`,
  /** A derivation side that names several scenarios, cells or models. */
  sideNotOne: (field: string, dimension: string) => `${field}.${dimension} must name one ${dimension}, not several or "*"`,
  /** A field that does not go with another. */
  conflict: (field: string, reason: string) => `${field} ${reason}`,
  /** Template syntax. */
  badTemplate: (field: string, reason: string) => `${field}: ${reason}`,
  /** A placeholder that names nothing. */
  unknownPlaceholder: (field: string, placeholder: string, known: readonly string[]) =>
    `${field}: {${placeholder}} is not a known placeholder; known: ${known.join(', ')}`,
  /** A filter that does not exist, or has the wrong arguments. */
  unknownFilter: (field: string, filter: string, known: readonly string[]) => `${field}: |${filter} is not a known filter; known: ${known.join(', ')}`,
  badFilterArgs: (field: string, filter: string, expected: string) => `${field}: |${filter} takes ${expected}`,
  /** A number filter applied to text. */
  filterOnText: (field: string, placeholder: string, filter: string) => `${field}: {${placeholder}} is text, and |${filter} needs a number`,
  /** A placeholder whose value differs across the selection (e.g. population size across cells). */
  notOneValue: (field: string, placeholder: string, values: readonly string[]) =>
    `${field}: {${placeholder}} differs across the selection (${values.join(', ')}); select one cell or scenario`,
  /** A config path that is not a setting of the scenario, or is not a single value. */
  badConfigPath: (field: string, path: string) => `${field}: {${path}} is not a single setting of the resolved scenario (e.g. config.population.size)`,
};

// ==== rounds and feedback loops (src/experiment/rounds: experiments with `rounds`) ====

/** Texts of experiments with rounds: resolve-time checks and the words reports use for rounds. */
export const roundsMessages = {
  /** A selection or forEach that asks for a round in an experiment without rounds. */
  noRounds: (field: string) => `${field} needs rounds: this experiment has none (add rounds: { count } to run a feedback loop)`,
  /** An experiment with rounds whose split is not in sample. */
  needsAllSplit: (field: string, kind: string) =>
    `${field} must be { kind: 'all' } in an experiment with rounds (every round fits on every child and scores them all, so the list can reach the children the next fit learns from); got ${show(kind)}`,
  /** The list settings of issue 17 (list.csv, reviewers, weekly lists) with rounds. */
  listWithRounds: 'list cannot be set in an experiment with rounds: each round draws its own list for the feedback loop, and list.csv, reviewers and weekly lists are made for one-round experiments only (remove list, or rounds)',
  /** The model whose list feeds back is not one of the experiment's. */
  unknownListModel: (name: string, known: readonly string[]) => `rounds.list names ${show(name)}, which this experiment does not have; known: ${known.join(', ')}`,
  /** Plain words for the ever-listed operating point. */
  everWords: (headlineWords: string) => `listed at least once so far (${headlineWords})`,
  /** The group-shares-by-round chart (src/report/charts/rounds.ts). */
  sharesTitle: (attribute: string, group: string) => `${attribute} ${group}: its share of the list and of the cases, round by round`,
  sharesDescription: (attribute: string, group: string, op: string, opWords: string, rounds: number, cells: readonly string[]) =>
    `For each of ${rounds} rounds, ${attribute} ${group}'s share of the children on the list (${op}: ${opWords}), of the children with a recorded outcome (the records), and of the children truly at risk (the truth): medians across replicates with the 2.5–97.5% range, one colour and marker per grid cell (${cells.join(', ')}). Where the list share and the recorded share climb above the true share, the list is feeding its own records.`,
  sharesPanels: { list: 'share of the list', cases: 'share of cases' } as const,
  sharesKinds: { list: 'on the list', yRecorded: 'recorded cases (records)', yTrue: 'children truly at risk (truth)' } as const,
  // Short lines: vega sizes a chart by its estimate of the longest subtitle line, so a long line widens the whole chart.
  sharesKey: [
    'colour and marker: grid cell',
    'each point the median across replicates, its line the 2.5–97.5% range',
    'right panel, filled and solid: share of children truly at risk (truth)',
    'right panel, hollow and dashed: share of recorded cases (records)',
  ] as const,
  axis: { round: 'round (year)', share: (group: string) => `share from ${group}`, cell: 'grid cell', kind: 'share of', panel: 'panel' },
  tableColumns: ['scenario', 'grid cell', 'round', 'share of the list', 'range', 'share of recorded cases', 'range', 'share of children truly at risk', 'range'] as const,
};

// ==== operating points chosen on the training rows (`on: 'train'`: src/experiment/resolve.ts, names.ts) ====

/** Texts of operating points whose cut is chosen on the training rows and fixed for the test set. */
export const trainCutMessages = {
  /** `on: 'train'` in an experiment with rounds. */
  withRounds: (field: string) =>
    `${field} cannot be 'train' in an experiment with rounds: every round fits on every child and scores the same children (split all), so there is no training year apart from the year the list is used (remove on, or rounds)`,
  /** `on: 'train'` with a split that has no held-out test children of their own. */
  needsHeldOut: (field: string, splitField: string, kind: string) =>
    `${field} 'train' needs test children held out from training: ${splitField} must be holdout or cohort; got ${show(kind)} (${kind === 'kfold' ? 'k folds fit k models, each with its own training rows, so there is no one training cut' : 'split all tests on the training rows themselves, so the cut chosen on them is the cut chosen on the test set'})`,
  /** `list.operatingPoint` naming a point chosen on the training rows. */
  notList: (field: string, name: string) =>
    `${field} must name a list drawn on the year it is used (topK, topShare or threshold, without on: 'train'); got ${show(name)}, whose cut is chosen on the training rows`,
  /** Plain words for a point chosen on the training rows, from the words of the same point on the test set. */
  words: (rule: string, value: number, testWords: string) => {
    switch (rule) {
      case 'precision':
        return `the cut that gave ${Math.round(value * 100)}% precision on the training year`;
      case 'recall':
        return `the cut that caught ${Math.round(value * 100)}% of recorded cases in the training year`;
      case 'topK':
        return `the lowest score of the top ${value.toLocaleString('en-GB')} children in the training year, used as a threshold`;
      case 'topShare':
        return `the lowest score of the top ${Number((value * 100).toPrecision(6))}% of children in the training year, used as a threshold`;
      default:
        return `${testWords}, with the cut chosen on the training year`;
    }
  },
};

// ==== command line and files (src/cli, src/io: hostile input, output locations, reserved names) ====

/** Texts of the command line and of the checks on files, output locations and names. */
export const cliMessages = {
  /** Anything that is not a RisklabError: a bug, said so in one line, with how to get the details. */
  internalError: (what: string, debug: boolean) =>
    `internal error (a bug in risklab, not in your input): ${what}; ${debug ? 'the stack trace follows' : 'run the same command again with --debug to print the stack trace, and please report it'}`,
  /** A JSON file (or a module's default export) nested deeper than any config needs. */
  tooDeep: (field: string, path: string, limit: number) =>
    `${field} ${show(path)} is nested more than ${limit} levels deep; a scenario or experiment needs at most a handful`,
  /** A text in a config far longer than any setting needs. */
  tooLong: (field: string, path: string, where: string, length: number, limit: number) =>
    `${field} ${show(path)}: ${where} must be a text of at most ${limit.toLocaleString('en-GB')} characters; got ${length.toLocaleString('en-GB')}`,
  /** A key that JavaScript objects cannot hold as data. */
  protoKey: (field: string, path: string, where: string) =>
    `${field} ${show(path)}: ${where} is not a setting (the key "__proto__" is not allowed anywhere in a config)`,
  /** A module's value whose reading throws (a getter, a proxy). */
  unreadableValue: (field: string, path: string, where: string, reason: string) =>
    `${field} ${show(path)}: reading ${where} failed: ${reason.replace(/\s+/g, ' ').slice(0, 200)}`,
  /** A config file whose top level is not an object. */
  notAnObject: (field: string, path: string, got: unknown) =>
    `${field} ${show(path)} must hold one object { … } at the top level; got ${kindOf(got)}`,
  /** A results folder would replace a folder that risklab did not write. */
  notResultsFolder: (field: string, path: string) =>
    `${field}: ${show(path)} already exists and is not a risklab results folder (it has no config.json with a configHash); move it away or choose another --out`,
  /** A group attribute or level name that JavaScript objects or the chart library cannot hold as data. */
  unsafeName: (field: string, name: string, unsafe: readonly string[]) =>
    `${field} must not be one of ${unsafe.join(', ')} (names JavaScript objects and the charts' expressions use themselves); got ${show(name)}`,
  /** A group attribute named like a column risklab writes itself. */
  reservedAttribute: (field: string, name: string, reserved: readonly string[]) =>
    `${field} must not be a built-in column name (${reserved.join(', ')}), begin with true_ or rec_, or contain " × "; got ${show(name)}`,
};

/** "null", "an array", "a number (42)": what a top-level value is, for a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function (a default export must be the experiment object itself)';
  return `a ${typeof value} (${show(value)})`;
}

/** Texts of the "same child, different record" pair and the leaked-record card (src/experiment/pair.ts). */
export const pairMessages = {
  unknownGroup: (attribute: string, level: string) =>
    `No pair: the test children have no group "${level}" of ${attribute}.`,
  notMoreVisible: (attribute: string, visible: string, other: string, order: 'second' | 'equal' | 'mixed') =>
    `No pair: in this scenario children of ${attribute} ${visible} are ${
      order === 'equal' ? 'exactly as visible to agencies as' : order === 'second' ? 'less visible to agencies than' : 'more visible to some agencies and less to others than'
    } children of ${attribute} ${other}, so a pair could not show what visibility does.`,
  emptyGroup: (attribute: string, level: string) =>
    `No pair: no test child is in group "${level}" of ${attribute}.`,
  emptyList: 'No pair: nobody is on the list, so no child can be on it while another is not.',
  fullList: 'No pair: everybody is on the list, so no child can be left off it.',
  noEqualTruth: (attribute: string, percent: string) =>
    `No pair: no two test children of different ${attribute} groups have the same true circumstances and a true risk within ${percent} of each other.`,
  notSplit: (pairs: number) =>
    `No pair: ${pairs.toLocaleString('en-GB')} pair${pairs === 1 ? '' : 's'} of children with the same truth ${pairs === 1 ? 'was' : 'were'} found, but in each both or neither are on the list — the list treats them alike.`,
  onlyReversed: (pairs: number, other: string) =>
    `No pair: in ${pairs === 1 ? 'the one pair' : `all ${pairs.toLocaleString('en-GB')} pairs`} with the same truth where one child is listed and the other not, the listed child is the less visible one (${other}) — here the list does not favour the more visible group.`,
  recordsContradict: (pairs: number, domains: readonly string[], everywhere: boolean) =>
    `No pair: in ${pairs === 1 ? 'the one pair' : `all ${pairs.toLocaleString('en-GB')} pairs`} with the same truth where the more visible child is listed and the other is not, ${
      everywhere ? 'agencies' : `the agencies where that child's group is more visible (${domains.join(', ')})`
    } recorded no more of the listed child's true circumstances than of the other's, so visibility does not explain the difference.`,
  noLeakage: 'No leaked record: no test child has a record created because a concern was recorded (leakage is off, or no concern was recorded).',
};

/** Texts of `risklab explore` (src/cli/explore.ts). */
export const exploreMessages = {
  outExpected: 'a file path ending in .html',
  wrote: (path: string, bytes: number) =>
    `wrote ${path} (${Math.round(bytes / 1024).toLocaleString('en-GB')} kB): the explorer, one file that opens offline in a browser`,
};

// ==== trainers: the explorer link in the index, the "same child, different record" card (src/report/html/pair-card.ts) ====

export const trainerMessages = {
  exploreLink: 'Open the explorer',
  exploreIntro: 'Change the records live, in front of a room: one page that opens offline in any browser.',
  cardHeading: 'Same child, different record',
  cardIntro: (where: string, attribute: string, visible: string, other: string, domains: string, tolerance: string) =>
    `Two test children${where}, chosen on purpose: the same true circumstances and the same true risk (within ${tolerance}), but children of ${attribute} ${visible} are more visible to ${domains} than children of ${attribute} ${other}. One is on the list and the other is not.`,
  cardMadeUp: 'Names and places are made up; the children are synthetic.',
  cardWhere: (cell: string, strongerWithoutPair: boolean) =>
    strongerWithoutPair
      ? ` from ${cell} (of the settings where such a pair exists, the one where the list favours the more visible group most)`
      : ` from ${cell}, the setting where the list favours the more visible group most`,
  cardNoneWhere: (cell: string) => `In ${cell}, the setting where the list favours the more visible group most: `,
  leakWhere: (cell: string) => `From ${cell}.`,
  cardModel: (model: string, list: string) => `Scores from ${model}; the list is ${list}.`,
  cardGroup: (attribute: string, level: string, visible: boolean) => `${attribute} ${level} (${visible ? 'more visible' : 'less visible'})`,
  cardRowGroup: 'Group',
  cardRowRisk: 'True risk',
  cardRowOutcome: 'Truly harmed',
  cardRowConcern: 'Concern on record',
  cardRowScore: 'Score',
  cardRowRank: 'Rank',
  cardRank: (rank: number, of: number) => `${rank.toLocaleString('en-GB')} of ${of.toLocaleString('en-GB')}`,
  cardRowListed: 'On the list',
  cardRowListedOf: (size: number) => `On the list of ${size.toLocaleString('en-GB')}`,
  yes: 'Yes',
  no: 'No',
  cardEqualRisk: (a: string, b: string, diff: string) => `Equal true risk: ${a} and ${b} (${diff} apart).`,
  cardAgencies: 'What each agency knew: what was true, and what each child has on record',
  cardAgency: 'Agency',
  cardCircumstance: 'Circumstance',
  cardTrue: 'True (both)',
  cardRecorded: (name: string) => name,
  cardNothing: 'Nothing true and nothing on record for either child.',
  cardCount: (n: number) => (n === 0 ? '–' : n === 1 ? '✓' : `✓ ×${n}`),
  cardLeaked: 'created after the concern',
  cardEveryAgency: 'every agency',
  cardNone: 'No pair to show',
  cardNoGroups: 'No setting of this experiment makes one group more visible to agencies than another, so no pair could show what visibility does.',
  leakHeading: 'A record created by the concern itself',
  leakIntro: (name: string) =>
    `${name}'s records include ones created only because a concern was recorded (leakage): the model is partly reading the answer. The same model, the same child, with those records taken away:`,
  leakRecords: 'Records created after the concern',
  leakWith: 'With them',
  leakWithout: 'Without them',
  leakCount: (n: number, of: number) => `${n.toLocaleString('en-GB')} of ${of.toLocaleString('en-GB')} test children have such a record.`,
  domains: {
    education: 'school',
    missing: 'missing-person records',
    police: 'police',
    socialCare: 'social care',
    health: 'health',
    housing: 'housing',
    welfare: 'welfare',
    family: 'family records',
  } as Record<string, string>,
};

// ==== small numbers (src/metrics/suppression.ts: when a rate rests on too few children to print) ====

/** "3 children flagged", "1 child flagged": a count of children with its words, singular when it is 1. */
function childrenWords(count: number, after: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? 'child' : 'children'}${after}`;
}

/**
 * The reasons printed beside a suppressed or undefined rate (HTML, Markdown)
 * and in the CSVs' suppression column.
 */
export const suppressionMessages = {
  /** What each denominator counts, for a count of children (see src/metrics/suppression.ts). */
  share: {
    flagged: (count: number) => childrenWords(count, ' flagged'),
    found: (count: number) => childrenWords(count, ' flagged who have the outcome'),
    positives: (count: number) => childrenWords(count, ' with the outcome'),
    negatives: (count: number) => childrenWords(count, ' without the outcome'),
    unflagged: (count: number) => childrenWords(count, ' not flagged'),
    all: (count: number) => childrenWords(count, ''),
  } as const,
  /** A rate with no children behind it: the metrics give NaN, the page says why. */
  notDefined: (share: (count: number) => string) => `not defined: ${share(0).replace(/^0 /, 'no ')}`,
  /** A rate resting on fewer children than the experiment's minCount. */
  tooFew: (share: (count: number) => string, count: number, minCount: number) =>
    `suppressed: only ${share(count)} (a rate needs at least ${minCount.toLocaleString('en-GB')})`,
  /** The short mark in a table cell, with the reason beside it or in a note. */
  mark: 'suppressed',
  notDefinedMark: 'not defined',
};

// ==== pages (src/report/html, summary-md, index pages, src/report/brief): the words a commissioner reads ====

/** "Children at risk" from "children at risk": a phrase at the start of a label. */
const capital = (s: string) => (s ? `${s[0].toUpperCase()}${s.slice(1)}` : s);

/** How an experiment names its outcome (the experiment file's `outcome`). */
export interface OutcomeWords {
  /** The children who have it, plural: "children at risk", "children whose cases escalate". */
  readonly cases: string;
  /** One of them, with its article: "a child at risk". */
  readonly case: string;
  /** The others: "children not at risk". */
  readonly nonCases: string;
}

/**
 * Every word of the pages a commissioner reads — the banner, the answer, the
 * plain-words numbers, icon labels, the strength scale, the glossary, the
 * one-page brief — so tests compare against these and a page never says
 * "at risk" where the experiment says "cases that escalate".
 */
export const pageMessages = {
  // ---- the banner on every page ----
  banner: {
    synthetic: 'Synthetic children, not any council’s data.',
    body: 'Every child here was made up by a simulation, so the truth about each one is known; no real child, council, force or supplier’s tool is described.',
    targets: 'Targets are published figures the scenarios were built to reproduce, not measurements of real tools:',
    assumptions: 'the assumptions that reach them, with sources and confidence',
    assumptionsInEachReport: 'each report lists the assumptions that reach them, with sources and confidence',
  },
  // ---- when, which code ----
  stamp: {
    line: (date: string, version: string, commit: string) => `Run date ${date} · risklab ${version} · ${commit}`,
    date: (date: string, source: 'SOURCE_DATE_EPOCH' | 'commit' | 'none') => (source === 'SOURCE_DATE_EPOCH' ? `${date} (SOURCE_DATE_EPOCH)` : `${date} (date of the code’s commit)`),
    dateLong: (date: string, source: 'SOURCE_DATE_EPOCH' | 'commit' | 'none') =>
      source === 'SOURCE_DATE_EPOCH'
        ? `${date}, from SOURCE_DATE_EPOCH (pages carry a fixed date so that two runs of the same config give the same bytes; the clock time of the run is in manifest.json)`
        : `${date}, the date of the code’s commit (pages carry a fixed date so that two runs of the same config give the same bytes; the clock time of the run is in manifest.json)`,
    noDate: 'not recorded',
    commit: (commit: string, localChanges: boolean) => `commit ${commit}${localChanges ? ' with local changes' : ''}`,
    noCommit: 'commit not recorded',
  },
  badSourceDateEpoch: (got: string) => `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (the reproducible-builds convention); got ${show(got)}`,
  // ---- header and answer ----
  reportTitle: (title: string) => `${title} — risklab report`,
  briefTitle: (title: string) => `${title} — risklab brief`,
  experimentLine: (name: string, seed: string, hash: string) => `Experiment ${name} · seed ${seed} · config ${hash}`,
  quickRun: 'quick run: fewer children and replicates than the full run',
  answerHeading: 'The answer',
  answerScope: (replicates: number) =>
    `Filled in from the experiment’s own declared findings (the table below), each over every setting and model it names; medians across ${replicates} replicate${replicates === 1 ? '' : 's'}, counts rounded to whole children.`,
  answerSuppressed: (reasons: readonly string[]) => `Numbers marked “[too few to say]” are withheld: ${listWords(reasons)}.`,
  suppressedInline: '[too few to say]',
  fewerThanOne: 'fewer than 1',
  noHeadline: 'This experiment declares no headline; its findings follow.',
  briefLink: 'One-page brief (to print)',
  reportLink: 'Full report',
  indexLink: 'All experiments',
  // ---- the findings table ----
  findingsColumns: ['finding', 'median', '2.5–97.5% across replicates', 'target', 'where the target comes from', 'does the simulation reach it?'] as const,
  // ---- plain words: natural frequencies ----
  plainHeading: 'In plain words',
  plainIntro: (opWords: string, replicates: number) =>
    `Each model at the headline operating point (${opWords}), judged first against what was really true, then against the records. Counts are medians across ${replicates} replicate${replicates === 1 ? '' : 's'}, rounded to whole children.`,
  plainGridIntro: (opWords: string, replicates: number, cells: number) =>
    `${cells === 2 ? 'Both' : `All ${cells}`} settings and each model at the headline operating point (${opWords}), judged first against what was really true, then against the records. Counts are medians across ${replicates} replicate${replicates === 1 ? '' : 's'}, rounded to whole children.`,
  plainSentence: (model: string, notCasesPer1000: string, missedPer10: string, o: OutcomeWords) =>
    `If ${model} flags 1,000 children, ${notCasesPer1000} of them are ${o.nonCases}; it misses ${missedPer10} of every 10 ${o.cases}.`,
  plainRecorded: (notRecordedPer1000: string, missedRecordedPer10: string) =>
    `Judged against the records instead, ${notRecordedPer1000} of those 1,000 would look like false alarms and it would seem to miss ${missedRecordedPer10} of every 10 recorded cases.`,
  plainTooFew: (model: string, reason: string) => `Too few children to say for ${model}: ${reason}.`,
  plainGridCaption: (gridLabel: string) => `${gridLabel ? `${capital(gridLabel)}: every setting` : 'Every setting'}, against the truth and then against the records`,
  plainGridColumns: (o: OutcomeWords) => ({
    setting: 'setting',
    model: 'model',
    notCasesPer1000: `${o.nonCases}, of 1,000 flagged`,
    missedPer10: `missed, of 10 ${o.cases}`,
    notRecordedPer1000: 'not recorded as cases, of 1,000 flagged',
    missedRecordedPer10: 'recorded cases missed, of 10',
  }),
  // ---- icon arrays ----
  iconHeading: 'Who is flagged and who is missed',
  iconIntro: (opWords: string) => `Each picture is 100 children like those tested, at ${opWords}, judged against the truth; under each, how many real children (median per replicate) it stands for. Every kind of child has its own colour and its own mark.`,
  iconCategory: (o: OutcomeWords) =>
    ({
      'flagged, at risk': `${capital(o.cases)}, flagged`,
      'flagged, not at risk': `${capital(o.nonCases)}, flagged`,
      missed: `${capital(o.cases)}, missed`,
      'not flagged, not at risk': `${capital(o.nonCases)}, not flagged`,
    }) as const,
  iconStandsFor: (children: string) => `100 icons for ${children} children`,
  iconFewChildren: (children: string) => `100 icons for only ${children} children: each child is drawn more than once`,
  iconTooFew: (reason: string) => `No picture: ${reason}.`,
  iconSummary: (parts: readonly string[]) => `Out of 100: ${listWords(parts)}.`,
  iconGroupHeading: (model: string, attribute: string) => `${capital(model)}, by ${attribute}`,
  iconGroupIntro: (attribute: string, model: string) => `The groups of ${attribute} differ by 2 or more children in 100 in at least one kind, for ${model}.`,
  iconRoundedToZero: (categories: readonly string[]) => `Some children were ${listWords(categories.map((c) => c.toLowerCase()))} but fewer than 1 in 100, so no icon shows them.`,
  // ---- results tables ----
  resultsIntro: (replicates: number, minCount: number) =>
    `Medians across ${replicates} replicate${replicates === 1 ? '' : 's'}, with the 2.5–97.5% range. Strength words follow the scale under “How strong is strong”. A rate resting on fewer than ${minCount} children is suppressed, and one with no children behind it is not defined. Criteria are checked on the median.`,
  suppressedNote: (minCount: number) => `Suppressed: fewer than ${minCount} children behind the rate (median per replicate); the counts stay in metrics.csv.`,
  // ---- where the numbers come from (extra facts) ----
  sourcesFields: {
    date: 'Run date',
    commit: 'Code',
    outcome: 'Outcome',
    smallNumbers: 'Small numbers',
  },
  outcomeFact: (o: OutcomeWords) => `${o.cases} (the others: ${o.nonCases})`,
  smallNumbersFact: (minCount: number) => `rates resting on fewer than ${minCount} children are suppressed (see src/metrics/suppression.ts for which children each rate rests on)`,
  footer: (name: string, seed: string, hash: string, stamp: string) => `${name} · seed ${seed} · config hash ${hash} · ${stamp}`,
  // ---- the strength scale ----
  scaleHeading: 'How strong is “strong”',
  scale: (minCount: number) =>
    'Precision and recall are called very weak below 0.2; weak from 0.2 to 0.5 (below 0.5 a flag is wrong more often than right, or more children are missed than found); moderate from 0.5; strong from 0.65; very strong from 0.8. ' +
    'The scale is risklab’s own assumption, stated so it can be challenged: the scale behind published “Very Strong” ratings of such tools was never published. 0.5 is where right and wrong are even, 0.8 is where “very strong” begins, and 0.65 splits the range between. ' +
    `A rate with no children behind it is “not defined” — never strong and never a met criterion — and one resting on fewer than ${minCount} children is suppressed.`,
  notDefined: 'not defined',
  // ---- glossary ----
  glossaryHeading: 'Words used here',
  // ---- index ----
  indexTitle: 'risklab: what the experiments show',
  indexIntro: 'Each experiment asks one question about risk tools for children and answers it on synthetic children, where the truth is known. Every report opens on its own with no connection needed; each has a one-page brief to print.',
  indexTrace: (name: string, seed: string, hash: string, replicates: number) => `Experiment ${name} · seed ${seed} · config ${hash} · ${replicates} replicate${replicates === 1 ? '' : 's'}`,
  // ---- the one-page brief ----
  brief: {
    mainPoints: 'Main points',
    flaggedHeading: 'Of 100 children the model flags',
    casesHeading: (o: OutcomeWords) => `Of 100 ${o.cases}`,
    recordsSee: 'As the records see it',
    trulyIs: 'As it truly is',
    /** `n` is the marked icons of 100; `shown` how to say it ("3", or "fewer than 1" when real children round to no icon). */
    flaggedRecords: (n: number, shown: string) => `${shown} recorded as ${n === 1 || shown !== String(n) ? 'a case' : 'cases'}`,
    flaggedTruth: (n: number, shown: string, o: OutcomeWords) => (n === 1 || shown !== String(n) ? `${shown} is ${o.case}` : `${shown} are ${o.cases}`),
    casesRecords: (n: number, shown: string) => `${shown} of 100 recorded cases flagged`,
    casesTruth: (n: number, shown: string) => `${shown} flagged, ${shown !== String(n) ? 'about 100' : 100 - n} missed`,
    standsFor: (children: string, what: string) => `stands for ${children} ${what} (median)`,
    flaggedWhat: 'children flagged',
    recordedWhat: 'recorded cases',
    casesWhat: (o: OutcomeWords) => o.cases,
    noTruth: 'The truth is not known for real records.',
    threeNumbers: 'Three numbers',
    numberPrecision: (o: OutcomeWords) => `Precision: of the children flagged, the share who truly are ${o.cases}.`,
    numberRecall: (o: OutcomeWords) => `Recall: of the ${o.cases}, the share the model flags.`,
    numberFlagsPerCase: 'Children flagged per true case: how many are flagged for each one truly found.',
    recordsSay: (value: string) => `the records say ${value}`,
    doesNotShow: 'What this does not show',
    doesNotShowItems: [
      'How any real council’s, force’s or supplier’s tool performs: these children are synthetic; the numbers show what the scenario’s mechanisms do to a tool’s figures.',
      'What happens to a child after a flag: help, harm or nothing.',
      'Whether the scenario’s assumptions hold where you are: its targets are reproduced, not discovered.',
    ] as readonly string[],
    questions: 'Questions to ask a supplier',
    questionLabel: (gapWords: string) => `Were your figures judged against the records, or against what happened to the children? ${gapWords}`,
    questionLeakage: 'Were any inputs created after a concern was raised (a referral, a strategy meeting)? Such records make a model look better against the records without foreseeing anything.',
    questionBaseRate: (here: string) => `What is your base rate — the share of children with the outcome — in your area and in your test records? ${here}`,
    questionCapacity: (here: string) => `At your capacity, how many children do you flag for each true case? ${here}`,
    baseRateHere: (value: string) => `Here: ${value} in truth.`,
    capacityHere: (model: string, opWords: string, value: string) => `Here: about ${value} (${model}, ${opWords}).`,
    focus: (model: string, where: string, opWords: string) => `Pictures and numbers: ${model}, ${where}, at ${opWords}.`,
    focusAll: (cells: number) => (cells === 1 ? 'the one setting' : `all ${cells} settings together`),
    focusOne: (cell: string) => `in ${cell}`,
    pointRecords: (model: string, direction: 'flatter' | 'understate' | 'match', recorded: string, truth: string, o: OutcomeWords) =>
      direction === 'match'
        ? `The records agree with the truth for ${model}: of every 100 children it flags, ${truth} are ${o.cases}.`
        : `The records ${direction} ${model}: of every 100 children it flags, the records count ${recorded} as cases, but ${truth} truly are ${o.cases}.`,
    pointCases: (model: string, truth: string, recorded: string, o: OutcomeWords) =>
      `Of every 100 ${o.cases}, ${model} flags ${truth}; of every 100 recorded cases it seems to flag ${recorded}.`,
    pointTargets: (reached: number, of: number) =>
      `The simulation reaches ${reached} of the ${of} published target${of === 1 ? '' : 's'} it was built to reproduce; the full report lists each with its source.`,
    tooFew: (reason: string) => `Too few children for a picture: ${reason}.`,
    gapWords: (model: string, direction: 'flatter' | 'understate' | 'match', points: number) =>
      direction === 'match'
        ? `Here the records and the truth agree for ${model}.`
        : `Here the records make ${model} look ${direction === 'flatter' ? 'better' : 'worse'} by about ${points} right flag${points === 1 ? '' : 's'} in 100.`,
    footer: (name: string, seed: string, hash: string) => `Experiment ${name} · seed ${seed} · config ${hash}`,
    notes: (minCount: number) =>
      `Words such as “strong” follow risklab’s stated scale (in the full report: below 0.5 is never more than weak); a rate resting on fewer than ${minCount} children is suppressed; counts are medians across replicates, in whole children.`,
  },
};

/**
 * The glossary: each term defined once, in plain words, for every page
 * (src/report/glossary.ts links a term's first use on a page to its entry).
 * `match` is the pattern of the term in running text (plurals included).
 */
export const glossaryTerms: readonly { readonly id: string; readonly term: string; readonly match: RegExp; readonly definition: string }[] = [
  { id: 'precision', term: 'precision', match: /(?<!average )\bprecision\b/i, definition: 'Of the children a tool flags, the share who really have the outcome. Precision 0.4 means 4 flags in 10 are right and 6 in 10 are false alarms.' },
  { id: 'recall', term: 'recall', match: /\brecall\b/i, definition: 'Of the children who really have the outcome, the share the tool flags. Recall 0.2 means it finds 2 in 10 and misses 8.' },
  { id: 'false-positive-rate', term: 'false-positive rate', match: /\bfalse[- ]positive rates?\b/i, definition: 'Of the children who do not have the outcome, the share the tool flags anyway.' },
  { id: 'auc', term: 'AUC', match: /\bAUCs?\b/, definition: 'Area under the ROC curve: the chance that the tool scores a child with the outcome above a child without it, both picked at random. 0.5 is a coin toss, 1 is a perfect ranking; it says nothing about where the line is drawn.' },
  { id: 'average-precision', term: 'average precision', match: /\baverage precision\b/i, definition: 'Precision averaged over every length of list, from the highest score down: one number for how well a ranking puts the cases first.' },
  { id: 'base-rate', term: 'base rate', match: /\bbase rates?\b/i, definition: 'The share of children who have the outcome (in truth, or as recorded — the page says which). The rarer it is, the more false alarms come with each true case.' },
  { id: 'oracle', term: 'oracle', match: /\boracle\b/i, definition: 'A stand-in for the best possible model: it scores each child by their true risk, which only a simulation knows. No real tool can do better.' },
  { id: 'replicate', term: 'replicate', match: /\breplicates?\b/i, definition: 'One complete run of the simulation with its own randomly drawn children. Numbers are medians across replicates; the 2.5–97.5% range shows how much they vary.' },
  { id: 'operating-point', term: 'operating point', match: /\boperating points?\b/i, definition: 'Where the line is drawn between flagged and not flagged: a score threshold, a list of fixed length, or a share of children. It is set on the year it is used, or — as a practitioner must — on the training year and carried over unchanged.' },
  { id: 'leakage', term: 'leakage', match: /\bleakage\b/i, definition: 'Records created because of the outcome itself — a referral or a strategy meeting after a concern was raised. A model that uses them looks accurate against the records without foreseeing anything.' },
  { id: 'detection', term: 'detection', match: /\bdetection\b/i, definition: 'The chance that a child’s true outcome is recorded at all. When detection is low or uneven, the records miss cases, and miss some groups’ cases more.' },
  { id: 'visibility', term: 'visibility', match: /\bvisib(?:ility|le)\b/i, definition: 'The chance that a true circumstance of a child (a police contact, a family’s money troubles) is written down by an agency, by agency and group. More visible families have fuller records.' },
];

// ==== printing (src/io/pdf.ts: the brief to PDF with Debian's chromium) ====

/** Texts of PDF printing: one clear line when the browser is missing or cannot start. */
export const pdfMessages = {
  noChromium: (path: string) =>
    `brief.pdf needs Debian's chromium at ${path} to print (risklab never downloads a browser): install it with "apt-get install -y chromium" (.ci/run does), or set RISKLAB_CHROMIUM to its path`,
  launchFailed: (path: string, reason: string) => `brief.pdf: chromium at ${path} did not start: ${reason}`,
};
