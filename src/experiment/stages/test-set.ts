import type { GroupColumn } from '../../columns.js';
import type { SplitPlan } from '../../split/index.js';
import type { ResolvedExperiment } from '../resolve.js';
import type { TaskCohorts } from './cohorts.js';

/** The children a task is judged on, in score order: both labels, true risk and the groups it is broken down by. */
export interface TestSet {
  /** Rows of the test cohort, ascending (`plan.testRows`). */
  readonly rows: Int32Array;
  readonly yRecorded: Uint8Array;
  readonly yTrue: Uint8Array;
  readonly pTrue: Float64Array;
  /** The experiment's `groups` (default every attribute), gathered to the test rows. */
  readonly groups: readonly GroupColumn[];
}

/** Gather the test children's labels, true risk and groups from the test cohort. */
export function testSet(resolved: ResolvedExperiment, cohorts: TaskCohorts, plan: SplitPlan): TestSet {
  const { population, records } = cohorts.test;
  const rows = plan.testRows;
  const attributes = resolved.experiment.groups ?? population.groups.map((g) => g.attribute);
  const groups = attributes
    .map((a) => population.groups.find((g) => g.attribute === a)!)
    .map((g) => ({ attribute: g.attribute, levels: g.levels, codes: Uint8Array.from(rows, (r) => g.codes[r]) }));
  return {
    rows,
    yRecorded: Uint8Array.from(rows, (r) => records.yRecorded[r]),
    yTrue: Uint8Array.from(rows, (r) => population.yTrue[r]),
    pTrue: Float64Array.from(rows, (r) => population.pTrue[r]),
    groups,
  };
}
