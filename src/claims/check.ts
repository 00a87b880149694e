import { COUNT_FIGURES, type Figure, type FigureName } from './figures.js';
import { QUANTITY, QUANTITY_NAMES, type QuantityName } from './quantities.js';
import { findFeasible, quantityRange, satisfies, type Constraint, type Problem } from './solve.js';
import { searchRanges } from './ranges.js';

/**
 * Consistency of a published claim: can its figures come from one 2×2
 * table, and if so, which tables — every derived number as a range.
 *
 * Two methods, chosen per claim:
 *
 * - **whole children** — when the population is an exact number and the
 *   tables left by the continuous search are few enough (at most
 *   `MAX_TABLES` candidates), every table of whole children (tp, fp, fn, tn
 *   with tp + fp + fn + tn = N) in that region is checked exactly. The
 *   ranges are then exact: the smallest and largest value over the tables
 *   that fit.
 * - **continuous** — otherwise (no population, a range of populations, or
 *   a population so large that whole children change nothing visible), the
 *   branch-and-bound of solve.ts over (π, R, f, N). Ranges are outer bounds
 *   within 1e-6 of the true extremes.
 *
 * With no count among the figures, tables are given per 1,000 children.
 *
 * When nothing fits, the smallest sets of figures that cannot hold together
 * are found (every pair, then every triple, then every four), and for each
 * figure of such a set the range the others allow, so the report can say
 * "MCC 0.60 is inconsistent with accuracy 0.90, precision 0.50 and recall
 * 0.40: together they allow MCC 0.38–0.41 only; 0.60 is 0.19 too high".
 */

/** Most candidate tables checked one by one in the whole-children method. */
export const MAX_TABLES = 3_000_000;

/** Children per table when no figure is a count (tables are "per 1,000 children"). */
export const PER_THOUSAND = 1000;

/** The largest population the continuous search considers when none is given. */
const MAX_POPULATION = 1e12;

/**
 * The smallest base rate (and smallest share without the outcome) the
 * continuous search considers: one child in a billion. Without such a floor,
 * tables with a vanishing base rate would leave ratios such as flags per
 * true case undecided; no published claim concerns a rarer outcome.
 */
export const MIN_BASE_RATE = 1e-9;

/** The quantity each figure constrains. */
const FIGURE_QUANTITY: Readonly<Record<Exclude<FigureName, 'auc'>, QuantityName>> = {
  precision: 'precision',
  recall: 'recall',
  specificity: 'specificity',
  fpr: 'fpr',
  accuracy: 'accuracy',
  f1: 'f1',
  mcc: 'mcc',
  baseRate: 'baseRate',
  flaggedShare: 'flaggedShare',
  population: 'population',
  flagged: 'flagged',
  trueCases: 'trueCases',
};

/**
 * The constraints a figure puts on a table. An AUC is not a function of one
 * table, but any ROC curve through the operating point (f, R) has an area
 * between R(1 − f) and 1 − f(1 − R) (the two staircase curves through it),
 * so a published AUC outside that band cannot describe the same scores.
 */
export function constraintsOf(figure: Figure): Constraint[] {
  if (figure.name === 'auc') {
    return [
      { quantity: 'aucAnyMin', lo: -Infinity, hi: figure.hi },
      { quantity: 'aucAnyMax', lo: figure.lo, hi: Infinity },
    ];
  }
  return [{ quantity: FIGURE_QUANTITY[figure.name], lo: figure.lo, hi: figure.hi }];
}

/** The search problem for a set of figures. */
export function problemOf(figures: readonly Figure[]): Problem {
  const population = figures.find((f) => f.name === 'population');
  const anyCount = figures.some((f) => COUNT_FIGURES.includes(f.name));
  let nLo = PER_THOUSAND;
  let nHi = PER_THOUSAND;
  if (population) [nLo, nHi] = [population.lo, Math.min(population.hi, MAX_POPULATION)];
  else if (anyCount) [nLo, nHi] = [1, MAX_POPULATION];
  return {
    lo: [MIN_BASE_RATE, 0, 0, nLo],
    hi: [1 - MIN_BASE_RATE, 1, 1, nHi],
    constraints: figures.flatMap(constraintsOf),
    wholeChildren: population !== undefined && population.lo === population.hi,
  };
}

/** An implied range: every table that fits has its value in [lo, hi]. */
export interface Implied {
  readonly lo: number;
  readonly hi: number;
}

/** The variables (π, R, f, N) of a table of whole children. */
export function tableVariables(tp: number, fp: number, fn: number, tn: number): number[] {
  const n = tp + fp + fn + tn;
  const positives = tp + fn;
  return [positives / n, positives === 0 ? NaN : tp / positives, n - positives === 0 ? NaN : fp / (n - positives), n];
}

/** The whole-children tables to check: null when there are too many (or N is not exact). */
function tableBounds(p: Problem): { n: number; p: [number, number]; k: [number, number]; tp: [number, number] } | null {
  const n = p.lo[3];
  if (!p.wholeChildren || n !== p.hi[3] || !Number.isInteger(n)) return null;
  const r = (q: QuantityName): [number, number] => {
    const x = quantityRange(p, q, { tolerance: 1e-9, maxBoxes: 4000 });
    return [Math.max(0, Math.ceil(x.lo - 1e-6)), Math.min(n, Math.floor(x.hi + 1e-6))];
  };
  if (findFeasible(p).status === 'empty') return { n, p: [1, 0], k: [1, 0], tp: [1, 0] };
  const bounds = { n, p: r('trueCases'), k: r('flagged'), tp: r('tp') };
  const count = (b: [number, number]) => Math.max(0, b[1] - b[0] + 1);
  return count(bounds.p) * count(bounds.k) * count(bounds.tp) <= MAX_TABLES ? bounds : null;
}

/** Visit every table of whole children in the bounds that satisfies the constraints. */
function eachTable(p: Problem, b: NonNullable<ReturnType<typeof tableBounds>>, visit: (v: number[]) => boolean | void): void {
  for (let positives = b.p[0]; positives <= b.p[1]; positives++) {
    for (let flagged = b.k[0]; flagged <= b.k[1]; flagged++) {
      const from = Math.max(b.tp[0], positives + flagged - b.n, 0);
      const to = Math.min(b.tp[1], positives, flagged);
      for (let tp = from; tp <= to; tp++) {
        const v = tableVariables(tp, flagged - tp, positives - tp, b.n - positives - flagged + tp);
        if (satisfies(p, v) && visit(v) === true) return;
      }
    }
  }
}

/** Feasibility of a set of figures by the method the set calls for. */
export function fits(figures: readonly Figure[]): boolean {
  const p = problemOf(figures);
  const status = findFeasible(p).status;
  if (status === 'empty') return false;
  const bounds = tableBounds(p);
  if (!bounds) return true;
  let found = false;
  eachTable(p, bounds, () => (found = true));
  return found;
}

/** Ranges of the named quantities over the tables that fit (NaN when none fits). */
export function impliedRanges(figures: readonly Figure[], names: readonly QuantityName[] = QUANTITY_NAMES): { method: 'whole children' | 'continuous'; ranges: Record<string, Implied> } {
  const p = problemOf(figures);
  const bounds = tableBounds(p);
  const ranges: Record<string, Implied> = {};
  if (bounds) {
    const lo: Record<string, number> = {};
    const hi: Record<string, number> = {};
    for (const q of names) [lo[q], hi[q]] = [Infinity, -Infinity];
    eachTable(p, bounds, (v) => {
      for (const q of names) {
        const x = QUANTITY[q](v);
        if (Number.isNaN(x)) continue;
        if (x < lo[q]) lo[q] = x;
        if (x > hi[q]) hi[q] = x;
      }
    });
    for (const q of names) ranges[q] = lo[q] === Infinity ? { lo: NaN, hi: NaN } : { lo: lo[q], hi: hi[q] };
    return { method: 'whole children', ranges };
  }
  const found = searchRanges(p, names);
  for (const q of names) {
    if (found) ranges[q] = found[q];
    else {
      const r = quantityRange(p, q, { maxBoxes: 4000 });
      ranges[q] = { lo: r.lo, hi: r.hi };
    }
  }
  return { method: 'continuous', ranges };
}

/** One figure of a conflicting set, against what the others allow. */
export interface ConflictPart {
  readonly figure: FigureName;
  readonly published: Implied;
  /** The range of this figure that the other figures of the set allow. */
  readonly allowed: Implied;
  /** How far the published interval lies outside `allowed` (0 if they touch or overlap). */
  readonly gap: number;
  /** 'high' when the published figure is above what the others allow, 'low' when below. */
  readonly direction: 'high' | 'low' | 'none';
}

/** A smallest set of figures that cannot come from one table. */
export interface Conflict {
  readonly figures: readonly FigureName[];
  readonly parts: readonly ConflictPart[];
}

/** The range of a figure allowed by other figures. */
function allowedRange(figure: Figure, others: readonly Figure[]): Implied {
  if (figure.name === 'auc') {
    const r = impliedRanges(others, ['aucAnyMin', 'aucAnyMax']).ranges;
    return { lo: r.aucAnyMin.lo, hi: r.aucAnyMax.hi };
  }
  const q = FIGURE_QUANTITY[figure.name];
  return impliedRanges(others, [q]).ranges[q];
}

function describe(set: readonly Figure[]): Conflict {
  const parts = set.map((figure) => {
    const allowed = allowedRange(
      figure,
      set.filter((f) => f !== figure),
    );
    const high = figure.lo - allowed.hi;
    const low = allowed.lo - figure.hi;
    const direction: ConflictPart['direction'] = high > 0 ? 'high' : low > 0 ? 'low' : 'none';
    return { figure: figure.name, published: { lo: figure.lo, hi: figure.hi }, allowed, gap: Math.max(0, high, low), direction };
  });
  return { figures: set.map((f) => f.name), parts };
}

function* subsets<T>(items: readonly T[], size: number, start = 0, prefix: T[] = []): Generator<T[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let i = start; i <= items.length - (size - prefix.length); i++) yield* subsets(items, size, i + 1, [...prefix, items[i]]);
}

/**
 * The smallest sets of figures that cannot hold together (up to `limit`
 * sets of at most four figures; the whole claim when no smaller set fails).
 *
 * @example
 * conflicts(parseClaim({ accuracy: '0.90', precision: '0.50', recall: '0.40', mcc: '0.60' }))[0].figures;
 * // ['precision', 'recall', 'accuracy', 'mcc'] or a smaller subset
 */
export function conflicts(figures: readonly Figure[], limit = 3): Conflict[] {
  const found: Figure[][] = [];
  for (let size = 1; size <= Math.min(4, figures.length) && found.length < limit; size++) {
    for (const set of subsets(figures, size)) {
      if (found.some((f) => f.every((x) => set.includes(x)))) continue;
      if (!fits(set)) found.push(set);
      if (found.length >= limit) break;
    }
  }
  if (found.length === 0) found.push([...figures]);
  return found.map(describe);
}

/** The outcome of a consistency check. */
export interface ConsistencyCheck {
  readonly consistent: boolean;
  readonly method: 'whole children' | 'continuous';
  /** Tables are per 1,000 children (no count among the figures). */
  readonly perThousand: boolean;
  /** Every quantity's range over the tables that fit (null when none fits). */
  readonly implied: Readonly<Record<QuantityName, Implied>> | null;
  readonly conflicts: readonly Conflict[];
}

/**
 * Check a claim's figures for consistency and give the tables they imply.
 *
 * @example
 * checkConsistency(parseClaim({ precision: '0.42', recall: '0.21' })).implied!.listToPool;
 * // { lo: 0.482…, hi: 0.518… }: the list is about half the size of the group with the outcome
 */
export function checkConsistency(figures: readonly Figure[]): ConsistencyCheck {
  const perThousand = !figures.some((f) => COUNT_FIGURES.includes(f.name));
  if (!fits(figures)) {
    return { consistent: false, method: problemMethod(figures), perThousand, implied: null, conflicts: conflicts(figures) };
  }
  const { method, ranges } = impliedRanges(figures);
  return { consistent: true, method, perThousand, implied: ranges as Record<QuantityName, Implied>, conflicts: [] };
}

function problemMethod(figures: readonly Figure[]): 'whole children' | 'continuous' {
  return tableBounds(problemOf(figures)) ? 'whole children' : 'continuous';
}
