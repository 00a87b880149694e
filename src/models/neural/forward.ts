import { logLoss } from '../../numeric.js';
import { forwardProduct } from './dense.js';
import type { SparseRows } from './rows.js';

/**
 * The forward pass of a fitted multilayer perceptron, in plain JavaScript on
 * Float64Arrays, used to predict, to measure the validation loss while
 * training (whichever engine computed the gradients) and by the typed-array
 * trainer.
 *
 * A network is plain numbers: per-feature means and standard deviations, then
 * dense layers `out = act(in · kernel + bias)` whose last layer has one unit
 * and a sigmoid. Inputs are standardised, z = (x − m)/s; the first layer is
 * computed as x · (W/s) + (b − Σₖ (mₖ/sₖ) Wₖ) from the raw non-zero values
 * (`foldFirstLayer`), which is the same affine map (its rounding differs in
 * the last bits) at a fraction of the cost on sparse records; the other
 * layers are register-blocked products (`dense.ts`). Every sum runs bias
 * first, then inputs in ascending order, so a row's score does not depend on
 * which rows share its block.
 */

/** Activation of a dense layer. The output layer is always `sigmoid`. */
export type Activation = 'relu' | 'tanh' | 'sigmoid';

/** One dense layer: `kernel` is row-major `[nIn][units]`: entry `k * units + j` joins input k to unit j. */
export interface DenseWeights {
  readonly nIn: number;
  readonly units: number;
  readonly activation: Activation;
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
}

/** Everything a forward pass needs. */
export interface Network {
  readonly means: Float64Array;
  readonly sds: Float64Array;
  readonly layers: readonly DenseWeights[];
}

/**
 * The first layer on raw inputs: `kernel[k][j] = W[k][j] / sₖ` (as × (1/sₖ))
 * and `bias[j] = b[j] − Σₖ mₖ · kernel[k][j]`, written into the given arrays.
 */
export function foldFirstLayer(layer: DenseWeights, means: Float64Array, invSds: Float64Array, kernel: Float64Array, bias: Float64Array): void {
  const { nIn, units } = layer;
  const w = layer.kernel;
  bias.set(layer.bias);
  for (let k = 0; k < nIn; k++) {
    const inv = invSds[k];
    const m = means[k];
    const off = k * units;
    for (let j = 0; j < units; j++) {
      const v = w[off + j] * inv;
      kernel[off + j] = v;
      bias[j] -= m * v;
    }
  }
}

/** 1 / s for each standard deviation. */
export function inverse(sds: Float64Array): Float64Array {
  return sds.map((s) => 1 / s);
}

/** Rows per block of the forward pass: a block's activations stay in cache. */
export const BLOCK = 256;

/**
 * The forward pass over blocks of up to `BLOCK` rows, keeping every layer's
 * pre-activations `z[l]` and activations `a[l]` (row-major `[rows][units]`)
 * for the backward pass. The first layer reads the raw non-zero values with
 * the folded kernel; the others are `forwardProduct`s. With tanh, `z[l]` of a
 * hidden layer holds tanh(z) after the pass (what tanh′ needs).
 */
export class BlockPass {
  readonly z: Float64Array[];
  readonly a: Float64Array[];
  readonly kernel0: Float64Array;
  readonly bias0: Float64Array;
  private readonly tanh: boolean;

  /** `capacity`: the most rows one `run` takes (default `BLOCK`). */
  constructor(
    readonly layers: readonly DenseWeights[],
    readonly capacity = BLOCK,
  ) {
    this.z = layers.map((l) => new Float64Array(capacity * l.units));
    this.a = layers.map((l) => new Float64Array(capacity * l.units));
    this.kernel0 = new Float64Array(layers[0].kernel.length);
    this.bias0 = new Float64Array(layers[0].units);
    this.tanh = layers.some((l) => l.activation === 'tanh');
  }

  /** Fold the first layer's current weights (call after every change to them). */
  fold(means: Float64Array, invSds: Float64Array): void {
    foldFirstLayer(this.layers[0], means, invSds, this.kernel0, this.bias0);
  }

  /**
   * Forward pass of rows `list[from … from + count)` of `rows` (count ≤ capacity);
   * `masks[l]` (row-major, `count × units`) multiply hidden layer l's
   * activations when given. The logits end in `z[last]`.
   */
  run(rows: SparseRows, list: Int32Array, from: number, count: number, masks: readonly Float64Array[]): void {
    const layers = this.layers;
    const last = layers.length - 1;
    this.firstLayer(rows, list, from, count, last > 0, masks.length > 0 ? masks[0] : null);
    for (let l = 1; l <= last; l++) {
      const { nIn, units, kernel, bias } = layers[l];
      forwardProduct(this.a[l - 1], kernel, bias, this.z[l], count, nIn, units);
      if (l < last) this.activate(l, count, masks.length > 0 ? masks[l] : null);
    }
  }

  /** The first layer from the raw non-zero values, row by row, activated (and masked) while the row is in cache. */
  private firstLayer(rows: SparseRows, list: Int32Array, from: number, count: number, hidden: boolean, mask: Float64Array | null): void {
    const { start, index, value } = rows;
    const u = this.layers[0].units;
    const z = this.z[0];
    const a = this.a[0];
    const w = this.kernel0;
    const bias = this.bias0;
    const tanh = this.tanh;
    for (let i = 0; i < count; i++) {
      const r = list[from + i];
      sparseRowProduct(index, value, start[r], start[r + 1], w, bias, z, i * u, u);
      if (!hidden) continue;
      const o = i * u;
      if (tanh) for (let j = o; j < o + u; j++) a[j] = z[j] = Math.tanh(z[j]);
      else for (let j = o; j < o + u; j++) a[j] = z[j] > 0 ? z[j] : 0;
      if (mask !== null) for (let j = o; j < o + u; j++) a[j] *= mask[j];
    }
  }

  /** Activation (and dropout) of hidden layer l ≥ 1 in place. */
  private activate(l: number, count: number, mask: Float64Array | null): void {
    const n = count * this.layers[l].units;
    const z = this.z[l];
    const a = this.a[l];
    if (this.tanh) for (let i = 0; i < n; i++) a[i] = z[i] = Math.tanh(z[i]);
    else for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0;
    if (mask !== null) for (let i = 0; i < n; i++) a[i] *= mask[i];
  }
}

/**
 * out[o + j] = bias[j] + Σₑ value[e] · w[index[e] · u + j] over the entries
 * e ∈ [from, to) of one sparse row, eight units at a time in locals (the
 * entries, a handful, are re-read per eight units). Sums run bias first,
 * entries in order.
 */
export function sparseRowProduct(
  index: Int32Array,
  value: Float64Array,
  from: number,
  to: number,
  w: Float64Array,
  bias: Float64Array,
  out: Float64Array,
  o: number,
  u: number,
): void {
  let j = 0;
  for (; j + 7 < u; j += 8) {
    let s0 = bias[j];
    let s1 = bias[j + 1];
    let s2 = bias[j + 2];
    let s3 = bias[j + 3];
    let s4 = bias[j + 4];
    let s5 = bias[j + 5];
    let s6 = bias[j + 6];
    let s7 = bias[j + 7];
    for (let e = from; e < to; e++) {
      const v = value[e];
      const p = index[e] * u + j;
      s0 += v * w[p];
      s1 += v * w[p + 1];
      s2 += v * w[p + 2];
      s3 += v * w[p + 3];
      s4 += v * w[p + 4];
      s5 += v * w[p + 5];
      s6 += v * w[p + 6];
      s7 += v * w[p + 7];
    }
    out[o + j] = s0;
    out[o + j + 1] = s1;
    out[o + j + 2] = s2;
    out[o + j + 3] = s3;
    out[o + j + 4] = s4;
    out[o + j + 5] = s5;
    out[o + j + 6] = s6;
    out[o + j + 7] = s7;
  }
  for (; j < u; j++) {
    let s = bias[j];
    for (let e = from; e < to; e++) s += value[e] * w[index[e] * u + j];
    out[o + j] = s;
  }
}

/**
 * Scores rows of a fitted network one row at a time, treating every layer's
 * input as a sparse row: the first layer's input is the row's non-zero raw
 * values, and each hidden layer's output is compacted to its non-zero
 * activations (ReLU leaves about half the units at 0) before the next layer
 * reads it with `sparseRowProduct`. Each sum is the same as `BlockPass`'s —
 * bias first, non-zero inputs in ascending order — so the two agree except
 * possibly in the sign of a zero. Reusable, not re-entrant.
 */
export class Scorer {
  private readonly layers: readonly DenseWeights[];
  private readonly kernel0: Float64Array;
  private readonly bias0: Float64Array;
  private readonly z: Float64Array;
  private readonly index: Int32Array;
  private readonly value: Float64Array;
  private readonly tanh: boolean;

  constructor(network: Network) {
    const first = network.layers[0];
    this.layers = network.layers;
    this.kernel0 = new Float64Array(first.kernel.length);
    this.bias0 = new Float64Array(first.units);
    foldFirstLayer(first, network.means, inverse(network.sds), this.kernel0, this.bias0);
    const widest = Math.max(...network.layers.map((l) => l.units));
    this.z = new Float64Array(widest);
    this.index = new Int32Array(widest);
    this.value = new Float64Array(widest);
    this.tanh = network.layers.some((l) => l.activation === 'tanh');
  }

  /** The logit of row `r` of `rows`. */
  logit(rows: SparseRows, r: number): number {
    const layers = this.layers;
    const { z, index, value } = this;
    sparseRowProduct(rows.index, rows.value, rows.start[r], rows.start[r + 1], this.kernel0, this.bias0, z, 0, layers[0].units);
    for (let l = 1; l < layers.length; l++) {
      const n = this.compact(layers[l - 1].units);
      const { units, kernel, bias } = layers[l];
      sparseRowProduct(index, value, 0, n, kernel, bias, z, 0, units);
    }
    return z[0];
  }

  /** Activate the first `units` of z and keep the non-zero activations in (index, value); returns how many. */
  private compact(units: number): number {
    const { z, index, value } = this;
    // Branch-free: which units are active is unpredictable, so write every
    // unit and advance only past the non-zero ones.
    let n = 0;
    if (this.tanh) {
      for (let j = 0; j < units; j++) {
        const a = Math.tanh(z[j]);
        index[n] = j;
        value[n] = a;
        n += a !== 0 ? 1 : 0;
      }
    } else {
      for (let j = 0; j < units; j++) {
        const a = z[j];
        index[n] = j;
        value[n] = a;
        n += a > 0 ? 1 : 0;
      }
    }
    return n;
  }

  /** Logits of rows `list[i]` (or of every row when `list` is null) into `out[i]`. */
  logits(rows: SparseRows, list: Int32Array | null, out: Float64Array): void {
    if (list === null) for (let r = 0; r < rows.nRows; r++) out[r] = this.logit(rows, r);
    else for (let i = 0; i < list.length; i++) out[i] = this.logit(rows, list[i]);
  }
}

/** Mean log-loss (numeric.ts's `logLoss`) of logits `z` against 0/1 labels, each row weighted by `weight` when given; NaN for no rows. */
export function meanLogLoss(z: Float64Array, labels: ArrayLike<number>, weight?: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const w = weight ? weight[i] : 1;
    total += w * logLoss(z[i], labels[i]);
    sum += w;
  }
  return z.length === 0 ? NaN : total / sum;
}
