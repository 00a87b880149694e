import type { Cut } from '../../metrics/operating-points.js';
import { isBaseline } from '../../models/registry.js';
import { chooseCards, type CellCards } from '../card.js';
import type { ResolvedExperiment } from '../resolve.js';
import type { Task, ModelRow } from '../task.js';
import type { TaskCohorts } from './cohorts.js';
import type { ScoredModel } from './score.js';

/**
 * Stage 5 of a task (replicate 0, experiments that compare groups): the
 * trainers' cards of this cell (src/experiment/card.ts), placed with the
 * headline operating point's cut as the evaluation rows of its model give it.
 * The model is the experiment's `example.model`, else its first non-baseline
 * model; the attributes tried are `example.attribute`, then `groups`.
 */
export function cardsStage(
  resolved: ResolvedExperiment,
  task: Task,
  cohorts: TaskCohorts,
  rows: Int32Array,
  scored: readonly ScoredModel[],
  evaluation: readonly ModelRow[],
  headline: string,
): CellCards | null {
  const { experiment } = resolved;
  // The experiment's groups, default every attribute (as the test set breaks results down by them).
  const groups = experiment.groups ?? cohorts.test.population.groups.map((g) => g.attribute);
  if (task.replicate !== 0 || groups.length === 0) return null;
  const ex = experiment.example;
  const model = (ex ? scored.find((m) => m.label === ex.model) : undefined) ?? scored.find((m) => !isBaseline(m.name)) ?? scored[0];
  if (!model) return null;
  const r = evaluation.find((x) => x.model === model.label && x.label === 'yRecorded' && x.attribute === 'all' && x.operatingPoint === headline && x.metric === 'precision');
  const reachable = r !== undefined && !Number.isNaN(r.cutThreshold);
  const cut: Cut = reachable ? { threshold: r.cutThreshold, tieRowLimit: r.cutTieRowLimit } : { threshold: Infinity, tieRowLimit: 0 };
  return chooseCards({
    seed: cohorts.seed,
    scenario: resolved.cells[task.cell].scenario,
    population: cohorts.test.population,
    records: cohorts.test.records,
    testRows: rows,
    scores: model.scores,
    cut,
    model: model.label,
    operatingPoint: headline,
    attributes: [...(ex ? [ex.attribute] : []), ...groups.filter((g) => g !== ex?.attribute)],
    fitted: model.fitted.length === 1 ? { model: model.fitted[0], features: { groups: experiment.includeGroups } } : null,
  });
}
