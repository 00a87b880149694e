import type { Tensor } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { modelMessages } from '../../src/messages.js';
import { chooseEngine, neural, NEURAL_DEFAULTS, type NeuralParams } from '../../src/models/neural.js';
import { BlockPass, foldFirstLayer, inverse, Scorer, type DenseWeights, type Network } from '../../src/models/neural/forward.js';
import { wasmKernels, WasmPass } from '../../src/models/neural/wasm.js';
import { groupRows, sparseRows, subsetRows } from '../../src/models/neural/rows.js';
import { initialLayers, trainNetwork } from '../../src/models/neural/train.js';
import { TypedEngine } from '../../src/models/neural/typed.js';
import { loadTf } from '../../src/models/tf-backend.js';
import type { FeatureMatrix } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { readFileSync } from 'node:fs';
import { fromCsv, slice, syntheticRisk, TRAIN_ROWS } from '../fixtures/models/neural/synthetic.js';

/**
 * The two gradient engines of `neural` (typed arrays, TensorFlow.js) and the
 * sparse, row-grouped forward pass.
 *
 * Stated tolerance: for the same seed, the typed-array and the tfjs (wasm)
 * engines give every predicted probability within 1e-4 of each other on the
 * cases below — the small data here and the 14,000-row fixture with the
 * defaults (10 epochs); measured differences are 1e-8 to 1e-7. They differ
 * only in rounding (float64 against tfjs's float32 kernels), and over long
 * runs that rounding can move the few rows with rare records further: on the
 * bench data (80,000 rows, 10 epochs, 3,130 Adam steps) one seed agreed to
 * 1.6e-7, another to 4.1e-2 in its worst row (mean 1.2e-3) with the same AUC
 * to 1e-4 — Adam turns sign flips of near-zero float32 gradients of rarely
 * present features into full-size steps.
 */
const ENGINE_TOLERANCE = 1e-4;

const data = syntheticRisk(7, 4000);
const train = slice(data, 0, 3000);
const test = slice(data, 3000, 4000);
const seeded = (seed: number) => createRandom(seed).fork('model:neural');

function maxDifference(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('neural: the typed-array and tfjs engines', () => {
  const cases: [string, Partial<NeuralParams>][] = [
    ['defaults (relu, dropout 0.1, early stopping), 4 epochs', { epochs: 4, learningRate: 0.01 }],
    ['tanh, no dropout', { epochs: 4, learningRate: 0.01, activation: 'tanh', dropout: 0 }],
    ['no hidden layer', { epochs: 3, hiddenLayers: [], learningRate: 0.01 }],
  ];
  it.each(cases)(`give the same predictions for one seed within ${ENGINE_TOLERANCE} (%s; tfjs on ${'wasm'} here)`, async (_label, params) => {
    const typed = await neural({ ...params, engine: 'typed' }).fit(train, seeded(2));
    const tfjs = await neural({ ...params, engine: 'tfjs' }).fit(train, seeded(2));
    expect(typed.training.engine).toBe('typed');
    expect(tfjs.training.engine).toBe((await loadTf()).backend);
    expect(tfjs.training.bestEpoch).toBe(typed.training.bestEpoch);
    expect(maxDifference(typed.predictProba(test.x), tfjs.predictProba(test.x))).toBeLessThan(ENGINE_TOLERANCE);
  });

  it(`give the same predictions within ${ENGINE_TOLERANCE} with the defaults on the 14,000-row fixture (10 epochs)`, async () => {
    const fixture = fromCsv(readFileSync(new URL('../fixtures/models/neural/synthetic.csv', import.meta.url), 'utf8'));
    const rows = slice(fixture, 0, TRAIN_ROWS);
    const held = slice(fixture, TRAIN_ROWS, fixture.yRecorded.length);
    const typed = await neural({ engine: 'typed' }).fit(rows, seeded(1));
    const tfjs = await neural({ engine: 'tfjs' }).fit(rows, seeded(1));
    expect(maxDifference(typed.predictProba(held.x), tfjs.predictProba(held.x))).toBeLessThan(ENGINE_TOLERANCE);
  });

  it('the typed engine is bit-identical for one seed (weights and saved form)', async () => {
    const a = await neural({ epochs: 3, engine: 'typed' }).fit(train, seeded(4));
    const b = await neural({ epochs: 3, engine: 'typed' }).fit(train, seeded(4));
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it("'auto' takes typed for small layers and tfjs above 65,536 weights in a layer", () => {
    expect(chooseEngine(NEURAL_DEFAULTS, 40)).toBe('typed');
    expect(chooseEngine({ ...NEURAL_DEFAULTS, hiddenLayers: [256, 256] }, 40)).toBe('typed');
    expect(chooseEngine({ ...NEURAL_DEFAULTS, hiddenLayers: [512, 256] }, 40)).toBe('tfjs');
    expect(chooseEngine({ ...NEURAL_DEFAULTS, engine: 'tfjs' }, 4)).toBe('tfjs');
  });
});

/** A small network with random weights, raw rows with zeros and counts, and their standardisation. */
function smallProblem(activation: 'relu' | 'tanh', seed: number) {
  const r = createRandom(seed).fork('problem');
  const widths = [5, 6, 3, 1];
  const layers: DenseWeights[] = widths.slice(1).map((units, l) => ({
    nIn: widths[l],
    units,
    activation: l === widths.length - 2 ? 'sigmoid' : activation,
    kernel: Float64Array.from({ length: widths[l] * units }, () => r.next() * 2 - 1),
    bias: Float64Array.from({ length: units }, () => r.next() - 0.5),
  }));
  const n = 9;
  const columns = Array.from({ length: 5 }, (_, k) => Float64Array.from({ length: n }, () => (r.next() < 0.5 ? 0 : Math.floor(r.next() * 3) + (k === 4 ? 10 : 1))));
  const means = Float64Array.from(columns, (c) => c.reduce((s, v) => s + v, 0) / n);
  const sds = Float64Array.from(columns, (c, k) => Math.sqrt(c.reduce((s, v) => s + (v - means[k]) ** 2, 0) / n) || 1);
  const yRecorded = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const rowWeight = Float64Array.from({ length: n }, (_, i) => (yRecorded[i] ? 2.5 : 0.75));
  const masks = [6, 3].map((units) => Float64Array.from({ length: n * units }, () => (r.next() < 0.3 ? 0 : 1 / 0.7)));
  return { layers, columns, means, sds, yRecorded, rowWeight, masks, n };
}

describe('neural: typed-array gradients', () => {
  // Oracle: tfjs's autodiff (tf.grads) of the row-weighted mean log-loss on the standardised rows.
  it.each(['relu', 'tanh'] as const)('match tf.grads, with dropout masks, class weights and standardisation (%s)', async (activation) => {
    const { tf } = await loadTf();
    const p = smallProblem(activation, activation === 'relu' ? 1 : 2);
    const rows = sparseRows(p.columns, p.n);
    const engine = new TypedEngine(rows, p.yRecorded, p.means, inverse(p.sds), p.layers, p.rowWeight, null, p.n);
    const ours = p.layers.flatMap((l) => [new Float64Array(l.kernel.length), new Float64Array(l.bias.length)]);
    engine.gradients(p.layers, Int32Array.from({ length: p.n }, (_, i) => i), p.masks, ours);
    const standardised = Float32Array.from({ length: p.n * 5 }, (_, e) => (p.columns[e % 5][Math.floor(e / 5)] - p.means[e % 5]) / p.sds[e % 5]);
    const oracle = tf.tidy(() => {
      const f32 = (a: Float64Array) => Float32Array.from(a);
      const params = p.layers.flatMap((l) => [tf.tensor2d(f32(l.kernel), [l.nIn, l.units]), tf.tensor1d(f32(l.bias))]);
      const f = (...w: Tensor[]) => {
        let h: Tensor = tf.tensor2d(standardised, [p.n, 5]);
        for (let l = 0; l < 3; l++) {
          h = tf.add(tf.matMul(h as never, w[2 * l] as never), w[2 * l + 1]);
          if (l < 2) h = tf.mul(activation === 'relu' ? tf.relu(h) : tf.tanh(h), tf.tensor2d(f32(p.masks[l]), [p.n, p.layers[l].units]));
        }
        const y = tf.tensor2d(Float32Array.from(p.yRecorded), [p.n, 1]);
        const perRow = tf.losses.sigmoidCrossEntropy(y, h, undefined, 0, tf.Reduction.NONE);
        return tf.mean(tf.mul(perRow, tf.tensor2d(f32(p.rowWeight), [p.n, 1])));
      };
      return tf.grads(f)(params).map((g) => Array.from(g.dataSync()));
    });
    ours.forEach((g, i) => g.forEach((v, k) => expect(v).toBeCloseTo(oracle[i][k], 5)));
    expect(ours.every((g) => g.some((v) => v !== 0))).toBe(true);
  });

  it('a batch computed over its distinct rows gives the gradient of every row (no dropout)', () => {
    const p = smallProblem('relu', 3);
    // 40 rows drawn from the 9 distinct ones: many repeats, as in records.
    const pick = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % p.n);
    const columns = p.columns.map((c) => Float64Array.from(pick, (i) => c[i]));
    const y = Uint8Array.from(pick, (i, k) => (k % 4 === 0 ? 1 : p.yRecorded[i]));
    const weight = Float64Array.from(pick, (i) => p.rowWeight[i]);
    const rows = sparseRows(columns, pick.length);
    const groups = groupRows(rows);
    expect(groups?.count).toBe(p.n);
    const batch = Int32Array.from({ length: pick.length }, (_, i) => i);
    const grads = (g: typeof groups) => {
      const engine = new TypedEngine(rows, y, p.means, inverse(p.sds), p.layers, weight, g, pick.length);
      const out = p.layers.flatMap((l) => [new Float64Array(l.kernel.length), new Float64Array(l.bias.length)]);
      engine.gradients(p.layers, batch, [], out);
      return out;
    };
    const grouped = grads(groups);
    const rowByRow = grads(null);
    grouped.forEach((g, i) => g.forEach((v, k) => expect(v).toBeCloseTo(rowByRow[i][k], 13)));
  });
});

describe('neural: the sparse, grouped forward pass', () => {
  const p = smallProblem('relu', 5);
  const network: Network = { means: p.means, sds: p.sds, layers: p.layers };

  it('scores a row as the plain standardised network does (by hand, to 1e-12)', () => {
    const rows = sparseRows(p.columns, p.n);
    const z = new Float64Array(p.n);
    new Scorer(network).logits(rows, null, z);
    for (let i = 0; i < p.n; i++) {
      let a = Array.from(p.columns, (c, k) => (c[i] - p.means[k]) / p.sds[k]);
      for (const [l, layer] of p.layers.entries()) {
        const out = Array.from(layer.bias);
        a.forEach((x, k) => out.forEach((_, j) => (out[j] += x * layer.kernel[k * layer.units + j])));
        a = l < p.layers.length - 1 ? out.map((v) => Math.max(0, v)) : out;
      }
      expect(z[i]).toBeCloseTo(a[0], 12);
    }
  });

  it('the training forward pass (BlockPass) and the scorer agree exactly', () => {
    const rows = sparseRows(p.columns, p.n);
    const pass = new BlockPass(p.layers);
    pass.fold(p.means, inverse(p.sds));
    pass.run(rows, Int32Array.from({ length: p.n }, (_, i) => i), 0, p.n, []);
    const z = new Float64Array(p.n);
    new Scorer(network).logits(rows, null, z);
    expect(Array.from(pass.z[2].subarray(0, p.n))).toEqual(Array.from(z));
  });

  it('sparse rows list each row’s non-zero entries in column order; subsets and groups are consistent', () => {
    const rows = sparseRows([Float64Array.of(0, 2, 0, 2), Float64Array.of(1, 0, 0, 0), Float64Array.of(0, 5, 0, 5)], 4);
    expect(Array.from(rows.start)).toEqual([0, 1, 3, 3, 5]);
    expect(Array.from(rows.index)).toEqual([1, 0, 2, 0, 2]);
    expect(Array.from(rows.value)).toEqual([1, 2, 5, 2, 5]);
    const groups = groupRows(rows)!;
    expect(Array.from(groups.group)).toEqual([0, 1, 2, 1]);
    expect(Array.from(groups.first)).toEqual([0, 1, 2]);
    const sub = subsetRows(rows, groups.first);
    expect(Array.from(sub.start)).toEqual([0, 1, 3, 3]);
    expect(() => sparseRows([Float64Array.of(0, NaN)], 2, (j, i, v) => { throw new Error(`${j}/${i}/${v}`); })).toThrow('0/1/NaN');
  });

  it('grouping gives up on mostly distinct rows, and predictions do not depend on it', async () => {
    const continuous = sparseRows([Float64Array.from({ length: 5000 }, (_, i) => i + 0.5)], 5000);
    expect(groupRows(continuous)).toBeNull();
    const fitted = await neural({ epochs: 2, learningRate: 0.01 }).fit(train, seeded(3));
    // The same test rows, then each repeated three times in a shuffled order: each child's score is unchanged.
    const order = Int32Array.from({ length: 3 * test.x.nRows }, (_, i) => (i * 7919) % test.x.nRows);
    const repeated: FeatureMatrix = { ...test.x, nRows: order.length, columns: test.x.columns.map((c) => Float64Array.from(order, (i) => c[i])), rowIds: Int32Array.from(order) };
    const once = fitted.predictProba(test.x);
    const thrice = fitted.predictProba(repeated);
    order.forEach((i, k) => expect(thrice[k]).toBe(once[i]));
  });
});

describe('neural: prediction in chunks of rows', () => {
  it('a row scores the same whichever chunk it falls in, and a bad value is reported at its row in the whole matrix', async () => {
    const fitted = await neural({ epochs: 1 }).fit(train, seeded(9));
    const n = 70_000; // two chunks of 65,536 rows at most
    const order = Int32Array.from({ length: n }, (_, i) => (i * 7919) % test.x.nRows);
    const big: FeatureMatrix = { ...test.x, nRows: n, columns: test.x.columns.map((c) => Float64Array.from(order, (i) => c[i])), rowIds: Int32Array.from(order) };
    const all = fitted.predictProba(big);
    const once = fitted.predictProba(test.x);
    order.forEach((i, k) => {
      if (k % 97 === 0 || k > 65_530) expect(all[k]).toBe(once[i]);
    });
    const bad = { ...big, columns: big.columns.map((c, j) => (j === 3 ? Float64Array.from(c, (v, i) => (i === 68_000 ? NaN : v)) : c)) };
    expect(() => fitted.predictProba(bad)).toThrow(modelMessages.notFinite('neural', big.names[3], 68_000, NaN));
  });
});

describe('neural: initial weights', () => {
  it('are Glorot-uniform, within ±√(6 / (fan in + fan out)), float32 values, seeded', () => {
    const a = initialLayers(40, { hiddenLayers: [32, 16], activation: 'relu' }, createRandom(1).fork('init'));
    const b = initialLayers(40, { hiddenLayers: [32, 16], activation: 'relu' }, createRandom(1).fork('init'));
    expect(a.map((l) => Array.from(l.kernel))).toEqual(b.map((l) => Array.from(l.kernel)));
    for (const l of a) {
      const limit = Math.sqrt(6 / (l.nIn + l.units));
      expect(Math.max(...l.kernel.map(Math.abs))).toBeLessThanOrEqual(limit * (1 + 1e-7));
      expect(l.kernel.every((v) => Math.fround(v) === v)).toBe(true);
      expect(l.bias.every((v) => v === 0)).toBe(true);
      // Uniform: the mean of |w| is about limit / 2.
      expect(Math.abs(l.kernel.reduce((s, v) => s + Math.abs(v), 0) / l.kernel.length / (limit / 2) - 1)).toBeLessThan(0.15);
    }
  });
});

describe('neural: the WebAssembly SIMD prediction kernels', () => {
  const kernels = wasmKernels();
  it('are available here (Node 20 has WebAssembly SIMD)', () => {
    expect(kernels).not.toBeNull();
  });

  /** Columns of n rows: mostly zeros, flags, counts, a few negatives, −0 and continuous values when asked. */
  function columnsOf(n: number, d: number, seed: number, continuous = false): Float64Array[] {
    const r = createRandom(seed).fork('columns');
    return Array.from({ length: d }, (_, j) =>
      Float64Array.from({ length: n }, () => {
        const u = r.next();
        if (continuous) return u * 10 - 5;
        if (u < 0.8) return u < 0.01 ? -0 : 0;
        return j % 3 === 0 ? Math.floor(u * 20) - 3 : 1;
      }),
    );
  }

  const shapes: [number, number][] = [[0, 3], [1, 1], [7, 5], [13, 40], [4097, 9], [9000, 33]];
  it.each(shapes)('read a %i × %i matrix into exactly the sparse rows and groups of the JavaScript path', (n, d) => {
    const columns = columnsOf(n, d, n + d);
    const layers = initialLayers(d, { hiddenLayers: [6, 3], activation: 'relu' }, createRandom(1));
    const network: Network = { means: new Float64Array(d).fill(0.2), sds: new Float64Array(d).fill(1.5), layers };
    const kernel0 = new Float64Array(layers[0].kernel.length);
    const bias0 = new Float64Array(layers[0].units);
    foldFirstLayer(layers[0], network.means, inverse(network.sds), kernel0, bias0);
    const pass = new WasmPass(kernels!, { kernel0, bias0, layers });
    const never = (): never => {
      throw new Error('no non-finite value here');
    };
    const wasmRows = pass.rows(columns, n, never);
    const jsRows = sparseRows(columns, n);
    expect(Array.from(wasmRows.start)).toEqual(Array.from(jsRows.start));
    expect(Array.from(wasmRows.index)).toEqual(Array.from(jsRows.index));
    expect(Array.from(wasmRows.value)).toEqual(Array.from(jsRows.value));
    const wasmGroups = pass.groups();
    const jsGroups = groupRows(jsRows);
    expect(wasmGroups === null).toBe(jsGroups === null);
    if (wasmGroups && jsGroups) {
      expect(Array.from(wasmGroups.group)).toEqual(Array.from(jsGroups.group));
      expect(Array.from(wasmGroups.first)).toEqual(Array.from(jsGroups.first));
    }
    // Logits: the same probabilities, bit for bit (a logit may differ only in the sign of a zero).
    const list = Int32Array.from({ length: n }, (_, i) => i);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    pass.logits(list, a);
    new Scorer(network).logits(jsRows, list, b);
    for (let i = 0; i < n; i++) expect(1 / (1 + Math.exp(-a[i]))).toBe(1 / (1 + Math.exp(-b[i])));
  });

  it('give up grouping on continuous rows, as the JavaScript path does', () => {
    const columns = columnsOf(5000, 4, 3, true);
    const layers = initialLayers(4, { hiddenLayers: [5], activation: 'relu' }, createRandom(2));
    const pass = new WasmPass(kernels!, { kernel0: layers[0].kernel, bias0: layers[0].bias, layers });
    pass.rows(columns, 5000, () => {
      throw new Error('finite');
    });
    expect(pass.groups()).toBeNull();
    expect(groupRows(sparseRows(columns, 5000))).toBeNull();
  });

  it.each([Number.NaN, Infinity, -Infinity])('report the first %s as the JavaScript path does (first column holding one, its first row)', (bad) => {
    const columns = columnsOf(300, 6, 9);
    columns[4][250] = bad;
    columns[2][299] = bad;
    columns[2][17] = bad;
    const layers = initialLayers(6, { hiddenLayers: [4], activation: 'relu' }, createRandom(3));
    const pass = new WasmPass(kernels!, { kernel0: layers[0].kernel, bias0: layers[0].bias, layers });
    const seen = (read: (report: (j: number, i: number, v: number) => never) => unknown) => {
      try {
        read((j, i, v) => {
          throw new Error(`${j}/${i}/${v}`);
        });
      } catch (error) {
        return (error as Error).message;
      }
      return 'nothing';
    };
    expect(seen((report) => pass.rows(columns, 300, report))).toBe(`2/17/${bad}`);
    expect(seen((report) => sparseRows(columns, 300, report))).toBe(`2/17/${bad}`);
  });
});

describe('neural: the WebAssembly SIMD training kernels', () => {
  /** A record-like problem: repeated sparse rows, counts, both classes, class weights. */
  function trainingProblem(n: number, d: number, seed: number) {
    const r = createRandom(seed).fork('training');
    const columns = Array.from({ length: d }, (_, j) => Float64Array.from({ length: n }, () => (r.next() < 0.85 ? 0 : j % 4 === 0 ? Math.floor(r.next() * 5) : 1)));
    const yRecorded = Uint8Array.from({ length: n }, (_, i) => (columns[0][i] + columns[1][i] > 0 && r.next() < 0.6 ? 1 : r.next() < 0.05 ? 1 : 0));
    const means = Float64Array.from(columns, (c) => c.reduce((s, v) => s + v, 0) / n);
    const sds = Float64Array.from(columns, (c, k) => Math.sqrt(c.reduce((s, v) => s + (v - means[k]) ** 2, 0) / n) || 1);
    return { columns, yRecorded, means, sds, rows: sparseRows(columns, n) };
  }

  it.each([
    ['no dropout, grouped rows', 0, true],
    ['dropout, row by row', 0.2, false],
    ['no dropout, row by row, class weights', 0, false],
  ] as const)('train bit-identically to the JavaScript engine (%s)', (_label, dropout, grouped) => {
    const p = trainingProblem(3000, 12, 5);
    const groups = grouped ? groupRows(p.rows) : null;
    const rowWeight = _label.includes('class weights') ? Float64Array.from(p.yRecorded, (y) => (y ? 4 : 0.6)) : null;
    const data = { nIn: 12, rows: p.rows, yRecorded: p.yRecorded, means: p.means, sds: p.sds, rowWeight };
    const params = { ...NEURAL_DEFAULTS, hiddenLayers: [9, 5], dropout, epochs: 3, batchSize: 100, learningRate: 0.01, validationFraction: 0.1 };
    const train = (useWasm: boolean) =>
      trainNetwork(
        (layers) => new TypedEngine(p.rows, p.yRecorded, p.means, inverse(p.sds), layers, rowWeight, groups, params.batchSize, useWasm),
        data,
        params,
        createRandom(8).fork('model:neural'),
      );
    const js = train(false);
    const wasm = train(true);
    expect(wasm.log).toEqual(js.log);
    wasm.network.layers.forEach((layer, l) => {
      expect(Array.from(layer.kernel)).toEqual(Array.from(js.network.layers[l].kernel));
      expect(Array.from(layer.bias)).toEqual(Array.from(js.network.layers[l].bias));
    });
  });
});
