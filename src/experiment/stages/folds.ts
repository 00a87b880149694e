import { planSplit, type SplitPlan } from '../../split/index.js';
import type { ResolvedExperiment } from '../resolve.js';
import type { Task } from '../task.js';
import type { TaskCohorts } from './cohorts.js';

/**
 * Stage 2 of a task: the cell's split as folds (one for a holdout or a
 * cohort split, k for k-fold), drawn from the task's `split` stream.
 */
export function drawFolds(resolved: ResolvedExperiment, task: Task, cohorts: TaskCohorts): SplitPlan {
  return planSplit(resolved.cells[task.cell].split, cohorts.train.records.household, cohorts.test.records.size, cohorts.random.fork('split'));
}
