import { RisklabError } from '../messages.js';
import { claimMessages as m } from '../claim-messages.js';

/**
 * Published figures as intervals. A report prints a rounded number; the
 * number stands for every value that rounds to it: "0.71" means
 * [0.705, 0.715], "42%" means [41.5%, 42.5%], "0.1%" means [0.05%, 0.15%].
 * Counts are exact unless marked as approximate ("~350000", "about 350,000"),
 * when they stand for the interval of their last non-zero digit
 * (350,000 → [345,000, 355,000]).
 *
 * Accepted forms (rates may be decimals or percentages; counts may have
 * thousands commas):
 *
 * | written | means |
 * | --- | --- |
 * | `0.71`, `71%` | rounded: half a unit of the last digit either side |
 * | `=0.71` | exactly 0.71 |
 * | `0.70-0.72`, `0.70..0.72`, `70%–72%`, `0.70 to 0.72` | that range |
 * | `0.71±0.01`, `0.71+-0.01` | that range |
 * | `>1000`, `≥1000`, `>=1000`, `1000+`, `<0.1`, `≤0.1`, `<=0.1` | a one-sided bound (a count "> 1000" is at least 1001) |
 * | `~350000`, `about 350,000`, `≈350000` | a count rounded to its last non-zero digit |
 *
 * Reference: the rounding convention of the ONS and of most published
 * tables (round half away from zero); SOURCES.md "Arithmetic every claim must obey".
 */

/** Every figure a claim may state. */
export const FIGURE_NAMES = [
  'precision',
  'recall',
  'specificity',
  'fpr',
  'accuracy',
  'f1',
  'mcc',
  'auc',
  'baseRate',
  'flaggedShare',
  'population',
  'flagged',
  'trueCases',
] as const;

/** One of `FIGURE_NAMES`. */
export type FigureName = (typeof FIGURE_NAMES)[number];

/** Count figures: numbers of children. */
export const COUNT_FIGURES: readonly FigureName[] = ['population', 'flagged', 'trueCases'];

/** A published figure and the interval it stands for. */
export interface Figure {
  readonly name: FigureName;
  /** As written by the user. */
  readonly text: string;
  readonly lo: number;
  readonly hi: number;
}

const NUM = String.raw`[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+`;
const SIGNED = String.raw`-?(?:${NUM})%?`;
const RANGE = new RegExp(String.raw`^(${SIGNED})\s*(?:\.\.|–|—|\bto\b|-)\s*(${SIGNED})$`);
const PLUS_MINUS = new RegExp(String.raw`^(${SIGNED})\s*(?:±|\+-|\+/-)\s*(${NUM})(%?)$`);
const BOUND = new RegExp(String.raw`^(>=|≥|>|<=|≤|<)\s*(${SIGNED})$`);
const AT_LEAST = new RegExp(String.raw`^(${SIGNED})\s*\+$`);
const APPROX = /^(?:~|≈|about\s+|around\s+|roughly\s+|approximately\s+)/;

/** A number as written: its value and the half-unit of its last digit. */
interface Written {
  readonly value: number;
  /** Half a unit of the last written digit (0.005 for "0.71"), in the figure's units. */
  readonly half: number;
  /** Half a unit of the last non-zero digit (5000 for "350000"). */
  readonly halfSignificant: number;
}

function written(text: string): Written | null {
  const t = text.trim();
  if (!new RegExp(String.raw`^${SIGNED}$`).test(t)) return null;
  const percent = t.endsWith('%');
  const body = (percent ? t.slice(0, -1) : t).replace(/,/g, '');
  const value = Number(body);
  if (!Number.isFinite(value)) return null;
  const decimals = body.includes('.') ? body.length - body.indexOf('.') - 1 : 0;
  const scale = percent ? 0.01 : 1;
  const half = 0.5 * 10 ** -decimals * scale;
  let halfSignificant = half;
  if (decimals === 0 && value !== 0) {
    const digits = body.replace(/^-/, '');
    const zeros = digits.length - digits.replace(/0+$/, '').length;
    halfSignificant = 0.5 * 10 ** zeros * scale;
  }
  return { value: value * scale, half, halfSignificant };
}

/** The range a figure's value must lie in, and how the message describes it. */
function domainOf(name: FigureName): { lo: number; hi: number; expected: string; count: boolean } {
  if (name === 'mcc') return { lo: -1, hi: 1, expected: 'a number in [-1, 1]', count: false };
  if (name === 'population') return { lo: 1, hi: Infinity, expected: 'a whole number of children ≥ 1', count: true };
  if (COUNT_FIGURES.includes(name)) return { lo: 0, hi: Infinity, expected: 'a whole number of children ≥ 0', count: true };
  return { lo: 0, hi: 1, expected: 'a number in [0, 1] or a percentage', count: false };
}

/** Parse one bound of a range or comparison. */
function bound(name: FigureName, raw: string, text: string): number {
  const w = written(raw);
  if (!w) throw new RisklabError(m.badFigure(name, text, domainOf(name).expected), name);
  return w.value;
}

/**
 * Parse a published figure into the interval it stands for.
 *
 * @example
 * parseFigure('precision', '0.42');          // { lo: 0.415, hi: 0.425 }
 * parseFigure('baseRate', '0.1%');           // { lo: 0.0005, hi: 0.0015 }
 * parseFigure('flagged', '>1000');           // { lo: 1001, hi: Infinity }
 * parseFigure('population', '~350,000');     // { lo: 345000, hi: 355000 }
 */
export function parseFigure(name: FigureName, raw: string | number): Figure {
  const text = String(raw).trim();
  const domain = domainOf(name);
  const fail = (): never => {
    throw new RisklabError(m.badFigure(name, text, domain.expected), name);
  };
  const lower = text.toLowerCase();
  let lo: number;
  let hi: number;
  let match: RegExpMatchArray | null;
  if ((match = lower.match(APPROX))) {
    const w = written(lower.slice(match[0].length)) ?? fail();
    const half = domain.count ? w.halfSignificant : w.half;
    [lo, hi] = [w.value - half, w.value + half];
  } else if (lower.startsWith('=')) {
    const w = written(lower.slice(1)) ?? fail();
    [lo, hi] = [w.value, w.value];
  } else if ((match = lower.match(PLUS_MINUS))) {
    const centre = bound(name, match[1], text);
    const w = written(match[2]) ?? fail();
    const spread = match[3] === '%' ? w.value * 0.01 : w.value;
    [lo, hi] = [centre - spread, centre + spread];
  } else if ((match = lower.match(BOUND))) {
    const v = bound(name, match[2], text);
    const strict = match[1] === '>' || match[1] === '<';
    const step = domain.count && strict ? 1 : 0;
    if (match[1].startsWith('>') || match[1] === '≥') [lo, hi] = [v + step, domain.hi];
    else [lo, hi] = [domain.lo, v - step];
  } else if ((match = lower.match(AT_LEAST))) {
    [lo, hi] = [bound(name, match[1], text), domain.hi];
  } else if ((match = lower.match(RANGE))) {
    [lo, hi] = [bound(name, match[1], text), bound(name, match[2], text)];
    if (lo > hi) throw new RisklabError(m.badRange(name, text), name);
  } else {
    const w = written(lower) ?? fail();
    const half = domain.count ? 0 : w.half;
    [lo, hi] = [w.value - half, w.value + half];
    if (domain.count && !Number.isInteger(w.value)) fail();
  }
  if (domain.count) {
    lo = Math.ceil(lo - 1e-9);
    hi = hi === Infinity ? hi : Math.floor(hi + 1e-9);
  }
  lo = Math.max(lo, domain.lo);
  hi = Math.min(hi, domain.hi);
  if (!(lo <= hi)) fail();
  return { name, text, lo, hi };
}

/** A claim as given: figure name → text as published (flags, or a JSON/YAML file). */
export type ClaimInput = Partial<Record<FigureName, string | number>>;

/**
 * Parse every figure of a claim; unknown names and unparseable values throw
 * one line naming the figure.
 *
 * @example
 * parseClaim({ precision: '0.42', recall: '0.21' }).length; // 2
 */
export function parseClaim(input: Readonly<Record<string, unknown>>): Figure[] {
  const out: Figure[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (!(FIGURE_NAMES as readonly string[]).includes(key)) throw new RisklabError(m.unknownFigure(key, FIGURE_NAMES), key);
    if (typeof value !== 'string' && typeof value !== 'number') throw new RisklabError(m.badFigure(key, String(value), domainOf(key as FigureName).expected), key);
    out.push(parseFigure(key as FigureName, value));
  }
  return out.sort((a, b) => FIGURE_NAMES.indexOf(a.name) - FIGURE_NAMES.indexOf(b.name));
}
