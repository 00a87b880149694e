import type { ExperimentResult } from '../../experiment/aggregate.js';
import {
  confusionFromCounts,
  formatCount,
  iconArray,
  naturalFrequencies,
  median,
  type Confusion,
  type FrequencyPart,
  type IconArray,
} from '../../metrics/index.js';
import { reportMessages as t } from '../../messages.js';

/** Which numbers: one cell, model, label, group and operating point. */
export interface CountSelection {
  readonly cell: number;
  readonly model: string;
  readonly label: 'yRecorded' | 'yTrue';
  /** Default "all". */
  readonly attribute?: string;
  /** Default "all". */
  readonly group?: string;
  readonly operatingPoint: string;
}

/**
 * Each replicate's confusion table for a selection, rebuilt from the
 * replicate rows (the rows metrics.csv holds): n, positives and flagged come
 * with every row, and tp = recall × positives (rounded to the whole number
 * it is), so fp = flagged − tp, fn = positives − tp, tn = the rest.
 * Replicates where the operating point flagged nobody by rule (cut not
 * reachable: flagged is NaN) are left out.
 *
 * @example
 * replicateConfusions(result, { cell: 0, model: 'logistic', label: 'yTrue', operatingPoint: 'topShare=0.1' });
 */
export function replicateConfusions(result: ExperimentResult, sel: CountSelection): Confusion[] {
  const { attribute = 'all', group = 'all' } = sel;
  const byReplicate = new Map<number, { n: number; positives: number; flagged: number; recall: number; precision: number }>();
  for (const r of result.rows) {
    if (r.cell !== sel.cell || r.model !== sel.model || r.label !== sel.label || r.attribute !== attribute || r.group !== group || r.operatingPoint !== sel.operatingPoint) continue;
    if (r.metric !== 'recall' && r.metric !== 'precision') continue;
    const entry = byReplicate.get(r.replicate) ?? { n: r.n, positives: r.positives, flagged: r.flagged, recall: NaN, precision: NaN };
    entry[r.metric] = r.value;
    byReplicate.set(r.replicate, entry);
  }
  const out: Confusion[] = [];
  for (const replicate of [...byReplicate.keys()].sort((a, b) => a - b)) {
    const e = byReplicate.get(replicate)!;
    if (!Number.isFinite(e.flagged)) continue;
    const tp = e.positives > 0 ? Math.round(e.recall * e.positives) : e.flagged > 0 ? Math.round(e.precision * e.flagged) : 0;
    const fp = e.flagged - tp;
    const fn = e.positives - tp;
    out.push(confusionFromCounts(tp, fp, fn, e.n - tp - fp - fn));
  }
  return out;
}

/**
 * The median confusion table across replicates: the median of each of the
 * four counts (a half where two replicates straddle it). Null when no
 * replicate has one. This is what the headline and the icon arrays show.
 */
export function medianConfusion(result: ExperimentResult, sel: CountSelection): Confusion | null {
  const list = replicateConfusions(result, sel);
  if (list.length === 0) return null;
  return confusionFromCounts(
    median(list.map((c) => c.tp)),
    median(list.map((c) => c.fp)),
    median(list.map((c) => c.fn)),
    median(list.map((c) => c.tn)),
  );
}

/** A scaled number said honestly: "fewer than 1", "580" (exact) or "about 580". */
export function sayPart(part: FrequencyPart, exact: boolean): string {
  if (part.roundedToZero) return t.fewerThanOne;
  return exact ? formatCount(part.scaled) : t.about(formatCount(part.scaled));
}

/** The headline numbers of one model against one label. */
export interface HeadlineNumbers {
  readonly confusion: Confusion;
  /** Of 1,000 flagged, how many have label 0 (null when nobody is flagged). */
  readonly notAtRiskPer1000: number | null;
  readonly notAtRiskText: string | null;
  /** Of 10 with label 1, how many are missed (null when nobody has label 1). */
  readonly missedPer10: number | null;
  readonly missedText: string | null;
}

/**
 * The numbers of the headline sentence from a median confusion table, by
 * `naturalFrequencies` (flagged scaled to 1,000, at risk to 10, rounded so
 * the parts add up, "about" when rounding changed a number).
 *
 * @example
 * headlineNumbers(confusionFromCounts(42, 58, 158, 742)); // notAtRiskPer1000 580, missedPer10 8
 */
export function headlineNumbers(confusion: Confusion): HeadlineNumbers {
  const nf = naturalFrequencies(confusion, { flaggedPer: 1000, atRiskPer: 10 });
  const notAtRisk = nf.flagged?.parts[1] ?? null;
  const missed = nf.atRisk?.parts[1] ?? null;
  return {
    confusion,
    notAtRiskPer1000: notAtRisk ? notAtRisk.scaled : null,
    notAtRiskText: notAtRisk && nf.flagged ? sayPart(notAtRisk, nf.flagged.exact) : null,
    missedPer10: missed ? missed.scaled : null,
    missedText: missed && nf.atRisk ? sayPart(missed, nf.atRisk.exact) : null,
  };
}

/** An icon array of 100 children from a median confusion table (null for an empty table). */
export function iconsOf(confusion: Confusion | null): IconArray | null {
  return confusion === null ? null : iconArray(confusion, { size: 100 });
}

/**
 * Whether the groups of an attribute differ enough to show an icon array
 * each: some kind of child differs by at least `minIcons` icons of 100
 * between two groups (default 2).
 */
export function groupsDiffer(arrays: readonly (IconArray | null)[], minIcons = 2): boolean {
  const present = arrays.filter((a): a is IconArray => a !== null);
  if (present.length < 2) return false;
  for (let k = 0; k < 4; k++) {
    const counts = present.map((a) => a.counts[k]);
    if (Math.max(...counts) - Math.min(...counts) >= minIcons) return true;
  }
  return false;
}
