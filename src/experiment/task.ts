import { evaluate, type EvaluationRow, type OperatingPointSpec as MetricsPoint } from '../metrics/evaluate.js';
import { brierScore, sweep, confusionAtCut, fpr, precision, recall, selectionRate } from '../metrics/index.js';
import { buildFeatures, buildTrainingSet } from '../models/features.js';
import { createModel, isBaseline } from '../models/registry.js';
import { truthLookup } from '../models/baselines.js';
import type { GroupColumn } from '../population/types.js';
import { createRandom } from '../random/index.js';
import { allRows, holdout, kFold } from '../split/index.js';
import { simulateCohort } from './simulate.js';
import { replicateSeed, type ResolvedExperiment } from './resolve.js';
import type { OperatingPointSpec } from './schema.js';
import { findExamplePair, type ExamplePair } from './example.js';

/** One unit of work: one cell of the grid, one replicate. */
export interface Task {
  readonly index: number;
  readonly cell: number;
  readonly replicate: number;
}

/** A metrics row with the model it belongs to. */
export type ModelRow = EvaluationRow & { readonly model: string; readonly baseline: boolean };

/** Precision, recall, selection rate and FPR at one threshold of a model's scores (charts). */
export interface CurveRow {
  readonly model: string;
  readonly label: 'yRecorded' | 'yTrue';
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly selectionRate: number;
  readonly fpr: number;
}

/** Mean score by group among children of similar true risk (a pTrue tenth). */
export interface EqualRiskRow {
  readonly model: string;
  readonly attribute: string;
  readonly group: string;
  /** 1–10: tenth of the test children by pTrue. */
  readonly riskTenth: number;
  readonly n: number;
  readonly meanPTrue: number;
  readonly meanScore: number;
}

/** Test children's scores, for scores.csv. */
export interface ScoreTable {
  readonly ids: Int32Array;
  readonly cohort: number;
  readonly split: string;
  readonly groups: readonly GroupColumn[];
  readonly yRecorded: Uint8Array;
  readonly yTrue: Uint8Array;
  readonly pTrue: Float64Array;
  readonly byModel: Readonly<Record<string, Float64Array>>;
}

export interface TaskResult {
  readonly task: Task;
  readonly rows: readonly ModelRow[];
  readonly brier: readonly { model: string; label: 'yRecorded' | 'yTrue'; value: number }[];
  readonly curves: readonly CurveRow[];
  readonly equalRisk: readonly EqualRiskRow[];
  readonly sizes: { readonly train: number; readonly test: number; readonly testTruePositives: number; readonly testRecordedPositives: number };
  readonly warnings: readonly string[];
  readonly scores: ScoreTable | null;
  /** Replicate 0 only, when the experiment asks for one. */
  readonly example: ExamplePair | null;
}

/** Convert the experiment file's `{ rule, value }` to the metrics module's `{ [rule]: value }`. */
export function toMetricsPoint(op: OperatingPointSpec): MetricsPoint {
  return { [op.rule]: op.value } as unknown as MetricsPoint;
}

const CURVE_THRESHOLDS = Array.from({ length: 101 }, (_, i) => i / 100);

function curveRows(model: string, label: 'yRecorded' | 'yTrue', scores: Float64Array, labels: Uint8Array): CurveRow[] {
  const s = sweep(scores, labels);
  return CURVE_THRESHOLDS.map((threshold) => {
    const c = confusionAtCut(s, { threshold, tieRowLimit: Infinity });
    return { model, label, threshold, precision: precision(c), recall: recall(c), selectionRate: selectionRate(c), fpr: fpr(c) };
  });
}

function equalRiskRows(model: string, scores: Float64Array, pTrue: Float64Array, groups: readonly GroupColumn[]): EqualRiskRow[] {
  const n = scores.length;
  const order = Float64Array.from(pTrue).sort();
  const cuts = Array.from({ length: 9 }, (_, k) => order[Math.floor(((k + 1) * n) / 10)]);
  const tenth = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    while (t < 9 && pTrue[i] >= cuts[t]) t++;
    tenth[i] = t;
  }
  const out: EqualRiskRow[] = [];
  for (const g of groups) {
    const L = g.levels.length;
    const count = new Float64Array(10 * L);
    const sumP = new Float64Array(10 * L);
    const sumS = new Float64Array(10 * L);
    for (let i = 0; i < n; i++) {
      const k = tenth[i] * L + g.codes[i];
      count[k]++;
      sumP[k] += pTrue[i];
      sumS[k] += scores[i];
    }
    for (let t = 0; t < 10; t++) {
      for (let l = 0; l < L; l++) {
        const k = t * L + l;
        out.push({ model, attribute: g.attribute, group: g.levels[l], riskTenth: t + 1, n: count[k], meanPTrue: sumP[k] / count[k], meanScore: sumS[k] / count[k] });
      }
    }
  }
  return out;
}

function gatherGroups(groups: readonly GroupColumn[], rows: Int32Array): GroupColumn[] {
  return groups.map((g) => ({ attribute: g.attribute, levels: g.levels, codes: Uint8Array.from(rows, (r) => g.codes[r]) }));
}

/**
 * Run one task: simulate the cell's scenario for this replicate, split,
 * fit every model on records, score the test children and evaluate against
 * both labels, overall and by group. Pure apart from the CPU it uses.
 */
export async function runTask(resolved: ResolvedExperiment, task: Task, options: { saveScores?: boolean } = {}): Promise<TaskResult> {
  const { experiment } = resolved;
  const cell = resolved.cells[task.cell];
  const seed = replicateSeed(experiment, cell.scenarioLabel, task.replicate);
  const scenario = { ...cell.scenario, seed };
  const random = createRandom(seed);
  const split = experiment.split;
  const first = simulateCohort(scenario, split.kind === 'cohort' ? split.train : 1);
  const second = split.kind === 'cohort' ? simulateCohort(scenario, split.test) : first;
  const testPopulation = second.population;
  const testRecords = second.records;
  let trainRows: Int32Array;
  let testRows: Int32Array;
  let folds: { train: Int32Array; test: Int32Array }[] | null = null;
  if (split.kind === 'cohort') {
    trainRows = allRows(first.records.size);
    testRows = allRows(testRecords.size);
  } else if (split.kind === 'holdout') {
    ({ train: trainRows, test: testRows } = holdout(first.records.household, split.testShare, random.fork('split')));
  } else {
    folds = kFold(first.records.household, split.k, random.fork('split'));
    trainRows = allRows(first.records.size);
    testRows = allRows(first.records.size);
  }
  const attributes = experiment.groups ?? testPopulation.groups.map((g) => g.attribute);
  const groupColumns = gatherGroups(
    attributes.map((a) => testPopulation.groups.find((g) => g.attribute === a)!).filter(Boolean),
    testRows,
  );
  const yRecorded = Uint8Array.from(testRows, (r) => testRecords.yRecorded[r]);
  const yTrue = Uint8Array.from(testRows, (r) => testPopulation.yTrue[r]);
  const pTrue = Float64Array.from(testRows, (r) => testPopulation.pTrue[r]);
  const truth = truthLookup(testPopulation);
  const featureOptions = { groups: experiment.includeGroups };
  const rows: ModelRow[] = [];
  const curves: CurveRow[] = [];
  const equalRisk: EqualRiskRow[] = [];
  const brier: TaskResult['brier'][number][] = [];
  const warnings: string[] = [];
  const byModel: Record<string, Float64Array> = {};
  for (const spec of experiment.models) {
    const label = spec.label ?? spec.name;
    const params = resolved.quick && spec.quickParams ? spec.quickParams : spec.params;
    const model = createModel(spec.name, params, { truth });
    const modelRandom = random.fork(`model:${label}`);
    let scores: Float64Array;
    if (folds) {
      scores = new Float64Array(testRows.length);
      for (let f = 0; f < folds.length; f++) {
        const fitted = await model.fit(buildTrainingSet(first.records, { ...featureOptions, rows: folds[f].train }), modelRandom.fork(`fold:${f}`));
        const s = fitted.predictProba(buildFeatures(first.records, { ...featureOptions, rows: folds[f].test }));
        folds[f].test.forEach((r, i) => (scores[r] = s[i]));
        warnings.push(...fittedWarnings(label, fitted));
      }
    } else {
      const fitted = await model.fit(buildTrainingSet(first.records, { ...featureOptions, rows: trainRows }), modelRandom);
      scores = fitted.predictProba(buildFeatures(testRecords, { ...featureOptions, rows: testRows }));
      warnings.push(...fittedWarnings(label, fitted));
    }
    const baseline = isBaseline(spec.name);
    for (const r of evaluate(scores, { yRecorded, yTrue }, {
      groups: groupColumns,
      intersections: experiment.intersections,
      operatingPoints: experiment.operatingPoints.map(toMetricsPoint),
    })) {
      rows.push({ ...r, model: label, baseline });
    }
    brier.push({ model: label, label: 'yRecorded', value: brierScore(scores, yRecorded) }, { model: label, label: 'yTrue', value: brierScore(scores, yTrue) });
    if (task.replicate === 0) curves.push(...curveRows(label, 'yRecorded', scores, yRecorded), ...curveRows(label, 'yTrue', scores, yTrue));
    equalRisk.push(...equalRiskRows(label, scores, pTrue, groupColumns));
    byModel[label] = scores;
  }
  let testTruePositives = 0;
  let testRecordedPositives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    testTruePositives += yTrue[i];
    testRecordedPositives += yRecorded[i];
  }
  const ex = experiment.example;
  const example =
    ex && task.replicate === 0 && byModel[ex.model]
      ? findExamplePair(seed, testPopulation, testRecords, testRows, byModel[ex.model], ex.attribute, ex.model, headlineCut(rows, ex.model))
      : null;
  return {
    task,
    example,
    rows,
    brier,
    curves,
    equalRisk,
    sizes: { train: folds ? first.records.size : trainRows.length, test: testRows.length, testTruePositives, testRecordedPositives },
    warnings,
    scores: options.saveScores
      ? {
          ids: Int32Array.from(testRows, (r) => testRecords.ids[r]),
          cohort: testPopulation.cohort,
          split: split.kind === 'kfold' ? 'out-of-fold' : 'test',
          groups: groupColumns,
          yRecorded,
          yTrue,
          pTrue,
          byModel,
        }
      : null,
  };
}

/** The headline operating point's cut on a model's scores, from its evaluation rows. */
function headlineCut(rows: readonly ModelRow[], model: string): { threshold: number; flaggedCount: number } {
  const r = rows.find((x) => x.model === model && x.label === 'yRecorded' && x.attribute === 'all' && x.metric === 'precision');
  return { threshold: r ? r.cutThreshold : Infinity, flaggedCount: r && Number.isFinite(r.flagged) ? r.flagged : 0 };
}

function fittedWarnings(label: string, fitted: unknown): string[] {
  const w = (fitted as { warnings?: unknown }).warnings;
  return Array.isArray(w) ? w.map((x) => `${label}: ${String(x)}`) : [];
}
