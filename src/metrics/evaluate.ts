import type { GroupColumn } from '../columns.js';
import { RisklabError, metricsMessages as m } from '../messages.js';
import { METRIC_NAMES, confusionByGroup, intersect, sweepByGroup, type MetricName } from './groups.js';
import { atThreshold, confusionAtCut, forPrecision, forRecall, topK, topShare, type Cut, type OperatingPoint, type OperatingRule } from './operating-points.js';
import { RATE_FORMULAS, type RateName } from './rates.js';
import { scoreOrder, sweep, sweepOrdered, type ScoreOrder, type Sweep } from './sweep.js';
import { checkLabels } from './validate.js';
import type { Confusion, ConfusionCounts } from './confusion.js';

/**
 * One call that gives every number twice — against `yRecorded` and against
 * `yTrue` — overall and by group, at several operating points, as tidy rows
 * (one row per label × group × operating point × metric) that R, pandas and
 * spreadsheets read without reshaping.
 *
 * Operating points are chosen on `yRecorded` (what a council can see) and the
 * same cut is then applied, unchanged, to `yTrue` and to every group. For
 * thresholds and capacity lists the label makes no difference; for a target
 * recall or precision it does, and this is the honest choice: the target is
 * met on the records, and the rows against `yTrue` show what it really gave.
 *
 * A point with `on: 'train'` is chosen where a practitioner has to choose it:
 * on the training rows' scores and the label the model was trained on
 * (`EvaluateOptions.train`), and applied, as a fixed score threshold, to the
 * rows evaluated here — like a threshold point at that cut.
 */

/**
 * How to choose an operating point: a rule and its value — the form
 * experiment files use (`{ rule: 'topK', value: 1000 }`). Its name in every
 * table is `operatingPointName(spec)`: "topK=1000".
 */
export interface OperatingPointSpec {
  readonly rule: OperatingRule;
  readonly value: number;
  /**
   * Where the cut is chosen: 'test' (default) on the scores and records
   * being evaluated; 'train' on the training rows (`EvaluateOptions.train`),
   * then fixed. Only for rules whose cut depends on the data (topK,
   * topShare, recall, precision).
   */
  readonly on?: 'train' | 'test';
}

/** The prefix of the name of an operating point chosen on the training rows: "train:precision=0.65". */
export const TRAIN_PREFIX = 'train:';

/**
 * The name an operating point has in every table: `threshold=0.5`,
 * `topK=1000`, `topShare=0.05`, `recall=0.5`, `precision=0.7`; chosen on the
 * training rows, `train:precision=0.7`.
 */
export function operatingPointName(spec: OperatingPointSpec): string {
  return `${spec.on === 'train' ? TRAIN_PREFIX : ''}${spec.rule}=${spec.value}`;
}

/** Options for `evaluate`. */
export interface EvaluateOptions {
  /** Group attributes to break down by. Default none. */
  readonly groups?: readonly GroupColumn[];
  /** Intersections to add, as lists of attribute names, e.g. [["sex", "ethnicity"]]. Default none. */
  readonly intersections?: readonly (readonly string[])[];
  /** Default: threshold 0.5. */
  readonly operatingPoints?: readonly OperatingPointSpec[];
  /** Default: every metric in `METRIC_NAMES`. */
  readonly metrics?: readonly MetricName[];
  /**
   * The training rows, where points with `on: 'train'` choose their cut: the
   * model's scores on them and the label it was trained on. Required when
   * such a point is given; ignored otherwise.
   */
  readonly train?: { readonly scores: Float64Array; readonly label: Uint8Array };
}

/**
 * One tidy row of an evaluation: a metric with the counts and the cut it
 * came from. The counts are those of the row's group at the cut; they are
 * NaN, with the cut, when the target was not reachable.
 */
export interface EvaluationRow extends ConfusionCounts {
  readonly label: 'yRecorded' | 'yTrue';
  /** "all", an attribute, or an intersection ("sex × ethnicity"). */
  readonly attribute: string;
  readonly group: string;
  /** e.g. "topK=1000", "threshold=0.5", "recall=0.8". */
  readonly operatingPoint: string;
  /** The score cut the operating point resolved to (Infinity: nobody flagged; NaN: target not reachable). */
  readonly cutThreshold: number;
  /**
   * The cut's tie rule: children scoring exactly `cutThreshold` are flagged
   * when their row index (in the score array) is below this (Infinity: all of
   * them; see `Cut`). NaN when the target was not reachable.
   */
  readonly cutTieRowLimit: number;
  readonly metric: MetricName;
  readonly value: number;
}

const RESOLVERS: Readonly<Record<OperatingRule, (s: Sweep, value: number) => OperatingPoint | null>> = {
  threshold: atThreshold,
  topK,
  topShare,
  recall: forRecall,
  precision: forPrecision,
};

/**
 * Name and resolve one operating point on a sweep (evaluate resolves on the
 * recorded sweep); `point` is null when a target cannot be met.
 *
 * @example
 * resolveOperatingPoint(sweep(scores, yRecorded), { rule: 'topK', value: 1000 }).point?.cut;
 */
export function resolveOperatingPoint(s: Sweep, spec: OperatingPointSpec): { name: string; point: OperatingPoint | null } {
  const resolver = RESOLVERS[spec.rule];
  if (!resolver) throw new RisklabError(m.unknownRule('operatingPoints[].rule', String(spec.rule), Object.keys(RESOLVERS)), 'operatingPoints');
  return { name: operatingPointName(spec), point: resolver(s, spec.value) };
}

/**
 * The cut of a point chosen on the training rows (`train`, the sweep of the
 * training scores against the training label), as it is carried to other
 * rows: a score threshold, "flag every child scoring at least the training
 * cut" — ties never split, because a tie rule's row order in the training
 * year means nothing in another year. Null when the target cannot be met
 * on the training rows.
 *
 * @example
 * trainCut(sweep(trainScores, trainYRecorded), { rule: 'precision', value: 0.65, on: 'train' })?.threshold;
 */
export function trainCut(train: Sweep, spec: OperatingPointSpec): Cut | null {
  const { point } = resolveOperatingPoint(train, spec);
  return point === null ? null : { threshold: point.cut.threshold, tieRowLimit: Infinity };
}

/** The metric's value from a confusion table and its sweep. */
function value(metric: MetricName, c: Confusion | null, s: Sweep): number {
  if (metric === 'auc') return s.auc;
  if (metric === 'averagePrecision') return s.averagePrecision;
  return c === null ? NaN : RATE_FORMULAS[metric as RateName].f(c.tp, c.fp, c.fn, c.tn);
}

/**
 * Each point's name and cut: resolved on the recorded sweep, or, with `on:
 * 'train'`, on the training rows (`trainCut`); the training sweep is built
 * once, and only when a point needs it.
 */
function resolvePoints(recorded: Sweep, specs: readonly OperatingPointSpec[], train: EvaluateOptions['train']): { name: string; cut: Cut | null }[] {
  let trainSweep: Sweep | undefined;
  return specs.map((spec) => {
    if (spec.on !== 'train') {
      const { name, point } = resolveOperatingPoint(recorded, spec);
      return { name, cut: point?.cut ?? null };
    }
    if (!train) throw new RisklabError(m.noTrainingRows(operatingPointName(spec)), 'train');
    trainSweep ??= sweep(train.scores, train.label);
    return { name: operatingPointName(spec), cut: trainCut(trainSweep, spec) };
  });
}

/**
 * Evaluate one score column against both labels, overall and by group, at
 * each operating point, as tidy rows. A target that cannot be met on
 * `yRecorded` (or, for a point chosen on the training rows, on them) gives rows with `cutThreshold` NaN and every threshold-based
 * metric NaN (AUC and AP are still given).
 *
 * @example
 * evaluate(scores, { yRecorded: records.yRecorded, yTrue: population.yTrue }, {
 *   groups: population.groups,
 *   intersections: [['sex', 'ethnicity']],
 *   operatingPoints: [{ rule: 'topK', value: 1000 }, { rule: 'precision', value: 0.7 }],
 *   metrics: ['precision', 'recall', 'selectionRate', 'auc'],
 * });
 */
export function evaluate(
  scores: Float64Array,
  labels: { readonly yRecorded: Uint8Array; readonly yTrue: Uint8Array },
  options: EvaluateOptions = {},
): EvaluationRow[] {
  return evaluateOrdered(scores, labels, options, () => orderChecked(scores, labels.yRecorded));
}

/**
 * The score order `evaluate` sorts once, after checking `yRecorded` as the first
 * sweep did (so a bad label is still reported before a bad score); null when a
 * score is −0 (`scoreOrder`).
 */
export function orderChecked(scores: Float64Array, yRecorded: Uint8Array): ScoreOrder | null {
  checkLabels(yRecorded, scores.length, 'labels');
  return scoreOrder(scores);
}

/**
 * `evaluate`, with the score column sorted once by `order` (called after the
 * options are checked) and every sweep — each label, overall and by every
 * group level — read off that one order (internal: `measureScores` shares the
 * order with the threshold curves).
 */
export function evaluateOrdered(
  scores: Float64Array,
  labels: { readonly yRecorded: Uint8Array; readonly yTrue: Uint8Array },
  options: EvaluateOptions,
  order: () => ScoreOrder | null,
): EvaluationRow[] {
  const { groups = [], intersections = [], operatingPoints = [{ rule: 'threshold', value: 0.5 }], metrics = METRIC_NAMES } = options;
  for (const name of metrics) {
    if (!(METRIC_NAMES as readonly string[]).includes(name)) throw new RisklabError(m.unknownMetric('metrics', name, METRIC_NAMES), 'metrics');
  }
  const columns = [...groups];
  for (const names of intersections) {
    columns.push(
      intersect(
        names.map((a) => {
          const c = groups.find((g) => g.attribute === a);
          if (!c) throw new RisklabError(m.unknownAttribute('intersections', a, groups.map((g) => g.attribute)), 'intersections');
          return c;
        }),
      ),
    );
  }
  const ordered = order();
  const sweepOf = (y: Uint8Array) => (ordered === null ? sweep(scores, y) : sweepOrdered(ordered, y));
  const recorded = sweepOf(labels.yRecorded);
  const points = resolvePoints(recorded, operatingPoints, options.train);
  const rows: EvaluationRow[] = [];
  for (const label of ['yRecorded', 'yTrue'] as const) {
    const overall = label === 'yRecorded' ? recorded : sweepOf(labels.yTrue);
    const byColumn = columns.map((c) => sweepByGroup(scores, labels[label], c, ordered));
    for (const { name, cut } of points) {
      const emit = (attribute: string, group: string, s: Sweep, c: Confusion | null) => {
        for (const metric of metrics) {
          rows.push({
            label,
            attribute,
            group,
            operatingPoint: name,
            cutThreshold: cut === null ? NaN : cut.threshold,
            cutTieRowLimit: cut === null ? NaN : cut.tieRowLimit,
            n: s.n,
            positives: s.positives,
            flagged: c === null ? NaN : c.flagged,
            tp: c === null ? NaN : c.tp,
            fp: c === null ? NaN : c.fp,
            fn: c === null ? NaN : c.fn,
            tn: c === null ? NaN : c.tn,
            metric,
            value: value(metric, c, s),
          });
        }
      };
      emit('all', 'all', overall, cut === null ? null : confusionAtCut(overall, cut));
      for (const g of byColumn) {
        const confusions = cut === null ? null : confusionByGroup(g, cut);
        g.groups.forEach((s, code) => emit(g.attribute, g.levels[code], s, confusions === null ? null : confusions[code]));
      }
    }
  }
  return rows;
}
