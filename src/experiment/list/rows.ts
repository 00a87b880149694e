import { RATE_FORMULAS, type LabelName, type RateName } from '../../metrics/index.js';
import type { Cut } from '../../metrics/operating-points.js';
import type { ListMetricName } from './metrics.js';
import type { ModelRow } from '../task.js';
import { addToSlots, type GroupSlots } from './groups.js';

/**
 * Evaluation rows for a list that is not one score cut — a reviewed list, or
 * every child on a weekly list at least once in the year — and the list's
 * own metrics (its reasons, its review, its churn): the same tidy rows as
 * `evaluate` gives (label × group × metric, each with its counts), so
 * findings select them by name and metrics.csv holds them.
 *
 * The rates given are those the group tables summarise (`LIST_RATES`),
 * from the list's confusion table in each group; every other rate is
 * recomputable from the counts each row carries. AUC and average precision
 * are not given (they are properties of the scores, not of a list: the
 * list's own operating point has them). The list
 * metrics (`extra`) describe the list itself rather than how it meets a
 * label, so each has the same value under both labels — as `flagged` has.
 */

/** The rates a derived list's rows carry (groups.csv's rates; the rest follow from the counts on every row). */
export const LIST_RATES: readonly RateName[] = ['precision', 'recall', 'fpr', 'fnr', 'selectionRate', 'prevalence', 'flagsPerTrueCase'];

/** Label-independent metrics per slot, in order. */
export type SlotMetrics = readonly { readonly metric: ListMetricName; readonly values: ArrayLike<number> }[];

/** Label-dependent metrics per slot. */
export type LabelSlotMetrics = Readonly<Record<LabelName, SlotMetrics>>;

export interface PointRowsInput {
  readonly model: string;
  readonly baseline: boolean;
  readonly operatingPoint: string;
  /** The cut, when the list is one (NaN, NaN otherwise: a reviewed or year-long list has no single cut). */
  readonly cut?: Cut;
  readonly slots: GroupSlots;
  readonly labels: Readonly<Record<LabelName, Uint8Array>>;
  /** Test indices of the children on the list. */
  readonly listed: ArrayLike<number>;
  /** Give the rates too (false: only `extra`, for a point whose rates `evaluate` already gave). Default true. */
  readonly rates?: boolean;
  readonly extra?: SlotMetrics;
  readonly extraByLabel?: LabelSlotMetrics;
}

/** Flagged children and flagged children with label 1, per slot. */
export function countListed(slots: GroupSlots, labels: Readonly<Record<LabelName, Uint8Array>>, listed: ArrayLike<number>) {
  const flagged = new Int32Array(slots.slots.length);
  const tp = { yRecorded: new Int32Array(slots.slots.length), yTrue: new Int32Array(slots.slots.length) };
  for (let j = 0; j < listed.length; j++) {
    const i = listed[j];
    addToSlots(slots, i, flagged);
    if (labels.yRecorded[i]) addToSlots(slots, i, tp.yRecorded);
    if (labels.yTrue[i]) addToSlots(slots, i, tp.yTrue);
  }
  return { flagged, tp };
}

/** The rows of one list: for each label and slot, every rate (unless `rates: false`) and the list metrics. */
export function pointRows(input: PointRowsInput): ModelRow[] {
  const { slots, listed } = input;
  const { flagged, tp } = countListed(slots, input.labels, listed);
  const rows: ModelRow[] = [];
  for (const label of ['yRecorded', 'yTrue'] as const) {
    for (let s = 0; s < slots.slots.length; s++) {
      const n = slots.n[s];
      const positives = slots.positives[label][s];
      const f = flagged[s];
      const t = tp[label][s];
      const counts = { n, positives, flagged: f, tp: t, fp: f - t, fn: positives - t, tn: n - positives - (f - t) };
      const base = {
        label,
        attribute: slots.slots[s].attribute,
        group: slots.slots[s].group,
        operatingPoint: input.operatingPoint,
        cutThreshold: input.cut?.threshold ?? NaN,
        cutTieRowLimit: input.cut?.tieRowLimit ?? NaN,
        ...counts,
        model: input.model,
        baseline: input.baseline,
      };
      if (input.rates ?? true) {
        for (const metric of LIST_RATES) rows.push({ ...base, metric, value: RATE_FORMULAS[metric].f(counts.tp, counts.fp, counts.fn, counts.tn) });
      }
      for (const e of input.extra ?? []) rows.push({ ...base, metric: e.metric, value: e.values[s] });
      for (const e of input.extraByLabel?.[label] ?? []) rows.push({ ...base, metric: e.metric, value: e.values[s] });
    }
  }
  return rows;
}

/** a / b per slot, NaN where b is 0 (the metrics module's one zero-denominator rule). */
export function perSlotRatio(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = b[s] === 0 ? NaN : a[s] / b[s];
  return out;
}
