import { sigmoid } from '../../numeric.js';
import { inputGradient, kernelGradient } from './dense.js';
import { BlockPass, foldFirstLayer, type DenseWeights } from './forward.js';
import { trainKernels, WasmBatch } from './wasm-train.js';
import { subsetRows, type RowGroups, type SparseRows } from './rows.js';
import type { GradientEngine } from './train.js';

/**
 * The typed-array gradient engine: forward and backward passes written out
 * by hand on Float64Arrays for small networks (the lab's default [32, 16] has
 * 1,601 weights), where a tensor library spends more time dispatching ~30
 * small kernels per step than computing.
 *
 * A batch is processed as one block of rows: the forward pass
 * (`BlockPass`) keeps every layer's activations, then backpropagation
 * (Goodfellow, Bengio & Courville, *Deep Learning*, §6.5) runs on the same
 * block while it is in cache, adding the block's share to each gradient of
 * the batch's mean log-loss:
 *
 *     dz_out = w · (σ(z_out) − y) / b        (w the row's class weight, 1 by default)
 *     dWₗ += aₗ₋₁ᵀ dzₗ,  dbₗ += Σ_rows dzₗ,  dzₗ₋₁ = (dzₗ Wₗᵀ) ⊙ maskₗ₋₁ ⊙ act′(zₗ₋₁),
 *
 * with the register-blocked products of `dense.ts`. The first layer reads
 * the raw non-zero values with the folded kernel (see `forward.ts`), and its
 * gradient is unfolded at the end of the batch:
 * ∂L/∂Wₖⱼ = (1/sₖ)(Σᵣ xᵣₖ dzᵣⱼ − mₖ Σᵣ dzᵣⱼ) (exact algebra; only the
 * non-zero xᵣₖ are visited).
 *
 * Repeated rows. Records repeat a lot (flags and small counts: 80,000
 * children of what-works-1 have 10,004 distinct rows, and a batch of 256
 * about 108). Without dropout, equal rows have equal activations, and their
 * gradients differ only by the scalar w·(σ(z) − y) at the output, so a batch
 * is computed over its distinct rows, each carrying Σ w and Σ w·y of its
 * copies: the same gradient (up to rounding) for a fraction of the work.
 * With dropout every row has its own masks and is computed on its own.
 *
 * Nothing is allocated per step, and every sum runs in a fixed order, so one
 * seed gives bit-identical weights on every machine.
 */
export class TypedEngine implements GradientEngine {
  readonly name = 'typed';
  private readonly pass: BlockPass;
  /** Per layer: the gradient reaching its pre-activations, `[rows][units]`. */
  private readonly dz: Float64Array[];
  /** The gradient reaching a layer's inputs, before the activation's slope. */
  private readonly da: Float64Array;
  /** Σᵣ xᵣₖ dzᵣⱼ of the first layer (raw inputs). */
  private readonly raw0: Float64Array;
  private readonly tanh: boolean;
  /** A batch's distinct rows (first copy), and per distinct row Σ w and Σ w·y of its copies. */
  private readonly slotRow: Int32Array;
  private readonly slotWeight: Float64Array;
  private readonly slotPositive: Float64Array;
  /** Per group of equal training rows: the batch that last used it, and its slot there. */
  private readonly seenIn: Int32Array;
  private readonly slotOf: Int32Array;
  private batchNumber = 0;
  /** The rows the slots point into: the distinct training rows (compact, for cache locality) when grouping, else all. */
  private readonly slotRows: SparseRows;
  /** The WebAssembly SIMD batch (ReLU networks, where available): the same sums, bit for bit. */
  private readonly wasm: WasmBatch | null;

  constructor(
    private readonly rows: SparseRows,
    private readonly yRecorded: Uint8Array,
    private readonly means: Float64Array,
    private readonly invSds: Float64Array,
    layers: readonly DenseWeights[],
    /** Each training row's weight (class weights), or null for 1. */
    private readonly rowWeight: Float64Array | null,
    /** Equal training rows, to compute each batch over its distinct rows (null: row by row; ignored with dropout). */
    private readonly groups: RowGroups | null,
    batchSize: number,
    /** Use the WebAssembly SIMD kernels where available (false: JavaScript only, e.g. to compare them). */
    useWasm = true,
  ) {
    // One block per batch: each gradient is then one sum over the batch's rows in order, whatever the batch size.
    this.pass = new BlockPass(layers, batchSize);
    this.dz = layers.map((l) => new Float64Array(batchSize * l.units));
    this.da = new Float64Array(batchSize * Math.max(...layers.map((l) => l.nIn)));
    this.raw0 = new Float64Array(layers[0].kernel.length);
    this.tanh = layers.some((l) => l.activation === 'tanh');
    this.slotRow = new Int32Array(batchSize);
    this.slotWeight = new Float64Array(batchSize);
    this.slotPositive = new Float64Array(batchSize);
    this.slotRows = groups === null ? rows : subsetRows(rows, groups.first);
    this.seenIn = new Int32Array(groups?.count ?? 0).fill(-1);
    this.slotOf = new Int32Array(groups?.count ?? 0);
    const kernels = useWasm && !this.tanh ? trainKernels() : null;
    this.wasm = kernels === null ? null : new WasmBatch(kernels, this.slotRows, layers, batchSize);
  }

  gradients(layers: readonly DenseWeights[], batch: Int32Array, masks: readonly Float64Array[], out: readonly Float64Array[]): void {
    // The wasm batch reads the slot rows; with dropout and groups the slots would be training rows: JavaScript then.
    if (this.wasm !== null && (this.groups === null || masks.length === 0)) {
      this.wasmGradients(this.wasm, layers, batch, masks, out);
      return;
    }
    const pass = this.pass;
    pass.fold(this.means, this.invSds);
    for (const g of out) g.fill(0);
    this.raw0.fill(0);
    const slots = this.slots(batch, masks.length > 0);
    const scale = 1 / batch.length;
    const last = layers.length - 1;
    const { slotRow, slotWeight, slotPositive } = this;
    const block = pass.capacity;
    for (let from = 0; from < slots; from += block) {
      const count = Math.min(block, slots - from);
      const blockMasks = masks.map((m, l) => m.subarray(from * layers[l].units, (from + count) * layers[l].units));
      const source = masks.length > 0 ? this.rows : this.slotRows;
      pass.run(source, slotRow, from, count, blockMasks);
      const logits = pass.z[last];
      const dzOut = this.dz[last];
      for (let i = 0; i < count; i++) {
        const u = from + i;
        dzOut[i] = (slotWeight[u] * sigmoid(logits[i]) - slotPositive[u]) * scale;
      }
      for (let l = last; l >= 1; l--) this.backLayer(layers[l], l, count, blockMasks.length > 0 ? blockMasks[l - 1] : null, out);
      this.backFirst(layers[0], source, slotRow, from, count, out[1]);
    }
    this.unfold(layers[0], out[0], out[1]);
  }

  /** `gradients` through the WebAssembly kernels: the same steps, with the buffers in the kernels' memory. */
  private wasmGradients(wasm: WasmBatch, layers: readonly DenseWeights[], batch: Int32Array, masks: readonly Float64Array[], out: readonly Float64Array[]): void {
    const w = wasm.layers;
    foldFirstLayer(layers[0], this.means, this.invSds, w[0].kernel, w[0].bias);
    for (let l = 1; l < layers.length; l++) {
      const { nIn, units, kernel, bias } = layers[l];
      w[l].kernel.set(kernel);
      w[l].bias.set(bias);
      const wT = w[l].wT;
      for (let k = 0; k < nIn; k++) for (let j = 0; j < units; j++) wT[j * nIn + k] = kernel[k * units + j];
    }
    for (const layer of w) {
      layer.gW.fill(0);
      layer.gb.fill(0);
    }
    wasm.raw0.fill(0);
    const count = this.slots(batch, masks.length > 0);
    wasm.list.set(this.slotRow.subarray(0, count));
    masks.forEach((m, l) => w[l].mask!.set(m.subarray(0, count * layers[l].units)));
    wasm.forward(count, masks.length > 0);
    const last = layers.length - 1;
    const logits = w[last].z;
    const dzOut = w[last].dz;
    const scale = 1 / batch.length;
    for (let i = 0; i < count; i++) dzOut[i] = (this.slotWeight[i] * sigmoid(logits[i]) - this.slotPositive[i]) * scale;
    wasm.backward();
    for (let l = 1; l < layers.length; l++) {
      out[2 * l].set(w[l].gW);
      out[2 * l + 1].set(w[l].gb);
    }
    out[1].set(w[0].gb);
    this.raw0.set(wasm.raw0);
    this.unfold(layers[0], out[0], out[1]);
  }

  /**
   * Fill the slots of a batch — its distinct rows with Σ w and Σ w·y of their
   * copies (row by row when there is dropout or no grouping) — and return
   * how many there are.
   */
  private slots(batch: Int32Array, dropout: boolean): number {
    const { slotRow, slotWeight, slotPositive, rowWeight, yRecorded } = this;
    const groups = dropout ? null : this.groups;
    const stamp = this.batchNumber++;
    let slots = 0;
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i];
      const w = rowWeight === null ? 1 : rowWeight[r];
      let u: number;
      if (groups === null) u = slots++;
      else {
        const g = groups.group[r];
        if (this.seenIn[g] === stamp) u = this.slotOf[g];
        else {
          this.seenIn[g] = stamp;
          this.slotOf[g] = u = slots++;
          slotWeight[u] = 0;
          slotPositive[u] = 0;
        }
      }
      if (groups === null) {
        slotWeight[u] = 0;
        slotPositive[u] = 0;
      }
      slotRow[u] = groups === null ? r : groups.group[r];
      slotWeight[u] += w;
      slotPositive[u] += w * yRecorded[r];
    }
    return slots;
  }

  /** Layer l's gradients from `dz[l]`, and `dz[l − 1]` for the layer below. */
  private backLayer(layer: DenseWeights, l: number, count: number, mask: Float64Array | null, out: readonly Float64Array[]): void {
    const { nIn, units, kernel } = layer;
    const dz = this.dz[l];
    const gb = out[2 * l + 1];
    for (let i = 0; i < count; i++) for (let j = 0; j < units; j++) gb[j] += dz[i * units + j];
    kernelGradient(this.pass.a[l - 1], dz, out[2 * l], count, nIn, units);
    inputGradient(dz, kernel, this.da, count, nIn, units);
    const below = this.dz[l - 1];
    const z = this.pass.z[l - 1];
    const n = count * nIn;
    const da = this.da;
    if (this.tanh) for (let i = 0; i < n; i++) below[i] = da[i] * (1 - z[i] * z[i]);
    else for (let i = 0; i < n; i++) below[i] = z[i] > 0 ? da[i] : 0;
    if (mask !== null) for (let i = 0; i < n; i++) below[i] *= mask[i];
  }

  /** The first layer's bias gradient and raw kernel sums Σᵣ xᵣₖ dzᵣⱼ for one block. */
  private backFirst(layer: DenseWeights, rows: SparseRows, batch: Int32Array, from: number, count: number, gb: Float64Array): void {
    const u = layer.units;
    const dz = this.dz[0];
    const { start, index, value } = rows;
    const raw = this.raw0;
    for (let i = 0; i < count; i++) {
      const o = i * u;
      for (let j = 0; j < u; j++) gb[j] += dz[o + j];
      const r = batch[from + i];
      sparseOuterAdd(index, value, start[r], start[r + 1], dz, o, raw, u);
    }
  }

  /** ∂L/∂Wₖⱼ = (1/sₖ)(Σᵣ xᵣₖ dzᵣⱼ − mₖ Σᵣ dzᵣⱼ) from the raw sums and the bias gradient. */
  private unfold(layer: DenseWeights, gW: Float64Array, gb: Float64Array): void {
    const { nIn, units } = layer;
    const raw = this.raw0;
    for (let k = 0; k < nIn; k++) {
      const inv = this.invSds[k];
      const m = this.means[k];
      const off = k * units;
      for (let j = 0; j < units; j++) gW[off + j] = inv * (raw[off + j] - m * gb[j]);
    }
  }
}

/**
 * raw[index[e] · u + j] += value[e] · d[o + j] for the entries e ∈ [from, to)
 * of one sparse row: eight units of d at a time in locals.
 */
function sparseOuterAdd(index: Int32Array, value: Float64Array, from: number, to: number, d: Float64Array, o: number, raw: Float64Array, u: number): void {
  let j = 0;
  for (; j + 7 < u; j += 8) {
    const d0 = d[o + j];
    const d1 = d[o + j + 1];
    const d2 = d[o + j + 2];
    const d3 = d[o + j + 3];
    const d4 = d[o + j + 4];
    const d5 = d[o + j + 5];
    const d6 = d[o + j + 6];
    const d7 = d[o + j + 7];
    for (let e = from; e < to; e++) {
      const v = value[e];
      const p = index[e] * u + j;
      raw[p] += v * d0;
      raw[p + 1] += v * d1;
      raw[p + 2] += v * d2;
      raw[p + 3] += v * d3;
      raw[p + 4] += v * d4;
      raw[p + 5] += v * d5;
      raw[p + 6] += v * d6;
      raw[p + 7] += v * d7;
    }
  }
  for (; j < u; j++) {
    const dj = d[o + j];
    for (let e = from; e < to; e++) raw[index[e] * u + j] += value[e] * dj;
  }
}
