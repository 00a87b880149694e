import type { ExperimentResult, MetricSummaryRow } from '../experiment/aggregate.js';
import type { TaskResult } from '../experiment/task.js';
import { differenceOf, ratioOf } from '../metrics/groups.js';
import { csvCell, csvLine } from './csv.js';

/**
 * The experiment's tidy tables as CSV text. Column meanings are documented in
 * `RESULT_COLUMNS` and written into each results folder's README section.
 */

const labelName = (l: 'yRecorded' | 'yTrue') => (l === 'yRecorded' ? 'y_recorded' : 'y_true');
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function cellColumns(result: ExperimentResult, cell: number): (string | number | null)[] {
  const c = result.cells[cell];
  return [c.scenario, c.grid, c.gridValue];
}

/** Documented columns of each table. */
export const RESULT_COLUMNS = {
  metrics: {
    experiment: 'experiment name',
    config_hash: 'hash of the resolved config (config.json)',
    scenario: 'scenario label within the experiment',
    grid: 'grid cell label',
    grid_value: 'the value the grid varies (empty when none)',
    replicate: 'replicate (0-based); each has its own seed',
    model: 'model label',
    baseline: 'true for the oracle and random baselines',
    label: 'y_recorded (judged against records) or y_true (judged against the truth)',
    attribute: '"all" for everyone, a group attribute (e.g. sex), or an intersection "a × b"',
    group: 'the level of the attribute ("all" for everyone), e.g. female, or "female × white" for an intersection',
    operating_point: 'threshold=t, topK=k, topShare=s, recall=r, precision=p (targets are met on y_recorded), or "any" for metrics that need no cut',
    cut_threshold: 'the score cut the operating point resolved to; children scoring above it are flagged, and those scoring exactly it as cut_tie_row_limit says (Infinity: nobody; NaN: target not reachable)',
    cut_tie_row_limit: 'children scoring exactly cut_threshold are flagged when their position in the test set (the row order of scores.csv) is below this; Infinity: all of them (threshold rules); a number: a capacity list that split a tie; NaN: target not reachable',
    n: 'test children in the group',
    positives: 'children in the group with label 1',
    flagged: 'children in the group flagged (NaN: target not reachable)',
    tp: 'flagged and label 1 (true positives); tp + fp = flagged, tp + fn = positives, tp + fp + fn + tn = n; NaN when the target is not reachable or for brier',
    fp: 'flagged and label 0 (false positives)',
    fn: 'not flagged and label 1 (missed: false negatives)',
    tn: 'not flagged and label 0 (true negatives)',
    metric: 'metric name (snake_case): precision, recall, specificity, fpr, fnr, npv, fdr, false_omission_rate, f1, accuracy, balanced_accuracy, mcc, selection_rate, prevalence, flags_per_true_case, auc, average_precision, brier',
    value: 'the metric (NaN when its denominator is 0)',
  },
  groups: {
    'scenario, grid, grid_value, model, baseline, label, operating_point, metric': 'as in metrics.csv',
    attribute: '"all", a group attribute, or an intersection "a × b"',
    group: 'the level ("all" for everyone)',
    n: 'median group size across replicates',
    positives: 'median children with label 1',
    flagged: 'median children flagged',
    median: 'median across replicates',
    mean: 'mean across replicates',
    sd: 'standard deviation across replicates',
    lower: '2.5% point across replicates',
    upper: '97.5% point across replicates',
    replicates: 'replicates with a defined value',
    reference_group: 'the level the group is compared with (first level unless the experiment names one)',
    difference: 'median − the reference group\'s median (NaN when either is undefined)',
    ratio: 'median ÷ the reference group\'s median (NaN when the reference is 0 or undefined: the metrics module\'s one zero-denominator rule)',
  },
  sweep: {
    'scenario, grid, grid_value, model, baseline, label': 'as in metrics.csv (replicate 0 only)',
    threshold: 'probability threshold (flag when score ≥ threshold)',
    precision: 'share of flagged children with label 1',
    recall: 'share of children with label 1 who are flagged',
    selection_rate: 'share of children flagged',
    fpr: 'share of children with label 0 who are flagged',
  },
} as const;

/**
 * The column experiments with rounds add to metrics.csv, after `replicate`
 * (metrics.csv of other experiments has no such column).
 */
export const ROUND_COLUMN = {
  round: 'the round (year) of a feedback loop, 1 = the first; operating point "ever:<headline>" counts the children listed in any round up to this one (fn against y_true: truly at risk, never yet listed); brier rows are of the last round',
} as const;

/** The header of a result's metrics.csv: `RESULT_COLUMNS.metrics`, with `round` after `replicate` when the experiment has rounds. */
export function metricsColumns(result: Pick<ExperimentResult, 'rounds'>): string[] {
  const columns = Object.keys(RESULT_COLUMNS.metrics);
  if (result.rounds !== undefined) columns.splice(columns.indexOf('replicate') + 1, 0, ...Object.keys(ROUND_COLUMN));
  return columns;
}

/**
 * metrics.csv: one row per replicate × cell × model × label × group ×
 * operating point × metric — everyone (attribute "all"), every group and
 * every intersection — each with the counts behind it (n, positives,
 * flagged, tp, fp, fn, tn) and the cut, so that any rate, interval, pooled
 * figure or small-number suppression can be recomputed from the file alone.
 * Brier scores (everyone, operating point "any") follow.
 */
export function* metricsCsv(result: ExperimentResult): Generator<string> {
  yield csvLine(metricsColumns(result));
  const rounds = result.rounds !== undefined;
  const baseline = new Map(result.models.map((m) => [m.label, m.baseline]));
  // A quarter of a million rows in a large run: each text cell is escaped once
  // (memoised), numbers are written as csvCell writes them (String), and each
  // cell's leading columns once per cell — the same bytes as csvLine per row.
  const text = memoised((s: string) => csvCell(s));
  const lead = result.cells.map((c) => csvLine([result.name, result.configHash, ...cellColumns(result, c.index)]).slice(0, -1));
  let chunk = '';
  // Rows of one point (cell, replicate, model, label, group, operating point) come
  // one after another, a row per metric: their leading cells are written once.
  let previous: (typeof result.rows)[number] | undefined;
  let point = '';
  for (const r of result.rows) {
    if (!previous || !samePoint(previous, r)) {
      point = `${lead[r.cell]},${r.replicate},${rounds ? `${r.round},` : ''}${text(r.model)},${r.baseline},${labelName(r.label)},${text(r.attribute)},${text(r.group)},${text(r.operatingPoint)},${r.cutThreshold},${r.cutTieRowLimit},${r.n},${r.positives},${r.flagged},${r.tp},${r.fp},${r.fn},${r.tn},`;
      previous = r;
    }
    chunk += `${point}${text(snake(r.metric))},${r.value}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  const sizes = new Map(result.sizes.map((s) => [`${s.cell}|${s.replicate}`, s]));
  for (const b of result.brier) {
    const size = sizes.get(`${b.cell}|${b.replicate}`)!;
    const positives = b.label === 'yTrue' ? size.testTruePositives : size.testRecordedPositives;
    chunk += csvLine([result.name, result.configHash, ...cellColumns(result, b.cell), b.replicate, ...(rounds ? [result.rounds!] : []), b.model, baseline.get(b.model) ?? false, labelName(b.label), 'all', 'all', 'any', NaN, NaN, size.test, positives, NaN, NaN, NaN, NaN, NaN, 'brier', b.value]);
  }
  if (chunk) yield chunk;
}

/** Whether two replicate rows belong to one evaluation point (so share every cell but metric and value). */
function samePoint(a: ExperimentResult['rows'][number], b: ExperimentResult['rows'][number]): boolean {
  return a.cell === b.cell && a.replicate === b.replicate && a.round === b.round && a.model === b.model && a.label === b.label && a.attribute === b.attribute && a.group === b.group && a.operatingPoint === b.operatingPoint;
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

/** Metrics summarised in groups.csv. */
export const GROUP_METRICS = ['precision', 'recall', 'fpr', 'fnr', 'selectionRate', 'prevalence', 'flagsPerTrueCase', 'auc', 'averagePrecision'];

/** The reference level of an attribute: the experiment's choice, else the first level seen. */
function referenceOf(rows: readonly MetricSummaryRow[], attribute: string, reference: Readonly<Record<string, string>>): string {
  return reference[attribute] ?? rows.find((r) => r.attribute === attribute)?.group ?? '';
}

/** groups.csv: across-replicate summaries for everyone and every group, with differences and ratios against a reference group. */
export function* groupsCsv(result: ExperimentResult, reference: Readonly<Record<string, string>> = {}): Generator<string> {
  yield csvLine([
    'experiment', 'config_hash', 'scenario', 'grid', 'grid_value', 'model', 'baseline', 'label', 'attribute', 'group', 'operating_point', 'metric',
    'n', 'positives', 'flagged', 'median', 'mean', 'sd', 'lower', 'upper', 'replicates', 'reference_group', 'difference', 'ratio',
  ]);
  const rows = result.summary.filter((r) => GROUP_METRICS.includes(r.metric));
  const key = (r: MetricSummaryRow, group: string) => [r.cell, r.model, r.label, r.attribute, group, r.operatingPoint, r.metric].join('\u0000');
  const index = new Map(rows.map((r) => [key(r, r.group), r]));
  for (const r of rows) {
    const refGroup = r.attribute === 'all' ? '' : referenceOf(rows, r.attribute, reference);
    const ref = refGroup ? index.get(key(r, refGroup)) : undefined;
    yield csvLine([
      result.name, result.configHash, ...cellColumns(result, r.cell), r.model, r.baseline, labelName(r.label), r.attribute, r.group, r.operatingPoint, snake(r.metric),
      r.n, r.positives, r.flagged, r.median, r.mean, r.sd, r.lower, r.upper, r.count, refGroup,
      ref ? differenceOf(r.median, ref.median) : NaN, ref ? ratioOf(r.median, ref.median) : NaN,
    ]);
  }
}

/** sweep.csv: precision, recall, selection rate and FPR at thresholds 0, 0.01, …, 1 (replicate 0). */
export function* sweepCsv(result: ExperimentResult): Generator<string> {
  yield csvLine(['experiment', 'config_hash', 'scenario', 'grid', 'grid_value', 'model', 'baseline', 'label', 'threshold', 'precision', 'recall', 'selection_rate', 'fpr']);
  const baseline = new Map(result.models.map((m) => [m.label, m.baseline]));
  for (const c of result.curves) {
    yield csvLine([result.name, result.configHash, ...cellColumns(result, c.cell), c.model, baseline.get(c.model) ?? false, labelName(c.label), c.threshold, c.precision, c.recall, c.selectionRate, c.fpr]);
  }
}

/** equal-risk.csv: mean score by group within each tenth of true risk (replicate 0). */
export function* equalRiskCsv(result: ExperimentResult): Generator<string> {
  yield csvLine(['experiment', 'config_hash', 'scenario', 'grid', 'grid_value', 'model', 'attribute', 'group', 'risk_tenth', 'n', 'mean_p_true', 'mean_score']);
  for (const e of result.equalRisk) {
    if (e.replicate !== 0) continue;
    yield csvLine([result.name, result.configHash, ...cellColumns(result, e.cell), e.model, e.attribute, e.group, e.riskTenth, e.n, e.meanPTrue, e.meanScore]);
  }
}

/** scores.csv: every test child's score from every model, with both labels (written with --save-scores). */
export function* scoresCsv(result: ExperimentResult, tasks: readonly TaskResult[]): Generator<string> {
  const first = tasks.find((t) => t.scores)?.scores;
  if (!first) return;
  const attributes = first.groups.map((g) => g.attribute);
  yield csvLine(['experiment', 'scenario', 'grid', 'grid_value', 'replicate', 'id', 'cohort', 'split', ...attributes, 'model', 'score', 'y_recorded', 'y_true']);
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
