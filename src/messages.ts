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
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
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
  /** Model hyper-parameter errors name the model: `forest.maxDepth must be an integer ≥ 1; got 0`. */
  badParam: (model: string, field: string, expected: string, got: unknown) =>
    `${model}.${field} must be ${expected}; got ${show(got)}`,
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
  /** Two parameters that say the same thing were both given. */
  conflictingParams: (model: string, a: string, b: string) =>
    `${model}: give ${a} or ${b}, not both (${a} = 1 / ${b})`,
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
  /** A criterion text that does not parse. */
  badCriterion: (text: string) =>
    `criterion ${show(text)} must read like "precision ≥ 0.65": a metric name, one of ≥ > ≤ < >= <=, then a number`,
  /** A strength scale that is not a list of ascending bands with words. */
  badScale: (reason: string) => `strength scale ${reason}`,
};

// ==== trees (src/models/tree, forest, boosting) ====

/** Error texts of the tree models (forest, boosting) and their shared histogram-tree code. */
export const treeMessages = {
  /** A NaN in a feature column: binning needs every value. */
  missingValue: (model: string, feature: string, row: number) =>
    `${model}: feature ${show(feature)} has no value (NaN) at row ${row}; tree models need every value recorded`,
};
