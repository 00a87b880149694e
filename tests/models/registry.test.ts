import { describe, expect, it } from 'vitest';
import { messages, modelMessages } from '../../src/messages.js';
import { buildTrainingSet } from '../../src/models/features.js';
import { createModel, isBaseline, isSeeded, loadModel, modelEntry, modelNames } from '../../src/models/registry.js';
import { createRandom } from '../../src/random/index.js';
import { syntheticWorld } from '../fixtures/models/synthetic.js';

describe('model registry', () => {
  it('names every model, baselines last', () => {
    expect([...modelNames]).toEqual(['points', 'logistic', 'forest', 'boosting', 'neural', 'random', 'oracle']);
    expect(modelNames.filter(isBaseline)).toEqual(['random', 'oracle']);
    expect(modelNames.filter(isSeeded)).toEqual(['forest', 'boosting', 'neural', 'random']);
    modelNames.forEach((name) => expect(modelEntry(name).description.length).toBeGreaterThan(10));
  });

  it('makes a model by name with its hyper-parameters', () => {
    const model = createModel('logistic', { C: 2 });
    expect(model.kind).toBe('logistic');
    expect(model.params).toEqual({ l2: 0.5, standardize: true, tol: 1e-8, maxIter: 50, classWeight: 'none' }); // resolved: C = 2 is l2 = 1/2
    expect(createModel('points').params).toEqual({
      mode: 'expert',
      weights: { sexual_offence: 1, violent_offence: 1, antisocial_behaviour: 1, drugs: 1, criminality_with_children: 1, missing_episodes: 1, gang_association: 1, trafficking: 1 },
    });
    expect(createModel('points').kind).toBe('points');
  });

  it('unknown names list the known ones', () => {
    expect(() => createModel('svm')).toThrow(messages.unknownName('model', 'svm', modelNames));
    expect(() => loadModel({ kind: 'svm' })).toThrow(modelMessages.savedModel('a', modelMessages.saved.unknownKind('svm', modelNames)));
    expect(() => loadModel({ weights: [] })).toThrow(modelMessages.savedModel('a', modelMessages.saved.noKind));
    expect(() => loadModel(null)).toThrow(modelMessages.savedModel('a', modelMessages.saved.notObject));
    expect(isBaseline('svm')).toBe(false);
  });

  it('the oracle needs the truth lookup, through the context, when made and when loaded', async () => {
    expect(() => createModel('oracle')).toThrow(messages.oracleNeedsTruth('oracle'));
    const world = syntheticWorld(500, 3);
    const train = buildTrainingSet(world.records);
    const fitted = await createModel('oracle', {}, { truth: world.truth }).fit(train, createRandom(1));
    expect(() => loadModel(fitted.toJSON())).toThrow(messages.oracleNeedsTruth('loadModel(oracle)'));
    expect(loadModel(fitted.toJSON(), { truth: world.truth }).predictProba(train.x)).toEqual(world.pTrue);
  });
});
