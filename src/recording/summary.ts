import type { Population } from '../population/types.js';
import type { Records } from './types.js';
import { rocAuc } from '../metrics/ranking.js';
import { aucStandardError } from '../metrics/hanley-mcneil.js';
import { expectedAuc } from '../population/outcome.js';

/** One row of the generate summary: a group level (or everyone). */
export interface SummaryRow {
  readonly attribute: string;
  readonly level: string;
  readonly n: number;
  /** Mean of yTrue in the group. */
  readonly truePrevalence: number;
  /** Mean of yRecorded in the group. */
  readonly recordedPrevalence: number;
  /** Mean number of circumstances present (count > 0) per child, in truth. */
  readonly meanTrueCircumstances: number;
  /** Mean number of circumstances recorded (count > 0) per child. */
  readonly meanRecordedCircumstances: number;
}

export interface PopulationSummary {
  readonly cohort: number;
  readonly size: number;
  readonly meanPTrue: number;
  /** AUC of pTrue against yTrue: how well the best possible model ranks, on this draw of yTrue. */
  readonly oracleAuc: number;
  /**
   * Expected AUC of pTrue against outcomes drawn from it (the mean of
   * `oracleAuc` over redraws of yTrue): what `outcome.oracleAuc` calibrates.
   */
  readonly expectedOracleAuc: number;
  /** Sampling error of `oracleAuc` around the expected value (Hanley–McNeil, from the realised class sizes). */
  readonly oracleAucSe: number;
  /** AUC of pTrue against yRecorded: the same scores judged by the records. */
  readonly oracleAucRecorded: number;
  readonly rows: readonly SummaryRow[];
}

/**
 * True versus recorded prevalence, and true versus recorded circumstances
 * per child, for everyone and for each level of each group attribute.
 */
export function summarise(population: Population, records: Records): PopulationSummary {
  const acc = summaryAccumulator(population.size);
  acc.add(population, records);
  return acc.finish(population.pTrue);
}

/**
 * The same summary built chunk by chunk: `add` each chunk of a cohort in
 * order, then `finish` with every child's pTrue. Holds two bytes a child
 * (yTrue and yRecorded, for the AUCs) and a few sums per group level.
 */
export function summaryAccumulator(size: number): {
  add(population: Population, records: Records): void;
  finish(pTrue: Float64Array): PopulationSummary;
} {
  const yTrue = new Uint8Array(size);
  const yRecorded = new Uint8Array(size);
  let cohort = 0;
  let filled = 0;
  let meanP = 0;
  let keys: { attribute: string; level: string }[] = [];
  let sums: Float64Array = new Float64Array(0); // per row: n, yTrue, yRecorded, true circumstances, recorded circumstances
  return {
    add(population, records) {
      const n = population.size;
      if (filled === 0) {
        cohort = population.cohort;
        keys = [{ attribute: 'all', level: 'all' }, ...population.groups.flatMap((g) => g.levels.map((level) => ({ attribute: g.attribute, level })))];
        sums = new Float64Array(keys.length * 5);
      }
      const trueCount = new Uint8Array(n);
      const recCount = new Uint8Array(n);
      for (let k = 0; k < population.truth.length; k++) {
        const t = population.truth[k];
        const r = records.recorded[k];
        for (let i = 0; i < n; i++) {
          if (t[i] > 0) trueCount[i]++;
          if (r[i] > 0) recCount[i]++;
        }
      }
      const offsets = [0];
      for (const g of population.groups) offsets.push(offsets[offsets.length - 1] + g.levels.length);
      const { yTrue: yt, pTrue: pt, groups } = population;
      const yr = records.yRecorded;
      for (let i = 0; i < n; i++) {
        for (let j = -1; j < groups.length; j++) {
          const o = (j < 0 ? 0 : 1 + offsets[j] + groups[j].codes[i]) * 5;
          sums[o]++;
          sums[o + 1] += yt[i];
          sums[o + 2] += yr[i];
          sums[o + 3] += trueCount[i];
          sums[o + 4] += recCount[i];
        }
        meanP += pt[i];
      }
      yTrue.set(population.yTrue, filled);
      yRecorded.set(records.yRecorded, filled);
      filled += n;
    },
    finish(pTrue) {
      const rows: SummaryRow[] = keys.map(({ attribute, level }, r) => {
        const m = sums[r * 5];
        return {
          attribute,
          level,
          n: m,
          truePrevalence: sums[r * 5 + 1] / m,
          recordedPrevalence: sums[r * 5 + 2] / m,
          meanTrueCircumstances: sums[r * 5 + 3] / m,
          meanRecordedCircumstances: sums[r * 5 + 4] / m,
        };
      });
      const expected = expectedOracleAuc(pTrue);
      return {
        cohort,
        size: filled,
        meanPTrue: meanP / filled,
        oracleAuc: rocAuc(pTrue, yTrue),
        expectedOracleAuc: expected,
        oracleAucSe: aucStandardError(expected, sums[1], filled - sums[1]),
        oracleAucRecorded: rocAuc(pTrue, yRecorded),
        rows,
      };
    },
  };
}

/** The expected AUC of pTrue against yTrue ~ Bernoulli(pTrue): `expectedAuc` over a sorted copy (the scores are the probabilities). */
function expectedOracleAuc(pTrue: Float64Array): number {
  const sorted = Float64Array.from(pTrue).sort();
  const order = new Uint32Array(sorted.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return expectedAuc(sorted, sorted, order);
}
