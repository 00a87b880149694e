import { buildFeatures, buildTrainingSet } from '../../models/features.js';
import { truthLookup } from '../../models/baselines.js';
import { createModel, isBaseline } from '../../models/registry.js';
import type { FittedClassifier } from '../../models/types.js';
import type { RandomSource } from '../../random/index.js';
import type { SplitPlan } from '../../split/index.js';
import { modelLabel, type ResolvedExperiment } from '../resolve.js';
import type { TaskCohorts } from './cohorts.js';

/** One model's scores on the test set (aligned with `plan.testRows`). */
export interface ScoredModel {
  readonly label: string;
  readonly name: string;
  readonly baseline: boolean;
  readonly scores: Float64Array;
  readonly warnings: readonly string[];
  /**
   * The fitted model of each fold (`plan.folds[f]`), kept for the stages
   * after scoring that ask the model again — its reasons for a listed child,
   * the week-by-week scores, a reviewer's re-scoring (src/experiment/list/).
   * Stays inside the task: a TaskResult never carries it.
   */
  readonly fitted: readonly FittedClassifier[];
  /**
   * The model's scores on its own training rows (in sample, what a
   * practitioner sees scoring the data the model was fitted on) and the
   * label it was trained on (the training rows' yRecorded): where operating
   * points with `on: 'train'` choose their cut. Null — and never computed —
   * when the experiment has no such point.
   */
  readonly train: { readonly scores: Float64Array; readonly label: Uint8Array } | null;
}

/** Whether any operating point chooses its cut on the training rows (only then are they scored). */
export function needsTrainingScores(experiment: ResolvedExperiment['experiment']): boolean {
  return experiment.operatingPoints.some((p) => p.on === 'train');
}

/** A model's stream for one fold: the model's own stream for a single fold, `fold:f` under it for k folds. */
function foldRandom(modelRandom: RandomSource, plan: SplitPlan, fold: number): RandomSource {
  return plan.folds.length === 1 ? modelRandom : modelRandom.fork(`fold:${fold}`);
}

/**
 * Stage 3 of a task: fit every model on the records of each fold's
 * training rows and score that fold's test rows — one loop for every kind of
 * split — and, only when an operating point is chosen on the training rows,
 * score the training rows too. Models see records only (the oracle alone gets the truth lookup).
 * Each model draws from its own stream `model:<label>`.
 */
export async function scoreModels(resolved: ResolvedExperiment, cohorts: TaskCohorts, plan: SplitPlan): Promise<ScoredModel[]> {
  const { experiment } = resolved;
  // Built on first use: only the oracle reads the truth, and building the lookup costs a pass over the children.
  let lookup: ReturnType<typeof truthLookup> | undefined;
  const truth = { pTrueById: (ids: Int32Array) => (lookup ??= truthLookup(cohorts.test.population)).pTrueById(ids) };
  const features = { groups: experiment.includeGroups };
  const scoreTrain = needsTrainingScores(experiment);
  // Resolving refuses `on: 'train'` with k folds (src/experiment/resolve.ts): one model, one training set.
  if (scoreTrain && plan.folds.length !== 1) throw new Error(`training-row scores need one fold; got ${plan.folds.length}`);
  const position = new Int32Array(cohorts.test.records.size).fill(-1);
  plan.testRows.forEach((r, j) => (position[r] = j));
  const models = experiment.models.map((spec) => {
    const label = modelLabel(spec);
    return {
      spec,
      label,
      model: createModel(spec.name, resolved.quick && spec.quickParams ? spec.quickParams : spec.params, { truth }),
      random: cohorts.random.fork(`model:${label}`),
      scores: new Float64Array(plan.testRows.length),
      warnings: [] as string[],
      fitted: [] as FittedClassifier[],
      train: null as ScoredModel['train'],
    };
  });
  // Fold by fold, every model on the same features: the experiment has one feature option, so a fold's
  // training set and test matrix are built (and held) once for all its models — a FeatureMatrix is frozen
  // and models only read it. Each model still draws from its own stream, so the order changes nothing.
  for (let f = 0; f < plan.folds.length; f++) {
    const fold = plan.folds[f];
    const train = buildTrainingSet(cohorts.train.records, { ...features, rows: fold.train });
    const test = buildFeatures(cohorts.test.records, { ...features, rows: fold.test });
    for (const m of models) {
      const fitted = await m.model.fit(train, foldRandom(m.random, plan, f));
      m.fitted.push(fitted);
      // In sample: what a practitioner sees scoring the rows the model was fitted on.
      if (scoreTrain) m.train = { scores: fitted.predictProba(train.x), label: train.yRecorded };
      const s = fitted.predictProba(test);
      fold.test.forEach((r, i) => (m.scores[position[r]] = s[i]));
      const w = (fitted as { warnings?: unknown }).warnings;
      if (Array.isArray(w)) m.warnings.push(...w.map((msg) => (String(msg).startsWith(`${m.label}: `) ? String(msg) : `${m.label}: ${String(msg)}`)));
    }
  }
  return models.map((m) => ({ label: m.label, name: m.spec.name, baseline: isBaseline(m.spec.name), scores: m.scores, warnings: m.warnings, fitted: m.fitted, train: m.train }));
}
