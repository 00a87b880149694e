import { describe, expect, it } from 'vitest';
import { modelNames } from '../../src/models/registry.js';
import { conformanceData, conformanceSuite, type ConformanceCase } from './conformance-suite.js';

/**
 * Every registered model against the one conformance suite. Hyper-parameters
 * are small so the run stays quick; each case declares whether the model is
 * seeded and a baseline, and the registry must agree.
 */
const CASES: readonly ConformanceCase[] = [
  {
    name: 'points',
    reasons: 'points',
    params: { mode: 'fitted', maxPoints: 10, logistic: { C: 1 } }, // a penalty: the small world has a flag seen only without the outcome
    seeded: false,
    baseline: false,
    checksFeatureNames: true,
    badParams: [
      { params: { mode: 'clever' }, field: 'mode' },
      { params: { mode: 'fitted', maxPoints: 0 }, field: 'maxPoints' },
      { params: { weights: { drugs: Number.NaN } }, field: 'weights' },
    ],
  },
  {
    name: 'logistic',
    reasons: 'logit',
    params: { C: 10 },
    seeded: false,
    baseline: false,
    checksFeatureNames: true,
    badParams: [
      { params: { C: 0 }, field: 'C' },
      { params: { maxIter: 0.5 }, field: 'maxIter' },
      { params: { standardize: 1 }, field: 'standardize' },
    ],
  },
  {
    name: 'forest',
    reasons: 'probability',
    params: { nTrees: 12 },
    seeded: true,
    baseline: false,
    checksFeatureNames: true,
    badParams: [
      { params: { nTrees: 0 }, field: 'nTrees' },
      { params: { minLeafSize: -1 }, field: 'minLeafSize' },
      { params: { criterion: 'purity' }, field: 'criterion' },
    ],
  },
  {
    name: 'boosting',
    reasons: 'logit',
    params: { rounds: 25 },
    seeded: true,
    baseline: false,
    checksFeatureNames: true,
    badParams: [
      { params: { rounds: 0 }, field: 'rounds' },
      { params: { learningRate: 2 }, field: 'learningRate' },
      { params: { l2: -1 }, field: 'l2' },
    ],
  },
  {
    name: 'neural',
    reasons: 'none',
    params: { epochs: 5, hiddenLayers: [8], learningRate: 0.01, validationFraction: 0 }, // 1,400 rows: too few to stop early on
    seeded: true,
    baseline: false,
    checksFeatureNames: true,
    badParams: [
      { params: { hiddenLayers: [0] }, field: 'hiddenLayers' },
      { params: { dropout: 1 }, field: 'dropout' },
      { params: { epochs: 0 }, field: 'epochs' },
    ],
  },
  {
    name: 'random',
    reasons: 'none',
    params: {},
    seeded: true,
    baseline: true,
    checksFeatureNames: false,
    badParams: [{ params: { seed: 1 }, field: 'seed' }],
  },
  {
    name: 'oracle',
    reasons: 'none',
    params: {},
    seeded: false,
    baseline: true,
    checksFeatureNames: false,
    needsTruth: true,
    badParams: [{ params: { pTrue: 1 }, field: 'pTrue' }],
  },
];

describe('conformance cases', () => {
  it('cover every registered model, and only those', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual([...modelNames].sort());
  });
});

const data = conformanceData();
for (const c of CASES) conformanceSuite(c, data);
