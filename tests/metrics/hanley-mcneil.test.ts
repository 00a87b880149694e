import { describe, expect, it } from 'vitest';
import { aucStandardError } from '../../src/metrics/hanley-mcneil.js';
import { rocAuc } from '../../src/metrics/ranking.js';
import { summarise } from '../../src/recording/summary.js';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { createRandom } from '../../src/random/index.js';

describe('aucStandardError (Hanley–McNeil 1982)', () => {
  it('matches the formula worked by hand', () => {
    // python3: A=0.8; q1=A/(2-A); q2=2A²/(1+A); sqrt((A(1-A)+4999(q1-A²)+94999(q2-A²))/(5000·95000)) → 0.003808287669118529
    expect(aucStandardError(0.8, 5000, 95000)).toBeCloseTo(0.003808287669118529, 14);
    // the same for A = 0.9, 50 and 50 → 0.03212386315081136 (Hanley and McNeil's Table 2 lists 0.032)
    expect(aucStandardError(0.9, 50, 50)).toBeCloseTo(0.03212386315081136, 14);
    expect(aucStandardError(0.8, 0, 100)).toBeNaN();
  });
});

describe('the oracle AUC that generate prints', () => {
  // One cohort's pTrue, with yTrue drawn again and again: the realised AUC scatters around the
  // expected AUC by about the Hanley–McNeil standard error.
  const scenario = resolveScenario({ seed: 7, population: { size: 20_000 }, outcome: { baseRate: 0.05, oracleAuc: 0.8 } });
  const { population, records } = simulateCohort(scenario, 1);
  const s = summarise(population, records);

  it('the expected AUC is the calibrated target (the whole cohort is the calibration sample at 20,000)', () => {
    expect(Math.abs(s.expectedOracleAuc - 0.8)).toBeLessThan(1e-3);
  });

  it('redraws of yTrue: mean near the expected AUC, spread near the Hanley–McNeil SE', () => {
    const draw = createRandom('redraw').fork('yTrue');
    const n = population.size;
    const y = new Uint8Array(n);
    const aucs: number[] = [];
    for (let r = 0; r < 200; r++) {
      for (let i = 0; i < n; i++) y[i] = draw.next() < population.pTrue[i] ? 1 : 0;
      aucs.push(rocAuc(population.pTrue, y));
    }
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    const sd = Math.sqrt(aucs.reduce((a, b) => a + (b - mean) ** 2, 0) / (aucs.length - 1));
    // mean of 200 draws: its own SE is sd/√200 ≈ 0.0006; allow 4 of those
    expect(Math.abs(mean - s.expectedOracleAuc)).toBeLessThan(4 * (sd / Math.sqrt(200)));
    // sd of 200 draws is within ±20% of the true spread with >99.5% probability (χ² with 199 df); HM is an approximation, allow 25%
    expect(sd / s.oracleAucSe).toBeGreaterThan(0.75);
    expect(sd / s.oracleAucSe).toBeLessThan(1.25);
  });
});
