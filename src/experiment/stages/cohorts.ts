import { createRandom, type RandomSource } from '../../random/index.js';
import { splitCohorts } from '../../split/index.js';
import { replicateSeed, type ResolvedExperiment } from '../resolve.js';
import { simulateCohort, type Cohort } from '../simulate.js';
import type { Task } from '../task.js';

/** Stage 1 of a task: the children it is about. */
export interface TaskCohorts {
  /** The replicate's seed (`${seed}:${scenario}:r${replicate}`): every stream of the task forks from it. */
  readonly seed: string;
  readonly random: RandomSource;
  /** The cohort models are fitted on, and the one they are judged on (the same object unless the split is by cohort). */
  readonly train: Cohort;
  readonly test: Cohort;
}

/**
 * Draw the cohorts a task needs: the cell's scenario with this replicate's
 * seed, simulated (truth, then records) for the training cohort and, for a
 * cohort split, the later test cohort.
 */
export function drawCohorts(resolved: ResolvedExperiment, task: Task): TaskCohorts {
  const cell = resolved.cells[task.cell];
  const seed = replicateSeed(resolved.experiment, cell.scenarioLabel, task.replicate);
  const scenario = { ...cell.scenario, seed };
  const which = splitCohorts(cell.split);
  const train = simulateCohort(scenario, which.train);
  const test = which.test === which.train ? train : simulateCohort(scenario, which.test);
  return { seed, random: createRandom(seed), train, test };
}
