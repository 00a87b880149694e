import type { Confusion } from './confusion.js';
import { checkWhole } from './validate.js';
import { DEFAULT_MIN_COUNT, suppression, wholeChildren } from './suppression.js';

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
 * machine (no locale lookup). Non-integers are rounded first, to the
 * nearest whole number with halves to the even neighbour (`wholeChildren`:
 * a median count of 3940.5 children reads "3,940").
 *
 * @example
 * formatCount(1234567); // "1,234,567"
 */
export function formatCount(value: number): string {
  const whole = value < 0 ? -wholeChildren(-value) : wholeChildren(value);
  const s = String(Math.abs(whole));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return whole < 0 ? `-${grouped}` : grouped;
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
  /** Who is counted; default "children" (one of them: `nounOne`, default "child"). */
  readonly noun?: string;
  readonly nounOne?: string;
  /** How to say label 1; default "at risk" (say "recorded as at risk" for yRecorded). */
  readonly positive?: string;
  /** How to say label 0 in "… and 580 are {negative}"; default "not". */
  readonly negative?: string;
  /**
   * The outcome in an experiment's own words (its `outcome`): when given,
   * the sentences read "Of 1,000 children flagged, 420 are children whose
   * cases escalate and 580 are not", "Of every 10 children whose cases
   * escalate, …", "Of every 1,000 children whose cases do not escalate, …"
   * (`positive`/`negative` are then unused).
   */
  readonly outcome?: { readonly cases: string; readonly case: string; readonly nonCases: string };
  /**
   * A statement resting on fewer children than this is withheld (null, its
   * reason in `suppressed` and in its sentence): see src/metrics/suppression.ts.
   * Default 10; 0 withholds only empty statements.
   */
  readonly minCount?: number;
}

/** The three statements, and the sentences to print. */
export interface NaturalFrequencies {
  /** Of the flagged: how many have label 1 and how many not. Null when nobody is flagged (or too few). */
  readonly flagged: FrequencyStatement | null;
  /** Of those with label 1: how many are flagged and how many missed. Null when nobody has label 1 (or too few). */
  readonly atRisk: FrequencyStatement | null;
  /** Of those with label 0: how many are flagged (false alarms). Null when everybody has label 1 (or too few have 0). */
  readonly notAtRisk: FrequencyStatement | null;
  /** Why a statement was withheld for resting on too few children (absent for an empty one, or one that was not). */
  readonly suppressed: { readonly flagged?: string; readonly atRisk?: string; readonly notAtRisk?: string };
  /** One sentence per statement, in the order above (a plain "No … " sentence, or the reason, where a statement is null). */
  readonly sentences: readonly string[];
}

/** Render a part's scaled number honestly. */
function say(part: FrequencyPart, exact: boolean): string {
  if (part.roundedToZero) return 'fewer than 1';
  return exact ? formatCount(part.scaled) : `about ${formatCount(part.scaled)}`;
}

/** A part read as one child ("1 is", "fewer than 1 is"). */
const one = (p: FrequencyPart) => p.scaled === 1 || p.roundedToZero;

/** Build one statement; `per` = 'actual' uses the real denominator. */
function statement(
  denominator: number,
  a: { label: string; actual: number },
  b: { label: string; actual: number },
  per: number | 'actual',
  words: (base: string, p1: string, p2: string, one1: boolean, one2: boolean) => string,
  noun: readonly [string, string],
): FrequencyStatement | null {
  if (denominator === 0) return null;
  const base = per === 'actual' ? denominator : per;
  const [sa, sb] = roundToTotal([a.actual, b.actual], base);
  const parts: [FrequencyPart, FrequencyPart] = [
    { ...a, scaled: sa, roundedToZero: a.actual > 0 && sa === 0 },
    { ...b, scaled: sb, roundedToZero: b.actual > 0 && sb === 0 },
  ];
  const exact = sa * denominator === a.actual * base;
  const baseText = per === 'actual' ? formatCount(base) : `every ${formatCount(base)}`;
  let text = words(baseText, say(parts[0], exact), say(parts[1], exact), one(parts[0]), one(parts[1]));
  if (base !== denominator) text += ` (out of ${formatCount(denominator)} ${denominator === 1 ? noun[1] : noun[0]} in all)`;
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
 * denominator is 0 is null and its sentence says so plainly; one resting on
 * fewer than `minCount` children (default 10) is null too, and its sentence
 * gives the reason — so a scaled "Of every 1,000 children flagged, 1,000 are
 * at risk" can never come from one child.
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
    nounOne = 'child',
    positive = 'at risk',
    negative = 'not',
    outcome,
    minCount = DEFAULT_MIN_COUNT,
  } = options;
  for (const [field, per] of [['flaggedPer', flaggedPer], ['atRiskPer', atRiskPer], ['notAtRiskPer', notAtRiskPer]] as const) {
    if (per !== 'actual') checkWhole(field, per, 1);
  }
  checkWhole('minCount', minCount, 0);
  const nouns = [noun, nounOne] as const;
  const is = (single: boolean) => (single ? 'is' : 'are');
  type Words = (base: string, p1: string, p2: string, one1: boolean, one2: boolean) => string;
  const generic = (whole: string, first: string, second: string): Words => (base, p1, p2, o1, o2) =>
    `Of ${base} ${noun} ${whole}, ${p1} ${is(o1)} ${first} and ${p2} ${is(o2)} ${second}`;
  const words: { flagged: Words; atRisk: Words; notAtRisk: Words } = outcome
    ? {
        flagged: (base, p1, p2, o1, o2) => `Of ${base} ${noun} flagged, ${p1} ${is(o1)} ${o1 ? outcome.case : outcome.cases} and ${p2} ${is(o2)} not`,
        atRisk: (base, p1, p2, o1, o2) => `Of ${base} ${outcome.cases}, ${p1} ${is(o1)} flagged and ${p2} ${is(o2)} missed`,
        notAtRisk: (base, p1, p2, o1, o2) => `Of ${base} ${outcome.nonCases}, ${p1} ${is(o1)} flagged and ${p2} ${is(o2)} not`,
      }
    : { flagged: generic('flagged', positive, negative), atRisk: generic(positive, 'flagged', 'missed'), notAtRisk: generic(`${negative} ${positive}`, 'flagged', 'not') };
  const counts = { tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn };
  const withheld = (rate: 'precision' | 'recall' | 'fpr', denominator: number): string | undefined => {
    if (denominator === 0) return undefined;
    const s = suppression(rate, counts, minCount);
    return s.suppressed ? s.reason : undefined;
  };
  const suppressed = {
    ...(withheld('precision', c.flagged) ? { flagged: withheld('precision', c.flagged) } : {}),
    ...(withheld('recall', c.positives) ? { atRisk: withheld('recall', c.positives) } : {}),
    ...(withheld('fpr', c.negatives) ? { notAtRisk: withheld('fpr', c.negatives) } : {}),
  };
  const make = (denominator: number, a: [string, number], b: [string, number], per: number | 'actual', text: Words, hidden: string | undefined) =>
    hidden ? null : statement(denominator, { label: a[0], actual: a[1] }, { label: b[0], actual: b[1] }, per, text, nouns);
  const flagged = make(c.flagged, [positive, c.tp], [negative, c.fp], flaggedPer, words.flagged, suppressed.flagged);
  const atRisk = make(c.positives, ['flagged', c.tp], ['missed', c.fn], atRiskPer, words.atRisk, suppressed.atRisk);
  const notAtRisk = make(c.negatives, ['flagged', c.fp], ['not flagged', c.tn], notAtRiskPer, words.notAtRisk, suppressed.notAtRisk);
  const tooFew = (reason: string) => `${reason[0].toUpperCase()}${reason.slice(1)}.`;
  return {
    flagged,
    atRisk,
    notAtRisk,
    suppressed,
    sentences: [
      flagged?.text ?? (suppressed.flagged ? tooFew(suppressed.flagged) : `No ${noun} are flagged.`),
      atRisk?.text ?? (suppressed.atRisk ? tooFew(suppressed.atRisk) : outcome ? `There are no ${outcome.cases}.` : `No ${noun} are ${positive}.`),
      notAtRisk?.text ?? (suppressed.notAtRisk ? tooFew(suppressed.notAtRisk) : outcome ? `There are no ${outcome.nonCases}.` : `All ${noun} are ${positive}.`),
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
