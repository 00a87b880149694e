import { RisklabError, experimentMessages as x, messages, roundsMessages as rm, trainCutMessages as tc } from '../messages.js';
import { parseCriterion, type SuccessCriterion } from '../metrics/strength.js';
import { createModel, modelNames } from '../models/registry.js';
import { resolveScenario, type Scenario, configHash } from '../scenario/index.js';
import { formatIssue, formatPath } from '../scenario/validate.js';
import type { SplitSpec } from '../split/index.js';
import { experimentSchema, type ExperimentConfig } from './schema.js';
import { operatingPointName } from './names.js';
import { planFindings } from './findings/plan.js';
import { deepMerge } from '../scenario/merge.js';
import { planList } from './list/settings.js';

export { deepMerge };

/** One cell of an experiment: a scenario with one grid cell's overrides, fully resolved. */
export interface ExperimentCell {
  readonly index: number;
  readonly scenarioLabel: string;
  readonly gridLabel: string;
  readonly gridValue: number | null;
  /** How this cell splits children: the grid cell's own `split`, else the experiment's. */
  readonly split: SplitSpec;
  /** The resolved scenario; its seed is the replicate-0 seed (replicates replace it). */
  readonly scenario: Scenario;
}

/**
 * Everything a run needs, as plain JSON (so workers receive it by structured
 * clone): the validated file, whether it is a quick run, the replicates to
 * run and every cell, resolved.
 */
export interface ResolvedExperiment {
  readonly experiment: ExperimentConfig;
  readonly quick: boolean;
  readonly replicates: number;
  readonly cells: readonly ExperimentCell[];
  /** The experiment's criteria, parsed (a typo fails when the experiment is resolved). */
  readonly criteria: readonly SuccessCriterion[];
  /** Hash of this object without the hash itself: printed in every table footer. */
  readonly configHash: string;
}

/** The seed of replicate r of a scenario: every cell of the grid shares it, so cells differ only by their settings. */
export function replicateSeed(experiment: ExperimentConfig, scenarioLabel: string, replicate: number): string {
  return `${experiment.seed}:${scenarioLabel}:r${replicate}`;
}

/** The label a model has in tables and findings. */
export function modelLabel(spec: { readonly name: string; readonly label?: string }): string {
  return spec.label ?? spec.name;
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
 *
 * Everything is checked here, before any simulation: the file against the
 * schema; every name the file refers to (groups, reference levels,
 * intersections, the example, every selection of every finding and every
 * placeholder of every template) against what the experiment has, failing
 * with one line that lists the known names; criteria parsed; model
 * hyper-parameters checked by building each model once.
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
  checkLabels(experiment);
  checkModels(experiment, quick);
  planList(experiment);
  const criteria = experiment.criteria.map((text, i) => {
    try {
      return parseCriterion(text);
    } catch (e) {
      if (e instanceof RisklabError) throw new RisklabError(x.badCriterion(`criteria[${i}]`, e.message), 'criteria');
      throw e;
    }
  });
  const replicates = options.replicates ?? (quick ? experiment.quick.replicates : experiment.replicates);
  const cells = resolveCells(experiment, quick, options.loadPreset);
  checkGroupNames(experiment, cells);
  checkTrainPoints(experiment, cells);
  checkRounds(experiment, cells);
  checkBrief(experiment);
  const body = { experiment, quick, replicates, cells, criteria };
  const resolved = { ...body, configHash: configHash(body) };
  planFindings(resolved);
  return resolved;
}

function resolveCells(experiment: ExperimentConfig, quick: boolean, loadPreset: (name: string) => unknown): ExperimentCell[] {
  const cells: ExperimentCell[] = [];
  for (const sc of experiment.scenarios) {
    const base = loadPreset(sc.preset);
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
      const split = cell.split ?? experiment.split;
      if (split.kind === 'cohort' && scenario.cohorts.count < Math.max(split.train, split.test)) {
        throw new RisklabError(
          messages.invalid(`experiment ${experiment.name}: split.test`, `a cohort ≤ the scenario's cohorts.count (${scenario.cohorts.count})`, split.test),
          'split',
        );
      }
      cells.push({ index: cells.length, scenarioLabel: sc.label, gridLabel: cell.label, gridValue: cell.value ?? null, split, scenario });
    }
  }
  return cells;
}

/** The field of the split a cell uses: its grid cell's own, else the experiment's. */
function splitField(experiment: ExperimentConfig, cell: ExperimentCell): string {
  const i = experiment.grid.findIndex((g) => g.label === cell.gridLabel);
  return experiment.grid[i]?.split ? `grid[${i}].split` : 'split';
}

/**
 * Operating points chosen on the training rows (`on: 'train'`) need a
 * training year apart from the test year: no rounds, and in every cell a
 * split that holds test children out (holdout or cohort).
 */
function checkTrainPoints(experiment: ExperimentConfig, cells: readonly ExperimentCell[]): void {
  const i = experiment.operatingPoints.findIndex((p) => p.on === 'train');
  if (i < 0) return;
  const field = `operatingPoints[${i}].on`;
  if (experiment.rounds) throw new RisklabError(tc.withRounds(field), field);
  const cell = cells.find((c) => c.split.kind !== 'holdout' && c.split.kind !== 'cohort');
  if (cell) throw new RisklabError(tc.needsHeldOut(field, splitField(experiment, cell), cell.split.kind), field);
}

/** An experiment with rounds: every cell in sample, and `rounds.list` one of its models. */
function checkRounds(experiment: ExperimentConfig, cells: readonly ExperimentCell[]): void {
  if (!experiment.rounds) return;
  if (experiment.list !== undefined) throw new RisklabError(rm.listWithRounds, 'list');
  const labels = experiment.models.map(modelLabel);
  if (experiment.rounds.list !== undefined && !labels.includes(experiment.rounds.list)) {
    throw new RisklabError(rm.unknownListModel(experiment.rounds.list, labels), 'rounds.list');
  }
  const cell = cells.find((c) => c.split.kind !== 'all');
  if (cell) {
    const field = splitField(experiment, cell);
    throw new RisklabError(rm.needsAllSplit(field, cell.split.kind), field);
  }
}

/** Labels that findings refer to by name: unique, and never the "*" wildcard. */
function checkLabels(experiment: ExperimentConfig): void {
  const lists: [string, string[]][] = [
    ['scenarios[].label', experiment.scenarios.map((s) => s.label)],
    ['grid[].label', experiment.grid.map((g) => g.label)],
    ['models[].label', experiment.models.map(modelLabel)],
    ['operatingPoints', experiment.operatingPoints.map(operatingPointName)],
    ['findings[].id', experiment.findings.map((f) => f.id)],
  ];
  for (const [field, labels] of lists) {
    const dup = labels.find((l, i) => labels.indexOf(l) !== i);
    if (dup !== undefined) throw new RisklabError(x.duplicate(field, dup), field);
    if (labels.includes('*')) throw new RisklabError(x.reserved(field), field);
  }
}

/** Every model name is registered and its hyper-parameters are valid (checked by building it once, with no data). */
function checkModels(experiment: ExperimentConfig, quick: boolean): void {
  const known = modelNames;
  experiment.models.forEach((spec, i) => {
    if (!known.includes(spec.name)) throw new RisklabError(messages.unknownName(`models[${i}].name`, spec.name, known), 'models');
    const params = quick && spec.quickParams ? spec.quickParams : spec.params;
    createModel(spec.name, params, { truth: { pTrueById: () => new Float64Array(0) } });
  });
}

/** `brief` names a scenario, a grid cell ("*" for all) and a model of the experiment. */
function checkBrief(experiment: ExperimentConfig): void {
  const { scenario, cell, model } = experiment.brief;
  const scenarios = experiment.scenarios.map((s) => s.label);
  const cells = experiment.grid.map((g) => g.label);
  const models = experiment.models.map(modelLabel);
  if (scenario !== '*' && !scenarios.includes(scenario)) throw new RisklabError(x.unknown('brief.scenario', scenario, ['*', ...scenarios]), 'brief');
  if (cell !== '*' && !cells.includes(cell)) throw new RisklabError(x.unknown('brief.cell', cell, ['*', ...cells]), 'brief');
  if (model !== undefined && !models.includes(model)) throw new RisklabError(x.unknown('brief.model', model, models), 'brief');
}

/**
 * `groups`, `reference`, `intersections` and `example` name attributes and
 * levels of every cell's scenario, and a model of the experiment.
 */
function checkGroupNames(experiment: ExperimentConfig, cells: readonly ExperimentCell[]): void {
  const models = experiment.models.map(modelLabel);
  for (const cell of cells) {
    const where = `scenario ${cell.scenarioLabel}, cell ${cell.gridLabel}`;
    const attributes = cell.scenario.population.groups.map((g) => g.attribute);
    const evaluated = experiment.groups ?? attributes;
    (experiment.groups ?? []).forEach((a, i) => {
      if (!attributes.includes(a)) throw new RisklabError(x.missingAttribute(`groups[${i}]`, a, where, attributes), 'groups');
    });
    for (const [a, level] of Object.entries(experiment.reference)) {
      if (!evaluated.includes(a)) throw new RisklabError(x.missingAttribute('reference', a, where, evaluated), 'reference');
      const levels = cell.scenario.population.groups.find((g) => g.attribute === a)!.levels.map((l) => l.name);
      if (!levels.includes(level)) throw new RisklabError(x.unknown(`reference.${a}`, level, levels), 'reference');
    }
    experiment.intersections.forEach((pair, i) => {
      pair.forEach((a, j) => {
        if (!evaluated.includes(a)) throw new RisklabError(x.missingAttribute(`intersections[${i}][${j}]`, a, where, evaluated), 'intersections');
      });
    });
    const ex = experiment.example;
    if (ex) {
      if (!attributes.includes(ex.attribute)) throw new RisklabError(x.missingAttribute('example.attribute', ex.attribute, where, attributes), 'example');
      if (!models.includes(ex.model)) throw new RisklabError(x.unknown('example.model', ex.model, models), 'example');
    }
  }
}
