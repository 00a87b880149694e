import { messages, modelMessages, RisklabError } from '../messages.js';
import type { Records } from '../recording/types.js';
import type { FeatureMatrix, TrainingSet } from './types.js';

/**
 * The feature builder: the only way to make a `FeatureMatrix`, and it reads
 * `Records` only. Truth cannot come in by type (the parameter is `Records`,
 * which has no truth fields) nor at run time (`assertRecordsOnly` rejects an
 * object that carries `truth`, `pTrue` or `yTrue`, and any circumstance whose
 * name looks like a truth column).
 *
 * Columns, in this order:
 * 1. each chosen recorded circumstance, named as in the catalogue
 *    (`persistent_absence`, `missing_episodes`…): 0/1 flags or counts;
 * 2. `age` in years (unless `age: false`);
 * 3. for each requested group attribute, one 0/1 column per level except the
 *    first (the reference level): `group:<attribute>=<level>`.
 */
export interface FeatureOptions {
  /** Recorded circumstances to use, by name, in this order. Default: all, in catalogue order. */
  readonly circumstances?: readonly string[];
  /** Include the child's age as a feature. Default: `true`. */
  readonly age?: boolean;
  /**
   * Group attributes to include as one-hot columns (first level dropped).
   * Default: `false` — none (models leave protected attributes out unless asked).
   * `true` includes every attribute; a list names them.
   */
  readonly groups?: boolean | readonly string[];
  /** Rows to take (indices into the records, in this order). Default: every child. */
  readonly rows?: Int32Array;
}

/** Fields that only the truth (`Population`) has; a records object carrying any of them is refused. */
const TRUTH_FIELDS = ['truth', 'pTrue', 'yTrue'] as const;
/** Name prefixes of truth columns in files and tables (`true_<c>`, `p_true`, `y_true`). */
const TRUTH_PREFIXES = ['true_', 'p_true', 'y_true'] as const;

/** True when a column name looks like a truth column (`true_…`, `p_true…`, `y_true…`, any case). */
export function isTruthName(name: string): boolean {
  const lower = name.toLowerCase();
  return TRUTH_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * Run-time guard behind the type: throws `messages.truthColumn` if `records`
 * carries a truth field (for example a `Population` cast to `Records`) or a
 * circumstance named like a truth column.
 */
export function assertRecordsOnly(records: Records): void {
  const asObject = records as unknown as Record<string, unknown>;
  for (const field of TRUTH_FIELDS) {
    if (field in asObject) throw new RisklabError(messages.truthColumn(field), field);
  }
  for (const info of records.circumstances) {
    if (isTruthName(info.name)) throw new RisklabError(messages.truthColumn(info.name), info.name);
  }
  for (const group of records.groups) {
    if (isTruthName(group.attribute)) throw new RisklabError(messages.truthColumn(group.attribute), group.attribute);
  }
}

/** Indices of the chosen circumstances, checked against the records' catalogue. */
function chosenCircumstances(records: Records, options: FeatureOptions): number[] {
  const known = records.circumstances.map((c) => c.name);
  if (options.circumstances === undefined) return known.map((_, k) => k);
  return options.circumstances.map((name) => {
    if (isTruthName(name)) throw new RisklabError(messages.truthColumn(name), 'features.circumstances');
    const k = known.indexOf(name);
    if (k < 0) throw new RisklabError(messages.unknownName('features.circumstances', name, known), 'features.circumstances');
    return k;
  });
}

/** Indices of the chosen group attributes. */
function chosenGroups(records: Records, options: FeatureOptions): number[] {
  const known = records.groups.map((g) => g.attribute);
  const groups = options.groups ?? false;
  if (groups === false) return [];
  if (groups === true) return known.map((_, k) => k);
  return groups.map((attribute) => {
    const k = known.indexOf(attribute);
    if (k < 0) throw new RisklabError(messages.unknownName('features.groups', attribute, known), 'features.groups');
    return k;
  });
}

/** Name of the one-hot column for `level` of `attribute`. */
export function groupColumnName(attribute: string, level: string): string {
  return `group:${attribute}=${level}`;
}

/**
 * The feature names `buildFeatures(records, options)` would produce, in
 * order, without building anything.
 *
 * @example
 * featureNames(records, { groups: ['sex'] });
 * // ['persistent_absence', …, 'parental_offending', 'age', 'group:sex=male']
 */
export function featureNames(records: Records, options: FeatureOptions = {}): string[] {
  assertRecordsOnly(records);
  const names = chosenCircumstances(records, options).map((k) => records.circumstances[k].name);
  if (options.age ?? true) names.push('age');
  for (const g of chosenGroups(records, options)) {
    const { attribute, levels } = records.groups[g];
    for (let level = 1; level < levels.length; level++) names.push(groupColumnName(attribute, levels[level]));
  }
  return names;
}

/** The rows to take: `options.rows` checked against the records' size, or all. */
function chosenRows(records: Records, rows: Int32Array | undefined): Int32Array {
  if (rows === undefined) {
    const all = new Int32Array(records.size);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return all;
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r < 0 || r >= records.size) {
      throw new RisklabError(messages.invalid(`features.rows[${i}]`, `a row index in [0, ${records.size})`, r), 'features.rows');
    }
  }
  return rows;
}

/** Copy `source[rows[i]]` into a new Float64Array. */
function gather(source: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = source[rows[i]];
  return out;
}

/** A 0/1 column: 1 where `codes[rows[i]] === level`. */
function indicator(codes: Uint8Array, level: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = codes[rows[i]] === level ? 1 : 0;
  return out;
}

/**
 * Build model inputs from records only.
 *
 * @example
 * const x = buildFeatures(records, { rows: trainRows });             // circumstances + age
 * const xg = buildFeatures(records, { rows: trainRows, groups: true }); // + group one-hots
 */
export function buildFeatures(records: Records, options: FeatureOptions = {}): FeatureMatrix {
  assertRecordsOnly(records);
  const rows = chosenRows(records, options.rows);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const k of chosenCircumstances(records, options)) {
    names.push(records.circumstances[k].name);
    columns.push(gather(records.recorded[k], rows));
  }
  if (options.age ?? true) {
    names.push('age');
    columns.push(gather(records.age, rows));
  }
  for (const g of chosenGroups(records, options)) {
    const { attribute, levels, codes } = records.groups[g];
    for (let level = 1; level < levels.length; level++) {
      names.push(groupColumnName(attribute, levels[level]));
      columns.push(indicator(codes, level, rows));
    }
  }
  const rowIds = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) rowIds[i] = records.ids[rows[i]];
  const x: FeatureMatrix = Object.freeze({ nRows: rows.length, names: Object.freeze(names), columns: Object.freeze(columns), rowIds, source: 'records' as const });
  if (integerSources(records)) finiteByConstruction.add(x);
  return x;
}

/**
 * Matrices this builder made from integer columns only (Uint8Array records
 * and age, 0/1 group indicators): every value is finite by construction, so
 * `assertFeatureMatrix` does not scan them again — a task shares one matrix
 * between all its models, each of which checks it in `fit` and in
 * `predictProba`. The shape checks still run every time. The columns are
 * the builder's own (nobody else holds them until it returns); a caller who
 * writes into them afterwards must build a new matrix, as every caller and
 * test does (`{ ...x, columns }` is a new object and is scanned).
 */
const finiteByConstruction = new WeakSet<FeatureMatrix>();

function integerSources(records: Records): boolean {
  return records.age instanceof Uint8Array && records.recorded.every((c) => c instanceof Uint8Array);
}

/**
 * Features and the recorded label for the same rows: what `Classifier.fit` takes.
 *
 * @example
 * const train = buildTrainingSet(records, { rows: split.train });
 * const fitted = await logistic().fit(train, random.fork('model:logistic'));
 */
export function buildTrainingSet(records: Records, options: FeatureOptions = {}): TrainingSet {
  const x = buildFeatures(records, options);
  const rows = chosenRows(records, options.rows);
  const yRecorded = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) yRecorded[i] = records.yRecorded[rows[i]];
  return { x, yRecorded };
}

/**
 * Check that `x` is a well-formed matrix from the feature builder: the
 * `source: 'records'` brand, one name per column, `nRows` entries per column
 * and per `rowIds`, no truth-like names, and every value a finite number
 * (`modelMessages.notFinite` names the first column holding NaN or ±Infinity
 * and its first such row). Models call this in `fit` and `predictProba`;
 * the error names the model. A model that reads every value anyway may pass
 * `values: false` and check finiteness in its own pass, with the same
 * `modelMessages.notFinite` for the same first bad value.
 */
export function assertFeatureMatrix(model: string, x: FeatureMatrix, values = true): void {
  if (x === null || typeof x !== 'object' || (x as { source?: unknown }).source !== 'records') {
    throw new RisklabError(messages.notFeatureMatrix(model, "it lacks the source: 'records' brand"));
  }
  if (!Array.isArray(x.names) || !Array.isArray(x.columns) || x.names.length !== x.columns.length) {
    throw new RisklabError(messages.notFeatureMatrix(model, 'names and columns must be arrays of the same length'));
  }
  for (const name of x.names) {
    if (isTruthName(name)) throw new RisklabError(messages.truthColumn(name), name);
  }
  if (!(x.rowIds instanceof Int32Array) || x.rowIds.length !== x.nRows) {
    throw new RisklabError(messages.shapeMismatch(`${model}: rowIds`, x.nRows, x.rowIds?.length ?? 0));
  }
  x.columns.forEach((column, j) => {
    if (!(column instanceof Float64Array) || column.length !== x.nRows) {
      throw new RisklabError(messages.shapeMismatch(`${model}: column ${show(x.names[j])}`, x.nRows, column?.length ?? 0));
    }
  });
  if (values) assertFinite(model, x);
}

/** Every value finite: `x - x === 0` is false exactly for NaN and ±Infinity. */
function assertFinite(model: string, x: FeatureMatrix): void {
  if (finiteByConstruction.has(x)) return;
  for (let j = 0; j < x.columns.length; j++) {
    const column = x.columns[j];
    let bad = 0;
    for (let i = 0; i < column.length; i++) bad |= column[i] - column[i] === 0 ? 0 : 1;
    if (bad === 0) continue;
    let i = 0;
    while (column[i] - column[i] === 0) i++;
    throw new RisklabError(modelMessages.notFinite(model, x.names[j], i, column[i]), x.names[j]);
  }
}

function show(name: string): string {
  return JSON.stringify(name);
}

/**
 * Check that a matrix has exactly the features, in the same order, that a
 * fitted model was fitted on (and, unless `values` is false, that every value
 * is finite, as `assertFeatureMatrix`); the error names the model and the
 * first column that differs.
 *
 * @example
 * checkFeatureNames('logistic', fitted.featureNames, xTest);
 */
export function checkFeatureNames(model: string, expected: readonly string[], x: FeatureMatrix, values = true): void {
  assertFeatureMatrix(model, x, values);
  const same = expected.length === x.names.length && expected.every((name, j) => name === x.names[j]);
  if (!same) throw new RisklabError(messages.featureMismatch(model, expected, x.names));
}

/**
 * Check a training set: a well-formed matrix of finite values, one 0/1
 * `yRecorded` per row, at least one row, and both classes present (every
 * model, the baselines included, refuses one-class data with the same
 * `modelMessages.oneClass`: there is nothing to learn, and a baseline fitted
 * on it would stand beside models that could not be fitted).
 */
export function assertTrainingSet(model: string, train: TrainingSet): void {
  assertFeatureMatrix(model, train.x);
  const { yRecorded } = train;
  if (!(yRecorded instanceof Uint8Array) || yRecorded.length !== train.x.nRows) {
    throw new RisklabError(messages.badLabels(model, `must be a Uint8Array with one entry per row (${train.x.nRows}); got ${yRecorded?.length ?? 0}`));
  }
  for (let i = 0; i < yRecorded.length; i++) {
    if (yRecorded[i] > 1) throw new RisklabError(messages.badLabels(model, `must be 0 or 1; row ${i} is ${yRecorded[i]}`));
  }
  if (train.x.nRows === 0) throw new RisklabError(messages.badLabels(model, 'is empty: there are no training rows'));
  let positives = 0;
  for (let i = 0; i < yRecorded.length; i++) positives += yRecorded[i];
  if (positives === 0 || positives === yRecorded.length) {
    throw new RisklabError(modelMessages.oneClass(model, positives, yRecorded.length), 'yRecorded');
  }
}
