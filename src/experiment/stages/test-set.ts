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
    .map((g) => ({ attribute: g.attribute, levels: g.levels, codes: gather(new Uint8Array(rows.length), g.codes, rows) }));
  return {
    rows,
    yRecorded: gather(new Uint8Array(rows.length), records.yRecorded, rows),
    yTrue: gather(new Uint8Array(rows.length), population.yTrue, rows),
    pTrue: gather(new Float64Array(rows.length), population.pTrue, rows),
    groups,
  };
}

/** out[i] = source[rows[i]] (a plain loop: `TypedArray.from` with a map function is several times slower). */
function gather<T extends Uint8Array | Float64Array>(out: T, source: ArrayLike<number>, rows: Int32Array): T {
  for (let i = 0; i < rows.length; i++) out[i] = source[rows[i]];
  return out;
}
