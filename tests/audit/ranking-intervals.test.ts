import { describe, expect, it } from 'vitest';
import { binnedRanking, rankingBins, rankingIntervals } from '../../src/audit/ranking-intervals.js';
import { auditEvaluation } from '../../src/audit/evaluate.js';
import { sweep, summarizeReplicates } from '../../src/metrics/index.js';
import { poissonDraw } from '../../src/random/distributions.js';
import { createRandom } from '../../src/random/index.js';

/** A seeded file: 600 children, scores to two decimals (ties), outcome more likely at high scores. */
function file(n = 600, seed = 11) {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = Math.round(100 * r()) / 100;
    labels[i] = r() < 0.05 + 0.4 * scores[i] ? 1 : 0;
  }
  return { scores, labels };
}

/**
 * Reference: the row-by-row Poisson bootstrap written out directly — each
 * child's weight Poisson(1), AUC over every weighted pair (ties half), AP as
 * Σ Δtp·precision over distinct scores — independent of the binned code.
 */
function rowBootstrap(scores: Float64Array, labels: Uint8Array, replicates: number, seed: string) {
  const random = createRandom(seed);
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const auc = new Float64Array(replicates);
  const ap = new Float64Array(replicates);
  const w = new Float64Array(n);
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < n; i++) w[i] = poissonDraw(random.next(), 1);
    let [pairs, wins, P] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      if (labels[i] !== 1) continue;
      P += w[i];
      for (let j = 0; j < n; j++) {
        if (labels[j] !== 0) continue;
        pairs += w[i] * w[j];
        wins += w[i] * w[j] * (scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0);
      }
    }
    auc[r] = pairs === 0 ? NaN : wins / pairs;
    let [tp, fp, sum] = [0, 0, 0];
    for (let k = 0; k < n; ) {
      let dtp = 0;
      const v = scores[order[k]];
      while (k < n && scores[order[k]] === v) {
        if (labels[order[k]] === 1) dtp += w[order[k]];
        else fp += w[order[k]];
        k++;
      }
      tp += dtp;
      if (dtp > 0) sum += (dtp * tp) / (tp + fp);
    }
    ap[r] = P === 0 ? NaN : sum / P;
  }
  const q = (x: Float64Array) => summarizeReplicates(x);
  return { auc: [q(auc).lower, q(auc).upper], averagePrecision: [q(ap).lower, q(ap).upper] };
}

describe('ranking metrics of binned counts', () => {
  it('give the sweep’s AUC and average precision exactly when no score is merged', () => {
    // scikit-learn 1.2.1: roc_auc_score / average_precision_score → 0.75 / 0.8333 and 0.6111 / 0.5667
    const cases: [number[], number[], number, number][] = [
      [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75, 0.8333333333333333],
      [[0.9, 0.9, 0.5, 0.5, 0.5, 0.1], [1, 0, 1, 0, 1, 0], 0.6111111111111112, 0.5666666666666667],
    ];
    for (const [scores, labels, auc, ap] of cases) {
      const s = sweep(Float64Array.from(scores), Uint8Array.from(labels));
      const b = rankingBins(s);
      expect(binnedRanking(b.positives, b.negatives).auc).toBeCloseTo(auc, 12);
      expect(binnedRanking(b.positives, b.negatives).averagePrecision).toBeCloseTo(ap, 12);
    }
  });

  it('merge neighbouring scores into at most maxBins bins, keeping every child', () => {
    const { scores, labels } = file();
    const s = sweep(scores, labels);
    const b = rankingBins(s, 10);
    expect(b.positives.length).toBeLessThanOrEqual(10);
    expect(b.positives.reduce((x, y) => x + y, 0)).toBe(s.positives);
    expect(b.negatives.reduce((x, y) => x + y, 0)).toBe(s.negatives);
    expect(rankingBins(s, 1000).positives.length).toBe(s.thresholds.length);
  });
});

describe('bootstrap intervals of AUC and average precision', () => {
  const { scores, labels } = file();
  const s = sweep(scores, labels);
  const reference = rowBootstrap(scores, labels, 1000, 'reference');

  it('agree with a row-by-row Poisson bootstrap, binned or not', () => {
    // Both are 1,000-replicate bootstraps of the same quantity: endpoints agree within Monte Carlo error
    // (about 0.005 here, from the spread of the 2.5% point over seeds); tolerance 0.015.
    for (const maxBins of [1000, 12]) {
      const mine = rankingIntervals(s, 1000, createRandom('mine').fork(`bins=${maxBins}`), 0.95, maxBins);
      for (const metric of ['auc', 'averagePrecision'] as const) {
        expect(Math.abs(mine[metric][0] - reference[metric][0]), `${metric} lower, ${maxBins} bins`).toBeLessThan(0.015);
        expect(Math.abs(mine[metric][1] - reference[metric][1]), `${metric} upper, ${maxBins} bins`).toBeLessThan(0.015);
      }
      expect(mine.auc[0]).toBeLessThan(s.auc);
      expect(mine.auc[1]).toBeGreaterThan(s.auc);
      expect(mine.averagePrecision[0]).toBeLessThan(s.averagePrecision);
      expect(mine.averagePrecision[1]).toBeGreaterThan(s.averagePrecision);
    }
  });

  it('are seeded', () => {
    const a = rankingIntervals(s, 200, createRandom(3).fork('x'), 0.95);
    expect(rankingIntervals(s, 200, createRandom(3).fork('x'), 0.95)).toEqual(a);
    expect(rankingIntervals(s, 200, createRandom(4).fork('x'), 0.95)).not.toEqual(a);
  });

  it('come with every audit row, for everyone and each group, from the audit’s replicates and seed', () => {
    const group = { attribute: 'half', levels: ['first', 'second'], codes: Uint8Array.from(scores, (_, i) => (i < 300 ? 0 : 1)) };
    const options = { operatingPoints: [{ rule: 'threshold' as const, value: 0.5 }, { rule: 'topK' as const, value: 100 }], bootstrap: 300, seed: 9, detection: [{ all: 1 }], contactShares: [0] };
    const e = auditEvaluation(scores, labels, [group], options);
    const again = auditEvaluation(scores, labels, [group], options);
    for (const row of e.rows) {
      for (const metric of ['auc', 'averagePrecision', 'precision'] as const) {
        const [lo, hi] = row.intervals[metric];
        expect(lo, `${row.group} ${row.operatingPoint} ${metric}`).toBeLessThan(row.values[metric]);
        expect(hi, `${row.group} ${row.operatingPoint} ${metric}`).toBeGreaterThan(row.values[metric]);
      }
    }
    // The ranking metrics do not depend on the cut: the same interval at every operating point.
    const first = e.rows.filter((r) => r.group === 'first');
    expect(first[0].intervals.auc).toEqual(first[1].intervals.auc);
    expect(again.rows.map((r) => r.intervals)).toEqual(e.rows.map((r) => r.intervals));
  });
});
