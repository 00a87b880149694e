import { logit, logLoss, sigmoid } from '../numeric.js';
import type { RandomSource } from '../random/index.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { modelMessages } from '../messages.js';
import { reasonRows, rowReasons, type Reasons, type ReasonsOptions } from './reasons.js';
import {
  binColumns,
  binningToJSON,
  binOf,
  binRows,
  fitBinning,
  MAX_BINS,
  type Binning,
} from './tree/binning.js';
import { GradientCriterion } from './tree/criteria.js';
import { HistogramGrower } from './tree/grow.js';
import { readEnsemble, type TreeEnsembleState } from './tree/json.js';
import { featureSample } from './tree/sampling.js';
import { selectionSample, stratifiedHoldout } from './sampling.js';
import { addPathContributions, addTreeColumns, packTree, scoreRows, treeToJSON, type PackedTree, type Tree } from './tree/tree.js';
import { loadSaved, savedModel, type SavedFormat, type SavedModel } from './envelope.js';
import { classWeightField, classWeights, defineParams, integer, isUnweighted, number, type ParamsInput, type ParamsOf } from './params.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';

/**
 * Gradient-boosted trees with logistic loss (Friedman 2001, *Annals of
 * Statistics* 29:1189–1232), grown with second-order histogram splits as in
 * XGBoost (Chen & Guestrin 2016) and LightGBM, on the same histogram tree
 * code as `forest`. Close in design to scikit-learn's
 * `HistGradientBoostingClassifier`.
 *
 * The score starts at the log-odds of the training base rate. Each round
 * fits one tree to the gradients g = p − yRecorded and hessians h = p(1 − p)
 * of the log-loss at the current scores p = σ(score): a split maximises
 * ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] and a leaf adds
 * −learningRate · G/(H+λ). P(yRecorded = 1) = σ(initial score + Σ leaf values).
 *
 * Early stopping: a stratified, seeded `validationFraction` of the training
 * rows is held out; after each round the held-out log-loss is computed and,
 * when it has not improved by more than `tolerance` for `patience` rounds,
 * training stops and the model keeps the rounds up to the best held-out loss.
 */
export const BOOSTING_PARAMS = defineParams('boosting', {
  rounds: integer({ default: 200, min: 1, doc: 'Most boosting rounds (trees).' }),
  learningRate: number({ default: 0.1, min: 0, minExclusive: true, max: 1, doc: 'Shrinkage η applied to every leaf value.' }),
  maxDepth: integer({ default: 6, min: 1, doc: 'Nodes at this depth become leaves (root depth 0).' }),
  /**
   * Trees grow best-first (the split with the largest gain next, as LightGBM
   * and scikit-learn's HistGradientBoosting do) until this many leaves.
   */
  maxLeaves: integer({ default: 31, min: 2, doc: "Most leaves per tree (scikit-learn's `max_leaf_nodes`)." }),
  minLeafSize: integer({ default: 20, min: 1, doc: "Fewest training rows in a leaf (scikit-learn's `min_samples_leaf`)." }),
  /** Keeps leaves from chasing a few confidently predicted rows. */
  minLeafHessian: number({ default: 1e-3, min: 0, doc: "Least hessian weight Σ p(1 − p) in a leaf (XGBoost's `min_child_weight`; scikit-learn's `min_hessian_to_split`)." }),
  l2: number({ default: 1, min: 0, doc: "L2 penalty λ on leaf values (XGBoost's `lambda`; scikit-learn's default is 0)." }),
  rowFraction: number({ default: 1, min: 0, minExclusive: true, max: 1, doc: 'Share of training rows each tree is grown on (drawn without replacement, per tree).' }),
  featureFraction: number({ default: 1, min: 0, minExclusive: true, max: 1, doc: 'Share of features each tree may split on (drawn per tree).' }),
  /**
   * `0` turns early stopping off and all `rounds` are grown on every row.
   * Early stopping is also off when the held-out slice would contain no row of
   * one of the classes.
   */
  validationFraction: number({ default: 0.1, min: 0, max: 1, maxExclusive: true, doc: 'Share of the training rows held out (stratified by yRecorded) to decide when to stop.' }),
  patience: integer({ default: 10, min: 1, doc: 'Rounds without improvement of the held-out log-loss before stopping.' }),
  tolerance: number({ default: 1e-7, min: 0, doc: 'Smallest decrease of the held-out log-loss that counts as an improvement.' }),
  maxBins: integer({ default: MAX_BINS, min: 2, max: MAX_BINS, doc: 'Most bins per feature.' }),
  /**
   * Class weights multiply each row's gradient and hessian (scikit-learn's
   * `sample_weight` for HistGradientBoosting, from `class_weight`); the
   * initial score is the log-odds of the class-weighted base rate and the
   * held-out loss is class-weighted too. Probabilities are then those of the
   * reweighted data, not calibrated to the base rate.
   */
  classWeight: classWeightField(),
});

/** The resolved hyper-parameters of `boosting`. */
export type BoostingParams = ParamsOf<typeof BOOSTING_PARAMS>;

/** The defaults, written out once. */
export const BOOSTING_DEFAULTS: Readonly<BoostingParams> = BOOSTING_PARAMS.defaults;

const KIND = 'boosting';
const VERSION = 1;
/** Base rates are clipped to [ε, 1 − ε] before taking log-odds (scikit-learn does the same). */
const EPSILON = 2.220446049250313e-16;

/** Check every boosting hyper-parameter (defaults filled in); throws `RisklabError` naming the first bad one. */
export function validateBoostingParams(given?: unknown): BoostingParams {
  return BOOSTING_PARAMS.resolve(given);
}

/**
 * A gradient-boosting classifier factory.
 *
 * @example
 * const model = boosting({ rounds: 300, learningRate: 0.05 });
 * const fitted = await model.fit(train, createRandom(7).fork('model:boosting'));
 * const p = fitted.predictProba(test.x); // Float64Array of P(yRecorded = 1)
 */
export function boosting(params?: ParamsInput<typeof BOOSTING_PARAMS>): Classifier<BoostingParams> {
  const resolved = validateBoostingParams(params);
  return {
    kind: KIND,
    params: resolved,
    fit: async (train: TrainingSet, random: RandomSource) => fitBoosting(resolved, train, random),
  };
}

/** The rows trees are grown on and the held-out rows that decide when to stop. */
function splitRows(
  params: BoostingParams,
  yRecorded: Uint8Array,
  random: RandomSource,
): { readonly fit: Int32Array; readonly holdout: Int32Array } {
  const n = yRecorded.length;
  const all = { fit: Int32Array.from({ length: n }, (_, i) => i), holdout: new Int32Array(0) };
  if (params.validationFraction === 0) return all;
  const split = stratifiedHoldout(random.fork('validation'), yRecorded, params.validationFraction);
  let heldPositives = 0;
  for (const i of split.holdout) heldPositives += yRecorded[i];
  let fitPositives = 0;
  for (const i of split.fit) fitPositives += yRecorded[i];
  const usable =
    heldPositives > 0 && heldPositives < split.holdout.length && fitPositives > 0 && fitPositives < split.fit.length;
  return usable ? split : all;
}

/**
 * Boost (synchronously; `fit` wraps this in a promise). The held-out slice
 * draws from `random.fork('validation')`, round t's row and feature samples
 * from `random.fork('tree:' + t)`.
 */
export function fitBoosting(params: BoostingParams, train: TrainingSet, random: RandomSource): FittedBoosting {
  assertTrainingSet(KIND, train);
  const { x, yRecorded } = train;
  const n = x.nRows;
  const d = x.columns.length;
  const binning = fitBinning(x, params.maxBins);
  const bins = binColumns(x, binning);
  const nBins = Int32Array.from(binning.cuts, (c) => c.length + 1);
  const { fit: fitRows, holdout } = splitRows(params, yRecorded, random);
  const nFit = fitRows.length;

  const weight = isUnweighted(params.classWeight) ? null : classWeights(params.classWeight, yRecorded);
  let positives = 0;
  for (const i of fitRows) positives += yRecorded[i];
  const share = weight === null ? positives / nFit : (weight[1] * positives) / (weight[1] * positives + weight[0] * (nFit - positives));
  const baseRate = Math.min(1 - EPSILON, Math.max(EPSILON, share));
  const initialScore = logit(baseRate);

  const score = new Float64Array(n).fill(initialScore);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const rows = new Int32Array(nFit);
  const outOfBag = new Int32Array(nFit);
  const inBag = new Uint8Array(n);
  const grower = new HistogramGrower({ bins, nBins }, n);
  const criterion = new GradientCriterion(params.minLeafSize, params.minLeafHessian, params.l2, params.learningRate);
  const limits = { maxDepth: params.maxDepth, maxLeaves: params.maxLeaves };
  const nSampled = Math.max(1, Math.round(params.rowFraction * nFit));
  const nFeatures = Math.max(1, Math.round(params.featureFraction * d));
  const varying = Int32Array.from(
    Array.from({ length: d }, (_, j) => j).filter((j) => nBins[j] > 1),
  );

  const trees: Tree[] = [];
  const validationLoss: number[] = [];
  const earlyStopping = holdout.length > 0;
  let bestLoss = earlyStopping ? meanLogLoss(score, yRecorded, holdout, weight) : Infinity;
  let bestRounds = 0;
  for (let t = 0; t < params.rounds; t++) {
    const stream = random.fork(`tree:${t}`);
    for (let k = 0; k < nFit; k++) {
      const i = fitRows[k];
      const p = sigmoid(score[i]);
      if (weight === null) {
        gradient[i] = p - yRecorded[i];
        hessian[i] = p * (1 - p);
      } else {
        const c = weight[yRecorded[i]];
        gradient[i] = c * (p - yRecorded[i]);
        hessian[i] = c * p * (1 - p);
      }
    }
    const m = nSampled < nFit ? selectionSample(stream.fork('rows'), fitRows, nFit, nSampled, rows) : nFit;
    if (m === nFit) rows.set(fitRows);
    const features = nFeatures < d ? keepVarying(featureSample(stream.fork('features'), d, nFeatures), nBins) : varying;
    const grown = grower.grow(rows, m, gradient, hessian, criterion, { mode: 'all', features }, limits);
    const tree = grown.tree;
    trees.push(tree);

    // New scores: rows the tree was grown on, by leaf; the others by walking the tree.
    const ranges = grown.leafRanges;
    for (let r = 0; r < ranges.length; r += 3) {
      const v = tree.value[ranges[r]];
      for (let k = ranges[r + 1]; k < ranges[r + 2]; k++) score[rows[k]] += v;
    }
    if (m < nFit) {
      for (let k = 0; k < m; k++) inBag[rows[k]] = 1;
      let o = 0;
      for (let k = 0; k < nFit; k++) {
        const i = fitRows[k];
        if (inBag[i] === 0) outOfBag[o++] = i;
        else inBag[i] = 0;
      }
      addTreeColumns(tree, bins, outOfBag, 0, o, score);
    }
    if (!earlyStopping) continue;
    addTreeColumns(tree, bins, holdout, 0, holdout.length, score);
    const loss = meanLogLoss(score, yRecorded, holdout, weight);
    validationLoss.push(loss);
    if (loss < bestLoss - params.tolerance) {
      bestLoss = loss;
      bestRounds = t + 1;
    } else if (t + 1 - bestRounds >= params.patience) {
      break;
    }
  }
  const kept = earlyStopping ? trees.slice(0, bestRounds) : trees;
  return new FittedBoosting(params, x.names.slice(), binning, initialScore, kept, validationLoss);
}

/** Drop features with a single bin (constant in training) from a sample. */
function keepVarying(features: Int32Array, nBins: Int32Array): Int32Array {
  return features.filter((j) => nBins[j] > 1);
}

function meanLogLoss(score: Float64Array, yRecorded: Uint8Array, rows: Int32Array, weight: Float64Array | null): number {
  let s = 0;
  if (weight === null) {
    for (let k = 0; k < rows.length; k++) s += logLoss(score[rows[k]], yRecorded[rows[k]]);
    return s / rows.length;
  }
  let total = 0;
  for (let k = 0; k < rows.length; k++) {
    const c = weight[yRecorded[rows[k]]];
    s += c * logLoss(score[rows[k]], yRecorded[rows[k]]);
    total += c;
  }
  return s / total;
}

/** A fitted boosting model: feature names, cut points, initial score and trees. */
export class FittedBoosting implements FittedClassifier {
  readonly kind = KIND;
  private readonly packed: readonly PackedTree[];
  constructor(
    readonly params: BoostingParams,
    readonly featureNames: readonly string[],
    readonly binning: Binning,
    /** Log-odds of the training base rate (held-out rows excluded). */
    readonly initialScore: number,
    readonly trees: readonly Tree[],
    /** Held-out log-loss after each round grown (empty without early stopping). */
    readonly validationLoss: readonly number[],
  ) {
    this.packed = trees.map(packTree);
  }

  /** σ(initial score + Σ leaf values) per row. Checks the feature names match training's. */
  predictProba(x: FeatureMatrix): Float64Array {
    checkFeatureNames(KIND, this.featureNames, x);
    const bins = binRows(x, this.binning);
    const out = scoreRows(this.packed, bins, x.columns.length, x.nRows, this.initialScore);
    for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]);
    return out;
  }

  /**
   * Reasons on the logit scale: Saabas path contributions summed over the
   * trees (base: the initial score plus every tree's root value; base +
   * contributions = the raw score whose σ `predictProba` returns). Why path
   * contributions rather than SHAP values: see `FittedForest.reasons`.
   */
  reasons(x: FeatureMatrix, rows: ArrayLike<number>, options?: ReasonsOptions): Reasons {
    checkFeatureNames(KIND, this.featureNames, x);
    const list = reasonRows(KIND, x, rows);
    return Object.freeze({
      available: true as const,
      scale: 'logit' as const,
      method: modelMessages.reasonMethod.boosting,
      rows: list.map((r) => {
        const contribution = new Float64Array(x.columns.length);
        const sums = { base: this.initialScore, leaf: this.initialScore };
        addPathContributions(this.trees, (j) => binOf(x.columns[j][r], this.binning.cuts[j]), contribution, sums);
        return rowReasons(x, r, sums.leaf, sums.base, contribution, options);
      }),
    });
  }

  toJSON(): BoostingJSON {
    return savedModel(KIND, VERSION, this.params, {
      featureNames: this.featureNames.slice(),
      cuts: binningToJSON(this.binning),
      initialScore: this.initialScore,
      trees: this.trees.map(treeToJSON),
      validationLoss: this.validationLoss.slice(),
    });
  }
}

/** The saved state of a fitted boosting model (inside the envelope). */
export interface BoostingState extends TreeEnsembleState {
  initialScore: number;
  validationLoss: number[];
}

/** The saved form of a fitted boosting model: the envelope around `BoostingState`. */
export type BoostingJSON = SavedModel<BoostingState>;

/** How a fitted boosting model is saved and read back. */
export const BOOSTING_FORMAT: SavedFormat<BoostingParams, FittedBoosting> = {
  kind: KIND,
  version: VERSION,
  params: BOOSTING_PARAMS,
  read: (state, params) => {
    const { featureNames, binning, trees } = readEnsemble(state, params.maxBins, 0, params.rounds);
    const initialScore = state.number('initialScore');
    const validationLoss = state.numbers('validationLoss');
    return new FittedBoosting(params, featureNames, binning, initialScore, trees, validationLoss);
  },
};

/**
 * Rebuild a fitted boosting model from `toJSON()` output; its predictions
 * are identical to the original's. Throws the one load error if the value is
 * not a saved boosting model.
 */
export function loadBoosting(json: unknown): FittedBoosting {
  return loadSaved(BOOSTING_FORMAT, json, undefined);
}
