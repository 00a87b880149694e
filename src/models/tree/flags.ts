/**
 * Two-bin features (flags) for the tree grower (grow.ts): stored row-major,
 * a row's flags in one or more 32-bit words, and summed over a node's rows
 * by their set bits only (most recorded flags are rare), bit for bit the
 * sums of the column-by-column multiply-add they replaced.
 */

/**
 * The flags of every row, row-major: bit `slot[j] & 31` of word
 * `i * perRow + (slot[j] >>> 5)` is `bins[j][i]`, for each flag j (slot ≥ 0).
 */
export function packFlagRows(bins: readonly Uint8Array[], slot: Int32Array, perRow: number): Int32Array {
  const n = bins.length > 0 ? bins[0].length : 0;
  const words = new Int32Array(n * perRow);
  for (let j = 0; j < bins.length; j++) {
    const s = slot[j];
    if (s < 0) continue;
    const column = bins[j];
    const q = s >>> 5;
    const bit = 1 << (s & 31);
    for (let i = 0; i < n; i++) if (column[i] !== 0) words[i * perRow + q] |= bit;
  }
  return words;
}

/**
 * Per flag slot s whose bit is set in `mask` (bit `s & 31` of `mask[s >>> 5]`):
 * `sums[3s]` = Σ a[row], `sums[3s + 1]` = Σ b[row] and `sums[3s + 2]` = the
 * count, over the rows `rows[k]`, k in [start, end), that have flag s set in
 * `words` (row-major, as `packFlagRows` makes them), added in k order. Other
 * slots of `sums` are left as they are.
 *
 * One pass over the rows loads each row's word(s) once and visits only its
 * set bits among the wanted flags (`w & -w` is the lowest set bit, `w &= w - 1`
 * clears it), so the cost follows the set bits, not flags × rows.
 *
 * The same sums, bit for bit, as adding `v · a[row]` for every k (v the
 * flag, 0 or 1): each sum still adds its rows in k order, and a skipped row
 * would add ±0 (`0 · a[row]`), which leaves a sum unchanged unless the sum is −0 —
 * and a sum that starts at +0 is never −0 (x + y is −0 only when both are −0).
 * That needs finite statistics (0 · ∞ is NaN), as weights, gradients and
 * hessians are.
 */
export function sumFlagRows(
  words: Int32Array,
  perRow: number,
  mask: Int32Array,
  rows: Int32Array,
  start: number,
  end: number,
  a: Float64Array,
  b: Float64Array,
  sums: Float64Array,
): void {
  for (let q = 0; q < perRow; q++) {
    for (let m = mask[q]; m !== 0; m &= m - 1) {
      const t = 3 * ((q << 5) + 31 - Math.clz32(m & -m));
      sums[t] = 0;
      sums[t + 1] = 0;
      sums[t + 2] = 0;
    }
  }
  if (perRow === 1) {
    const m = mask[0];
    for (let k = start; k < end; k++) {
      const row = rows[k];
      let w = words[row] & m;
      if (w === 0) continue;
      const x = a[row];
      const y = b[row];
      do {
        const t = 3 * (31 - Math.clz32(w & -w));
        sums[t] += x;
        sums[t + 1] += y;
        sums[t + 2] += 1;
        w &= w - 1;
      } while (w !== 0);
    }
    return;
  }
  for (let k = start; k < end; k++) {
    const row = rows[k];
    const base = row * perRow;
    for (let q = 0; q < perRow; q++) {
      let w = words[base + q] & mask[q];
      while (w !== 0) {
        const t = 3 * ((q << 5) + 31 - Math.clz32(w & -w));
        sums[t] += a[row];
        sums[t + 1] += b[row];
        sums[t + 2] += 1;
        w &= w - 1;
      }
    }
  }
}
