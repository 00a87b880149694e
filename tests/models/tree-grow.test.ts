import { describe, expect, it } from 'vitest';
import { createRandom, type RandomSource } from '../../src/random/index.js';
import { GradientCriterion, ImpurityCriterion } from '../../src/models/tree/criteria.js';
import { HistogramGrower } from '../../src/models/tree/grow.js';
import { bootstrapCounts } from '../../src/models/tree/sampling.js';
import { leafCount, treeDepth, type Tree } from '../../src/models/tree/tree.js';

/**
 * The grower against a naive reference written independently here: plain
 * arrays, every threshold of every feature tried by re-partitioning the rows,
 * its own score formulas. The grower's fast paths (flags summed by their set
 * bits, wide features in pairs, histogram subtraction, stable partitioning,
 * exact sums read off the histogram, best-first growth) must give the same
 * trees. Last, a pinned hash: the same trees, bit for bit, as before.
 */

type Canonical = { leaf: number } | { feature: number; bin: number; left: Canonical; right: Canonical };

function canonical(tree: Tree, k = 0): Canonical {
  if (tree.feature[k] < 0) return { leaf: tree.value[k] };
  return {
    feature: tree.feature[k],
    bin: tree.threshold[k],
    left: canonical(tree, tree.left[k]),
    right: canonical(tree, tree.left[k] + 1),
  };
}

/** Compare trees: same splits, leaf values equal to 1e-12. */
function expectSameTree(got: Canonical, want: Canonical, path = 'root'): void {
  if ('leaf' in want) {
    expect('leaf' in got, `${path} should be a leaf`).toBe(true);
    expect((got as { leaf: number }).leaf, path).toBeCloseTo(want.leaf, 12);
    return;
  }
  expect('feature' in got, `${path} should split`).toBe(true);
  const g = got as Extract<Canonical, { feature: number }>;
  expect([g.feature, g.bin], path).toEqual([want.feature, want.bin]);
  expectSameTree(g.left, want.left, `${path}.L`);
  expectSameTree(g.right, want.right, `${path}.R`);
}

interface Data {
  bins: Uint8Array[];
  nBins: Int32Array;
  n: number;
}

/** 5 flags (tests a full group of four and a padded group), 2 small counts, 1 wide feature, 1 constant. */
function makeData(random: RandomSource, n: number): Data {
  const specs = [2, 2, 2, 2, 2, 5, 4, 40, 1];
  const bins = specs.map((nb, j) =>
    Uint8Array.from({ length: n }, () => {
      const u = random.next();
      return nb === 2 ? (u < 0.1 + 0.1 * j ? 1 : 0) : Math.floor(u * u * nb);
    }),
  );
  return { bins, nBins: Int32Array.from(specs), n };
}

interface NaiveOptions {
  kind: 'gini' | 'entropy' | 'gradient';
  minLeaf: number;
  maxDepth: number;
  maxLeaves: number;
  l2?: number;
  learningRate?: number;
  minHessian?: number;
}

/** Score of a split from the two sides' sums, written out from the definitions. */
function naiveScore(o: NaiveOptions, l: number[], r: number[]): number {
  const [lA, lB] = l;
  const [rA, rB] = r;
  if (o.kind === 'gradient') {
    const l2 = o.l2!;
    return 0.5 * ((lA * lA) / (lB + l2) + (rA * rA) / (rB + l2) - ((lA + rA) ** 2) / (lB + rB + l2));
  }
  // The weighted impurity decrease up to a constant, in the proxy form that
  // scikit-learn and the grower use (Σ_class w_c²/w for Gini, Σ w_c·ln(w_c/w)
  // for entropy), so that exact ties with integer weights break the same way.
  // That the proxy picks the split of largest decrease is checked by hand below.
  const side = (w: number, pos: number) => {
    const neg = w - pos;
    if (o.kind === 'gini') return (pos * pos + neg * neg) / w;
    const term = (c: number) => (c > 0 ? c * Math.log(c / w) : 0);
    return term(pos) + term(neg);
  };
  return side(lA, lB) + side(rA, rB);
}

interface NaiveNode {
  rows: number[];
  depth: number;
  split: { feature: number; bin: number; score: number } | null;
  children?: [NaiveNode, NaiveNode];
}

function naiveTree(data: Data, rows: number[], a: number[], b: number[], o: NaiveOptions): Canonical {
  const sums = (rs: number[]) => [rs.reduce((s, i) => s + a[i], 0), rs.reduce((s, i) => s + b[i], 0)];
  const findSplit = (node: NaiveNode): void => {
    const [sA, sB] = sums(node.rows);
    const n = node.rows.length;
    if (node.depth >= o.maxDepth || n < 2 * o.minLeaf || n < 2) return;
    if (o.kind !== 'gradient' && (sB === 0 || sB === sA)) return;
    if (o.kind === 'gradient' && sB < 2 * o.minHessian!) return;
    let best: NaiveNode['split'] = null;
    let bestScore = o.kind === 'gradient' ? 0 : -Infinity;
    for (let f = 0; f < data.bins.length; f++) {
      for (let t = 0; t < data.nBins[f] - 1; t++) {
        const left = node.rows.filter((i) => data.bins[f][i] <= t);
        const right = node.rows.filter((i) => data.bins[f][i] > t);
        if (left.length < Math.max(1, o.minLeaf) || right.length < Math.max(1, o.minLeaf)) continue;
        const l = sums(left);
        const r = sums(right);
        if (o.kind === 'gradient' && (l[1] < o.minHessian! || r[1] < o.minHessian!)) continue;
        const score = naiveScore(o, l, r);
        // Skip thresholds that repeat the previous partition (an empty bin).
        if (!node.rows.some((i) => data.bins[f][i] === t)) continue;
        if (score > bestScore) {
          bestScore = score;
          best = { feature: f, bin: t, score };
        }
      }
    }
    node.split = best;
  };
  const root: NaiveNode = { rows, depth: 0, split: null };
  findSplit(root);
  const open = [root];
  let leaves = 1;
  while (leaves < o.maxLeaves) {
    const candidates = open.filter((nd) => nd.split !== null && nd.children === undefined);
    if (candidates.length === 0) break;
    const node = candidates.reduce((m, nd) => (nd.split!.score > m.split!.score ? nd : m));
    const { feature, bin } = node.split!;
    const kids = [
      node.rows.filter((i) => data.bins[feature][i] <= bin),
      node.rows.filter((i) => data.bins[feature][i] > bin),
    ].map((rs) => ({ rows: rs, depth: node.depth + 1, split: null }) as NaiveNode);
    kids.forEach(findSplit);
    node.children = [kids[0], kids[1]];
    open.push(...kids);
    leaves++;
  }
  const leafValue = (rs: number[]) => {
    const [sA, sB] = sums(rs);
    return o.kind === 'gradient' ? (-o.learningRate! * sA) / (sB + o.l2!) : sB / sA;
  };
  const build = (node: NaiveNode): Canonical =>
    node.children
      ? { feature: node.split!.feature, bin: node.split!.bin, left: build(node.children[0]), right: build(node.children[1]) }
      : { leaf: leafValue(node.rows) };
  return build(root);
}

describe('HistogramGrower against a naive exhaustive reference', () => {
  const random = createRandom('tree-grow-test');
  const data = makeData(random.fork('data'), 600);
  const n = data.n;
  const all = Int32Array.from({ length: data.bins.length }, (_, j) => j);
  const rowsOf = (m: number) => Int32Array.from({ length: m }, (_, i) => i);

  for (const kind of ['gini', 'entropy'] as const) {
    it(`grows the same ${kind} tree with integer weights (as bootstrap counts give)`, () => {
      const w = random.fork(`w:${kind}`);
      const yRecorded = Array.from({ length: n }, (_, i) => {
        const p = 0.1 + 0.3 * data.bins[0][i] + 0.1 * data.bins[5][i] + 0.01 * data.bins[7][i];
        return w.next() < p ? 1 : 0;
      });
      const a = Array.from({ length: n }, () => 1 + Math.floor(3 * w.next()));
      const b = a.map((ai, i) => ai * yRecorded[i]);
      for (const minLeaf of [1, 7]) {
        const grower = new HistogramGrower(data, n);
        const grown = grower.grow(
          rowsOf(n),
          n,
          Float64Array.from(a),
          Float64Array.from(b),
          new ImpurityCriterion(kind, minLeaf),
          { mode: 'all', features: all },
          { maxDepth: 5, maxLeaves: Infinity },
        );
        const want = naiveTree(data, Array.from({ length: n }, (_, i) => i), a, b, {
          kind,
          minLeaf,
          maxDepth: 5,
          maxLeaves: Infinity,
        });
        expectSameTree(canonical(grown.tree), want);
        expect(leafCount(grown.tree)).toBeGreaterThan(minLeaf === 1 ? 15 : 8);
        expect(grower.counters.subtracted).toBeGreaterThan(0);
      }
    });
  }

  it('grows the same gradient trees, depth-first and best-first with a leaf budget', () => {
    const g = random.fork('gradients');
    const p = Array.from({ length: n }, () => 0.02 + 0.3 * g.next());
    const yRecorded = p.map((pi) => (g.next() < pi ? 1 : 0));
    const grad = p.map((pi, i) => pi - yRecorded[i]);
    const hess = p.map((pi) => pi * (1 - pi));
    for (const [maxDepth, maxLeaves] of [
      [4, Infinity],
      [6, 5],
      [3, 31],
    ]) {
      const options = { kind: 'gradient' as const, minLeaf: 10, maxDepth, maxLeaves, l2: 1, learningRate: 0.3, minHessian: 1e-3 };
      const grower = new HistogramGrower(data, n);
      const grown = grower.grow(
        rowsOf(n),
        n,
        Float64Array.from(grad),
        Float64Array.from(hess),
        new GradientCriterion(10, 1e-3, 1, 0.3),
        { mode: 'all', features: all },
        { maxDepth, maxLeaves },
      );
      const want = naiveTree(data, Array.from({ length: n }, (_, i) => i), grad, hess, options);
      expectSameTree(canonical(grown.tree), want);
      expect(grown.nLeaves).toBeGreaterThanOrEqual(5);
      if (Number.isFinite(maxLeaves)) expect(grown.nLeaves).toBeLessThanOrEqual(maxLeaves);
      expect(treeDepth(grown.tree)).toBeLessThanOrEqual(maxDepth);
    }
  });

  it('grows on a subset of rows given in any ascending order, and reports each leaf’s rows', () => {
    const g = random.fork('subset');
    const subset = Array.from({ length: n }, (_, i) => i).filter(() => g.next() < 0.5);
    const grad = Array.from({ length: n }, () => g.next() - 0.3);
    const hess = Array.from({ length: n }, () => 0.1 + g.next() * 0.1);
    const rows = Int32Array.from(subset);
    const grown = new HistogramGrower(data, n).grow(
      rows,
      rows.length,
      Float64Array.from(grad),
      Float64Array.from(hess),
      new GradientCriterion(5, 0, 0, 1),
      { mode: 'all', features: all },
      { maxDepth: 3, maxLeaves: Infinity },
    );
    const want = naiveTree(data, subset, grad, hess, {
      kind: 'gradient',
      minLeaf: 5,
      maxDepth: 3,
      maxLeaves: Infinity,
      l2: 0,
      learningRate: 1,
      minHessian: 0,
    });
    expectSameTree(canonical(grown.tree), want);
    expect(leafCount(grown.tree)).toBeGreaterThan(4);
    // Leaf ranges cover every row once, and each row's leaf is where the tree sends it.
    const seen = new Set<number>();
    const { tree, leafRanges } = grown;
    for (let r = 0; r < leafRanges.length; r += 3) {
      for (let k = leafRanges[r + 1]; k < leafRanges[r + 2]; k++) {
        const row = rows[k];
        seen.add(row);
        let node = 0;
        while (tree.feature[node] >= 0) {
          node = data.bins[tree.feature[node]][row] <= tree.threshold[node] ? tree.left[node] : tree.left[node] + 1;
        }
        expect(node).toBe(leafRanges[r]);
      }
    }
    expect(seen.size).toBe(subset.length);
    expect(leafRanges.length / 3).toBe(leafCount(tree));
  });
});

describe('hand-computed trees', () => {
  // Eight rows, features x0 (flag) and x1 (count 0–2).
  //   x0: 0 0 0 0 1 1 1 1
  //   x1: 0 1 2 0 1 2 2 2
  //   y : 0 0 1 0 0 1 0 1
  const data: Data = {
    bins: [Uint8Array.of(0, 0, 0, 0, 1, 1, 1, 1), Uint8Array.of(0, 1, 2, 0, 1, 2, 2, 2)],
    nBins: Int32Array.of(2, 3),
    n: 8,
  };
  const yRecorded = [0, 0, 1, 0, 0, 1, 0, 1];
  const all = Int32Array.of(0, 1);

  it('Gini: root x1 ≤ 1 (proxy 6.5 beats 5 and 4.5), then x0 ≤ 0 on the right; leaves 0, 1, 2/3', () => {
    // Gini proxy Σ_side Σ_class w_c²/w_side, by hand:
    //   x0 ≤ 0: (1²+3²)/4 + (2²+2²)/4 = 4.5;  x1 ≤ 0: 4/2 + (3²+3²)/6 = 5;  x1 ≤ 1: 16/4 + (3²+1²)/4 = 6.5.
    // Right node {2,5,6,7}: x0 ≤ 0 → {2} pure 1, {5,6,7} 2/3; x1 is constant there.
    // scikit-learn 1.2.1 DecisionTreeClassifier().fit → features [1, -2, 0, -2, -2],
    // thresholds [1.5, _, 0.5, _, _], predict_proba[:, 1] = [0, 0, 1, 0, 0, 2/3, 2/3, 2/3].
    const grown = new HistogramGrower(data, 8).grow(
      Int32Array.from({ length: 8 }, (_, i) => i),
      8,
      new Float64Array(8).fill(1),
      Float64Array.from(yRecorded),
      new ImpurityCriterion('gini', 1),
      { mode: 'all', features: all },
      { maxDepth: 10, maxLeaves: Infinity },
    );
    expect(canonical(grown.tree)).toEqual({
      feature: 1,
      bin: 1,
      left: { leaf: 0 },
      right: { feature: 0, bin: 0, left: { leaf: 1 }, right: { leaf: 2 / 3 } },
    });
  });

  it('gradient stump: gain ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], leaf −ηG/(H+λ)', () => {
    // At the base rate p = 3/8: g = p − y (−0.625 or 0.375), h = p(1−p) = 0.234375.
    // x1 ≤ 1: G_L = 1.5, H_L = 0.9375, G_R = −1.5, H_R = 0.9375 → gain 2.25/1.9375 = 1.16129;
    // x1 ≤ 0: gain 0.30837; x0 ≤ 0: gain 0.12903. Leaves (η = 1, λ = 1): ∓1.5/1.9375 = ∓0.774194.
    const p = 3 / 8;
    const grown = new HistogramGrower(data, 8).grow(
      Int32Array.from({ length: 8 }, (_, i) => i),
      8,
      Float64Array.from(yRecorded, (y) => p - y),
      new Float64Array(8).fill(p * (1 - p)),
      new GradientCriterion(1, 0, 1, 1),
      { mode: 'all', features: all },
      { maxDepth: 1, maxLeaves: 31 },
    );
    const c = canonical(grown.tree) as Extract<Canonical, { feature: number }>;
    expect([c.feature, c.bin]).toEqual([1, 1]);
    expect((c.left as { leaf: number }).leaf).toBeCloseTo(-1.5 / 1.9375, 15);
    expect((c.right as { leaf: number }).leaf).toBeCloseTo(1.5 / 1.9375, 15);
  });

  it('per-split feature draws keep drawing past maxFeatures until a feature varies in the node', () => {
    // Feature 0 is constant; with maxFeatures = 1 every node that draws it first
    // must go on to feature 1 (scikit-learn's rule), so the root always splits.
    const constantFirst: Data = {
      bins: [new Uint8Array(8), Uint8Array.of(0, 1, 2, 0, 1, 2, 2, 2)],
      nBins: Int32Array.of(2, 3),
      n: 8,
    };
    for (let seed = 0; seed < 20; seed++) {
      const grown = new HistogramGrower(constantFirst, 8).grow(
        Int32Array.from({ length: 8 }, (_, i) => i),
        8,
        new Float64Array(8).fill(1),
        Float64Array.from(yRecorded),
        new ImpurityCriterion('gini', 1),
        { mode: 'perSplit', maxFeatures: 1, random: createRandom(seed) },
        { maxDepth: 10, maxLeaves: Infinity },
      );
      expect(grown.tree.feature[0]).toBe(1);
      expect(grown.tree.threshold[0]).toBe(1);
    }
  });
});

describe('bit-identical to the grower before issue 15', () => {
  /** FNV-1a (32-bit) over bytes, continuing from h. */
  function fnv(h: number, bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  it('grows the same forest and boosting trees, every node array byte for byte, with one grower reused', () => {
    // Expected hash printed by the same code run against the grower of commit e17f4a2 (column-major
    // flag bits summed four per pass, statistics in node order, the draw order reset at every node):
    // the experiments' metrics must not move by one bit. 36 flags (two words a row), small counts,
    // a wide feature and a constant one; forest trees on bootstrap counts (integer statistics, the
    // exact-sums path), then gradient trees depth-first and best-first (the row-order sums path).
    const random = createRandom(13).fork('data');
    const n = 600;
    const specs = [...Array.from({ length: 36 }, () => 2), 5, 4, 3, 60, 1];
    const bins = specs.map((nb, j) =>
      Uint8Array.from({ length: n }, () => {
        const u = random.next();
        return nb === 2 ? (u < 0.02 + 0.01 * j ? 1 : 0) : Math.floor(u * u * nb);
      }),
    );
    const yRecorded = Uint8Array.from({ length: n }, (_, i) => (random.next() < 0.1 + 0.5 * bins[3][i] + (0.2 * bins[36][i]) / 4 ? 1 : 0));
    const grower = new HistogramGrower({ bins, nBins: Int32Array.from(specs) }, n);
    let h = 0x811c9dc5;
    const add = (t: Tree) => {
      for (const arr of [t.feature, t.threshold, t.left, t.value]) h = fnv(h, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    };
    const counts = new Int32Array(n);
    const rows = new Int32Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const model = createRandom(7);
    for (let t = 0; t < 4; t++) {
      const stream = model.fork(`tree:${t}`);
      bootstrapCounts(stream.fork('rows'), counts);
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (counts[i] === 0) continue;
        rows[m++] = i;
        a[i] = counts[i];
        b[i] = yRecorded[i] ? counts[i] : 0;
      }
      const choice = { mode: 'perSplit' as const, maxFeatures: 6, random: stream.fork('features') };
      add(grower.grow(rows, m, a, b, new ImpurityCriterion('gini', 1), choice, { maxDepth: 40, maxLeaves: Infinity }).tree);
    }
    const gradient = Float64Array.from(yRecorded, (y, i) => 0.3 + 0.01 * (i % 7) - y);
    const hessian = Float64Array.from(yRecorded, (_, i) => 0.2 + 0.001 * (i % 11));
    for (let t = 0; t < 3; t++) {
      const all = Int32Array.from({ length: specs.length }, (_, j) => j);
      const r = Int32Array.from({ length: n }, (_, i) => i);
      const limits = { maxDepth: 6, maxLeaves: t === 0 ? Infinity : 15 };
      add(grower.grow(r, n, gradient, hessian, new GradientCriterion(5, 1e-3, 1, 0.1), { mode: 'all', features: all }, limits).tree);
    }
    expect(h.toString(16)).toBe('ec99f22');
  });
});
