import { CohortStream, type Calibration } from '../population/generate.js';
import type { Population } from '../population/types.js';
import type { Scenario } from '../scenario/index.js';
import { createRecorder } from './record.js';
import type { Records } from './types.js';

/** A cohort and its records, drawn chunk by chunk (see `simulateInChunks`). */
export interface CohortChunks {
  readonly calibration: Calibration;
  /** Every child's pTrue; complete once `chunks()` has been run to the end. */
  readonly pTrue: Float64Array;
  /** Successive chunks of at most `chunkSize` children, with their records. */
  chunks(): Generator<{ population: Population; records: Records }>;
}

/**
 * Draw and record cohort `cohort` chunk by chunk: the same children and
 * records, byte for byte, as `generatePopulation` + `recordPopulation`,
 * whatever `chunkSize` — so output far larger than memory can be written as
 * it is drawn. Memory: 8 bytes a child (the scores, then pTrue) plus the
 * current chunk. The truth is drawn twice (see `CohortStream`).
 */
export function simulateInChunks(scenario: Scenario, cohort: number, chunkSize: number): CohortChunks {
  if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) throw new Error(`chunkSize must be a whole number ≥ 1; got ${chunkSize}`);
  const truth = new CohortStream(scenario, cohort, chunkSize);
  return {
    calibration: truth.calibration,
    pTrue: truth.pTrue,
    *chunks() {
      const record = createRecorder(scenario, cohort);
      for (const population of truth.chunks()) yield { population, records: record(population) };
    },
  };
}
