import { describe, expect, it } from 'vitest';
import { parseClaim, parseFigure } from '../../src/claims/figures.js';
import { checkConsistency, tableVariables } from '../../src/claims/check.js';
import { QUANTITY } from '../../src/claims/quantities.js';
import { keySentences } from '../../src/claims/report.js';
import { RATE_FORMULAS } from '../../src/metrics/rates.js';
import { WORKED_EXAMPLES } from '../../src/claims/sources.js';

describe('published figures as intervals', () => {
  it('reads rounding, percentages, ranges, bounds and approximate counts', () => {
    expect(parseFigure('precision', '0.71')).toMatchObject({ lo: 0.705, hi: 0.715 });
    expect(parseFigure('baseRate', '0.1%').lo).toBeCloseTo(0.0005, 12);
    expect(parseFigure('baseRate', '0.1%').hi).toBeCloseTo(0.0015, 12);
    expect(parseFigure('flagged', '>1000')).toMatchObject({ lo: 1001, hi: Infinity });
    expect(parseFigure('population', '~350,000')).toMatchObject({ lo: 345000, hi: 355000 });
    expect(parseFigure('recall', '0.40-0.45')).toMatchObject({ lo: 0.4, hi: 0.45 });
    expect(parseFigure('mcc', '-0.1').lo).toBeCloseTo(-0.15, 12);
    expect(() => parseFigure('precision', '1.4')).toThrow(/precision must be a number in \[0, 1\]/);
    expect(() => parseClaim({ precison: '0.4' })).toThrow(/not a figure a claim can state/);
  });
});

describe('the table a claim implies', () => {
  it('agrees with the metrics module at integer tables', () => {
    const v = tableVariables(42, 58, 10, 890);
    for (const name of ['precision', 'recall', 'specificity', 'fpr', 'accuracy', 'f1', 'mcc', 'npv'] as const) {
      expect(QUANTITY[name](v)).toBeCloseTo(RATE_FORMULAS[name].f(42, 58, 10, 890), 12);
    }
  });

  it('gives back a hand-built table exactly (whole children)', () => {
    // tp 42, fp 58, fn 10, tn 890: precision 0.42, recall 42/52 = 0.8077 → "0.81", 100 flagged of 1,000.
    const c = checkConsistency(parseClaim({ precision: '0.42', recall: '0.81', population: '1000', flagged: '100' }));
    expect(c.consistent).toBe(true);
    expect(c.method).toBe('whole children');
    const r = c.implied!;
    expect([r.tp.lo, r.tp.hi, r.fp.lo, r.fp.hi, r.fn.lo, r.fn.hi, r.tn.lo, r.tn.hi]).toEqual([42, 42, 58, 58, 10, 10, 890, 890]);
    expect(r.mcc.lo).toBeCloseTo(RATE_FORMULAS.mcc.f(42, 58, 10, 890), 12);
  });

  it('ranges contain the true table of figures rounded from known tables', () => {
    // 12 tables with 200,000 children; every figure published to two decimals.
    let s = 7;
    const r = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 12; k++) {
      const n = 200_000;
      const positives = Math.round(n * (0.002 + 0.2 * r()));
      const tp = Math.round(positives * (0.1 + 0.8 * r()));
      const fp = Math.round((n - positives) * 0.05 * r());
      const t = { tp, fp, fn: positives - tp, tn: n - positives - fp };
      const rate = (m: 'precision' | 'recall' | 'accuracy') => RATE_FORMULAS[m].f(t.tp, t.fp, t.fn, t.tn).toFixed(2);
      const figures = parseClaim({ precision: rate('precision'), recall: rate('recall'), baseRate: (positives / n).toFixed(3) });
      const c = checkConsistency(figures);
      expect(c.consistent).toBe(true);
      const v = tableVariables(t.tp, t.fp, t.fn, t.tn);
      for (const q of ['flaggedShare', 'fpr', 'f1', 'mcc', 'listToPool', 'npv', 'accuracy'] as const) {
        const x = QUANTITY[q](v);
        expect(x, `${q} in table ${k}`).toBeGreaterThanOrEqual(c.implied![q].lo - 1e-9);
        expect(x, `${q} in table ${k}`).toBeLessThanOrEqual(c.implied![q].hi + 1e-9);
      }
    }
  });

  it('catches an MCC that no table with that precision and recall gives, and names it', () => {
    // MCC² = informedness × markedness ≤ (R)(P) here: √(0.405 · 0.505) = 0.452 < 0.595.
    const c = checkConsistency(parseClaim({ accuracy: '0.90', precision: '0.50', recall: '0.40', mcc: '0.60' }));
    expect(c.consistent).toBe(false);
    const conflict = c.conflicts[0];
    expect(conflict.figures).toEqual(['precision', 'recall', 'mcc']);
    const mcc = conflict.parts.find((p) => p.figure === 'mcc')!;
    expect(mcc.direction).toBe('high');
    expect(mcc.allowed.hi).toBeCloseTo(Math.sqrt(0.405 * 0.505), 3);
  });
});

describe('worked examples', () => {
  it('What Works: precision 0.42 and recall 0.21 mean a list about half the size of the group with the outcome', () => {
    const figures = parseClaim(WORKED_EXAMPLES.whatWorks);
    const c = checkConsistency(figures);
    expect(c.implied!.listToPool.lo).toBeCloseTo(0.205 / 0.425, 4);
    expect(c.implied!.listToPool.hi).toBeCloseTo(0.215 / 0.415, 4);
    expect(keySentences(figures, c)).toEqual([
      'Of every 100 children on the list, about 42 have the outcome and about 58 do not.',
      'Of every 100 children with the outcome, about 21 are on the list and about 79 are missed.',
      'The list is about half the size of the group of children who have the outcome: 0.48–0.52 children on it for each child with the outcome.',
      'F1, one score from 0 to 1 that combines precision and recall, is 0.27–0.29.',
    ]);
  });

  it('Bristol: more than 1,000 on a list of about 350,000 at a 0.1% base rate is at most 0.53 precise', () => {
    const figures = parseClaim(WORKED_EXAMPLES.bristol);
    const c = checkConsistency(figures);
    // precision ≤ true cases / flagged ≤ 0.0015 · 355,000 / 1,001 = 0.532
    expect(c.implied!.precision.hi).toBeCloseTo((0.0015 * 355000) / 1001, 3);
    expect(keySentences(figures, c)[0]).toBe(
      'Precision is at most 0.53: even if every child with the outcome were on the list, at least 468 of every 1,000 children on it would not have the outcome.',
    );
  });
});
