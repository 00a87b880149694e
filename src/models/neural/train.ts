import type { Tensor2D } from '@tensorflow/tfjs';
import { shuffleInPlace, uniformInt, type RandomSource } from '../../random/index.js';
import { stratifiedHoldout } from '../sampling.js';
import type { Tf } from '../tf-backend.js';
import type { DenseWeights, Network } from './forward.js';
import type { NeuralParams, TrainLog } from './params.js';
import { BLOCK, ForwardPass, meanLogLoss } from './forward.js';

/**
 * The training loop of the neural model. tfjs computes the forward pass and
 * the gradients of each mini-batch; the weights themselves live here as plain
 * Float32Arrays, updated by Adam in JavaScript.
 *
 * Why not `model.fit` / `tf.train.adam` / `tf.grads`: every source of
 * randomness must be ours and seeded (initial weights, the validation split,
 * each epoch's batch order, each dropout mask — tfjs's seeded dropout repeats
 * one mask every batch), nothing may stay in tfjs memory, and speed. With
 * tf.train.adam and tf.grads a [32, 16] step ran ~200 kernels (tfjs's Adam
 * alone ~15 per weight tensor, where updating ~2,000 plain numbers in JS
 * takes microseconds); the written-out backpropagation of `batchGradients`
 * runs ~30, and a 10-epoch fit on 100,000 rows is about 3× faster on wasm.
 */

/** A layer as tfjs trains it: float32 weights. */
export interface Float32Layer extends DenseWeights {
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** Settings the loop needs (validated upstream). */
export type TrainSettings = NeuralParams;

/** Standardised training rows, row-major `[nRows][nIn]`, and their labels. */
export interface TrainData {
  readonly nRows: number;
  readonly nIn: number;
  readonly rows: Float32Array;
  readonly yRecorded: Uint8Array;
  readonly means: Float64Array;
  readonly sds: Float64Array;
}

/** Adam's constants (Kingma & Ba 2015, Algorithm 1). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Train a network; returns the kept weights as plain arrays. Every tensor made is disposed. */
export function trainNetwork(
  tf: Tf,
  data: TrainData,
  s: TrainSettings,
  random: RandomSource,
): { network: Network; log: TrainLog } {
  const { fit, holdout: validation } = stratifiedHoldout(random.fork('split'), data.yRecorded, s.validationFraction);
  const weights = initialise(tf, data.nIn, s, random.fork('init'));
  const adam = new Adam(weights.flatMap((l) => [l.kernel, l.bias]), s.learningRate);
  const order = fit.slice();
  const shuffle = random.fork('shuffle');
  const masks = random.fork('dropout');
  const losses: number[] = [];
  let best = { loss: Infinity, epoch: 0, network: snapshot(weights, data) };
  let epoch = 0;
  while (epoch < s.epochs) {
    epoch += 1;
    shuffleInPlace(shuffle, order);
    runEpoch(tf, adam, weights, data, order, s, masks);
    const network = snapshot(weights, data);
    if (validation.length === 0) {
      best = { loss: NaN, epoch, network };
      continue;
    }
    const loss = validationLoss(network, data, validation);
    losses.push(loss);
    if (loss < best.loss) best = { loss, epoch, network };
    else if (epoch - best.epoch >= s.patience) break;
  }
  const log = { epochsRun: epoch, bestEpoch: best.epoch, validationLoss: losses, fitRows: fit.length, validationRows: validation.length };
  return { network: best.network, log };
}

/** Dense layers with tfjs's Glorot-uniform kernels (seeded from our stream) and zero biases. */
function initialise(tf: Tf, nIn: number, s: TrainSettings, random: RandomSource): Float32Layer[] {
  const widths = [nIn, ...s.hiddenLayers, 1];
  return widths.slice(1).map((units, l) => {
    const seed = uniformInt(random, 2 ** 31);
    const init = tf.initializers.glorotUniform({ seed });
    const tensor = tf.tidy(() => init.apply([widths[l], units]));
    const kernel = Float32Array.from(tensor.dataSync() as Float32Array);
    tensor.dispose();
    const isOutput = l === widths.length - 2;
    return {
      nIn: widths[l],
      units,
      activation: isOutput ? 'sigmoid' : s.activation,
      kernel,
      bias: new Float32Array(units),
    };
  });
}

/** One pass over `order` in mini-batches of `batchSize` rows, one Adam step each. */
function runEpoch(
  tf: Tf,
  adam: Adam,
  weights: readonly Float32Layer[],
  data: TrainData,
  order: Int32Array,
  s: TrainSettings,
  masks: RandomSource,
): void {
  const full = newBatch(s.batchSize, data.nIn);
  const grads = weights.flatMap((l) => [new Float32Array(l.kernel.length), new Float32Array(l.bias.length)]);
  for (let start = 0; start < order.length; start += s.batchSize) {
    const b = Math.min(s.batchSize, order.length - start);
    const batch = b === s.batchSize ? full : newBatch(b, data.nIn);
    fillBatch(data, order, start, batch);
    const dropoutMasks = s.dropout > 0 ? weights.slice(0, -1).map((l) => dropoutMask(masks, b * l.units, s.dropout)) : [];
    batchGradients(tf, weights, batch, dropoutMasks, grads);
    adam.step(grads);
  }
}

/** One mini-batch: rows row-major `[b][d]`, the same transposed `[d][b]`, and 0/1 labels. */
export interface Batch {
  readonly x: Float32Array;
  readonly xT: Float32Array;
  readonly y: Float32Array;
}

function newBatch(b: number, d: number): Batch {
  return { x: new Float32Array(b * d), xT: new Float32Array(b * d), y: new Float32Array(b) };
}

/** Copy rows `order[start…start + b)` into `batch`. */
function fillBatch(data: TrainData, order: Int32Array, start: number, batch: Batch): void {
  const { x, xT, y } = batch;
  const d = data.nIn;
  const b = y.length;
  const rows = data.rows;
  for (let i = 0; i < b; i++) {
    const row = order[start + i];
    for (let k = 0, from = row * d; k < d; k++) {
      const v = rows[from + k];
      x[i * d + k] = v;
      xT[k * b + i] = v;
    }
    y[i] = data.yRecorded[row];
  }
}

/** Inverted-dropout mask: each entry 0 with probability `rate`, else 1 / (1 − rate). */
function dropoutMask(random: RandomSource, n: number, rate: number): Float32Array {
  const mask = new Float32Array(n);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < n; i++) mask[i] = random.next() < rate ? 0 : keep;
  return mask;
}

/**
 * Gradients of the batch's mean log loss with respect to each kernel and
 * bias, written into `out` in `weights` order (kernel₁, bias₁, kernel₂, …).
 *
 * Backpropagation written out rather than taped (Goodfellow et al. 2016,
 * §6.5): with aₗ = act(zₗ) ⊙ maskₗ and zₗ = aₗ₋₁Wₗ + bₗ,
 *   dz_out = (σ(z_out) − y) / n          (mean binary cross-entropy on logits)
 *   dWₗ = aₗ₋₁ᵀ dzₗ,  dbₗ = Σ_rows dzₗ,  dzₗ₋₁ = (dzₗ Wₗᵀ) ⊙ maskₗ₋₁ ⊙ act′(zₗ₋₁).
 * Transposes are uploaded or made explicitly: tfjs-wasm's matMul with a
 * transpose flag is 3–4× slower than a plain one. Nothing but tensors may
 * leave a tf.tidy cheaply (tfjs walks every index of a returned typed array),
 * hence `out`. Checked against tf.grads of tf.losses.sigmoidCrossEntropy in
 * the tests.
 */
export function batchGradients(
  tf: Tf,
  weights: readonly Float32Layer[],
  batch: Batch,
  dropoutMasks: readonly Float32Array[],
  out: Float32Array[],
): void {
  const { x, xT, y } = batch;
  const b = y.length;
  const d = x.length / b;
  tf.tidy(() => {
    const a: Tensor2D[] = [tf.tensor2d(x, [b, d])];
    const h: Tensor2D[] = [];
    const z: Tensor2D[] = [];
    const masks = dropoutMasks.map((m, l) => tf.tensor2d(m, [b, weights[l].units]));
    for (const [l, w] of weights.entries()) {
      z.push(tf.add(tf.matMul(a[l], tf.tensor2d(w.kernel, [w.nIn, w.units])), tf.tensor1d(w.bias)));
      if (w.activation === 'sigmoid') break; // output layer: the loss takes logits
      h.push(w.activation === 'relu' ? tf.relu(z[l]) : tf.tanh(z[l]));
      a.push(masks.length > 0 ? tf.mul(h[l], masks[l]) : h[l]);
    }
    const last = weights.length - 1;
    let dz: Tensor2D = tf.div(tf.sub(tf.sigmoid(z[last]), tf.tensor2d(y, [b, 1])), b);
    for (let l = last; l >= 0; l--) {
      const aT = l === 0 ? tf.tensor2d(xT, [d, b]) : tf.transpose(a[l]);
      out[2 * l].set(tf.matMul(aT, dz).dataSync() as Float32Array);
      out[2 * l + 1].set(tf.sum(dz, 0).dataSync() as Float32Array);
      if (l === 0) break;
      const w = weights[l];
      let da: Tensor2D = tf.matMul(dz, tf.tensor2d(transpose(w.kernel, w.nIn, w.units), [w.units, w.nIn]));
      if (masks.length > 0) da = tf.mul(da, masks[l - 1]);
      const slope = weights[l - 1].activation === 'relu' ? tf.step(z[l - 1]) : tf.sub(1, tf.square(h[l - 1]));
      dz = tf.mul(da, slope);
    }
  });
}

/** A row-major `[rows][cols]` matrix transposed to `[cols][rows]`. */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(m.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = m[i * cols + j];
  return t;
}

/** Adam on plain arrays (Kingma & Ba 2015, Algorithm 1), updating `params` in place. */
class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(
    private readonly params: readonly Float32Array[],
    private readonly learningRate: number,
  ) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }

  step(grads: readonly Float32Array[]): void {
    this.t += 1;
    const c1 = 1 - BETA1 ** this.t;
    const c2 = 1 - BETA2 ** this.t;
    for (let i = 0; i < this.params.length; i++) {
      const [p, g, m, v] = [this.params[i], grads[i], this.m[i], this.v[i]];
      for (let k = 0; k < p.length; k++) {
        m[k] = BETA1 * m[k] + (1 - BETA1) * g[k];
        v[k] = BETA2 * v[k] + (1 - BETA2) * g[k] * g[k];
        p[k] -= (this.learningRate * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + EPSILON);
      }
    }
  }
}

/** A copy of the current weights (training goes on updating the originals). */
function snapshot(weights: readonly Float32Layer[], data: TrainData): Network {
  const layers = weights.map((l) => ({ ...l, kernel: l.kernel.slice(), bias: l.bias.slice() }));
  return { means: data.means, sds: data.sds, layers };
}

/** Mean log loss of `network` on the given (already standardised) rows. */
function validationLoss(network: Network, data: TrainData, rows: Int32Array): number {
  const pass = new ForwardPass(network);
  const z = new Float64Array(rows.length);
  const labels = new Uint8Array(rows.length);
  const d = data.nIn;
  for (let start = 0; start < rows.length; start += BLOCK) {
    const b = Math.min(BLOCK, rows.length - start);
    for (let i = 0; i < b; i++) {
      const row = rows[start + i];
      for (let k = 0; k < d; k++) pass.input[i * d + k] = data.rows[row * d + k];
      labels[start + i] = data.yRecorded[row];
    }
    pass.logits(b, z, start);
  }
  return meanLogLoss(z, labels);
}
