import { sigmoid } from '../numeric.js';
import type { RandomSource } from '../random/index.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';
import { loadSaved, savedModel, type SavedFormat, type SavedModel } from './envelope.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { loadTf } from './tf-backend.js';
import { BLOCK, ForwardPass, type DenseWeights, type Network } from './neural/forward.js';
import { trainNetwork } from './neural/train.js';
import { networkFromState, networkToState, type NeuralState } from './neural/json.js';
import { NEURAL_PARAMS, type NeuralParams, type NeuralParamsInput, type NeuralTraining } from './neural/params.js';

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

/** The defaults, written out once. */
export const NEURAL_DEFAULTS: NeuralParams = NEURAL_PARAMS.defaults;

const KIND = 'neural';
const VERSION = 1;

/** A fitted `neural` model: plain weights, no tfjs state. */
export interface FittedNeural extends FittedClassifier {
  readonly kind: 'neural';
  readonly params: Readonly<NeuralParams>;
  readonly featureNames: readonly string[];
  /** How training went (backend, epochs run, validation losses). */
  readonly training: NeuralTraining;
  toJSON(): NeuralJson;
}

/** The saved form of a fitted `neural` model: the envelope around `NeuralState`. */
export type NeuralJson = SavedModel<NeuralState>;

/** The `neural` factory: a Classifier whose `fit` resolves to a `FittedNeural`. */
export interface NeuralClassifier extends Classifier<NeuralParams> {
  readonly kind: 'neural';
  fit(train: TrainingSet, random: RandomSource): Promise<FittedNeural>;
}

/** A `neural` classifier with `params` (missing fields take `NEURAL_DEFAULTS`). */
export function neural(params: NeuralParamsInput = {}): NeuralClassifier {
  const resolved = resolveNeuralParams(params);
  return {
    kind: KIND,
    params: resolved,
    fit: (train, random) => fitNeural(resolved, train, random),
  };
}

/** Fill defaults and validate every field; throws `RisklabError` naming the field. */
export function resolveNeuralParams(params: unknown): NeuralParams {
  return NEURAL_PARAMS.resolve(params);
}

/** How a fitted `neural` model is saved and read back. */
export const NEURAL_FORMAT: SavedFormat<NeuralParams, FittedNeural> = {
  kind: KIND,
  version: VERSION,
  params: NEURAL_PARAMS,
  read: (state, params) => {
    const { names, network, training } = networkFromState(state, params);
    return fitted(params, names, network, training);
  },
};

/** Reload a fitted model from `toJSON()` output (after a JSON round trip); predictions are identical. */
export function loadNeural(json: unknown): FittedNeural {
  return loadSaved(NEURAL_FORMAT, json, undefined);
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
  assertTrainingSet(KIND, train); // the shared checks: records-only finite matrix, 0/1 labels of both classes
  const { x, yRecorded } = train;
  const d = x.columns.length;
  const n = x.nRows;
  const means = new Float64Array(d);
  const sds = new Float64Array(d);
  const rows = new Float32Array(n * d);
  for (let k = 0; k < d; k++) {
    const col = x.columns[k];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += col[i];
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

function fitted(params: NeuralParams, names: readonly string[], network: Network, training: NeuralTraining): FittedNeural {
  const featureNames = Object.freeze([...names]);
  const pass = new ForwardPass(network);
  return Object.freeze({
    kind: 'neural' as const,
    params,
    featureNames,
    training,
    predictProba: (x: FeatureMatrix) => predict(pass, network, featureNames, x),
    toJSON: () => savedModel(KIND, VERSION, params, networkToState(featureNames, network, training)),
  });
}

/** P(yRecorded = 1) per row, by the plain-JS forward pass, in blocks of `BLOCK` rows. */
function predict(pass: ForwardPass, network: Network, names: readonly string[], x: FeatureMatrix): Float64Array {
  checkFeatureNames(KIND, names, x);
  const d = names.length;
  const out = new Float64Array(x.nRows);
  const { means, sds } = network;
  const input = pass.input;
  for (let start = 0; start < x.nRows; start += BLOCK) {
    const b = Math.min(BLOCK, x.nRows - start);
    for (let k = 0; k < d; k++) {
      const col = x.columns[k];
      for (let r = 0; r < b; r++) input[r * d + k] = (col[start + r] - means[k]) / sds[k];
    }
    pass.logits(b, out, start);
  }
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]);
  return out;
}

export type { DenseWeights, Network, NeuralParams, NeuralState, NeuralTraining };
