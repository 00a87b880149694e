import { RisklabError, messages } from '../messages.js';
import { resolveScenario, type Scenario, configHash } from '../scenario/index.js';
import { experimentSchema, type ExperimentConfig } from './schema.js';
import { formatIssue, formatPath } from '../scenario/validate.js';
import { deepMerge } from '../scenario/merge.js';

export { deepMerge };

/** One cell of an experiment: a scenario with one grid cell's overrides, fully resolved. */
export interface ExperimentCell {
  readonly index: number;
  readonly scenarioLabel: string;
  readonly gridLabel: string;
  readonly gridValue: number | null;
  /** The resolved scenario; its seed is the replicate-0 seed (replicates replace it). */
  readonly scenario: Scenario;
}

/** Everything a run needs, as plain JSON (so workers receive it by structured clone). */
export interface ResolvedExperiment {
  readonly experiment: ExperimentConfig;
  readonly quick: boolean;
  readonly replicates: number;
  readonly cells: readonly ExperimentCell[];
  /** Hash of this object without the hash itself: printed in every table footer. */
  readonly configHash: string;
}

/** The seed of replicate r of a scenario: every cell of the grid shares it, so cells differ only by their settings. */
export function replicateSeed(experiment: ExperimentConfig, scenarioLabel: string, replicate: number): string {
  return `${experiment.seed}:${scenarioLabel}:r${replicate}`;
}

export interface ResolveOptions {
  readonly quick?: boolean;
  readonly replicates?: number;
  readonly seed?: number | string;
  /** Preset loader (io): name → raw scenario input. */
  readonly loadPreset: (name: string) => unknown;
}

/**
 * Validate an experiment definition and resolve every cell's scenario.
 * With `quick`, replicates and population sizes shrink to `quick.*`, and
 * models use their `quickParams`.
 */
export function resolveExperiment(input: unknown, options: ResolveOptions): ResolvedExperiment {
  const parsed = experimentSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RisklabError(formatIssue(issue).replace(/^scenario/, 'experiment'), formatPath(issue.path));
  }
  const experiment = { ...parsed.data };
  if (options.seed !== undefined) experiment.seed = options.seed;
  const quick = options.quick ?? false;
  const labels = experiment.models.map((m) => m.label ?? m.name);
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup) throw new RisklabError(messages.invalid('models[].label', 'labels that differ from model to model', dup), 'models');
  const replicates = options.replicates ?? (quick ? experiment.quick.replicates : experiment.replicates);
  const cells: ExperimentCell[] = [];
  for (const sc of experiment.scenarios) {
    const base = options.loadPreset(sc.preset);
    for (const cell of experiment.grid) {
      let raw = deepMerge(deepMerge(base, sc.overrides), cell.overrides) as Record<string, unknown>;
      if (quick) raw = deepMerge(raw, { population: { size: experiment.quick.size } }) as Record<string, unknown>;
      raw = { ...raw, seed: replicateSeed(experiment, sc.label, 0) };
      let scenario: Scenario;
      try {
        scenario = resolveScenario(raw);
      } catch (e) {
        if (e instanceof RisklabError) {
          throw new RisklabError(`experiment ${experiment.name}, scenario ${sc.label}, cell ${cell.label}: ${e.message}`, e.field);
        }
        throw e;
      }
      if (experiment.split.kind === 'cohort' && scenario.cohorts.count < Math.max(experiment.split.train, experiment.split.test)) {
        throw new RisklabError(
          messages.invalid(`experiment ${experiment.name}: split.test`, `a cohort ≤ the scenario's cohorts.count (${scenario.cohorts.count})`, experiment.split.test),
          'split',
        );
      }
      cells.push({ index: cells.length, scenarioLabel: sc.label, gridLabel: cell.label, gridValue: cell.value ?? null, scenario });
    }
  }
  const body = { experiment, quick, replicates, cells };
  return { ...body, configHash: configHash(body) };
}
