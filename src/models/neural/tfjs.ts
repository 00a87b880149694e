import type { Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../tf-backend.js';
import type { DenseWeights } from './forward.js';
import type { GradientEngine } from './train.js';

/**
 * The TensorFlow.js gradient engine, for networks too large for the
 * typed-array engine to beat a tensor library (and wherever
 * `@tensorflow/tfjs-node` gives native kernels). tfjs computes each batch's
 * forward pass and gradients in float32; the weights themselves stay in the
 * shared training loop as Float64Arrays updated by its Adam, so both engines
 * follow the same batches, masks and steps and differ only in rounding.
 *
 * Why not `model.fit` / `tf.train.adam` / `tf.grads`: every source of
 * randomness must be ours and seeded (initial weights, the validation split,
 * each epoch's batch order, each dropout mask — tfjs's seeded dropout repeats
 * one mask every batch), nothing may stay in tfjs memory, and speed. With
 * tf.train.adam and tf.grads a [32, 16] step ran ~200 kernels (tfjs's Adam
 * alone ~15 per weight tensor, where updating ~2,000 plain numbers in JS
 * takes microseconds); the written-out backpropagation of `batchGradients`
 * runs ~30.
 */
export class TfjsEngine implements GradientEngine {
  readonly name: string;
  private readonly full: Batch;

  constructor(
    private readonly tf: Tf,
    /** Standardised training rows, row-major float32 `[nRows][nIn]`. */
    private readonly rows: Float32Array,
    private readonly nIn: number,
    private readonly yRecorded: Uint8Array,
    private readonly rowWeight: Float64Array | null,
    batchSize: number,
  ) {
    this.name = tf.getBackend();
    this.full = newBatch(batchSize, nIn);
  }

  gradients(layers: readonly DenseWeights[], batch: Int32Array, masks: readonly Float64Array[], out: readonly Float64Array[]): void {
    const b = batch.length;
    const buffers = b === this.full.y.length ? this.full : newBatch(b, this.nIn);
    this.fill(batch, buffers);
    const weights = layers.map((l) => ({ ...l, kernel: Float32Array.from(l.kernel), bias: Float32Array.from(l.bias) }));
    const grads = out.map((g) => new Float32Array(g.length));
    const batchMasks = masks.map((m, l) => Float32Array.from(m.subarray(0, b * layers[l].units)));
    batchGradients(this.tf, weights, buffers, batchMasks, grads);
    grads.forEach((g, i) => out[i].set(g));
  }

  /** Copy the batch's rows, labels and weights into `batch`. */
  private fill(rows: Int32Array, batch: Batch): void {
    const { x, xT, y, w } = batch;
    const d = this.nIn;
    const b = y.length;
    for (let i = 0; i < b; i++) {
      const row = rows[i];
      for (let k = 0, from = row * d; k < d; k++) {
        const v = this.rows[from + k];
        x[i * d + k] = v;
        xT[k * b + i] = v;
      }
      y[i] = this.yRecorded[row];
      w[i] = this.rowWeight === null ? 1 : this.rowWeight[row];
    }
  }
}

/** A layer as tfjs computes with it: float32 weights. */
export interface Float32Layer {
  readonly nIn: number;
  readonly units: number;
  readonly activation: string;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** One mini-batch: rows row-major `[b][d]`, the same transposed `[d][b]`, 0/1 labels and row weights. */
export interface Batch {
  readonly x: Float32Array;
  readonly xT: Float32Array;
  readonly y: Float32Array;
  readonly w: Float32Array;
}

function newBatch(b: number, d: number): Batch {
  return { x: new Float32Array(b * d), xT: new Float32Array(b * d), y: new Float32Array(b), w: new Float32Array(b) };
}

/**
 * Gradients of the batch's mean (row-weighted) log loss with respect to each
 * kernel and bias, written into `out` in layer order (kernel₁, bias₁, kernel₂, …).
 *
 * Backpropagation written out rather than taped (Goodfellow et al. 2016,
 * §6.5): with aₗ = act(zₗ) ⊙ maskₗ and zₗ = aₗ₋₁Wₗ + bₗ,
 *   dz_out = w ⊙ (σ(z_out) − y) / n        (mean binary cross-entropy on logits)
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
  batch: { readonly x: Float32Array; readonly xT: Float32Array; readonly y: Float32Array; readonly w?: Float32Array },
  dropoutMasks: readonly Float32Array[],
  out: Float32Array[],
): void {
  const { x, xT, y, w: rowWeight } = batch;
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
    if (rowWeight !== undefined) dz = tf.mul(dz, tf.tensor2d(rowWeight, [b, 1]));
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
