import { sigmoid } from '../numeric.js';
import type { RandomSource } from '../random/index.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import {
  binColumns,
  binningToJSON,
  binRows,
  fitBinning,
  MAX_BINS,
  type Binning,
} from './tree/binning.js';
import { GradientCriterion } from './tree/criteria.js';
import { HistogramGrower } from './tree/grow.js';
import { readTreeModelHeader } from './tree/json.js';
import {
  checkFraction,
  checkHalfOpenFraction,
  checkInteger,
  checkNonNegative,
  withDefaults,
} from './tree/params.js';
import { featureSample, selectionSample, stratifiedHoldout } from './tree/sampling.js';
import {
  addTreeColumns,
  packTree,
  scoreRows,
  treeFromJSON,
  treeToJSON,
  type PackedTree,
  type Tree,
} from './tree/tree.js';
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
export interface BoostingParams {
  /** Most boosting rounds (trees). Default `200`. */
  readonly rounds: number;
  /** Shrinkage η applied to every leaf value, in (0, 1]. Default `0.1`. */
  readonly learningRate: number;
  /** Nodes at this depth become leaves (root depth 0). Default `6`. */
  readonly maxDepth: number;
  /**
   * Most leaves per tree, at least 2. Trees grow best-first (the split with
   * the largest gain next, as LightGBM and scikit-learn's
   * HistGradientBoosting do) until this many leaves. Default `31`
   * (scikit-learn's `max_leaf_nodes`).
   */
  readonly maxLeaves: number;
  /** Fewest training rows in a leaf. Default `20` (scikit-learn's `min_samples_leaf`). */
  readonly minLeafSize: number;
  /**
   * Least hessian weight Σ p(1 − p) in a leaf (XGBoost's `min_child_weight`),
   * ≥ 0. Keeps leaves from chasing a few confidently predicted rows.
   * Default `0.001` (scikit-learn's `min_hessian_to_split`).
   */
  readonly minLeafHessian: number;
  /** L2 penalty λ on leaf values, ≥ 0. Default `1` (XGBoost's `lambda`; scikit-learn's default is 0). */
  readonly l2: number;
  /** Share of training rows each tree is grown on (drawn without replacement, per tree), in (0, 1]. Default `1`. */
  readonly rowFraction: number;
  /** Share of features each tree may split on (drawn per tree), in (0, 1]. Default `1`. */
  readonly featureFraction: number;
  /**
   * Share of the training rows held out (stratified by yRecorded) to decide
   * when to stop, in [0, 1). `0` turns early stopping off and all `rounds`
   * are grown on every row. Early stopping is also off when the held-out
   * slice would contain no row of one of the classes. Default `0.1`.
   */
  readonly validationFraction: number;
  /** Rounds without improvement of the held-out log-loss before stopping, ≥ 1. Default `10`. */
  readonly patience: number;
  /** Smallest decrease of the held-out log-loss that counts as an improvement, ≥ 0. Default `1e-7`. */
  readonly tolerance: number;
  /** Most bins per feature, 2–255. Default `255`. */
  readonly maxBins: number;
}

export const BOOSTING_DEFAULTS: Readonly<BoostingParams> = Object.freeze({
  rounds: 200,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 31,
  minLeafSize: 20,
  minLeafHessian: 1e-3,
  l2: 1,
  rowFraction: 1,
  featureFraction: 1,
  validationFraction: 0.1,
  patience: 10,
  tolerance: 1e-7,
  maxBins: MAX_BINS,
});

const KIND = 'boosting';
const FORMAT_VERSION = 1;
/** Base rates are clipped to [ε, 1 − ε] before taking log-odds (scikit-learn does the same). */
const EPSILON = 2.220446049250313e-16;

/** Check every boosting hyper-parameter (defaults filled in); throws `RisklabError` naming the first bad one. */
export function validateBoostingParams(given?: unknown): BoostingParams {
  const p = withDefaults<BoostingParams>(KIND, BOOSTING_DEFAULTS, given);
  checkInteger(KIND, 'rounds', p.rounds, 1);
  checkFraction(KIND, 'learningRate', p.learningRate);
  checkInteger(KIND, 'maxDepth', p.maxDepth, 1);
  checkInteger(KIND, 'maxLeaves', p.maxLeaves, 2);
  checkInteger(KIND, 'minLeafSize', p.minLeafSize, 1);
  checkNonNegative(KIND, 'minLeafHessian', p.minLeafHessian);
  checkNonNegative(KIND, 'l2', p.l2);
  checkFraction(KIND, 'rowFraction', p.rowFraction);
  checkFraction(KIND, 'featureFraction', p.featureFraction);
  checkHalfOpenFraction(KIND, 'validationFraction', p.validationFraction);
  checkInteger(KIND, 'patience', p.patience, 1);
  checkNonNegative(KIND, 'tolerance', p.tolerance);
  checkInteger(KIND, 'maxBins', p.maxBins, 2, MAX_BINS);
  return Object.freeze(p);
}

/**
 * A gradient-boosting classifier factory.
 *
 * @example
 * const model = boosting({ rounds: 300, learningRate: 0.05 });
 * const fitted = await model.fit(train, createRandom(7).fork('model:boosting'));
 * const p = fitted.predictProba(test.x); // Float64Array of P(yRecorded = 1)
 */
export function boosting(params?: Partial<BoostingParams>): Classifier<BoostingParams> {
  const resolved = validateBoostingParams(params);
  return {
    kind: KIND,
    params: resolved,
    fit: async (train: TrainingSet, random: RandomSource) => fitBoosting(resolved, train, random),
  };
}

/** Log-loss of one row from its score: log(1 + e^t) − y·t, computed without overflow. */
function logLoss(score: number, y: number): number {
  const softplus = score > 0 ? score + Math.log1p(Math.exp(-score)) : Math.log1p(Math.exp(score));
  return softplus - y * score;
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
  const binning = fitBinning(KIND, x, params.maxBins);
  const bins = binColumns(KIND, x, binning);
  const nBins = Int32Array.from(binning.cuts, (c) => c.length + 1);
  const { fit: fitRows, holdout } = splitRows(params, yRecorded, random);
  const nFit = fitRows.length;

  let positives = 0;
  for (const i of fitRows) positives += yRecorded[i];
  const baseRate = Math.min(1 - EPSILON, Math.max(EPSILON, positives / nFit));
  const initialScore = Math.log(baseRate / (1 - baseRate));

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
  let bestLoss = earlyStopping ? meanLogLoss(score, yRecorded, holdout) : Infinity;
  let bestRounds = 0;
  for (let t = 0; t < params.rounds; t++) {
    const stream = random.fork(`tree:${t}`);
    for (let k = 0; k < nFit; k++) {
      const i = fitRows[k];
      const p = sigmoid(score[i]);
      gradient[i] = p - yRecorded[i];
      hessian[i] = p * (1 - p);
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
    const loss = meanLogLoss(score, yRecorded, holdout);
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

function meanLogLoss(score: Float64Array, yRecorded: Uint8Array, rows: Int32Array): number {
  let s = 0;
  for (let k = 0; k < rows.length; k++) s += logLoss(score[rows[k]], yRecorded[rows[k]]);
  return s / rows.length;
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
    const bins = binRows(KIND, x, this.binning);
    const out = scoreRows(this.packed, bins, x.columns.length, x.nRows, this.initialScore);
    for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]);
    return out;
  }

  toJSON(): BoostingJSON {
    return {
      kind: KIND,
      version: FORMAT_VERSION,
      params: { ...this.params },
      featureNames: this.featureNames.slice(),
      cuts: binningToJSON(this.binning),
      initialScore: this.initialScore,
      trees: this.trees.map(treeToJSON),
      validationLoss: this.validationLoss.slice(),
    };
  }
}

/** The saved form of a fitted boosting model (plain JSON). */
export interface BoostingJSON {
  kind: 'boosting';
  version: number;
  params: BoostingParams;
  featureNames: string[];
  /** Cut points per feature (see `Binning`). */
  cuts: number[][];
  initialScore: number;
  trees: ReturnType<typeof treeToJSON>[];
  validationLoss: number[];
}

/**
 * Rebuild a fitted boosting model from `toJSON()` output; its predictions are
 * identical to the original's. Throws `RisklabError` if the value is not a
 * saved boosting model.
 */
export function loadBoosting(json: unknown): FittedBoosting {
  const header = readTreeModelHeader(KIND, FORMAT_VERSION, json, validateBoostingParams);
  const { params, bad } = header;
  const v = header.value as Partial<BoostingJSON>;
  const binning = header.binning;
  if (typeof v.initialScore !== 'number' || !Number.isFinite(v.initialScore)) bad('initialScore must be a finite number');
  if (!Array.isArray(v.trees) || v.trees.length > params.rounds) bad(`trees must be an array of at most ${params.rounds} trees`);
  const validationLoss = v.validationLoss ?? [];
  if (!Array.isArray(validationLoss) || !validationLoss.every((e) => typeof e === 'number')) {
    bad('validationLoss must be an array of numbers');
  }
  const nBins = binning.cuts.map((c) => c.length + 1);
  const trees = v.trees!.map((t, k) => {
    const tree = treeFromJSON(t, nBins);
    return typeof tree === 'string' ? bad(`tree ${k}: ${tree}`) : tree;
  });
  return new FittedBoosting(params, header.featureNames, binning, v.initialScore!, trees, validationLoss.slice());
}
