/**
 * The one-pass sweep against a naive per-threshold recomputation (a direct
 * scan of the data at every distinct score), on many seeded cases including
 * heavy ties, all-equal scores, one class, and tiny inputs. AUC is checked
 * against the pairwise Mann–Whitney count (ties = ½), which is its definition.
 */
import { describe, expect, it } from 'vitest';
import { RisklabError, metricsMessages } from '../../src/messages.js';
import {
  RATE_NAMES,
  confusionAtIndex,
  confusionAtThreshold,
  rate,
  rateColumn,
  sweep,
  sweepBoth,
} from '../../src/metrics/index.js';
import { createRandom, expectClose, randomCase } from './helpers.js';

/** Naive: every distinct score, descending, with a full scan at each. */
function naive(scores: Float64Array, labels: Uint8Array) {
  const distinct = Array.from(new Set(Array.from(scores, (v) => (v === 0 ? 0 : v)))).sort((a, b) => b - a);
  const points = distinct.map((t) => ({ t, c: confusionAtThreshold(scores, labels, t) }));
  let wins = 0;
  let P = 0;
  let N = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] === 1) P++;
    else N++;
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  let ap = 0;
  let prevRecall = 0;
  for (const { c } of points) {
    const r = c.tp / P;
    ap += (r - prevRecall) * (c.tp / c.flagged);
    prevRecall = r;
  }
  return { points, auc: P && N ? wins / (P * N) : NaN, ap: P ? ap : NaN };
}

const cases: { name: string; scores: Float64Array; yTrue: Uint8Array }[] = [];
const root = createRandom('metrics-sweep-tests');
let caseNo = 0;
for (const n of [1, 2, 3, 10, 57, 400]) {
  for (const prevalence of [0, 0.05, 0.3, 0.5, 1]) {
    for (const distinct of [0, 1, 2, 5, 20]) {
      const random = root.fork(`case:${caseNo++}`);
      cases.push({ name: `n=${n} prevalence=${prevalence} distinct=${distinct || 'continuous'}`, ...randomCase(random, n, prevalence, distinct) });
    }
  }
}

describe('sweep equals a naive per-threshold recomputation', () => {
  it(`covers ${cases.length} seeded cases`, () => {
    expect(cases.length).toBe(150);
  });

  it.each(cases)('$name', ({ scores, yTrue }) => {
    const s = sweep(scores, yTrue);
    const expected = naive(scores, yTrue);
    expect(Array.from(s.thresholds)).toEqual(expected.points.map((p) => p.t));
    expected.points.forEach(({ c }, i) => {
      expect(confusionAtIndex(s, i)).toEqual(c);
    });
    for (const name of RATE_NAMES) {
      const column = rateColumn(s, name);
      expected.points.forEach(({ c }, i) => expect(Object.is(column[i], rate(name, c)) || column[i] === rate(name, c)).toBe(true));
    }
    expectClose(s.auc, expected.auc, 1e-12, 'auc');
    expectClose(s.averagePrecision, expected.ap, 1e-12, 'ap');
    expect(s.n).toBe(scores.length);
    expect(s.positives + s.negatives).toBe(scores.length);
  });
});

describe('sweep edge cases', () => {
  it('all scores equal: one threshold, AUC ½, AP = prevalence', () => {
    const s = sweep(new Float64Array(8).fill(0.3), Uint8Array.from([1, 0, 0, 1, 0, 0, 0, 0]));
    expect(Array.from(s.thresholds)).toEqual([0.3]);
    expect([s.tp[0], s.fp[0]]).toEqual([2, 6]);
    expect(s.auc).toBe(0.5);
    expect(s.averagePrecision).toBe(0.25);
  });

  it('one class only: AUC NaN; no positives: AP NaN (documented), not a crash and not 0', () => {
    const scores = Float64Array.from([0.2, 0.9, 0.4]);
    const none = sweep(scores, new Uint8Array(3));
    expect(none.auc).toBeNaN();
    expect(none.averagePrecision).toBeNaN();
    const all = sweep(scores, new Uint8Array(3).fill(1));
    expect(all.auc).toBeNaN();
    expect(all.averagePrecision).toBe(1);
  });

  it('empty input: an empty table and NaN summaries', () => {
    const s = sweep(new Float64Array(0), new Uint8Array(0));
    expect(s.thresholds.length).toBe(0);
    expect(s.auc).toBeNaN();
    expect(s.averagePrecision).toBeNaN();
    expect(confusionAtIndex(s, -1).n).toBe(0);
  });

  it('-0 and 0 are one threshold', () => {
    const s = sweep(Float64Array.from([0, -0, 0.5, -0]), Uint8Array.from([1, 0, 1, 0]));
    expect(s.thresholds.length).toBe(2);
    expect([s.tp[1], s.fp[1]]).toEqual([2, 2]);
    expect(s.auc).toBe(0.75);
  });

  it('negative and large scores are fine (any finite score ranks)', () => {
    const s = sweep(Float64Array.from([-5, 1e300, -1e-300, 3]), Uint8Array.from([0, 1, 0, 1]));
    expect(Array.from(s.thresholds)).toEqual([1e300, 3, -1e-300, -5]);
    expect(s.auc).toBe(1);
  });

  it('rejects bad input with the messages from src/messages.ts', () => {
    const labels = Uint8Array.from([0, 1]);
    expect(() => sweep(Float64Array.from([0.1, NaN]), labels)).toThrow(metricsMessages.notFinite('scores', 1, NaN));
    expect(() => sweep(Float64Array.from([Infinity, 0]), labels)).toThrow(metricsMessages.notFinite('scores', 0, Infinity));
    expect(() => sweep(Float64Array.from([0.1, 0.2]), Uint8Array.from([0, 2]))).toThrow(metricsMessages.notBinary('labels', 1, 2));
    expect(() => sweep(Float64Array.from([0.1, 0.2, 0.3]), labels)).toThrow(metricsMessages.lengthMismatch('labels', 3, 2));
    expect(() => sweep(Float64Array.from([0.1, NaN]), labels)).toThrow(RisklabError);
  });

  it('sweepBoth gives one sweep per label', () => {
    const { scores, yTrue } = randomCase(createRandom(5).fork('both'), 200, 0.2, 10);
    const yRecorded = yTrue.map((v, i) => (i % 3 === 0 ? 0 : v));
    const both = sweepBoth(scores, { yRecorded, yTrue });
    expect(both.yTrue.auc).toBe(sweep(scores, yTrue).auc);
    expect(both.yRecorded.auc).toBe(sweep(scores, yRecorded).auc);
    expect(Array.from(both.yTrue.thresholds)).toEqual(Array.from(both.yRecorded.thresholds));
  });

  it('sweepBoth names the label column at fault', () => {
    const scores = Float64Array.from([0.1, 0.2]);
    expect(() => sweepBoth(scores, { yRecorded: Uint8Array.from([0, 1]), yTrue: Uint8Array.from([3, 1]) })).toThrow(
      metricsMessages.notBinary('yTrue', 0, 3),
    );
    expect(() => sweepBoth(scores, { yRecorded: Uint8Array.from([0]), yTrue: Uint8Array.from([0, 1]) })).toThrow(
      metricsMessages.lengthMismatch('yRecorded', 2, 1),
    );
  });
});
