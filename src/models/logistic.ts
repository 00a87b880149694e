import type { RandomSource } from '../random/index.js';
import { modelMessages } from '../messages.js';
import { sigmoid } from '../numeric.js';
import { reasonRows, rowReasons, type Reasons, type ReasonsOptions } from './reasons.js';
import { finiteOrNull, loadSaved, savedModel, type SavedFormat, type SavedModel, type StateReader } from './envelope.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { fitIrls } from './linear/irls.js';
import { boolean, classWeightField, classWeights, defineParams, integer, isUnweighted, number, type ParamsInput, type ParamsOf } from './params.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';

/**
 * `logistic` — exact maximum-likelihood logistic regression, fitted by
 * Newton's method (IRLS) with an optional L2 penalty.
 *
 * P(yRecorded = 1 | x) = 1 / (1 + exp(−(β₀ + Σⱼ βⱼ xⱼ))).
 *
 * The penalty follows scikit-learn's `LogisticRegression`: with `C`, the fit
 * minimises C · Σᵢ logloss + ½ Σⱼ γⱼ², i.e. Σᵢ logloss + (l2 / 2) Σⱼ γⱼ² with
 * l2 = 1 / C. It is never applied to the intercept. With `standardize: true`
 * (the default) the γⱼ are coefficients per standard deviation of each
 * feature, so the penalty treats rare flags and counts alike; scikit-learn
 * penalises coefficients on the features' own scale, which is
 * `standardize: false`. Without a penalty, standardising changes nothing but
 * rounding.
 *
 * Reference: Hastie, Tibshirani & Friedman, *The Elements of Statistical
 * Learning* (2nd ed.) §4.4. Checked against scikit-learn 1.2
 * (tests/models/logistic-reference.test.ts).
 *
 * @example
 * const fitted = await logistic({ C: 0.5 }).fit(train, random.fork('model:logistic'));
 * fitted.coefficients; // [{ name: 'missing_episodes', coefficient: 0.41, oddsRatio: 1.51, … }, …]
 * fitted.predictProba(test.x);
 *
 * The hyper-parameters of `logistic`, each with its default. `C` and `l2` say
 * the same thing (l2 = 1 / C); the resolved parameters keep `l2` only.
 */
export const LOGISTIC_PARAMS = defineParams(
  'logistic',
  {
    C: number({
      default: Infinity,
      min: 0,
      minExclusive: true,
      infinite: true,
      doc: "Inverse L2 strength as scikit-learn's `C`; `Infinity` is no penalty. Give `C` or `l2`, not both.",
    }),
    l2: number({ default: 0, min: 0, doc: 'L2 strength λ ≥ 0 (= 1 / C) on the coefficients (per standard deviation when standardising); 0 is no penalty.' }),
    standardize: boolean({ default: true, doc: 'Fit on standardised features (mean 0, standard deviation 1); coefficients are reported on both scales.' }),
    tol: number({ default: 1e-8, min: 0, minExclusive: true, doc: 'Convergence: stop when no Newton step moves a (standardised) coefficient by more than this.' }),
    maxIter: integer({ default: 50, min: 1, doc: 'Iteration cap (Newton steps; ten is typical).' }),
    /**
     * Class weights multiply each row's log-likelihood (scikit-learn's
     * `class_weight`; 'balanced' is n / (2 · n_c)); the probabilities are then
     * those of the reweighted data, not calibrated to the base rate, and the
     * standard errors come from the weighted Hessian (a description of the
     * weighted fit, not a sampling error).
     */
    classWeight: classWeightField(),
  },
  {
    check: (_values, given, _fail, conflict) => {
      if (given.has('C') && given.has('l2')) conflict('l2', 'C', 'l2 = 1 / C');
    },
    normalise: (v) => ({ l2: v.C === Infinity ? v.l2 : 1 / v.C, standardize: v.standardize, tol: v.tol, maxIter: v.maxIter, classWeight: v.classWeight }),
  },
);

/** What `logistic(…)` accepts: any of `LOGISTIC_PARAMS`' fields. */
export type LogisticParams = ParamsInput<typeof LOGISTIC_PARAMS>;

/** The hyper-parameters with every default filled in (`C` given as its `l2`). */
export type ResolvedLogisticParams = ParamsOf<typeof LOGISTIC_PARAMS>;

/** Check hyper-parameters and fill defaults; errors name `path` (default `logistic.params`) and the field. */
export function resolveLogisticParams(params: unknown, path?: string): ResolvedLogisticParams {
  return LOGISTIC_PARAMS.resolve(params, path);
}

/** One row of the coefficient table a report prints. */
export interface LogisticCoefficient {
  readonly name: string;
  /** Log-odds change per unit of the feature (original scale). */
  readonly coefficient: number;
  /** exp(coefficient): the odds multiply by this per unit of the feature. */
  readonly oddsRatio: number;
  /** Standard error from the inverse Hessian (penalised when a penalty is used); NaN for a dropped feature. */
  readonly standardError: number;
  /** Log-odds change per standard deviation of the feature (equal to `coefficient` when `standardize` is false). */
  readonly standardized: number;
}

/** A fitted `logistic` model. */
export interface FittedLogistic extends FittedClassifier {
  readonly kind: 'logistic';
  readonly params: ResolvedLogisticParams;
  readonly featureNames: readonly string[];
  readonly intercept: number;
  readonly interceptStandardError: number;
  readonly coefficients: readonly LogisticCoefficient[];
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Separation, non-convergence, dropped features; empty when all is well. Never printed by the model itself. */
  readonly warnings: readonly string[];
  /** Linear predictor β₀ + Σ βⱼ xⱼ per row (log-odds). */
  linearPredictor(x: FeatureMatrix): Float64Array;
}

/** The saved state of a fitted `logistic` model (inside the envelope). */
export interface LogisticState {
  readonly featureNames: string[];
  /** The training rows' mean of each feature (the base of the reasons). */
  readonly means: number[];
  readonly intercept: number;
  readonly interceptStandardError: number | null;
  readonly coefficients: number[];
  readonly standardized: number[];
  readonly standardErrors: (number | null)[];
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: string[];
}

/** The saved form of a fitted `logistic` model: the envelope around `LogisticState`. */
export type LogisticJson = SavedModel<LogisticState>;

const KIND = 'logistic';
const VERSION = 1;

function makeFitted(params: ResolvedLogisticParams, state: LogisticState): FittedLogistic {
  const names = Object.freeze([...state.featureNames]);
  const beta = Float64Array.from(state.coefficients);
  const coefficients = Object.freeze(
    names.map((name, j) =>
      Object.freeze({
        name,
        coefficient: beta[j],
        oddsRatio: Math.exp(beta[j]),
        standardError: state.standardErrors[j] ?? NaN,
        standardized: state.standardized[j],
      }),
    ),
  );
  const linearPredictor = (x: FeatureMatrix): Float64Array => {
    checkFeatureNames('logistic', names, x);
    const eta = new Float64Array(x.nRows).fill(state.intercept);
    for (let j = 0; j < beta.length; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const col = x.columns[j];
      for (let i = 0; i < eta.length; i++) eta[i] += b * col[i];
    }
    return eta;
  };
  return Object.freeze({
    kind: 'logistic' as const,
    params,
    featureNames: names,
    intercept: state.intercept,
    interceptStandardError: state.interceptStandardError ?? NaN,
    coefficients,
    logLikelihood: state.logLikelihood,
    iterations: state.iterations,
    converged: state.converged,
    warnings: Object.freeze([...state.warnings]),
    linearPredictor,
    predictProba(x: FeatureMatrix): Float64Array {
      const eta = linearPredictor(x);
      for (let i = 0; i < eta.length; i++) eta[i] = sigmoid(eta[i]);
      return eta;
    },
    /**
     * Reasons on the logit scale: coefficient × (value − training mean) per
     * feature; base = the linear predictor at the training means, so base +
     * contributions = the row's linear predictor.
     */
    reasons(x: FeatureMatrix, rows: ArrayLike<number>, options?: ReasonsOptions): Reasons {
      const list = reasonRows(KIND, x, rows);
      const eta = linearPredictor(x);
      let base = state.intercept;
      for (let j = 0; j < beta.length; j++) base += beta[j] * state.means[j];
      return Object.freeze({
        available: true as const,
        scale: 'logit' as const,
        method: modelMessages.reasonMethod.logistic,
        rows: list.map((r) => {
          const contribution = Float64Array.from(beta, (b, j) => (b === 0 ? 0 : b * (x.columns[j][r] - state.means[j])));
          return rowReasons(x, r, eta[r], base, contribution, options);
        }),
      });
    },
    toJSON: () => savedModel(KIND, VERSION, params, structuredClone(state)),
  });
}

/** Fit on a training set; the same code serves `points` in fitted mode. */
export function fitLogistic(train: TrainingSet, params: ResolvedLogisticParams, model = 'logistic'): FittedLogistic {
  assertTrainingSet(model, train);
  const weight = isUnweighted(params.classWeight) ? null : classWeights(params.classWeight, train.yRecorded);
  const result = fitIrls(train.x.names, train.x.columns, train.yRecorded, params, model, weight);
  return makeFitted(params, {
    featureNames: [...train.x.names],
    means: Array.from(result.means),
    intercept: result.intercept,
    interceptStandardError: finiteOrNull(result.interceptStandardError),
    coefficients: [...result.coefficients],
    standardized: [...result.standardized],
    standardErrors: [...result.standardErrors].map(finiteOrNull),
    logLikelihood: result.logLikelihood,
    iterations: result.iterations,
    converged: result.converged,
    warnings: result.warnings,
  });
}

/**
 * The `logistic` model factory. `params` on the result are resolved: every
 * default filled in, and `C` given as its equivalent `l2 = 1 / C`. Not
 * seeded: `random` is accepted for the contract and ignored (the fit is exact
 * and deterministic).
 */
export function logistic(params: LogisticParams = {}): Classifier<ResolvedLogisticParams> {
  const resolved = resolveLogisticParams(params);
  return Object.freeze({
    kind: 'logistic',
    params: resolved,
    fit: async (train: TrainingSet, _random: RandomSource) => fitLogistic(train, resolved),
  });
}

/** Read a saved state back (the envelope is checked by `loadSaved`). */
function readState(state: StateReader, params: ResolvedLogisticParams): FittedLogistic {
  const featureNames = state.strings('featureNames');
  const p = featureNames.length;
  const coefficients = state.numbers('coefficients', p);
  const interceptStandardError = state.raw('interceptStandardError');
  if (!(interceptStandardError === null || (typeof interceptStandardError === 'number' && Number.isFinite(interceptStandardError)))) {
    state.bad('interceptStandardError', 'must be a finite number or null');
  }
  return makeFitted(params, {
    featureNames,
    means: state.numbers('means', p),
    intercept: state.number('intercept'),
    interceptStandardError: interceptStandardError as number | null,
    coefficients,
    standardized: state.numbers('standardized', p),
    standardErrors: state.numbers('standardErrors', p, true).map(finiteOrNull),
    logLikelihood: state.number('logLikelihood'),
    iterations: state.number('iterations', { integer: true, min: 0 }),
    converged: state.boolean('converged'),
    warnings: state.strings('warnings'),
  });
}

/** How a fitted `logistic` model is saved and read back. */
export const LOGISTIC_FORMAT: SavedFormat<ResolvedLogisticParams, FittedLogistic> = {
  kind: KIND,
  version: VERSION,
  params: LOGISTIC_PARAMS,
  read: readState,
};

/** Reload a fitted `logistic` model from its `toJSON()` output. */
export function loadLogistic(json: unknown): FittedLogistic {
  return loadSaved(LOGISTIC_FORMAT, json, undefined);
}
