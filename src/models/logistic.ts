import type { RandomSource } from '../random/index.js';
import { messages, RisklabError } from '../messages.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { fitIrls } from './linear/irls.js';
import {
  booleanParam,
  integerParam,
  isNumberArray,
  isStringArray,
  jsonCheck,
  numberParam,
  paramsObject,
} from './linear/params.js';
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
 */
export interface LogisticParams {
  /** Inverse L2 strength as scikit-learn's `C` (> 0). Default: no penalty (`Infinity`). Give `C` or `l2`, not both. */
  readonly C?: number;
  /** L2 strength λ ≥ 0 (= 1 / C). Default: 0 (no penalty). */
  readonly l2?: number;
  /** Fit on standardised features (mean 0, standard deviation 1); coefficients are reported on both scales. Default: `true`. */
  readonly standardize?: boolean;
  /** Convergence: stop when no Newton step moves a (standardised) coefficient by more than this. Default: `1e-8`. */
  readonly tol?: number;
  /** Iteration cap (Newton steps). Default: `50` (ten is typical). */
  readonly maxIter?: number;
}

/** The hyper-parameters with every default filled in. */
export interface ResolvedLogisticParams {
  readonly l2: number;
  readonly standardize: boolean;
  readonly tol: number;
  readonly maxIter: number;
}

const KNOWN = ['C', 'l2', 'standardize', 'tol', 'maxIter'] as const;

/** Check hyper-parameters and fill defaults; errors name `model` and the field. */
export function resolveLogisticParams(params: unknown, model = 'logistic'): ResolvedLogisticParams {
  const p = paramsObject(model, params, KNOWN);
  if (p.C !== undefined && p.l2 !== undefined) throw new RisklabError(messages.conflictingParams(model, 'l2', 'C'), `${model}.C`);
  const C = numberParam(model, 'C', p.C, Infinity, { min: 0, allowInfinity: true });
  const l2 = p.l2 !== undefined ? numberParam(model, 'l2', p.l2, 0, { min: 0, inclusive: true }) : 1 / C;
  return Object.freeze({
    l2,
    standardize: booleanParam(model, 'standardize', p.standardize, true),
    tol: numberParam(model, 'tol', p.tol, 1e-8, { min: 0 }),
    maxIter: integerParam(model, 'maxIter', p.maxIter, 50, 1),
  });
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

/** The saved form of a fitted `logistic` model. */
export interface LogisticJson {
  readonly kind: 'logistic';
  readonly version: 1;
  readonly params: ResolvedLogisticParams;
  readonly featureNames: string[];
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

function makeFitted(state: LogisticJson): FittedLogistic {
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
    params: state.params,
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
      for (let i = 0; i < eta.length; i++) {
        const t = eta[i];
        eta[i] = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
      }
      return eta;
    },
    toJSON: () => structuredClone(state),
  });
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Fit on a training set; the same code serves `points` in fitted mode. */
export function fitLogistic(train: TrainingSet, params: ResolvedLogisticParams, model = 'logistic'): FittedLogistic {
  assertTrainingSet(model, train);
  let positives = 0;
  for (let i = 0; i < train.yRecorded.length; i++) positives += train.yRecorded[i];
  if (positives === 0 || positives === train.yRecorded.length) {
    throw new RisklabError(messages.badLabels(model, `has only one class (${positives} of ${train.yRecorded.length} rows are 1); a logistic fit needs both 0s and 1s`));
  }
  const result = fitIrls(train.x.names, train.x.columns, train.yRecorded, params, model);
  return makeFitted({
    kind: 'logistic',
    version: 1,
    params,
    featureNames: [...train.x.names],
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
export function logistic(params: LogisticParams = {}): Classifier<LogisticParams> {
  const resolved = resolveLogisticParams(params);
  return Object.freeze({
    kind: 'logistic',
    params: resolved,
    fit: async (train: TrainingSet, _random: RandomSource) => fitLogistic(train, resolved),
  });
}

/** Reload a fitted `logistic` model from its `toJSON()` output. */
export function loadLogistic(json: unknown): FittedLogistic {
  const j = json as Partial<LogisticJson> | null;
  jsonCheck('logistic', j !== null && typeof j === 'object' && j.kind === 'logistic', 'kind is not "logistic"');
  jsonCheck('logistic', j.version === 1, `unknown version ${String(j.version)}`);
  jsonCheck('logistic', isStringArray(j.featureNames), 'featureNames must be a list of names');
  jsonCheck('logistic', isNumberArray(j.coefficients) && j.coefficients.length === j.featureNames!.length, 'one coefficient per feature');
  jsonCheck('logistic', typeof j.intercept === 'number' && Number.isFinite(j.intercept), 'intercept must be a finite number');
  const params = resolveLogisticParams(
    { l2: j.params?.l2, standardize: j.params?.standardize, tol: j.params?.tol, maxIter: j.params?.maxIter },
    'logistic',
  );
  const p = j.featureNames!.length;
  return makeFitted({
    kind: 'logistic',
    version: 1,
    params,
    featureNames: j.featureNames!,
    intercept: j.intercept!,
    interceptStandardError: j.interceptStandardError ?? null,
    coefficients: j.coefficients!,
    standardized: isNumberArray(j.standardized) && j.standardized.length === p ? j.standardized : j.coefficients!,
    standardErrors: Array.isArray(j.standardErrors) && j.standardErrors.length === p ? j.standardErrors : new Array(p).fill(null),
    logLikelihood: typeof j.logLikelihood === 'number' ? j.logLikelihood : NaN,
    iterations: typeof j.iterations === 'number' ? j.iterations : 0,
    converged: j.converged === true,
    warnings: isStringArray(j.warnings) ? j.warnings : [],
  });
}
