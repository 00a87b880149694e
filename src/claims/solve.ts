import { QUANTITY, enclose, type Caps, type QuantityName } from './quantities.js';

/**
 * The feasible set of a claim and the range of any quantity over it, by
 * branch and bound on boxes of (π, R, f, N) (see quantities.ts).
 *
 * A box is dropped when the enclosure of some constrained quantity misses
 * that constraint's interval — a proof that no table in the box fits. What
 * is left always contains every table that fits, so:
 *
 * - an empty result proves the figures inconsistent (up to floating point);
 * - a range's `lo`/`hi` are outer bounds: the true extremes lie inside;
 * - `innerLo`/`innerHi` are values of tables that were checked to fit, so
 *   the true extremes lie between inner and outer (they differ by at most
 *   the tolerance when the search finishes).
 *
 * Boxes are split across their widest side, measured in log-odds for π, R
 * and f and in logs for N, until every side is below `minWidth` there; a box that small and still
 * undecided is kept (the constraints may describe a surface, such as an
 * exact count, that no box midpoint hits).
 *
 * Reference: Moore, Kearfott & Cloud (2009) Introduction to Interval
 * Analysis, ch. 6 (branch and bound with enclosures); Hansen & Walster
 * (2004) Global Optimization Using Interval Analysis.
 */

/** A quantity that must lie in [lo, hi]. */
export interface Constraint {
  readonly quantity: QuantityName;
  readonly lo: number;
  readonly hi: number;
}

/** The search space and the constraints. */
export interface Problem {
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly constraints: readonly Constraint[];
  /** True when N is a published number of children (so tables are tables of whole children). */
  readonly wholeChildren?: boolean;
}

/** Settings of the search. */
export interface SolveOptions {
  /** Smallest box side in log-odds (π, R, f) or log (N). Default 1e-7. */
  readonly minWidth?: number;
  /** Most boxes examined per search. Default 60,000. */
  readonly maxBoxes?: number;
  /** Stop a range search when outer and inner bounds are this close (relative to max(1, |value|)). Default 1e-6. */
  readonly tolerance?: number;
}

type Box = { lo: number[]; hi: number[] };

const EPS = 1e-12;

function slack(v: number): number {
  return EPS * Math.max(1, Math.abs(v));
}

/** The constraints as caps (each quantity's interval, intersected when constrained twice). */
const capsCache = new WeakMap<Problem, Caps>();
export function capsOf(p: Problem): Caps {
  let caps = capsCache.get(p);
  if (!caps) {
    const out: Record<string, [number, number]> = {};
    for (const c of p.constraints) {
      const prev = out[c.quantity];
      out[c.quantity] = prev ? [Math.max(prev[0], c.lo), Math.min(prev[1], c.hi)] : [c.lo, c.hi];
    }
    caps = out as Caps;
    capsCache.set(p, caps);
  }
  return caps;
}

/**
 * 'out' when a constraint certainly fails on the box, 'in' when all
 * certainly hold, else 'partial'. The test for 'out' uses enclosures cut by
 * the other constraints (a table that fits satisfies them all); the test for
 * 'in' uses plain enclosures.
 */
function classify(p: Problem, box: Box): 'out' | 'in' | 'partial' {
  const caps = capsOf(p);
  let all = true;
  for (const c of p.constraints) {
    const [clo, chi] = enclose(c.quantity, box.lo, box.hi, caps);
    if (Number.isNaN(clo) || chi < c.lo - slack(c.lo) || clo > c.hi + slack(c.hi)) return 'out';
    if (all) {
      const [lo, hi] = enclose(c.quantity, box.lo, box.hi);
      if (!(lo >= c.lo && hi <= c.hi)) all = false;
    }
  }
  return all ? 'in' : 'partial';
}

/** True when every constraint holds at the point. */
export function satisfies(p: Problem, v: readonly number[]): boolean {
  for (const c of p.constraints) {
    const x = QUANTITY[c.quantity](v);
    if (!(x >= c.lo - slack(c.lo) && x <= c.hi + slack(c.hi))) return false;
  }
  return true;
}

const EDGE = 1e-15;

/** A side's coordinate for splitting: log-odds for π, R and f (so boxes shrink geometrically towards 0 and 1), log for N. */
function coordinate(d: number, x: number): number {
  if (d === 3) return Math.log(x);
  const c = Math.min(1 - EDGE, Math.max(EDGE, x));
  return Math.log(c / (1 - c));
}

function fromCoordinate(d: number, y: number): number {
  return d === 3 ? Math.exp(y) : 1 / (1 + Math.exp(-y));
}

/** The two halves of a box across side d (halved in `coordinate`). */
function halves(box: Box, d: number): [Box, Box] {
  const mid = fromCoordinate(d, (coordinate(d, box.lo[d]) + coordinate(d, box.hi[d])) / 2);
  const left = { lo: [...box.lo], hi: [...box.hi] };
  const right = { lo: [...box.lo], hi: [...box.hi] };
  left.hi[d] = mid;
  right.lo[d] = mid;
  return [left, right];
}

/** Width of an enclosure, with an infinite one counted as infinite (0 when empty). */
function width(q: QuantityName, box: Box, caps?: Caps): number {
  const [lo, hi] = enclose(q, box.lo, box.hi, caps);
  return Number.isNaN(lo) ? 0 : hi - lo;
}

/**
 * Split the box across the side whose halving narrows the enclosures of the
 * quantities that matter most (the objective and the constraints not yet
 * settled on the box): a derivative-free form of the "smear" rule of
 * interval branch and bound (Kearfott 1996, Rigorous Global Search, §5.2).
 * Sides narrower than `minWidth` (in `coordinate`) are not split; null when
 * none is left.
 */
function split(box: Box, minWidth: number, watch: readonly QuantityName[]): [Box, Box] | null {
  let best = -1;
  let bestScore = -1;
  let widest = 0;
  for (let d = 0; d < 4; d++) {
    const w = coordinate(d, box.hi[d]) - coordinate(d, box.lo[d]);
    if (!(w >= minWidth)) continue;
    const [a, b] = halves(box, d);
    let score = 0;
    for (const q of watch) {
      const parent = width(q, box);
      if (!(parent > 0)) continue;
      const child = Math.max(width(q, a), width(q, b));
      score += parent === Infinity ? (child === Infinity ? 0 : 1) : (parent - child) / parent;
    }
    if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && w > widest)) {
      best = d;
      bestScore = score;
      widest = w;
    }
  }
  return best < 0 ? null : halves(box, best);
}

/** The quantities worth narrowing on a box: the objective and every constraint not yet certainly met. */
function unsettled(p: Problem, box: Box, objective?: QuantityName): QuantityName[] {
  const out: QuantityName[] = objective ? [objective] : [];
  for (const c of p.constraints) {
    const [lo, hi] = enclose(c.quantity, box.lo, box.hi);
    if (!(lo >= c.lo && hi <= c.hi) && !out.includes(c.quantity)) out.push(c.quantity);
  }
  return out;
}

function midpoint(box: Box): number[] {
  return box.lo.map((a, d) => (a === box.hi[d] ? a : fromCoordinate(d, (coordinate(d, a) + coordinate(d, box.hi[d])) / 2)));
}

function corners(box: Box): number[][] {
  const out: number[][] = [];
  for (let c = 0; c < 16; c++) out.push([0, 1, 2, 3].map((d) => (c & (1 << d) ? box.hi[d] : box.lo[d])));
  return out;
}

/** Whether any table fits: a fitting point, `empty` (proved none), or `unresolved` (only tiny undecided boxes left). */
export function findFeasible(p: Problem, options: SolveOptions = {}): { status: 'feasible'; point: number[] } | { status: 'empty' | 'unresolved' } {
  const { minWidth = 1e-7, maxBoxes = 60_000 } = options;
  const stack: Box[] = [{ lo: [...p.lo], hi: [...p.hi] }];
  let unresolved = false;
  let examined = 0;
  while (stack.length > 0) {
    if (++examined > maxBoxes) return { status: 'unresolved' };
    const box = stack.pop()!;
    const kind = classify(p, box);
    if (kind === 'out') continue;
    const mid = midpoint(box);
    if (kind === 'in' || satisfies(p, mid)) return { status: 'feasible', point: mid };
    const parts = split(box, minWidth, unsettled(p, box));
    if (parts) stack.push(parts[1], parts[0]);
    else unresolved = true;
  }
  return { status: unresolved ? 'unresolved' : 'empty' };
}

/** A quantity's range over the feasible set. */
export interface Range {
  /** Outer bounds: every fitting table's value lies in [lo, hi]. NaN when nothing fits. */
  readonly lo: number;
  readonly hi: number;
  /** Values reached by tables checked to fit (NaN when none was found). */
  readonly innerLo: number;
  readonly innerHi: number;
}

/** A binary max-heap of boxes keyed by a bound. */
class Heap {
  private items: { key: number; box: Box }[] = [];
  get size(): number {
    return this.items.length;
  }
  push(key: number, box: Box): void {
    const a = this.items;
    a.push({ key, box });
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].key >= a[i].key) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  peek(): number {
    return this.items[0].key;
  }
  pop(): { key: number; box: Box } {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].key > a[m].key) m = l;
        if (r < a.length && a[r].key > a[m].key) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** The largest value of `sign · quantity` over the feasible set: outer bound and best value found. */
function maximise(p: Problem, quantity: QuantityName, sign: 1 | -1, options: SolveOptions): { outer: number; inner: number } {
  const { minWidth = 1e-7, maxBoxes = 60_000, tolerance = 1e-6 } = options;
  const value = (v: readonly number[]) => sign * QUANTITY[quantity](v);
  // A constraint on the objective itself caps its bound (precision ≤ 0.425 when precision is published as 0.42).
  let capLo = -Infinity;
  let capHi = Infinity;
  for (const c of p.constraints) {
    if (c.quantity !== quantity) continue;
    capLo = Math.max(capLo, c.lo);
    capHi = Math.min(capHi, c.hi);
  }
  const caps = capsOf(p);
  const bound = (box: Box) => {
    const [lo, hi] = enclose(quantity, box.lo, box.hi, caps);
    if (Number.isNaN(lo)) return -Infinity;
    return sign === 1 ? Math.min(hi, capHi) : -Math.max(lo, capLo);
  };
  const heap = new Heap();
  const start = { lo: [...p.lo], hi: [...p.hi] };
  heap.push(bound(start), start);
  let inner = -Infinity;
  let stuck = -Infinity;
  let examined = 0;
  while (heap.size > 0) {
    const top = heap.peek();
    if (top <= inner + tolerance * Math.max(1, Math.abs(inner))) break;
    if (++examined > maxBoxes) break;
    const { key, box } = heap.pop();
    const kind = classify(p, box);
    if (kind === 'out') continue;
    const points = kind === 'in' ? [...corners(box), midpoint(box)] : [midpoint(box)];
    for (const v of points) {
      const x = value(v);
      if (!Number.isNaN(x) && (kind === 'in' || satisfies(p, v)) && x > inner) inner = x;
    }
    const parts = split(box, minWidth, unsettled(p, box, quantity));
    if (!parts) {
      stuck = Math.max(stuck, key);
      continue;
    }
    for (const h of parts) heap.push(bound(h), h);
  }
  const open = heap.size > 0 ? heap.peek() : -Infinity;
  const outer = Math.max(open, stuck, inner);
  return { outer, inner };
}

/**
 * The range of a quantity over every table that satisfies the constraints.
 *
 * @example
 * const p = { lo: [0, 0, 0, 1000], hi: [1, 1, 1, 1000], constraints: [
 *   { quantity: 'precision', lo: 0.415, hi: 0.425 }, { quantity: 'recall', lo: 0.205, hi: 0.215 } ] };
 * quantityRange(p, 'listToPool'); // { lo: 0.4823…, hi: 0.5180… }
 */
export function quantityRange(p: Problem, quantity: QuantityName, options: SolveOptions = {}): Range {
  const max = maximise(p, quantity, 1, options);
  const min = maximise(p, quantity, -1, options);
  const nan = (x: number) => (Number.isFinite(x) ? x : x === Infinity || x === -Infinity ? x : NaN);
  if (max.outer === -Infinity) return { lo: NaN, hi: NaN, innerLo: NaN, innerHi: NaN };
  return { lo: nan(-min.outer), hi: nan(max.outer), innerLo: nan(-min.inner), innerHi: nan(max.inner) };
}
