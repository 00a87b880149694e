import { COUNT_QUANTITIES, QUANTITY, type QuantityName } from './quantities.js';
import { quantityRange, type Constraint, type Problem } from './solve.js';

/**
 * Ranges of every implied quantity by exact reasoning in two of the four
 * variables and a fine search over the other two.
 *
 * At a fixed base rate π and recall R, every quantity is monotone in the
 * false-positive rate f (see quantities.ts: precision, specificity, NPV, F1,
 * MCC, accuracy, the AUC bounds fall with f; the flagged share, fp and flags
 * per true case rise; the rest do not depend on f). So each constraint on a
 * rate holds on an interval of f, found by bisection to 1e-15, and the
 * feasible f form the intersection J of those intervals. At a fixed (π, R, f)
 * every count is N times a number, so the count constraints hold on an
 * interval of N, found exactly. What is left is a search over (π, R): a grid
 * of 121 × 121 points spaced in log-odds over outer bounds proved by the
 * branch and bound of solve.ts, and at each point the ends of J and 15
 * points between them; then, from the best point for each quantity, a
 * pattern search (Hooke & Jeeves 1961) that halves its steps 40 times.
 *
 * The ranges are values of tables that fit — inner bounds that the search
 * makes tight, not proofs; tests check that they contain the true table of
 * figures rounded from known tables.
 */

const GRID = 121;
const F_POINTS = 15;
const POLISH_HALVINGS = 40;

const logit = (x: number) => Math.log(x / (1 - x));
const expit = (y: number) => 1 / (1 + Math.exp(-y));
const EDGE = 1e-15;
const clampUnit = (x: number) => Math.min(1 - EDGE, Math.max(EDGE, x));

/** Constraints split into those on rates (functions of π, R, f) and those on counts (N times a rate). */
function partition(p: Problem): { rates: Constraint[]; counts: Constraint[] } {
  const rates: Constraint[] = [];
  const counts: Constraint[] = [];
  for (const c of p.constraints) (COUNT_QUANTITIES.includes(c.quantity) ? counts : rates).push(c);
  return { rates, counts };
}

/**
 * Bisect a monotone predicate on [0, 1] that holds at `holdsAt` (0 or 1) and
 * fails at the other end: the point nearest the other end where it still
 * holds. The other end itself if it holds everywhere; null if it never does.
 */
function switchPoint(pred: (f: number) => boolean, holdsAt: 0 | 1): number | null {
  const other = 1 - holdsAt;
  if (pred(other)) return other;
  if (!pred(holdsAt)) return null;
  let [yes, no] = [holdsAt as number, other];
  for (let i = 0; i < 64; i++) {
    const m = (yes + no) / 2;
    if (pred(m)) yes = m;
    else no = m;
  }
  return yes;
}

/** The smallest f in [0, 1] where a monotone predicate (false, then true) holds; null if it never does. */
const firstTrue = (pred: (f: number) => boolean) => switchPoint(pred, 1);

/** The largest f in [0, 1] where a monotone predicate (true, then false) holds; null if it never does. */
const lastTrue = (pred: (f: number) => boolean) => switchPoint(pred, 0);

/**
 * The interval of f in [0, 1] where lo ≤ g(f) ≤ hi, for g monotone in f
 * (null when empty). A rising g holds from the first f with g ≥ lo to the
 * last with g ≤ hi; a falling g from the first with g ≤ hi to the last with g ≥ lo.
 */
function fInterval(g: (f: number) => number, lo: number, hi: number): [number, number] | null {
  const at = (f: number) => {
    const x = g(f);
    return Number.isNaN(x) ? g(f === 0 ? 1e-300 : 1 - 1e-16) : x;
  };
  const g0 = at(0);
  const g1 = at(1);
  if (Number.isNaN(g0) || Number.isNaN(g1)) return null;
  const low = lo - 1e-12 * Math.max(1, Math.abs(lo));
  const high = hi + 1e-12 * Math.max(1, Math.abs(hi));
  if (g0 === g1) return g0 >= low && g0 <= high ? [0, 1] : null;
  const rising = g1 > g0;
  const a = rising ? firstTrue((f) => at(f) >= low) : firstTrue((f) => at(f) <= high);
  const b = rising ? lastTrue((f) => at(f) <= high) : lastTrue((f) => at(f) >= low);
  return a !== null && b !== null && a <= b ? [a, b] : null;
}

/**
 * The feasible f at (π, R): the intersection over rate constraints, and
 * over each count constraint read per child (a count in [lo, hi] with N in
 * [N_lo, N_hi] needs count/N in [lo/N_hi, hi/N_lo]).
 */
function feasibleF(parts: ReturnType<typeof partition>, nLo: number, nHi: number, pi: number, r: number): [number, number] | null {
  let a = 0;
  let b = 1;
  const v = [pi, r, 0, 1];
  const all = [...parts.rates, ...parts.counts.map((c) => ({ quantity: c.quantity, lo: c.lo / nHi, hi: c.hi / nLo }))];
  for (const c of all) {
    const q = QUANTITY[c.quantity];
    const j = fInterval(
      (f) => {
        v[2] = f;
        v[3] = 1;
        return q(v);
      },
      c.lo,
      c.hi,
    );
    if (!j) return null;
    a = Math.max(a, j[0]);
    b = Math.min(b, j[1]);
    if (a > b) return null;
  }
  return [a, b];
}

/** The feasible N at (π, R, f): the population's interval cut by every count constraint. */
function feasibleN(counts: readonly Constraint[], nLo: number, nHi: number, v: number[]): [number, number] | null {
  let a = nLo;
  let b = nHi;
  v[3] = 1;
  for (const c of counts) {
    const per = QUANTITY[c.quantity](v);
    if (per === 0) {
      if (!(c.lo <= 0)) return null;
      continue;
    }
    a = Math.max(a, c.lo / per);
    b = Math.min(b, c.hi / per);
  }
  const slack = 1e-12 * Math.max(1, b);
  return a <= b + slack ? [a, Math.max(a, b)] : null;
}

/** Best values and where they were found. */
interface Extremes {
  lo: Record<string, number>;
  hi: Record<string, number>;
  at: Record<string, { lo: number[] | null; hi: number[] | null }>;
}

/**
 * Evaluate every quantity on the tables at (π, R, position t ∈ [0, 1] along
 * the feasible f interval); `t = null` visits the ends and F_POINTS between.
 * Returns false when nothing fits at (π, R).
 */
function visit(
  p: Problem,
  parts: ReturnType<typeof partition>,
  names: readonly QuantityName[],
  pi: number,
  r: number,
  ts: readonly number[],
  record: (name: QuantityName, value: number, where: number[]) => void,
): boolean {
  const j = feasibleF(parts, p.lo[3], p.hi[3], pi, r);
  if (!j) return false;
  let any = false;
  for (const t of ts) {
    const f = j[0] === j[1] ? j[0] : expit(logit(clampUnit(j[0])) + t * (logit(clampUnit(j[1])) - logit(clampUnit(j[0]))));
    const fExact = t === 0 ? j[0] : t === 1 ? j[1] : f;
    const v = [pi, r, fExact, 1];
    const n = feasibleN(parts.counts, p.lo[3], p.hi[3], v);
    if (!n) continue;
    any = true;
    for (const name of names) {
      for (const nn of n[0] === n[1] ? [n[0]] : n) {
        v[3] = nn;
        const x = QUANTITY[name](v);
        if (!Number.isNaN(x)) record(name, x, [pi, r, t, nn]);
      }
    }
  }
  return any;
}

function points(lo: number, hi: number, count: number): number[] {
  if (lo === hi) return [lo];
  const a = logit(clampUnit(lo));
  const b = logit(clampUnit(hi));
  const out = [lo];
  for (let i = 1; i < count - 1; i++) out.push(expit(a + ((b - a) * i) / (count - 1)));
  out.push(hi);
  return out;
}

const T_POINTS = [0, ...Array.from({ length: F_POINTS }, (_, i) => (i + 1) / (F_POINTS + 1)), 1];

/**
 * The ranges of the named quantities over the tables that fit, or null when
 * the search finds none.
 *
 * @example
 * searchRanges(problemOf(parseClaim({ precision: '0.42', recall: '0.21' })), ['listToPool']);
 * // { listToPool: { lo: 0.4823…, hi: 0.5180… } }
 */
export function searchRanges(p: Problem, names: readonly QuantityName[]): Record<string, { lo: number; hi: number }> | null {
  const parts = partition(p);
  const box = (q: QuantityName, d: number): [number, number] => {
    const r = quantityRange(p, q, { maxBoxes: 4000, tolerance: 1e-9 });
    return Number.isNaN(r.lo) ? [p.lo[d], p.hi[d]] : [Math.max(p.lo[d], r.lo), Math.min(p.hi[d], r.hi)];
  };
  const [piLo, piHi] = box('baseRate', 0);
  const [rLo, rHi] = box('recall', 1);
  const ex: Extremes = { lo: {}, hi: {}, at: {} };
  for (const name of names) {
    ex.lo[name] = Infinity;
    ex.hi[name] = -Infinity;
    ex.at[name] = { lo: null, hi: null };
  }
  const record = (name: QuantityName, x: number, where: number[]) => {
    if (x < ex.lo[name]) [ex.lo[name], ex.at[name].lo] = [x, where];
    if (x > ex.hi[name]) [ex.hi[name], ex.at[name].hi] = [x, where];
  };
  const piGrid = points(piLo, piHi, GRID);
  const rGrid = points(rLo, rHi, GRID);
  let found = false;
  for (const pi of piGrid) for (const r of rGrid) if (visit(p, parts, names, pi, r, T_POINTS, record)) found = true;
  if (!found) return null;
  const steps = [
    (logit(clampUnit(piHi)) - logit(clampUnit(piLo))) / (GRID - 1),
    (logit(clampUnit(rHi)) - logit(clampUnit(rLo))) / (GRID - 1),
    1 / (F_POINTS + 1),
  ];
  for (const name of names) {
    for (const side of ['lo', 'hi'] as const) polish(p, parts, name, side, ex, steps, [piLo, piHi], [rLo, rHi]);
  }
  const out: Record<string, { lo: number; hi: number }> = {};
  for (const name of names) out[name] = ex.lo[name] === Infinity ? { lo: NaN, hi: NaN } : { lo: ex.lo[name], hi: ex.hi[name] };
  return out;
}

/** Pattern search from the best point for one quantity and side, in (logit π, logit R, t). */
function polish(
  p: Problem,
  parts: ReturnType<typeof partition>,
  name: QuantityName,
  side: 'lo' | 'hi',
  ex: Extremes,
  startSteps: readonly number[],
  piRange: readonly number[],
  rRange: readonly number[],
): void {
  const start = ex.at[name][side];
  if (!start) return;
  const better = (x: number) => (side === 'hi' ? x > ex.hi[name] : x < ex.lo[name]);
  let best = [logit(clampUnit(start[0])), logit(clampUnit(start[1])), start[2]];
  const steps = [...startSteps];
  const toVars = (c: number[]) => [
    Math.min(piRange[1], Math.max(piRange[0], expit(c[0]))),
    Math.min(rRange[1], Math.max(rRange[0], expit(c[1]))),
    Math.min(1, Math.max(0, c[2])),
  ];
  for (let halving = 0; halving < POLISH_HALVINGS; halving++) {
    let moved = true;
    while (moved) {
      moved = false;
      for (let d = 0; d < 3; d++) {
        for (const dir of [-1, 1]) {
          const c = [...best];
          c[d] += dir * steps[d];
          const [pi, r, t] = toVars(c);
          let improved = false;
          visit(p, parts, [name], pi, r, [t], (_n, x, where) => {
            if (better(x)) {
              if (side === 'hi') [ex.hi[name], ex.at[name].hi] = [x, where];
              else [ex.lo[name], ex.at[name].lo] = [x, where];
              improved = true;
            }
          });
          if (improved) {
            best = [logit(clampUnit(pi)), logit(clampUnit(r)), t];
            moved = true;
          }
        }
      }
    }
    for (let d = 0; d < 3; d++) steps[d] /= 2;
  }
}
