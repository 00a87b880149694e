import type { SplitPlan } from '../../split/index.js';
import type { ScoreTable, TaskResult } from '../task.js';
import type { ScoredModel } from './score.js';
import type { TestSet } from './test-set.js';

/** The last stage's bookkeeping: the sizes a task reports (training and test children, and the test set's positives under each label). */
export function taskSizes(plan: SplitPlan, train: number, test: TestSet): TaskResult['sizes'] {
  let testTruePositives = 0;
  let testRecordedPositives = 0;
  for (let i = 0; i < test.yTrue.length; i++) {
    testTruePositives += test.yTrue[i];
    testRecordedPositives += test.yRecorded[i];
  }
  return { train: plan.scoreKind === 'out-of-fold' ? train : plan.folds[0].train.length, test: test.rows.length, testTruePositives, testRecordedPositives };
}

/** Test children's scores for scores.csv, as plain arrays. */
export function scoreTable(ids: Int32Array, cohort: number, split: string, test: TestSet, scored: readonly ScoredModel[]): ScoreTable {
  return {
    ids: Array.from(test.rows, (r) => ids[r]),
    cohort,
    split,
    groups: test.groups.map((g) => ({ attribute: g.attribute, levels: [...g.levels], codes: Array.from(g.codes) })),
    yRecorded: Array.from(test.yRecorded),
    yTrue: Array.from(test.yTrue),
    pTrue: Array.from(test.pTrue),
    byModel: Object.fromEntries(scored.map((m) => [m.label, Array.from(m.scores)])),
  };
}
