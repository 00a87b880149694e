/**
 * Known answers from scikit-learn. Every expected number here was computed
 * once by `/usr/bin/python3 tests/fixtures/metrics/make-expected.py`
 * (scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1, numpy seed 20240601) and
 * committed in tests/fixtures/metrics/sklearn-expected.json; agreement is
 * required to 1e-12. CI reads the JSON only and needs no Python.
 *
 * Functions used: roc_auc_score, average_precision_score,
 * precision_recall_curve, roc_curve (drop_intermediate False/True),
 * confusion_matrix, matthews_corrcoef, accuracy_score,
 * balanced_accuracy_score, precision_score, recall_score, f1_score,
 * brier_score_loss, log_loss, calibration_curve; scipy.stats.norm.ppf and
 * binomtest(...).proportion_ci(method="wilson"); numpy mean, std(ddof=1),
 * percentile.
 */
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  atThreshold,
  balancedAccuracy,
  brierScore,
  calibrationTable,
  confusionAtThreshold,
  f1,
  logLoss,
  mcc,
  normalQuantile,
  precision,
  precisionRecallCurve,
  recall,
  rocCurve,
  summarizeReplicates,
  sweep,
  wilson,
} from '../../src/metrics/index.js';
import { expectAllClose, expectClose, readFixture } from './helpers.js';

interface AtThreshold {
  threshold: number;
  confusionMatrix: [[number, number], [number, number]];
  mcc: number;
  accuracy: number;
  balancedAccuracy: number;
  recall: number;
  precision?: number;
  f1?: number;
}
interface Case {
  name: string;
  scores: number[];
  labels: number[];
  rocAuc: number;
  averagePrecision: number;
  precisionRecallCurve: { precision: number[]; recall: number[]; thresholds: number[] };
  rocCurve: { fpr: number[]; tpr: number[]; thresholds: number[] };
  rocCurveDropped: { fpr: number[]; tpr: number[]; thresholds: number[] };
  atThresholds: AtThreshold[];
  brierScore: number;
  logLoss: number;
  calibrationCurve?: { observed: number[]; predicted: number[] };
}
interface Fixture {
  provenance: string;
  cases: Case[];
  normalQuantile: { p: number; z: number }[];
  wilson: { successes: number; trials: number; confidence: number; lower: number; upper: number }[];
  summary: { values: number[]; mean: number; sd: number; q025: number; q975: number };
}

const fixture = readFixture<Fixture>('sklearn-expected.json');
const reversed = (a: ArrayLike<number>) => Array.from(a).reverse();

describe('fixture', () => {
  it('says where its numbers came from', () => {
    expect(fixture.provenance).toContain('scikit-learn 1.2.1');
    expect(fixture.cases.map((c) => c.name)).toEqual(['docstring', 'continuous', 'ties', 'heavyTies', 'allEqual', 'imbalanced']);
  });
});

describe.each(fixture.cases)('scikit-learn case $name', (c) => {
  const scores = Float64Array.from(c.scores);
  const labels = Uint8Array.from(c.labels);
  const s = sweep(scores, labels);

  it('roc_auc_score', () => expectClose(s.auc, c.rocAuc, 1e-12, 'auc'));
  it('average_precision_score', () => expectClose(s.averagePrecision, c.averagePrecision, 1e-12, 'ap'));

  it('precision_recall_curve (same points; scikit-learn lists them ascending with the anchor last)', () => {
    const pr = precisionRecallCurve(s);
    expectAllClose(reversed(pr.precision), c.precisionRecallCurve.precision, 1e-12, 'precision');
    expectAllClose(reversed(pr.recall), c.precisionRecallCurve.recall, 1e-12, 'recall');
    expectAllClose(reversed(pr.thresholds.subarray(1)), c.precisionRecallCurve.thresholds, 0, 'thresholds');
  });

  it('roc_curve, all points and with drop_intermediate', () => {
    const all = rocCurve(s);
    expectAllClose(all.fpr, c.rocCurve.fpr, 1e-12, 'fpr');
    expectAllClose(all.tpr, c.rocCurve.tpr, 1e-12, 'tpr');
    expectAllClose(all.thresholds.subarray(1), c.rocCurve.thresholds, 0, 'thresholds');
    const dropped = rocCurve(s, { dropIntermediate: true });
    expectAllClose(dropped.fpr, c.rocCurveDropped.fpr, 1e-12, 'fpr dropped');
    expectAllClose(dropped.tpr, c.rocCurveDropped.tpr, 1e-12, 'tpr dropped');
    expectAllClose(dropped.thresholds.subarray(1), c.rocCurveDropped.thresholds, 0, 'thresholds dropped');
  });

  it.each(c.atThresholds)('confusion_matrix and rates at threshold $threshold', (e) => {
    const [[tn, fp], [fn, tp]] = e.confusionMatrix;
    const direct = confusionAtThreshold(scores, labels, e.threshold);
    const fromSweep = atThreshold(s, e.threshold).confusion;
    for (const conf of [direct, fromSweep]) {
      expect({ tn: conf.tn, fp: conf.fp, fn: conf.fn, tp: conf.tp }).toEqual({ tn, fp, fn, tp });
      expectClose(accuracy(conf), e.accuracy, 1e-12, 'accuracy');
      expectClose(recall(conf), e.recall, 1e-12, 'recall');
      if (e.precision !== undefined) expectClose(precision(conf), e.precision, 1e-12, 'precision');
      if (e.f1 !== undefined) expectClose(f1(conf), e.f1, 1e-12, 'f1');
      // matthews_corrcoef returns 0 where a margin is empty; risklab returns NaN there (documented).
      if (tp + fp > 0 && tn + fn > 0 && tp + fn > 0 && tn + fp > 0) expectClose(mcc(conf), e.mcc, 1e-12, 'mcc');
      else expect(mcc(conf)).toBeNaN();
      // balanced_accuracy_score averages the classes present; both classes are present in every case.
      expectClose(balancedAccuracy(conf), e.balancedAccuracy, 1e-12, 'balanced accuracy');
    }
  });

  it('brier_score_loss and log_loss', () => {
    expectClose(brierScore(scores, labels), c.brierScore, 1e-12, 'brier');
    expectClose(logLoss(scores, labels), c.logLoss, 1e-12, 'log loss');
  });
});

// calibration_curve only for continuous cases: scikit-learn 1.2 puts a score
// lying exactly on an inner edge in the lower bin; risklab puts it in the upper.
describe.each(fixture.cases.filter((c) => c.calibrationCurve !== undefined))('scikit-learn case $name', (c) => {
  it('calibration_curve (non-empty bins of the tenths table)', () => {
    const table = calibrationTable(Float64Array.from(c.scores), Uint8Array.from(c.labels)).filter((b) => b.n > 0);
    expectAllClose(table.map((b) => b.observedRate), c.calibrationCurve!.observed, 1e-12, 'observed');
    expectAllClose(table.map((b) => b.meanPredicted), c.calibrationCurve!.predicted, 1e-12, 'predicted');
  });
});

describe('scipy and numpy oracles', () => {
  it.each(fixture.normalQuantile)('norm.ppf($p)', ({ p, z }) => expectClose(normalQuantile(p), z, 1e-12 * Math.max(1, Math.abs(z))));

  it.each(fixture.wilson)('binomtest($successes, $trials).proportion_ci(wilson, $confidence)', (w) => {
    const interval = wilson(w.successes, w.trials, w.confidence);
    expectClose(interval.lower, w.lower, 1e-12, 'lower');
    expectClose(interval.upper, w.upper, 1e-12, 'upper');
    expectClose(interval.estimate, w.successes / w.trials, 0, 'estimate');
  });

  it('mean, std(ddof=1), percentile(2.5, 97.5) across replicates', () => {
    const summary = summarizeReplicates(fixture.summary.values);
    expectClose(summary.mean, fixture.summary.mean, 1e-12, 'mean');
    expectClose(summary.sd, fixture.summary.sd, 1e-12, 'sd');
    expectClose(summary.lower, fixture.summary.q025, 1e-12, 'q025');
    expectClose(summary.upper, fixture.summary.q975, 1e-12, 'q975');
    expect(summary.count).toBe(257);
  });
});
