/**
 * The one small-numbers rule (src/metrics/suppression.ts): which children a
 * rate rests on, when it is suppressed, and the reason printed beside it.
 * Expected values worked out by hand from the four cells.
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages, suppressionMessages as s } from '../../src/messages.js';
import { DEFAULT_MIN_COUNT, METRIC_NAMES, confusionFromCounts, rates, suppression, wholeChildren } from '../../src/metrics/index.js';

describe('suppression', () => {
  // 2 flagged cases, 1 false alarm, 40 missed, 900 correctly left alone: 3 flagged, 42 with the outcome, 901 without, 940 not flagged.
  const counts = { tp: 2, fp: 1, fn: 40, tn: 900 };
  it('withholds a rate resting on fewer children than the threshold, and says how many', () => {
    expect(suppression('precision', counts, 10)).toEqual({ suppressed: true, reason: 'suppressed: only 3 children flagged (a rate needs at least 10)' });
    expect(suppression('flagsPerTrueCase', counts, 10)).toEqual({ suppressed: true, reason: s.tooFew(s.share.found, 2, 10) });
    expect(suppression('f1', counts, 10).suppressed).toBe(true);
    expect(suppression('mcc', counts, 10).suppressed).toBe(true);
  });
  it('keeps rates whose denominators are large enough', () => {
    for (const rate of ['recall', 'fnr', 'fpr', 'specificity', 'npv', 'falseOmissionRate', 'auc', 'balancedAccuracy', 'accuracy', 'selectionRate', 'prevalence', 'brier', 'averagePrecision'] as const) {
      expect(suppression(rate, counts, 10), rate).toEqual({ suppressed: false });
    }
  });
  it('the threshold itself is enough: 10 children behind a rate are shown, 9 are not', () => {
    expect(suppression('recall', { tp: 4, fp: 0, fn: 6, tn: 50 }, 10).suppressed).toBe(false);
    expect(suppression('recall', { tp: 4, fp: 0, fn: 5, tn: 50 }, 10)).toEqual({ suppressed: true, reason: s.tooFew(s.share.positives, 9, 10) });
  });
  it('a rate with nobody behind it is "not defined", whatever the threshold — never precision 1.00', () => {
    const nobodyFlagged = { tp: 0, fp: 0, fn: 12, tn: 300 };
    expect(Number.isNaN(rates(confusionFromCounts(0, 0, 12, 300)).precision)).toBe(true);
    for (const min of [0, 1, 10]) {
      expect(suppression('precision', nobodyFlagged, min)).toEqual({ suppressed: true, reason: 'not defined: no children flagged' });
    }
    expect(suppression('recall', { tp: 0, fp: 5, fn: 0, tn: 5 }, 0).reason).toBe('not defined: no children with the outcome');
  });
  it('threshold 0 turns off suppression of small (non-empty) denominators', () => {
    expect(suppression('precision', counts, 0)).toEqual({ suppressed: false });
  });
  it('one child reads "1 child", a median count is rounded down in the reason, never up to the threshold', () => {
    expect(suppression('precision', { tp: 1, fp: 0, fn: 3, tn: 50 }, 10).reason).toBe('suppressed: only 1 child flagged (a rate needs at least 10)');
    expect(suppression('precision', { tp: 4.5, fp: 5, fn: 3, tn: 50 }, 10).reason).toBe('suppressed: only 9 children flagged (a rate needs at least 10)');
  });
  it('knows a denominator for every metric, defaults to 10, and rejects a bad threshold or name', () => {
    for (const metric of METRIC_NAMES) expect(() => suppression(metric, counts)).not.toThrow();
    expect(DEFAULT_MIN_COUNT).toBe(10);
    expect(suppression('precision', counts)).toEqual(suppression('precision', counts, 10));
    expect(() => suppression('precision', counts, 2.5)).toThrow(metricsMessages.badCount('minCount', 'a whole number ≥ 0', 2.5));
    expect(() => suppression('tp' as never, counts)).toThrow(/suppression rate must name a metric/);
  });
});

describe('wholeChildren', () => {
  it.each([
    [3940.5, 3940],
    [3941.5, 3942],
    [2.5, 2],
    [0.5, 0],
    [7, 7],
    [7.4, 7],
    [7.6, 8],
  ])('%f children → %i', (median, whole) => {
    expect(wholeChildren(median)).toBe(whole);
  });
});
