import { describe, expect, it } from 'vitest';
import { correctedLabels, keepProbability } from '../../../src/experiment/rounds/correction.js';
import { nextExtraContact, raisedContact, reachedBy, roundPopulation, type Feedback } from '../../../src/experiment/rounds/effect.js';
import { generatePopulation } from '../../../src/population/index.js';
import { recordPopulation } from '../../../src/recording/index.js';
import { createRandom } from '../../../src/random/index.js';
import { resolveScenario } from '../../../src/scenario/index.js';

const feedback = (f: Partial<Feedback> = {}): Feedback => ({ listContact: 0.8, households: false, persistence: 0.5, interventionEffect: 0, correction: 'none', ...f });

describe('what a list does to the next round (src/experiment/rounds/effect.ts)', () => {
  it('reaches the listed children, and with households their siblings', () => {
    const listed = Uint8Array.of(1, 0, 0, 0, 1);
    const household = Int32Array.of(7, 7, 8, 9, 9);
    expect([...reachedBy(listed, household, false)]).toEqual([1, 0, 0, 0, 1]);
    expect([...reachedBy(listed, household, true)]).toEqual([1, 1, 0, 1, 1]);
  });

  it('gives listContact to the children reached and decays it geometrically once they are off the list', () => {
    let extra: Float64Array = new Float64Array(2);
    extra = nextExtraContact(extra, Uint8Array.of(1, 1), feedback());
    expect([...extra]).toEqual([0.8, 0.8]);
    extra = nextExtraContact(extra, Uint8Array.of(1, 0), feedback());
    expect([...extra]).toEqual([0.8, 0.4]);
    extra = nextExtraContact(extra, Uint8Array.of(0, 0), feedback());
    expect([...extra]).toEqual([0.4, 0.2]);
  });

  it('raises contact by closing a share of the gap to full contact, never past 1, and leaves it where there is no extra', () => {
    const raised = raisedContact(Float64Array.of(0.2, 1, 0.5), Float64Array.of(0.5, 0.5, 0));
    [0.6, 1, 0.5].forEach((v, i) => expect(raised[i]).toBeCloseTo(v, 15));
  });

  it('leaves the truth alone without an intervention effect, and lowers it in expectation as pTrue falls with one', () => {
    const scenario = resolveScenario({ seed: 5, population: { size: 40000 }, outcome: { baseRate: 0.2 } });
    const base = generatePopulation(scenario, 1);
    const extra = new Float64Array(base.size).fill(0.8);
    const stay = createRandom(5).fork('stay').fill(new Float64Array(base.size));
    const same = roundPopulation(base, extra, feedback(), stay);
    expect(same.yTrue).toBe(base.yTrue);
    expect(same.pTrue).toBe(base.pTrue);
    expect(same.truth).toBe(base.truth);
    expect(same.contact).not.toBe(base.contact);
    expect(roundPopulation(base, new Float64Array(base.size), feedback(), stay)).toBe(base);
    const helped = roundPopulation(base, extra, feedback({ interventionEffect: 0.5 }), stay);
    const mean = (a: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i];
      return s / a.length;
    };
    expect(mean(helped.pTrue)).toBeCloseTo(mean(base.pTrue) * 0.5, 10);
    // yTrue falls only where it was 1, and by about half: 99.9% binomial interval around 0.5 of the cases kept.
    for (let i = 0; i < base.size; i++) if (helped.yTrue[i] === 1) expect(base.yTrue[i]).toBe(1);
    const cases = mean(base.yTrue) * base.size;
    const kept = mean(helped.yTrue) * base.size;
    expect(Math.abs(kept / cases - 0.5)).toBeLessThan(3.29 * Math.sqrt(0.25 / cases));
  });
});

describe('the inverse-propensity correction (src/experiment/rounds/correction.ts)', () => {
  it('keeps a recorded outcome with probability p₀/p₁, 1 where the list raised nothing', () => {
    const scenario = resolveScenario({ seed: 9, population: { size: 2000 }, recording: { outcome: { detection: 0.2, detectionContactBoost: 0.8 } } });
    const base = generatePopulation(scenario, 1);
    const raised = raisedContact(base.contact, Float64Array.from({ length: base.size }, (_, i) => (i % 2 === 0 ? 0.9 : 0)));
    const keep = keepProbability(scenario, base, raised);
    for (let i = 0; i < base.size; i++) {
      const p0 = 0.2 + 0.8 * 0.8 * base.contact[i];
      const p1 = 0.2 + 0.8 * 0.8 * raised[i];
      expect(keep[i]).toBeCloseTo(i % 2 === 0 && p1 > p0 ? p0 / p1 : 1, 12);
    }
  });

  it('thins the list-made records back to the rate of a world without the list (in expectation)', () => {
    // Detection d + (1 − d)·c with d = 0.2; the list raises everyone from c ≈ 0 to c = 1: p₀ = 0.2, p₁ = 1.
    const scenario = resolveScenario({ seed: 11, population: { size: 60000 }, outcome: { baseRate: 0.2 }, recording: { contact: { baseline: -8 }, outcome: { detection: 0.2, detectionContactBoost: 1, falseRecordRate: 0 } } });
    const base = generatePopulation(scenario, 1);
    const listed = { ...base, contact: new Float64Array(base.size).fill(1) };
    const records = recordPopulation(scenario, listed);
    const keep = keepProbability(scenario, base, listed.contact);
    const u = createRandom(11).fork('u').fill(new Float64Array(base.size));
    const corrected = correctedLabels(records.yRecorded, keep, u);
    const without = recordPopulation(scenario, base).yRecorded;
    const count = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
    const cases = count(base.yTrue);
    // Without the list about 0.2 of the cases are recorded; with it all; corrected, 0.2 again (99.9% interval).
    expect(count(records.yRecorded)).toBe(cases);
    const half = 3.29 * Math.sqrt(cases * 0.2 * 0.8);
    expect(Math.abs(count(corrected) - 0.2 * cases)).toBeLessThan(half);
    expect(Math.abs(count(without) - 0.2 * cases)).toBeLessThan(half);
    expect([...corrected].every((y, i) => y <= records.yRecorded[i])).toBe(true);
  });
});
