import { messages, modelMessages, RisklabError } from '../messages.js';
import { loadOracle, loadRandom, oracle, ORACLE_PARAMS, RANDOM_PARAMS, randomModel, type TruthLookup } from './baselines.js';
import { boosting, BOOSTING_PARAMS, loadBoosting } from './boosting.js';
import { savedKind } from './envelope.js';
import { forest, FOREST_PARAMS, loadForest } from './forest.js';
import { loadLogistic, logistic, LOGISTIC_PARAMS } from './logistic.js';
import { loadNeural, neural } from './neural.js';
import { NEURAL_PARAMS } from './neural/params.js';
import type { AnyParamSpec } from './params.js';
import { loadPoints, points, POINTS_PARAMS } from './points.js';
import type { Classifier, FittedClassifier } from './types.js';

/**
 * Model names → factories and loaders, so experiments name models as
 * strings: `createModel('forest', { nTrees: 200 })`,
 * `loadModel(JSON.parse(saved))`.
 *
 * Each entry says whether the model is a baseline (tables label `random` and
 * `oracle` as baselines) and whether it is seeded (its fit draws from the
 * `RandomSource`: a different stream gives a different model; unseeded
 * models ignore the stream).
 */

/** What some models need besides their hyper-parameters: the oracle's truth lookup. */
export interface ModelContext {
  /** pTrue by child id; only the `oracle` uses it, and it is required there. */
  readonly truth?: TruthLookup;
}

/** A registered model kind. */
export interface ModelEntry {
  /** Make a classifier from hyper-parameters (checked; errors name the model and field). */
  readonly create: (params: unknown, context: ModelContext) => Classifier<unknown>;
  /** Rebuild a fitted model from its `toJSON()` output (the saved-model envelope). */
  readonly load: (json: unknown, context: ModelContext) => FittedClassifier;
  /** The model's hyper-parameter table (fields, defaults, known keys). */
  readonly params: AnyParamSpec;
  /** A yardstick (`random`, `oracle`), not a model a council would deploy. */
  readonly baseline: boolean;
  /** Whether `fit` draws from its `RandomSource`. */
  readonly seeded: boolean;
  /** One line for `risklab models` and reports. */
  readonly description: string;
}

/** The factories take typed params; the registry passes what it is given and each factory checks it at run time. */
type ParamsOf<F extends (...args: never[]) => unknown> = Parameters<F>[0];

const ENTRIES = {
  points: {
    create: (params) => points(params as ParamsOf<typeof points>),
    load: (json) => loadPoints(json),
    params: POINTS_PARAMS,
    baseline: false,
    seeded: false,
    description: 'additive flag score (TRAP-style expert points, or a scorecard fitted by logistic regression)',
  },
  logistic: {
    create: (params) => logistic(params as ParamsOf<typeof logistic>),
    load: (json) => loadLogistic(json),
    params: LOGISTIC_PARAMS,
    baseline: false,
    seeded: false,
    description: 'logistic regression, exact maximum likelihood (Newton/IRLS), optional L2 penalty',
  },
  forest: {
    create: (params) => forest(params as ParamsOf<typeof forest>),
    load: (json) => loadForest(json),
    params: FOREST_PARAMS,
    baseline: false,
    seeded: true,
    description: 'random forest of CART trees (bootstrap, random feature subsets)',
  },
  boosting: {
    create: (params) => boosting(params as ParamsOf<typeof boosting>),
    load: (json) => loadBoosting(json),
    params: BOOSTING_PARAMS,
    baseline: false,
    seeded: true,
    description: 'gradient-boosted trees (histogram splits, best-first leaves, early stopping on a seeded held-out share)',
  },
  neural: {
    create: (params) => neural(params as ParamsOf<typeof neural>),
    load: (json) => loadNeural(json),
    params: NEURAL_PARAMS,
    baseline: false,
    seeded: true,
    description: 'multilayer perceptron (Adam; typed-array and WebAssembly SIMD training for small layers, TensorFlow.js for large ones)',
  },
  random: {
    create: (params) => randomModel(params as ParamsOf<typeof randomModel>),
    load: (json) => loadRandom(json),
    params: RANDOM_PARAMS,
    baseline: true,
    seeded: true,
    description: 'baseline: seeded uniform scores (AUC ≈ 0.5)',
  },
  oracle: {
    create: (params, context) => oracle(context as { truth: TruthLookup }, params as ParamsOf<typeof randomModel>),
    load: (json, context) => loadOracle(json, context as { truth: TruthLookup }),
    params: ORACLE_PARAMS,
    baseline: true,
    seeded: false,
    description: 'baseline: scores with pTrue, the best any model could do (the only model given truth)',
  },
} satisfies Record<string, ModelEntry>;

const REGISTRY: ReadonlyMap<string, ModelEntry> = new Map(Object.entries(ENTRIES));

/** The registered model names. */
export type ModelName = keyof typeof ENTRIES;

/** Every registered model name, models first, baselines last. */
export const modelNames: readonly string[] = Object.freeze([...REGISTRY.keys()]);

/** The registry entry for `name`; unknown names throw `messages.unknownName`. */
export function modelEntry(name: string, field = 'model'): ModelEntry {
  const entry = typeof name === 'string' ? REGISTRY.get(name) : undefined;
  if (entry === undefined) throw new RisklabError(messages.unknownName(field, name, modelNames), field);
  return entry;
}

/**
 * A classifier by name.
 *
 * @example
 * const model = createModel('logistic', { C: 1 });
 * const oracleModel = createModel('oracle', {}, { truth: truthLookup(population) });
 */
export function createModel(name: string, params: unknown = {}, context: ModelContext = {}): Classifier<unknown> {
  return modelEntry(name).create(params, context);
}

/**
 * Check a model's hyper-parameters without making it (e.g. when an
 * experiment is resolved, before any simulation): the resolved parameters,
 * or the one error naming the model and the field.
 *
 * @example
 * resolveModelParams('forest', { nTrees: 0 }); // throws "forest.params.nTrees must be an integer ≥ 1; got 0"
 */
export function resolveModelParams(name: string, params: unknown = {}): unknown {
  return modelEntry(name).params.resolve(params);
}

/**
 * A fitted model from its saved envelope `{ kind, version, params, state }`
 * (`fitted.toJSON()`, possibly through JSON.stringify / JSON.parse). The
 * `kind` picks the model; every failure is one line,
 * `saved <model> model cannot be loaded: <what is wrong>`.
 *
 * @example
 * const again = loadModel(JSON.parse(JSON.stringify(fitted.toJSON())));
 */
export function loadModel(json: unknown, context: ModelContext = {}): FittedClassifier {
  const kind = savedKind(json);
  const entry = REGISTRY.get(kind);
  if (entry === undefined) throw new RisklabError(modelMessages.savedModel('a', modelMessages.saved.unknownKind(kind, modelNames)));
  return entry.load(json, context);
}

/** Whether `kind` is a baseline (`random`, `oracle`): tables label these rows. */
export function isBaseline(kind: string): boolean {
  return REGISTRY.get(kind)?.baseline ?? false;
}

/** Whether `kind` draws from its random stream when fitted. */
export function isSeeded(kind: string): boolean {
  return REGISTRY.get(kind)?.seeded ?? false;
}
