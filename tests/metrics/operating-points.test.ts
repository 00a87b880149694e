/**
 * Operating points against brute force: a capacity list is checked against
 * "sort rows by score (desc) then row index (asc), take the first k" — the
 * documented tie rule — and target-rate thresholds against a scan of every
 * distinct threshold. Hand examples pin ties at the cut, k > n and k = 0.
 */
import { describe, expect, it } from 'vitest';
import { metricsMessages } from '../../src/messages.js';
import {
  NOTHING_FLAGGED,
  atThreshold,
  confusionAtCut,
  confusionAtThreshold,
  confusionFromFlags,
  flaggedRows,
  flagsAt,
  forPrecision,
  forRecall,
  precision,
  recall,
  sweep,
  topK,
  topShare,
} from '../../src/metrics/index.js';
import { createRandom, randomCase } from './helpers.js';

/** The tie rule, spelled out: order by score desc then row index asc; the first k are flagged. */
function naiveTopK(scores: Float64Array, k: number): Uint8Array {
  const order = Array.from(scores, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const flags = new Uint8Array(scores.length);
  for (const i of order.slice(0, k)) flags[i] = 1;
  return flags;
}

describe('capacity lists (top k): ties at the cut are broken by ascending row index', () => {
  const scores = Float64Array.from([0.9, 0.5, 0.5, 0.5, 0.1]);
  const labels = Uint8Array.from([1, 0, 1, 0, 0]);
  const s = sweep(scores, labels);

  it('k inside a tied block takes the lowest row indices first and says how many were tied', () => {
    const p = topK(s, 2);
    expect(p.confusion).toMatchObject({ flagged: 2, tp: 1, fp: 1 });
    expect(p.cut).toEqual({ threshold: 0.5, tieRowLimit: 2 });
    expect([p.tiedAtCut, p.tiedFlagged]).toEqual([3, 1]);
    expect(Array.from(flagsAt(scores, p.cut))).toEqual([1, 1, 0, 0, 0]);
    const q = topK(s, 3);
    expect(q.confusion).toMatchObject({ flagged: 3, tp: 2, fp: 1 });
    expect(Array.from(flaggedRows(scores, q.cut))).toEqual([0, 1, 2]);
  });

  it('k at the end of a tied block flags the whole block (no row limit needed)', () => {
    const p = topK(s, 4);
    expect(p.cut).toEqual({ threshold: 0.5, tieRowLimit: Infinity });
    expect([p.tiedAtCut, p.tiedFlagged]).toEqual([3, 3]);
    expect(p.confusion).toMatchObject({ flagged: 4, tp: 2, fp: 2 });
  });

  it('k = 0 flags nobody; k larger than the population flags everybody', () => {
    const none = topK(s, 0);
    expect(none.cut).toEqual(NOTHING_FLAGGED);
    expect(none.confusion).toMatchObject({ flagged: 0, tp: 0, fp: 0, fn: 2, tn: 3 });
    expect(precision(none.confusion)).toBeNaN();
    const all = topK(s, 1000);
    expect(all.requested).toBe(1000);
    expect(all.confusion).toMatchObject({ flagged: 5, tp: 2, fp: 3, fn: 0, tn: 0 });
    expect(Array.from(flagsAt(scores, all.cut))).toEqual([1, 1, 1, 1, 1]);
  });

  it('k on an empty population is 0 flagged', () => {
    expect(topK(sweep(new Float64Array(0), new Uint8Array(0)), 10).confusion.flagged).toBe(0);
  });

  it('rejects k that is not a whole number ≥ 0', () => {
    expect(() => topK(s, -1)).toThrow(metricsMessages.badCount('k', 'a whole number ≥ 0', -1));
    expect(() => topK(s, 2.5)).toThrow(metricsMessages.badCount('k', 'a whole number ≥ 0', 2.5));
  });

  const root = createRandom('metrics-topk-tests');
  const cases = [0, 1, 2, 3, 5, 20].flatMap((distinct) =>
    [1, 7, 60, 250].map((n) => ({ distinct, n, ...randomCase(root.fork(`d${distinct}n${n}`), n, 0.3, distinct) })),
  );
  it.each(cases)('brute force, every k from 0 to n + 2 (n = $n, $distinct distinct scores)', ({ scores, yTrue, n }) => {
    const s = sweep(scores, yTrue);
    for (let k = 0; k <= n + 2; k++) {
      const p = topK(s, k);
      const flags = naiveTopK(scores, k);
      expect(p.confusion).toEqual(confusionFromFlags(flags, yTrue));
      expect(flagsAt(scores, p.cut)).toEqual(flags);
      expect(p.confusion.flagged).toBe(Math.min(k, n));
      expect(confusionAtCut(s, p.cut)).toEqual(p.confusion);
    }
  });

  it('one cut serves both labels: the list judged against yTrue', () => {
    const { scores, yTrue } = randomCase(createRandom(11).fork('two labels'), 300, 0.2, 4);
    const yRecorded = yTrue.map((v, i) => (i % 4 === 0 ? 0 : v));
    const p = topK(sweep(scores, yRecorded), 77);
    const flags = naiveTopK(scores, 77);
    expect(confusionAtCut(sweep(scores, yTrue), p.cut)).toEqual(confusionFromFlags(flags, yTrue));
  });
});

describe('top share', () => {
  const { scores, yTrue } = randomCase(createRandom(3).fork('share'), 100, 0.3, 0);
  const s = sweep(scores, yTrue);
  it('is a capacity list of ⌊share · n⌋, robust to decimal shares', () => {
    expect(topShare(s, 0.29).confusion.flagged).toBe(29);
    expect(topShare(s, 0.015).confusion.flagged).toBe(1);
    expect(topShare(s, 0).confusion.flagged).toBe(0);
    expect(topShare(s, 1).confusion.flagged).toBe(100);
    expect(topShare(s, 0.07).confusion).toEqual(topK(s, 7).confusion);
    expect(topShare(s, 0.07).rule).toBe('topShare');
  });
  it('rejects a share outside [0, 1]', () => {
    expect(() => topShare(s, 1.5)).toThrow(metricsMessages.badFraction('share', 'a number in [0, 1]', 1.5));
  });
});

describe('thresholds and target rates', () => {
  const root = createRandom('metrics-target-tests');
  const cases = [0, 3, 10].map((distinct) => ({ distinct, ...randomCase(root.fork(`d${distinct}`), 300, 0.25, distinct) }));

  it.each(cases)('atThreshold equals a direct scan ($distinct distinct scores)', ({ scores, yTrue }) => {
    const s = sweep(scores, yTrue);
    for (const t of [-1, 0, 0.1, 0.3333, 0.5, Array.from(s.thresholds)[3] ?? 0.7, 0.99, 2]) {
      const p = atThreshold(s, t);
      expect(p.confusion).toEqual(confusionAtThreshold(scores, yTrue, t));
      expect(p.tiedFlagged).toBe(p.tiedAtCut);
    }
  });

  it.each(cases)('forRecall is the highest threshold reaching the target ($distinct distinct scores)', ({ scores, yTrue }) => {
    const s = sweep(scores, yTrue);
    for (const target of [0.01, 0.25, 0.5, 0.8, 0.95, 1]) {
      const p = forRecall(s, target)!;
      const t = Array.from(s.thresholds).find((th) => recall(confusionAtThreshold(scores, yTrue, th)) >= target);
      expect(p.cut.threshold).toBe(t);
      expect(recall(p.confusion)).toBeGreaterThanOrEqual(target);
    }
    expect(forRecall(s, 0)!.confusion.flagged).toBe(0);
  });

  it.each(cases)('forPrecision is the lowest threshold meeting the bar ($distinct distinct scores)', ({ scores, yTrue }) => {
    const s = sweep(scores, yTrue);
    for (const target of [0.2, 0.4, 0.65, 0.9, 1]) {
      const p = forPrecision(s, target);
      const candidates = Array.from(s.thresholds).filter((th) => precision(confusionAtThreshold(scores, yTrue, th)) >= target);
      if (candidates.length === 0) expect(p).toBeNull();
      else expect(p!.cut.threshold).toBe(candidates[candidates.length - 1]);
    }
  });

  it('a NaN threshold is an error (it would silently flag nobody); ±Infinity are fine', () => {
    const s = sweep(Float64Array.from([0.9, 0.1]), Uint8Array.from([1, 0]));
    const expected = metricsMessages.badFraction('threshold', 'a number (±Infinity allowed, not NaN)', NaN);
    expect(() => atThreshold(s, NaN)).toThrow(expected);
    expect(() => confusionAtThreshold(Float64Array.from([0.9]), Uint8Array.from([1]), NaN)).toThrow(expected);
    expect(atThreshold(s, -Infinity).confusion.flagged).toBe(2);
    expect(atThreshold(s, Infinity).confusion.flagged).toBe(0);
  });

  it('a target that cannot be met returns null, documented, never a made-up point', () => {
    const s = sweep(Float64Array.from([0.9, 0.8, 0.1]), Uint8Array.from([0, 0, 0]));
    expect(forRecall(s, 0.5)).toBeNull();
    expect(forPrecision(s, 0.1)).toBeNull();
  });
});
