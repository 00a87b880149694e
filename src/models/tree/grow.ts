import { uniformInt, type RandomSource } from '../../random/index.js';
import type { Criterion, SplitCandidate } from './criteria.js';
import type { Tree } from './tree.js';
import { packFlagRows, sumFlagRows } from './flags.js';

/**
 * The histogram tree grower shared by `forest` and `boosting`.
 *
 * Rows live in one index array; each node owns a contiguous range of it and a
 * split partitions that range in place (stably, so row indices stay ascending
 * and column reads stay sequential). Per-row statistics `a`, `b` are read by
 * row index, not kept in node order beside the indices: a split then moves
 * one array, not three (at the lab's sizes, 8,000–35,000 training rows, the
 * statistics stay in cache, and flags read them only for their set bits). A node's histogram holds, per bin of each
 * feature, the sums of `a`, `b` and the row count (interleaved: entry
 * `3·(offset[j] + bin) + {0, 1, 2}`); the best threshold of a feature is one
 * left-to-right walk over its bins.
 *
 * Histogram subtraction: the smaller child's histogram of a feature is built
 * from its rows and the larger child's is `parent − smaller` (cost: bins, not
 * rows), whenever the parent had that feature's histogram. Boosting uses the
 * same features at every node, so every larger child is got by subtraction;
 * the forest draws features per split, so it subtracts only where the draws
 * of parent and child overlap.
 *
 * Two-bin features (flags) are stored as bits, all of a row's flags in one
 * word (or a few), and summed by visiting the set bits of each row (their
 * bin 0 is the node total minus bin 1); wider features add into the histogram.
 *
 * Growth is depth-first, or best-first (largest score next) when a leaf budget
 * is set, as in LightGBM and scikit-learn's HistGradientBoosting.
 * No allocation happens per row; buffers are pooled per grower.
 */

/** Which features a node may split on. */
export type FeatureChoice =
  /** Every listed feature at every node (boosting; the list is the tree's feature sample). */
  | { readonly mode: 'all'; readonly features: Int32Array }
  /**
   * `maxFeatures` drawn at random without replacement at each node (random
   * forest). As in scikit-learn, drawing continues past `maxFeatures` until at
   * least one drawn feature varies in the node; features known to be constant
   * in an ancestor count as drawn but cost nothing.
   */
  | { readonly mode: 'perSplit'; readonly maxFeatures: number; readonly random: RandomSource };

export interface GrowLimits {
  /** Nodes at this depth are leaves (root depth 0). */
  readonly maxDepth: number;
  /** Leaf budget (best-first growth when finite). */
  readonly maxLeaves: number;
}

/** The data a grower works on: binned training columns and their bin counts. */
export interface BinnedData {
  /** `bins[j][row]`: bin of feature j for a training row. */
  readonly bins: readonly Uint8Array[];
  /** Bins per feature (cut points + 1). */
  readonly nBins: Int32Array;
}

/** One grown tree, and which rows ended in which leaf. */
export interface GrownTree {
  readonly tree: Tree;
  /**
   * Triples (leaf node, start, end): rows `rows[start..end)` of the index
   * array given to `grow` (as permuted by it) fell in that leaf.
   */
  readonly leafRanges: Int32Array;
  readonly nLeaves: number;
}

/** Work counters, for benches and tests. */
export interface GrowerCounters {
  /** Feature histograms summed over a node's rows. */
  built: number;
  /** Feature histograms got as parent − sibling. */
  subtracted: number;
  /** Σ over built histograms of the node's rows. */
  rowsSummed: number;
  /** Σ over splits of the node's rows. */
  rowsPartitioned: number;
}

/** Histogram and flags of one node (pooled). */
interface HistBuffer {
  /** 3 entries per bin: Σa, Σb, count. */
  readonly h: Float64Array;
  /** built[j] = 1 when feature j's histogram is filled for this node. */
  readonly built: Uint8Array;
}

/** Growth state of one node (pooled). */
interface NodeState {
  id: number;
  start: number;
  end: number;
  depth: number;
  sumA: number;
  sumB: number;
  hist: HistBuffer | null;
  /** Features found constant at this node or an ancestor (perSplit mode). */
  readonly known: Uint8Array;
  /** How many of `known` are set. */
  nKnown: number;
  hasSplit: boolean;
  score: number;
  feature: number;
  bin: number;
}

/** Growable typed arrays for the output tree. */
class TreeBuilder {
  feature: Int32Array;
  threshold: Uint8Array;
  left: Int32Array;
  value: Float64Array;
  size = 1;

  /** `capacity`: nodes to make room for at first (the previous tree's size: trees of one fit are alike, so they rarely regrow). */
  constructor(capacity: number) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Uint8Array(capacity);
    this.left = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** Allocate a pair of children; returns the left one's index. */
  pair(): number {
    if (this.size + 2 > this.feature.length) this.grow();
    const l = this.size;
    this.size += 2;
    return l;
  }

  private grow(): void {
    const n = this.feature.length * 2;
    const f = new Int32Array(n);
    f.set(this.feature);
    const t = new Uint8Array(n);
    t.set(this.threshold);
    const l = new Int32Array(n);
    l.set(this.left);
    const v = new Float64Array(n);
    v.set(this.value);
    this.feature = f;
    this.threshold = t;
    this.left = l;
    this.value = v;
  }

  finish(): Tree {
    return {
      feature: this.feature.slice(0, this.size),
      threshold: this.threshold.slice(0, this.size),
      left: this.left.slice(0, this.size),
      value: this.value.slice(0, this.size),
    };
  }
}

/**
 * A reusable grower for one binned training matrix: allocate once per fit,
 * call `grow` once per tree.
 */
export class HistogramGrower {
  readonly nFeatures: number;
  /** Start of each feature's bins in a histogram (in bins; entries are 3 per bin). */
  readonly offsets: Int32Array;
  readonly totalBins: number;
  readonly counters: GrowerCounters = { built: 0, subtracted: 0, rowsSummed: 0, rowsPartitioned: 0 };
  private readonly scratchRows: Int32Array;
  /** The statistics of the tree being grown, by row (`grow`'s a and b). */
  private a: Float64Array = new Float64Array(0);
  private b: Float64Array = new Float64Array(0);
  /**
   * Per-node draw order of features (perSplit mode): the identity between
   * nodes (each node's swaps are undone from `drawPicks`, its draws in
   * order), so a node costs its draws, not a pass over every feature.
   */
  private readonly drawOrder: Int32Array;
  private readonly drawPicks: Int32Array;
  /** Features whose histograms a node needs (scratch). */
  private readonly wanted: Int32Array;
  /** Features to sum over rows in one pass (scratch). */
  private readonly toBuild: Int32Array;
  /** The flag features among them, and the wider ones (scratch). */
  private readonly flagList: Int32Array;
  private readonly wideList: Int32Array;
  /**
   * Two-bin features (flags), row-major: word `w` of row i is
   * `flagWords[i * flagWordsPerRow + w]`, and flag slot s is bit `s & 31` of
   * word `s >>> 5`. Recorded flags are sparse (in what-works' and
   * bristol-mirroring's training cohorts 4.3 % and 4.4 % of rows have a given
   * flag set, 1.2 and 1.4 flags set per row), so a node's flag sums are one
   * pass that loads each row's word(s) once and visits only its set bits
   * (`sumFlagRows`): 20–40 % less fit CPU than summing four flags per pass
   * with one multiply-add per row and flag.
   */
  private readonly flagWords: Int32Array;
  private readonly flagWordsPerRow: number;
  /** Flag slot of each feature (−1 for wider features). */
  private readonly flagSlot: Int32Array;
  /** Bit masks of the flags being summed, one per word (scratch). */
  private readonly flagMask: Int32Array;
  /** Flag sums by slot (scratch): Σa, Σb, count of the rows with the flag set. */
  private readonly flagSums: Float64Array;
  private readonly histPool: HistBuffer[] = [];
  private readonly nodePool: NodeState[] = [];
  private readonly best: SplitCandidate = { score: 0, feature: -1, bin: 0 };
  /** Nodes of the last tree grown. */
  private lastTreeSize = 0;
  /**
   * Whether every sum of this tree's statistics is exact whatever the order
   * of addition: all of them integers (as bootstrap counts are) and the sum
   * of their magnitudes at most 2^53 − 1, so no partial sum rounds. Then a
   * side's sums can be read off the histogram (its bins ≤ threshold) and
   * the other side's got by subtraction, with the same bits as adding the
   * rows in order.
   */
  private exactSums = false;
  /** Sums of the two sides of the last partition. */
  private leftA = 0;
  private leftB = 0;
  private rightA = 0;
  private rightB = 0;

  constructor(
    private readonly data: BinnedData,
    nRows: number,
  ) {
    this.nFeatures = data.nBins.length;
    this.offsets = new Int32Array(this.nFeatures);
    let total = 0;
    for (let j = 0; j < this.nFeatures; j++) {
      this.offsets[j] = total;
      total += data.nBins[j];
    }
    this.totalBins = total;
    this.scratchRows = new Int32Array(nRows);
    this.drawOrder = Int32Array.from({ length: this.nFeatures }, (_, j) => j);
    this.drawPicks = new Int32Array(this.nFeatures);
    this.wanted = new Int32Array(this.nFeatures);
    this.toBuild = new Int32Array(this.nFeatures);
    this.flagList = new Int32Array(this.nFeatures);
    this.wideList = new Int32Array(this.nFeatures);
    this.flagSlot = new Int32Array(this.nFeatures).fill(-1);
    let nFlags = 0;
    for (let j = 0; j < this.nFeatures; j++) if (data.nBins[j] === 2) this.flagSlot[j] = nFlags++;
    this.flagWordsPerRow = (nFlags + 31) >>> 5;
    this.flagWords = packFlagRows(data.bins, this.flagSlot, this.flagWordsPerRow);
    this.flagMask = new Int32Array(this.flagWordsPerRow);
    this.flagSums = new Float64Array(3 * 32 * this.flagWordsPerRow);
  }

  /**
   * Grow one tree on the rows `rows[0..nRows)` (ascending row indices;
   * permuted in place), with per-row statistics `a[row]`, `b[row]`.
   */
  grow(
    rows: Int32Array,
    nRows: number,
    a: Float64Array,
    b: Float64Array,
    criterion: Criterion,
    choice: FeatureChoice,
    limits: GrowLimits,
  ): GrownTree {
    this.a = a;
    this.b = b;
    let rootA = 0;
    let rootB = 0;
    let absA = 0;
    let absB = 0;
    let integers = true;
    for (let k = 0; k < nRows; k++) {
      const row = rows[k];
      const x = a[row];
      const y = b[row];
      rootA += x;
      rootB += y;
      absA += Math.abs(x);
      absB += Math.abs(y);
      if (integers && (Math.trunc(x) !== x || Math.trunc(y) !== y)) integers = false;
    }
    this.exactSums = integers && absA <= Number.MAX_SAFE_INTEGER && absB <= Number.MAX_SAFE_INTEGER;
    const out = new TreeBuilder(Math.max(64, this.lastTreeSize));
    const leafRanges: number[] = [];
    const root = this.newNode(0, 0, nRows, 0, null, rootA, rootB);
    this.evaluate(root, null, null, rows, criterion, choice, limits);
    const pending: NodeState[] = [root];
    let nLeaves = 1;
    const bestFirst = Number.isFinite(limits.maxLeaves);
    while (pending.length > 0) {
      const node = bestFirst ? popBest(pending) : pending.pop()!;
      if (!node.hasSplit || nLeaves >= limits.maxLeaves) {
        out.feature[node.id] = -1;
        out.value[node.id] = criterion.leafValue(node.sumA, node.sumB, node.end - node.start);
        leafRanges.push(node.id, node.start, node.end);
        this.release(node);
        continue;
      }
      const mid = this.exactSums ? this.partitionExact(rows, node) : this.partition(rows, node.start, node.end, node.feature, node.bin);
      const l = out.pair();
      // Internal nodes keep the value a leaf here would have had: path contributions (reasons) read it; scoring never does.
      out.value[node.id] = criterion.leafValue(node.sumA, node.sumB, node.end - node.start);
      out.feature[node.id] = node.feature;
      out.threshold[node.id] = node.bin;
      out.left[node.id] = l;
      const left = this.newNode(l, node.start, mid, node.depth + 1, node, this.leftA, this.leftB);
      const right = this.newNode(l + 1, mid, node.end, node.depth + 1, node, this.rightA, this.rightB);
      const leftSmaller = mid - node.start <= node.end - mid;
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      this.evaluate(small, node, null, rows, criterion, choice, limits);
      this.evaluate(large, node, small, rows, criterion, choice, limits);
      this.release(node);
      nLeaves += 1;
      pending.push(right, left);
    }
    this.lastTreeSize = out.size;
    return { tree: out.finish(), leafRanges: Int32Array.from(leafRanges), nLeaves };
  }

  /** A pooled node state with the sums over its rows; inherits the parent's constant-feature flags. */
  private newNode(
    id: number,
    start: number,
    end: number,
    depth: number,
    parent: NodeState | null,
    sumA: number,
    sumB: number,
  ): NodeState {
    const node = this.nodePool.pop() ?? makeNode(this.nFeatures);
    node.id = id;
    node.start = start;
    node.end = end;
    node.depth = depth;
    node.hist = null;
    node.hasSplit = false;
    if (parent) {
      node.known.set(parent.known);
      node.nKnown = parent.nKnown;
    } else {
      node.known.fill(0);
      node.nKnown = 0;
    }
    node.sumA = sumA;
    node.sumB = sumB;
    return node;
  }

  private release(node: NodeState): void {
    if (node.hist) this.histPool.push(node.hist);
    node.hist = null;
    this.nodePool.push(node);
  }

  /**
   * Find the node's best split (sets hasSplit, score, feature, bin).
   * `sibling` is the already-evaluated smaller child when `node` is the larger one.
   */
  private evaluate(
    node: NodeState,
    parent: NodeState | null,
    sibling: NodeState | null,
    rows: Int32Array,
    criterion: Criterion,
    choice: FeatureChoice,
    limits: GrowLimits,
  ): void {
    const count = node.end - node.start;
    if (
      node.depth >= limits.maxDepth ||
      count < 2 * criterion.minLeafSize ||
      count < 2 ||
      !criterion.canSplit(node.sumA, node.sumB, count)
    ) {
      return;
    }
    const best = this.best;
    best.score = criterion.initialScore;
    best.feature = -1;
    best.bin = 0;
    if (choice.mode === 'all') {
      const { features } = choice;
      this.ensureHistograms(node, parent, sibling, rows, features, features.length);
      for (let k = 0; k < features.length; k++) this.scan(node, criterion, features[k]);
    } else {
      this.drawAndScan(node, parent, sibling, rows, criterion, choice.maxFeatures, choice.random);
    }
    if (best.feature >= 0) {
      node.hasSplit = true;
      node.score = best.score;
      node.feature = best.feature;
      node.bin = best.bin;
    }
  }

  /**
   * scikit-learn's feature draw (`BestSplitter.node_split`): features in
   * random order without replacement; stop after `maxFeatures` visits once a
   * varying feature has been seen, or when only known-constant features are
   * left. The first `maxFeatures` draws do not depend on what the scans find,
   * so their histograms are built in one pass; later draws go one at a time.
   */
  private drawAndScan(
    node: NodeState,
    parent: NodeState | null,
    sibling: NodeState | null,
    rows: Int32Array,
    criterion: Criterion,
    maxFeatures: number,
    random: RandomSource,
  ): void {
    const d = this.nFeatures;
    const order = this.drawOrder;
    const picks = this.drawPicks;
    const wanted = this.wanted;
    const known = node.known;
    let undrawnUnknown = d - node.nKnown;
    let drawn = 0;
    let visited = 0;
    let varying = 0;
    let nWanted = 0;
    while (undrawnUnknown > 0 && visited < maxFeatures) {
      const f = drawFeature(order, picks, drawn++, d, random);
      visited++;
      if (known[f] === 1) continue;
      undrawnUnknown--;
      wanted[nWanted++] = f;
    }
    this.ensureHistograms(node, parent, sibling, rows, wanted, nWanted);
    for (let k = 0; k < nWanted; k++) {
      const f = wanted[k];
      if (this.scan(node, criterion, f)) varying++;
      else this.markKnown(node, f);
    }
    while (undrawnUnknown > 0 && varying === 0) {
      const f = drawFeature(order, picks, drawn++, d, random);
      if (known[f] === 1) continue;
      undrawnUnknown--;
      wanted[0] = f;
      this.ensureHistograms(node, parent, sibling, rows, wanted, 1);
      if (this.scan(node, criterion, f)) varying++;
      else this.markKnown(node, f);
    }
    // Back to the identity: undo the swaps, last first.
    for (let i = drawn - 1; i >= 0; i--) {
      const p = picks[i];
      const f = order[p];
      order[p] = order[i];
      order[i] = f;
    }
  }

  private markKnown(node: NodeState, f: number): void {
    node.known[f] = 1;
    node.nKnown++;
  }

  /** Scan feature f's histogram at `node`. Returns false if f is constant in the node. */
  private scan(node: NodeState, criterion: Criterion, f: number): boolean {
    return criterion.scan(
      node.hist!.h,
      3 * this.offsets[f],
      this.data.nBins[f],
      node.sumA,
      node.sumB,
      node.end - node.start,
      f,
      this.best,
    );
  }

  /**
   * Give `node` the histograms of `features[0..n)`: those the parent has come
   * from parent − sibling (summing the sibling's first if it lacks them); the
   * rest are summed over the node's rows in one pass.
   */
  private ensureHistograms(
    node: NodeState,
    parent: NodeState | null,
    sibling: NodeState | null,
    rows: Int32Array,
    features: Int32Array,
    n: number,
  ): void {
    const hist = node.hist ?? (node.hist = this.acquireHist());
    const parentHist = sibling !== null && parent !== null ? parent.hist : null;
    const toBuild = this.toBuild;
    let nBuild = 0;
    if (parentHist !== null) {
      const siblingHist = sibling!.hist ?? (sibling!.hist = this.acquireHist());
      for (let k = 0; k < n; k++) {
        const f = features[k];
        if (hist.built[f] === 0 && parentHist.built[f] === 1 && siblingHist.built[f] === 0) toBuild[nBuild++] = f;
      }
      this.buildHistograms(sibling!, rows, toBuild, nBuild);
      nBuild = 0;
      for (let k = 0; k < n; k++) {
        const f = features[k];
        if (hist.built[f] === 1) continue;
        if (parentHist.built[f] === 1) this.subtract(hist, parentHist, siblingHist, f);
        else toBuild[nBuild++] = f;
      }
    } else {
      for (let k = 0; k < n; k++) if (hist.built[features[k]] === 0) toBuild[nBuild++] = features[k];
    }
    this.buildHistograms(node, rows, toBuild, nBuild);
  }

  private subtract(hist: HistBuffer, parent: HistBuffer, sibling: HistBuffer, f: number): void {
    const { h } = hist;
    const p = parent.h;
    const s = sibling.h;
    const from = 3 * this.offsets[f];
    const to = from + 3 * this.data.nBins[f];
    for (let t = from; t < to; t++) h[t] = p[t] - s[t];
    hist.built[f] = 1;
    this.counters.subtracted++;
  }

  /**
   * Sum the histograms of `features[0..n)` over the node's rows: all flags
   * in one pass, wider features two at a time. Summing several
   * features per pass shares the loads of each row and overlaps their
   * addition chains, several times faster than one feature per pass.
   */
  private buildHistograms(node: NodeState, rows: Int32Array, features: Int32Array, n: number): void {
    if (n === 0) return;
    const hist = node.hist!;
    const { start, end } = node;
    const flagList = this.flagList;
    const wideList = this.wideList;
    let flags = 0;
    let wide = 0;
    for (let k = 0; k < n; k++) {
      const f = features[k];
      if (this.data.nBins[f] === 2) flagList[flags++] = f;
      else wideList[wide++] = f;
      hist.built[f] = 1;
    }
    if (flags > 0) {
      this.sumFlags(rows, start, end, flagList, flags);
      for (let k = 0; k < flags; k++) this.storeFlag(node, flagList[k]);
    }
    let k = 0;
    for (; k + 2 <= wide; k += 2) this.buildWide2(hist.h, rows, start, end, wideList[k], wideList[k + 1]);
    if (k < wide) this.buildWide(hist.h, rows, start, end, wideList[k]);
    this.counters.built += n;
    this.counters.rowsSummed += n * (end - start);
  }

  /** Write flag f's sums (Σa, Σb, count of bin 1, from `flagSums`) into its two bins. */
  private storeFlag(node: NodeState, f: number): void {
    const h = node.hist!.h;
    const s = this.flagSums;
    const t = 3 * this.offsets[f];
    const q = 3 * this.flagSlot[f];
    const a1 = s[q];
    const b1 = s[q + 1];
    const c1 = s[q + 2];
    h[t] = node.sumA - a1;
    h[t + 1] = node.sumB - b1;
    h[t + 2] = node.end - node.start - c1;
    h[t + 3] = a1;
    h[t + 4] = b1;
    h[t + 5] = c1;
  }

  /** Σa, Σb and count of the rows with the flag set, for the flags `flags[0..n)` of the node's rows, into `flagSums` by slot. */
  private sumFlags(rows: Int32Array, start: number, end: number, flags: Int32Array, n: number): void {
    const { flagMask, flagSlot } = this;
    flagMask.fill(0);
    for (let k = 0; k < n; k++) {
      const s = flagSlot[flags[k]];
      flagMask[s >>> 5] |= 1 << (s & 31);
    }
    sumFlagRows(this.flagWords, this.flagWordsPerRow, flagMask, rows, start, end, this.a, this.b, this.flagSums);
  }

  /** Histogram of a feature with more than two bins. */
  private buildWide(h: Float64Array, rows: Int32Array, start: number, end: number, f: number): void {
    const base = 3 * this.offsets[f];
    h.fill(0, base, base + 3 * this.data.nBins[f]);
    const column = this.data.bins[f];
    const { a, b } = this;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      const t = base + 3 * column[row];
      h[t] += a[row];
      h[t + 1] += b[row];
      h[t + 2] += 1;
    }
  }

  /** Histograms of two features with more than two bins, in one pass. */
  private buildWide2(h: Float64Array, rows: Int32Array, start: number, end: number, f: number, g: number): void {
    const baseF = 3 * this.offsets[f];
    const baseG = 3 * this.offsets[g];
    h.fill(0, baseF, baseF + 3 * this.data.nBins[f]);
    h.fill(0, baseG, baseG + 3 * this.data.nBins[g]);
    const columnF = this.data.bins[f];
    const columnG = this.data.bins[g];
    const { a, b } = this;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      const x = a[row];
      const y = b[row];
      const tf = baseF + 3 * columnF[row];
      const tg = baseG + 3 * columnG[row];
      h[tf] += x;
      h[tg] += x;
      h[tf + 1] += y;
      h[tg + 1] += y;
      h[tf + 2] += 1;
      h[tg + 2] += 1;
    }
  }

  private acquireHist(): HistBuffer {
    const hist = this.histPool.pop();
    if (hist) {
      hist.built.fill(0);
      return hist;
    }
    return { h: new Float64Array(3 * this.totalBins), built: new Uint8Array(this.nFeatures) };
  }

  /**
   * Stable in-place partition of rows[start..end): bin ≤ t first. Returns the first index of the right side and
   * leaves each side's sums (added in row order, so exact and repeatable) in
   * leftA, leftB, rightA, rightB.
   */
  private partition(rows: Int32Array, start: number, end: number, f: number, t: number): number {
    const { a, b, scratchRows } = this;
    const column = this.data.bins[f];
    let w = start;
    let s = 0;
    let lA = 0;
    let lB = 0;
    let rA = 0;
    let rB = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      const x = a[row];
      const y = b[row];
      if (column[row] <= t) {
        rows[w++] = row;
        lA += x;
        lB += y;
      } else {
        scratchRows[s++] = row;
        rA += x;
        rB += y;
      }
    }
    // A loop, not set(subarray(…)): a typed-array view per split costs more than the copy in small nodes.
    for (let i = 0; i < s; i++) rows[w + i] = scratchRows[i];
    this.leftA = lA;
    this.leftB = lB;
    this.rightA = rA;
    this.rightB = rB;
    this.counters.rowsPartitioned += end - start;
    return w;
  }

  /**
   * `partition` when sums are exact (`exactSums`): the rows move the same
   * way, without a branch per row (both destinations are written and the
   * row's side advances one of them), and the sides' sums come from the
   * node's histogram of the split feature — bins ≤ threshold on the left,
   * the node's sums minus those on the right — which, every sum being exact,
   * are the bits that adding the rows in order would give.
   */
  private partitionExact(rows: Int32Array, node: NodeState): number {
    const { scratchRows } = this;
    const { start, end, feature, bin } = node;
    const column = this.data.bins[feature];
    let w = start;
    let s = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      const right = (bin - column[row]) >>> 31;
      rows[w] = row;
      scratchRows[s] = row;
      w += right ^ 1;
      s += right;
    }
    for (let i = 0; i < s; i++) rows[w + i] = scratchRows[i];
    const h = node.hist!.h;
    const from = 3 * this.offsets[feature];
    let lA = 0;
    let lB = 0;
    for (let t = from; t <= from + 3 * bin; t += 3) {
      lA += h[t];
      lB += h[t + 1];
    }
    this.leftA = lA;
    this.leftB = lB;
    this.rightA = node.sumA - lA;
    this.rightB = node.sumB - lB;
    this.counters.rowsPartitioned += end - start;
    return w;
  }
}

/** Swap a uniformly drawn undrawn feature into position `drawn` of `order` and return it (the position it came from goes to `picks[drawn]`). */
function drawFeature(order: Int32Array, picks: Int32Array, drawn: number, d: number, random: RandomSource): number {
  const pick = drawn + uniformInt(random, d - drawn);
  picks[drawn] = pick;
  const f = order[pick];
  order[pick] = order[drawn];
  order[drawn] = f;
  return f;
}

function makeNode(nFeatures: number): NodeState {
  return {
    id: 0,
    start: 0,
    end: 0,
    depth: 0,
    sumA: 0,
    sumB: 0,
    hist: null,
    known: new Uint8Array(nFeatures),
    nKnown: 0,
    hasSplit: false,
    score: 0,
    feature: -1,
    bin: 0,
  };
}

/** Remove and return the pending node to expand next in best-first growth: a leaf-to-be first, else the best split. */
function popBest(pending: NodeState[]): NodeState {
  let k = -1;
  for (let i = 0; i < pending.length; i++) {
    const n = pending[i];
    if (!n.hasSplit) {
      k = i;
      break;
    }
    if (k < 0 || n.score > pending[k].score) k = i;
  }
  const node = pending[k];
  pending[k] = pending[pending.length - 1];
  pending.pop();
  return node;
}
