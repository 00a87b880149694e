import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { resultIndex } from '../../src/experiment/result-index.js';
import { operatingPointName, operatingPointWords } from '../../src/experiment/names.js';
import { planList } from '../../src/experiment/list/settings.js';
import { drawCohorts } from '../../src/experiment/stages/cohorts.js';
import { drawFolds } from '../../src/experiment/stages/folds.js';
import { measureModels } from '../../src/experiment/stages/measure.js';
import { scoreModels } from '../../src/experiment/stages/score.js';
import { testSet } from '../../src/experiment/stages/test-set.js';
import type { ModelRow } from '../../src/experiment/task.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { RisklabError, experimentMessages, metricsMessages, trainCutMessages as tc } from '../../src/messages.js';
import { evaluate } from '../../src/metrics/evaluate.js';
import { median } from '../../src/metrics/index.js';
import { buildFeatures } from '../../src/models/features.js';
import { captureCli } from '../cli/capture.js';

/**
 * Operating points whose cut is chosen on the training rows (`on: 'train'`,
 * named "train:<point>"): the cut is resolved on each model's in-sample
 * training scores against its training label, then applied to the test set
 * as a fixed threshold.
 */

const TRAIN_PRECISION = { rule: 'precision', value: 0.3, on: 'train' } as const;
const TRAIN_RECALL = { rule: 'recall', value: 0.5, on: 'train' } as const;
const TRAIN_TOP = { rule: 'topK', value: 150, on: 'train' } as const;

/** Two groups, two cohorts (train on the first year, test on the second), a calibrated model and an overfit forest. */
const experiment = {
  name: 'train-cut',
  question: 'Does a cut chosen on the training year hold next year?',
  seed: 13,
  scenarios: [{ label: 'two', preset: 'two-groups', overrides: { population: { size: 2500 }, cohorts: { count: 2 } } }],
  models: [{ name: 'logistic' }, { name: 'forest', label: 'overfit', params: { nTrees: 5, minLeafSize: 1, maxDepth: 40 } }],
  split: { kind: 'cohort', train: 1, test: 2 },
  operatingPoints: [{ rule: 'threshold', value: 0.5 }, TRAIN_PRECISION, TRAIN_RECALL, TRAIN_TOP],
  replicates: 2,
};
const resolve = (input: unknown) => resolveExperiment(input, { loadPreset: (p) => loadScenarioInput(p) });

/** Rows of one model at one operating point, without the fields that name them (model, point, cut). */
const strip = (rows: readonly object[]) =>
  rows.map((r) => {
    const { model: _m, baseline: _b, operatingPoint: _o, cutThreshold: _c, cutTieRowLimit: _t, ...rest } = r as ModelRow;
    return rest;
  });

/** Precision and recall of "score ≥ cut" on the given rows, counted from scratch. */
function ratesAt(scores: Float64Array, label: Uint8Array, cut: number) {
  let flagged = 0;
  let tp = 0;
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    positives += label[i];
    if (scores[i] >= cut) {
      flagged++;
      tp += label[i];
    }
  }
  return { flagged, precision: tp / flagged, recall: tp / positives };
}

describe('names and words', () => {
  it('train:<point>, and the test name unchanged without on or with on: test', () => {
    expect(operatingPointName({ rule: 'precision', value: 0.65, on: 'train' })).toBe('train:precision=0.65');
    expect(operatingPointName({ rule: 'topK', value: 1000, on: 'train' })).toBe('train:topK=1000');
    expect(operatingPointName({ rule: 'precision', value: 0.65, on: 'test' })).toBe('precision=0.65');
    expect(operatingPointName({ rule: 'precision', value: 0.65 })).toBe('precision=0.65');
  });

  it('plain words say the cut came from the training year', () => {
    expect(operatingPointWords('train:precision=0.65')).toBe('the cut that gave 65% precision on the training year');
    expect(operatingPointWords('train:recall=0.5')).toBe('the cut that caught 50% of recorded cases in the training year');
    expect(operatingPointWords('train:topK=1000')).toBe('the lowest score of the top 1,000 children in the training year, used as a threshold');
    expect(operatingPointWords('train:topShare=0.05')).toBe('the lowest score of the top 5% of children in the training year, used as a threshold');
    // The test-set words are unchanged.
    expect(operatingPointWords('precision=0.65')).toBe('a cut set for 65% precision on the records');
  });
});

describe('the cut is chosen on the training rows and used on the test set', () => {
  it('scores the training rows in sample, reaches each target there, and judges the test set as a threshold at that cut', async () => {
    const resolved = resolve(experiment);
    const task = { index: 0, cell: 0, replicate: 0 };
    const cohorts = drawCohorts(resolved, task);
    const plan = drawFolds(resolved, task, cohorts);
    const test = testSet(resolved, cohorts, plan);
    const scored = await scoreModels(resolved, cohorts, plan);
    const measured = measureModels(resolved, task, test, scored, { curves: false, equalRisk: false });
    const trainRows = plan.folds[0].train;
    for (const m of scored) {
      // In sample: the fitted model's own scores on its training rows, and the label it was trained on.
      expect(m.train, m.label).not.toBeNull();
      const train = m.train!;
      expect(Array.from(train.label)).toEqual(Array.from(trainRows, (r) => cohorts.train.records.yRecorded[r]));
      expect(Array.from(train.scores)).toEqual(Array.from(m.fitted[0].predictProba(buildFeatures(cohorts.train.records, { rows: trainRows }))));
      const rowsAt = (point: string) => measured.rows.filter((r) => r.model === m.label && r.operatingPoint === point);
      const cutOf = (point: string) => {
        const cuts = new Set(rowsAt(point).map((r) => r.cutThreshold));
        expect(cuts.size, `${m.label} ${point}: one cut on every row`).toBe(1);
        const [cut] = cuts;
        expect(Number.isFinite(cut), `${m.label} ${point}: reachable`).toBe(true);
        expect(rowsAt(point).every((r) => r.cutTieRowLimit === Infinity)).toBe(true);
        return cut;
      };
      const distinctBelow = (cut: number) => [...new Set(train.scores)].filter((s) => s < cut).sort((a, b) => b - a)[0];

      // precision: met on the training rows, and the longest such list (the next lower score misses it).
      const p = cutOf('train:precision=0.3');
      expect(ratesAt(train.scores, train.label, p).precision).toBeGreaterThanOrEqual(0.3);
      const below = distinctBelow(p);
      if (below !== undefined) {
        const lower = [...new Set(train.scores)].filter((s) => s <= below);
        for (const s of lower) expect(ratesAt(train.scores, train.label, s).precision, `${m.label}: score ${s}`).toBeLessThan(0.3);
      }
      // recall: met on the training rows, and the highest cut that meets it.
      const r = cutOf('train:recall=0.5');
      expect(ratesAt(train.scores, train.label, r).recall).toBeGreaterThanOrEqual(0.5);
      const above = [...new Set(train.scores)].filter((s) => s > r);
      for (const s of above) expect(ratesAt(train.scores, train.label, s).recall).toBeLessThan(0.5);
      // topK: the score of the 150th training child: at least 150 score that or more, fewer than 150 above it.
      const k = cutOf('train:topK=150');
      expect(ratesAt(train.scores, train.label, k).flagged).toBeGreaterThanOrEqual(150);
      expect(train.scores.filter((s) => s > k).length).toBeLessThan(150);

      // On the test set, every row (both labels, everyone and each group) equals a plain threshold point at that cut.
      for (const [point, cut] of [['train:precision=0.3', p], ['train:recall=0.5', r], ['train:topK=150', k]] as const) {
        const plain = evaluate(m.scores, { yRecorded: test.yRecorded, yTrue: test.yTrue }, { groups: test.groups, operatingPoints: [{ rule: 'threshold', value: cut }] });
        expect(rowsAt(point).length).toBeGreaterThan(0);
        expect(strip(rowsAt(point)), `${m.label} ${point}`).toEqual(strip(plain));
        expect(plain.every((x) => x.cutThreshold === cut)).toBe(true);
      }
    }
    // The overfit forest's in-sample cut is not the cut the test year would give: that is the mechanism.
    const forest = scored.find((m) => m.label === 'overfit')!;
    const testChosen = evaluate(forest.scores, { yRecorded: test.yRecorded, yTrue: test.yTrue }, { operatingPoints: [{ rule: 'precision', value: 0.3 }] })[0].cutThreshold;
    expect(measured.rows.find((x) => x.model === 'overfit' && x.operatingPoint === 'train:precision=0.3')!.cutThreshold).not.toBe(testChosen);
  });

  it('does no extra work without such a point: the training rows are not scored', async () => {
    const resolved = resolve({ ...experiment, operatingPoints: [{ rule: 'threshold', value: 0.5 }, { rule: 'precision', value: 0.3 }] });
    const task = { index: 0, cell: 0, replicate: 0 };
    const cohorts = drawCohorts(resolved, task);
    const scored = await scoreModels(resolved, cohorts, drawFolds(resolved, task, cohorts));
    expect(scored.map((m) => m.train)).toEqual([null, null]);
  });

  it('evaluate refuses a training-row point without the training rows', () => {
    const go = () => evaluate(new Float64Array([0.2, 0.8]), { yRecorded: new Uint8Array([0, 1]), yTrue: new Uint8Array([0, 1]) }, { operatingPoints: [TRAIN_PRECISION] });
    expect(go).toThrow(RisklabError);
    expect(go).toThrow(metricsMessages.noTrainingRows('train:precision=0.3'));
  });

  it('a target the training rows cannot meet gives NaN rows (no cut), like one the test set cannot', () => {
    const rows = evaluate(
      new Float64Array([0.2, 0.8, 0.5]),
      { yRecorded: new Uint8Array([0, 1, 1]), yTrue: new Uint8Array([0, 1, 1]) },
      { operatingPoints: [TRAIN_PRECISION], metrics: ['precision'], train: { scores: new Float64Array([0.9, 0.1]), label: new Uint8Array([0, 0]) } },
    );
    expect(rows.map((r) => [r.operatingPoint, r.cutThreshold, r.value])).toEqual([
      ['train:precision=0.3', NaN, NaN],
      ['train:precision=0.3', NaN, NaN],
    ]);
  });
});

describe('findings read a train: point', () => {
  it('a selection by its name evaluates to the median of its rows; an unknown one lists the known names', async () => {
    const input = {
      ...experiment,
      findings: [
        { id: 'held', claim: '{model}: precision against {label} at {op}', select: { model: 'logistic', label: 'yRecorded', operatingPoint: 'train:precision=0.3', metric: 'precision' } },
        { id: 'gap', claim: '{model}: share of the gap at {op}', select: { model: 'overfit', label: 'yRecorded', operatingPoint: 'train:precision=0.3', metric: 'precision' }, derive: { kind: 'gapShare', from: 0.5, to: 0.42 } },
      ],
      headline: 'At the training cut the model is right {held|percent} of the time.',
    };
    const resolved = resolve(input);
    const { result } = await runExperiment(resolved, { workers: 1 });
    const values = (model: string) => resultIndex(result).points({ cell: 0, model, label: 'yRecorded', operatingPoint: 'train:precision=0.3' }).map((p) => p.values.precision);
    const held = result.findings.findings.find((f) => f.id === 'held')!;
    expect(held.claim).toBe('logistic: precision against the records at the cut that gave 30% precision on the training year');
    expect(held.median).toBeCloseTo(median(values('logistic')), 12);
    const gap = result.findings.findings.find((f) => f.id === 'gap')!;
    expect(Number.isFinite(gap.median) && Number.isFinite(held.median)).toBe(true);
    expect(gap.median).toBeCloseTo(median(values('overfit').map((v) => (0.5 - v) / 0.08)), 12);
    expect(result.operatingPoints).toEqual(['threshold=0.5', 'train:precision=0.3', 'train:recall=0.5', 'train:topK=150']);

    const bad = { ...input, findings: [{ ...input.findings[0], select: { ...input.findings[0].select, operatingPoint: 'train:precision=0.7' } }], headline: '' };
    expect(() => resolve(bad)).toThrow(experimentMessages.unknown('findings[0].select.operatingPoint', 'train:precision=0.7', result.operatingPoints));
  });

  it('is never the list by default (naming it as the list is refused: below)', () => {
    const parsed = resolve({ ...experiment, operatingPoints: [TRAIN_TOP, { rule: 'threshold', value: 0.3 }] }).experiment;
    expect(planList(parsed).list?.name).toBe('threshold=0.3');
  });
});

describe('refusals: one line naming the field, exit 2 (through the CLI)', () => {
  const io = captureCli('risklab-train-cut-');
  const run = async (patch: Record<string, unknown>) => {
    const path = join(io.dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...experiment, replicates: 1, ...patch }));
    const code = await main(['run', path, '--out', join(io.dir, 'out')]);
    return { code, lines: io.stderr.split('\n').filter(Boolean) };
  };
  const expectRefused = async (patch: Record<string, unknown>, message: string | RegExp) => {
    const { code, lines } = await run(patch);
    expect(lines, io.stderr).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toBe(`risklab: ${message}`);
    else expect(lines[0]).toMatch(message);
    expect(io.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(code).toBe(2);
  };

  it("on: 'train' with rule threshold (the cut is the same everywhere)", async () => {
    await expectRefused(
      { operatingPoints: [{ rule: 'threshold', value: 0.5 }, { rule: 'threshold', value: 0.4, on: 'train' }] },
      /^risklab: operatingPoints\[1\]\.on must be 'test': a threshold is the same cut on the training and the test rows.*; got "train"$/,
    );
  });

  it('an on that is neither test nor train', async () => {
    await expectRefused({ operatingPoints: [{ rule: 'precision', value: 0.5, on: 'next year' }] }, /^risklab: operatingPoints\[0\]\.on must be 'test' \(.*\) or 'train' \(.*\); got "next year"$/);
  });

  it('in an experiment with rounds', async () => {
    await expectRefused({ split: { kind: 'all' }, rounds: { count: 2 } }, tc.withRounds('operatingPoints[1].on'));
  });

  it('with a k-fold split, or a grid cell that tests on its training rows', async () => {
    await expectRefused({ split: { kind: 'kfold', k: 3 } }, tc.needsHeldOut('operatingPoints[1].on', 'split', 'kfold'));
    io.stderr = '';
    await expectRefused(
      { grid: [{ label: 'next year', overrides: {} }, { label: 'in sample', overrides: {}, split: { kind: 'all' } }] },
      tc.needsHeldOut('operatingPoints[1].on', 'grid[1].split', 'all'),
    );
  });

  it('as list.operatingPoint', async () => {
    await expectRefused({ list: { operatingPoint: 'train:topK=150' } }, tc.notList('list.operatingPoint', 'train:topK=150'));
  });
});
