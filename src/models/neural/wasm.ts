import type { DenseWeights } from './forward.js';
import type { RowGroups, SparseRows } from './rows.js';
import { assemble, FunctionBuilder } from './wasm-asm.js';

/**
 * WebAssembly SIMD kernels for the neural network's prediction: reading the
 * feature columns into sparse rows (two f64x2 scans: count, then fill) and
 * scoring rows (the first layer from the non-zero raw values, then each
 * ReLU layer skipping its zero inputs, two units per f64x2 lane pair).
 *
 * They compute exactly what the JavaScript path computes (`rows.ts`,
 * `forward.ts` `Scorer`): the same sparse rows, and every sum bias first,
 * then the non-zero inputs in ascending order, each lane one unit — so the
 * probabilities are bit-identical (a logit may differ in the sign of a zero,
 * which σ ignores). They are used when WebAssembly with SIMD is available
 * and the hidden layers are ReLU (wasm has no tanh); otherwise the
 * JavaScript path runs. Memory is one module-level instance, grown as
 * needed; calls are synchronous and not re-entrant (JavaScript is
 * single-threaded; each worker has its own instance).
 */

const PAGE = 65536;

/**
 * collect(cols, n, d, r0, r1, rowOf, colOf, valOf, bad) → m: the non-zero
 * values of rows [r0, r1) of every column, column by column, as (row,
 * column, value) entries; *bad = j·n + i of the first NaN or ±Infinity met
 * (columns in order, rows in order), left as is when none.
 *
 * Eight rows at a time: skipped at once when the OR of their bits is zero
 * (most are: records are mostly 0), else each value is written as an entry
 * and the entry count advanced only past the non-zero ones — no branch on
 * which values are zero, which would be mispredicted. The entry arrays need
 * one spare slot.
 */
function collectKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']);
  const [cols, n, d, r0, r1, rowOf, colOf, valOf, bad] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const m = f.local('i32');
  const j = f.local('i32');
  const i = f.local('i32');
  const base = f.local('i32');
  const p = f.local('i32');
  const x = f.local('f64');
  const row = f.local('i32');
  /** One value at address p + 8q of row i + q: an entry, kept when non-zero; the first non-finite recorded. */
  const value = (q: number) => {
    f.get(p).f64Load(8 * q).set(x);
    f.get(i).i32(q).add().set(row);
    f.at(rowOf, m, 2).get(row).i32Store();
    f.at(colOf, m, 2).get(j).i32Store();
    f.at(valOf, m, 3).get(x).f64Store();
    f.get(m).get(x).f64(0).fNe().add().set(m);
    // x − x ≠ 0 exactly for NaN and ±Infinity (rare: this branch is predicted).
    f.get(x).get(x).fSub().f64(0).fNe().if(() => {
      f.get(bad).i32Load().i32(0).geS().eqz().if(() => {
        f.get(bad).get(j).get(n).mul().get(row).add().i32Store();
      });
    });
  };
  f.count(j, d, () => {
    f.get(cols).get(j).get(n).mul().i32(3).shl().add().set(base);
    f.get(r0).set(i);
    f.block(() =>
      f.loop(() => {
        f.get(i).i32(8).add().get(r1).geS().if(() => {
          f.get(i).i32(8).add().get(r1).ne().if(() => f.br(3)); // leave when i + 8 > r1
        });
        f.at(base, i, 3).set(p);
        f.get(p).v128Load(0).get(p).v128Load(16).or().get(p).v128Load(32).or().get(p).v128Load(48).or().anyTrue().if(() => {
          for (let q = 0; q < 8; q++) value(q);
        });
        f.get(i).i32(8).add().set(i);
        f.br(0);
      }),
    );
    f.block(() =>
      f.loop(() => {
        f.get(i).get(r1).geS().brIf(1);
        f.at(base, i, 3).set(p);
        value(0);
        f.get(i).i32(1).add().set(i);
        f.br(0);
      }),
    );
  });
  f.get(m);
  return f;
}

/**
 * place(rowOf, colOf, valOf, m, r0, r1, start, next, index, value): a
 * counting sort of one block's entries by row into the sparse rows:
 * start[r + 1] = start[r] + (entries of row r) for r ∈ [r0, r1) (start[r0]
 * already set), then each entry into its row's next slot (`next` is scratch
 * of r1 − r0 slots); the entries come column by column, so each row's
 * columns stay ascending.
 */
function placeKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], []);
  const [rowOf, colOf, valOf, m, r0, r1, start, next, index, value] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const e = f.local('i32');
  const r = f.local('i32');
  const slot = f.local('i32');
  const at = f.local('i32');
  const rows = (body: () => void) => {
    f.get(r0).set(r);
    f.block(() =>
      f.loop(() => {
        f.get(r).get(r1).geS().brIf(1);
        body();
        f.get(r).i32(1).add().set(r);
        f.br(0);
      }),
    );
  };
  /** Push the address of start[r + 1]. */
  const after = () => f.get(start).get(r).i32(1).add().i32(2).shl().add();
  rows(() => after().i32(0).i32Store());
  f.count(e, m, () => {
    f.get(start).at(rowOf, e, 2).i32Load().i32(1).add().i32(2).shl().add().tee(slot);
    f.get(slot).i32Load().i32(1).add().i32Store();
  });
  rows(() => {
    after().tee(slot);
    f.get(slot).i32Load().at(start, r, 2).i32Load().add().i32Store();
  });
  rows(() => {
    f.get(next).get(r).get(r0).sub().i32(2).shl().add();
    f.at(start, r, 2).i32Load().i32Store();
  });
  f.count(e, m, () => {
    f.get(next).at(rowOf, e, 2).i32Load().get(r0).sub().i32(2).shl().add().tee(slot).i32Load().set(at);
    f.get(slot).get(at).i32(1).add().i32Store();
    f.at(index, at, 2).at(colOf, e, 2).i32Load().i32Store();
    f.at(value, at, 3).at(valOf, e, 3).f64Load().f64Store();
  });
  return f;
}

/**
 * group(start, index, value, n, table, mask, first, group) → count, or −1:
 * equal rows (the same non-zero columns with the same values) numbered in
 * order of first appearance, as `groupRows` numbers them: group[i] is row
 * i's number, first[u] the first row of number u. Open addressing on a hash
 * of the entries' bits in `table` (mask + 1 slots, all −1); −1 when more
 * than three rows in four (or of a prefix of 4,096·k rows) are distinct.
 */
function groupKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']);
  const [start, index, value, n, table, mask, first, group] = [0, 1, 2, 3, 4, 5, 6, 7];
  const i = f.local('i32');
  const e = f.local('i32');
  const end = f.local('i32');
  const h = f.local('i32');
  const slot = f.local('i32');
  const u = f.local('i32');
  const count = f.local('i32');
  const other = f.local('i32');
  const same = f.local('i32');
  const a = f.local('i32');
  const b = f.local('i32');
  const x = f.local('f64');
  const mix = () => f.get(h).xor().i32(16777619).mul().set(h);
  f.count(i, n, () => {
    f.at(start, i, 2).i32Load().set(e);
    f.at(start, i, 2).i32Load(4).set(end);
    f.i32(-2128831035).get(end).get(e).sub().xor().set(h); // 0x811c9dc5 ^ length
    f.block(() =>
      f.loop(() => {
        f.get(e).get(end).geS().brIf(1);
        f.at(index, e, 2).i32Load();
        mix();
        f.at(value, e, 3).f64Load().set(x);
        f.get(x).bits().wrap();
        mix();
        f.get(x).bits().i64(32).shrU64().wrap();
        mix();
        f.get(e).i32(1).add().set(e);
        f.br(0);
      }),
    );
    f.get(h).get(h).i32(15).shrU().xor().get(mask).and().set(slot);
    f.block(() =>
      f.loop(() => {
        f.at(table, slot, 2).i32Load().set(u);
        f.get(u).i32(0).ltS().if(() => {
          f.at(table, slot, 2).get(count).i32Store();
          f.at(first, count, 2).get(i).i32Store();
          f.at(group, i, 2).get(count).i32Store();
          f.get(count).i32(1).add().set(count);
          f.br(2);
        });
        // Same row as the first row of number u?
        f.at(first, u, 2).i32Load().set(other);
        f.at(start, other, 2).i32Load().set(a);
        f.at(start, i, 2).i32Load().set(b);
        f.at(start, other, 2).i32Load(4).get(a).sub().at(start, i, 2).i32Load(4).get(b).sub().ne().eqz().set(same);
        f.at(start, other, 2).i32Load(4).set(end);
        f.block(() =>
          f.loop(() => {
            f.get(same).eqz().brIf(1);
            f.get(a).get(end).geS().brIf(1);
            f.at(index, a, 2).i32Load().at(index, b, 2).i32Load().ne().if(() => {
              f.i32(0).set(same);
            });
            f.at(value, a, 3).f64Load().at(value, b, 3).f64Load().fEq().eqz().if(() => {
              f.i32(0).set(same);
            });
            f.get(a).i32(1).add().set(a);
            f.get(b).i32(1).add().set(b);
            f.br(0);
          }),
        );
        f.get(same).if(() => {
          f.at(group, i, 2).get(u).i32Store();
          f.br(2);
        });
        f.get(slot).i32(1).add().get(mask).and().set(slot);
        f.br(0);
      }),
    );
    // Give up early on mostly distinct rows: count > 0.75·n, or > 0.75·(i + 1) at every 4,096th row.
    f.get(count).i32(4).mul().get(n).i32(3).mul().gtS().if(() => f.i32(-1).ret());
    f.get(i).i32(4095).and().i32(4095).ne().eqz().if(() => {
      f.get(count).i32(4).mul().get(i).i32(1).add().i32(3).mul().gtS().if(() => f.i32(-1).ret());
    });
  });
  f.get(count);
  return f;
}

/** Function numbers in the module (the order given to `assemble`). */
export const PRODUCT = 0;
export const COMPACT = 1;

/**
 * product(idx, val, from, to, w, bias, out, u): out[j] = bias[j] +
 * Σₑ val[e] · w[idx[e]·u + j] over e ∈ [from, to), for j < u: eight units
 * at a time in four f64x2 accumulators, then pairs, then an odd last unit;
 * each sum bias first, entries in order (as `sparseRowProduct`).
 */
export function productKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], []);
  const [idx, val, from, to, w, bias, out, u] = [0, 1, 2, 3, 4, 5, 6, 7];
  const j = f.local('i32');
  const e = f.local('i32');
  const p = f.local('i32');
  const b = f.local('i32');
  const xv = f.local('v128');
  const acc = [f.local('v128'), f.local('v128'), f.local('v128'), f.local('v128')];
  const s = f.local('f64');
  /** p = w + (idx[e]·u + j)·8; xv = splat(val[e]). */
  const entry = () => {
    f.get(w).at(idx, e, 2).i32Load().get(u).mul().get(j).add().i32(3).shl().add().set(p);
    f.at(val, e, 3).f64Load().splat().set(xv);
  };
  const overEntries = (body: () => void) => {
    f.get(from).set(e);
    f.block(() =>
      f.loop(() => {
        f.get(e).get(to).geS().brIf(1);
        body();
        f.get(e).i32(1).add().set(e);
        f.br(0);
      }),
    );
  };
  const chunk = (lanes: number) => {
    f.at(bias, j, 3).set(b);
    for (let q = 0; q < lanes; q++) f.get(b).v128Load(16 * q).set(acc[q]);
    overEntries(() => {
      entry();
      for (let q = 0; q < lanes; q++) f.get(acc[q]).get(p).v128Load(16 * q).get(xv).xMul().xAdd().set(acc[q]);
    });
    f.at(out, j, 3).set(b);
    for (let q = 0; q < lanes; q++) f.get(b).get(acc[q]).v128Store(16 * q);
    f.get(j).i32(2 * lanes).add().set(j);
  };
  f.i32(0).set(j);
  f.block(() =>
    f.loop(() => {
      f.get(j).i32(8).add().get(u).ltS().eqz().if(() => {
        f.get(j).i32(8).add().get(u).ne().if(() => f.br(3)); // j + 8 > u: leave
      });
      chunk(4);
      f.br(0);
    }),
  );
  f.block(() =>
    f.loop(() => {
      f.get(j).i32(2).add().get(u).ltS().eqz().if(() => {
        f.get(j).i32(2).add().get(u).ne().if(() => f.br(3));
      });
      chunk(1);
      f.br(0);
    }),
  );
  f.get(j).get(u).ltS().if(() => {
    f.at(bias, j, 3).f64Load().set(s);
    overEntries(() => {
      entry();
      f.get(s).get(p).f64Load().get(xv).lane(0).fMul().fAdd().set(s);
    });
    f.at(out, j, 3).get(s).f64Store();
  });
  return f;
}

/** compact(z, u, idx, val) → n: the units j < u with z[j] > 0 (ReLU's non-zero outputs) as (j, z[j]), in order. */
export function compactKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32'], ['i32']);
  const [z, u, idx, val] = [0, 1, 2, 3];
  const j = f.local('i32');
  const m = f.local('i32');
  const x = f.local('f64');
  f.count(j, u, () => {
    // Write every unit, advance past the positive ones: no branch on which units are active.
    f.at(z, j, 3).f64Load().set(x);
    f.at(idx, m, 2).get(j).i32Store();
    f.at(val, m, 3).get(x).f64Store();
    f.get(m).get(x).f64(0).fGt().add().set(m);
  });
  f.get(m);
  return f;
}

/**
 * score(net, start, index, value, list, count, out, z, cidx, cval): the
 * logit of rows list[0 … count) of the sparse rows (start/index/value)
 * into out. `net` holds i32 words: the number of layers, then per layer
 * nIn, units, kernel address, bias address (the first layer's kernel and
 * bias folded, see `foldFirstLayer`); z, cidx, cval are scratch as wide as
 * the widest layer.
 */
function scoreKernel(): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], []);
  const [net, start, index, value, list, count, out, z, cidx, cval] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const t = f.local('i32');
  const r = f.local('i32');
  const l = f.local('i32');
  const layers = f.local('i32');
  const desc = f.local('i32');
  const m = f.local('i32');
  const below = f.local('i32');
  /** Push kernel, bias, z, units of layer l (desc = net + 4 + 16·l). */
  const layerArgs = () => {
    f.get(net).i32(4).add().get(l).i32(4).shl().add().set(desc);
    f.get(desc).i32Load(8).get(desc).i32Load(12).get(z).get(desc).i32Load(4);
  };
  f.get(net).i32Load().set(layers);
  f.count(t, count, () => {
    f.at(list, t, 2).i32Load().set(r);
    f.i32(0).set(l);
    f.get(index).get(value).at(start, r, 2).i32Load().at(start, r, 2).i32Load(4);
    layerArgs();
    f.call(PRODUCT);
    f.get(net).i32(4).add().i32Load(4).set(below); // units of layer 0
    f.i32(1).set(l);
    f.block(() =>
      f.loop(() => {
        f.get(l).get(layers).geS().brIf(1);
        f.get(z).get(below).get(cidx).get(cval).call(COMPACT).set(m);
        f.get(cidx).get(cval).i32(0).get(m);
        layerArgs();
        f.call(PRODUCT);
        f.get(desc).i32Load(4).set(below);
        f.get(l).i32(1).add().set(l);
        f.br(0);
      }),
    );
    f.at(out, t, 3).get(z).f64Load().f64Store();
  });
  return f;
}

/** The instantiated kernels and their memory, or null when WebAssembly SIMD is unavailable. */
interface Kernels {
  readonly memory: WebAssembly.Memory;
  readonly collect: (cols: number, n: number, d: number, r0: number, r1: number, rowOf: number, colOf: number, valOf: number, bad: number) => number;
  readonly place: (rowOf: number, colOf: number, valOf: number, m: number, r0: number, r1: number, start: number, next: number, index: number, value: number) => void;
  readonly group: (start: number, index: number, value: number, n: number, table: number, mask: number, first: number, group: number) => number;
  readonly score: (net: number, start: number, index: number, value: number, list: number, count: number, out: number, z: number, cidx: number, cval: number) => void;
}

let kernels: Kernels | null | undefined;

/** The kernels (compiled on first use), or null when this runtime has no WebAssembly SIMD. */
export function wasmKernels(): Kernels | null {
  if (kernels !== undefined) return kernels;
  try {
    const bytes = assemble({ product: productKernel(), compact: compactKernel(), score: scoreKernel(), collect: collectKernel(), place: placeKernel(), group: groupKernel() });
    const memory = new WebAssembly.Memory({ initial: 16 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    kernels = { memory, ...(instance.exports as unknown as Omit<Kernels, 'memory'>) };
  } catch {
    kernels = null;
  }
  return kernels;
}

/** Bump allocation in the kernels' memory for one call (8-byte aligned), growing it as needed. */
export class Arena {
  private top = 8;
  constructor(private readonly memory: WebAssembly.Memory) {}
  take(bytes: number): number {
    const at = this.top;
    this.top += Math.ceil(bytes / 8) * 8 + 16; // 16 spare bytes: a two-lane load may read one value past the end
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    return at;
  }
}

/** The network's weights laid out for `score` (first layer folded). */
export interface WasmNetwork {
  readonly kernel0: Float64Array;
  readonly bias0: Float64Array;
  readonly layers: readonly DenseWeights[];
}

/** Rows per block when reading a matrix: a block's entries fit a fixed scratch of BLOCK_ROWS × d. */
const BLOCK_ROWS = 4096;

/**
 * Sparse rows of column-major `columns`, built by the kernels in `arena`
 * block by block of rows (one scan of the values, then a counting sort of
 * the block's few non-zero entries). Returns the rows (views into the
 * kernels' memory, valid until it grows) and the position j·n + i of the
 * first NaN or ±Infinity (columns in order, rows in order), or −1.
 */
function sparseRowsIn(k: Kernels, arena: Arena, columns: readonly Float64Array[], n: number): { rows: SparseRows; bad: number } {
  const d = columns.length;
  const block = Math.min(BLOCK_ROWS, Math.max(n, 1));
  const cols = arena.take(8 * n * d);
  const start = arena.take(4 * (n + 1));
  const bad = arena.take(4);
  const rowOf = arena.take(4 * (block * d + 1));
  const colOf = arena.take(4 * (block * d + 1));
  const valOf = arena.take(8 * (block * d + 1));
  const next = arena.take(4 * block);
  // The entries go last and grow block by block.
  let index = arena.take(0);
  let capacity = 0;
  let value = 0;
  const input = new Float64Array(k.memory.buffer, cols, n * d);
  columns.forEach((c, j) => input.set(c, j * n));
  new Int32Array(k.memory.buffer, start, 1)[0] = 0;
  new Int32Array(k.memory.buffer, bad, 1)[0] = -1;
  let badAt = -1;
  for (let r0 = 0; r0 < n; r0 += block) {
    const r1 = Math.min(n, r0 + block);
    const m = k.collect(cols, n, d, r0, r1, rowOf, colOf, valOf, bad);
    if (badAt < 0) badAt = new Int32Array(k.memory.buffer, bad, 1)[0];
    const used = new Int32Array(k.memory.buffer, start, n + 1)[r0];
    if (used + m > capacity) {
      // Room for twice what is needed, index and value side by side: move what is placed so far.
      const grown = Math.max(2 * (used + m), 1024);
      const newIndex = arena.take(4 * grown);
      const newValue = arena.take(8 * grown);
      const buffer = k.memory.buffer;
      new Int32Array(buffer, newIndex, used).set(new Int32Array(buffer, index, used));
      new Float64Array(buffer, newValue, used).set(new Float64Array(buffer, value, used));
      index = newIndex;
      value = newValue;
      capacity = grown;
    }
    k.place(rowOf, colOf, valOf, m, r0, r1, start, next, index, value);
  }
  const buffer = k.memory.buffer;
  const total = new Int32Array(buffer, start, n + 1)[n];
  const rows: SparseRows = {
    nRows: n,
    nCols: d,
    start: new Int32Array(buffer, start, n + 1),
    index: new Int32Array(buffer, index, total),
    value: new Float64Array(buffer, value, total),
  };
  return { rows, bad: badAt };
}

/** Where one call's inputs and outputs live in the kernels' memory. */
interface Layout {
  readonly rows: SparseRows;
  readonly bad: number;
  readonly net: number;
  readonly list: number;
  readonly out: number;
  readonly z: number;
  readonly cidx: number;
  readonly cval: number;
  readonly table: number;
  readonly tableSize: number;
  readonly first: number;
  readonly group: number;
}

/**
 * Predicting with the kernels: `rows(columns, n)` reads a matrix into sparse
 * rows in the kernels' memory (reporting the first non-finite value through
 * `onNonFinite`) and lays out the network beside them; `logits(list, out)`
 * then scores rows of it (at most n).
 */
export class WasmPass {
  private layout: Layout | null = null;

  constructor(
    private readonly k: Kernels,
    private readonly network: WasmNetwork,
  ) {}

  /** Read `columns` into sparse rows (a view valid until the next `rows`). */
  rows(columns: readonly Float64Array[], n: number, onNonFinite: (column: number, row: number, value: number) => never): SparseRows {
    const { k, network } = this;
    const arena = new Arena(k.memory);
    const layers = network.layers;
    const widest = Math.max(...layers.map((l) => l.units)) + 2;
    // Everything but the sparse entries first (their count is known only after the count pass).
    const net = arena.take(4 + 16 * layers.length);
    const weights = layers.map((l) => ({ kernel: arena.take(8 * l.kernel.length), bias: arena.take(8 * l.units) }));
    const list = arena.take(4 * n);
    const out = arena.take(8 * n);
    const z = arena.take(8 * widest);
    const cidx = arena.take(4 * widest);
    const cval = arena.take(8 * widest);
    let tableSize = 1024;
    while (tableSize < 2 * n) tableSize *= 2;
    const table = arena.take(4 * tableSize);
    const first = arena.take(4 * n);
    const group = arena.take(4 * n);
    const { rows, bad } = sparseRowsIn(k, arena, columns, n); // the last allocation: later views stay valid
    const buffer = k.memory.buffer;
    const words = new Int32Array(buffer, net, 1 + 4 * layers.length);
    words[0] = layers.length;
    layers.forEach((l, i) => {
      words.set([l.nIn, l.units, weights[i].kernel, weights[i].bias], 1 + 4 * i);
      new Float64Array(buffer, weights[i].kernel, l.kernel.length).set(i === 0 ? network.kernel0 : l.kernel);
      new Float64Array(buffer, weights[i].bias, l.units).set(i === 0 ? network.bias0 : l.bias);
    });
    this.layout = { rows, bad, net, list, out, z, cidx, cval, table, tableSize, first, group };
    if (bad >= 0) {
      const j = Math.floor(bad / n);
      onNonFinite(j, bad - j * n, columns[j][bad - j * n]);
    }
    return rows;
  }

  /** Equal rows of the rows last read, as `groupRows` groups them (views valid until the next `rows`), or null. */
  groups(): RowGroups | null {
    const { k } = this;
    const { rows, table, tableSize, first, group } = this.layout!;
    const buffer = k.memory.buffer;
    new Int32Array(buffer, table, tableSize).fill(-1);
    const count = k.group(rows.start.byteOffset, rows.index.byteOffset, rows.value.byteOffset, rows.nRows, table, tableSize - 1, first, group);
    if (count < 0) return null;
    return { group: new Int32Array(buffer, group, rows.nRows), first: new Int32Array(buffer, first, count), count };
  }

  /** Logits of rows `list[i]` of the rows last read, into `out[i]`. */
  logits(list: Int32Array, out: Float64Array): void {
    const { k } = this;
    const { rows, net, list: listAt, out: outAt, z, cidx, cval } = this.layout!;
    const buffer = k.memory.buffer;
    new Int32Array(buffer, listAt, list.length).set(list);
    k.score(net, rows.start.byteOffset, rows.index.byteOffset, rows.value.byteOffset, listAt, list.length, outAt, z, cidx, cval);
    out.set(new Float64Array(buffer, outAt, list.length));
  }
}
