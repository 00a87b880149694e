import { describe, expect, it } from 'vitest';
import { RisklabError, messages, modelMessages } from '../../src/messages.js';
import { loadNeural, NEURAL_DEFAULTS, neural, resolveNeuralParams, type NeuralParams } from '../../src/models/neural.js';
import { NEURAL_PARAMS } from '../../src/models/neural/params.js';
import { batchGradients, type Float32Layer } from '../../src/models/neural/tfjs.js';
import { stratifiedHoldout } from '../../src/models/sampling.js';
import { loadTf } from '../../src/models/tf-backend.js';
import type { FeatureMatrix } from '../../src/models/types.js';
import type { Tensor } from '@tensorflow/tfjs';
import { createRandom } from '../../src/random/index.js';
import { auc } from '../fixtures/models/neural/auc.js';
import { slice, syntheticRisk } from '../fixtures/models/neural/synthetic.js';

// Small seeded data: 3,000 training rows, 1,000 test rows, ≈ 5% positives.
const data = syntheticRisk(7, 4000);
const train = slice(data, 0, 3000);
const test = slice(data, 3000, 4000);
const quick: Partial<NeuralParams> = { epochs: 4, learningRate: 0.01 }; // few rows: a larger step to learn in 4 epochs
const seeded = (seed: number) => createRandom(seed).fork('model:neural');

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectRisklabError(f: () => unknown, message: string): void {
  const error = thrown(f);
  expect(error).toBeInstanceOf(RisklabError);
  expect((error as Error).message).toBe(message);
}

async function expectRejects(p: Promise<unknown>, message: string): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RisklabError);
  expect((error as Error).message).toBe(message);
}

const sameBits = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('neural: hyper-parameters', () => {
  it('fills defaults and freezes them', () => {
    const m = neural();
    expect(m.kind).toBe('neural');
    expect(m.params).toEqual({
      hiddenLayers: [32, 16],
      activation: 'relu',
      dropout: 0.1,
      epochs: 10,
      batchSize: 256,
      learningRate: 0.001,
      validationFraction: 0.1,
      patience: 3,
      classWeight: 'none',
      engine: 'auto',
    });
    expect(Object.isFrozen(m.params)).toBe(true);
    expect(neural({ epochs: 3, hiddenLayers: [8] }).params).toMatchObject({ epochs: 3, hiddenLayers: [8], batchSize: 256 });
    expect(neural({ epochs: undefined }).params.epochs).toBe(NEURAL_DEFAULTS.epochs);
  });

  const bad: [keyof NeuralParams, unknown, string][] = [
    ['epochs', 0, 'an integer ≥ 1'],
    ['epochs', 2.5, 'an integer ≥ 1'],
    ['epochs', Number.NaN, 'an integer ≥ 1'],
    ['batchSize', 0, 'an integer ≥ 1'],
    ['batchSize', '256', 'an integer ≥ 1'],
    ['hiddenLayers', [32, 0], 'a list of integers ≥ 1'],
    ['hiddenLayers', 32, 'a list of integers ≥ 1'],
    ['activation', 'elu', 'one of "relu", "tanh"'],
    ['dropout', 1, 'a number in [0, 1)'],
    ['dropout', -0.1, 'a number in [0, 1)'],
    ['learningRate', 0, 'a finite number > 0'],
    ['learningRate', Number.POSITIVE_INFINITY, 'a finite number > 0'],
    ['validationFraction', 0.6, 'a number in [0, 0.5]'],
    ['patience', 0, 'an integer ≥ 1'],
  ];
  it.each(bad)('rejects %s = %s', (field, value, expected) => {
    expectRisklabError(() => neural({ [field]: value } as Partial<NeuralParams>), modelMessages.param(`neural.params.${field}`, expected, value));
  });

  it('rejects unknown keys and non-objects', () => {
    const known = NEURAL_PARAMS.keys;
    expectRisklabError(() => neural({ epoch: 5 } as Partial<NeuralParams>), modelMessages.unknownParam('neural.params', 'epoch', known));
    expectRisklabError(() => neural(JSON.parse('{"toString": 1}')), modelMessages.unknownParam('neural.params', 'toString', known));
    expectRisklabError(() => resolveNeuralParams(null), modelMessages.paramsNotObject('neural.params', null));
  });
});

describe('neural: fit and predict', () => {
  it('scores every row in [0, 1] and learns something', async () => {
    const fitted = await neural(quick).fit(train, seeded(1));
    const p = fitted.predictProba(test.x);
    expect(p).toBeInstanceOf(Float64Array);
    expect(p).toHaveLength(test.x.nRows);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(auc(p, test.yRecorded)).toBeGreaterThan(0.65);
    expect(fitted.featureNames).toEqual(data.names);
    expect(fitted.training.engine).toBe('typed'); // a small network: the typed-array engine, no tfjs
  });

  it('one seed gives bit-identical predictions; another seed does not', async () => {
    const [a, b, c] = await Promise.all([1, 1, 2].map((s) => neural(quick).fit(train, seeded(s))));
    const pa = a.predictProba(test.x);
    expect(sameBits(pa, b.predictProba(test.x))).toBe(true);
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(sameBits(pa, c.predictProba(test.x))).toBe(false);
  });

  it('leaves no tensors behind after fit or predict (tfjs engine)', async () => {
    const { tf } = await loadTf();
    const before = tf.memory();
    const fitted = await neural({ epochs: 2, dropout: 0.2, engine: 'tfjs' }).fit(train, seeded(3));
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    fitted.predictProba(test.x);
    expect(tf.memory().numTensors).toBe(before.numTensors);
  });

  it('saves to plain JSON and reloads to identical predictions', async () => {
    const fitted = await neural(quick).fit(train, seeded(4));
    const json = fitted.toJSON();
    const text = JSON.stringify(json);
    const reloaded = loadNeural(JSON.parse(text));
    expect(reloaded.kind).toBe('neural');
    expect(sameBits(reloaded.predictProba(test.x), fitted.predictProba(test.x))).toBe(true);
    expect(JSON.stringify(reloaded.toJSON())).toBe(text);
    expect(json.state.layers.map((l) => [l.units, l.activation, l.kernel.length])).toEqual([
      [32, 'relu', 12 * 32],
      [16, 'relu', 32 * 16],
      [1, 'sigmoid', 16],
    ]);
    expect(json.state.features.means).toHaveLength(12);
  });

  it('works with no hidden layer, tanh, no dropout and odd batch sizes', async () => {
    for (const params of [{ hiddenLayers: [] }, { activation: 'tanh' as const, dropout: 0, batchSize: 77 }]) {
      const fitted = await neural({ ...params, epochs: 2, learningRate: 0.01 }).fit(train, seeded(5));
      const p = fitted.predictProba(test.x);
      expect(auc(p, test.yRecorded)).toBeGreaterThan(0.6);
      expect(sameBits(loadNeural(JSON.parse(JSON.stringify(fitted.toJSON()))).predictProba(test.x), p)).toBe(true);
    }
  });
});

describe('neural: gradients', () => {
  // Oracle: tfjs's own autodiff (tf.grads) of tf.losses.sigmoidCrossEntropy over the same forward pass.
  it.each(['relu', 'tanh'] as const)('written-out backpropagation matches tf.grads (%s, with dropout masks)', async (activation) => {
    const { tf } = await loadTf();
    const r = createRandom(11).fork('gradcheck');
    const u = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (r.next() * 2 - 1) * scale);
    const widths = [4, 5, 3, 1];
    const weights: Float32Layer[] = widths.slice(1).map((units, l) => ({
      nIn: widths[l],
      units,
      activation: l === widths.length - 2 ? 'sigmoid' : activation,
      kernel: u(widths[l] * units),
      bias: u(units, 0.5),
    }));
    const b = 7;
    const x = u(b * 4, 2);
    const xT = Float32Array.from({ length: b * 4 }, (_, i) => x[(i % b) * 4 + Math.floor(i / b)]);
    const y = Float32Array.from({ length: b }, (_, i) => i % 3 === 0 ? 1 : 0);
    const masks = [5, 3].map((units) => Float32Array.from({ length: b * units }, () => (r.next() < 0.3 ? 0 : 1 / 0.7)));
    const ours = weights.flatMap((w) => [new Float32Array(w.kernel.length), new Float32Array(w.bias.length)]);
    batchGradients(tf, weights, { x, xT, y }, masks, ours);
    const oracle = tf.tidy(() => {
      const params = weights.flatMap((w) => [tf.tensor2d(w.kernel, [w.nIn, w.units]), tf.tensor1d(w.bias)]);
      const f = (...p: Tensor[]) => {
        let h: Tensor = tf.tensor2d(x, [b, 4]);
        for (let l = 0; l < 3; l++) {
          h = tf.add(tf.matMul(h as never, p[2 * l] as never), p[2 * l + 1]);
          if (l < 2) h = tf.mul(activation === 'relu' ? tf.relu(h) : tf.tanh(h), tf.tensor2d(masks[l], [b, widths[l + 1]]));
        }
        return tf.losses.sigmoidCrossEntropy(tf.tensor2d(y, [b, 1]), h);
      };
      return tf.grads(f)(params).map((g) => Array.from(g.dataSync()));
    });
    expect(ours.map((g) => g.length)).toEqual(oracle.map((g) => g.length));
    ours.forEach((g, i) => g.forEach((v, k) => expect(v).toBeCloseTo(oracle[i][k], 6)));
    expect(ours.some((g) => g.some((v) => v !== 0))).toBe(true);
  });
});

describe('neural: early stopping', () => {
  it('records one validation loss per epoch and keeps the best epoch', async () => {
    const fitted = await neural({ epochs: 12, patience: 2, learningRate: 0.01 }).fit(train, seeded(6));
    const t = fitted.training;
    expect(t.validationLoss).toHaveLength(t.epochsRun);
    expect(t.validationRows + t.fitRows).toBe(train.x.nRows);
    expect(t.validationRows).toBe(300);
    const best = Math.min(...t.validationLoss);
    expect(t.validationLoss[t.bestEpoch - 1]).toBe(best);
    // Seeded, so this run is known to stop early (at epoch 6 on wasm, best epoch 4).
    expect(t.epochsRun).toBeLessThan(12);
    expect(t.epochsRun - t.bestEpoch).toBe(2);
    // The kept weights are the best epoch's: rescore the same validation rows (the split is a named fork).
    const { holdout: validation } = stratifiedHoldout(seeded(6).fork('split'), train.yRecorded, 0.1);
    const p = fitted.predictProba(slice(data, 0, 3000).x);
    let loss = 0;
    for (const i of validation) loss -= train.yRecorded[i] ? Math.log(p[i]) : Math.log(1 - p[i]);
    expect(loss / validation.length).toBeCloseTo(best, 5);
  });

  it('trains every epoch when validationFraction is 0', async () => {
    const fitted = await neural({ epochs: 3, validationFraction: 0 }).fit(train, seeded(7));
    expect(fitted.training).toMatchObject({ epochsRun: 3, bestEpoch: 3, validationLoss: [], validationRows: 0 });
  });

  it('splits validation rows by label, seeded', () => {
    const y = train.yRecorded;
    const positives = y.reduce((s, v) => s + v, 0);
    const a = stratifiedHoldout(createRandom(1).fork('split'), y, 0.1);
    const b = stratifiedHoldout(createRandom(1).fork('split'), y, 0.1);
    expect(a).toEqual(b);
    expect(Array.from(a.holdout).filter((i) => y[i] === 1)).toHaveLength(Math.round(0.1 * positives));
    expect(new Set([...a.fit, ...a.holdout]).size).toBe(y.length);
  });
});

describe('neural: bad input', () => {
  it('rejects labels of the wrong length, non-0/1 labels, truth columns, non-finite features, too few rows', async () => {
    const m = neural(quick);
    await expectRejects(m.fit({ x: train.x, yRecorded: train.yRecorded.slice(1) }, seeded(1)), messages.badLabels('neural', 'must be a Uint8Array with one entry per row (3000); got 2999'));
    const y = train.yRecorded.slice();
    y[5] = 2;
    await expectRejects(m.fit({ x: train.x, yRecorded: y }, seeded(1)), messages.badLabels('neural', 'must be 0 or 1; row 5 is 2'));
    const columns = train.x.columns.map((c) => c.slice());
    columns[1][9] = Number.NaN;
    await expectRejects(
      m.fit({ x: { ...train.x, columns }, yRecorded: train.yRecorded }, seeded(1)),
      modelMessages.notFinite('neural', 'deprivationDecile', 9, Number.NaN),
    );
    const truthy = { ...train.x, names: train.x.names.map((n, j) => (j === 2 ? 'y_true' : n)) };
    await expectRejects(m.fit({ x: truthy, yRecorded: train.yRecorded }, seeded(1)), messages.truthColumn('y_true'));
    const one = slice(data, 0, 1);
    await expectRejects(m.fit(one, seeded(1)), modelMessages.oneClass('neural', one.yRecorded[0], 1));
  });

  it('refuses to score features other than those it was fitted on', async () => {
    const fitted = await neural({ epochs: 1 }).fit(train, seeded(1));
    const swapped: FeatureMatrix = { ...test.x, names: [...test.x.names].reverse() };
    expectRisklabError(() => fitted.predictProba(swapped), messages.featureMismatch('neural', test.x.names, swapped.names));
    const truthy: FeatureMatrix = { ...test.x, names: test.x.names.map((n, j) => (j === 0 ? 'p_true' : n)) };
    expectRisklabError(() => fitted.predictProba(truthy), messages.truthColumn('p_true'));
  });

  it('loadNeural names what is wrong with a saved model', async () => {
    const json = (await neural({ epochs: 1 }).fit(train, seeded(1))).toJSON();
    const copy = () => JSON.parse(JSON.stringify(json));
    const says = (saved: unknown, reason: string) => expectRisklabError(() => loadNeural(saved), modelMessages.savedModel('neural', reason));
    says(null, modelMessages.saved.notObject);
    says({ ...copy(), kind: 'forest' }, modelMessages.saved.wrongKind('forest'));
    const short = copy();
    short.state.layers[1].kernel.pop();
    says(short, modelMessages.saved.badState('layers[1].kernel', 'must be a list of 512 finite numbers'));
    const badParams = copy();
    badParams.params.epochs = 0;
    says(badParams, modelMessages.param('neural.params.epochs', 'an integer ≥ 1', 0));
  });
});
