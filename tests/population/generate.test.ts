import { describe, expect, it } from 'vitest';
import { resolveScenario, type Scenario } from '../../src/scenario/index.js';
import { generatePopulation, expectedAuc, normCdf, normInv } from '../../src/population/index.js';
import { displayIdentity } from '../../src/population/index.js';

/** Mann–Whitney AUC with ties counted one half: the textbook definition, O(n log n). */
function auc(scores: Float64Array, labels: Uint8Array): number {
  const idx = [...scores.keys()].sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j < idx.length && scores[idx[j]] === scores[idx[i]]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (labels[idx[k]] === 1) { rankSumPos += midRank; nPos++; }
    i = j;
  }
  const nNeg = idx.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Hanley & McNeil (1982) standard error of an AUC. */
function aucSe(a: number, nPos: number, nNeg: number): number {
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  return Math.sqrt((a * (1 - a) + (nPos - 1) * (q1 - a * a) + (nNeg - 1) * (q2 - a * a)) / (nPos * nNeg));
}

const Z999 = 3.2905; // two-sided 99.9% normal quantile

describe('normal helpers', () => {
  it('normCdf and normInv agree with known values', () => {
    // Φ(1.959963984540054) = 0.975 (standard tables)
    expect(normCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normCdf(0)).toBeCloseTo(0.5, 7);
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 5);
    for (const p of [1e-6, 0.001, 0.3, 0.5, 0.9, 0.999]) expect(normCdf(normInv(p))).toBeCloseTo(p, 10);
  });
});

describe('base rate and separability calibration', () => {
  const baseRates = [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.07, 0.015];
  const aucs = [0.65, 0.75, 0.85, 0.9];
  const configs = baseRates.map((baseRate, i) => ({ baseRate, oracleAuc: aucs[i % aucs.length], seed: 1000 + i }));

  it.each(configs)('base rate $baseRate, AUC $oracleAuc, seed $seed', ({ baseRate, oracleAuc, seed }) => {
    const n = 100_000;
    const s = resolveScenario({ seed, population: { size: n }, outcome: { baseRate, oracleAuc } });
    const pop = generatePopulation(s, 1);
    let meanP = 0;
    let cases = 0;
    for (let i = 0; i < n; i++) {
      meanP += pop.pTrue[i];
      cases += pop.yTrue[i];
    }
    meanP /= n;
    // The intercept is calibrated on the drawn cohort: mean pTrue equals the target to 1e-6.
    expect(Math.abs(meanP - baseRate)).toBeLessThan(1e-6);
    // Given pTrue, the number of cases is a sum of independent Bernoullis:
    // mean Σp, variance Σp(1 − p); the realised count lies within its 99.9% interval.
    let variance = 0;
    for (let i = 0; i < n; i++) variance += pop.pTrue[i] * (1 - pop.pTrue[i]);
    expect(Math.abs(cases - meanP * n)).toBeLessThan(Z999 * Math.sqrt(variance));
    // Separability: the expected AUC of pTrue is within ±0.01 of the target …
    const order = new Uint32Array([...pop.pTrue.keys()].sort((a, b) => pop.pTrue[a] - pop.pTrue[b]));
    expect(Math.abs(expectedAuc(pop.pTrue, pop.pTrue, order) - oracleAuc)).toBeLessThan(0.01);
    // … and the realised AUC against yTrue is within sampling error of it (at least ±0.01).
    const realised = auc(pop.pTrue, pop.yTrue);
    const tolerance = Math.max(0.01, Z999 * aucSe(oracleAuc, cases, n - cases));
    expect(Math.abs(realised - oracleAuc)).toBeLessThan(tolerance);
  });

  it('reports an unreachable separability as a config error', () => {
    const s = resolveScenario({
      seed: 1,
      population: { size: 2000 },
      outcome: { oracleAuc: 0.99, unobservedWeight: 0, latentWeight: 0, ageEffect: 0 },
      circumstances: [{ name: 'only', domain: 'police', prevalence: 0.2, effect: 1 }],
    });
    expect(() => generatePopulation(s, 1)).toThrow(/^outcome\.oracleAuc must be at most 0\.\d+ for this scenario .*; got 0\.99$/);
  });
});

describe('population structure', () => {
  const s: Scenario = resolveScenario({ seed: 42, population: { size: 60_000 } });
  const pop = generatePopulation(s, 1);

  it('each circumstance has its configured prevalence (99.9% binomial interval)', () => {
    s.circumstances.forEach((c, k) => {
      if (c.type !== 'binary' || c.level !== 'child') return;
      let count = 0;
      for (let i = 0; i < pop.size; i++) count += pop.truth[k][i];
      const sd = Math.sqrt(pop.size * c.prevalence * (1 - c.prevalence));
      // Children of one family share latent vulnerability, which inflates the variance
      // a little; allow twice the binomial half-width.
      expect(Math.abs(count - pop.size * c.prevalence)).toBeLessThan(2 * Z999 * sd + 1);
    });
  });

  it('circumstances co-occur through the shared latent vulnerability', () => {
    const k1 = s.circumstances.findIndex((c) => c.name === 'persistent_absence');
    const k2 = s.circumstances.findIndex((c) => c.name === 'child_in_need');
    let both = 0, a = 0, b = 0;
    for (let i = 0; i < pop.size; i++) {
      a += pop.truth[k1][i];
      b += pop.truth[k2][i];
      both += pop.truth[k1][i] & pop.truth[k2][i];
    }
    // Positive association: P(both) clearly above P(a)·P(b).
    expect(both / pop.size).toBeGreaterThan(1.5 * (a / pop.size) * (b / pop.size));
  });

  it('siblings share household-level circumstances and household-level groups', () => {
    const k = s.circumstances.findIndex((c) => c.level === 'household');
    const eth = pop.groups.find((g) => g.attribute === 'ethnicity')!;
    let siblingPairs = 0;
    for (let i = 1; i < pop.size; i++) {
      if (pop.household[i] !== pop.household[i - 1]) continue;
      siblingPairs++;
      expect(pop.truth[k][i]).toBe(pop.truth[k][i - 1]);
      expect(eth.codes[i]).toBe(eth.codes[i - 1]);
    }
    expect(siblingPairs).toBeGreaterThan(pop.size * 0.2);
  });

  it('group shares match the configured shares', () => {
    const sex = pop.groups.find((g) => g.attribute === 'sex')!;
    let female = 0;
    for (let i = 0; i < pop.size; i++) female += sex.codes[i] === 0 ? 1 : 0;
    expect(Math.abs(female / pop.size - 0.49)).toBeLessThan(Z999 * Math.sqrt(0.25 / pop.size));
  });

  it('ages lie in the configured range', () => {
    expect(Math.min(...pop.age)).toBe(10);
    expect(Math.max(...pop.age)).toBe(17);
  });

  it('true structural group differences change prevalence by the configured ratio', () => {
    const sc = resolveScenario({
      seed: 3,
      population: { size: 80_000 },
      circumstances: [{ name: 'fsm', domain: 'welfare', prevalence: 0.2, groupRatios: { deprivation: { high: 2 } } }],
    });
    const p = generatePopulation(sc, 1);
    const dep = p.groups.find((g) => g.attribute === 'deprivation')!;
    const rate = (code: number) => {
      let n = 0, x = 0;
      for (let i = 0; i < p.size; i++) if (dep.codes[i] === code) { n++; x += p.truth[0][i]; }
      return x / n;
    };
    expect(rate(0)).toBeCloseTo(0.4, 1);
    expect(rate(1)).toBeCloseTo(0.2, 1);
  });

  it('cohorts have distinct ids and the same world', () => {
    const sc = resolveScenario({ seed: 9, population: { size: 5000 }, cohorts: { count: 2 } });
    const c1 = generatePopulation(sc, 1);
    const c2 = generatePopulation(sc, 2);
    expect(c2.ids[0]).toBe(5000);
    expect(c2.household[0]).toBeGreaterThanOrEqual(5000);
    expect(Math.abs(c1.calibration.scale - c2.calibration.scale) / c1.calibration.scale).toBeLessThan(0.1);
    expect(c1.yTrue).not.toEqual(c2.yTrue);
  });
});

describe('display identities', () => {
  it('are seeded per child and made on demand', () => {
    const a = displayIdentity(1, 17, { age: 14, sex: 'female' });
    expect(displayIdentity(1, 17, { age: 14, sex: 'female' })).toEqual(a);
    expect(displayIdentity(1, 18, { age: 14, sex: 'female' }).name).not.toBe(a.name);
    expect(displayIdentity(2, 17, { age: 14, sex: 'female' }).name).not.toBe(a.name);
    expect(a.name).toMatch(/^\S+ \S+/);
    expect(a.age).toBe(14);
    expect(a.area.length).toBeGreaterThan(0);
  });
});

describe('base-rate drift', () => {
  it('multiplies the true base rate from the named cohort on', () => {
    const s = resolveScenario({ seed: 8, population: { size: 20_000 }, cohorts: { count: 2, drift: [{ fromCohort: 2, baseRateMultiplier: 0.5 }] }, outcome: { baseRate: 0.1 } });
    const mean = (p: Float64Array) => p.reduce((a, b) => a + b, 0) / p.length;
    expect(mean(generatePopulation(s, 1).pTrue)).toBeCloseTo(0.1, 6);
    expect(mean(generatePopulation(s, 2).pTrue)).toBeCloseTo(0.05, 6);
  });
  it('is rejected for one group only, and when it would push the base rate to 1', () => {
    expect(() => resolveScenario({ seed: 1, cohorts: { count: 2, drift: [{ fromCohort: 2, attribute: 'sex', level: 'male', baseRateMultiplier: 2 }] } })).toThrow(
      /^cohorts\.drift\[0\]\.baseRateMultiplier must be 1 when the drift names a group/,
    );
    expect(() => resolveScenario({ seed: 1, outcome: { baseRate: 0.5 }, cohorts: { count: 2, drift: [{ fromCohort: 2, baseRateMultiplier: 2 }] } })).toThrow(
      /keep cohort 2's base rate below 1; got 1$/,
    );
  });
});
