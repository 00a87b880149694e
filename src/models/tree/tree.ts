/**
 * A fitted binary tree over binned features, stored as parallel typed arrays
 * (one entry per node, root at 0). An internal node sends a row left when its
 * bin of `feature[node]` is ≤ `threshold[node]`; its children are
 * `left[node]` and `left[node] + 1` (children are allocated in pairs). A leaf
 * has `feature = −1` and carries `value` (a probability in a forest, an
 * additive log-odds score in boosting); an internal node carries the value a
 * leaf in its place would have had, which path contributions (`reasons`)
 * read and scoring never does.
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Uint8Array;
  readonly left: Int32Array;
  readonly value: Float64Array;
}

/** Number of leaves of a tree. */
export function leafCount(tree: Tree): number {
  let n = 0;
  for (let k = 0; k < tree.feature.length; k++) if (tree.feature[k] < 0) n++;
  return n;
}

/** Depth of a tree (edges from the root to its deepest leaf). */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  for (let k = 0; k < tree.feature.length; k++) {
    if (tree.feature[k] < 0) continue;
    const l = tree.left[k];
    depth[l] = depth[l + 1] = depth[k] + 1;
    if (depth[l] > max) max = depth[l];
  }
  return max;
}

/**
 * A tree packed for scoring. Node k is two Int32s: `nodes[2k]` =
 * `feature << 8 | threshold` and `nodes[2k + 1]` = left child. A leaf is
 * `0 << 8 | 255` pointing to itself: "bin ≤ 255" always holds, so a row that
 * reaches a leaf stays there. That lets several rows step through a tree in
 * lockstep with no branch per step (split thresholds are at most 253, since a
 * feature has at most 255 bins).
 */
export interface PackedTree {
  readonly nodes: Int32Array;
  readonly value: Float64Array;
}

/** Pack a tree for `addPackedTrees`. */
export function packTree(tree: Tree): PackedTree {
  const m = tree.feature.length;
  const nodes = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    if (tree.feature[k] < 0) {
      nodes[2 * k] = 255;
      nodes[2 * k + 1] = k;
    } else {
      nodes[2 * k] = (tree.feature[k] << 8) | tree.threshold[k];
      nodes[2 * k + 1] = tree.left[k];
    }
  }
  return { nodes, value: tree.value };
}

/** Rows per block when scoring: a block's binned rows stay in cache while every tree visits them. */
const BLOCK = 2048;

/**
 * Add the leaf value of every tree to `out[i]` for each row of a row-major
 * binned matrix (`bins[i * d + j]`).
 *
 * Trees are visited block by block so a block's rows stay in cache. Within a
 * tree, four rows step together: each step is `node = left + (bin > threshold)`
 * computed without a branch, and the four chains of dependent loads overlap
 * (walking one row at a time waits on each load in turn; this is about twice as fast).
 * Each row's total is summed in tree order, so the result does not depend on
 * the block size or the interleaving.
 */
export function addPackedTrees(trees: readonly PackedTree[], bins: Uint8Array, d: number, out: Float64Array): void {
  const n = out.length;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (const tree of trees) addTreeBlock(tree.nodes, tree.value, bins, d, start, end, out);
  }
}

/**
 * Scores of every row: `initial` plus the leaf values of all trees, summed in
 * tree order, for a row-major binned matrix of `n` rows.
 *
 * Rows whose bins are all equal get equal scores, and recorded features are
 * mostly flags and small counts, so many children share a row (about a third
 * of rows are distinct in the lab's default scenario). Distinct rows are found
 * by hashing and scored once; when most rows are distinct, all rows are
 * scored directly. Either way each row's score is the same sum in the same
 * order, so the result is identical.
 */
export function scoreRows(
  trees: readonly PackedTree[],
  bins: Uint8Array,
  d: number,
  n: number,
  initial: number,
): Float64Array {
  const out = new Float64Array(n).fill(initial);
  const distinct = distinctRows(bins, d, n);
  if (distinct === null) {
    addPackedTrees(trees, bins, d, out);
    return out;
  }
  const { first, group, count } = distinct;
  const compact = new Uint8Array(count * d);
  for (let u = 0; u < count; u++) {
    const from = first[u] * d;
    const to = u * d;
    for (let j = 0; j < d; j++) compact[to + j] = bins[from + j];
  }
  const scores = new Float64Array(count).fill(initial);
  addPackedTrees(trees, compact, d, scores);
  for (let i = 0; i < n; i++) out[i] = scores[group[i]];
  return out;
}

/** Share of distinct rows above which scoring every row directly is cheaper than grouping. */
const DISTINCT_SHARE = 0.75;

/**
 * Group equal rows of a row-major byte matrix: `group[i]` is the index of
 * row i's distinct row, `first[u]` the first row of distinct row u. Returns
 * null when more than DISTINCT_SHARE of the rows, or of a prefix of 4,096·k
 * rows, are distinct.
 * Open addressing on a 32-bit FNV-1a hash, rows compared byte by byte.
 */
function distinctRows(
  bins: Uint8Array,
  d: number,
  n: number,
): { readonly first: Int32Array; readonly group: Int32Array; readonly count: number } | null {
  let size = 1024;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const first = new Int32Array(n);
  const group = new Int32Array(n);
  const limit = DISTINCT_SHARE * n;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let h = 0x811c9dc5;
    for (let j = 0; j < d; j++) h = Math.imul(h ^ bins[base + j], 16777619);
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const u = table[slot];
      if (u < 0) {
        table[slot] = count;
        first[count] = i;
        group[i] = count++;
        break;
      }
      const other = first[u] * d;
      let j = 0;
      while (j < d && bins[other + j] === bins[base + j]) j++;
      if (j === d) {
        group[i] = u;
        break;
      }
      slot = (slot + 1) & mask;
    }
    // A prefix has at least the share of distinct rows of the whole, so give up
    // early on data whose rows are nearly all distinct (continuous features).
    if (count > limit || ((i & 4095) === 4095 && count > DISTINCT_SHARE * (i + 1))) return null;
  }
  return { first, group, count };
}

function addTreeBlock(
  p: Int32Array,
  value: Float64Array,
  bins: Uint8Array,
  d: number,
  start: number,
  end: number,
  out: Float64Array,
): void {
  const root = p[0];
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const b0 = i * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    let s0 = root;
    let s1 = root;
    let s2 = root;
    let s3 = root;
    while ((s0 & s1 & s2 & s3 & 255) !== 255) {
      n0 = p[2 * n0 + 1] + (((s0 & 255) - bins[b0 + (s0 >> 8)]) >>> 31);
      s0 = p[2 * n0];
      n1 = p[2 * n1 + 1] + (((s1 & 255) - bins[b1 + (s1 >> 8)]) >>> 31);
      s1 = p[2 * n1];
      n2 = p[2 * n2 + 1] + (((s2 & 255) - bins[b2 + (s2 >> 8)]) >>> 31);
      s2 = p[2 * n2];
      n3 = p[2 * n3 + 1] + (((s3 & 255) - bins[b3 + (s3 >> 8)]) >>> 31);
      s3 = p[2 * n3];
    }
    out[i] += value[n0];
    out[i + 1] += value[n1];
    out[i + 2] += value[n2];
    out[i + 3] += value[n3];
  }
  for (; i < end; i++) {
    const b = i * d;
    let node = 0;
    let s = root;
    while ((s & 255) !== 255) {
      node = p[2 * node + 1] + (((s & 255) - bins[b + (s >> 8)]) >>> 31);
      s = p[2 * node];
    }
    out[i] += value[node];
  }
}

/**
 * Leaf value of one tree for rows given by index, reading column-major bins
 * (`bins[j][row]`): `out[k] += value(leaf of rows[k])` for k in [start, end).
 * Used during boosting for rows outside a tree's sample.
 */
export function addTreeColumns(
  tree: Tree,
  bins: readonly Uint8Array[],
  rows: Int32Array,
  start: number,
  end: number,
  out: Float64Array,
): void {
  const { feature, threshold, left, value } = tree;
  for (let k = start; k < end; k++) {
    const row = rows[k];
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      node = bins[f][row] <= threshold[node] ? left[node] : left[node] + 1;
      f = feature[node];
    }
    out[row] += value[node];
  }
}

/** A tree as plain JSON arrays. */
export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  value: number[];
}

export function treeToJSON(tree: Tree): TreeJSON {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold),
    left: Array.from(tree.left),
    value: Array.from(tree.value),
  };
}

/**
 * Inverse of `treeToJSON`. Returns what is wrong ("has a node 3 with children
 * outside the tree", to follow the tree's name) instead of a tree when the
 * arrays are inconsistent (lengths, feature or bin out of range, a child index
 * that does not point forward), so a corrupt file cannot loop or read past
 * the end at prediction time.
 */
export function treeFromJSON(value: unknown, nBins: ArrayLike<number>): Tree | string {
  if (value === null || typeof value !== 'object') return 'is not an object';
  const v = value as Partial<TreeJSON>;
  const arrays = [v.feature, v.threshold, v.left, v.value];
  if (!arrays.every((a) => Array.isArray(a) && a.every((e) => typeof e === 'number' && Number.isFinite(e)))) {
    return 'must have feature, threshold, left and value arrays of finite numbers';
  }
  if (![v.feature, v.threshold, v.left].every((a) => a!.every((e) => Number.isInteger(e)))) {
    return 'must hold integers in feature, threshold and left';
  }
  const n = v.feature!.length;
  if (n === 0 || arrays.some((a) => a!.length !== n)) return 'must have arrays of the same, non-zero length';
  const tree: Tree = {
    feature: Int32Array.from(v.feature!),
    threshold: Uint8Array.from(v.threshold!),
    left: Int32Array.from(v.left!),
    value: Float64Array.from(v.value!),
  };
  for (let k = 0; k < n; k++) {
    const f = tree.feature[k];
    if (f < 0) continue;
    if (f >= nBins.length || v.threshold![k] !== tree.threshold[k] || tree.threshold[k] >= nBins[f] - 1) {
      return `has a node ${k} that splits on a feature or bin that does not exist`;
    }
    if (!(tree.left[k] > k && tree.left[k] + 1 < n)) return `has a node ${k} with children outside the tree`;
  }
  return tree;
}

/**
 * Saabas path contributions of one row (its bins `bin(j)` for feature j):
 * walking each tree from the root to the row's leaf, every split credits its
 * feature with value(child) − value(node). Adds each tree's root value to
 * `sums.base`, its leaf value to `sums.leaf` (trees in order, as scoring
 * sums them) and the credits to `contribution[j]`; so, per tree, root +
 * credits = leaf (Saabas, "Interpreting random forests", 2014).
 */
export function addPathContributions(
  trees: readonly Tree[],
  bin: (j: number) => number,
  contribution: Float64Array,
  sums: { base: number; leaf: number },
): void {
  for (const { feature, threshold, left, value } of trees) {
    let node = 0;
    sums.base += value[0];
    while (feature[node] >= 0) {
      const f = feature[node];
      const child = bin(f) <= threshold[node] ? left[node] : left[node] + 1;
      contribution[f] += value[child] - value[node];
      node = child;
    }
    sums.leaf += value[node];
  }
}
