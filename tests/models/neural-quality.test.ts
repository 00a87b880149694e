import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { neural } from '../../src/models/neural.js';
import { createRandom } from '../../src/random/index.js';
import { auc } from '../fixtures/models/neural/auc.js';
import { fromCsv, slice, syntheticRisk, toCsv, TRAIN_ROWS } from '../fixtures/models/neural/synthetic.js';

const dir = new URL('../fixtures/models/neural/', import.meta.url);
const csv = readFileSync(new URL('synthetic.csv', dir), 'utf8');
const reference = JSON.parse(readFileSync(new URL('sklearn-auc.json', dir), 'utf8')) as {
  auc: { mean: number; sd: number };
  data: { trainRows: number; testRows: number };
};

describe('neural: held-out AUC against scikit-learn', () => {
  it('the committed CSV is what the seeded generator makes', () => {
    expect(toCsv(syntheticRisk())).toBe(csv);
  });

  it('the auc helper agrees with scikit-learn on a small case', () => {
    // scikit-learn 1.2.1 roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) → 0.75
    expect(auc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))).toBe(0.75);
    // ties count half: roc_auc_score([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]) → 0.875
    expect(auc(Float64Array.of(0.5, 0.5, 0.2, 0.9), Uint8Array.of(0, 1, 0, 1))).toBe(0.875);
  });

  it('defaults land within 0.02 of MLPClassifier (32, 16) on the same rows', async () => {
    const data = fromCsv(csv);
    expect(data.split.filter((s) => s === 'train')).toHaveLength(TRAIN_ROWS);
    const n = data.yRecorded.length;
    expect([TRAIN_ROWS, n - TRAIN_ROWS]).toEqual([reference.data.trainRows, reference.data.testRows]);
    const train = slice(data, 0, TRAIN_ROWS);
    const test = slice(data, TRAIN_ROWS, n);
    const fitted = await neural().fit(train, createRandom(1).fork('model:neural'));
    const ours = auc(fitted.predictProba(test.x), test.yRecorded);
    // sklearn-auc.json: scikit-learn 1.2.1 MLPClassifier((32, 16), relu, adam 0.001, batch 256,
    // 10 epochs), mean held-out AUC over random_state 0..9 (see sklearn_auc.py) → ≈ 0.779.
    expect(Math.abs(ours - reference.auc.mean)).toBeLessThanOrEqual(0.02);
  });
});
