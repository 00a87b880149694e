import type { ExperimentResult, MetricSummaryRow } from '../experiment/aggregate.js';
import type { TaskResult } from '../experiment/task.js';
import { differenceOf, ratioOf } from '../metrics/groups.js';
import { DEFAULT_MIN_COUNT, type SuppressionCounts } from '../metrics/suppression.js';
import { anySuppression, LIST_METRIC_NAMES } from '../experiment/list/metrics.js';
import { csvCell, csvLine } from './csv.js';
import {
  EQUAL_RISK_COLUMNS,
  GROUPS_COLUMNS,
  GROUP_METRICS,
  LABEL_FILE_NAMES,
  METRICS_COLUMNS,
  SWEEP_COLUMNS,
  columnNames,
  metricsColumnsOf,
  scoresColumns,
  snakeCase,
  type Column,
} from './data-dictionary.js';
import { medianConfusion } from './html/headline.js';
import { samePointReplicate } from '../experiment/result-index.js';

/**
 * The experiment's tidy tables as CSV text. Every column is described in the
 * data dictionary (src/report/data-dictionary.ts), from which each results
 * folder's datapackage.json and README.md are written.
 */

export { GROUP_METRICS } from './data-dictionary.js';

const labelName = (l: 'yRecorded' | 'yTrue') => LABEL_FILE_NAMES[l];
const snake = snakeCase;

/** The cell's leading columns: scenario, grid_variable, grid, grid_value. */
function cellColumns(result: Pick<ExperimentResult, 'cells' | 'gridLabel'>, cell: number): (string | number | null)[] {
  const c = result.cells[cell];
  return [c.scenario, result.gridLabel, c.grid, c.gridValue];
}

/** Options of the tables that flag small numbers. */
export interface SuppressionOptions {
  /** Rates resting on fewer children than this are flagged as suppressed; default 10 (the experiment's `minCount`). */
  readonly minCount?: number;
}

const descriptions = (columns: readonly Column[]) => Object.fromEntries(columns.map((c) => [c.name, c.description]));

/** Documented columns of each table (name → meaning), in header order: the data dictionary (src/report/data-dictionary.ts) in short. */
export const RESULT_COLUMNS = {
  metrics: descriptions(METRICS_COLUMNS),
  groups: descriptions(GROUPS_COLUMNS),
  sweep: descriptions(SWEEP_COLUMNS),
  equalRisk: descriptions(EQUAL_RISK_COLUMNS),
};

/** Whether a rate with these counts is suppressed, as its two CSV cells (suppressed, suppressed_reason). */
function suppressionCells(metric: string, counts: SuppressionCounts, minCount: number): [boolean, string] {
  const s = anySuppression(metric, counts, minCount);
  return [s.suppressed, s.reason ?? ''];
}

/** Brier scores rest on every test child: counts that add up to n. */
const brierCounts = (n: number, positives: number): SuppressionCounts => ({ tp: positives, fp: 0, fn: 0, tn: n - positives });

/** What metrics.csv's row lines need of a result besides its rows: known before the first task ends (`resultMeta`). */
export type MetricsCsvMeta = Pick<ExperimentResult, 'name' | 'configHash' | 'cells' | 'gridLabel' | 'rounds' | 'models'>;

/**
 * The writer of metrics.csv's row lines (one per replicate row, Brier lines
 * apart): given rows in row order, their text. Rows of several calls
 * concatenated in row order give the same bytes as one call on all of them,
 * so `risklab run` writes each task's rows as the task arrives.
 */
export function metricsCsvRows(meta: MetricsCsvMeta, minCount: number = DEFAULT_MIN_COUNT): (rows: Iterable<ExperimentResult['rows'][number]>) => Generator<string> {
  const rounds = meta.rounds !== undefined;
  // The list's own metrics (issue 17) are kept for groups too: the list's by-group findings rest on them.
  const groupMetric = new Set<string>([...GROUP_METRICS, ...LIST_METRIC_NAMES]);
  // A quarter of a million rows in a large run: each text cell is escaped once
  // (memoised), numbers are written as csvCell writes them, and each
  // cell's leading columns once per cell — the same bytes as csvLine per row.
  const text = memoised((s: string) => csvCell(s));
  const num = csvCell;
  const lead = meta.cells.map((c) => csvLine([meta.name, meta.configHash, ...cellColumns(meta, c.index)]).slice(0, -1));
  return function* (rows) {
    let chunk = '';
    // Rows of one point (cell, replicate, model, label, group, operating point) come
    // one after another, a row per metric: their leading cells are written once.
    let previous: ExperimentResult['rows'][number] | undefined;
    let point = '';
    for (const r of rows) {
      if (r.attribute !== 'all' && !groupMetric.has(r.metric)) continue;
      if (!previous || !samePointReplicate(previous, r)) {
        point = `${lead[r.cell]},${r.replicate},${rounds ? `${r.round},` : ''}${text(r.model)},${r.baseline},${labelName(r.label)},${text(r.attribute)},${text(r.group)},${text(r.operatingPoint)},${num(r.cutThreshold)},${num(r.cutTieRowLimit)},${num(r.n)},${num(r.positives)},${num(r.flagged)},${num(r.tp)},${num(r.fp)},${num(r.fn)},${num(r.tn)},`;
        previous = r;
      }
      const [suppressed, reason] = suppressionCells(r.metric, r, minCount);
      chunk += `${point}${text(snake(r.metric))},${num(r.value)},${suppressed},${text(reason)}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
}

/**
 * metrics.csv: one row per replicate × cell × model × label × group ×
 * operating point × metric, each with the counts behind it (n, positives,
 * flagged, tp, fp, fn, tn), the cut, and whether the rate is suppressed as
 * too thin to print. Everyone's rows (attribute "all") carry every metric;
 * a group's or intersection's rows carry only `GROUP_METRICS` (the lead's
 * size decision, issue 10: the other rates of a group are recomputable from
 * its counts, and the file of a large run stays a few MB). Brier scores
 * (everyone, operating point "any") follow.
 */
export function* metricsCsv(result: ExperimentResult, options: SuppressionOptions & { /** The text of every row line (not the Brier lines), in row order, as `metricsCsvRows` wrote it while the tasks ran (`risklab run`). */ readonly rowsText?: string } = {}): Generator<string> {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  yield csvLine(columnNames(metricsColumnsOf(result)));
  const rounds = result.rounds !== undefined;
  const baseline = new Map(result.models.map((m) => [m.label, m.baseline]));
  if (options.rowsText !== undefined) yield options.rowsText;
  else yield* metricsCsvRows(result, minCount)(result.rows);
  let chunk = '';
  const sizes = new Map(result.sizes.map((s) => [`${s.cell}|${s.replicate}`, s]));
  for (const b of result.brier) {
    const size = sizes.get(`${b.cell}|${b.replicate}`)!;
    const positives = b.label === 'yTrue' ? size.testTruePositives : size.testRecordedPositives;
    const flags = suppressionCells('brier', brierCounts(size.test, positives), minCount);
    chunk += csvLine([result.name, result.configHash, ...cellColumns(result, b.cell), b.replicate, ...(rounds ? [result.rounds!] : []), b.model, baseline.get(b.model) ?? false, labelName(b.label), 'all', 'all', 'any', NaN, NaN, size.test, positives, NaN, NaN, NaN, NaN, NaN, 'brier', b.value, ...flags]);
  }
  if (chunk) yield chunk;
}

/** A one-argument function remembered by argument. */
function memoised(f: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) seen.set(s, (v = f(s)));
    return v;
  };
}

/** The reference level of an attribute: the experiment's choice, else the first level seen. */
function referenceOf(rows: readonly MetricSummaryRow[], attribute: string, reference: Readonly<Record<string, string>>): string {
  return reference[attribute] ?? rows.find((r) => r.attribute === attribute)?.group ?? '';
}

/**
 * groups.csv: across-replicate summaries for everyone and every group, with
 * differences and ratios against a reference group, and whether the median
 * is suppressed — judged on the median counts across replicates (the
 * medians of tp, fp, fn and tn, as every page judges them).
 */
export function* groupsCsv(result: ExperimentResult, reference: Readonly<Record<string, string>> = {}, options: SuppressionOptions = {}): Generator<string> {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  yield csvLine(columnNames(GROUPS_COLUMNS));
  const rows = result.summary.filter((r) => GROUP_METRICS.includes(r.metric));
  const key = (r: MetricSummaryRow, group: string) => [r.cell, r.model, r.label, r.attribute, group, r.operatingPoint, r.metric].join('\u0000');
  const index = new Map(rows.map((r) => [key(r, r.group), r]));
  const medians = new Map<string, SuppressionCounts | null>();
  for (const r of rows) {
    const refGroup = r.attribute === 'all' ? '' : referenceOf(rows, r.attribute, reference);
    const ref = refGroup ? index.get(key(r, refGroup)) : undefined;
    const pointKey = [r.cell, r.model, r.label, r.attribute, r.group, r.operatingPoint].join('\u0000');
    let median = medians.get(pointKey);
    if (median === undefined) {
      median = medianConfusion(result, { cell: r.cell, model: r.model, label: r.label, attribute: r.attribute, group: r.group, operatingPoint: r.operatingPoint });
      medians.set(pointKey, median);
    }
    const flags = median ? suppressionCells(r.metric, median, minCount) : [false, ''];
    yield csvLine([
      result.name, result.configHash, ...cellColumns(result, r.cell), r.model, r.baseline, labelName(r.label), r.attribute, r.group, r.operatingPoint, snake(r.metric),
      r.n, r.positives, r.flagged, r.median, r.mean, r.sd, r.lower, r.upper, r.count, refGroup,
      ref ? differenceOf(r.median, ref.median) : NaN, ref ? ratioOf(r.median, ref.median) : NaN, ...flags,
    ]);
  }
}

/** sweep.csv: precision, recall, selection rate and FPR at thresholds 0, 0.01, …, 1 (replicate 0). */
export function* sweepCsv(result: ExperimentResult): Generator<string> {
  yield csvLine(columnNames(SWEEP_COLUMNS));
  const baseline = new Map(result.models.map((m) => [m.label, m.baseline]));
  for (const c of result.curves) {
    yield csvLine([result.name, result.configHash, ...cellColumns(result, c.cell), c.model, baseline.get(c.model) ?? false, labelName(c.label), c.threshold, c.precision, c.recall, c.selectionRate, c.fpr]);
  }
}

/** equal-risk.csv: mean score by group within each tenth of true risk (replicate 0). */
export function* equalRiskCsv(result: ExperimentResult): Generator<string> {
  yield csvLine(columnNames(EQUAL_RISK_COLUMNS));
  for (const e of result.equalRisk) {
    if (e.replicate !== 0) continue;
    yield csvLine([result.name, result.configHash, ...cellColumns(result, e.cell), e.model, e.attribute, e.group, e.riskTenth, e.n, e.meanPTrue, e.meanScore]);
  }
}

/** The group attributes scores.csv has a column for (those of the first saved scores), or null when no scores were saved. */
export function scoreAttributes(tasks: readonly TaskResult[]): string[] | null {
  const first = tasks.find((t) => t.scores)?.scores;
  return first ? first.groups.map((g) => g.attribute) : null;
}

/** scores.csv: every test child's score from every model, with both labels (written with --save-scores). */
export function* scoresCsv(result: ExperimentResult, tasks: readonly TaskResult[]): Generator<string> {
  const attributes = scoreAttributes(tasks);
  if (!attributes) return;
  yield csvLine(columnNames(scoresColumns(attributes)));
  for (const t of [...tasks].sort((a, b) => a.task.index - b.task.index)) {
    const s = t.scores;
    if (!s) continue;
    const cell = cellColumns(result, t.task.cell);
    for (const [model, scores] of Object.entries(s.byModel)) {
      let chunk = '';
      for (let i = 0; i < scores.length; i++) {
        chunk += csvLine([result.name, ...cell, t.task.replicate, s.ids[i], s.cohort, s.split, ...s.groups.map((g) => g.levels[g.codes[i]]), model, scores[i], s.yRecorded[i], s.yTrue[i]]);
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
  }
}
