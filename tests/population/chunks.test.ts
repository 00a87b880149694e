import { describe, expect, it } from 'vitest';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { simulateInChunks } from '../../src/recording/index.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import type { Population } from '../../src/population/types.js';
import type { Records } from '../../src/recording/types.js';

/** Concatenate the columns of successive chunks. */
function joined(parts: { population: Population; records: Records }[]) {
  const cat = <T extends Uint8Array | Int32Array | Float64Array>(get: (p: { population: Population; records: Records }) => T): number[] =>
    parts.flatMap((p) => [...get(p)]);
  const first = parts[0].population;
  return {
    ids: cat((p) => p.population.ids),
    household: cat((p) => p.population.household),
    age: cat((p) => p.population.age),
    contact: cat((p) => p.population.contact),
    pTrue: cat((p) => p.population.pTrue),
    yTrue: cat((p) => p.population.yTrue),
    yRecorded: cat((p) => p.records.yRecorded),
    groups: first.groups.map((_, g) => cat((p) => p.population.groups[g].codes)),
    truth: first.truth.map((_, k) => cat((p) => p.population.truth[k])),
    recorded: first.truth.map((_, k) => cat((p) => p.records.recorded[k])),
  };
}

function whole(population: Population, records: Records) {
  return joined([{ population, records }]);
}

describe('drawing a cohort chunk by chunk', () => {
  // think-family: household-level circumstances and groups, group multipliers,
  // detection by group, contact and leakage — every stream that carries state.
  const base = loadScenarioInput('think-family') as Record<string, unknown>;
  const n = 2_345;
  const scenario = resolveScenario({ ...base, population: { ...(base.population as object), size: n }, cohorts: { count: 2 } });

  it.each([1, 7, 1000, n - 1, n, 5000])('gives the same children and records as one draw (chunk size %i)', (chunkSize) => {
    for (const cohort of [1, 2]) {
      const { population, records } = simulateCohort(scenario, cohort);
      const stream = simulateInChunks(scenario, cohort, chunkSize);
      const parts = [...stream.chunks()];
      expect(parts.length).toBe(Math.ceil(n / chunkSize));
      expect(parts.every((p) => p.population.size <= chunkSize)).toBe(true);
      expect(joined(parts)).toEqual(whole(population, records));
      expect(stream.calibration).toEqual(population.calibration);
      expect([...stream.pTrue]).toEqual([...population.pTrue]);
    }
  });

  it('rejects a chunk size that is not a whole number ≥ 1', () => {
    expect(() => simulateInChunks(scenario, 1, 0)).toThrow(/chunkSize must be a whole number ≥ 1; got 0/);
  });
});
