import type { Population } from '../population/types.js';
import { uniformInt, type RandomSource } from '../random/index.js';
import { messages, modelMessages, RisklabError } from '../messages.js';
import { noReasons, reasonRows, type Reasons } from './reasons.js';
import { loadSaved, savedModel, type SavedFormat, type StateReader } from './envelope.js';
import { assertFeatureMatrix, assertTrainingSet } from './features.js';
import { defineParams } from './params.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';

/**
 * Baselines: the two yardsticks every table shows beside the real models.
 *
 * - `random` scores each child with a seeded uniform number: the ranking a
 *   coin would give (AUC ≈ 0.5).
 * - `oracle` scores each child with `pTrue`, the true probability the
 *   simulation knows: the best any model could do. It is the ONLY model that
 *   sees truth, and only through the lookup handed to it when it is created.
 *
 * Both carry `baseline: true`; the registry's `isBaseline(kind)` says the same
 * for labelling tables.
 */

/** The oracle's one window on the truth: pTrue for the given child ids. */
export interface TruthLookup {
  pTrueById(ids: Int32Array): Float64Array;
}

/**
 * The truth lookup for a population (maps child ids to rows once).
 *
 * @example
 * const model = oracle({ truth: truthLookup(population) });
 */
export function truthLookup(population: Pick<Population, 'ids' | 'pTrue'>): TruthLookup {
  const { ids } = population;
  // A cohort's ids run consecutively (the usual case): the row is the id minus the first, no map needed.
  let consecutive = true;
  for (let i = 1; i < ids.length && consecutive; i++) consecutive = ids[i] === ids[0] + i;
  if (consecutive) {
    const first = ids.length > 0 ? ids[0] : 0;
    return {
      pTrueById(wanted: Int32Array): Float64Array {
        const out = new Float64Array(wanted.length);
        for (let i = 0; i < wanted.length; i++) {
          const r = wanted[i] - first;
          if (!(r >= 0 && r < ids.length)) throw new RisklabError(messages.badTruthLookup(`has no child with id ${wanted[i]}`));
          out[i] = population.pTrue[r];
        }
        return out;
      },
    };
  }
  const row = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) row.set(ids[i], i);
  return {
    pTrueById(ids: Int32Array): Float64Array {
      const out = new Float64Array(ids.length);
      for (let i = 0; i < ids.length; i++) {
        const r = row.get(ids[i]);
        if (r === undefined) throw new RisklabError(messages.badTruthLookup(`has no child with id ${ids[i]}`));
        out[i] = population.pTrue[r];
      }
      return out;
    },
  };
}

// ---- random ---------------------------------------------------------------

/** `random` has no hyper-parameters (any key is refused). */
export const RANDOM_PARAMS = defineParams('random', {});
export type RandomParams = Record<string, never>;
const RANDOM_VERSION = 1;

/** A fitted baseline: marked so tables can label it. */
export interface FittedBaseline extends FittedClassifier {
  readonly baseline: true;
}

/**
 * Uniform score in [0, 1) for child `id` under `seed`: the murmur3 32-bit
 * finaliser applied to the seed mixed with the id. A child keeps its score
 * whatever rows it is scored with, and a reloaded model gives the same scores.
 */
export function hashUniform(seed: number, id: number): number {
  let h = (seed ^ Math.imul(id, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function fittedRandom(seed: number): FittedBaseline {
  return Object.freeze({
    kind: 'random',
    baseline: true as const,
    predictProba(x: FeatureMatrix): Float64Array {
      assertFeatureMatrix('random', x);
      const out = new Float64Array(x.nRows);
      for (let i = 0; i < out.length; i++) out[i] = hashUniform(seed, x.rowIds[i]);
      return out;
    },
    reasons(x: FeatureMatrix, rows: ArrayLike<number>): Reasons {
      assertFeatureMatrix('random', x);
      reasonRows('random', x, rows);
      return noReasons(modelMessages.noReasons.baseline('random'));
    },
    toJSON: () => savedModel('random', RANDOM_VERSION, {}, { seed }),
  });
}

/**
 * The `random` baseline. Seeded: `fit` draws a 32-bit seed from `random`, so
 * the same stream gives the same scores and another stream other scores.
 *
 * @example
 * const fitted = await randomModel().fit(train, root.fork('model:random'));
 */
export function randomModel(params: RandomParams = {}): Classifier<RandomParams> {
  return Object.freeze({
    kind: 'random',
    params: RANDOM_PARAMS.resolve(params) as RandomParams,
    fit: async (train: TrainingSet, random: RandomSource) => {
      assertTrainingSet('random', train);
      return fittedRandom(uniformInt(random, 4294967296));
    },
  });
}

/** How a fitted `random` baseline is saved (its 32-bit seed) and read back. */
export const RANDOM_FORMAT: SavedFormat<unknown, FittedBaseline> = {
  kind: 'random',
  version: RANDOM_VERSION,
  params: RANDOM_PARAMS,
  read: (state: StateReader) => {
    const seed = state.number('seed', { integer: true, min: 0 });
    if (seed >= 4294967296) state.bad('seed', `must be a 32-bit unsigned integer; got ${seed}`);
    return fittedRandom(seed);
  },
};

/** Reload a fitted `random` baseline. */
export function loadRandom(json: unknown): FittedBaseline {
  return loadSaved(RANDOM_FORMAT, json, undefined);
}

// ---- oracle ---------------------------------------------------------------

/** `oracle` has no hyper-parameters (any key is refused); its truth lookup is passed beside them. */
export const ORACLE_PARAMS = defineParams('oracle', {});
export type OracleParams = Record<string, never>;
const ORACLE_VERSION = 1;

/** What the oracle is created with: the truth lookup (required). */
export interface OracleOptions {
  readonly truth: TruthLookup;
}

function checkTruth(where: string, options: unknown): TruthLookup {
  const truth = (options as { truth?: unknown } | null | undefined)?.truth as TruthLookup | undefined;
  if (truth === undefined || truth === null || typeof truth.pTrueById !== 'function') {
    throw new RisklabError(messages.oracleNeedsTruth(where), 'truth');
  }
  return truth;
}

function fittedOracle(truth: TruthLookup): FittedBaseline {
  return Object.freeze({
    kind: 'oracle',
    baseline: true as const,
    predictProba(x: FeatureMatrix): Float64Array {
      assertFeatureMatrix('oracle', x);
      const p = truth.pTrueById(x.rowIds);
      if (!(p instanceof Float64Array) || p.length !== x.nRows) {
        throw new RisklabError(messages.badTruthLookup(`returned ${p?.length ?? 0} values for ${x.nRows} children`));
      }
      for (let i = 0; i < p.length; i++) {
        if (!(p[i] >= 0 && p[i] <= 1)) throw new RisklabError(messages.badTruthLookup(`gave pTrue ${p[i]} for child ${x.rowIds[i]}`));
      }
      return Float64Array.from(p);
    },
    reasons(x: FeatureMatrix, rows: ArrayLike<number>): Reasons {
      assertFeatureMatrix('oracle', x);
      reasonRows('oracle', x, rows);
      return noReasons(modelMessages.noReasons.baseline('oracle'));
    },
    toJSON: () => savedModel('oracle', ORACLE_VERSION, {}, {}),
  });
}

/**
 * The `oracle` baseline: scores with pTrue through `options.truth`. Not
 * seeded; fitting learns nothing. Its saved form holds no truth: reloading it
 * needs the lookup again (`loadOracle(json, { truth })`).
 *
 * @example
 * const fitted = await oracle({ truth: truthLookup(population) }).fit(train, random);
 */
export function oracle(options: OracleOptions, params: OracleParams = {}): Classifier<OracleParams> {
  const resolved = ORACLE_PARAMS.resolve(params) as OracleParams;
  const truth = checkTruth('oracle', options);
  return Object.freeze({
    kind: 'oracle',
    params: resolved,
    fit: async (train: TrainingSet, _random: RandomSource) => {
      assertTrainingSet('oracle', train);
      return fittedOracle(truth);
    },
  });
}

/** How a fitted `oracle` is saved (nothing but its kind: the truth is never saved) and read back. */
export const ORACLE_FORMAT: SavedFormat<unknown, FittedBaseline, OracleOptions | undefined> = {
  kind: 'oracle',
  version: ORACLE_VERSION,
  params: ORACLE_PARAMS,
  read: (_state, _params, options) => fittedOracle(checkTruth('loadModel(oracle)', options)),
};

/** Reload a fitted `oracle`: needs the truth lookup again. */
export function loadOracle(json: unknown, options: OracleOptions): FittedBaseline {
  return loadSaved(ORACLE_FORMAT, json, options);
}
export { randomModel as random };
