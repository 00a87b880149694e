import { wholeChildren } from '../../metrics/suppression.js';

/**
 * Number formats shared by chart tables and the HTML report: fixed decimals
 * (no locale lookup, so output is identical on every machine) and a dash for
 * a number that is not defined.
 */

/** The mark for an undefined number (NaN): an em dash. */
export const UNDEFINED_MARK = '—';

/**
 * A rate with `digits` decimals; "—" for NaN or ±Infinity.
 *
 * @example
 * formatRate(0.41824); // "0.42"
 * formatRate(NaN);     // "—"
 */
export function formatRate(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return UNDEFINED_MARK;
  const s = value.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * A 2.5–97.5% range as "0.35–0.48" ("—" when either end is undefined).
 *
 * @example
 * formatInterval(0.3534, 0.4830); // "0.35–0.48"
 */
export function formatInterval(lower: number, upper: number, digits = 2): string {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return UNDEFINED_MARK;
  return `${formatRate(lower, digits)}–${formatRate(upper, digits)}`;
}

/**
 * A median count of children as whole children (issue 10 §5: never "3940.5"
 * children): halves round to the even neighbour (`wholeChildren`), with
 * thousands separators.
 *
 * @example
 * formatMedianCount(3940.5); // "3,940"
 */
export function formatMedianCount(value: number): string {
  if (!Number.isFinite(value)) return UNDEFINED_MARK;
  return wholeChildren(value).toLocaleString('en-GB');
}

/** A value safe for a Vega-Lite data row: NaN and ±Infinity become null (drawn as nothing). */
export function chartNumber(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
