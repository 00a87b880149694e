/**
 * A very small WebAssembly assembler: enough to write the neural network's
 * prediction kernels (`wasm.ts`) as readable TypeScript that emits the
 * binary format (WebAssembly Core Specification 2.0, §5 "Binary Format",
 * with the fixed-width SIMD proposal's 0xFD opcodes). No dependency, no
 * build step: the bytes are produced when the module is first needed.
 */

export type ValueType = 'i32' | 'f64' | 'v128';
const TYPE_CODE: Record<ValueType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const SIMD = 0xfd;

/** One function body: typed locals and a stream of instructions. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly extra: ValueType[] = [];

  constructor(readonly params: readonly ValueType[], readonly results: readonly ValueType[]) {}

  /** A new local of `type`; its index. */
  local(type: ValueType): number {
    this.extra.push(type);
    return this.params.length + this.extra.length - 1;
  }

  private emit(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(i: number): this {
    return this.emit(0x20, ...uleb(i));
  }
  set(i: number): this {
    return this.emit(0x21, ...uleb(i));
  }
  tee(i: number): this {
    return this.emit(0x22, ...uleb(i));
  }
  i32(v: number): this {
    return this.emit(0x41, ...sleb(v));
  }
  f64(v: number): this {
    const b = new Uint8Array(new Float64Array([v]).buffer);
    return this.emit(0x44, ...b);
  }

  /** `block … end` (a `br` to it jumps past its end). */
  block(body: () => void): this {
    this.emit(0x02, 0x40);
    body();
    return this.emit(0x0b);
  }
  /** `loop … end` (a `br` to it jumps back to its start). */
  loop(body: () => void): this {
    this.emit(0x03, 0x40);
    body();
    return this.emit(0x0b);
  }
  /** `if … end` on the i32 on the stack. */
  if(body: () => void): this {
    this.emit(0x04, 0x40);
    body();
    return this.emit(0x0b);
  }
  br(depth: number): this {
    return this.emit(0x0c, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.emit(0x0d, ...uleb(depth));
  }
  ret(): this {
    return this.emit(0x0f);
  }

  /** Memory access at the address on the stack (+ `offset` bytes). */
  i32Load(offset = 0): this {
    return this.emit(0x28, 2, ...uleb(offset));
  }
  i32Store(offset = 0): this {
    return this.emit(0x36, 2, ...uleb(offset));
  }
  f64Load(offset = 0): this {
    return this.emit(0x2b, 3, ...uleb(offset));
  }
  f64Store(offset = 0): this {
    return this.emit(0x39, 3, ...uleb(offset));
  }
  /** v128.load / store with an 8-byte alignment hint (the kernels' addresses are multiples of 8, not always of 16). */
  v128Load(offset = 0): this {
    return this.emit(SIMD, ...uleb(0x00), 3, ...uleb(offset));
  }
  v128Store(offset = 0): this {
    return this.emit(SIMD, ...uleb(0x0b), 3, ...uleb(offset));
  }

  // i32 arithmetic and comparisons
  add(): this {
    return this.emit(0x6a);
  }
  sub(): this {
    return this.emit(0x6b);
  }
  mul(): this {
    return this.emit(0x6c);
  }
  shl(): this {
    return this.emit(0x74);
  }
  ltS(): this {
    return this.emit(0x48);
  }
  geS(): this {
    return this.emit(0x4e);
  }
  eqz(): this {
    return this.emit(0x45);
  }
  ne(): this {
    return this.emit(0x47);
  }

  // f64 scalar
  fAdd(): this {
    return this.emit(0xa0);
  }
  fSub(): this {
    return this.emit(0xa1);
  }
  fMul(): this {
    return this.emit(0xa2);
  }
  fNe(): this {
    return this.emit(0x62);
  }
  fGt(): this {
    return this.emit(0x64);
  }

  // f64x2
  splat(): this {
    return this.emit(SIMD, ...uleb(0x14));
  }
  lane(i: 0 | 1): this {
    return this.emit(SIMD, ...uleb(0x21), i);
  }
  xNe(): this {
    return this.emit(SIMD, ...uleb(0x48));
  }
  anyTrue(): this {
    return this.emit(SIMD, ...uleb(0x53));
  }
  xAdd(): this {
    return this.emit(SIMD, ...uleb(0xf0));
  }
  xMul(): this {
    return this.emit(SIMD, ...uleb(0xf2));
  }
  /** f64x2.pmax(a, b) = a < b ? b : a, lane-wise: with a = 0, ReLU as `z > 0 ? z : 0`. */
  xPmax(): this {
    return this.emit(SIMD, ...uleb(0xf7));
  }

  drop(): this {
    return this.emit(0x1a);
  }
  /** select: of [a, b, condition] on the stack, `condition ? a : b`. */
  select(): this {
    return this.emit(0x1b);
  }
  /** Call the module's function number `index` (its position in `assemble`'s table). */
  call(index: number): this {
    return this.emit(0x10, ...uleb(index));
  }
  and(): this {
    return this.emit(0x71);
  }
  xor(): this {
    return this.emit(0x73);
  }
  shrU(): this {
    return this.emit(0x76);
  }
  gtS(): this {
    return this.emit(0x4a);
  }
  fEq(): this {
    return this.emit(0x61);
  }
  /** i64.reinterpret_f64: the f64 on the stack as its 64 bits. */
  bits(): this {
    return this.emit(0xbd);
  }
  /** i32.wrap_i64. */
  wrap(): this {
    return this.emit(0xa7);
  }
  /** i64.const. */
  i64(v: number): this {
    return this.emit(0x42, ...sleb(v));
  }
  /** i64.shr_u. */
  shrU64(): this {
    return this.emit(0x88);
  }

  /** v128.or. */
  or(): this {
    return this.emit(SIMD, ...uleb(0x50));
  }

  /** Push `base + (i << shift)`: the address of element i of an array of 2^shift-byte values. */
  at(base: number, i: number, shift: number): this {
    return this.get(base).get(i).i32(shift).shl().add();
  }

  /** `for (i = 0; i < limit; i += step) body()`; with `pairs`, runs while i + 1 < limit (the caller handles an odd last element). */
  count(i: number, limit: number, body: () => void, step = 1, pairs = false): this {
    this.i32(0).set(i);
    return this.block(() =>
      this.loop(() => {
        this.get(i);
        if (pairs) this.i32(1).add();
        this.get(limit).geS().brIf(1);
        body();
        this.get(i).i32(step).add().set(i);
        this.br(0);
      }),
    );
  }

  /** The encoded body: local declarations, code, `end`. */
  encode(): number[] {
    const groups: [number, ValueType][] = [];
    for (const t of this.extra) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const locals = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n), TYPE_CODE[t]])];
    const body = [...locals, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

/**
 * A module importing one memory (`env.memory`) and exporting `functions`
 * by name.
 */
export function assemble(functions: Readonly<Record<string, FunctionBuilder>>): Uint8Array<ArrayBuffer> {
  const list = Object.entries(functions);
  const types = list.map(([, f]) => [0x60, ...uleb(f.params.length), ...f.params.map((t) => TYPE_CODE[t]), ...uleb(f.results.length), ...f.results.map((t) => TYPE_CODE[t])]);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [...uleb(types.length), ...types.flat()]),
    ...section(2, [...uleb(1), ...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]),
    ...section(3, [...uleb(list.length), ...list.map((_, i) => uleb(i)).flat()]),
    ...section(7, [...uleb(list.length), ...list.flatMap(([n], i) => [...name(n), 0x00, ...uleb(i)])]),
    ...section(10, [...uleb(list.length), ...list.flatMap(([, f]) => f.encode())]),
  ];
  return Uint8Array.from(bytes);
}
