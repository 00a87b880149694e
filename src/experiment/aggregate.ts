import { median, summarizeReplicates } from '../metrics/intervals.js';
import type { SuccessCriterion } from '../metrics/strength.js';
import { modelLabel, type ResolvedExperiment } from './resolve.js';
import type { CurveRow, EqualRiskRow, ModelRow, TaskResult } from './task.js';
import { isBaseline } from '../models/registry.js';
import { operatingPointName } from './names.js';
import type { ModelList } from './stages/list.js';
import { planList, type ListPlan } from './list/settings.js';
import type { CellCards } from './card.js';
import { evaluateFindings, type Findings } from './findings/evaluate.js';
import { planFindings } from './findings/plan.js';
import { pointsOfRows, resultIndex, type ResultIndex, type RowPoints } from './result-index.js';

/** A metrics row of one replicate, tagged with its cell. */
export type ReplicateRow = ModelRow & { readonly cell: number; readonly replicate: number };

/** One metric summarised across replicates for a cell × model × label × group × operating point. */
export interface MetricSummaryRow {
  readonly cell: number;
  readonly model: string;
  readonly baseline: boolean;
  readonly label: 'yRecorded' | 'yTrue';
  readonly attribute: string;
  readonly group: string;
  readonly operatingPoint: string;
  readonly metric: string;
  /** Median group size across replicates. */
  readonly n: number;
  readonly positives: number;
  readonly flagged: number;
  readonly median: number;
  readonly mean: number;
  readonly sd: number;
  /** 2.5% and 97.5% points across replicates. */
  readonly lower: number;
  readonly upper: number;
  /** Replicates with a defined value. */
  readonly count: number;
}

/** Everything an experiment produced: the tables every report is drawn from. */
export interface ExperimentResult {
  readonly name: string;
  readonly question: string;
  readonly sources: readonly string[];
  readonly seed: number | string;
  readonly configHash: string;
  readonly quick: boolean;
  readonly replicates: number;
  readonly gridLabel: string;
  /** Rounds of a feedback loop (every row then carries its round); absent for a one-round experiment. */
  readonly rounds?: number;
  readonly cells: readonly { index: number; scenario: string; grid: string; gridValue: number | null; scenarioName: string; sources: readonly { claim: string; source: string; confidence: string }[] }[];
  readonly models: readonly { label: string; name: string; baseline: boolean }[];
  readonly operatingPoints: readonly string[];
  /** The experiment's success criteria, parsed. */
  readonly criteria: readonly SuccessCriterion[];
  /** The experiment's answer: its declared findings evaluated, and its headline filled from them. */
  readonly findings: Findings;
  /** How the pages name the outcome (the experiment's `outcome`). */
  readonly outcome: { readonly cases: string; readonly case: string; readonly nonCases: string };
  /** Rates resting on fewer children than this are suppressed on the pages (the experiment's `minCount`). */
  readonly minCount: number;
  /** What the brief's pictures show (the experiment's `brief`, its model filled in). */
  readonly brief: { readonly scenario: string; readonly cell: string; readonly model: string };
  /** Per replicate, everyone and every group and intersection at every operating point, with counts and cut (metrics.csv holds them all). */
  readonly rows: readonly ReplicateRow[];
  readonly summary: readonly MetricSummaryRow[];
  readonly brier: readonly { cell: number; replicate: number; model: string; label: 'yRecorded' | 'yTrue'; value: number }[];
  /** Replicate 0 only (charts). */
  readonly curves: readonly (CurveRow & { cell: number })[];
  /** Every replicate (equal-risk.csv holds replicate 0; findings use them all). */
  readonly equalRisk: readonly (EqualRiskRow & { cell: number; replicate: number })[];
  readonly sizes: readonly { cell: number; replicate: number; train: number; test: number; testTruePositives: number; testRecordedPositives: number }[];
  readonly warnings: readonly string[];
  /** The trainers' cards of each cell (replicate 0), for experiments that compare groups; `trainerCard` (src/experiment/card.ts) picks the one to show. */
  readonly cards: readonly ({ cell: number } & CellCards)[];
  /** The experiment's list settings, resolved (src/experiment/list/settings.ts). */
  readonly list: ListPlan;
  /** Each cell's list per list model (replicate 0), with every listed child's reasons (list.csv). */
  readonly lists: readonly ({ cell: number } & ModelList)[];
}

/**
 * One summary row per point and metric, in the order the rows first give
 * them: medians, means, sd and 2.5–97.5% points across replicates. In an
 * experiment with rounds, of the last round at the experiment's own
 * operating points (every round and the `ever:` point are in the rows, for
 * findings, metrics.csv and the rounds chart).
 */
function summarise(index: ResultIndex, baseline: ReadonlyMap<string, boolean>, rounds: number | null, operatingPoints: readonly string[]): MetricSummaryRow[] {
  const summary: MetricSummaryRow[] = [];
  index.eachPoint((at, points) => {
    const { cell, model, label, attribute, group, operatingPoint, round } = at;
    if (rounds !== null && (round !== rounds || !operatingPoints.includes(operatingPoint))) return;
    const n = median(points.map((p) => p.n));
    const positives = median(points.map((p) => p.positives));
    const flagged = median(points.map((p) => p.flagged));
    const isBaseline = baseline.get(model) ?? false;
    // One buffer for every metric of the point (a what-works run summarises about 25,000 of them after its last task).
    const values = new Float64Array(points.length);
    for (const metric of Object.keys(points[0].values)) {
      for (let r = 0; r < points.length; r++) values[r] = points[r].values[metric];
      const s = summarizeReplicates(values);
      // Fields named one by one: spreading the point's rest-destructured key into each row made the summary several times slower (what-works: about 0.5 s of a run's tail).
      summary.push({ cell, model, label, attribute, group, operatingPoint, baseline: isBaseline, metric, n, positives, flagged, median: s.median, mean: s.mean, sd: s.sd, lower: s.lower, upper: s.upper, count: s.count });
    }
  });
  return summary;
}

/** The parts of a result that are known before any task has run: its name, hash, cells, models and rounds (what metrics.csv's row lines need). */
export function resultMeta(resolved: ResolvedExperiment): Pick<ExperimentResult, 'name' | 'configHash' | 'gridLabel' | 'rounds' | 'cells' | 'models'> {
  const { experiment } = resolved;
  return {
    name: experiment.name,
    configHash: resolved.configHash,
    gridLabel: experiment.gridLabel,
    ...(experiment.rounds ? { rounds: experiment.rounds.count } : {}),
    cells: resolved.cells.map((c) => ({
      index: c.index,
      scenario: c.scenarioLabel,
      grid: c.gridLabel,
      gridValue: c.gridValue,
      scenarioName: c.scenario.name,
      sources: c.scenario.sources,
    })),
    models: experiment.models.map((m) => ({ label: modelLabel(m), name: m.name, baseline: isBaseline(m.name) })),
  };
}

/** One task's result with its rows and tables tagged with its cell and replicate (the per-task part of `aggregate`). */
interface TaggedTask {
  readonly result: TaskResult;
  readonly rows: ReplicateRow[];
  /** The rows grouped into points (the index's per-row part). */
  readonly points: RowPoints;
  readonly brier: ExperimentResult['brier'];
  readonly equalRisk: ExperimentResult['equalRisk'];
}

/**
 * One string object per distinct text. A task's result crosses from its
 * worker thread as a copy, with a new string for every field of every row;
 * with the rows' names shared, every later Map, Set and comparison over a
 * quarter of a million rows (the index, the tables, the charts) hashes and
 * compares each name once instead of once per row.
 */
function interner(): <T extends string>(s: T) => T {
  const seen = new Map<string, string>();
  return <T extends string>(s: T): T => {
    let v = seen.get(s);
    if (v === undefined) seen.set(s, (v = s));
    return v as T;
  };
}

function tagTask(r: TaskResult, intern: <T extends string>(s: T) => T): TaggedTask {
  const { cell, replicate } = r.task;
  const rows: ReplicateRow[] = new Array(r.rows.length);
  for (let k = 0; k < r.rows.length; k++) {
    const row = r.rows[k];
    rows[k] = { ...row, model: intern(row.model), label: intern(row.label), attribute: intern(row.attribute), group: intern(row.group), operatingPoint: intern(row.operatingPoint), metric: intern(row.metric), cell, replicate };
  }
  return {
    result: r,
    rows,
    points: pointsOfRows(rows),
    brier: r.brier.map((b) => ({ ...b, model: intern(b.model), label: intern(b.label), cell, replicate })),
    equalRisk: r.equalRisk.map((e) => ({ ...e, model: intern(e.model), attribute: intern(e.attribute), group: intern(e.group), cell, replicate })),
  };
}

/** An aggregate built as task results arrive (`openAggregate`). */
export interface Aggregator {
  /** Take one task's result (in any order; each task once); returns its rows as the result will hold them. */
  add(result: TaskResult): readonly ReplicateRow[];
  /** The result of every task added, as `aggregate` gives it. */
  finish(): ExperimentResult;
}

/**
 * `aggregate`, fed one task at a time: the per-task work (tagging a task's
 * rows and tables with its cell and replicate, grouping its rows into the
 * index's points) happens in `add`, while the
 * other tasks still run, and `finish` does only what needs every replicate
 * (the index, findings and summaries). Tasks are put back in task order, so
 * the result never depends on the order they arrived in.
 */
export function openAggregate(resolved: ResolvedExperiment): Aggregator {
  const byIndex = new Map<number, TaggedTask>();
  const intern = interner();
  return {
    add(result) {
      if (byIndex.has(result.task.index)) throw new Error(`task ${result.task.index} was added twice`);
      const tagged = tagTask(result, intern);
      byIndex.set(result.task.index, tagged);
      return tagged.rows;
    },
    finish: () => combine(resolved, [...byIndex.values()].sort((a, b) => a.result.task.index - b.result.task.index)),
  };
}

/**
 * Combine task results (in any order) into one result, ordered by task
 * index so the output never depends on which worker finished first.
 */
export function aggregate(resolved: ResolvedExperiment, results: readonly TaskResult[]): ExperimentResult {
  const aggregator = openAggregate(resolved);
  for (const r of results) aggregator.add(r);
  return aggregator.finish();
}

function combine(resolved: ResolvedExperiment, tagged: readonly TaggedTask[]): ExperimentResult {
  const ordered = tagged.map((t) => t.result);
  const rows: ReplicateRow[] = [];
  for (const t of tagged) for (const row of t.rows) rows.push(row);
  const { experiment } = resolved;
  const tables = {
    rows,
    brier: tagged.flatMap((t) => t.brier),
    equalRisk: tagged.flatMap((t) => t.equalRisk),
  };
  const index = resultIndex(tables, tagged.map((t) => t.points));
  const baseline = new Map(experiment.models.map((m) => [modelLabel(m), isBaseline(m.name)]));
  return {
    ...resultMeta(resolved),
    question: experiment.question,
    sources: experiment.sources,
    seed: experiment.seed,
    quick: resolved.quick,
    replicates: resolved.replicates,
    operatingPoints: experiment.operatingPoints.map(operatingPointName),
    criteria: resolved.criteria,
    findings: evaluateFindings(planFindings(resolved), index, resolved.replicates),
    outcome: experiment.outcome,
    minCount: experiment.minCount,
    brief: { ...experiment.brief, model: experiment.brief.model ?? modelLabel(experiment.models.find((m) => !isBaseline(m.name)) ?? experiment.models[0]) },
    rows,
    summary: summarise(index, baseline, experiment.rounds?.count ?? null, experiment.operatingPoints.map(operatingPointName)),
    brier: tables.brier,
    curves: ordered.flatMap((r) => r.curves.map((c) => ({ ...c, cell: r.task.cell }))),
    equalRisk: tables.equalRisk,
    sizes: ordered.map((r) => ({ cell: r.task.cell, replicate: r.task.replicate, ...r.sizes })),
    warnings: [...new Set(ordered.flatMap((r) => r.warnings))],
    cards: ordered.flatMap((r) => (r.cards ? [{ cell: r.task.cell, ...r.cards }] : [])),
    list: planList(experiment),
    lists: ordered.flatMap((r) => (r.lists ?? []).map((l) => ({ cell: r.task.cell, ...l }))),
  };
}
