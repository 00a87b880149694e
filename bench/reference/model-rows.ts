/**
 * The model rows of the reference comparison: each of our models against its
 * scikit-learn counterpart with the same settings, and the metrics sweep
 * against NumPy + scikit-learn. Settings on both sides are written here and
 * in sklearn_side.py; keep them in step.
 *
 * | row      | ours                                                        | scikit-learn 1.2.1                                                  |
 * | -------- | ----------------------------------------------------------- | ------------------------------------------------------------------- |
 * | logistic | `logistic()`: no penalty, exact Newton                       | `LogisticRegression(penalty=None, max_iter=1000)` (lbfgs)           |
 * | forest   | `forest()`: 100 trees, depth 12, leaves ≥ 20, √d features    | `RandomForestClassifier(100, max_depth=12, min_samples_leaf=20)`    |
 * | boosting | `boosting()`: 200 rounds, η 0.1, 31 leaves, depth 6, λ 1, early stopping 10 % / 10 rounds | `HistGradientBoostingClassifier` with the same |
 * | neural   | [32, 16] relu, Adam 0.001, batch 256, 10 epochs, no dropout, no early stopping | `MLPClassifier((32, 16), alpha=0, batch_size=256, max_iter=10)` |
 * | sweep    | `sweep(scores, yRecorded)` (every threshold, AUC, AP)       | `argsort` + `roc_auc_score` + `average_precision_score`             |
 *
 * Seeded models are fitted once per repeat with seeds 0, 1, 2… on both
 * sides; times are medians and AUCs means over the repeats.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sweep, rocAuc } from '../../src/metrics/index.js';
import { createModel } from '../../src/models/registry.js';
import type { FittedClassifier } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { cpuSeconds, cpuSecondsPerCall, type ReferenceContext } from './context.js';
import { registerReferenceRows, type Measured } from './rows.js';

/** The neural settings both sides share (scikit-learn's MLPClassifier has no dropout and, here, no early stopping). */
export const NEURAL_MATCHED = {
  hiddenLayers: [32, 16],
  activation: 'relu',
  epochs: 10,
  batchSize: 256,
  learningRate: 0.001,
  dropout: 0,
  validationFraction: 0,
} as const;

interface Fits {
  readonly fits: FittedClassifier[];
  readonly measured: Measured;
}

/** Fit `repeats` times (seed = repeat), timing each fit; AUC on the test rows. */
async function fitRepeats(context: ReferenceContext, name: string, params: unknown, note?: (f: FittedClassifier) => string): Promise<Fits> {
  const fits: FittedClassifier[] = [];
  const seconds: number[] = [];
  const auc: number[] = [];
  for (let seed = 0; seed < context.repeats; seed++) {
    const model = createModel(name, params);
    const { seconds: s, value } = await cpuSeconds(() => model.fit(context.train, createRandom(seed).fork(`model:${name}`)));
    fits.push(value);
    seconds.push(s);
    auc.push(rocAuc(value.predictProba(context.test), context.testYRecorded));
  }
  return { fits, measured: { seconds, auc, note: note?.(fits[0]) } };
}

/** One fit series per model and settings, shared by the rows that read it (fit, predict). */
const cache = new Map<string, Promise<Fits>>();
function fitsOf(context: ReferenceContext, key: string, name: string, params: unknown, note?: (f: FittedClassifier) => string): Promise<Fits> {
  if (!cache.has(key)) cache.set(key, fitRepeats(context, name, params, note));
  return cache.get(key)!;
}

const neuralNote = (f: FittedClassifier) => `engine ${(f as unknown as { training: { engine: string } }).training.engine}`;
const roundsNote = (f: FittedClassifier) => `${(f as unknown as { trees: unknown[] }).trees.length} rounds kept (first fit)`;

registerReferenceRows(
  {
    label: 'logistic fit',
    target: 0.6,
    aucTolerance: 1e-3,
    ours: async (c) => (await fitsOf(c, 'logistic', 'logistic', {})).measured,
    reference: { task: 'logistic', key: 'fit' },
  },
  {
    label: 'forest fit',
    target: 0.7,
    aucTolerance: 1e-3,
    ours: async (c) => (await fitsOf(c, 'forest', 'forest', { nTrees: 100 })).measured,
    reference: { task: 'forest', key: 'fit' },
  },
  {
    label: 'boosting fit',
    target: 1.1,
    aucTolerance: 1e-3,
    ours: async (c) => (await fitsOf(c, 'boosting', 'boosting', {}, roundsNote)).measured,
    reference: { task: 'boosting', key: 'fit' },
  },
  {
    label: 'neural fit',
    target: 1.0,
    aucTolerance: 5e-3,
    ours: async (c) => (await fitsOf(c, 'neural', 'neural', NEURAL_MATCHED, neuralNote)).measured,
    reference: { task: 'neural', key: 'fit' },
  },
  {
    label: 'neural predict (test rows)',
    target: 1.0,
    ours: async (c) => {
      const { fits } = await fitsOf(c, 'neural', 'neural', NEURAL_MATCHED, neuralNote);
      return { seconds: await cpuSecondsPerCall(() => fits[0].predictProba(c.test)), note: `${c.test.nRows.toLocaleString('en-GB')} rows` };
    },
    reference: { task: 'neural', key: 'predict' },
  },
  {
    label: 'neural predict (all rows)',
    target: 1.0,
    ours: async (c) => {
      const { fits } = await fitsOf(c, 'neural', 'neural', NEURAL_MATCHED, neuralNote);
      return { seconds: await cpuSecondsPerCall(() => fits[0].predictProba(c.all)), note: `${c.all.nRows.toLocaleString('en-GB')} rows` };
    },
    reference: { task: 'neural', key: 'predictAll' },
  },
  {
    label: 'neural fit, risklab defaults',
    aucTolerance: 5e-3,
    ours: async (c) => (await fitsOf(c, 'neural-defaults', 'neural', { hiddenLayers: [32, 16], epochs: 10 }, neuralNote)).measured,
    reference: { task: 'neural', key: 'fit' },
  },
  {
    label: 'sweep + AUC + AP',
    target: 0.3,
    aucTolerance: 1e-9,
    ours: async (c) => {
      const scores = await sweepScores(c);
      const s = sweep(scores, c.allYRecorded);
      return {
        seconds: await cpuSecondsPerCall(() => sweep(scores, c.allYRecorded)),
        auc: [s.auc],
        ap: [s.averagePrecision],
        note: `${scores.length.toLocaleString('en-GB')} scores (logistic, every row)`,
      };
    },
    prepare: async (c) => writeFileSync(join(c.exportDir, 'scores.f64'), new Uint8Array((await sweepScores(c)).buffer)),
    reference: { task: 'sweep', key: 'sweep' },
  },
);

/** The scores both sides sweep: our logistic fit's probabilities for every row, exported to scores.f64. */
export async function sweepScores(context: ReferenceContext): Promise<Float64Array> {
  const { fits } = await fitsOf(context, 'logistic', 'logistic', {});
  return fits[0].predictProba(context.all);
}
