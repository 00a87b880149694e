import { normalQuantile } from '../metrics/index.js';
import { normalCdf } from './normal.js';

/**
 * Every number a 2×2 table implies, as a function of four variables:
 *
 * | variable | meaning |
 * | --- | --- |
 * | π (`v[0]`) | prevalence: the share of children with the outcome (label 1) |
 * | R (`v[1]`) | recall: the share of those children who are flagged |
 * | f (`v[2]`) | false-positive rate: the share of the other children who are flagged |
 * | N (`v[3]`) | children in all |
 *
 * Then tp = N·π·R, fn = N·π·(1 − R), fp = N·(1 − π)·f, tn = N·(1 − π)·(1 − f),
 * and every rate of `src/metrics/rates.ts` follows (it is tested to agree
 * with `RATE_FORMULAS` at integer tables).
 *
 * Each quantity also gives an **enclosure**: bounds that contain every value
 * it takes on a box of the variables, which is what lets the solver prove a
 * set of figures inconsistent and keep ranges that contain the true table.
 * Most quantities are monotone in each variable on [0, 1]³ × (0, ∞), or
 * multilinear, so their extremes over a box are at its corners:
 *
 * - precision = πR / (πR + (1−π)f): increasing in π and R, decreasing in f.
 * - NPV = (1−π)(1−f) / ((1−π)(1−f) + π(1−R)): decreasing in π and f, increasing in R.
 * - F1 = 2πR / (π(1 + R − f) + f): ∂/∂π = 2Rf / (…)² ≥ 0; ∂/∂R = 2π(π + (1−π)f) / (…)² ≥ 0; decreasing in f.
 * - accuracy = πR + (1−π)(1−f), flagged share Q = πR + (1−π)f and every
 *   count (N times a multilinear form): multilinear, so extreme at corners.
 * - flags per true case = 1 / precision; list / pool = Q / π = R + (1−π)f/π: monotone.
 * - binormal AUC = Φ((Φ⁻¹(R) − Φ⁻¹(f)) / √2): increasing in R, decreasing in f.
 * - MCC = (R − f)·√(π(1−π)) / √(Q(1−Q)). With D = R − f:
 *   ∂MCC/∂R ∝ Q(1−f) + f(1−Q) ≥ 0 and ∂MCC/∂f ∝ −(Q(1−R) + R(1−Q)) ≤ 0
 *   (using π(R − f) = Q − f and (1−π)(R − f) = R − Q), so R and f sit at
 *   corners; π is not monotone (MCC → 0 at both ends), so its factors are
 *   bounded by interval arithmetic on [π_lo, π_hi], which converges as the
 *   solver splits boxes.
 *
 * A corner where a quantity is undefined (0/0) makes the enclosure its whole
 * natural range: wide, but never wrong.
 */

/** The quantities the solver knows, in the order reports print them. */
export const QUANTITY_NAMES = [
  'population',
  'trueCases',
  'flagged',
  'tp',
  'fp',
  'fn',
  'tn',
  'baseRate',
  'flaggedShare',
  'flagsPerTrueCase',
  'listToPool',
  'precision',
  'recall',
  'specificity',
  'fpr',
  'npv',
  'accuracy',
  'balancedAccuracy',
  'f1',
  'mcc',
  'aucBinormal',
  'aucConcaveMin',
  'aucAnyMin',
  'aucAnyMax',
] as const;

/** One of `QUANTITY_NAMES`. */
export type QuantityName = (typeof QUANTITY_NAMES)[number];

/** Quantities that are numbers of children (scaled by N). */
export const COUNT_QUANTITIES: readonly QuantityName[] = ['population', 'trueCases', 'flagged', 'tp', 'fp', 'fn', 'tn'];

type Vars = ArrayLike<number>;

function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

/** The value of a quantity at a point (π, R, f, N). NaN where it is undefined. */
export const QUANTITY: { readonly [K in QuantityName]: (v: Vars) => number } = {
  population: (v) => v[3],
  trueCases: (v) => v[3] * v[0],
  flagged: (v) => v[3] * (v[0] * v[1] + (1 - v[0]) * v[2]),
  tp: (v) => v[3] * v[0] * v[1],
  fp: (v) => v[3] * (1 - v[0]) * v[2],
  fn: (v) => v[3] * v[0] * (1 - v[1]),
  tn: (v) => v[3] * (1 - v[0]) * (1 - v[2]),
  baseRate: (v) => v[0],
  flaggedShare: (v) => v[0] * v[1] + (1 - v[0]) * v[2],
  flagsPerTrueCase: (v) => ratio(v[0] * v[1] + (1 - v[0]) * v[2], v[0] * v[1]),
  listToPool: (v) => ratio(v[0] * v[1] + (1 - v[0]) * v[2], v[0]),
  precision: (v) => ratio(v[0] * v[1], v[0] * v[1] + (1 - v[0]) * v[2]),
  recall: (v) => (v[0] === 0 ? NaN : v[1]),
  specificity: (v) => (v[0] === 1 ? NaN : 1 - v[2]),
  fpr: (v) => (v[0] === 1 ? NaN : v[2]),
  npv: (v) => ratio((1 - v[0]) * (1 - v[2]), (1 - v[0]) * (1 - v[2]) + v[0] * (1 - v[1])),
  accuracy: (v) => v[0] * v[1] + (1 - v[0]) * (1 - v[2]),
  balancedAccuracy: (v) => (v[0] === 0 || v[0] === 1 ? NaN : (v[1] + 1 - v[2]) / 2),
  f1: (v) => ratio(2 * v[0] * v[1], v[0] * (1 + v[1] - v[2]) + v[2]),
  mcc: (v) => {
    const q = v[0] * v[1] + (1 - v[0]) * v[2];
    return ratio((v[1] - v[2]) * Math.sqrt(v[0] * (1 - v[0])), Math.sqrt(q * (1 - q)));
  },
  aucBinormal: (v) => binormalAuc(v[1], v[2]),
  aucConcaveMin: (v) => (1 + v[1] - v[2]) / 2,
  aucAnyMin: (v) => v[1] * (1 - v[2]),
  aucAnyMax: (v) => 1 - v[2] * (1 - v[1]),
};

/**
 * The AUC of the equal-variance binormal ROC curve through (f, R):
 * d′ = Φ⁻¹(R) − Φ⁻¹(f), AUC = Φ(d′/√2). The usual way to read one
 * operating point as a separability (Green & Swets 1966; Hanley 1988).
 *
 * @example
 * binormalAuc(0.21, 0.0153); // ≈ 0.83
 */
export function binormalAuc(recall: number, fpr: number): number {
  const d = normalQuantile(recall) - normalQuantile(fpr);
  if (Number.isNaN(d)) return NaN;
  return normalCdf(d / Math.SQRT2);
}

/** x / y for non-negative intervals' endpoints, with 0 / 0 = 0 (a side that is 0 throughout) and a / 0 = ∞. */
function div(a: number, b: number): number {
  if (a === 0) return 0;
  return b === 0 ? Infinity : a / b;
}

/** a · b for non-negative endpoints with 0 · ∞ = 0 (a factor that is 0 throughout the box). */
function mul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

/**
 * Odds-type factors over a box, the building blocks of the ratio
 * quantities written without 0/0: u = (1−π)/π (negatives per positive),
 * w = f/R (false-positive rate per unit of recall), v = (1−R)/R.
 */
function odds(lo: Vars, hi: Vars) {
  return {
    u: [div(1 - hi[0], hi[0]), div(1 - lo[0], lo[0])],
    w: [div(lo[2], hi[1]), div(hi[2], lo[1])],
    v: [div(1 - hi[1], hi[1]), div(1 - lo[1], lo[1])],
  } as const;
}

/** [min, max] of the multilinear πa + (1−π)b with a, b at the given ends: the extremes are at π's ends. */
function mix(piLo: number, piHi: number, a: number, b: number): number[] {
  return [piLo * a + (1 - piLo) * b, piHi * a + (1 - piHi) * b];
}

/** Bounds known to hold on every table that fits (from the claim's constraints), by quantity. */
export type Caps = Partial<Record<QuantityName, readonly [number, number]>>;

type Enclosure = (lo: Vars, hi: Vars, caps?: Caps) => [number, number];

/**
 * Bounds of t = u·w = fp / tp (false flags per true one) over a box, cut by
 * what the caps say of precision = 1/(1 + t) and flags per true case = 1 + t.
 * An empty result (lo > hi) means no table in the box fits.
 */
function tRange(lo: Vars, hi: Vars, caps?: Caps): [number, number] {
  const { u, w } = odds(lo, hi);
  let a = mul(u[0], w[0]);
  let b = mul(u[1], w[1]);
  const p = caps?.precision;
  if (p) {
    a = Math.max(a, 1 / p[1] - 1);
    b = Math.min(b, p[0] === 0 ? Infinity : 1 / p[0] - 1);
  }
  const k = caps?.flagsPerTrueCase;
  if (k) {
    a = Math.max(a, k[0] - 1);
    b = Math.min(b, k[1] - 1);
  }
  return [a, b];
}

const EMPTY: [number, number] = [NaN, NaN];

const span = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];

/**
 * Enclosures written from the monotone directions proved in the module note
 * (so two or four evaluations instead of sixteen corners), and for the
 * ratios by interval arithmetic on their odds forms, e.g.
 * precision = 1 / (1 + u·w), which stays exact as a box shrinks towards a
 * corner where precision itself is 0/0 (nobody flagged).
 */
const ENCLOSURE: { readonly [K in QuantityName]: Enclosure } = {
  population: (lo, hi) => [lo[3], hi[3]],
  trueCases: (lo, hi) => [lo[3] * lo[0], hi[3] * hi[0]],
  flagged: (lo, hi) => {
    const q = ENCLOSURE.flaggedShare(lo, hi);
    return [lo[3] * q[0], hi[3] * q[1]];
  },
  tp: (lo, hi) => [lo[3] * lo[0] * lo[1], hi[3] * hi[0] * hi[1]],
  fp: (lo, hi) => [lo[3] * (1 - hi[0]) * lo[2], hi[3] * (1 - lo[0]) * hi[2]],
  fn: (lo, hi) => [lo[3] * lo[0] * (1 - hi[1]), hi[3] * hi[0] * (1 - lo[1])],
  tn: (lo, hi) => [lo[3] * (1 - hi[0]) * (1 - hi[2]), hi[3] * (1 - lo[0]) * (1 - lo[2])],
  baseRate: (lo, hi) => [lo[0], hi[0]],
  flaggedShare: (lo, hi) => [Math.min(...mix(lo[0], hi[0], lo[1], lo[2])), Math.max(...mix(lo[0], hi[0], hi[1], hi[2]))],
  flagsPerTrueCase: (lo, hi, caps) => {
    const t = tRange(lo, hi, caps);
    return t[0] > t[1] ? EMPTY : [1 + t[0], 1 + t[1]];
  },
  listToPool: (lo, hi, caps) => {
    // Q/π = R + f·u = R·(1 + t): both forms bound it; keep the tighter of each end.
    const { u } = odds(lo, hi);
    const t = tRange(lo, hi, caps);
    if (t[0] > t[1]) return EMPTY;
    return [Math.max(lo[1] + mul(lo[2], u[0]), lo[1] * (1 + t[0])), Math.min(hi[1] + mul(hi[2], u[1]), mul(hi[1], 1 + t[1]))];
  },
  precision: (lo, hi, caps) => {
    const t = tRange(lo, hi, caps);
    return t[0] > t[1] ? EMPTY : [1 / (1 + t[1]), 1 / (1 + t[0])];
  },
  recall: (lo, hi) => [lo[1], hi[1]],
  specificity: (lo, hi) => [1 - hi[2], 1 - lo[2]],
  fpr: (lo, hi) => [lo[2], hi[2]],
  npv: (lo, hi) => {
    // npv = 1 / (1 + s), s = (π/(1−π))·((1−R)/(1−f)).
    const a = [div(lo[0], 1 - lo[0]), div(hi[0], 1 - hi[0])];
    const b = [div(1 - hi[1], 1 - lo[2]), div(1 - lo[1], 1 - hi[2])];
    return [1 / (1 + mul(a[1], b[1])), 1 / (1 + mul(a[0], b[0]))];
  },
  accuracy: (lo, hi) => span([...mix(lo[0], hi[0], lo[1], 1 - hi[2]), ...mix(lo[0], hi[0], hi[1], 1 - lo[2])]),
  balancedAccuracy: (lo, hi) => [(lo[1] + 1 - hi[2]) / 2, (hi[1] + 1 - lo[2]) / 2],
  f1: (lo, hi, caps) => {
    // 1/F1 = 1 + (t + v) / 2.
    const { v } = odds(lo, hi);
    const t = tRange(lo, hi, caps);
    return t[0] > t[1] ? EMPTY : [1 / (1 + (t[1] + v[1]) / 2), 1 / (1 + (t[0] + v[0]) / 2)];
  },
  mcc: (lo, hi, caps) => mccRange(lo, hi, caps),
  aucBinormal: (lo, hi) => {
    const a = binormalAuc(lo[1], hi[2]);
    const b = binormalAuc(hi[1], lo[2]);
    return [Number.isNaN(a) ? 0 : a, Number.isNaN(b) ? 1 : b];
  },
  aucConcaveMin: (lo, hi) => [(1 + lo[1] - hi[2]) / 2, (1 + hi[1] - lo[2]) / 2],
  aucAnyMin: (lo, hi) => [lo[1] * (1 - hi[2]), hi[1] * (1 - lo[2])],
  aucAnyMax: (lo, hi) => [1 - hi[2] * (1 - lo[1]), 1 - lo[2] * (1 - hi[1])],
};

/**
 * Bounds of MCC over a box, from MCC = sign(D)·√(D·M) with informedness
 * D = R − f and markedness M = precision + NPV − 1, which always share a
 * sign (both have the sign of tp·tn − fp·fn). D is linear; M's bounds come
 * from the precision and NPV enclosures.
 *
 * Reference: Powers (2011) "Evaluation: from precision, recall and F-measure
 * to ROC, informedness, markedness and correlation", JMLT 2:37–63 (MCC² = informedness · markedness).
 */
function mccRange(lo: Vars, hi: Vars, caps?: Caps): [number, number] {
  const d = [lo[1] - hi[2], hi[1] - lo[2]];
  const p = ENCLOSURE.precision(lo, hi, caps);
  const n = ENCLOSURE.npv(lo, hi);
  if (Number.isNaN(p[0])) return EMPTY;
  const m = [p[0] + n[0] - 1, p[1] + n[1] - 1];
  const upper = d[1] < 0 ? -Math.sqrt(-d[1] * Math.max(0, -m[1])) : m[1] < 0 ? 0 : Math.sqrt(d[1] * m[1]);
  const lower = d[0] > 0 ? Math.sqrt(d[0] * Math.max(0, m[0])) : m[0] > 0 ? 0 : -Math.sqrt(-d[0] * -m[0]);
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/**
 * Bounds containing every value of a quantity on the box [lo, hi] (values
 * at points where it is undefined, such as precision with nobody flagged,
 * are left out: those tables fail any constraint on it). With `caps`, the
 * bounds hold for the tables in the box that also satisfy the caps, and
 * [NaN, NaN] means no such table is in the box.
 *
 * @example
 * enclose('precision', [0.1, 0.2, 0.05, 1000], [0.1, 0.2, 0.05, 1000]); // [0.3076…, 0.3076…]
 */
export function enclose(name: QuantityName, lo: Vars, hi: Vars, caps?: Caps): [number, number] {
  return ENCLOSURE[name](lo, hi, caps);
}
