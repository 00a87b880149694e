import { describe, expect, it } from 'vitest';
import { packFlagRows, sumFlagRows } from '../../src/models/tree/flags.js';
import { createRandom, type RandomSource } from '../../src/random/index.js';

/**
 * The grower sums flags (two-bin features) by visiting each row's set bits
 * (`sumFlagRows`). These tests hold it to the summation it replaced, kept
 * here as the reference: one bit per row in a column-major bitset, and for
 * every row and flag `Σa += v · a`, `Σb += v · b`, `count += v` (v = 0 or 1),
 * four flags per pass. The results must be the same bits (Object.is: −0 and
 * +0 told apart), since experiments' metrics must stay byte-identical.
 */

/** Bit i of word i >>> 5 is column[i] (the old layout). */
function packBits(column: Uint8Array): Uint32Array {
  const bits = new Uint32Array((column.length + 31) >>> 5);
  for (let i = 0; i < column.length; i++) if (column[i] !== 0) bits[i >>> 5] |= 1 << (i & 31);
  return bits;
}

/** The old per-flag sums (one flag at a time is the same arithmetic as four per pass: each flag has its own chains). */
function referenceSums(column: Uint8Array, rows: Int32Array, start: number, end: number, a: Float64Array, b: Float64Array): [number, number, number] {
  const w = packBits(column);
  let sa = 0;
  let sb = 0;
  let c = 0;
  for (let k = start; k < end; k++) {
    const row = rows[k];
    const v = (w[row >>> 5] >>> (row & 31)) & 1;
    sa += v * a[row];
    sb += v * b[row];
    c += v;
  }
  return [sa, sb, c];
}

type Pattern = (i: number, j: number, random: RandomSource) => number;

const patterns: Record<string, Pattern> = {
  allZero: () => 0,
  allOne: () => 1,
  alternating: (i, j) => (i + j) & 1,
  sparse: (_i, _j, r) => (r.next() < 0.04 ? 1 : 0),
  dense: (_i, _j, r) => (r.next() < 0.9 ? 1 : 0),
  // Flag j set on rows in blocks of j + 1: runs that do not line up with 32.
  blocks: (i, j) => Math.floor(i / (j + 1)) & 1,
};

/** Statistics with negative values, −0, +0, and magnitudes far apart (so the order of addition shows in the bits). */
function statistic(random: RandomSource): number {
  const u = random.next();
  if (u < 0.1) return -0;
  if (u < 0.2) return 0;
  if (u < 0.3) return -(random.next() * 1e16);
  if (u < 0.4) return random.next() * 1e-12;
  if (u < 0.7) return random.next() - 0.5;
  return Math.floor(random.next() * 5);
}

interface Case {
  readonly nRows: number;
  readonly nFlags: number;
  readonly bins: Uint8Array[];
  readonly rows: Int32Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** `nFlags` flag columns drawn from `pattern`, a subset of rows (ascending, with gaps), and statistics by row. */
function makeCase(random: RandomSource, nRows: number, nFlags: number, pattern: Pattern, negativeZeroOnly = false): Case {
  const bins = Array.from({ length: nFlags }, (_, j) => Uint8Array.from({ length: nRows }, (_, i) => pattern(i, j, random)));
  const chosen: number[] = [];
  for (let i = 0; i < nRows; i++) if (random.next() < 0.7) chosen.push(i);
  const rows = Int32Array.from(chosen);
  // Statistics by row (rows not chosen get NaN: reading one would show).
  const a = new Float64Array(nRows).fill(Number.NaN);
  const b = new Float64Array(nRows).fill(Number.NaN);
  for (const i of rows) {
    a[i] = negativeZeroOnly ? -0 : statistic(random);
    b[i] = negativeZeroOnly ? -0 : statistic(random);
  }
  return { nRows, nFlags, bins, rows, a, b };
}

/** Check sumFlagRows against the reference for the flags `wanted` over rows[start..end). */
function expectSameSums(c: Case, wanted: readonly number[], start: number, end: number): void {
  const slot = Int32Array.from({ length: c.nFlags }, (_, j) => j);
  const perRow = (c.nFlags + 31) >>> 5;
  const words = packFlagRows(c.bins, slot, perRow);
  const mask = new Int32Array(perRow);
  for (const j of wanted) mask[j >>> 5] |= 1 << (j & 31);
  const sums = new Float64Array(3 * 32 * perRow).fill(Number.NaN);
  sumFlagRows(words, perRow, mask, c.rows, start, end, c.a, c.b, sums);
  for (let j = 0; j < c.nFlags; j++) {
    const got = [sums[3 * j], sums[3 * j + 1], sums[3 * j + 2]];
    if (!wanted.includes(j)) {
      // Slots not asked for are left alone.
      expect(got.every(Number.isNaN), `flag ${j} not wanted`).toBe(true);
      continue;
    }
    const want = referenceSums(c.bins[j], c.rows, start, end, c.a, c.b);
    for (let t = 0; t < 3; t++) {
      expect(Object.is(got[t], want[t]), `flag ${j} sum ${t} over [${start}, ${end}): got ${got[t]}, want ${want[t]}`).toBe(true);
    }
  }
}

describe('flag sums by set bits (sumFlagRows) equal the old multiply-add sums bit for bit', () => {
  const random = createRandom(15).fork('test:tree-flags');
  for (const [name, pattern] of Object.entries(patterns)) {
    for (const nFlags of [1, 29, 32, 33, 40, 64, 70]) {
      it(`${name} flags, ${nFlags} flags (${(nFlags + 31) >>> 5} word(s) a row)`, () => {
        const c = makeCase(random, 300, nFlags, pattern);
        const all = Array.from({ length: nFlags }, (_, j) => j);
        const n = c.rows.length;
        // Whole range, ranges not aligned to 32, a single row and an empty range.
        for (const [start, end] of [[0, n], [5, n - 3], [31, 97], [33, 34], [17, 17]] as const) {
          expectSameSums(c, all, start, end);
        }
        // A few flags only (as a forest node draws them), including the last slot of each word.
        const some = all.filter((j) => j % 7 === 3 || j === 31 || j === 63 || j === nFlags - 1);
        expectSameSums(c, some, 7, n - 11);
      });
    }
  }

  it('rows whose statistics are all −0: both give +0 (a sum that starts at +0 never becomes −0)', () => {
    const c = makeCase(random, 200, 40, patterns.dense, true);
    const all = Array.from({ length: 40 }, (_, j) => j);
    expectSameSums(c, all, 0, c.rows.length);
    const sums = new Float64Array(3 * 64);
    const mask = Int32Array.of(-1, 0xff);
    sumFlagRows(packFlagRows(c.bins, Int32Array.from(all), 2), 2, mask, c.rows, 0, c.rows.length, c.a, c.b, sums);
    expect(Object.is(sums[0], 0)).toBe(true);
  });

  it('flag slots need not follow the feature order (wider features have no slot)', () => {
    // Features 0 and 2 are wide (slot −1), 1 and 3 are flags in slots 1 and 0.
    const bins = [Uint8Array.of(3, 4, 5, 6), Uint8Array.of(1, 0, 1, 1), Uint8Array.of(9, 9, 9, 9), Uint8Array.of(0, 1, 1, 0)];
    const words = packFlagRows(bins, Int32Array.of(-1, 1, -1, 0), 1);
    expect(Array.from(words)).toEqual([0b10, 0b01, 0b11, 0b10]);
    const sums = new Float64Array(96);
    sumFlagRows(words, 1, Int32Array.of(0b11), Int32Array.of(0, 1, 2, 3), 0, 4, Float64Array.of(1, 2, 4, 8), Float64Array.of(-1, -2, -4, -8), sums);
    expect(Array.from(sums.subarray(0, 6))).toEqual([6, -6, 2, 13, -13, 3]);
  });
});
