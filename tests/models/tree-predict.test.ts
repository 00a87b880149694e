import { describe, expect, it } from 'vitest';
import { createRandom, type RandomSource } from '../../src/random/index.js';
import { addPackedTrees, packTree, scoreRows, treeFromJSON, treeToJSON, type Tree } from '../../src/models/tree/tree.js';

/** A random tree over `d` features with `nBins` bins each (children in pairs, as the grower makes them). */
function randomTree(random: RandomSource, d: number, nBins: number, leaves: number): Tree {
  const feature = [-1];
  const threshold = [0];
  const left = [0];
  const value = [random.next()];
  const open = [0];
  while (open.length < leaves) {
    const k = open.splice(Math.floor(random.next() * open.length), 1)[0];
    const l = feature.length;
    feature[k] = Math.floor(random.next() * d);
    threshold[k] = Math.floor(random.next() * (nBins - 1));
    left[k] = l;
    feature.push(-1, -1);
    threshold.push(0, 0);
    left.push(0, 0);
    value.push(random.next() - 0.5, random.next() - 0.5);
    open.push(l, l + 1);
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Uint8Array.from(threshold),
    left: Int32Array.from(left),
    value: Float64Array.from(value),
  };
}

/** The obvious walk: one row, one tree at a time, summing in tree order. */
function naiveScores(trees: Tree[], bins: Uint8Array, d: number, n: number, initial: number): Float64Array {
  const out = new Float64Array(n).fill(initial);
  for (const tree of trees) {
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (tree.feature[node] >= 0) {
        node = bins[i * d + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.left[node] + 1;
      }
      out[i] += tree.value[node];
    }
  }
  return out;
}

describe('scoring packed trees', () => {
  const random = createRandom('tree-predict');
  const trees = Array.from({ length: 7 }, (_, t) => randomTree(random.fork(`tree:${t}`), 5, 254, 40));
  const packed = trees.map(packTree);

  it.each([0, 1, 3, 4, 5, 4097])('four-row interleaved walk equals the naive walk (%i rows, mostly distinct)', (n) => {
    const r = random.fork(`rows:${n}`);
    const bins = Uint8Array.from({ length: n * 5 }, () => Math.floor(r.next() * 255));
    const want = naiveScores(trees, bins, 5, n, 0.25);
    const out = new Float64Array(n).fill(0.25);
    addPackedTrees(packed, bins, 5, out);
    expect(out).toEqual(want);
    expect(scoreRows(packed, bins, 5, n, 0.25)).toEqual(want);
  });

  it('groups repeated rows and gives every copy the same, identical score', () => {
    const r = random.fork('repeats');
    const n = 3001;
    // Flags and a small count: at most 2 · 2 · 2 · 2 · 3 = 48 distinct rows.
    const bins = Uint8Array.from({ length: n * 5 }, (_, k) => Math.floor(r.next() * (k % 5 === 4 ? 3 : 2)));
    const got = scoreRows(packed, bins, 5, n, -1);
    expect(got).toEqual(naiveScores(trees, bins, 5, n, -1));
    expect(new Set(got).size).toBeLessThanOrEqual(48);
  });

  it('leaves are absorbing in the packed form (a row at a leaf stays there)', () => {
    const p = packTree(trees[0]);
    for (let k = 0; k < trees[0].feature.length; k++) {
      if (trees[0].feature[k] >= 0) continue;
      expect(p.nodes[2 * k]).toBe(255);
      expect(p.nodes[2 * k + 1]).toBe(k);
    }
  });
});

describe('treeFromJSON', () => {
  const tree = randomTree(createRandom('json'), 3, 10, 6);
  const nBins = [10, 10, 10];

  it('round-trips a tree', () => {
    expect(treeFromJSON(JSON.parse(JSON.stringify(treeToJSON(tree))), nBins)).toEqual(tree);
  });

  it('explains what is wrong with a damaged tree', () => {
    const json = treeToJSON(tree);
    const internal = json.feature.findIndex((f) => f >= 0);
    expect(treeFromJSON({ ...json, left: json.left.slice(1) }, nBins)).toMatch(/same, non-zero length/);
    expect(treeFromJSON({ ...json, feature: json.feature.map((f) => (f >= 0 ? f + 0.5 : f)) }, nBins)).toMatch(/integers/);
    expect(treeFromJSON({ ...json, threshold: json.threshold.map((t, k) => (k === internal ? 9 : t)) }, nBins)).toMatch(
      /does not exist/,
    );
    expect(treeFromJSON({ ...json, left: json.left.map((l, k) => (k === internal ? 0 : l)) }, nBins)).toMatch(
      /outside the tree/,
    );
    expect(treeFromJSON({ ...json, value: json.value.map(() => Number.NaN) }, nBins)).toMatch(/finite/);
    expect(treeFromJSON('tree', nBins)).toMatch(/not an object/);
  });
});
