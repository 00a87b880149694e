import { modelMessages, RisklabError } from '../messages.js';
import { sigmoid } from '../numeric.js';
import type { RandomSource } from '../random/index.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';
import { loadSaved, savedModel, type SavedFormat, type SavedModel } from './envelope.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { classWeights, isUnweighted } from './params.js';
import { noReasons, reasonRows } from './reasons.js';
import { loadTf } from './tf-backend.js';
import { foldFirstLayer, inverse, Scorer, type DenseWeights, type Network } from './neural/forward.js';
import { wasmKernels, WasmPass } from './neural/wasm.js';
import { groupRows, sparseRows } from './neural/rows.js';
import { TfjsEngine } from './neural/tfjs.js';
import { trainNetwork, type GradientEngine } from './neural/train.js';
import { TypedEngine } from './neural/typed.js';
import { networkFromState, networkToState, type NeuralState } from './neural/json.js';
import { NEURAL_PARAMS, type NeuralParams, type NeuralParamsInput, type NeuralTraining } from './neural/params.js';

/**
 * `neural` — a multilayer perceptron for P(yRecorded = 1).
 *
 * Definition: inputs are standardised with the training rows' means and
 * standard deviations; each hidden layer computes `act(x·W + b)` followed by
 * inverted dropout while training; the output is `sigmoid(h·w + b)`. Weights
 * start Glorot-uniform (drawn from the model's stream), biases zero;
 * training minimises binary cross-entropy (each row weighted by its class
 * weight) with Adam over mini-batches whose order is drawn afresh each epoch
 * from the model's random stream, as are the dropout masks. Early stopping
 * keeps the weights of the epoch with the lowest log loss on a seeded,
 * label-stratified validation share of the training rows and stops after
 * `patience` epochs without improvement. See `neural/train.ts`.
 *
 * Two gradient engines follow the same loop (`engine`): a typed-array one
 * written out on Float64Arrays (`neural/typed.ts`; for small layers, the
 * lab's default) and TensorFlow.js (`neural/tfjs.ts`; tfjs-node when it
 * installs, else WebAssembly), for large ones. For one seed they give the
 * same predictions within 1e-4 on the tested cases (measured 1e-8 to 1e-7;
 * tests/models/neural-engines.test.ts); they differ in rounding only
 * (float64 against float32), which over thousands of Adam steps can move a
 * few rows with rare records further (up to 4e-2 seen, same AUC).
 * Scoring is plain code either way: sparse rows, equal rows scored once,
 * by WebAssembly SIMD kernels where available (`neural/wasm.ts`) or
 * JavaScript, bit-identically.
 *
 * Reference: Goodfellow, Bengio & Courville, *Deep Learning* (2016), ch. 6–8;
 * Kingma & Ba, "Adam" (2015); Srivastava et al., "Dropout" (2014). The shape
 * and defaults follow scikit-learn's `MLPClassifier` (Glorot init, Adam
 * lr 0.001) with Keras-style dropout and patience.
 *
 * Determinism: one seed gives bit-identical weights and predictions with the
 * typed engine on every machine; with tfjs, on one backend (backends differ
 * in the last float bits).
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

/**
 * Most weights in one layer for which `engine: 'auto'` takes the typed-array
 * engine (see `chooseEngine`). Measured by bench/models/neural.ts on one core
 * (CPU seconds, 2 epochs on 20,000 rows × 40 features, dropout 0.1; typed
 * engine with its WebAssembly kernels against tfjs on wasm): [128, 64] 0.44
 * vs 0.49, [256, 128] 1.14 vs 1.29, [512, 256] 4.74 vs 3.97 — the typed
 * engine wins up to layers of 256 × 128 and loses from 512 × 256 on. With
 * tfjs-node's native kernels the switch would come earlier; it is not
 * installable here to measure.
 */
export const TYPED_LIMIT = 65_536;

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

/**
 * Which engine computes the gradients. `'auto'` takes the typed-array engine
 * unless some layer has more than `TYPED_LIMIT` weights, where a tensor
 * library's matrix kernels (tfjs-node's native ones especially) win.
 */
export function chooseEngine(params: NeuralParams, nIn: number): 'typed' | 'tfjs' {
  if (params.engine !== 'auto') return params.engine;
  const widths = [nIn, ...params.hiddenLayers, 1];
  for (let l = 1; l < widths.length; l++) if (widths[l - 1] * widths[l] > TYPED_LIMIT) return 'tfjs';
  return 'typed';
}

async function fitNeural(params: NeuralParams, train: TrainingSet, random: RandomSource): Promise<FittedNeural> {
  assertTrainingSet(KIND, train); // the shared checks: records-only finite matrix, 0/1 labels of both classes
  const { x, yRecorded } = train;
  const { means, sds } = moments(x);
  const rows = sparseRows(x.columns, x.nRows);
  const weight = isUnweighted(params.classWeight) ? null : classWeights(params.classWeight, yRecorded);
  const rowWeight = weight === null ? null : Float64Array.from(yRecorded, (y) => weight[y]);
  const data = { nIn: x.columns.length, rows, yRecorded, means, sds, rowWeight };
  let makeEngine: (layers: readonly DenseWeights[]) => GradientEngine;
  if (chooseEngine(params, data.nIn) === 'typed') {
    const invSds = inverse(sds);
    const groups = params.dropout === 0 ? groupRows(rows) : null;
    makeEngine = (layers) => new TypedEngine(rows, yRecorded, means, invSds, layers, data.rowWeight, groups, params.batchSize);
  } else {
    const { tf } = await loadTf();
    const dense = standardisedRows(x, means, sds);
    makeEngine = () => new TfjsEngine(tf, dense, data.nIn, yRecorded, data.rowWeight, params.batchSize);
  }
  const { network, log, engine } = trainNetwork(makeEngine, data, params, random);
  return fitted(params, x.names, network, { engine, ...log });
}

/** Means and standard deviations (population, as scikit-learn's StandardScaler) of each column; 1 for a constant column. */
function moments(x: FeatureMatrix): { means: Float64Array; sds: Float64Array } {
  const d = x.columns.length;
  const n = x.nRows;
  const means = new Float64Array(d);
  const sds = new Float64Array(d);
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
  }
  return { means, sds };
}

/** The standardised rows, row-major float32 (what the tfjs engine uploads). */
function standardisedRows(x: FeatureMatrix, means: Float64Array, sds: Float64Array): Float32Array {
  const d = x.columns.length;
  const rows = new Float32Array(x.nRows * d);
  for (let k = 0; k < d; k++) {
    const col = x.columns[k];
    for (let i = 0; i < x.nRows; i++) rows[i * d + k] = (col[i] - means[k]) / sds[k];
  }
  return rows;
}

function fitted(params: NeuralParams, names: readonly string[], network: Network, training: NeuralTraining): FittedNeural {
  const featureNames = Object.freeze([...names]);
  const scorer = new Scorer(network);
  const wasm = params.activation === 'relu' ? wasmPass(network) : null;
  return Object.freeze({
    kind: 'neural' as const,
    params,
    featureNames,
    training,
    predictProba: (x: FeatureMatrix) => predict(scorer, wasm, featureNames, x),
    /** No reasons: an MLP's score is not a sum over features (see `modelMessages.noReasons.neural`). */
    reasons: (x: FeatureMatrix, rows: ArrayLike<number>) => {
      checkFeatureNames(KIND, featureNames, x);
      reasonRows(KIND, x, rows);
      return noReasons(modelMessages.noReasons.neural);
    },
    toJSON: () => savedModel(KIND, VERSION, params, networkToState(featureNames, network, training)),
  });
}

/** The WebAssembly SIMD prediction pass of a ReLU network, or null where wasm SIMD is unavailable. */
function wasmPass(network: Network): WasmPass | null {
  const kernels = wasmKernels();
  if (kernels === null) return null;
  const first = network.layers[0];
  const kernel0 = new Float64Array(first.kernel.length);
  const bias0 = new Float64Array(first.units);
  foldFirstLayer(first, network.means, inverse(network.sds), kernel0, bias0);
  return new WasmPass(kernels, { kernel0, bias0, layers: network.layers });
}

/** Rows scored per chunk: bounds the memory a prediction takes (the wasm kernels copy a chunk's columns). */
const PREDICT_CHUNK = 65_536;

/**
 * P(yRecorded = 1) per row: chunk by chunk of rows, the rows are read into
 * sparse rows (checking that every value is finite on the way), equal rows
 * are scored once (records repeat a lot: flags and small counts), each by
 * the forward pass — the WebAssembly SIMD kernels where available, else
 * JavaScript, with bit-identical probabilities (see `neural/wasm.ts`). A
 * row's probability does not depend on the other rows.
 */
function predict(scorer: Scorer, wasm: WasmPass | null, names: readonly string[], x: FeatureMatrix): Float64Array {
  checkFeatureNames(KIND, names, x, false); // values: checked while reading them, below
  const out = new Float64Array(x.nRows);
  for (let from = 0; from < x.nRows || from === 0; from += PREDICT_CHUNK) {
    const n = Math.min(PREDICT_CHUNK, x.nRows - from);
    const columns = from === 0 && n === x.nRows ? x.columns : x.columns.map((c) => c.subarray(from, from + n));
    predictChunk(scorer, wasm, names, columns, n, from, out);
    if (n === 0) break;
  }
  return out;
}

function predictChunk(
  scorer: Scorer,
  wasm: WasmPass | null,
  names: readonly string[],
  columns: readonly Float64Array[],
  n: number,
  from: number,
  out: Float64Array,
): void {
  const onNonFinite = (j: number, i: number, v: number): never => {
    throw new RisklabError(modelMessages.notFinite(KIND, names[j], from + i, v), names[j]);
  };
  const rows = wasm ? wasm.rows(columns, n, onNonFinite) : sparseRows(columns, n, onNonFinite);
  const logits = (list: Int32Array, into: Float64Array) => (wasm ? wasm.logits(list, into) : scorer.logits(rows, list, into));
  const groups = wasm ? wasm.groups() : groupRows(rows);
  if (groups === null) {
    const z = new Float64Array(n);
    logits(Int32Array.from({ length: n }, (_, i) => i), z);
    for (let i = 0; i < n; i++) out[from + i] = sigmoid(z[i]);
    return;
  }
  const p = new Float64Array(groups.count);
  logits(groups.first, p);
  for (let u = 0; u < p.length; u++) p[u] = sigmoid(p[u]);
  for (let i = 0; i < n; i++) out[from + i] = p[groups.group[i]];
}

export type { DenseWeights, Network, NeuralParams, NeuralState, NeuralTraining };
