import { describe, expect, it } from 'vitest';
import { messages, modelMessages } from '../../src/messages.js';
import { hashUniform, loadOracle, loadRandom, oracle, randomModel, truthLookup, type FittedBaseline } from '../../src/models/baselines.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { createRandom } from '../../src/random/index.js';
import { rocAuc, syntheticWorld } from '../fixtures/models/synthetic.js';

const world = syntheticWorld(20000, 21);
const train = buildTrainingSet(world.records);

describe('random baseline', () => {
  it('ranks like a coin: AUC within 0.04 of 0.5 (≈ 4 standard errors at 20,000 rows, 5% positive)', async () => {
    const fitted = await randomModel().fit(train, createRandom(1).fork('model:random'));
    const p = fitted.predictProba(train.x);
    expect(Math.abs(rocAuc(train.yRecorded, p) - 0.5)).toBeLessThan(0.04);
  });

  it('is uniform on [0, 1): each tenth holds 10% ± 1% of 100,000 scores', () => {
    const counts = new Array(10).fill(0);
    for (let id = 0; id < 100000; id++) counts[Math.floor(hashUniform(12345, id) * 10)]++;
    counts.forEach((c) => expect(Math.abs(c - 10000)).toBeLessThan(1000));
  });

  it('a child keeps its score whatever rows it is scored with', async () => {
    const fitted = await randomModel().fit(train, createRandom(2));
    const all = fitted.predictProba(buildFeatures(world.records));
    const some = fitted.predictProba(buildFeatures(world.records, { rows: Int32Array.from([9, 3, 7]) }));
    expect([...some]).toEqual([all[9], all[3], all[7]]);
  });

  it('is marked as a baseline and saves only its seed', async () => {
    const fitted = (await randomModel().fit(train, createRandom(2))) as FittedBaseline;
    expect(fitted.baseline).toBe(true);
    const json = fitted.toJSON() as { state: { seed: number } };
    expect(Object.keys(json.state)).toEqual(['seed']);
    expect(loadRandom(json).predictProba(train.x)).toEqual(fitted.predictProba(train.x));
    expect(() => loadRandom({ kind: 'random', version: 1, params: {}, state: { seed: -1 } })).toThrow(
      modelMessages.savedModel('random', modelMessages.saved.badState('seed', 'must be an integer ≥ 0; got -1')),
    );
    expect(() => loadRandom({ kind: 'random', version: 1, params: {}, state: { seed: 2 ** 32 } })).toThrow(
      modelMessages.savedModel('random', modelMessages.saved.badState('seed', `must be a 32-bit unsigned integer; got ${2 ** 32}`)),
    );
  });

  it('takes no hyper-parameters', () => {
    expect(() => randomModel({ seed: 3 } as never)).toThrow(modelMessages.unknownParam('random.params', 'seed', []));
  });
});

describe('oracle baseline', () => {
  it('scores each child with its pTrue, found by child id', async () => {
    const fitted = await oracle({ truth: world.truth }).fit(train, createRandom(1));
    const rows = Int32Array.from([5, 0, 19999]);
    const p = fitted.predictProba(buildFeatures(world.records, { rows }));
    expect([...p]).toEqual([world.pTrue[5], world.pTrue[0], world.pTrue[19999]]);
  });

  it('is the best ranking of yTrue any model could give here (its AUC is pTrue’s)', async () => {
    const fitted = await oracle({ truth: world.truth }).fit(train, createRandom(1));
    expect(rocAuc(world.yTrue, fitted.predictProba(train.x))).toBe(rocAuc(world.yTrue, world.pTrue));
  });

  it('cannot be made, or reloaded, without the truth lookup', async () => {
    expect(() => oracle(undefined as never)).toThrow(messages.oracleNeedsTruth('oracle'));
    expect(() => oracle({} as never)).toThrow(messages.oracleNeedsTruth('oracle'));
    const fitted = await oracle({ truth: world.truth }).fit(train, createRandom(1));
    const json = JSON.parse(JSON.stringify(fitted.toJSON()));
    expect(json).toEqual({ kind: 'oracle', version: 1, params: {}, state: {} });
    expect(() => loadOracle(json, undefined as never)).toThrow(messages.oracleNeedsTruth('loadModel(oracle)'));
    expect(loadOracle(json, { truth: world.truth }).predictProba(train.x)).toEqual(fitted.predictProba(train.x));
  });

  it('checks what the lookup returns', async () => {
    const short = { pTrueById: (ids: Int32Array) => new Float64Array(ids.length - 1) };
    const fitted = await oracle({ truth: short }).fit(train, createRandom(1));
    expect(() => fitted.predictProba(train.x)).toThrow(messages.badTruthLookup(`returned 19999 values for 20000 children`));
    const wild = { pTrueById: (ids: Int32Array) => new Float64Array(ids.length).fill(1.5) };
    const wildFit = await oracle({ truth: wild }).fit(train, createRandom(1));
    expect(() => wildFit.predictProba(train.x)).toThrow(/gave pTrue 1.5/);
  });

  it('truthLookup maps ids to pTrue and refuses unknown children', () => {
    const lookup = truthLookup({ ids: Int32Array.from([30, 10, 20]), pTrue: Float64Array.from([0.3, 0.1, 0.2]) });
    expect([...lookup.pTrueById(Int32Array.from([10, 20, 30, 10]))]).toEqual([0.1, 0.2, 0.3, 0.1]);
    expect(() => lookup.pTrueById(Int32Array.from([11]))).toThrow(messages.badTruthLookup('has no child with id 11'));
  });
});
