import { isFlagged, type Cut } from '../metrics/operating-points.js';
import { displayIdentity, type DisplayIdentity } from '../population/identity.js';
import type { Population } from '../population/types.js';
import type { Records } from '../recording/types.js';

/** One child of an example pair, as a report shows them: a made-up display identity (id, name, age, area), then the numbers. */
export interface ExampleChild extends DisplayIdentity {
  /** The child's level of the pair's attribute. */
  readonly group: string;
  readonly pTrue: number;
  readonly score: number;
  /** 1 = highest score among the test children. */
  readonly rank: number;
  /** Whether the child is among those flagged at the headline operating point. */
  readonly flagged: boolean;
  /** Circumstances present in truth, and those on record. */
  readonly trueCircumstances: readonly string[];
  readonly recordedCircumstances: readonly string[];
}

/** Two children with identical true circumstances but different records. */
export interface ExamplePair {
  readonly attribute: string;
  readonly model: string;
  readonly testSize: number;
  /** Children flagged at the headline operating point (the list's length). */
  readonly flaggedCount: number;
  readonly children: readonly [ExampleChild, ExampleChild];
}

/**
 * Find, among the test children, two of different levels of `attribute` with
 * exactly the same true circumstances and nearly the same pTrue (within 10%),
 * whose records differ, choosing the pair whose scores differ most (ties by
 * lowest ids). Names come from `displayIdentity`, made only for these two.
 * `cut` is the headline operating point on these scores (read from the
 * evaluation rows: the cut actually used) and `flaggedCount` how many it
 * flags; whether a child is on the list is the metrics module's own tie rule
 * (`isFlagged`), never a second one.
 */
export function findExamplePair(
  seed: number | string,
  population: Population,
  records: Records,
  rows: Int32Array,
  scores: Float64Array,
  attribute: string,
  model: string,
  cut: Cut,
  flaggedCount: number,
): ExamplePair | null {
  const column = population.groups.find((g) => g.attribute === attribute);
  if (!column) return null;
  const key = (i: number) => population.truth.map((t) => t[i]).join(',');
  const byTruth = new Map<string, number[]>();
  rows.forEach((r, j) => {
    const k = key(r);
    const list = byTruth.get(k);
    if (list) list.push(j);
    else byTruth.set(k, [j]);
  });
  let best: [number, number] | null = null;
  let bestGap = -1;
  for (const list of byTruth.values()) {
    if (list.length < 2 || list.length > 400) continue;
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const [i, j] = [list[a], list[b]];
        const [ri, rj] = [rows[i], rows[j]];
        if (column.codes[ri] === column.codes[rj]) continue;
        const pi = population.pTrue[ri];
        const pj = population.pTrue[rj];
        if (Math.abs(pi - pj) > 0.1 * Math.max(pi, pj)) continue;
        if (records.recorded.every((col) => col[ri] === col[rj])) continue;
        const gap = Math.abs(scores[i] - scores[j]);
        if (gap > bestGap) {
          bestGap = gap;
          best = [i, j];
        }
      }
    }
  }
  if (!best) return null;
  const sorted = Float64Array.from(scores).sort();
  const rankOf = (s: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= s) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length - lo + 1;
  };
  const sex = population.groups.find((g) => g.attribute === 'sex');
  const child = (j: number): ExampleChild => {
    const r = rows[j];
    const id = population.ids[r];
    const who = displayIdentity(seed, id, { age: population.age[r], sex: sex ? sex.levels[sex.codes[r]] : undefined });
    const present = (cols: readonly Uint8Array[]) => population.circumstances.filter((_, k) => cols[k][r] > 0).map((c) => c.label);
    return {
      id,
      name: who.name,
      age: who.age,
      area: who.area,
      group: column.levels[column.codes[r]],
      pTrue: population.pTrue[r],
      score: scores[j],
      rank: rankOf(scores[j]),
      flagged: isFlagged(scores[j], j, cut),
      trueCircumstances: present(population.truth),
      recordedCircumstances: present(records.recorded),
    };
  };
  const pair = [child(best[0]), child(best[1])].sort((x, y) => x.group.localeCompare(y.group)) as [ExampleChild, ExampleChild];
  return { attribute, model, testSize: rows.length, flaggedCount, children: pair };
}

/**
 * Stage 5 of a task (replicate 0, when the experiment asks): the example
 * pair, placed with the headline operating point's cut as the evaluation
 * rows of its model give it.
 */
export function examplePairStage(
  experiment: { readonly example?: { readonly attribute: string; readonly model: string } },
  replicate: number,
  seed: string,
  cohort: { readonly population: Population; readonly records: Records },
  rows: Int32Array,
  scored: readonly { readonly label: string; readonly scores: Float64Array }[],
  evaluation: readonly { readonly model: string; readonly label: string; readonly attribute: string; readonly metric: string; readonly operatingPoint: string; readonly cutThreshold: number; readonly cutTieRowLimit: number; readonly flagged: number }[],
  headline: string,
): ExamplePair | null {
  const ex = experiment.example;
  const model = ex ? scored.find((m) => m.label === ex.model) : undefined;
  if (!ex || replicate !== 0 || !model) return null;
  const r = evaluation.find((x) => x.model === ex.model && x.label === 'yRecorded' && x.attribute === 'all' && x.operatingPoint === headline && x.metric === 'precision');
  const reachable = r !== undefined && !Number.isNaN(r.cutThreshold);
  const cut: Cut = reachable ? { threshold: r.cutThreshold, tieRowLimit: r.cutTieRowLimit } : { threshold: Infinity, tieRowLimit: Infinity };
  return findExamplePair(seed, cohort.population, cohort.records, rows, model.scores, ex.attribute, ex.model, cut, reachable ? r.flagged : 0);
}
