/**
 * Rates by hand, and the zero-denominator rule: NaN (documented), never a
 * crash and never a silent 0. Hand values: a 2×2 table with tp 42, fp 58,
 * fn 10, tn 890 worked through on paper from the definitions in
 * Fawcett (2006) and Matthews (1975).
 */
import { describe, expect, it } from 'vitest';
import {
  RATE_NAMES,
  confusionFromCounts,
  confusionFromFlags,
  flagsPerTrueCase,
  mcc,
  rates,
} from '../../src/metrics/index.js';

describe('rates of a worked table (tp 42, fp 58, fn 10, tn 890; n 1,000)', () => {
  const r = rates(confusionFromCounts(42, 58, 10, 890));
  it.each([
    ['precision', 42 / 100],
    ['recall', 42 / 52],
    ['specificity', 890 / 948],
    ['fpr', 58 / 948],
    ['fnr', 10 / 52],
    ['npv', 890 / 900],
    ['fdr', 58 / 100],
    ['falseOmissionRate', 10 / 900],
    ['f1', 84 / 152],
    ['accuracy', 932 / 1000],
    ['balancedAccuracy', (42 / 52 + 890 / 948) / 2],
    ['mcc', (42 * 890 - 58 * 10) / Math.sqrt(100 * 52 * 948 * 900)],
    ['selectionRate', 0.1],
    ['prevalence', 0.052],
    ['flagsPerTrueCase', 100 / 42],
  ] as const)('%s', (name, value) => {
    expect(r[name]).toBeCloseTo(value, 15);
  });
  it('names every rate once', () => {
    expect(Object.keys(r)).toEqual([...RATE_NAMES]);
  });
});

describe('zero denominators give NaN', () => {
  it('no flags: precision, FDR, flags per true case are NaN; recall 0; F1 0 (defined)', () => {
    const r = rates(confusionFromCounts(0, 0, 5, 95));
    expect(r.precision).toBeNaN();
    expect(r.fdr).toBeNaN();
    expect(r.flagsPerTrueCase).toBeNaN();
    expect(r.mcc).toBeNaN();
    expect(r.recall).toBe(0);
    expect(r.f1).toBe(0);
    expect(r.selectionRate).toBe(0);
  });
  it('no positives: recall, FNR, balanced accuracy, MCC are NaN; F1 is NaN with no flags either', () => {
    const flagged = rates(confusionFromCounts(0, 3, 0, 97));
    expect(flagged.recall).toBeNaN();
    expect(flagged.fnr).toBeNaN();
    expect(flagged.balancedAccuracy).toBeNaN();
    expect(flagged.mcc).toBeNaN();
    expect(flagged.precision).toBe(0);
    expect(flagged.f1).toBe(0);
    expect(flagged.flagsPerTrueCase).toBeNaN();
    expect(rates(confusionFromCounts(0, 0, 0, 10)).f1).toBeNaN();
  });
  it('one class only (all positive): specificity and FPR are NaN', () => {
    const r = rates(confusionFromFlags(Uint8Array.from([1, 0, 1]), Uint8Array.from([1, 1, 1])));
    expect(r.specificity).toBeNaN();
    expect(r.fpr).toBeNaN();
    expect(r.prevalence).toBe(1);
  });
  it('everybody flagged: NPV and false omission rate are NaN', () => {
    const r = rates(confusionFromCounts(5, 95, 0, 0));
    expect(r.npv).toBeNaN();
    expect(r.falseOmissionRate).toBeNaN();
  });
  it('an empty table gives NaN for every rate', () => {
    const r = rates(confusionFromCounts(0, 0, 0, 0));
    for (const name of RATE_NAMES) expect(r[name], name).toBeNaN();
  });
  it('perfect and perfectly wrong MCC', () => {
    expect(mcc(confusionFromCounts(5, 0, 0, 5))).toBe(1);
    expect(mcc(confusionFromCounts(0, 5, 5, 0))).toBe(-1);
    expect(flagsPerTrueCase(confusionFromCounts(1, 9, 0, 0))).toBe(10);
  });
});
