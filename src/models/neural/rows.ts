/**
 * Rows of a feature matrix as the neural network reads them: compressed
 * sparse rows of the RAW recorded values (only the non-zero entries), and a
 * grouping of equal rows.
 *
 * Recorded features are mostly 0/1 flags and small counts that are 0 for
 * most children (about 1.7 of the 32 recorded circumstances are non-zero per
 * child in the lab's what-works-1 scenario, and 100,000 children have only
 * about 12,000 distinct rows). The network's first layer reads standardised
 * inputs, but (x − m)/s · W + b = x · (W/s) + (b − (m/s) · W), so it can be
 * computed from the non-zero raw values alone with a folded kernel and bias
 * (`foldFirstLayer`), and a row that appears many times needs scoring once.
 */

/** Non-zero entries of each row: row r's entries are `index/value[start[r] … start[r + 1])`, columns ascending. */
export interface SparseRows {
  readonly nRows: number;
  readonly nCols: number;
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
}

/**
 * The non-zero entries of column-major `columns` (each of `nRows` values),
 * row by row: one pass over the columns collects each column's non-zero
 * entries (most values are 0), then a counting sort by row puts them in
 * row order, columns ascending. With `onNonFinite`, the first NaN or
 * ±Infinity met (columns in order, rows in order within a column: the
 * first column holding one, at its first row) is reported through it,
 * which must throw.
 *
 * @example
 * sparseRows([Float64Array.of(0, 2), Float64Array.of(1, 0)], 2);
 * // { start: [0, 1, 2], index: [1, 0], value: [1, 2] }
 */
export function sparseRows(
  columns: readonly Float64Array[],
  nRows: number,
  onNonFinite?: (column: number, row: number, value: number) => never,
): SparseRows {
  let capacity = Math.max(16, nRows);
  let rowOf = new Int32Array(capacity);
  let valueOf = new Float64Array(capacity);
  const columnEnd = new Int32Array(columns.length);
  let m = 0;
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j];
    for (let i = 0; i < nRows; i++) {
      const v = column[i];
      if (v === 0) continue;
      if (v - v !== 0 && onNonFinite) onNonFinite(j, i, v);
      if (m === capacity) {
        capacity *= 2;
        rowOf = grow(rowOf, capacity);
        valueOf = grow(valueOf, capacity);
      }
      rowOf[m] = i;
      valueOf[m++] = v;
    }
    columnEnd[j] = m;
  }
  const start = new Int32Array(nRows + 1);
  for (let e = 0; e < m; e++) start[rowOf[e] + 1]++;
  for (let i = 0; i < nRows; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nRows);
  const index = new Int32Array(m);
  const value = new Float64Array(m);
  for (let j = 0, e = 0; j < columns.length; j++) {
    for (; e < columnEnd[j]; e++) {
      const p = fill[rowOf[e]]++;
      index[p] = j;
      value[p] = valueOf[e];
    }
  }
  return { nRows, nCols: columns.length, start, index, value };
}

function grow<T extends Int32Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/** Equal rows grouped: row i is distinct row `group[i]`, whose first row is `first[group[i]]`. */
export interface RowGroups {
  readonly group: Int32Array;
  readonly first: Int32Array;
  readonly count: number;
}

/** Above this share of distinct rows, grouping costs more than it saves. */
const DISTINCT_SHARE = 0.75;

/**
 * Group equal rows (same non-zero columns with the same values), by open
 * addressing on a hash of the entries; `null` when more than three rows in
 * four (or of a prefix of 4,096·k rows) are distinct, so continuous features
 * give up early.
 */
export function groupRows(rows: SparseRows): RowGroups | null {
  const { nRows: n, start, index, value } = rows;
  let size = 1024;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const first = new Int32Array(n);
  const group = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const s = start[i];
    const e = start[i + 1];
    let h = 0x811c9dc5 ^ (e - s);
    for (let k = s; k < e; k++) {
      h = Math.imul(h ^ index[k], 16777619);
      h = Math.imul(h ^ ((value[k] * 4096) | 0), 16777619);
    }
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const u = table[slot];
      if (u < 0) {
        table[slot] = count;
        first[count] = i;
        group[i] = count++;
        break;
      }
      if (sameRow(rows, first[u], i)) {
        group[i] = u;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (count > DISTINCT_SHARE * n || ((i & 4095) === 4095 && count > DISTINCT_SHARE * (i + 1))) return null;
  }
  return { group, first: first.slice(0, count), count };
}

function sameRow(rows: SparseRows, a: number, b: number): boolean {
  const { start, index, value } = rows;
  const length = start[a + 1] - start[a];
  if (length !== start[b + 1] - start[b]) return false;
  for (let k = 0; k < length; k++) {
    const p = start[a] + k;
    const q = start[b] + k;
    if (index[p] !== index[q] || value[p] !== value[q]) return false;
  }
  return true;
}

/** The rows `list[0], list[1], …` of `rows`, as their own compact `SparseRows` (row i is `list[i]`). */
export function subsetRows(rows: SparseRows, list: Int32Array): SparseRows {
  const start = new Int32Array(list.length + 1);
  for (let i = 0; i < list.length; i++) start[i + 1] = start[i] + rows.start[list[i] + 1] - rows.start[list[i]];
  const index = new Int32Array(start[list.length]);
  const value = new Float64Array(start[list.length]);
  for (let i = 0; i < list.length; i++) {
    const from = rows.start[list[i]];
    const length = start[i + 1] - start[i];
    index.set(rows.index.subarray(from, from + length), start[i]);
    value.set(rows.value.subarray(from, from + length), start[i]);
  }
  return { nRows: list.length, nCols: rows.nCols, start, index, value };
}
