import type { ConfusionCounts, EqualRiskCell, EvaluationRow, LabelName } from '../metrics/index.js';

/**
 * The replicate tables of a run, indexed once by key so that findings,
 * headlines, icon arrays and summaries look numbers up instead of scanning
 * every row on every call (a run of four scenarios and five models, broken
 * down by three attributes, has a quarter of a million replicate rows).
 */

/** The fields of a replicate row the index reads (a `ReplicateRow` has them all). */
export interface IndexedRow extends Omit<EvaluationRow, 'metric'> {
  readonly cell: number;
  readonly replicate: number;
  readonly model: string;
  readonly metric: string;
  /** In an experiment with rounds, the round; absent otherwise. */
  readonly round?: number;
}

/** One evaluation point (cell × model × label × group × operating point) of one replicate: its counts, its cut and every metric. */
export interface PointReplicate extends ConfusionCounts, Pick<EvaluationRow, 'cutThreshold' | 'cutTieRowLimit'> {
  readonly replicate: number;
  /** metric name → value. */
  readonly values: Readonly<Record<string, number>>;
}

/** Where a point is. */
export interface PointKey {
  readonly cell: number;
  readonly model: string;
  readonly label: LabelName;
  /** Default "all". */
  readonly attribute?: string;
  /** Default "all". */
  readonly group?: string;
  readonly operatingPoint: string;
  /** In an experiment with rounds, the round (rows of other experiments have none). */
  readonly round?: number;
}

/** Lookups into a run's replicate tables; every list is in replicate order. */
export interface ResultIndex {
  /** Every replicate's numbers at one point ([] when the point does not exist); in an experiment with rounds, of the last round unless the key names one. */
  points(key: PointKey): readonly PointReplicate[];
  /** Every replicate's Brier score of a model against a label. */
  brier(cell: number, model: string, label: LabelName): readonly number[];
  /** Every replicate's scores-at-equal-risk table of a model. */
  equalRisk(cell: number, model: string): readonly (readonly EqualRiskCell[])[];
  /** Every point, in the order its first row appears in the tables, with its replicates. */
  eachPoint(visit: (key: Required<Omit<PointKey, 'round'>> & Pick<PointKey, 'round'>, replicates: readonly PointReplicate[]) => void): void;
}

/** The tables an index is built from (an `ExperimentResult` has them). */
export interface IndexedTables {
  readonly rows: readonly IndexedRow[];
  readonly brier: readonly { readonly cell: number; readonly replicate: number; readonly model: string; readonly label: LabelName; readonly value: number }[];
  readonly equalRisk: readonly (EqualRiskCell & { readonly cell: number; readonly replicate: number; readonly model: string })[];
}

const SEP = '\u0000';
const pointKey = (k: PointKey) => [k.cell, k.model, k.label, k.attribute ?? 'all', k.group ?? 'all', k.operatingPoint, k.round ?? ''].join(SEP);

/** Whether two replicate rows are of the same point and replicate (the fields of `pointKey`, and the replicate): they share every cell but metric and value. */
export function samePointReplicate(a: IndexedRow, b: IndexedRow): boolean {
  return (
    a.replicate === b.replicate &&
    a.cell === b.cell &&
    a.operatingPoint === b.operatingPoint &&
    a.group === b.group &&
    a.attribute === b.attribute &&
    a.label === b.label &&
    a.model === b.model &&
    a.round === b.round
  );
}

/** Put `value` at `list[replicate]`, growing the list as needed. */
function place<T>(map: Map<string, T[]>, key: string, replicate: number, make: () => T): T {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return (list[replicate] ??= make());
}

type PointAt = Required<Omit<PointKey, 'round'>> & Pick<PointKey, 'round'>;

/** The points of some replicate rows (e.g. one task's), in the order their first rows come: the per-row part of building an index (`pointsOfRows`). */
export interface RowPoints {
  readonly entries: readonly { readonly key: string; readonly at: PointAt; readonly point: PointReplicate }[];
  /** The largest round among the rows (experiments with rounds). */
  readonly lastRound?: number;
}

/**
 * Group replicate rows into points (one per point and replicate, with every
 * metric): the part of `indexTables` that reads every row, which a run does
 * for each task as it arrives (`openAggregate`).
 */
export function pointsOfRows(rows: readonly IndexedRow[]): RowPoints {
  const entries: { key: string; at: PointAt; point: PointReplicate }[] = [];
  const seen = new Map<string, PointReplicate>();
  let lastRound: number | undefined;
  // A point's rows (one per metric) come one after another: its key and place are found once.
  let previous: IndexedRow | undefined;
  let p: PointReplicate | undefined;
  for (const r of rows) {
    if (r.round !== undefined && (lastRound === undefined || r.round > lastRound)) lastRound = r.round;
    if (previous === undefined || p === undefined || !samePointReplicate(previous, r)) p = undefined;
    previous = r;
    if (p === undefined) {
      const key = pointKey(r);
      const slot = `${key}${SEP}${r.replicate}`;
      p = seen.get(slot);
      if (p === undefined) {
        p = {
          replicate: r.replicate,
          cutThreshold: r.cutThreshold,
          cutTieRowLimit: r.cutTieRowLimit,
          n: r.n,
          positives: r.positives,
          flagged: r.flagged,
          tp: r.tp,
          fp: r.fp,
          fn: r.fn,
          tn: r.tn,
          values: {} as Record<string, number>,
        };
        seen.set(slot, p);
        entries.push({ key, at: { cell: r.cell, model: r.model, label: r.label, attribute: r.attribute, group: r.group, operatingPoint: r.operatingPoint, ...(r.round === undefined ? {} : { round: r.round }) }, point: p });
      }
    }
    (p.values as Record<string, number>)[r.metric] = r.value;
  }
  return { entries, ...(lastRound === undefined ? {} : { lastRound }) };
}

/**
 * Build the index in one pass over each table. `parts`, when given, are the
 * rows' points already grouped (`pointsOfRows` of consecutive runs of the
 * rows, in row order); the rows are then not read again.
 */
export function indexTables(tables: IndexedTables, parts?: readonly RowPoints[]): ResultIndex {
  const points = new Map<string, PointReplicate[]>();
  const keys = new Map<string, PointAt>();
  let lastRound: number | undefined;
  for (const part of parts ?? [pointsOfRows(tables.rows)]) {
    if (part.lastRound !== undefined && (lastRound === undefined || part.lastRound > lastRound)) lastRound = part.lastRound;
    for (const { key, at, point } of part.entries) {
      if (!keys.has(key)) keys.set(key, at);
      let list = points.get(key);
      if (!list) points.set(key, (list = []));
      const there = list[point.replicate];
      // The same point and replicate in two parts (rows split mid-replicate): one point with every metric.
      if (there) Object.assign(there.values, point.values);
      else list[point.replicate] = point;
    }
  }
  const brier = new Map<string, number[]>();
  for (const b of tables.brier) {
    const key = [b.cell, b.model, b.label].join(SEP);
    const list = brier.get(key) ?? [];
    list[b.replicate] = b.value;
    brier.set(key, list);
  }
  const equalRisk = new Map<string, EqualRiskCell[][]>();
  for (const e of tables.equalRisk) place(equalRisk, [e.cell, e.model].join(SEP), e.replicate, () => [] as EqualRiskCell[]).push(e);
  const dense = <T>(list: T[] | undefined): T[] => (list ? list.filter((x) => x !== undefined) : []);
  return {
    // In an experiment with rounds, a key without a round means the last round (as the summary does).
    points: (key) => dense(points.get(pointKey(key.round === undefined && lastRound !== undefined ? { ...key, round: lastRound } : key))),
    brier: (cell, model, label) => brier.get([cell, model, label].join(SEP)) ?? [],
    equalRisk: (cell, model) => dense(equalRisk.get([cell, model].join(SEP))),
    eachPoint: (visit) => {
      for (const [key, at] of keys) visit(at, dense(points.get(key)));
    },
  };
}

const cache = new WeakMap<object, ResultIndex>();

/**
 * The index of a result's tables, built on first use and kept for as long as
 * its rows live (a memo keyed by the rows array, so a result and the tables
 * it was aggregated from share one index). `parts`: as `indexTables`.
 */
export function resultIndex(result: IndexedTables, parts?: readonly RowPoints[]): ResultIndex {
  let index = cache.get(result.rows);
  if (!index) cache.set(result.rows, (index = indexTables(result, parts)));
  return index;
}
