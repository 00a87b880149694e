import { describe, expect, it } from 'vitest';
import { RisklabError } from '../../src/messages.js';
import {
  binColumns,
  binningFromJSON,
  binningToJSON,
  binOf,
  binRows,
  columnCuts,
  fitBinning,
  MAX_BINS,
} from '../../src/models/tree/binning.js';
import type { FeatureMatrix } from '../../src/models/types.js';

function matrix(columns: number[][], names = columns.map((_, j) => `f${j}`)): FeatureMatrix {
  const nRows = columns[0].length;
  return {
    nRows,
    names,
    columns: columns.map((c) => Float64Array.from(c)),
    rowIds: Int32Array.from({ length: nRows }, (_, i) => i),
    source: 'records',
  };
}

describe('columnCuts', () => {
  it('flags and small counts (marked, not sorted) get exactly the cuts of the sorted path', () => {
    // The sorted path by hand: midpoints between consecutive distinct values.
    const byHand = (values: number[]) => {
      const distinct = [...new Set(values.map((v) => (Object.is(v, -0) ? 0 : v)))].sort((a, b) => a - b);
      return distinct.slice(1).map((v, k) => (distinct[k] + v) / 2);
    };
    for (const values of [[0, 1, 1, 0], [3, 0, -0, 7, 7, 2, 4095], [5, 5, 5], [0, 0.5, 1], [], [1000, 3, 2]]) {
      expect(Array.from(columnCuts(Float64Array.from(values), MAX_BINS))).toEqual(byHand(values));
    }
    // More distinct small integers than bins: quantile cuts, as for any column.
    const many = Float64Array.from({ length: 2000 }, (_, i) => i % 1000);
    expect(columnCuts(many, 16).length).toBe(15);
  });

  it('cuts a flag at 0.5 and small counts at the midpoints of their distinct values (exact binning)', () => {
    // Hand computed: distinct values {0, 1} → one cut at 0.5; {0, 1, 3} → 0.5, 2.
    expect(Array.from(columnCuts(Float64Array.of(0, 1, 1, 0), MAX_BINS))).toEqual([0.5]);
    expect(Array.from(columnCuts(Float64Array.of(3, 0, 1, 3, 0), MAX_BINS))).toEqual([0.5, 2]);
  });

  it('gives a constant column no cut (one bin)', () => {
    expect(columnCuts(Float64Array.of(2, 2, 2), MAX_BINS).length).toBe(0);
  });

  it('uses midpoint quantiles when there are more distinct values than bins', () => {
    // NumPy 1.24: np.percentile(np.arange(1000.0), [25, 50, 75], method='midpoint') → [249.5, 499.5, 749.5]
    const values = Float64Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(Array.from(columnCuts(values, 4))).toEqual([249.5, 499.5, 749.5]);
  });

  it('never makes more than 255 bins, and keeps ~equal counts per bin on a continuous column', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => Math.sqrt(i));
    const cuts = columnCuts(values, MAX_BINS);
    expect(cuts.length).toBe(MAX_BINS - 1);
    const counts = new Array(MAX_BINS).fill(0);
    for (const v of values) counts[binOf(v, cuts)]++;
    // 10,000 / 255 ≈ 39.2 rows per bin.
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(39);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
  });

  it('is exact for a column with exactly 255 distinct values', () => {
    const values = Float64Array.from({ length: 510 }, (_, i) => i % 255);
    const cuts = columnCuts(values, MAX_BINS);
    expect(cuts.length).toBe(254);
    for (let v = 0; v < 255; v++) expect(binOf(v, cuts)).toBe(v);
  });
});

describe('binOf', () => {
  it('puts v in the first bin whose cut point is ≥ v', () => {
    const cuts = Float64Array.of(0.5, 2, 7.5);
    expect([-1, 0, 0.5, 0.6, 2, 2.1, 7.5, 8, 1e9].map((v) => binOf(v, cuts))).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3]);
  });
});

describe('binColumns / binRows', () => {
  it('bin new rows with the stored cut points, column-major and row-major alike', () => {
    const train = matrix([
      [0, 1, 0, 1],
      [0, 2, 5, 2],
    ]);
    const binning = fitBinning(train);
    expect(binning.cuts.map((c) => Array.from(c))).toEqual([[0.5], [1, 3.5]]);
    const fresh = matrix([
      [1, 0, 7],
      [6, 1.5, -3],
    ]);
    const byColumn = binColumns(fresh, binning);
    expect(byColumn.map((c) => Array.from(c))).toEqual([
      [1, 0, 1],
      [2, 1, 0],
    ]);
    expect(Array.from(binRows(fresh, binning))).toEqual([1, 2, 0, 1, 1, 0]);
  });
});

describe('binning JSON', () => {
  it('round-trips cut points exactly', () => {
    const x = matrix([Array.from({ length: 300 }, (_, i) => Math.sin(i) * 1e3), [0, 1, ...new Array(298).fill(0)]]);
    const binning = fitBinning(x);
    const back = binningFromJSON(JSON.parse(JSON.stringify(binningToJSON(binning))));
    expect(back).not.toBeNull();
    expect(back!.cuts.map((c) => Array.from(c))).toEqual(binning.cuts.map((c) => Array.from(c)));
  });

  it('rejects cut points that are not ascending numbers', () => {
    expect(binningFromJSON([[1, 0.5]])).toBeNull();
    expect(binningFromJSON([['a']])).toBeNull();
    expect(binningFromJSON({})).toBeNull();
    expect(binningFromJSON([Array.from({ length: 300 }, (_, i) => i)])).toBeNull();
  });
});
