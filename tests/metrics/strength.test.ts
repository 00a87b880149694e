/**
 * Strength words on the documented default scale (an assumption: equal
 * fifths), custom scales, and named criteria such as the What Works
 * "precision ≥ 0.65".
 */
import { describe, expect, it } from 'vitest';
import { messages, metricsMessages } from '../../src/messages.js';
import {
  DEFAULT_STRENGTH_SCALE,
  METRIC_NAMES,
  checkCriterion,
  confusionFromCounts,
  parseCriterion,
  rates,
  strengthScale,
  strengthWord,
} from '../../src/metrics/index.js';

describe('strength words', () => {
  it.each([
    [0, 'very weak'],
    [0.19, 'very weak'],
    [0.1999, 'very weak'],
    [0.2, 'weak'],
    [0.39, 'weak'],
    [0.48, 'weak'],
    [0.4999, 'weak'],
    [0.5, 'moderate'],
    [0.64, 'moderate'],
    [0.65, 'strong'],
    [0.79, 'strong'],
    [0.8, 'very strong'],
    [1, 'very strong'],
  ])('default scale: %f is %s', (value, word) => {
    expect(strengthWord(value)).toBe(word);
  });
  it('precision below 0.5 (wrong more often than right) is never "moderate" or better', () => {
    for (let v = 0; v < 0.5; v += 0.001) expect(['very weak', 'weak']).toContain(strengthWord(v));
  });
  it('NaN and values off the scale have no word (null)', () => {
    expect(strengthWord(NaN)).toBeNull();
    expect(strengthWord(-0.1)).toBeNull();
    expect(strengthWord(1.01)).toBeNull();
  });
  it('a custom scale, e.g. for AUC where 0.5 is chance', () => {
    const auc = strengthScale([
      { from: 0.5, word: 'no better than chance' },
      { from: 0.6, word: 'poor' },
      { from: 0.7, word: 'fair' },
      { from: 0.8, word: 'good' },
    ]);
    expect(strengthWord(0.55, auc)).toBe('no better than chance');
    expect(strengthWord(0.83, auc)).toBe('good');
    expect(strengthWord(0.4, auc)).toBeNull();
  });
  it('rejects malformed scales', () => {
    expect(() => strengthScale([])).toThrow(metricsMessages.badScale('needs at least one band'));
    expect(() => strengthScale([{ from: 0.5, word: 'a' }, { from: 0.5, word: 'b' }])).toThrow(
      metricsMessages.badScale('bands must ascend; band 2 starts at 0.5, not above 0.5'),
    );
    expect(() => strengthScale([{ from: 0, word: ' ' }])).toThrow(metricsMessages.badScale('band 1 needs a word'));
    expect(() => strengthScale([{ from: 0, word: 'x' }], 0)).toThrow(/max must be above/);
  });
  it('the default has five bands', () => {
    expect(DEFAULT_STRENGTH_SCALE.bands.map((b) => b.word)).toEqual(['very weak', 'weak', 'moderate', 'strong', 'very strong']);
  });
});

/** The What Works for Children's Social Care pre-set bar, as quoted in risklab issue 4 (an experiment's criterion, so it lives with the tests, not in src/). */
const WHAT_WORKS_PRECISION = parseCriterion('precision ≥ 0.65', 'What Works pre-set success bar');

describe('criteria', () => {
  it('parses the usual spellings into one canonical text', () => {
    expect(parseCriterion('precision >= 0.65')).toMatchObject({ metric: 'precision', comparison: '>=', bar: 0.65, text: 'precision ≥ 0.65' });
    expect(parseCriterion(' fpr<0.1 ').text).toBe('fpr < 0.1');
    expect(parseCriterion('recall ≤ 1').comparison).toBe('<=');
    expect(parseCriterion('auc > 0.7', 'our bar').name).toBe('our bar');
  });
  it('rejects what it cannot read, naming the known metrics', () => {
    expect(() => parseCriterion('precision is high')).toThrow(metricsMessages.badCriterion('precision is high'));
    expect(() => parseCriterion('ppv >= 0.6')).toThrow(metricsMessages.unknownMetric('criterion metric', 'ppv', METRIC_NAMES));
  });
  it('the What Works bar: precision ≥ 0.65', () => {
    expect(WHAT_WORKS_PRECISION.text).toBe('precision ≥ 0.65');
    const fails = checkCriterion(WHAT_WORKS_PRECISION, rates(confusionFromCounts(58, 42, 100, 800)));
    expect(fails.met).toBe(false);
    expect(fails.text).toBe('precision 0.58 — does not meet precision ≥ 0.65');
    expect(checkCriterion(WHAT_WORKS_PRECISION, { precision: 0.65 }).met).toBe(true);
  });
  it('an undefined metric neither passes nor fails; a missing one is an error', () => {
    const r = checkCriterion(WHAT_WORKS_PRECISION, rates(confusionFromCounts(0, 0, 5, 95)));
    expect(r.met).toBeNull();
    expect(r.text).toBe('precision undefined — cannot be judged against precision ≥ 0.65');
    expect(() => checkCriterion(WHAT_WORKS_PRECISION, { recall: 0.5 })).toThrow(
      messages.required('values.precision', 'the metric "precision ≥ 0.65" tests'),
    );
  });
});
