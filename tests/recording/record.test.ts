import { describe, expect, it } from 'vitest';
import { resolveScenario, type ScenarioInput } from '../../src/scenario/index.js';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { populationCsv } from '../../src/report/population-table.js';

const Z = 4; // many comparisons: 4 standard deviations (two-sided 99.994%)

function cohort(input: ScenarioInput, n = 40_000) {
  const base = input as Record<string, unknown>;
  return simulateCohort(resolveScenario({ ...base, population: { ...(base.population as object), size: n } }), 1);
}

describe('neutral preset: perfect recording', () => {
  const { population, records } = simulateCohort(
    resolveScenario({ ...(loadScenarioInput('neutral') as object), population: { size: 30_000 } }),
    1,
  );
  it('yRecorded equals yTrue exactly', () => {
    expect(records.yRecorded).toEqual(population.yTrue);
  });
  it('every recorded circumstance equals the truth exactly', () => {
    population.truth.forEach((t, k) => expect(records.recorded[k]).toEqual(t));
  });
});

describe('visibility and false records', () => {
  // Police visibility 0.6 for everyone, ×1.5 for black children; false-record rate 0.01
  // (×3 for black children); no contact boost, so P(recorded) = v·p + f·(1 − p).
  const input: ScenarioInput = {
    seed: 11,
    recording: {
      domains: { police: { visibility: 0.6, falseRecordRate: 0.01 } },
      groups: [{ attribute: 'ethnicity', level: 'black', domains: ['police'], visibilityMultiplier: 1.5, falseRecordMultiplier: 3 }],
      contact: { visibilityBoost: 0 },
    },
  };
  const { population, records } = cohort(input, 120_000);
  const eth = population.groups.find((g) => g.attribute === 'ethnicity')!;
  const police = population.circumstances.map((c, k) => ({ c, k })).filter(({ c }) => c.domain === 'police' && c.type === 'binary');

  it.each(['white', 'black', 'asian'])('recorded prevalence ≈ v·p + f·(1 − p) for %s children', (level) => {
    const code = eth.levels.indexOf(level);
    const v = level === 'black' ? 0.9 : 0.6;
    const f = level === 'black' ? 0.03 : 0.01;
    for (const { k } of police) {
      let n = 0, nTrue = 0, recorded = 0;
      for (let i = 0; i < population.size; i++) {
        if (eth.codes[i] !== code) continue;
        n++;
        nTrue += population.truth[k][i];
        recorded += records.recorded[k][i];
      }
      const nFalse = n - nTrue;
      const expected = v * nTrue + f * nFalse;
      const sd = Math.sqrt(v * (1 - v) * nTrue + f * (1 - f) * nFalse);
      expect(Math.abs(recorded - expected)).toBeLessThanOrEqual(Z * sd + 1e-9);
    }
  });

  it('other domains are untouched by a police-only group rule', () => {
    const k = population.circumstances.findIndex((c) => c.name === 'persistent_absence');
    const code = eth.levels.indexOf('black');
    let nTrue = 0, rec = 0, n = 0;
    for (let i = 0; i < population.size; i++) {
      if (eth.codes[i] !== code) continue;
      n++;
      nTrue += population.truth[k][i];
      rec += records.recorded[k][i];
    }
    const v = 0.9, f = 0.002; // education defaults
    const sd = Math.sqrt(v * (1 - v) * nTrue + f * (1 - f) * (n - nTrue));
    expect(Math.abs(rec - (v * nTrue + f * (n - nTrue)))).toBeLessThan(Z * sd);
  });

  it('counts are thinned episode by episode', () => {
    const k = population.circumstances.findIndex((c) => c.name === 'missing_episodes');
    let trueEpisodes = 0, recordedEpisodes = 0, falseRecords = 0;
    for (let i = 0; i < population.size; i++) {
      trueEpisodes += population.truth[k][i];
      recordedEpisodes += records.recorded[k][i];
    }
    // E[recorded] = v·episodes + f·children (missing domain defaults: v 0.6, f 0.001)
    falseRecords = 0.001 * population.size;
    const expected = 0.6 * trueEpisodes + falseRecords;
    const sd = Math.sqrt(0.24 * trueEpisodes + falseRecords);
    expect(Math.abs(recordedEpisodes - expected)).toBeLessThan(Z * sd);
  });
});

describe('detection bias and leakage move what they should and nothing else', () => {
  const base: ScenarioInput = { seed: 21, recording: { outcome: { detection: 0.7, detectionContactBoost: 0.2 } } };
  const biased: ScenarioInput = {
    seed: 21,
    recording: { outcome: { detection: 0.7, detectionContactBoost: 0.2, detectionByGroup: { ethnicity: { black: 0.5 } } } },
  };
  const leaky: ScenarioInput = {
    seed: 21,
    recording: {
      outcome: {
        detection: 0.7,
        detectionContactBoost: 0.2,
        leakage: { probability: 0.8, circumstances: ['missing_episodes', 'sexual_offence'] },
      },
    },
  };
  const a = cohort(base);
  const b = cohort(biased);
  const c = cohort(leaky);
  const eth = a.population.groups.find((g) => g.attribute === 'ethnicity')!;
  const black = eth.levels.indexOf('black');

  it('truth is identical whatever the recording', () => {
    expect(b.population.pTrue).toEqual(a.population.pTrue);
    expect(b.population.yTrue).toEqual(a.population.yTrue);
    expect(c.population.truth).toEqual(a.population.truth);
  });

  it('detection bias lowers recorded outcomes for that group only, and only among true cases', () => {
    expect(b.records.recorded).toEqual(a.records.recorded);
    let changed = 0, trueBlack = 0, recA = 0, recB = 0;
    for (let i = 0; i < a.population.size; i++) {
      const same = a.records.yRecorded[i] === b.records.yRecorded[i];
      if (eth.codes[i] !== black || a.population.yTrue[i] === 0) expect(same).toBe(true);
      else {
        trueBlack++;
        recA += a.records.yRecorded[i];
        recB += b.records.yRecorded[i];
        if (!same) changed++;
        expect(b.records.yRecorded[i]).toBeLessThanOrEqual(a.records.yRecorded[i]);
      }
    }
    expect(changed).toBeGreaterThan(0);
    expect(recB).toBeLessThan(recA);
    expect(trueBlack).toBeGreaterThan(0);
  });

  it('detection rises with agency contact', () => {
    let hiN = 0, hiRec = 0, loN = 0, loRec = 0;
    for (let i = 0; i < a.population.size; i++) {
      if (a.population.yTrue[i] !== 1) continue;
      if (a.population.contact[i] > 0.5) { hiN++; hiRec += a.records.yRecorded[i]; }
      else { loN++; loRec += a.records.yRecorded[i]; }
    }
    expect(hiRec / hiN).toBeGreaterThan(loRec / loN);
  });

  it('leakage adds records only in its circumstances, only for recorded cases, only upwards', () => {
    expect(c.records.yRecorded).toEqual(a.records.yRecorded);
    const leakIdx = ['missing_episodes', 'sexual_offence'].map((n) => a.population.circumstances.findIndex((x) => x.name === n));
    a.records.recorded.forEach((col, k) => {
      if (!leakIdx.includes(k)) {
        expect(c.records.recorded[k]).toEqual(col);
        return;
      }
      for (let i = 0; i < a.population.size; i++) {
        if (a.records.yRecorded[i] === 0) expect(c.records.recorded[k][i]).toBe(col[i]);
        else expect(c.records.recorded[k][i]).toBeGreaterThanOrEqual(col[i]);
      }
    });
    // Among recorded cases, the sexual-offence flag is now present for at least the leakage share.
    const k = leakIdx[1];
    let cases = 0, flagged = 0;
    for (let i = 0; i < a.population.size; i++) {
      if (c.records.yRecorded[i] === 1) { cases++; flagged += c.records.recorded[k][i]; }
    }
    expect(flagged / cases).toBeGreaterThan(0.8 - Z * Math.sqrt(0.16 / cases));
  });

  it('Records.leaked marks exactly the records leakage created: removing them gives the records without leakage', () => {
    const leakIdx = ['missing_episodes', 'sexual_offence'].map((n) => a.population.circumstances.findIndex((x) => x.name === n));
    const leaked = c.records.leaked!;
    expect(leaked).toHaveLength(a.population.circumstances.length);
    let marked = 0;
    leaked.forEach((mark, k) => {
      if (!leakIdx.includes(k)) {
        expect(mark, a.population.circumstances[k].name).toBeNull();
        return;
      }
      expect(mark).toBeInstanceOf(Uint8Array);
      for (let i = 0; i < a.population.size; i++) {
        // Without leakage (cohort a: same seed, leakage off) = with leakage minus the marks.
        expect(c.records.recorded[k][i] - mark![i]).toBe(a.records.recorded[k][i]);
        if (mark![i]) {
          marked++;
          expect(c.records.yRecorded[i]).toBe(1);
        }
      }
    });
    expect(marked).toBeGreaterThan(0);
    // No leakage configured: nothing marked.
    expect(a.records.leaked!.every((m) => m === null)).toBe(true);
  });
});

describe('cohort drift', () => {
  it('changes visibility from the named cohort on, and nothing before it', () => {
    const s = resolveScenario({
      seed: 5,
      population: { size: 40_000 },
      cohorts: { count: 2, drift: [{ fromCohort: 2, domains: ['health'], visibilityMultiplier: 2 }] },
      recording: { contact: { visibilityBoost: 0 }, domains: { health: { visibility: 0.4, falseRecordRate: 0 } } },
    });
    const noDrift = resolveScenario({ ...s, cohorts: { count: 2, drift: [] } });
    expect(simulateCohort(s, 1).records.recorded).toEqual(simulateCohort(noDrift, 1).records.recorded);
    const { population, records } = simulateCohort(s, 2);
    const k = population.circumstances.findIndex((c) => c.name === 'self_harm');
    let nTrue = 0, rec = 0;
    for (let i = 0; i < population.size; i++) {
      nTrue += population.truth[k][i];
      rec += records.recorded[k][i];
    }
    expect(Math.abs(rec - 0.8 * nTrue)).toBeLessThan(Z * Math.sqrt(0.16 * nTrue));
  });
  it('a detection drift for one group lowers only that group\'s recorded outcomes, only from its cohort on', () => {
    const base = { seed: 6, population: { size: 40_000 }, recording: { outcome: { detection: 0.8, detectionContactBoost: 0 } } };
    const drifted = resolveScenario({ ...base, cohorts: { count: 2, drift: [{ fromCohort: 2, attribute: 'sex', level: 'male', detectionMultiplier: 0.5 }] } });
    const steady = resolveScenario({ ...base, cohorts: { count: 2 } });
    expect(simulateCohort(drifted, 1).records.yRecorded).toEqual(simulateCohort(steady, 1).records.yRecorded);
    const a = simulateCohort(steady, 2);
    const b = simulateCohort(drifted, 2);
    const sex = a.population.groups.find((g) => g.attribute === 'sex')!;
    const male = sex.levels.indexOf('male');
    let cases = 0, detected = 0;
    for (let i = 0; i < a.population.size; i++) {
      if (sex.codes[i] !== male) expect(b.records.yRecorded[i]).toBe(a.records.yRecorded[i]);
      else if (a.population.yTrue[i] === 1) {
        cases++;
        detected += b.records.yRecorded[i];
      }
    }
    // Detection 0.8 × 0.5 = 0.4 for boys' true cases in cohort 2.
    expect(Math.abs(detected - 0.4 * cases)).toBeLessThan(Z * Math.sqrt(0.24 * cases));
  });
});

describe('determinism', () => {
  const csv = (input: ScenarioInput) => {
    const { population, records } = simulateCohort(resolveScenario(input), 1);
    return [...populationCsv(population, records)].join('');
  };
  const input: ScenarioInput = { seed: 77, population: { size: 3000 }, recording: { outcome: { leakage: { probability: 0.5, circumstances: ['drugs'] } } } };

  it('the same config and seed give a byte-identical CSV', () => {
    expect(csv(input)).toBe(csv(structuredClone(input)));
  });

  it('a different seed gives a different CSV', () => {
    expect(csv({ ...input, seed: 78 })).not.toBe(csv(input));
  });

  it('recording parameters never move the truth; extra draws in one stream change no other', () => {
    const a = simulateCohort(resolveScenario(input), 1);
    // More episodes per child means more recording draws in that circumstance's stream only.
    const b = simulateCohort(resolveScenario({ ...input, recording: { ...input.recording, domains: { police: { visibility: 0.9 } } } }), 1);
    expect(b.population.truth).toEqual(a.population.truth);
    expect(b.population.pTrue).toEqual(a.population.pTrue);
    a.population.circumstances.forEach((c, k) => {
      if (c.domain !== 'police') expect(b.records.recorded[k]).toEqual(a.records.recorded[k]);
    });
    expect(b.records.yRecorded).toEqual(a.records.yRecorded);
  });
});
