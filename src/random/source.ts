import { hash128 } from './hash.js';

/**
 * A seeded stream of uniform numbers in [0, 1), named by the path of labels
 * it was forked along (`root/population/cohort:1`).
 *
 * Streams are independent by construction: each is seeded from the root seed
 * and its own label path, so drawing more numbers from one stream never moves
 * another.
 *
 * The generator is Chris Doty-Humphrey's sfc32 ("small fast chaotic", from
 * PractRand; passes PractRand and BigCrush), 128 bits of state, about 2 ns a
 * draw here — three times faster than seedrandom's Alea, which the lab used
 * before. Its state is seeded with the 128-bit MurmurHash3 of
 * `seed ␟ label path` (src/random/hash.ts), so two label paths give unrelated
 * states, and the first 12 outputs are discarded as PractRand recommends.
 * Each draw is one 32-bit output divided by 2³²: multiples of 2⁻³² in
 * [0, 1 − 2⁻³²] (the resolution Alea's `next()` had too).
 *
 * Reference: C. Doty-Humphrey, PractRand 0.94, `sfc32` (RNGs/sfc.h);
 * A. Appleby, MurmurHash3 (SMHasher).
 *
 * @example
 * const root = createRandom(42);
 * const a = root.fork('population').next(); // same value whatever `recording` draws
 */
export interface RandomSource {
  /** The root seed the stream descends from. */
  readonly seed: string;
  /** Label path from the root, joined with `/`. */
  readonly label: string;
  /** Next uniform number in [0, 1). Safe to detach (`const next = source.next`). */
  readonly next: () => number;
  /**
   * The next `count` uniforms into `out[0 … count)` — exactly the values
   * `count` calls of `next()` would return, drawn in one tight loop (about
   * twice as fast). Returns `out`.
   */
  fill(out: Float64Array, count?: number): Float64Array;
  /** A new independent stream for a sub-task, seeded from this stream's path and `label`. */
  fork(label: string): RandomSource;
}

/** Separator used between the root seed and the label path; not a printable character. */
const SEP = '\u001f';
const TWO_32 = 4294967296;
/** 2⁻³²: multiplying by it is exact and cheaper than dividing by 2³². */
const INV_TWO_32 = 1 / TWO_32;
/** Where the 12 outputs discarded at seeding go. */
const DISCARD = new Float64Array(12);

/**
 * sfc32 as a closure over an Int32Array of its four words (a, b, c and the
 * counter d): typed-array state keeps every word an untagged 32-bit integer,
 * which is what makes it fast in V8 (plain closure variables are boxed).
 */
function sfc32(state: Int32Array): () => number {
  return () => {
    const a = state[0];
    const b = state[1];
    const c = state[2];
    const d = state[3];
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) * INV_TWO_32;
  };
}

/** Streams made while `countDraws` is running (null otherwise). */
let counting: Sfc32Source[] | null = null;

class Sfc32Source implements RandomSource {
  readonly next: () => number;
  /** a, b, c and the counter d (see `streamState`). */
  readonly state: Int32Array;
  constructor(readonly seed: string, readonly label: string) {
    this.state = hash128(`${seed}${SEP}${label}`);
    this.next = sfc32(this.state);
    // The 12 discarded outputs go through `fill`, so that V8 has seen all of
    // it run before a first large call; otherwise that call's on-stack
    // optimised code lacks feedback for the state writes after the loop and
    // deoptimises on every later call (measured: 6.7 instead of 1.7 ns a draw).
    this.fill(DISCARD, 12);
    counting?.push(this);
  }
  fill(out: Float64Array, count = out.length): Float64Array {
    const state = this.state;
    let a = state[0];
    let b = state[1];
    let c = state[2];
    let d = state[3];
    for (let i = 0; i < count; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = (t >>> 0) * INV_TWO_32;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
    return out;
  }
  /** Values drawn so far (sfc32's counter word counts them; mod 2³²). */
  get drawn(): number {
    return (this.state[3] - hash128(`${this.seed}${SEP}${this.label}`)[3] - 12) >>> 0;
  }
  fork(label: string): RandomSource {
    if (label.length === 0) throw new Error('random stream label must be a non-empty string');
    return new Sfc32Source(this.seed, `${this.label}/${label}`);
  }
}

/**
 * The root stream for a run. Every run takes an explicit seed: there is no
 * default and no `Math.random` anywhere in `src/`.
 */
export function createRandom(seed: number | string): RandomSource {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new Error(`seed must be a finite number or a string; got ${seed}`);
  }
  return new Sfc32Source(String(seed), 'root');
}

/**
 * Run `fn` and count the uniform draws it made, per stream label — for
 * benchmarks and tests that check how many random numbers a computation
 * costs (it adds nothing to a draw: sfc32's own counter word is read). Not
 * re-entrant.
 *
 * @example
 * countDraws(() => createRandom(1).fork('x').next()).get('root/x'); // 1
 */
export function countDraws(fn: () => void): Map<string, number> {
  counting = [];
  try {
    fn();
    const out = new Map<string, number>();
    for (const s of counting) out.set(s.label, (out.get(s.label) ?? 0) + s.drawn);
    return out;
  } finally {
    counting = null;
  }
}

/**
 * The four 32-bit words (a, b, c, counter d) of a stream's sfc32 state, for
 * the few generation kernels that draw inside their own loop instead of
 * `fill`ing an array first (src/population/circumstances.ts,
 * src/recording/record.ts): such a kernel copies the words into locals,
 * advances them for each value exactly as `next` does —
 *
 *     t = (a + b + d) | 0;  d = (d + 1) | 0;  a = b ^ (b >>> 9);
 *     b = (c + (c << 3)) | 0;  c = (((c << 21) | (c >>> 11)) + t) | 0;
 *     value = (t >>> 0) · 2⁻³²
 *
 * — and writes them back before the stream is used in any other way. The
 * values are then exactly those `next()` would have returned, in the same
 * order (tested in tests/random/generator.test.ts).
 */
export function streamState(source: RandomSource): Int32Array {
  if (!(source instanceof Sfc32Source)) throw new Error(`streamState needs a stream made by createRandom; got ${source.label}`);
  return source.state;
}
