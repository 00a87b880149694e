import type { EqualRiskCell, EvaluationRow, LabelName, MetricName, ThresholdPoint } from '../metrics/index.js';
import type { ListMetricName } from './list/metrics.js';
import type { ResolvedExperiment } from './resolve.js';
import type { CellCards } from './card.js';
import { cardsStage } from './stages/cards.js';
import { drawCohorts } from './stages/cohorts.js';
import { drawFolds } from './stages/folds.js';
import { listStage, type ModelList } from './stages/list.js';
import { headlinePointName, measureModels } from './stages/measure.js';
import { scoreModels, type ScoredModel } from './stages/score.js';
import { testSet } from './stages/test-set.js';
import { scoreTable, taskSizes } from './stages/output.js';
import { runRounds } from './rounds/loop.js';

/** One unit of work: one cell of the grid, one replicate. */
export interface Task {
  readonly index: number;
  readonly cell: number;
  readonly replicate: number;
}

/**
 * A metrics row with the model it belongs to (the counts and the cut come
 * with it): a metric of `evaluate`, or one of the list's own metrics
 * (src/experiment/list/metrics.ts) at the list's operating points; in an
 * experiment with rounds, the round (1-based; absent otherwise).
 */
export type ModelRow = Omit<EvaluationRow, 'metric'> & { readonly metric: MetricName | ListMetricName; readonly model: string; readonly baseline: boolean; readonly round?: number };

/** Precision, recall, selection rate and FPR at one threshold of a model's scores (charts). */
export type CurveRow = ThresholdPoint & { readonly model: string; readonly label: LabelName };

/** Mean score by group among children of similar true risk (a pTrue tenth). */
export type EqualRiskRow = EqualRiskCell & { readonly model: string };

/** Test children's scores, for scores.csv: plain arrays, one entry per test child. */
export interface ScoreTable {
  readonly ids: readonly number[];
  readonly cohort: number;
  /** "test" or "out-of-fold". */
  readonly split: string;
  readonly groups: readonly { readonly attribute: string; readonly levels: readonly string[]; readonly codes: readonly number[] }[];
  readonly yRecorded: readonly number[];
  readonly yTrue: readonly number[];
  readonly pTrue: readonly number[];
  readonly byModel: Readonly<Record<string, readonly number[]>>;
}

/**
 * What one task gives: plain data (objects, arrays, strings and numbers —
 * no typed arrays, maps or classes), deterministic for a config and seed,
 * so it can be posted between threads, written as JSON (`encodeTaskResult`)
 * and gathered in any order.
 */
export interface TaskResult {
  readonly task: Task;
  readonly rows: readonly ModelRow[];
  readonly brier: readonly { readonly model: string; readonly label: LabelName; readonly value: number }[];
  /** Replicate 0 only. */
  readonly curves: readonly CurveRow[];
  readonly equalRisk: readonly EqualRiskRow[];
  readonly sizes: { readonly train: number; readonly test: number; readonly testTruePositives: number; readonly testRecordedPositives: number };
  readonly warnings: readonly string[];
  readonly scores: ScoreTable | null;
  /** Replicate 0 only, experiments that compare groups: the trainers' cards of this cell (src/experiment/card.ts). */
  readonly cards: CellCards | null;
  /** Replicate 0 only: each list model's list with its reasons (list.csv); [] when the experiment has no list. */
  readonly lists: readonly ModelList[];
}

/**
 * Run one task as a short pipeline of stages — cohorts → folds → test set →
 * score each model → measure (→ the trainers' cards) → the list (its
 * reasons, reviews and weekly lists) — each a small function
 * in src/experiment/stages/ (an experiment with `rounds` runs the same
 * stages once a round: src/experiment/rounds/loop.ts). Pure apart from the CPU it uses: the same
 * resolved experiment and task give the same result.
 */
export async function runTask(resolved: ResolvedExperiment, task: Task, options: { saveScores?: boolean } = {}): Promise<TaskResult> {
  if (resolved.experiment.rounds) return runRounds(resolved, task, options);
  const cohorts = drawCohorts(resolved, task);
  const plan = drawFolds(resolved, task, cohorts);
  const test = testSet(resolved, cohorts, plan);
  const scored = await scoreModels(resolved, cohorts, plan);
  const measured = measureModels(resolved, task, test, scored);
  const cards = cardsStage(resolved, task, cohorts, test.rows, scored, measured.rows, headlinePointName(resolved));
  const list = listStage(resolved, task, cohorts, plan, test, scored, measured.rows);
  return {
    task,
    cards,
    ...measured,
    rows: [...measured.rows, ...list.rows],
    lists: list.lists,
    sizes: taskSizes(plan, cohorts.train.records.size, test),
    warnings: scored.flatMap((m) => m.warnings),
    scores: options.saveScores ? scoreTable(cohorts.test.records.ids, cohorts.test.population.cohort, plan.scoreKind, test, scored) : null,
  };
}
