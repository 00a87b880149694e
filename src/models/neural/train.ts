import type { GradSaveFunc, Tensor, Tensor2D } from '@tensorflow/tfjs';
import type { RandomSource } from '../../random/index.js';
import { shuffleInPlace } from '../../random/index.js';
import type { Tf } from '../tf-backend.js';
import type { DenseWeights, Network } from './forward.js';
import { BLOCK, ForwardPass, meanLogLoss } from './forward.js';

/**
 * The training loop of the neural model. tfjs computes the forward pass and
 * the gradients of each mini-batch; the weights themselves live here as plain
 * Float32Arrays, updated by Adam in JavaScript.
 *
 * Why not `model.fit` or `tf.train.adam`: every source of randomness must be
 * ours and seeded (initial weights, the validation split, each epoch's batch
 * order, each dropout mask — tfjs's seeded dropout repeats one mask every
 * batch), nothing may stay in tfjs memory, and speed. tf.train.adam issues
 * ~15 kernels per weight tensor per step (90 of a step's 200 for [32, 16]);
 * doing the update on ~2,000 plain numbers instead, with a hand-written
 * gradient for the loss, cuts a step to ~70 kernels and a 10-epoch fit on
 * 100,000 rows by about a quarter on wasm.
 */

/** Settings the loop needs (validated upstream). */
export interface TrainSettings {
  readonly hiddenLayers: readonly number[];
  readonly activation: 'relu' | 'tanh';
  readonly dropout: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly validationFraction: number;
  readonly patience: number;
}

/** Standardised training rows, row-major `[nRows][nIn]`, and their labels. */
export interface TrainData {
  readonly nRows: number;
  readonly nIn: number;
  readonly rows: Float32Array;
  readonly yRecorded: Uint8Array;
  readonly means: Float64Array;
  readonly sds: Float64Array;
}

/** What training produced besides the weights. */
export interface TrainLog {
  readonly epochsRun: number;
  /** 1-based epoch whose weights were kept (the last one when there is no validation set). */
  readonly bestEpoch: number;
  /** Mean log loss on the validation rows after each epoch (empty without validation). */
  readonly validationLoss: readonly number[];
  readonly fitRows: number;
  readonly validationRows: number;
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
  const { fit, validation } = stratifiedSplit(data.yRecorded, s.validationFraction, random.fork('split'));
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

/**
 * Seeded split of row indices into fit and validation rows, stratified by
 * the label so the few positives are shared fairly: each class gives
 * `round(fraction × its count)` rows to validation.
 */
export function stratifiedSplit(
  yRecorded: Uint8Array,
  fraction: number,
  random: RandomSource,
): { fit: Int32Array; validation: Int32Array } {
  const fit: number[] = [];
  const validation: number[] = [];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < yRecorded.length; i++) if (yRecorded[i] === label) rows.push(i);
    shuffleInPlace(random, rows);
    const nVal = Math.round(fraction * rows.length);
    validation.push(...rows.slice(0, nVal));
    fit.push(...rows.slice(nVal));
  }
  const sorted = (a: number[]) => Int32Array.from(a).sort();
  return { fit: sorted(fit), validation: sorted(validation) };
}

/** Dense layers with tfjs's Glorot-uniform kernels (seeded from our stream) and zero biases. */
function initialise(tf: Tf, nIn: number, s: TrainSettings, random: RandomSource): DenseWeights[] {
  const widths = [nIn, ...s.hiddenLayers, 1];
  return widths.slice(1).map((units, l) => {
    const seed = Math.floor(random.next() * 2 ** 31);
    const init = tf.initializers.glorotUniform({ seed });
    const kernel = tf.tidy(() => init.apply([widths[l], units]).dataSync() as Float32Array);
    const isOutput = l === widths.length - 2;
    return {
      nIn: widths[l],
      units,
      activation: isOutput ? 'sigmoid' : s.activation,
      kernel: Float32Array.from(kernel),
      bias: new Float32Array(units),
    };
  });
}

/** One pass over `order` in mini-batches of `batchSize` rows, one Adam step each. */
function runEpoch(
  tf: Tf,
  adam: Adam,
  weights: readonly DenseWeights[],
  data: TrainData,
  order: Int32Array,
  s: TrainSettings,
  masks: RandomSource,
): void {
  const d = data.nIn;
  const full = { x: new Float32Array(s.batchSize * d), y: new Float32Array(s.batchSize) };
  for (let start = 0; start < order.length; start += s.batchSize) {
    const b = Math.min(s.batchSize, order.length - start);
    const x = b === s.batchSize ? full.x : new Float32Array(b * d);
    const y = b === s.batchSize ? full.y : new Float32Array(b);
    for (let i = 0; i < b; i++) {
      const row = order[start + i];
      for (let k = 0, from = row * d, to = i * d; k < d; k++) x[to + k] = data.rows[from + k];
      y[i] = data.yRecorded[row];
    }
    const dropoutMasks = s.dropout > 0 ? weights.slice(0, -1).map((l) => dropoutMask(masks, b * l.units, s.dropout)) : [];
    adam.step(gradients(tf, weights, x, y, b, d, dropoutMasks));
  }
}

/** Inverted-dropout mask: each entry 0 with probability `rate`, else 1 / (1 − rate). */
function dropoutMask(random: RandomSource, n: number, rate: number): Float32Array {
  const mask = new Float32Array(n);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < n; i++) mask[i] = random.next() < rate ? 0 : keep;
  return mask;
}

/** Gradients of the batch's mean log loss with respect to each kernel and bias, in `weights` order. */
function gradients(
  tf: Tf,
  weights: readonly DenseWeights[],
  x: Float32Array,
  y: Float32Array,
  b: number,
  d: number,
  dropoutMasks: readonly Float32Array[],
): Float32Array[] {
  return tf.tidy(() => {
    const xt = tf.tensor2d(x, [b, d]);
    const yt = tf.tensor2d(y, [b, 1]);
    const maskTensors = dropoutMasks.map((m, l) => tf.tensor2d(m, [b, weights[l].units]));
    const params = weights.flatMap((l) => [tf.tensor2d(l.kernel, [l.nIn, l.units]), tf.tensor1d(l.bias)]);
    const loss = logLoss(tf, yt);
    const f = (...p: Tensor[]) => {
      let h: Tensor = xt;
      for (let l = 0; l < weights.length; l++) {
        h = tf.add(tf.matMul(h as Tensor2D, p[2 * l] as Tensor2D), p[2 * l + 1]);
        if (weights[l].activation === 'sigmoid') break; // output layer: the loss takes logits
        h = weights[l].activation === 'relu' ? tf.relu(h) : tf.tanh(h);
        if (maskTensors.length > 0) h = tf.mul(h, maskTensors[l]);
      }
      return loss(h);
    };
    return tf.grads(f)(params).map((g) => Float32Array.from(g.dataSync() as Float32Array));
  });
}

/**
 * Mean binary cross-entropy of logits against labels `yt`, computed stably as
 * `mean(max(z, 0) − y·z + log(1 + e^−|z|))`, with its gradient written out:
 * d/dz = (σ(z) − y) / n. (tfjs's sigmoidCrossEntropy gives the same numbers
 * but differentiates each of its ops, about 30 kernels a step more.)
 */
function logLoss(tf: Tf, yt: Tensor) {
  return tf.customGrad((...inputs: (Tensor | GradSaveFunc)[]) => {
    const [z, save] = inputs as [Tensor, GradSaveFunc];
    save([z]);
    const value = tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, yt)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
    const n = z.shape[0] as number;
    const gradFunc = (dy: Tensor, saved: Tensor[]) => tf.mul(dy, tf.div(tf.sub(tf.sigmoid(saved[0]), yt), n));
    return { value, gradFunc };
  });
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
function snapshot(weights: readonly DenseWeights[], data: TrainData): Network {
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
