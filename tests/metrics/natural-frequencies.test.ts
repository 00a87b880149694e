/**
 * Natural frequencies and icon arrays: exact sentences for worked tables,
 * honest rounding (parts add up, "about" when rounded, "fewer than 1" when a
 * real count rounds to 0, the real denominator stated when scaled), and
 * documented text where a denominator is 0.
 */
import { describe, expect, it } from 'vitest';
import { suppressionMessages, metricsMessages } from '../../src/messages.js';
import {
  ICON_CATEGORIES,
  confusionFromCounts,
  formatCount,
  iconArray,
  naturalFrequencies,
  roundToTotal,
} from '../../src/metrics/index.js';

describe('numbers', () => {
  it('formatCount groups thousands the same on every machine', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-4200)).toBe('-4,200');
  });
  it('roundToTotal: largest remainders, adding up exactly', () => {
    expect(roundToTotal([42, 58], 10)).toEqual([4, 6]);
    expect(roundToTotal([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(roundToTotal([1, 999], 10)).toEqual([0, 10]);
    expect(roundToTotal([0, 0], 10)).toEqual([0, 0]);
    const r = roundToTotal([3, 7, 11, 13, 17], 100);
    expect(r.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('natural-frequency sentences', () => {
  it('the worked example from the issue', () => {
    const f = naturalFrequencies(confusionFromCounts(420, 580, 1680, 97320));
    expect(f.sentences).toEqual([
      'Of 1,000 children flagged, 420 are at risk and 580 are not.',
      'Of every 10 children at risk, 2 are flagged and 8 are missed (out of 2,100 children in all).',
      'Of every 1,000 children not at risk, about 6 are flagged and about 994 are not (out of 97,900 children in all).',
    ]);
    expect(f.flagged).toMatchObject({ denominator: 1000, base: 1000, exact: true });
    expect(f.atRisk).toMatchObject({ denominator: 2100, base: 10, exact: true });
    expect(f.notAtRisk!.exact).toBe(false);
  });

  it('says "about" when rounding changed a number, and "fewer than 1" when a real count rounds to 0', () => {
    const f = naturalFrequencies(confusionFromCounts(3, 97, 337, 9563));
    expect(f.sentences[1]).toBe('Of every 10 children at risk, fewer than 1 is flagged and about 10 are missed (out of 340 children in all).');
    expect(f.atRisk!.parts[0]).toMatchObject({ actual: 3, scaled: 0, roundedToZero: true });
    const g = naturalFrequencies(confusionFromCounts(1, 2, 4, 3), { minCount: 0 });
    expect(g.sentences[0]).toBe('Of 3 children flagged, 1 is at risk and 2 are not.');
    expect(g.sentences[1]).toBe('Of every 10 children at risk, 2 are flagged and 8 are missed (out of 5 children in all).');
  });

  it('withholds a statement resting on fewer than minCount children (default 10), with the reason; never "1,000 of 1"', () => {
    const one = naturalFrequencies(confusionFromCounts(1, 0, 40, 900), { flaggedPer: 1000 });
    expect(one.flagged).toBeNull();
    expect(one.suppressed.flagged).toBe(suppressionMessages.tooFew(suppressionMessages.share.flagged, 1, 10));
    expect(one.sentences[0]).toBe('Suppressed: only 1 child flagged (a rate needs at least 10).');
    expect(one.sentences.join(' ')).not.toMatch(/1,000 are at risk|out of 1 children/);
    expect(one.atRisk!.text).toBe('Of every 10 children at risk, fewer than 1 is flagged and about 10 are missed (out of 41 children in all).');
    const small = naturalFrequencies(confusionFromCounts(3, 4, 2, 900), { minCount: 10 });
    expect(small.suppressed).toEqual({ flagged: suppressionMessages.tooFew(suppressionMessages.share.flagged, 7, 10), atRisk: suppressionMessages.tooFew(suppressionMessages.share.positives, 5, 10) });
    expect(naturalFrequencies(confusionFromCounts(3, 4, 2, 900), { minCount: 5 }).suppressed).toEqual({});
    // Without suppression, one child reads "1 child", never "1 children".
    expect(naturalFrequencies(confusionFromCounts(1, 0, 40, 900), { flaggedPer: 1000, minCount: 0 }).sentences[0]).toBe('Of every 1,000 children flagged, 1,000 are at risk and 0 are not (out of 1 child in all).');
  });

  it("speaks the experiment's outcome words when given, singular for one", () => {
    const outcome = { cases: 'children whose cases escalate', case: 'a child whose case escalates', nonCases: 'children whose cases do not escalate' };
    const f = naturalFrequencies(confusionFromCounts(42, 58, 168, 9732), { outcome });
    expect(f.sentences).toEqual([
      'Of 100 children flagged, 42 are children whose cases escalate and 58 are not.',
      'Of every 10 children whose cases escalate, 2 are flagged and 8 are missed (out of 210 children in all).',
      'Of every 1,000 children whose cases do not escalate, about 6 are flagged and about 994 are not (out of 9,790 children in all).',
    ]);
    expect(naturalFrequencies(confusionFromCounts(1, 19, 30, 900), { outcome }).sentences[0]).toBe('Of 20 children flagged, 1 is a child whose case escalates and 19 are not.');
  });

  it('parts always add up to the stated base', () => {
    for (const [tp, fp, fn, tn] of [[1, 2, 3, 4], [17, 5, 80, 900], [333, 333, 334, 0], [1, 0, 0, 0]]) {
      const f = naturalFrequencies(confusionFromCounts(tp, fp, fn, tn), { flaggedPer: 100, atRiskPer: 1000, minCount: 0 });
      for (const st of [f.flagged, f.atRisk, f.notAtRisk]) {
        if (st) expect(st.parts[0].scaled + st.parts[1].scaled).toBe(st.base);
      }
    }
  });

  it('takes the words for the label (e.g. recorded outcomes) and the scale', () => {
    const f = naturalFrequencies(confusionFromCounts(42, 58, 10, 890), {
      positive: 'recorded as at risk',
      atRiskPer: 'actual',
      noun: 'pupils',
    });
    expect(f.sentences[0]).toBe('Of 100 pupils flagged, 42 are recorded as at risk and 58 are not.');
    expect(f.sentences[1]).toBe('Of 52 pupils recorded as at risk, 42 are flagged and 10 are missed.');
    expect(f.sentences[2]).toBe(
      'Of every 1,000 pupils not recorded as at risk, about 61 are flagged and about 939 are not (out of 948 pupils in all).',
    );
  });

  it('zero denominators give a plain sentence and a null statement', () => {
    const f = naturalFrequencies(confusionFromCounts(0, 0, 0, 50));
    expect(f.flagged).toBeNull();
    expect(f.atRisk).toBeNull();
    expect(f.sentences.slice(0, 2)).toEqual(['No children are flagged.', 'No children are at risk.']);
    expect(naturalFrequencies(confusionFromCounts(5, 0, 0, 0)).sentences[2]).toBe('All children are at risk.');
    expect(() => naturalFrequencies(confusionFromCounts(1, 1, 1, 1), { atRiskPer: 0 })).toThrow(
      metricsMessages.badCount('atRiskPer', 'a whole number ≥ 1', 0),
    );
  });
});

describe('icon arrays', () => {
  it('100 icons, grouped by category, counts adding up, hidden categories named', () => {
    const a = iconArray(confusionFromCounts(420, 580, 1680, 97320))!;
    expect(a.counts).toEqual([0, 1, 2, 97]);
    expect(a.roundedToZero).toEqual(['flagged, at risk']);
    expect(a.cells.length).toBe(100);
    expect([a.rows, a.columns]).toEqual([10, 10]);
    expect(a.cells[0]).toEqual({ index: 0, row: 0, column: 0, category: 'flagged, not at risk', flagged: true, atRisk: false });
    expect(a.cells[1]).toMatchObject({ category: 'missed', flagged: false, atRisk: true });
    expect(a.cells[99]).toMatchObject({ row: 9, column: 9, category: 'not flagged, not at risk' });
  });
  it('1,000 icons in 20 rows of 50', () => {
    const a = iconArray(confusionFromCounts(42, 58, 10, 890), { size: 1000 })!;
    expect(a.counts).toEqual([42, 58, 10, 890]);
    expect([a.rows, a.columns]).toEqual([20, 50]);
    expect(a.roundedToZero).toEqual([]);
    expect(ICON_CATEGORIES.map((c) => a.cells.filter((x) => x.category === c).length)).toEqual(a.counts);
  });
  it('an empty table has no picture (null)', () => {
    expect(iconArray(confusionFromCounts(0, 0, 0, 0))).toBeNull();
  });
});
