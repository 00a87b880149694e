import { generatePopulation, type Calibration } from '../population/index.js';
import { recordPopulation, type Records } from '../recording/index.js';
import type { Population } from '../population/types.js';
import type { Scenario } from '../scenario/index.js';

/** One cohort: the truth, and what was recorded of it. */
export interface Cohort {
  readonly population: Population & { calibration: Calibration };
  readonly records: Records;
}

/**
 * Draw cohort `cohort` (1-based) of a scenario and record it.
 * Truth and records come from separate streams, so changing recording
 * parameters never changes the truth.
 */
export function simulateCohort(scenario: Scenario, cohort = 1): Cohort {
  const population = generatePopulation(scenario, cohort);
  const records = recordPopulation(scenario, population);
  return { population, records };
}
