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
  const n = population.size;
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
  const row = (attribute: string, level: string, member: (i: number) => boolean): SummaryRow => {
    let m = 0, yt = 0, yr = 0, tc = 0, rc = 0;
    for (let i = 0; i < n; i++) {
      if (!member(i)) continue;
      m++;
      yt += population.yTrue[i];
      yr += records.yRecorded[i];
      tc += trueCount[i];
      rc += recCount[i];
    }
    return {
      attribute,
      level,
      n: m,
      truePrevalence: yt / m,
      recordedPrevalence: yr / m,
      meanTrueCircumstances: tc / m,
      meanRecordedCircumstances: rc / m,
    };
  };
  const rows: SummaryRow[] = [row('all', 'all', () => true)];
  for (const g of population.groups) {
    g.levels.forEach((level, code) => rows.push(row(g.attribute, level, (i) => g.codes[i] === code)));
  }
  let meanP = 0;
  let cases = 0;
  for (let i = 0; i < n; i++) {
    meanP += population.pTrue[i];
    cases += population.yTrue[i];
  }
  const expected = expectedOracleAuc(population.pTrue);
  return {
    cohort: population.cohort,
    size: n,
    meanPTrue: meanP / n,
    oracleAuc: rocAuc(population.pTrue, population.yTrue),
    expectedOracleAuc: expected,
    oracleAucSe: aucStandardError(expected, cases, n - cases),
    oracleAucRecorded: rocAuc(population.pTrue, records.yRecorded),
    rows,
  };
}

/** The expected AUC of pTrue against yTrue ~ Bernoulli(pTrue): `expectedAuc` over a sorted copy (the scores are the probabilities). */
function expectedOracleAuc(pTrue: Float64Array): number {
  const sorted = Float64Array.from(pTrue).sort();
  const order = new Uint32Array(sorted.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return expectedAuc(sorted, sorted, order);
}
