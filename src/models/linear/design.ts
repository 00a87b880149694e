/**
 * The design of a Newton/IRLS fit (src/models/linear/irls.ts): column means
 * and scales, each row's non-zero entries after shifting, and the rows
 * grouped into *distinct rows*.
 *
 * Recorded features are mostly 0/1 flags and small counts, so many children
 * share exactly the same row: 100,000 children of what-works-1 (32 recorded
 * features, 80,000 to train) have about 10,000 distinct rows. A pass of
 * Newton's method then needs the linear predictor, σ and the log-loss (one
 * `exp`/`log1p` each) and the row's share of the sums once per distinct row,
 * with the counts of its rows with either label, not once per row.
 *
 * Storage: sparse columns (at most half non-zero) stay uncentred, dense ones
 * are centred on their mean; only non-zero entries are kept (CSR, by distinct
 * row, in column order).
 */
export interface Design {
  readonly n: number;
  readonly p: number;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** dⱼ = meanⱼ − shiftⱼ: what is left to subtract from the stored (shifted) value. */
  readonly residualMean: Float64Array;
  readonly constant: boolean[];
  /** Distinct row r's entries are `index`/`value` from `rowStart[r]` to `rowStart[r + 1]` (column order). */
  readonly distinctRows: number;
  readonly rowStart: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
  /** Per training row, its key 2 × (its distinct row) + yRecorded. */
  readonly key: Int32Array;
  /** Training rows per key: keyCount[2r] rows of distinct row r have yRecorded = 0, keyCount[2r + 1] have 1. */
  readonly keyCount: Int32Array;
  /** [w₀, w₁]: the weight of a row with yRecorded = 0 and 1 (class weights), or null for 1 (the unweighted fit, computed without multiplying). */
  readonly weight: Float64Array | null;
}

/** Per column: mean, scale, shift, and the rows of its non-zero shifted values. */
interface ColumnStats {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly shift: Float64Array;
  readonly constant: boolean[];
  /** Rows whose shifted value is non-zero, ascending; empty for a constant column. */
  readonly rows: Int32Array[];
}

/**
 * Σ xᵢ of columns `j`…`j + 3` and the rows of their non-zero values, four
 * columns per loop so that their four (sequential, row-order) sums run side
 * by side; `sum` and `count` receive the results.
 */
function sumFour(columns: readonly Float64Array[], j: number, n: number, rows: Int32Array[], sum: Float64Array, count: Int32Array): void {
  const [c0, c1, c2, c3] = [columns[j], columns[j + 1], columns[j + 2], columns[j + 3]];
  const [r0, r1, r2, r3] = [rows[0], rows[1], rows[2], rows[3]];
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k0 = 0, k1 = 0, k2 = 0, k3 = 0;
  for (let i = 0; i < n; i++) {
    const v0 = c0[i], v1 = c1[i], v2 = c2[i], v3 = c3[i];
    s0 += v0;
    s1 += v1;
    s2 += v2;
    s3 += v3;
    r0[k0] = i;
    r1[k1] = i;
    r2[k2] = i;
    r3[k3] = i;
    k0 += v0 !== 0 ? 1 : 0;
    k1 += v1 !== 0 ? 1 : 0;
    k2 += v2 !== 0 ? 1 : 0;
    k3 += v3 !== 0 ? 1 : 0;
    // The running results are stored as they go (off the sums' critical path): code after a
    // loop that V8 compiles mid-loop has no type feedback yet and would deoptimise on every call.
    sum[j] = s0;
    sum[j + 1] = s1;
    sum[j + 2] = s2;
    sum[j + 3] = s3;
    count[j] = k0;
    count[j + 1] = k1;
    count[j + 2] = k2;
    count[j + 3] = k3;
  }
}

/** Σ (xᵢ − meanⱼ)² of columns `j`…`j + 3`, four sequential sums side by side, into `ss`. */
function squaresFour(columns: readonly Float64Array[], j: number, n: number, mean: Float64Array, ss: Float64Array): void {
  const [c0, c1, c2, c3] = [columns[j], columns[j + 1], columns[j + 2], columns[j + 3]];
  const [m0, m1, m2, m3] = [mean[j], mean[j + 1], mean[j + 2], mean[j + 3]];
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < n; i++) {
    s0 += (c0[i] - m0) * (c0[i] - m0);
    s1 += (c1[i] - m1) * (c1[i] - m1);
    s2 += (c2[i] - m2) * (c2[i] - m2);
    s3 += (c3[i] - m3) * (c3[i] - m3);
    ss[j] = s0; // running results, as in sumFour
    ss[j + 1] = s1;
    ss[j + 2] = s2;
    ss[j + 3] = s3;
  }
}

function sumOne(col: Float64Array, j: number, n: number, rows: Int32Array, sum: Float64Array, count: Int32Array): void {
  let s = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    s += v;
    rows[k] = i;
    k += v !== 0 ? 1 : 0;
  }
  sum[j] = s;
  count[j] = k;
}

function squaresOne(col: Float64Array, j: number, n: number, mean: Float64Array, ss: Float64Array): void {
  const m = mean[j];
  let s = 0;
  for (let i = 0; i < n; i++) s += (col[i] - m) * (col[i] - m);
  ss[j] = s;
}

/**
 * Means and standard deviations (population, about the mean: two passes, each
 * sum in row order) and which columns are constant, sparse or dense.
 */
function columnStats(columns: readonly Float64Array[], n: number, standardize: boolean): ColumnStats {
  const p = columns.length;
  const sum = new Float64Array(p);
  const count = new Int32Array(p);
  const ss = new Float64Array(p);
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  const shift = new Float64Array(p);
  const constant: boolean[] = [];
  const rows: Int32Array[] = [];
  const scratch = Array.from({ length: Math.min(p, 4) }, () => new Int32Array(n));
  const keepRows = (j: number, list: Int32Array) => {
    const m = sum[j] / n;
    mean[j] = m;
    // Dense columns are centred (for accuracy); sparse ones stay uncentred (for speed).
    shift[j] = count[j] > n / 2 ? m : 0;
    rows[j] = list.slice(0, count[j]);
  };
  let j = 0;
  for (; j + 4 <= p; j += 4) {
    sumFour(columns, j, n, scratch, sum, count);
    for (let k = 0; k < 4; k++) keepRows(j + k, scratch[k]);
    squaresFour(columns, j, n, mean, ss);
  }
  for (; j < p; j++) {
    sumOne(columns[j], j, n, scratch[0], sum, count);
    keepRows(j, scratch[0]);
    squaresOne(columns[j], j, n, mean, ss);
  }
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(ss[j] / n);
    constant.push(!(sd > 1e-12 * Math.max(1, Math.abs(mean[j]))));
    scale[j] = standardize && !constant[j] ? sd : 1;
    if (constant[j]) rows[j] = new Int32Array(0);
    else if (shift[j] !== 0) rows[j] = shiftedNonZeroRows(columns[j], shift[j]);
  }
  return { mean, scale, shift, constant, rows };
}

function shiftedNonZeroRows(col: Float64Array, s: number): Int32Array {
  const out = new Int32Array(col.length);
  let k = 0;
  for (let i = 0; i < col.length; i++) {
    out[k] = i;
    k += col[i] - s !== 0 ? 1 : 0;
  }
  return out.slice(0, k);
}

/** Every row's non-zero shifted entries (CSR, in column order) and a 32-bit hash of them. */
interface RowEntries {
  readonly rowStart: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly hash: Int32Array;
}

const FNV_PRIME = 0x01000193;
/** The hash of a row without entries (FNV-1a's offset basis). */
export const ROW_HASH_SEED = 0x811c9dc5 | 0;
const bits = new Float64Array(1);
const bitWords = new Int32Array(bits.buffer);

/** A row's hash `h` extended by its entry (column j, value v): FNV-1a over j and v's two 32-bit words. */
export function hashEntry(h: number, j: number, v: number): number {
  bits[0] = v;
  return Math.imul(Math.imul(Math.imul(h ^ j, FNV_PRIME) ^ bitWords[0], FNV_PRIME) ^ bitWords[1], FNV_PRIME);
}

/** Prefix sums of the rows' entry counts: where each row's entries start. */
function rowStarts(rowLists: readonly Int32Array[], n: number): Int32Array {
  const rowStart = new Int32Array(n + 1);
  for (let j = 0; j < rowLists.length; j++) countInto(rowLists[j], rowStart);
  prefixSums(rowStart);
  return rowStart;
}

function countInto(rows: Int32Array, rowStart: Int32Array): void {
  for (let k = 0; k < rows.length; k++) rowStart[rows[k] + 1]++;
}

function prefixSums(a: Int32Array): void {
  for (let i = 1; i < a.length; i++) a[i] += a[i - 1];
}

/**
 * The entries, column by column (one loop per function, so that each is
 * compiled once, small); each row's hash (FNV-1a over its column indices and
 * values' bits) is built on the way.
 */
function rowEntries(columns: readonly Float64Array[], n: number, stats: ColumnStats): RowEntries {
  const rowStart = rowStarts(stats.rows, n);
  const fill = rowStart.slice(0, n);
  const index = new Int32Array(rowStart[n]);
  const value = new Float64Array(rowStart[n]);
  const hash = new Int32Array(n).fill(ROW_HASH_SEED);
  for (let j = 0; j < columns.length; j++) fillColumn(j, columns[j], stats.shift[j], stats.rows[j], { rowStart: fill, index, value, hash });
  return { rowStart, index, value, hash };
}

/** Column j's entries into the rows' next free places (`into.rowStart`, advanced), and into their hashes. */
function fillColumn(j: number, col: Float64Array, s: number, rows: Int32Array, into: RowEntries): void {
  const { rowStart: fill, index, value, hash } = into;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const v = col[i] - s;
    const e = fill[i]++;
    index[e] = j;
    value[e] = v;
    hash[i] = hashEntry(hash[i], j, v);
  }
}

/** Whether rows `i` and `k` have exactly the same entries. */
function sameEntries(rows: RowEntries, i: number, k: number): boolean {
  const { rowStart, index, value } = rows;
  const length = rowStart[i + 1] - rowStart[i];
  if (rowStart[k + 1] - rowStart[k] !== length) return false;
  for (let e = 0; e < length; e++) {
    if (index[rowStart[i] + e] !== index[rowStart[k] + e] || value[rowStart[i] + e] !== value[rowStart[k] + e]) return false;
  }
  return true;
}

type Grouped = Pick<Design, 'distinctRows' | 'rowStart' | 'index' | 'value' | 'key' | 'keyCount'>;

/**
 * Group the rows into distinct rows (equal entries, compared exactly; a hash
 * table with linear probing finds the candidates), numbered in order of first
 * appearance; each training row gets its key 2 × distinct row + yRecorded.
 */
function groupRows(rows: RowEntries, yRecorded: Uint8Array): Grouped {
  const n = yRecorded.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const slot = new Int32Array(size); // distinct row + 1; 0 = empty
  const first = new Int32Array(n); // each distinct row's first training row
  const key = new Int32Array(n);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const h = rows.hash[i];
    let s = (h ^ (h >>> 15)) & (size - 1);
    let r = -1;
    while (slot[s] !== 0) {
      const candidate = slot[s] - 1;
      if (rows.hash[first[candidate]] === h && sameEntries(rows, i, first[candidate])) {
        r = candidate;
        break;
      }
      s = (s + 1) & (size - 1);
    }
    if (r < 0) {
      r = distinct++;
      slot[s] = r + 1;
      first[r] = i;
    }
    key[i] = 2 * r + yRecorded[i];
  }
  return { distinctRows: distinct, ...entriesOf(rows, first.subarray(0, distinct)), key, keyCount: countKeys(key, 2 * distinct) };
}

function countKeys(key: Int32Array, keys: number): Int32Array {
  const count = new Int32Array(keys);
  for (let i = 0; i < key.length; i++) count[key[i]]++;
  return count;
}

/** The entries of the given rows, as one CSR. */
function entriesOf(rows: RowEntries, which: Int32Array): Pick<Design, 'rowStart' | 'index' | 'value'> {
  const rowStart = new Int32Array(which.length + 1);
  for (let r = 0; r < which.length; r++) rowStart[r + 1] = rows.rowStart[which[r] + 1] - rows.rowStart[which[r]];
  prefixSums(rowStart);
  const index = new Int32Array(rowStart[which.length]);
  const value = new Float64Array(rowStart[which.length]);
  copyEntries(rows, which, { rowStart, index, value });
  return { rowStart, index, value };
}

function copyEntries(rows: RowEntries, which: Int32Array, to: Pick<Design, 'rowStart' | 'index' | 'value'>): void {
  for (let r = 0; r < which.length; r++) {
    const from = rows.rowStart[which[r]] - to.rowStart[r];
    for (let e = to.rowStart[r]; e < to.rowStart[r + 1]; e++) {
      to.index[e] = rows.index[from + e];
      to.value[e] = rows.value[from + e];
    }
  }
}

/** Column statistics, the shifted non-zero entries, and the distinct rows of a training set. */
export function buildDesign(columns: readonly Float64Array[], yRecorded: Uint8Array, standardize: boolean, weight: Float64Array | null): Design {
  const n = yRecorded.length;
  const stats = columnStats(columns, n, standardize);
  const residualMean = stats.mean.map((m, j) => m - stats.shift[j]);
  const grouped = groupRows(rowEntries(columns, n, stats), yRecorded);
  return { n, p: columns.length, mean: stats.mean, scale: stats.scale, residualMean, constant: stats.constant, ...grouped, weight };
}
