import { formatCount } from '../metrics/natural-frequencies.js';

/**
 * Numbers as check-claim prints them for a reader who is not a
 * statistician: fixed decimals (no locale lookup), a true minus sign,
 * shares as percentages with two significant digits, a range as one number
 * when both ends print alike, "a–b" when both are positive, "a to b" when
 * one is negative, "a or more" when it has no upper end.
 */

/** A range of values (an implied quantity, a published figure). */
export interface Span {
  readonly lo: number;
  readonly hi: number;
}

/** Above this a ratio is treated as unbounded ("1.9 or more"). */
const UNBOUNDED = 1e6;

/** x with `digits` decimals, "−" for negatives, never "−0.00". */
export function decimal(x: number, digits: number): string {
  const s = x.toFixed(digits);
  if (/^-0\.?0*$/.test(s)) return s.slice(1);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/**
 * A share as a percentage: whole percent from 10%, one decimal from 1%,
 * two significant digits below; trailing zeros dropped.
 *
 * @example
 * percent(0.0015); // "0.15%"
 * percent(0.024);  // "2.4%"
 * percent(0.4);    // "40%"
 */
export function percent(x: number): string {
  const v = 100 * x;
  if (v === 0) return '0%';
  const digits = v >= 10 ? 0 : v >= 1 ? 1 : Math.min(6, 1 - Math.floor(Math.log10(v)));
  return `${Number(v.toFixed(digits))}%`;
}

/** A decimal with at most six places and no trailing zeros (0.415, 0.0005). */
export function plain(x: number): string {
  return decimal(Number(x.toFixed(6)), 6).replace(/\.?0+$/, '');
}

/** Children, with thousands commas; `tenths` for small numbers per 1,000 children. */
export function children(x: number, tenths = false): string {
  return tenths ? decimal(x, 1) : formatCount(x);
}

/**
 * A range printed with `one`: a single number when both ends print alike.
 *
 * @example
 * span({ lo: 0.482, hi: 0.518 }, (x) => decimal(x, 2)); // "0.48–0.52"
 * span({ lo: -0.55, hi: 0.45 }, (x) => decimal(x, 2));  // "−0.55 to 0.45"
 * span({ lo: 1.88, hi: Infinity }, (x) => decimal(x, 1)); // "1.9 or more"
 */
export function span(r: Span, one: (x: number) => string): string {
  if (!(r.hi < UNBOUNDED)) return `${one(r.lo)} or more`;
  const a = one(r.lo);
  const b = one(r.hi);
  if (a === b) return a;
  return r.lo < 0 ? `${a} to ${b}` : `${a}–${b}`;
}

/** A ratio of one figure to another: "0.5 to 1.5 times", or "2%–5% of" when well below one. */
export function times(r: Span): string {
  if (r.hi < 0.5) return `${span(r, percent)} of`;
  const one = (x: number) => decimal(x, x >= 10 ? 0 : 1);
  const a = one(r.lo);
  const b = one(r.hi);
  return a === b ? `${a} times` : `${a} to ${b} times`;
}

/** Per 100, for "about 42 in every 100": one number when the range is at most 1.5 per 100 wide. */
export function perHundred(r: Span): string {
  if (100 * (r.hi - r.lo) <= 1.5 + 1e-9) return `about ${Math.round(50 * (r.lo + r.hi))}`;
  return `${Math.round(100 * r.lo)} to ${Math.round(100 * r.hi)}`;
}

/** A ratio such as list size ÷ true cases: two decimals below 10, one below 100, whole above. */
export function ratio(x: number): string {
  return decimal(x, x < 10 ? 2 : x < 100 ? 1 : 0);
}
