import { RisklabError, messages, show } from '../messages.js';
import type { RandomSource } from '../random/index.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { loadTf } from './tf-backend.js';
import { BLOCK, ForwardPass, sigmoid, type DenseWeights, type Network } from './neural/forward.js';
import { trainNetwork, type TrainLog } from './neural/train.js';
import { networkFromJson, networkToJson, type NeuralJson } from './neural/json.js';

/**
 * `neural` — a multilayer perceptron for P(yRecorded = 1), trained with
 * TensorFlow.js (tfjs-node if installed, else WebAssembly, else pure JS; see
 * `tf-backend.ts`) and scored by a plain-JavaScript forward pass.
 *
 * Definition: inputs are standardised with the training rows' means and
 * standard deviations; each hidden layer computes `act(x·W + b)` followed by
 * inverted dropout while training; the output is `sigmoid(h·w + b)`. Weights
 * start Glorot-uniform (tfjs's seeded initialiser), biases zero; training
 * minimises binary cross-entropy with Adam over mini-batches whose order is
 * drawn afresh each epoch from the model's random stream (tfjs computes the
 * gradients, the Adam update runs on plain arrays: see `neural/train.ts`).
 * Dropout masks come from the same stream. Early stopping keeps
 * the weights of the epoch with the lowest log loss on a seeded, label-
 * stratified validation share of the training rows and stops after `patience`
 * epochs without improvement.
 *
 * Reference: Goodfellow, Bengio & Courville, *Deep Learning* (2016), ch. 6–8;
 * Kingma & Ba, "Adam" (2015); Srivastava et al., "Dropout" (2014). The shape
 * and defaults follow scikit-learn's `MLPClassifier` (Glorot init, Adam
 * lr 0.001) with Keras-style dropout and patience.
 *
 * Determinism: one seed gives bit-identical weights and predictions on one
 * backend (the numbers of different backends differ in the last float bits).
 *
 * @example
 * const model = neural({ hiddenLayers: [32, 16], epochs: 10 });
 * const fitted = await model.fit({ x, yRecorded }, createRandom(1).fork('model:neural'));
 * const p = fitted.predictProba(xTest);          // Float64Array in [0, 1]
 * const again = loadNeural(JSON.parse(JSON.stringify(fitted.toJSON())));
 */

/** Hyper-parameters of `neural`, each with its default. */
export interface NeuralParams {
  /** Units per hidden layer, input side first; `[]` gives logistic regression. Default `[32, 16]`. */
  readonly hiddenLayers: readonly number[];
  /** Hidden-layer activation. Default `'relu'`. */
  readonly activation: 'relu' | 'tanh';
  /** Share of hidden units dropped at each training step, in [0, 1). Default `0.1`. */
  readonly dropout: number;
  /** Most passes over the training rows. Default `10`. */
  readonly epochs: number;
  /** Rows per Adam step. Default `256`. */
  readonly batchSize: number;
  /** Adam step size. Default `0.001`. */
  readonly learningRate: number;
  /** Share of training rows held out for early stopping, in [0, 0.5]; `0` trains all epochs. Default `0.1`. */
  readonly validationFraction: number;
  /** Epochs without a lower validation loss before stopping. Default `3`. */
  readonly patience: number;
}

/** The defaults, written out once. */
export const NEURAL_DEFAULTS: NeuralParams = Object.freeze({
  hiddenLayers: Object.freeze([32, 16]),
  activation: 'relu',
  dropout: 0.1,
  epochs: 10,
  batchSize: 256,
  learningRate: 0.001,
  validationFraction: 0.1,
  patience: 3,
});

const ACTIVATIONS = ['relu', 'tanh'] as const;

/** A fitted `neural` model: plain weights, no tfjs state. */
export interface FittedNeural extends FittedClassifier {
  readonly kind: 'neural';
  readonly params: Readonly<NeuralParams>;
  readonly featureNames: readonly string[];
  /** How training went (backend, epochs run, validation losses). */
  readonly training: NeuralTraining;
  toJSON(): NeuralJson;
}

/** Training summary kept with a fitted model (informative; not needed to predict). */
export interface NeuralTraining extends TrainLog {
  /** The tfjs backend the weights were fitted on (`tensorflow`, `wasm` or `cpu`). */
  readonly backend: string;
}

/** The `neural` factory: a Classifier whose `fit` resolves to a `FittedNeural`. */
export interface NeuralClassifier extends Classifier<NeuralParams> {
  readonly kind: 'neural';
  fit(train: TrainingSet, random: RandomSource): Promise<FittedNeural>;
}

/** A `neural` classifier with `params` (missing fields take `NEURAL_DEFAULTS`). */
export function neural(params: Partial<NeuralParams> = {}): NeuralClassifier {
  const resolved = resolveNeuralParams(params);
  return {
    kind: 'neural',
    params: resolved,
    fit: (train, random) => fitNeural(resolved, train, random),
  };
}

/** Reload a fitted model from `toJSON()` output (after a JSON round trip); predictions are identical. */
export function loadNeural(json: unknown): FittedNeural {
  const { params, names, network, training } = networkFromJson(json, resolveNeuralParams);
  return fitted(params, names, network, training);
}

/** Fill defaults and validate every field; throws `RisklabError` naming the field. */
export function resolveNeuralParams(params: Partial<NeuralParams>): NeuralParams {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new RisklabError(messages.invalid('neural', 'an object of hyper-parameters', params), 'neural');
  }
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(NEURAL_DEFAULTS, key)) throw new RisklabError(messages.unknownKey('neural', key), `neural.${key}`);
  }
  const p = { ...NEURAL_DEFAULTS, ...definedOnly(params) };
  const layers = p.hiddenLayers as unknown;
  if (!Array.isArray(layers) || !layers.every((u) => isInt(u) && u >= 1)) bad('hiddenLayers', 'an array of integers ≥ 1', layers);
  if (!(ACTIVATIONS as readonly unknown[]).includes(p.activation)) bad('activation', 'one of "relu", "tanh"', p.activation);
  if (!(isNum(p.dropout) && p.dropout >= 0 && p.dropout < 1)) bad('dropout', 'a number in [0, 1)', p.dropout);
  if (!(isInt(p.epochs) && p.epochs >= 1)) bad('epochs', 'an integer ≥ 1', p.epochs);
  if (!(isInt(p.batchSize) && p.batchSize >= 1)) bad('batchSize', 'an integer ≥ 1', p.batchSize);
  if (!(isNum(p.learningRate) && p.learningRate > 0)) bad('learningRate', 'a number > 0', p.learningRate);
  if (!(isNum(p.validationFraction) && p.validationFraction >= 0 && p.validationFraction <= 0.5)) {
    bad('validationFraction', 'a number in [0, 0.5]', p.validationFraction);
  }
  if (!(isInt(p.patience) && p.patience >= 1)) bad('patience', 'an integer ≥ 1', p.patience);
  return Object.freeze({ ...p, hiddenLayers: Object.freeze([...p.hiddenLayers]) });
}

function bad(field: keyof NeuralParams, expected: string, got: unknown): never {
  throw new RisklabError(messages.badParam('neural', field, expected, got), `neural.${field}`);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isInt(v: unknown): v is number {
  return isNum(v) && Number.isInteger(v);
}

/** `{ a: undefined }` means "use the default", as with an absent field. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function fitNeural(params: NeuralParams, train: TrainingSet, random: RandomSource): Promise<FittedNeural> {
  const data = standardise(train);
  const { tf } = await loadTf();
  const backend = tf.getBackend();
  const { network, log } = trainNetwork(tf, data, params, random);
  return fitted(params, train.x.names, network, { backend, ...log });
}

/** Means and standard deviations of each column, and the standardised rows as row-major float32. */
function standardise(train: TrainingSet) {
  assertTrainingSet('neural', train); // the shared checks: records-only matrix, one 0/1 label per row
  const { x, yRecorded } = train;
  if (x.nRows < 2) throw new RisklabError(messages.invalid('neural: training rows', 'at least 2', x.nRows), 'x.nRows');
  const d = x.columns.length;
  const n = x.nRows;
  const means = new Float64Array(d);
  const sds = new Float64Array(d);
  const rows = new Float32Array(n * d);
  for (let k = 0; k < d; k++) {
    const col = x.columns[k];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += finite(col[i], x.names[k]);
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    means[k] = mean;
    sds[k] = sd > 0 ? sd : 1; // a constant column standardises to 0
    for (let i = 0; i < n; i++) rows[i * d + k] = (col[i] - mean) / sds[k];
  }
  return { nRows: n, nIn: d, rows, yRecorded, means, sds };
}

function finite(v: number, name: string): number {
  if (!Number.isFinite(v)) throw new RisklabError(messages.invalid(`neural: feature ${show(name)}`, 'a finite number in every row', v), name);
  return v;
}

function fitted(params: NeuralParams, names: readonly string[], network: Network, training: NeuralTraining): FittedNeural {
  const featureNames = Object.freeze([...names]);
  const pass = new ForwardPass(network);
  return Object.freeze({
    kind: 'neural' as const,
    params,
    featureNames,
    training,
    predictProba: (x: FeatureMatrix) => predict(pass, network, featureNames, x),
    toJSON: () => networkToJson(params, featureNames, network, training),
  });
}

/** P(yRecorded = 1) per row, by the plain-JS forward pass, in blocks of `BLOCK` rows. */
function predict(pass: ForwardPass, network: Network, names: readonly string[], x: FeatureMatrix): Float64Array {
  checkFeatureNames('neural', names, x);
  const d = names.length;
  const out = new Float64Array(x.nRows);
  const { means, sds } = network;
  const input = pass.input;
  for (let start = 0; start < x.nRows; start += BLOCK) {
    const b = Math.min(BLOCK, x.nRows - start);
    for (let k = 0; k < d; k++) {
      const col = x.columns[k];
      for (let r = 0; r < b; r++) input[r * d + k] = (finite(col[start + r], names[k]) - means[k]) / sds[k];
    }
    pass.logits(b, out, start);
  }
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]);
  return out;
}

export type { DenseWeights, Network, NeuralJson };
