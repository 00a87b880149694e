/**
 * risklab metrics: every number against its textbook definition, against
 * `yRecorded` and against `yTrue`, overall and by group, at every threshold.
 *
 * Conventions used throughout:
 * - "score ≥ threshold" means flagged; labels are `Uint8Array` 0/1, scores `Float64Array`.
 * - A zero denominator gives `NaN` (documented per function), never 0 and never a crash.
 * - Capacity lists flag exactly k children; ties at the cut go by ascending
 *   row index (see `operating-points.ts`).
 * - A `Cut` depends on the scores only, so one cut judges both labels and every group.
 *
 * @example
 * const { yRecorded, yTrue } = sweepBoth(scores, { yRecorded: records.yRecorded, yTrue: population.yTrue });
 * yRecorded.auc; yTrue.auc;                        // one sort each; AUC and AP come with the table
 * const list = topK(yRecorded, 1000);              // the weekly list of 1,000
 * rates(list.confusion).precision;                 // judged on the records
 * rates(confusionAtCut(yTrue, list.cut)).precision; // judged on the truth
 * const bySex = sweepByGroup(scores, population.yTrue, population.groups[0]);
 * confusionByGroup(bySex, list.cut).map((c) => naturalFrequencies(c).sentences[0]);
 * evaluate(scores, { yRecorded: records.yRecorded, yTrue: population.yTrue }, { groups: population.groups }); // tidy rows
 */
export { type Confusion, type ConfusionCounts, confusionFromCounts, confusionAtThreshold, confusionFromFlags } from './confusion.js';
export {
  RATE_NAMES,
  RATE_FORMULAS,
  type RateName,
  type Rates,
  rate,
  rates,
  precision,
  recall,
  specificity,
  fpr,
  fnr,
  npv,
  fdr,
  falseOmissionRate,
  f1,
  accuracy,
  balancedAccuracy,
  mcc,
  selectionRate,
  prevalence,
  flagsPerTrueCase,
} from './rates.js';
export {
  type Sweep,
  type SweepRows,
  type SweepPair,
  type ScoreOrder,
  sweep,
  sweepBoth,
  scoreOrder,
  sweepOrdered,
  confusionAtIndex,
  rateColumn,
} from './sweep.js';
export {
  type Cut,
  type OperatingPoint,
  type OperatingRule,
  NOTHING_FLAGGED,
  atThreshold,
  topK,
  topShare,
  forRecall,
  forPrecision,
  confusionAtCut,
  flagsAt,
  isFlagged,
  flaggedRows,
} from './operating-points.js';
export {
  type RocCurve,
  type PrecisionRecallCurve,
  rocAuc,
  averagePrecision,
  rocCurve,
  precisionRecallCurve,
} from './ranking.js';
export {
  type CalibrationBin,
  type CalibrationInTheLarge,
  brierScore,
  logLoss,
  calibrationTable,
  calibrationInTheLarge,
} from './calibration.js';
export {
  METRIC_NAMES,
  type MetricName,
  type GroupSweep,
  type MetricByGroup,
  type WidestGap,
  type GroupRow,
  type PublishedRow,
  sweepByGroup,
  intersect,
  confusionByGroup,
  metricByGroup,
  difference,
  ratio,
  differenceOf,
  ratioOf,
  widestGap,
  groupTable,
  suppressSmallCells,
} from './groups.js';
export {
  type Interval,
  type ReplicateSummary,
  type BootstrapOptions,
  type BootstrapInterval,
  normalQuantile,
  wilson,
  quantileSorted,
  median,
  summarizeReplicates,
  bootstrapRows,
  bootstrapMetric,
} from './intervals.js';
export {
  type FrequencyPart,
  type FrequencyStatement,
  type NaturalFrequencyOptions,
  type NaturalFrequencies,
  type IconCategory,
  type IconCell,
  type IconArray,
  ICON_CATEGORIES,
  formatCount,
  roundToTotal,
  naturalFrequencies,
  iconArray,
} from './natural-frequencies.js';
export {
  type StrengthBand,
  type StrengthScale,
  type Comparison,
  type SuccessCriterion,
  type CriterionResult,
  DEFAULT_STRENGTH_SCALE,
  strengthScale,
  strengthWord,
  parseCriterion,
  checkCriterion,
} from './strength.js';
export { type OperatingPointSpec, type EvaluateOptions, type EvaluationRow, TRAIN_PREFIX, evaluate, operatingPointName, resolveOperatingPoint, trainCut } from './evaluate.js';
export { type ThresholdPoint, CURVE_THRESHOLDS, thresholdCurve } from './curves.js';
export { type EqualRiskCell, type RiskTenths, equalRiskTable, equalRiskGap, riskTenths } from './equal-risk.js';
export { type LabelName, type Measurement, type MeasureOptions, measureScores } from './measure.js';
export { type Suppression, type SuppressionCounts, type SuppressibleMetric, type Share, DEFAULT_MIN_COUNT, suppression, wholeChildren } from './suppression.js';
