import type { FeatureMatrix } from '../types.js';

/** Most bins a feature can have: bin numbers fit a byte. */
export const MAX_BINS = 255;

/**
 * Rows used to place the cut points of a feature. Larger matrices are thinned
 * to this many rows by a fixed stride (no randomness needed), as
 * scikit-learn's `_BinMapper` does with 2·10⁵ (it draws its subsample).
 */
export const BINNING_SAMPLE = 200_000;

/**
 * Per-feature cut points that turn numbers into bin numbers.
 *
 * A value `v` of feature `j` falls in bin `b` = the number of cut points
 * strictly below `v` (equivalently, the first `b` with `v ≤ cuts[j][b]`,
 * or `cuts[j].length` if none). So bin `b ≤ t` exactly when `v ≤ cuts[j][t]`,
 * and a tree split "bin ≤ t" is the threshold rule "value ≤ cuts[j][t]".
 */
export interface Binning {
  /** Ascending cut points per feature (`nBins = cuts.length + 1`). */
  readonly cuts: readonly Float64Array[];
}

/**
 * Cut points of one column with at most `maxBins` bins.
 *
 * - At most `maxBins` distinct values (0/1 flags, small counts): one bin per
 *   value, cut at the midpoints between consecutive distinct values, so the
 *   binning is exact.
 * - More: the `k / maxBins` quantiles (k = 1 … maxBins − 1) of the values,
 *   each the midpoint of its two nearest order statistics (NumPy's
 *   `percentile(..., method='midpoint')`, as scikit-learn's
 *   HistGradientBoosting uses), with duplicates removed.
 *
 * Values must be finite: the models check every matrix first
 * (`assertFeatureMatrix`).
 *
 * @example
 * columnCuts(Float64Array.of(0, 1, 1, 0), 255); // Float64Array [0.5]
 */
export function columnCuts(column: Float64Array, maxBins: number): Float64Array {
  const n = column.length;
  const m = Math.min(n, BINNING_SAMPLE);
  const sorted = new Float64Array(m);
  let smallIntegers = true;
  for (let k = 0; k < m; k++) {
    const v = column[m === n ? k : Math.floor((k * n) / m)];
    sorted[k] = v;
    smallIntegers &&= v >= 0 && v < SMALL && v === Math.floor(v);
  }
  if (smallIntegers) {
    const cuts = smallIntegerCuts(sorted, maxBins);
    if (cuts !== null) return cuts;
  }
  sorted.sort();
  let nDistinct = m === 0 ? 0 : 1;
  for (let k = 1; k < m; k++) if (sorted[k] !== sorted[k - 1]) nDistinct++;
  if (nDistinct <= maxBins) {
    const cuts = new Float64Array(Math.max(0, nDistinct - 1));
    let c = 0;
    for (let k = 1; k < m; k++) {
      if (sorted[k] !== sorted[k - 1]) cuts[c++] = (sorted[k - 1] + sorted[k]) / 2;
    }
    return cuts;
  }
  const cuts: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const position = (k * (m - 1)) / maxBins;
    const cut = (sorted[Math.floor(position)] + sorted[Math.ceil(position)]) / 2;
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut);
  }
  return Float64Array.from(cuts);
}

/** Flags and counts below this are binned by marking which values occur instead of sorting (the same cuts, faster). */
const SMALL = 4096;

/**
 * The exact-binning cuts of values that are all integers in [0, SMALL):
 * midpoints between consecutive values that occur, as the sorted path
 * computes them; null when there are more than `maxBins` distinct values.
 */
function smallIntegerCuts(values: Float64Array, maxBins: number): Float64Array | null {
  const seen = new Uint8Array(SMALL);
  let top = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    seen[v] = 1;
    if (v > top) top = v;
  }
  let nDistinct = 0;
  for (let v = 0; v <= top; v++) nDistinct += seen[v];
  if (nDistinct > maxBins) return null;
  const cuts = new Float64Array(Math.max(0, nDistinct - 1));
  let previous = -1;
  let c = 0;
  for (let v = 0; v <= top; v++) {
    if (seen[v] === 0) continue;
    if (previous >= 0) cuts[c++] = (previous + v) / 2;
    previous = v;
  }
  return cuts;
}

/**
 * Fit the binning of every column of a training matrix (see `columnCuts`).
 *
 * @example
 * const binning = fitBinning(train.x, 255);
 */
export function fitBinning(x: FeatureMatrix, maxBins: number = MAX_BINS): Binning {
  return { cuts: x.columns.map((column) => columnCuts(column, maxBins)) };
}

/** Bin number of `v` given ascending `cuts`: the number of cut points below `v`. */
export function binOf(v: number, cuts: Float64Array): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Bin one column into `out[offset + i * stride]` (stride 1 for a column,
 * the number of features for a row-major matrix).
 */
function binInto(
  column: Float64Array,
  cuts: Float64Array,
  out: Uint8Array,
  offset: number,
  stride: number,
): void {
  const n = column.length;
  if (cuts.length === 1) {
    const c = cuts[0];
    for (let i = 0; i < n; i++) out[offset + i * stride] = column[i] <= c ? 0 : 1;
    return;
  }
  for (let i = 0; i < n; i++) out[offset + i * stride] = binOf(column[i], cuts);
}

/**
 * Bin a matrix column by column: `bins[j][i]` is the bin of row `i` of
 * feature `j` (the layout the tree grower reads).
 */
export function binColumns(x: FeatureMatrix, binning: Binning): Uint8Array[] {
  return x.columns.map((column, j) => {
    const out = new Uint8Array(x.nRows);
    binInto(column, binning.cuts[j], out, 0, 1);
    return out;
  });
}

/**
 * Bin a matrix row by row: `bins[i * d + j]` is the bin of row `i` of
 * feature `j` (the layout prediction reads: one row's bins share a cache line).
 */
export function binRows(x: FeatureMatrix, binning: Binning): Uint8Array {
  const d = x.columns.length;
  const out = new Uint8Array(x.nRows * d);
  x.columns.forEach((column, j) => binInto(column, binning.cuts[j], out, j, d));
  return out;
}

/** Cut points as plain JSON arrays (numbers round-trip exactly through JSON). */
export function binningToJSON(binning: Binning): number[][] {
  return binning.cuts.map((c) => Array.from(c));
}

/** Inverse of `binningToJSON`; `null` if the value is not an array of ascending number arrays. */
export function binningFromJSON(value: unknown, maxBins: number = MAX_BINS): Binning | null {
  if (!Array.isArray(value)) return null;
  const cuts: Float64Array[] = [];
  for (const c of value) {
    if (!Array.isArray(c) || c.length > maxBins - 1 || !c.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return null;
    }
    for (let k = 1; k < c.length; k++) if (!(c[k] > c[k - 1])) return null;
    cuts.push(Float64Array.from(c as number[]));
  }
  return { cuts };
}
