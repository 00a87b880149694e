import type { Confusion } from './confusion.js';

/**
 * Rates at an operating point, each a pure function of the four counts.
 *
 * Zero denominators: every rate whose denominator is 0 is `NaN` — never 0,
 * never a crash. (scikit-learn instead returns 0 with a warning for
 * precision/recall/F1 by default and 0 for an undefined MCC; we keep `NaN` so
 * that "no flags" or "no cases" can never read as a measured 0.)
 *
 * References: Fawcett (2006) "An introduction to ROC analysis", Pattern
 * Recognition Letters 27:861–874 (TPR, FPR, precision, accuracy);
 * Matthews (1975) Biochim. Biophys. Acta 405:442–451 (MCC);
 * Brodersen et al. (2010) ICPR "The balanced accuracy and its posterior
 * distribution"; van Rijsbergen (1979) Information Retrieval (F1).
 */

/** Names of every rate, in the order tables print them. */
export const RATE_NAMES = [
  'precision',
  'recall',
  'specificity',
  'fpr',
  'fnr',
  'npv',
  'fdr',
  'falseOmissionRate',
  'f1',
  'accuracy',
  'balancedAccuracy',
  'mcc',
  'selectionRate',
  'prevalence',
  'flagsPerTrueCase',
] as const;

/** One of `RATE_NAMES`. */
export type RateName = (typeof RATE_NAMES)[number];

/** Every rate at one operating point. */
export type Rates = { readonly [K in RateName]: number };

/** `a / b`, or NaN when `b` is 0 (the module-wide zero-denominator rule). */
function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

/**
 * Each rate as a formula over (tp, fp, fn, tn), with its definition in words.
 * The single source of truth: the named functions, `rates`, and the sweep's
 * `rateColumn` all call these.
 */
export const RATE_FORMULAS: {
  readonly [K in RateName]: { readonly definition: string; readonly f: (tp: number, fp: number, fn: number, tn: number) => number };
} = {
  precision: { definition: 'tp / (tp + fp)', f: (tp, fp) => ratio(tp, tp + fp) },
  recall: { definition: 'tp / (tp + fn)', f: (tp, _fp, fn) => ratio(tp, tp + fn) },
  specificity: { definition: 'tn / (tn + fp)', f: (_tp, fp, _fn, tn) => ratio(tn, tn + fp) },
  fpr: { definition: 'fp / (fp + tn)', f: (_tp, fp, _fn, tn) => ratio(fp, fp + tn) },
  fnr: { definition: 'fn / (tp + fn)', f: (tp, _fp, fn) => ratio(fn, tp + fn) },
  npv: { definition: 'tn / (tn + fn)', f: (_tp, _fp, fn, tn) => ratio(tn, tn + fn) },
  fdr: { definition: 'fp / (tp + fp)', f: (tp, fp) => ratio(fp, tp + fp) },
  falseOmissionRate: { definition: 'fn / (fn + tn)', f: (_tp, _fp, fn, tn) => ratio(fn, fn + tn) },
  f1: { definition: '2tp / (2tp + fp + fn)', f: (tp, fp, fn) => ratio(2 * tp, 2 * tp + fp + fn) },
  accuracy: { definition: '(tp + tn) / n', f: (tp, fp, fn, tn) => ratio(tp + tn, tp + fp + fn + tn) },
  balancedAccuracy: {
    definition: '(recall + specificity) / 2',
    f: (tp, fp, fn, tn) => (ratio(tp, tp + fn) + ratio(tn, tn + fp)) / 2,
  },
  mcc: {
    definition: '(tp·tn − fp·fn) / √((tp+fp)(tp+fn)(tn+fp)(tn+fn))',
    f: (tp, fp, fn, tn) =>
      ratio(tp * tn - fp * fn, Math.sqrt((tp + fp) * (tp + fn)) * Math.sqrt((tn + fp) * (tn + fn))),
  },
  selectionRate: { definition: '(tp + fp) / n', f: (tp, fp, fn, tn) => ratio(tp + fp, tp + fp + fn + tn) },
  prevalence: { definition: '(tp + fn) / n', f: (tp, fp, fn, tn) => ratio(tp + fn, tp + fp + fn + tn) },
  flagsPerTrueCase: { definition: '(tp + fp) / tp = 1 / precision', f: (tp, fp) => ratio(tp + fp, tp) },
};

/**
 * One named rate of a confusion table.
 *
 * @example
 * rate('precision', confusionFromCounts(42, 58, 10, 890)); // 0.42
 */
export function rate(name: RateName, c: Confusion): number {
  return RATE_FORMULAS[name].f(c.tp, c.fp, c.fn, c.tn);
}

/**
 * Every rate of a confusion table, as one object keyed by `RATE_NAMES`.
 *
 * @example
 * rates(confusionFromCounts(42, 58, 10, 890)).recall; // 42 / 52 ≈ 0.808
 */
export function rates(c: Confusion): Rates {
  const out = {} as Record<RateName, number>;
  for (const name of RATE_NAMES) out[name] = RATE_FORMULAS[name].f(c.tp, c.fp, c.fn, c.tn);
  return out;
}

/**
 * Precision, positive predictive value (PPV): the share of flagged children
 * who have the outcome. tp / (tp + fp); NaN when nothing is flagged.
 *
 * @example
 * precision(confusionFromCounts(42, 58, 10, 890)); // 0.42
 */
export const precision = (c: Confusion): number => rate('precision', c);

/**
 * Recall, sensitivity, true positive rate: the share of children with the
 * outcome who are flagged. tp / (tp + fn); NaN when no row has label 1.
 *
 * @example
 * recall(confusionFromCounts(2, 0, 8, 90)); // 0.2
 */
export const recall = (c: Confusion): number => rate('recall', c);

/**
 * Specificity, true negative rate: tn / (tn + fp); NaN when no row has label 0.
 *
 * @example
 * specificity(confusionFromCounts(2, 10, 8, 80)); // 80 / 90
 */
export const specificity = (c: Confusion): number => rate('specificity', c);

/**
 * False positive rate: fp / (fp + tn) = 1 − specificity; NaN when no row has label 0.
 *
 * @example
 * fpr(confusionFromCounts(2, 10, 8, 80)); // 10 / 90
 */
export const fpr = (c: Confusion): number => rate('fpr', c);

/**
 * False negative rate (miss rate): fn / (tp + fn) = 1 − recall; NaN when no row has label 1.
 *
 * @example
 * fnr(confusionFromCounts(2, 0, 8, 90)); // 0.8
 */
export const fnr = (c: Confusion): number => rate('fnr', c);

/**
 * Negative predictive value: tn / (tn + fn); NaN when every row is flagged.
 *
 * @example
 * npv(confusionFromCounts(2, 10, 8, 80)); // 80 / 88
 */
export const npv = (c: Confusion): number => rate('npv', c);

/**
 * False discovery rate: fp / (tp + fp) = 1 − precision; NaN when nothing is flagged.
 *
 * @example
 * fdr(confusionFromCounts(42, 58, 10, 890)); // 0.58
 */
export const fdr = (c: Confusion): number => rate('fdr', c);

/**
 * False omission rate (FOR): fn / (fn + tn) = 1 − NPV; NaN when every row is flagged.
 *
 * @example
 * falseOmissionRate(confusionFromCounts(2, 10, 8, 80)); // 8 / 88
 */
export const falseOmissionRate = (c: Confusion): number => rate('falseOmissionRate', c);

/**
 * F1 score, the harmonic mean of precision and recall: 2tp / (2tp + fp + fn);
 * NaN only when there are no positives and no flags. With positives but no
 * flags it is 0 (the formula is defined there), as in scikit-learn.
 *
 * @example
 * f1(confusionFromCounts(42, 58, 10, 890)); // 84 / 152
 */
export const f1 = (c: Confusion): number => rate('f1', c);

/**
 * Accuracy: (tp + tn) / n; NaN when n = 0.
 *
 * @example
 * accuracy(confusionFromCounts(42, 58, 10, 890)); // 0.932
 */
export const accuracy = (c: Confusion): number => rate('accuracy', c);

/**
 * Balanced accuracy: (recall + specificity) / 2; NaN when either class is
 * absent (scikit-learn's `balanced_accuracy_score` averages the classes present instead).
 *
 * @example
 * balancedAccuracy(confusionFromCounts(2, 10, 8, 80)); // (0.2 + 80/90) / 2
 */
export const balancedAccuracy = (c: Confusion): number => rate('balancedAccuracy', c);

/**
 * Matthews correlation coefficient:
 * (tp·tn − fp·fn) / √((tp+fp)(tp+fn)(tn+fp)(tn+fn)); NaN when any of the four
 * margins is 0 (scikit-learn's `matthews_corrcoef` returns 0 there).
 *
 * @example
 * mcc(confusionFromCounts(5, 0, 0, 5)); // 1
 */
export const mcc = (c: Confusion): number => rate('mcc', c);

/**
 * Selection rate: the share of all children flagged, (tp + fp) / n; NaN when n = 0.
 *
 * @example
 * selectionRate(confusionFromCounts(42, 58, 10, 890)); // 0.1
 */
export const selectionRate = (c: Confusion): number => rate('selectionRate', c);

/**
 * Prevalence (base rate) of the label passed: (tp + fn) / n; NaN when n = 0.
 *
 * @example
 * prevalence(confusionFromCounts(42, 58, 10, 890)); // 0.052
 */
export const prevalence = (c: Confusion): number => rate('prevalence', c);

/**
 * Number of flags per true case, (tp + fp) / tp = 1 / precision: how many
 * children are flagged for each one who has the outcome. NaN when tp = 0
 * (no flagged child has the outcome, so no finite number of flags finds one).
 *
 * @example
 * flagsPerTrueCase(confusionFromCounts(42, 58, 10, 890)); // 100 / 42 ≈ 2.38
 */
export const flagsPerTrueCase = (c: Confusion): number => rate('flagsPerTrueCase', c);
