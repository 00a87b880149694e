import type { GroupColumn } from '../columns.js';
import { brierScore } from './calibration.js';
import { curveOfSweep, type ThresholdPoint } from './curves.js';
import { equalRiskTable, type EqualRiskCell, type RiskTenths } from './equal-risk.js';
import { evaluateOrdered, orderChecked, type EvaluateOptions, type EvaluationRow, type OperatingPointSpec } from './evaluate.js';
import { sweep, sweepOrdered, type ScoreOrder } from './sweep.js';

/** The two labels every number is judged against. */
export type LabelName = 'yRecorded' | 'yTrue';

/** What one score column gives: tidy rows with their counts, Brier scores, threshold curves, scores at equal true risk. */
export interface Measurement {
  readonly rows: readonly EvaluationRow[];
  readonly brier: readonly { readonly label: LabelName; readonly value: number }[];
  /** Empty unless `curves` was asked for. */
  readonly curves: readonly (ThresholdPoint & { readonly label: LabelName })[];
  readonly equalRisk: readonly EqualRiskCell[];
}

/** Options for `measureScores`. */
export interface MeasureOptions {
  /** Group attributes to break down by. Default none. */
  readonly groups?: readonly GroupColumn[];
  /** Intersections, as lists of attribute names. Default none. */
  readonly intersections?: readonly (readonly string[])[];
  /** Default: threshold 0.5. */
  readonly operatingPoints?: readonly OperatingPointSpec[];
  /** Also give the threshold curves (thresholds 0, 0.01, …, 1) against both labels. Default false. */
  readonly curves?: boolean;
  /** Give the mean score by group within tenths of true risk. Default true. */
  readonly equalRisk?: boolean;
  /** The training rows' scores and label, where points with `on: 'train'` choose their cut (see `evaluate`). */
  readonly train?: EvaluateOptions['train'];
  /** `riskTenths(pTrue)` when already computed (every model of a task shares it). Default: computed here. */
  readonly riskTenths?: RiskTenths;
}

/**
 * Measure one model's scores on one test set: `evaluate` against both
 * labels (overall, by group and by intersection, at every operating point,
 * each row with tp, fp, fn, tn and the cut), the Brier score against each
 * label, optionally the threshold curves, and the mean score by group within
 * tenths of true risk. This is the "measure" stage of an experiment task.
 *
 * @example
 * measureScores(scores, { yRecorded, yTrue }, pTrue, { groups, operatingPoints: [{ rule: 'topK', value: 100 }] }).rows;
 */
export function measureScores(
  scores: Float64Array,
  labels: { readonly yRecorded: Uint8Array; readonly yTrue: Uint8Array },
  pTrue: Float64Array,
  options: MeasureOptions = {},
): Measurement {
  const { groups = [], intersections = [], operatingPoints, curves = false, equalRisk = true, train } = options;
  // The scores are sorted once: every sweep of evaluate and of the curves is read off that order.
  let ordered: ScoreOrder | null | undefined;
  const order = () => (ordered === undefined ? (ordered = orderChecked(scores, labels.yRecorded)) : ordered);
  const rows = evaluateOrdered(scores, labels, { groups, intersections, operatingPoints, ...(train ? { train } : {}) }, order);
  const curve = (y: Uint8Array) => {
    const o = order();
    return curveOfSweep(o === null ? sweep(scores, y) : sweepOrdered(o, y));
  };
  return {
    rows,
    brier: [
      { label: 'yRecorded', value: brierScore(scores, labels.yRecorded) },
      { label: 'yTrue', value: brierScore(scores, labels.yTrue) },
    ],
    curves: curves
      ? [
          ...curve(labels.yRecorded).map((p) => ({ ...p, label: 'yRecorded' as const })),
          ...curve(labels.yTrue).map((p) => ({ ...p, label: 'yTrue' as const })),
        ]
      : [],
    equalRisk: equalRisk ? equalRiskTable(scores, pTrue, groups, options.riskTenths ?? null) : [],
  };
}
