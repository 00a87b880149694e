import { logLoss } from '../../numeric.js';

/**
 * The plain-JavaScript forward pass of a fitted multilayer perceptron.
 *
 * A fitted network is plain numbers: per-feature means and standard
 * deviations, then dense layers `out = act(in · kernel + bias)` whose last
 * layer has one unit and a sigmoid. Scoring runs here rather than in tfjs so
 * that a network reloaded from JSON needs no tfjs backend, scores identically
 * on every machine, and predicts synchronously (about 0.15 s for 100,000 rows
 * × 40 features × [32, 16] on one core).
 *
 * Rows are scored in blocks of `BLOCK` so the activations stay in cache.
 */

/** Activation of a dense layer. The output layer is always `sigmoid`. */
export type Activation = 'relu' | 'tanh' | 'sigmoid';

/** One dense layer: `kernel` is row-major `[nIn][units]` (tfjs's layout); float32 from tfjs, float64 when read back. */
export interface DenseWeights {
  readonly nIn: number;
  readonly units: number;
  readonly activation: Activation;
  readonly kernel: Float32Array | Float64Array;
  readonly bias: Float32Array | Float64Array;
}

/** Everything a forward pass needs. */
export interface Network {
  readonly means: Float64Array;
  readonly sds: Float64Array;
  readonly layers: readonly DenseWeights[];
}

/** Rows per block. */
export const BLOCK = 256;

/** A layer ready for the inner loops: kernel transposed to `[units][nIn]` and widened to float64 (exact). */
interface WideLayer {
  readonly nIn: number;
  readonly units: number;
  readonly activation: Activation;
  readonly kernelT: Float64Array;
  readonly bias: Float64Array;
}

/** Scores blocks of standardised rows; reusable across calls, not re-entrant. */
export class ForwardPass {
  private readonly layers: readonly WideLayer[];
  private readonly buffers: Float64Array[];
  readonly nIn: number;

  constructor(network: Network) {
    this.layers = network.layers.map(widen);
    this.nIn = network.means.length;
    this.buffers = [this.nIn, ...this.layers.map((l) => l.units)].map((w) => new Float64Array(BLOCK * w));
  }

  /** The input buffer to fill with up to `BLOCK` standardised rows, row-major. */
  get input(): Float64Array {
    return this.buffers[0];
  }

  /** Logits of the first `rows` rows now in `input`, written to `out[offset…]`. */
  logits(rows: number, out: Float64Array, offset: number): void {
    for (let l = 0; l < this.layers.length; l++) {
      dense(this.layers[l], this.buffers[l], this.buffers[l + 1], rows);
    }
    const last = this.buffers[this.layers.length];
    for (let r = 0; r < rows; r++) out[offset + r] = last[r];
  }
}

function widen(l: DenseWeights): WideLayer {
  const kernelT = new Float64Array(l.nIn * l.units);
  for (let k = 0; k < l.nIn; k++) for (let j = 0; j < l.units; j++) kernelT[j * l.nIn + k] = l.kernel[k * l.units + j];
  return { nIn: l.nIn, units: l.units, activation: l.activation, kernelT, bias: Float64Array.from(l.bias) };
}

/**
 * `output = act(input · kernel + bias)` for `rows` rows. The loops are
 * register-blocked, four rows × two units at a time, so each kernel and input
 * load feeds several multiply-adds (about 3× faster than one dot product at a
 * time in V8). Every sum still runs bias first, then k = 0, 1, …, so the
 * blocking does not change a single bit of the result. The output layer's
 * sigmoid is left to the caller, which wants logits.
 */
function dense(layer: WideLayer, input: Float64Array, output: Float64Array, rows: number): void {
  const { nIn, units } = layer;
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    let j = 0;
    for (; j + 1 < units; j += 2) fourRowsTwoUnits(layer, input, output, r, j);
    if (j < units) fourRowsOneUnit(layer, input, output, r, j);
  }
  for (; r < rows; r++) {
    for (let j = 0; j < units; j++) output[r * units + j] = dot(layer, input, r * nIn, j);
  }
  activate(layer.activation, output, rows * units);
}

function fourRowsTwoUnits(layer: WideLayer, input: Float64Array, output: Float64Array, r: number, j: number): void {
  const { nIn, units, kernelT, bias } = layer;
  const i0 = r * nIn;
  const i1 = i0 + nIn;
  const i2 = i1 + nIn;
  const i3 = i2 + nIn;
  const t0 = j * nIn;
  const t1 = t0 + nIn;
  let a0 = bias[j];
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let b0 = bias[j + 1];
  let b1 = b0;
  let b2 = b0;
  let b3 = b0;
  for (let k = 0; k < nIn; k++) {
    const w = kernelT[t0 + k];
    const v = kernelT[t1 + k];
    const x0 = input[i0 + k];
    const x1 = input[i1 + k];
    const x2 = input[i2 + k];
    const x3 = input[i3 + k];
    a0 += x0 * w;
    a1 += x1 * w;
    a2 += x2 * w;
    a3 += x3 * w;
    b0 += x0 * v;
    b1 += x1 * v;
    b2 += x2 * v;
    b3 += x3 * v;
  }
  const o = r * units + j;
  output[o] = a0;
  output[o + 1] = b0;
  output[o + units] = a1;
  output[o + units + 1] = b1;
  output[o + 2 * units] = a2;
  output[o + 2 * units + 1] = b2;
  output[o + 3 * units] = a3;
  output[o + 3 * units + 1] = b3;
}

function fourRowsOneUnit(layer: WideLayer, input: Float64Array, output: Float64Array, r: number, j: number): void {
  const { nIn, units } = layer;
  for (let q = 0; q < 4; q++) output[(r + q) * units + j] = dot(layer, input, (r + q) * nIn, j);
}

function dot(layer: WideLayer, input: Float64Array, i0: number, j: number): number {
  const { nIn, kernelT } = layer;
  const t0 = j * nIn;
  let s = layer.bias[j];
  for (let k = 0; k < nIn; k++) s += input[i0 + k] * kernelT[t0 + k];
  return s;
}

function activate(activation: Activation, values: Float64Array, n: number): void {
  if (activation === 'relu') {
    for (let i = 0; i < n; i++) if (values[i] < 0) values[i] = 0;
  } else if (activation === 'tanh') {
    for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]);
  }
}

/** Mean log-loss (numeric.ts's `logLoss`) of logits `z` against 0/1 labels; NaN for no rows. */
export function meanLogLoss(z: Float64Array, labels: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < z.length; i++) total += logLoss(z[i], labels[i]);
  return z.length === 0 ? NaN : total / z.length;
}
