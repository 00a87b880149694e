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
  DEFAULT_MIN_COUNT,
} from '../../metrics/index.js';
import { reportMessages as t } from '../../messages.js';
import { resultIndex, type PointKey } from '../../experiment/result-index.js';

/** Which numbers: one cell, model, label, group (default everyone) and operating point. */
export type CountSelection = PointKey;

/**
 * Each replicate's confusion table for a selection, read from the counts
 * the evaluation rows carry (tp, fp, fn, tn: nothing is rebuilt from
 * rates). Replicates where the operating point could not be reached (the
 * counts are NaN) are left out. A lookup in the result's index, not a scan.
 *
 * @example
 * replicateConfusions(result, { cell: 0, model: 'logistic', label: 'yTrue', operatingPoint: 'topShare=0.1' });
 */
export function replicateConfusions(result: ExperimentResult, sel: CountSelection): Confusion[] {
  return resultIndex(result)
    .points(sel)
    .filter((p) => Number.isFinite(p.tp))
    .map((p) => confusionFromCounts(p.tp, p.fp, p.fn, p.tn));
}

/**
 * The median confusion table across replicates: the median of each of the
 * four counts (a half where two replicates straddle it). Null when no
 * replicate has one. The one definition every page uses for counts of
 * children across replicates — the HTML headline, the icon arrays and the
 * natural-frequency sentences of summary.md — and says so ("medians across
 * replicates").
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
  /** Of 1,000 flagged, how many have label 0 (null when nobody is flagged, or too few). */
  readonly notAtRiskPer1000: number | null;
  readonly notAtRiskText: string | null;
  /** Of 10 with label 1, how many are missed (null when nobody has label 1, or too few). */
  readonly missedPer10: number | null;
  readonly missedText: string | null;
  /** Why a number is withheld (too few children flagged, or with the outcome): the suppression reason. */
  readonly suppressed: { readonly flagged?: string; readonly atRisk?: string };
}

/**
 * The numbers of the headline sentence from a median confusion table, by
 * `naturalFrequencies` (flagged scaled to 1,000, at risk to 10, rounded so
 * the parts add up, "about" when rounding changed a number); a statement
 * resting on fewer than `minCount` children (default 10) is withheld.
 *
 * @example
 * headlineNumbers(confusionFromCounts(42, 58, 158, 742)); // notAtRiskPer1000 580, missedPer10 8
 */
export function headlineNumbers(confusion: Confusion, minCount = DEFAULT_MIN_COUNT): HeadlineNumbers {
  const nf = naturalFrequencies(confusion, { flaggedPer: 1000, atRiskPer: 10, minCount });
  const notAtRisk = nf.flagged?.parts[1] ?? null;
  const missed = nf.atRisk?.parts[1] ?? null;
  return {
    confusion,
    notAtRiskPer1000: notAtRisk ? notAtRisk.scaled : null,
    notAtRiskText: notAtRisk && nf.flagged ? sayPart(notAtRisk, nf.flagged.exact) : null,
    missedPer10: missed ? missed.scaled : null,
    missedText: missed && nf.atRisk ? sayPart(missed, nf.atRisk.exact) : null,
    suppressed: { ...(nf.suppressed.flagged ? { flagged: nf.suppressed.flagged } : {}), ...(nf.suppressed.atRisk ? { atRisk: nf.suppressed.atRisk } : {}) },
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

/**
 * The median across replicates of counts added up over several cells (one
 * model, label, group and operating point): per replicate, the four counts
 * of every listed cell summed, then the median of each sum. "All settings
 * together" for the brief. Null when no replicate has counts in every cell.
 *
 * @example
 * pooledConfusion(result, [0, 1, 2, 3], { model: 'logistic', label: 'yTrue', operatingPoint: 'threshold=0.5' });
 */
export function pooledConfusion(result: ExperimentResult, cells: readonly number[], sel: Omit<CountSelection, 'cell'>): Confusion | null {
  const perCell = cells.map((cell) => replicateConfusions(result, { ...sel, cell }));
  const replicates = Math.min(...perCell.map((l) => l.length));
  if (cells.length === 0 || replicates === 0) return null;
  const sums = Array.from({ length: replicates }, (_, r) => {
    const s = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const list of perCell) {
      s.tp += list[r].tp;
      s.fp += list[r].fp;
      s.fn += list[r].fn;
      s.tn += list[r].tn;
    }
    return s;
  });
  return confusionFromCounts(median(sums.map((c) => c.tp)), median(sums.map((c) => c.fp)), median(sums.map((c) => c.fn)), median(sums.map((c) => c.tn)));
}
