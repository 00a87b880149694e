import { measureScores, operatingPointName, riskTenths, type LabelName } from '../../metrics/index.js';
import type { ResolvedExperiment } from '../resolve.js';
import type { Task, TaskResult } from '../task.js';
import type { ScoredModel } from './score.js';
import type { TestSet } from './test-set.js';

/** What measuring gives for every model of a task (the tables of a `TaskResult`). */
export type TaskMeasurement = Pick<TaskResult, 'rows' | 'brier' | 'curves' | 'equalRisk'>;

/**
 * Stage 4 of a task: measure every model's scores with the metrics module
 * (both labels, overall, by group and intersection, at every operating
 * point — a point chosen on the training rows at the cut resolved on the
 * model's training scores — rows carrying their counts and cut; Brier scores; threshold curves
 * in replicate 0, or as `options.curves` says; scores at equal true risk,
 * unless `options.equalRisk` is false), tagged with the model.
 */
export function measureModels(resolved: ResolvedExperiment, task: Task, test: TestSet, scored: readonly ScoredModel[], options: { curves?: boolean; equalRisk?: boolean } = {}): TaskMeasurement {
  const { experiment } = resolved;
  const out = { rows: [], brier: [], curves: [], equalRisk: [] } as { [K in keyof TaskMeasurement]: TaskMeasurement[K][number][] };
  const tenths = (options.equalRisk ?? true) ? riskTenths(test.pTrue) : undefined;
  for (const m of scored) {
    const measured = measureScores(m.scores, { yRecorded: test.yRecorded, yTrue: test.yTrue }, test.pTrue, {
      groups: test.groups,
      intersections: experiment.intersections,
      operatingPoints: experiment.operatingPoints,
      curves: options.curves ?? task.replicate === 0,
      equalRisk: options.equalRisk ?? true,
      ...(m.train ? { train: m.train } : {}),
      riskTenths: tenths,
    });
    for (const r of measured.rows) out.rows.push({ ...r, model: m.label, baseline: m.baseline });
    for (const b of measured.brier) out.brier.push({ model: m.label, label: b.label as LabelName, value: b.value });
    for (const c of measured.curves) out.curves.push({ ...c, model: m.label });
    for (const e of measured.equalRisk) out.equalRisk.push({ ...e, model: m.label });
  }
  return out;
}

/** The name of the headline (first) operating point. */
export function headlinePointName(resolved: ResolvedExperiment): string {
  return operatingPointName(resolved.experiment.operatingPoints[0]);
}
