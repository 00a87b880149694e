import type { DenseWeights } from './forward.js';
import type { SparseRows } from './rows.js';
import { assemble, FunctionBuilder } from './wasm-asm.js';
import { Arena, COMPACT, PRODUCT, compactKernel, productKernel } from './wasm.js';

/**
 * WebAssembly SIMD kernels for the typed-array engine's batch (ReLU
 * networks): the forward pass of every row of a batch, then its backward
 * pass, row by row, with the first layer read from the row's non-zero raw
 * values and every later layer from its non-zero inputs (f64x2 lanes over
 * units). The sigmoid of the output (wasm has no exp) and the unfolding of
 * the first layer's gradient stay in JavaScript (typed.ts).
 *
 * The sums are the JavaScript engine's, term for term and in the same order
 * (every gradient entry a sum over the batch's rows in order from 0, every
 * unit's input bias first and inputs ascending; skipped zero terms change
 * nothing but the sign of a zero, which no gradient keeps), so the two give
 * bit-identical weights (tested). Each engine has its own memory.
 */

/** Words of the batch descriptor: the globals, then one 16-word record per layer. */
const G = { layers: 0, start: 1, index: 2, value: 3, list: 4, count: 5, raw0: 6, cidx: 7, cval: 8, e: 9 } as const;
const L = { nIn: 0, units: 1, kernel: 2, bias: 3, z: 4, a: 5, dz: 6, mask: 7, gW: 8, gb: 9, wT: 10 } as const;
const LAYER_BYTES = 64;
const HEADER_BYTES = 64;

/** Helpers to read the descriptor inside a kernel. */
function descriptor(f: FunctionBuilder, desc: number) {
  const layer = f.local('i32');
  return {
    global: (word: number) => f.get(desc).i32Load(4 * word),
    /** Point `layer` at layer l's record (l in a local). */
    select: (l: number) => f.get(desc).get(l).i32(6).shl().add().i32(HEADER_BYTES).add().set(layer),
    field: (word: number) => f.get(layer).i32Load(4 * word),
  };
}

/**
 * forward(desc): for each row t of the batch, the first layer's
 * pre-activation z₀[t] from the row's raw non-zero values, then for l = 1 …
 * the activation a_{l−1}[t] = (z > 0 ? z : 0) (× mask) and z_l[t] from its
 * non-zero entries.
 */
function forwardKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32'], []);
  const desc = 0;
  const d = descriptor(f, desc);
  const t = f.local('i32');
  const r = f.local('i32');
  const l = f.local('i32');
  const j = f.local('i32');
  const n = f.local('i32');
  const units = f.local('i32');
  const zp = f.local('i32');
  const ap = f.local('i32');
  const mp = f.local('i32');
  const y = f.local('f64');
  const count = f.local('i32');
  const layers = f.local('i32');
  d.global(G.count).set(count);
  d.global(G.layers).set(layers);
  f.count(t, count, () => {
    d.global(G.list).get(t).i32(2).shl().add().i32Load().set(r);
    f.i32(0).set(l);
    d.select(l);
    // product(index, value, start[r], start[r + 1], kernel, bias, z + t·u·8, u)
    d.global(G.index);
    d.global(G.value);
    d.global(G.start).get(r).i32(2).shl().add().i32Load();
    d.global(G.start).get(r).i32(2).shl().add().i32Load(4);
    d.field(L.kernel);
    d.field(L.bias);
    d.field(L.z).get(t);
    d.field(L.units).mul().i32(3).shl().add();
    d.field(L.units);
    f.call(PRODUCT);
    f.i32(1).set(l);
    f.block(() =>
      f.loop(() => {
        f.get(l).get(layers).geS().brIf(1);
        // Activate layer l − 1 for row t into a, and compact its non-zero entries.
        f.get(l).i32(1).sub().set(n);
        d.select(n);
        d.field(L.units).set(units);
        d.field(L.z).get(t).get(units).mul().i32(3).shl().add().set(zp);
        d.field(L.a).get(t).get(units).mul().i32(3).shl().add().set(ap);
        d.field(L.mask).set(mp);
        f.get(mp).if(() => f.get(mp).get(t).get(units).mul().i32(3).shl().add().set(mp));
        f.i32(0).set(n);
        f.count(j, units, () => {
          f.at(zp, j, 3).f64Load().set(y);
          // y = z > 0 ? z : 0, as JavaScript writes it (select keeps NaN → 0 and −0 → 0).
          f.get(y).f64(0).get(y).f64(0).fGt().select().set(y);
          f.get(mp).if(() => f.get(y).at(mp, j, 3).f64Load().fMul().set(y));
          f.at(ap, j, 3).get(y).f64Store();
          d.global(G.cidx).get(n).i32(2).shl().add().get(j).i32Store();
          d.global(G.cval).get(n).i32(3).shl().add().get(y).f64Store();
          f.get(n).get(y).f64(0).fNe().add().set(n);
        });
        // z_l[t] = bias + Σ over the non-zero activations.
        d.select(l);
        d.global(G.cidx);
        d.global(G.cval);
        f.i32(0).get(n);
        d.field(L.kernel);
        d.field(L.bias);
        d.field(L.z).get(t);
        d.field(L.units).mul().i32(3).shl().add();
        d.field(L.units);
        f.call(PRODUCT);
        f.get(l).i32(1).add().set(l);
        f.br(0);
      }),
    );
  });
  return f;
}

/**
 * backward(desc): with dz of the output layer set for every row, for each
 * row t and l = last … 1: gb_l += dz_l[t]; gW_l[k] += a_{l−1}[t][k] · dz_l[t]
 * for the non-zero a (each a kernel row); e = Wᵀ-products of dz_l[t] (lanes
 * over inputs, through the transposed kernel); dz_{l−1}[t] = (z > 0 ? e : 0)
 * (× mask); then gb₀ += dz₀[t] and raw₀[k] += x · dz₀[t] for the row's
 * non-zero raw values x.
 */
function backwardKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32'], []);
  const desc = 0;
  const d = descriptor(f, desc);
  const t = f.local('i32');
  const r = f.local('i32');
  const l = f.local('i32');
  const j = f.local('i32');
  const k = f.local('i32');
  const units = f.local('i32');
  const nIn = f.local('i32');
  const dzp = f.local('i32');
  const ap = f.local('i32');
  const zp = f.local('i32');
  const mp = f.local('i32');
  const below = f.local('i32');
  const gW = f.local('i32');
  const gb = f.local('i32');
  const wT = f.local('i32');
  const e = f.local('i32');
  const row = f.local('i32');
  const x = f.local('f64');
  const xv = f.local('v128');
  const acc = [f.local('v128'), f.local('v128'), f.local('v128'), f.local('v128')];
  const s = f.local('f64');
  const count = f.local('i32');
  const layers = f.local('i32');
  const prev = f.local('i32');
  const end = f.local('i32');
  /** out[0 … units) += x · src[0 … units) (byte addresses; x in local `x`), lanes then the odd unit. */
  const axpy = (out: number, src: number) => {
    f.get(x).splat().set(xv);
    f.count(
      j,
      units,
      () => {
        f.at(out, j, 3);
        f.at(out, j, 3).v128Load();
        f.get(xv).at(src, j, 3).v128Load().xMul().xAdd().v128Store();
      },
      2,
      true,
    );
    f.get(j).get(units).ltS().if(() => {
      f.at(out, j, 3);
      f.at(out, j, 3).f64Load();
      f.get(x).at(src, j, 3).f64Load().fMul().fAdd().f64Store();
    });
  };
  /** out[0 … units) += src[0 … units) (bias gradients). */
  const addRow = (out: number, src: number) => {
    f.count(j, units, () => {
      f.at(out, j, 3);
      f.at(out, j, 3).f64Load().at(src, j, 3).f64Load().fAdd().f64Store();
    });
  };
  d.global(G.count).set(count);
  d.global(G.layers).set(layers);
  d.global(G.e).set(e);
  f.count(t, count, () => {
    f.get(layers).i32(1).sub().set(l);
    f.block(() =>
      f.loop(() => {
        f.get(l).i32(1).ltS().brIf(1);
        d.select(l);
        d.field(L.units).set(units);
        d.field(L.nIn).set(nIn);
        d.field(L.dz).get(t).get(units).mul().i32(3).shl().add().set(dzp);
        d.field(L.gW).set(gW);
        d.field(L.gb).set(gb);
        d.field(L.wT).set(wT);
        addRow(gb, dzp);
        f.get(l).i32(1).sub().set(prev);
        d.select(prev);
        d.field(L.a).get(t).get(nIn).mul().i32(3).shl().add().set(ap);
        d.field(L.z).get(t).get(nIn).mul().i32(3).shl().add().set(zp);
        d.field(L.dz).get(t).get(nIn).mul().i32(3).shl().add().set(below);
        d.field(L.mask).set(mp);
        f.get(mp).if(() => f.get(mp).get(t).get(nIn).mul().i32(3).shl().add().set(mp));
        // Kernel gradient: each non-zero input's kernel row.
        f.count(k, nIn, () => {
          f.at(ap, k, 3).f64Load().tee(x).f64(0).fNe().if(() => {
            f.get(gW).get(k).get(units).mul().i32(3).shl().add().set(row);
            axpy(row, dzp);
          });
        });
        // e[k] = Σⱼ dz[j] · Wᵀ[j][k], eight inputs at a time in four lanes pairs, then pairs, then the odd one.
        inputGradient();
        // dz below = (z > 0 ? e : 0), then × mask, as JavaScript computes it.
        f.count(k, nIn, () => {
          f.at(e, k, 3).f64Load().f64(0).at(zp, k, 3).f64Load().f64(0).fGt().select().set(s);
          f.get(mp).if(() => f.get(s).at(mp, k, 3).f64Load().fMul().set(s));
          f.at(below, k, 3).get(s).f64Store();
        });
        f.get(l).i32(1).sub().set(l);
        f.br(0);
      }),
    );
    // First layer: bias gradient and the raw sums of the row's non-zero values.
    f.i32(0).set(l);
    d.select(l);
    d.field(L.units).set(units);
    d.field(L.dz).get(t).get(units).mul().i32(3).shl().add().set(dzp);
    d.field(L.gb).set(gb);
    addRow(gb, dzp);
    d.global(G.list).get(t).i32(2).shl().add().i32Load().set(r);
    d.global(G.start).get(r).i32(2).shl().add().i32Load().set(k);
    d.global(G.start).get(r).i32(2).shl().add().i32Load(4).set(end);
    f.block(() =>
      f.loop(() => {
        f.get(k).get(end).geS().brIf(1);
        d.global(G.value).get(k).i32(3).shl().add().f64Load().set(x);
        d.global(G.raw0);
        d.global(G.index).get(k).i32(2).shl().add().i32Load().get(units).mul().i32(3).shl().add().set(row);
        axpy(row, dzp);
        f.get(k).i32(1).add().set(k);
        f.br(0);
      }),
    );
  });
  return f;

  function inputGradient(): void {
    const chunk = (lanes: number) => {
      for (let q = 0; q < lanes; q++) f.f64(0).splat().set(acc[q]);
      f.count(j, units, () => {
        f.at(dzp, j, 3).f64Load().splat().set(xv);
        // Wᵀ row j starts at wT + j·nIn·8; inputs k … k + 2·lanes.
        f.get(wT).get(j).get(nIn).mul().get(k).add().i32(3).shl().add().set(row);
        for (let q = 0; q < lanes; q++) f.get(acc[q]).get(xv).get(row).v128Load(16 * q).xMul().xAdd().set(acc[q]);
      });
      f.at(e, k, 3).set(row);
      for (let q = 0; q < lanes; q++) f.get(row).get(acc[q]).v128Store(16 * q);
      f.get(k).i32(2 * lanes).add().set(k);
    };
    f.i32(0).set(k);
    for (const lanes of [4, 1]) {
      f.block(() =>
        f.loop(() => {
          f.get(k).i32(2 * lanes).add().get(nIn).gtS().brIf(1);
          chunk(lanes);
          f.br(0);
        }),
      );
    }
    f.get(k).get(nIn).ltS().if(() => {
      f.f64(0).set(s);
      f.count(j, units, () => {
        f.get(s).at(dzp, j, 3).f64Load().get(wT).get(j).get(nIn).mul().get(k).add().i32(3).shl().add().f64Load().fMul().fAdd().set(s);
      });
      f.at(e, k, 3).get(s).f64Store();
    });
  }
}

/** The training kernels with their own memory (one per engine: the addresses below are fixed while it trains). */
export interface TrainKernels {
  readonly memory: WebAssembly.Memory;
  readonly forward: (desc: number) => void;
  readonly backward: (desc: number) => void;
}

let module: WebAssembly.Module | null | undefined;

/** A fresh instance of the training kernels, or null when this runtime has no WebAssembly SIMD. */
export function trainKernels(): TrainKernels | null {
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(assemble({ product: productKernel(), compact: compactKernel(), forward: forwardKernel(), backward: backwardKernel() }));
    } catch {
      module = null;
    }
  }
  if (module === null) return null;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, ...(instance.exports as unknown as Omit<TrainKernels, 'memory'>) };
}

/** Views of one layer's buffers in the kernels' memory. */
export interface WasmLayer {
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
  readonly wT: Float64Array;
  readonly z: Float64Array;
  readonly a: Float64Array;
  readonly dz: Float64Array;
  readonly mask: Float64Array | null;
  readonly gW: Float64Array;
  readonly gb: Float64Array;
}

/**
 * The engine's buffers in the kernels' memory, laid out once: the training
 * rows (sparse), the batch's slot list, per layer the weights (the first
 * layer folded), the transposed kernels, activations, gradients and masks,
 * and the descriptor the kernels read.
 */
export class WasmBatch {
  readonly layers: readonly WasmLayer[];
  readonly list: Int32Array;
  readonly raw0: Float64Array;
  private readonly desc: number;
  private readonly countWord: Int32Array;
  private readonly words: Int32Array;
  private readonly maskAddress: readonly number[];

  constructor(
    private readonly k: TrainKernels,
    rows: SparseRows,
    shapes: readonly DenseWeights[],
    capacity: number,
  ) {
    const arena = new Arena(k.memory);
    const desc = arena.take(HEADER_BYTES + LAYER_BYTES * shapes.length);
    const start = arena.take(4 * (rows.nRows + 1));
    const index = arena.take(4 * rows.index.length);
    const value = arena.take(8 * rows.value.length);
    const list = arena.take(4 * capacity);
    const widest = Math.max(...shapes.map((l) => Math.max(l.units, l.nIn))) + 2;
    const cidx = arena.take(4 * widest);
    const cval = arena.take(8 * widest);
    const e = arena.take(8 * widest);
    const raw0 = arena.take(8 * shapes[0].kernel.length);
    const at = shapes.map((l, i) => ({
      kernel: arena.take(8 * l.kernel.length),
      bias: arena.take(8 * l.units),
      wT: arena.take(8 * l.kernel.length),
      z: arena.take(8 * capacity * l.units),
      a: arena.take(8 * capacity * l.units),
      dz: arena.take(8 * capacity * l.units),
      mask: i < shapes.length - 1 ? arena.take(8 * capacity * l.units) : 0,
      gW: arena.take(8 * l.kernel.length),
      gb: arena.take(8 * l.units),
    }));
    // Every allocation is done: views made now stay valid.
    const buffer = k.memory.buffer;
    new Int32Array(buffer, start, rows.nRows + 1).set(rows.start);
    new Int32Array(buffer, index, rows.index.length).set(rows.index);
    new Float64Array(buffer, value, rows.value.length).set(rows.value);
    const words = new Int32Array(buffer, desc, (HEADER_BYTES + LAYER_BYTES * shapes.length) / 4);
    words[G.layers] = shapes.length;
    words[G.start] = start;
    words[G.index] = index;
    words[G.value] = value;
    words[G.list] = list;
    words[G.raw0] = raw0;
    words[G.cidx] = cidx;
    words[G.cval] = cval;
    words[G.e] = e;
    shapes.forEach((l, i) => {
      const w = HEADER_BYTES / 4 + (LAYER_BYTES / 4) * i;
      const a = at[i];
      words.set([l.nIn, l.units, a.kernel, a.bias, a.z, a.a, a.dz, 0, a.gW, a.gb, a.wT], w);
    });
    this.words = words;
    this.maskAddress = at.map((a) => a.mask);
    this.desc = desc;
    this.countWord = new Int32Array(buffer, desc + 4 * G.count, 1);
    this.list = new Int32Array(buffer, list, capacity);
    this.raw0 = new Float64Array(buffer, raw0, shapes[0].kernel.length);
    this.layers = shapes.map((l, i) => {
      const a = at[i];
      const f64 = (address: number, length: number) => new Float64Array(buffer, address, length);
      return {
        kernel: f64(a.kernel, l.kernel.length),
        bias: f64(a.bias, l.units),
        wT: f64(a.wT, l.kernel.length),
        z: f64(a.z, capacity * l.units),
        a: f64(a.a, capacity * l.units),
        dz: f64(a.dz, capacity * l.units),
        mask: a.mask ? f64(a.mask, capacity * l.units) : null,
        gW: f64(a.gW, l.kernel.length),
        gb: f64(a.gb, l.units),
      };
    });
  }

  /** Forward pass of the first `count` slots in `list`, with the hidden layers' masks (in `layers[l].mask`) when `masked`. */
  forward(count: number, masked: boolean): void {
    this.countWord[0] = count;
    this.maskAddress.forEach((address, i) => (this.words[HEADER_BYTES / 4 + (LAYER_BYTES / 4) * i + L.mask] = masked ? address : 0));
    this.k.forward(this.desc);
  }

  /** Backward pass of the same slots (the output layer's dz set). */
  backward(): void {
    this.k.backward(this.desc);
  }
}
