import type { Confusion } from './confusion.js';
import { checkWhole } from './validate.js';

/**
 * Words and pictures for people who do not read ROC curves: natural
 * frequencies ("Of 1,000 children flagged, 420 are at risk and 580 are not")
 * and icon-array data. Rounding is honest: parts are rounded so they add up
 * to the whole (largest remainders), a scaled number is marked "about" when
 * rounding changed it, a non-zero part that rounds to 0 reads "fewer than 1",
 * and a scaled statement states the real denominator it came from.
 *
 * Reference: Gigerenzer & Hoffrage (1995) Psychological Review 102:684–704
 * (natural frequencies); Galesic, Garcia-Retamero & Gigerenzer (2009) Health
 * Psychology 28:210–216 (icon arrays).
 */

/**
 * A whole number with thousands separators ("1,000"), the same on every
 * machine (no locale lookup). Non-integers are rounded first.
 *
 * @example
 * formatCount(1234567); // "1,234,567"
 */
export function formatCount(value: number): string {
  const s = String(Math.abs(Math.round(value)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 && Math.round(value) !== 0 ? `-${grouped}` : grouped;
}

/**
 * Round non-negative shares of a whole to whole numbers that add up to
 * `total`, by the largest-remainder (Hamilton) method; equal remainders go to
 * the earlier part. All zeros when the shares sum to 0.
 *
 * Reference: Balinski & Young (1982) Fair Representation (Hamilton's method).
 *
 * @example
 * roundToTotal([42, 58], 10); // [4, 6]
 * roundToTotal([1, 1, 1], 10); // [4, 3, 3]
 */
export function roundToTotal(parts: readonly number[], total: number): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum === 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

/** One part of a natural-frequency statement. */
export interface FrequencyPart {
  /** What the part is ("at risk", "not", "flagged", "missed"). */
  readonly label: string;
  /** The real count. */
  readonly actual: number;
  /** The count out of `base`, rounded so the parts add up to `base`. */
  readonly scaled: number;
  /** True when the real count is not 0 but rounds to 0 out of `base` (read "fewer than 1"). */
  readonly roundedToZero: boolean;
}

/** "Of {base} {noun} {whole}, {part 1} and {part 2}." with its numbers. */
export interface FrequencyStatement {
  readonly text: string;
  /** How many children the statement is really about. */
  readonly denominator: number;
  /** The "of every …" number the parts are scaled to (= denominator when not scaled). */
  readonly base: number;
  /** True when no number was rounded (not scaled, or scaling was exact). */
  readonly exact: boolean;
  readonly parts: readonly [FrequencyPart, FrequencyPart];
}

/** Options for `naturalFrequencies`. */
export interface NaturalFrequencyOptions {
  /** Scale the flagged statement to "of every N"; default "actual" (the real number flagged). */
  readonly flaggedPer?: number | 'actual';
  /** Scale the at-risk statement to "of every N"; default 10. */
  readonly atRiskPer?: number | 'actual';
  /** Scale the not-at-risk statement; default 1000. */
  readonly notAtRiskPer?: number | 'actual';
  /** Who is counted; default "children". */
  readonly noun?: string;
  /** How to say label 1; default "at risk" (say "recorded as at risk" for yRecorded). */
  readonly positive?: string;
  /** How to say label 0 in "… and 580 are {negative}"; default "not". */
  readonly negative?: string;
}

/** The three statements, and the sentences to print. */
export interface NaturalFrequencies {
  /** Of the flagged: how many have label 1 and how many not. Null when nobody is flagged. */
  readonly flagged: FrequencyStatement | null;
  /** Of those with label 1: how many are flagged and how many missed. Null when nobody has label 1. */
  readonly atRisk: FrequencyStatement | null;
  /** Of those with label 0: how many are flagged (false alarms). Null when everybody has label 1. */
  readonly notAtRisk: FrequencyStatement | null;
  /** One sentence per statement, in the order above (a plain "No … " sentence where a statement is null). */
  readonly sentences: readonly string[];
}

/** Render a part's scaled number honestly. */
function say(part: FrequencyPart, exact: boolean): string {
  if (part.roundedToZero) return 'fewer than 1';
  return exact ? formatCount(part.scaled) : `about ${formatCount(part.scaled)}`;
}

/** Build one statement; `per` = 'actual' uses the real denominator. */
function statement(
  denominator: number,
  a: { label: string; actual: number },
  b: { label: string; actual: number },
  per: number | 'actual',
  words: (base: string, p1: string, p2: string, verb1: string, verb2: string) => string,
  noun: string,
): FrequencyStatement | null {
  if (denominator === 0) return null;
  const base = per === 'actual' ? denominator : per;
  const [sa, sb] = roundToTotal([a.actual, b.actual], base);
  const parts: [FrequencyPart, FrequencyPart] = [
    { ...a, scaled: sa, roundedToZero: a.actual > 0 && sa === 0 },
    { ...b, scaled: sb, roundedToZero: b.actual > 0 && sb === 0 },
  ];
  const exact = sa * denominator === a.actual * base;
  const verb = (p: FrequencyPart) => (p.scaled === 1 || p.roundedToZero ? 'is' : 'are');
  const baseText = per === 'actual' ? formatCount(base) : `every ${formatCount(base)}`;
  let text = words(baseText, say(parts[0], exact), say(parts[1], exact), verb(parts[0]), verb(parts[1]));
  if (base !== denominator) text += ` (out of ${formatCount(denominator)} ${noun} in all)`;
  return { text: `${text}.`, denominator, base, exact, parts };
}

/**
 * Natural-frequency sentences for one confusion table (one model, one label,
 * one group at one operating point):
 *
 * - "Of 1,000 children flagged, 420 are at risk and 580 are not."
 * - "Of every 10 children at risk, about 2 are flagged and about 8 are missed (out of 1,312 children in all)."
 * - "Of every 1,000 children not at risk, about 12 are flagged and about 988 are not (out of 47,688 children in all)."
 *
 * Numbers are rounded honestly (see the module note); a statement whose
 * denominator is 0 is null and its sentence says so plainly.
 *
 * @example
 * naturalFrequencies(confusionFromCounts(420, 580, 1680, 97320)).sentences[1];
 * // "Of every 10 children at risk, 2 are flagged and 8 are missed (out of 2,100 children in all)."
 */
export function naturalFrequencies(c: Confusion, options: NaturalFrequencyOptions = {}): NaturalFrequencies {
  const {
    flaggedPer = 'actual',
    atRiskPer = 10,
    notAtRiskPer = 1000,
    noun = 'children',
    positive = 'at risk',
    negative = 'not',
  } = options;
  for (const [field, per] of [['flaggedPer', flaggedPer], ['atRiskPer', atRiskPer], ['notAtRiskPer', notAtRiskPer]] as const) {
    if (per !== 'actual') checkWhole(field, per, 1);
  }
  const words = (whole: string, first: string, second: string) => (base: string, p1: string, p2: string, v1: string, v2: string) =>
    `Of ${base} ${noun} ${whole}, ${p1} ${v1} ${first} and ${p2} ${v2} ${second}`;
  const make = (denominator: number, a: [string, number], b: [string, number], per: number | 'actual', text: ReturnType<typeof words>) =>
    statement(denominator, { label: a[0], actual: a[1] }, { label: b[0], actual: b[1] }, per, text, noun);
  const flagged = make(c.flagged, [positive, c.tp], [negative, c.fp], flaggedPer, words('flagged', positive, negative));
  const atRisk = make(c.positives, ['flagged', c.tp], ['missed', c.fn], atRiskPer, words(positive, 'flagged', 'missed'));
  const notAtRisk = make(c.negatives, ['flagged', c.fp], ['not flagged', c.tn], notAtRiskPer, words(`${negative} ${positive}`, 'flagged', 'not'));
  return {
    flagged,
    atRisk,
    notAtRisk,
    sentences: [
      flagged?.text ?? `No ${noun} are flagged.`,
      atRisk?.text ?? `No ${noun} are ${positive}.`,
      notAtRisk?.text ?? `All ${noun} are ${positive}.`,
    ],
  };
}

/** The four kinds of icon, in drawing order. */
export const ICON_CATEGORIES = ['flagged, at risk', 'flagged, not at risk', 'missed', 'not flagged, not at risk'] as const;

/** One of `ICON_CATEGORIES`. */
export type IconCategory = (typeof ICON_CATEGORIES)[number];

/** One icon of the grid. */
export interface IconCell {
  readonly index: number;
  readonly row: number;
  readonly column: number;
  readonly category: IconCategory;
  readonly flagged: boolean;
  readonly atRisk: boolean;
}

/** Icon-array data: counts per category out of `size`, and one record per icon for a chart. */
export interface IconArray {
  readonly size: number;
  readonly columns: number;
  readonly rows: number;
  /** Icons per category, aligned with `ICON_CATEGORIES`; they add up to `size`. */
  readonly counts: readonly number[];
  /** Categories with real children that got no icon (fewer than 1 in `size`): say so beside the chart. */
  readonly roundedToZero: readonly IconCategory[];
  /** Row-major cells, grouped by category in `ICON_CATEGORIES` order (Vega-Lite ready). */
  readonly cells: readonly IconCell[];
}

/**
 * A grid of `size` children (100 by default, or 1,000) coloured by flagged
 * and at risk, scaled from a confusion table by largest remainders so the
 * icons add up exactly. Null when the table is empty (n = 0).
 *
 * @example
 * iconArray(confusionFromCounts(420, 580, 1680, 97320)).counts; // [0, 1, 2, 97]; roundedToZero: ["flagged, at risk"]
 */
export function iconArray(c: Confusion, options: { size?: number; columns?: number } = {}): IconArray | null {
  const { size = 100 } = options;
  checkWhole('size', size, 1, 100_000);
  const { columns = size === 100 ? 10 : size === 1000 ? 50 : Math.ceil(Math.sqrt(size)) } = options;
  checkWhole('columns', columns, 1, size);
  if (c.n === 0) return null;
  const actual = [c.tp, c.fp, c.fn, c.tn];
  const counts = roundToTotal(actual, size);
  const cells: IconCell[] = [];
  counts.forEach((count, k) => {
    for (let j = 0; j < count; j++) {
      const index = cells.length;
      cells.push({
        index,
        row: Math.floor(index / columns),
        column: index % columns,
        category: ICON_CATEGORIES[k],
        flagged: k <= 1,
        atRisk: k === 0 || k === 2,
      });
    }
  });
  return {
    size,
    columns,
    rows: Math.ceil(size / columns),
    counts,
    roundedToZero: ICON_CATEGORIES.filter((_, k) => actual[k] > 0 && counts[k] === 0),
    cells,
  };
}
