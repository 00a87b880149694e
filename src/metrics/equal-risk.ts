import type { GroupColumn } from '../columns.js';
import { RisklabError, metricsMessages as m } from '../messages.js';

/** Mean score of one group among children of similar true risk (one tenth of pTrue). */
export interface EqualRiskCell {
  readonly attribute: string;
  readonly group: string;
  /** 1–10: tenth of the children by pTrue, lowest first. */
  readonly riskTenth: number;
  readonly n: number;
  readonly meanPTrue: number;
  /** NaN for an empty cell. */
  readonly meanScore: number;
}

/** Each child's tenth of true risk (0–9), for `equalRiskTable`: computed once per test set, shared by every model's scores. */
export interface RiskTenths {
  readonly pTrue: Float64Array;
  readonly tenth: Uint8Array;
}

/**
 * Cut the children into tenths of `pTrue` (cut points at the 10%, 20%, …
 * order statistics; ties go up), as `equalRiskTable` does.
 *
 * @example
 * riskTenths(Float64Array.from([0.3, 0.1, 0.2])).tenth; // Uint8Array [9, 3, 6]
 */
export function riskTenths(pTrue: Float64Array): RiskTenths {
  const n = pTrue.length;
  const order = Float64Array.from(pTrue).sort();
  const cuts = Array.from({ length: 9 }, (_, k) => order[Math.floor(((k + 1) * n) / 10)]);
  const tenth = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    while (t < 9 && pTrue[i] >= cuts[t]) t++;
    tenth[i] = t;
  }
  return { pTrue, tenth };
}

/**
 * Scores at equal true risk: the children are cut into tenths of `pTrue`
 * (cut points at the 10%, 20%, … order statistics; ties go up), and within
 * each tenth the mean score and mean pTrue of each group are given. Groups
 * with the same true risk should get the same mean score; a gap is a
 * difference that the truth does not explain (what recording bias does).
 *
 * Reference: the "calibration within groups" view of Kleinberg, Mullainathan
 * & Raghavan (2017) "Inherent trade-offs in the fair determination of risk
 * scores", ITCS, with true risk in place of the predicted score.
 *
 * @example
 * equalRiskTable(scores, pTrue, [byGroup]).filter((c) => c.riskTenth === 10); // the riskiest tenth, per group
 */
export function equalRiskTable(scores: Float64Array, pTrue: Float64Array, groups: readonly GroupColumn[], tenths: RiskTenths | null = null): EqualRiskCell[] {
  const n = scores.length;
  if (pTrue.length !== n) throw new RisklabError(m.lengthMismatch('pTrue', n, pTrue.length), 'pTrue');
  if (tenths !== null && tenths.pTrue !== pTrue) throw new Error('equalRiskTable: the tenths are of another pTrue column');
  const tenth = (tenths ?? riskTenths(pTrue)).tenth;
  const out: EqualRiskCell[] = [];
  for (const g of groups) {
    const L = g.levels.length;
    const count = new Float64Array(10 * L);
    const sumP = new Float64Array(10 * L);
    const sumS = new Float64Array(10 * L);
    for (let i = 0; i < n; i++) {
      const k = tenth[i] * L + g.codes[i];
      count[k]++;
      sumP[k] += pTrue[i];
      sumS[k] += scores[i];
    }
    for (let t = 0; t < 10; t++) {
      for (let l = 0; l < L; l++) {
        const k = t * L + l;
        out.push({ attribute: g.attribute, group: g.levels[l], riskTenth: t + 1, n: count[k], meanPTrue: sumP[k] / count[k], meanScore: sumS[k] / count[k] });
      }
    }
  }
  return out;
}

/**
 * The score gap at equal true risk between two groups: the mean, over the
 * tenths of true risk where both groups have children, of (mean score of
 * `of` − mean score of `minus`). NaN when no tenth has both.
 *
 * @example
 * equalRiskGap(equalRiskTable(scores, pTrue, [group]), 'group', 'B', 'A'); // > 0: B scored higher at the same true risk
 */
export function equalRiskGap(cells: readonly EqualRiskCell[], attribute: string, of: string, minus: string): number {
  const a = new Map<number, number>();
  const b = new Map<number, number>();
  for (const c of cells) {
    if (c.attribute !== attribute) continue;
    if (c.group === of) a.set(c.riskTenth, c.meanScore);
    else if (c.group === minus) b.set(c.riskTenth, c.meanScore);
  }
  const gaps = [...a.keys()].filter((t) => b.has(t)).map((t) => a.get(t)! - b.get(t)!).filter((g) => !Number.isNaN(g));
  return gaps.length === 0 ? NaN : gaps.reduce((s, g) => s + g, 0) / gaps.length;
}
