import { RisklabError, experimentMessages as x } from '../../messages.js';
import { formatCount } from '../../metrics/natural-frequencies.js';
import { wholeChildren } from '../../metrics/suppression.js';
import { strengthWord } from '../../metrics/strength.js';

/**
 * Claim and headline templates: text with `{placeholder|filter:arg|…}`
 * holes, filled from a finished run. `{{` and `}}` write a literal brace.
 * Templates are parsed when the experiment is resolved, so an unknown
 * placeholder or filter fails before any simulation.
 *
 * @example
 * render(parseTemplate('right about {p|percent} of the time', 'headline'), (path) => (path === 'p' ? 0.42 : undefined));
 * // "right about 42% of the time"
 */

/** A value a placeholder stands for. */
export type TemplateValue = number | string;

/** One filter applied to a placeholder's value. */
export interface FilterCall {
  readonly name: string;
  readonly args: readonly string[];
}

/** A parsed template: literal text and placeholders, in order. */
export type Template = readonly ({ readonly text: string } | { readonly path: string; readonly filters: readonly FilterCall[] })[];

interface FilterSpec {
  /** What the filter takes and gives. */
  readonly input: 'number' | 'any';
  readonly output: 'number' | 'text';
  /** Argument count allowed, and what they are, in words. */
  readonly args: readonly [number, number];
  readonly expects: string;
  readonly apply: (value: number, args: readonly string[]) => TemplateValue;
}

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const whole = (s: string | undefined, fallback: number) => (s === undefined ? fallback : Number(s));
const isWhole = (s: string) => /^\d+$/.test(s);
const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/**
 * The filters, each with what it does (documented in docs/writing-an-experiment.md):
 * - `fixed:N` N decimals ("0.42"); `percent` or `percent:S` a percentage to S significant figures (default 2: "42%", "0.1%");
 * - `count` whole children with thousands separators ("1,312"; a median of 3940.5 children reads 3,940: halves go to the even neighbour); `words` a whole number up to twenty in words ("four");
 * - `outOf:N` the value as a whole number out of N ("N in 10": 0.58 → 6 with outOf:10); `times:N` multiplied by N;
 *   `round` to the nearest whole number (halves to the even neighbour, as `count`); `complement` 1 − value; `abs` the size without the sign;
 * - `strength` the strength word ("very strong"); `sign:A:B[:C]` the word A when the value is above 0, B below, C at 0 (default B).
 */
export const FILTERS: Readonly<Record<string, FilterSpec>> = {
  fixed: { input: 'number', output: 'text', args: [1, 1], expects: 'one whole number of decimals (fixed:2)', apply: (v, a) => v.toFixed(whole(a[0], 2)) },
  percent: {
    input: 'number',
    output: 'text',
    args: [0, 1],
    expects: 'at most one whole number of significant figures (percent:2)',
    apply: (v, a) => `${Number((v * 100).toPrecision(whole(a[0], 2)))}%`,
  },
  count: { input: 'number', output: 'text', args: [0, 0], expects: 'no arguments', apply: (v) => formatCount(wholeChildren(v)) },
  words: { input: 'number', output: 'text', args: [0, 0], expects: 'no arguments', apply: (v) => (Number.isInteger(v) && v >= 0 && v <= 20 ? SMALL[v] : formatCount(v)) },
  outOf: { input: 'number', output: 'number', args: [1, 1], expects: 'one whole number (outOf:10)', apply: (v, a) => Math.round(v * Number(a[0])) },
  times: { input: 'number', output: 'number', args: [1, 1], expects: 'one number (times:1000)', apply: (v, a) => v * Number(a[0]) },
  round: { input: 'number', output: 'number', args: [0, 0], expects: 'no arguments', apply: (v) => wholeChildren(v) },
  complement: { input: 'number', output: 'number', args: [0, 0], expects: 'no arguments', apply: (v) => 1 - v },
  abs: { input: 'number', output: 'number', args: [0, 0], expects: 'no arguments', apply: (v) => Math.abs(v) },
  strength: { input: 'number', output: 'text', args: [0, 0], expects: 'no arguments', apply: (v) => strengthWord(v) ?? 'not defined' },
  sign: {
    input: 'number',
    output: 'text',
    args: [2, 3],
    expects: 'two or three words (sign:flatter:understate[:match])',
    apply: (v, a) => (v > 0 ? a[0] : v < 0 ? a[1] : (a[2] ?? a[1])),
  },
};

/** The words for a number with no filter: whole numbers as they are, others to 3 significant figures; "not defined" when undefined (NaN). */
export function plainNumber(value: number): string {
  if (Number.isNaN(value)) return 'not defined';
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

/** Parse a template; `field` names it in errors ("findings[2].claim", "headline"). */
export function parseTemplate(text: string, field: string): Template {
  const parts: ({ text: string } | { path: string; filters: FilterCall[] })[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      literal += ch;
      i += 2;
      continue;
    }
    if (ch === '}') throw new RisklabError(x.badTemplate(field, `a lone "}" at character ${i + 1} (write }} for a brace)`), field);
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const end = text.indexOf('}', i);
    if (end < 0) throw new RisklabError(x.badTemplate(field, `the "{" at character ${i + 1} is never closed`), field);
    if (literal) parts.push({ text: literal });
    literal = '';
    parts.push(parsePlaceholder(text.slice(i + 1, end), field));
    i = end + 1;
  }
  if (literal) parts.push({ text: literal });
  return parts;
}

function parsePlaceholder(inner: string, field: string): { path: string; filters: FilterCall[] } {
  const [rawPath, ...rawFilters] = inner.split('|');
  const path = rawPath.trim();
  if (!path || path.includes('{')) throw new RisklabError(x.badTemplate(field, `{${inner}} has no placeholder name`), field);
  const filters = rawFilters.map((raw) => {
    const [name, ...args] = raw.trim().split(':');
    const spec = FILTERS[name];
    if (!spec) throw new RisklabError(x.unknownFilter(field, name, Object.keys(FILTERS)), field);
    const [lo, hi] = spec.args;
    const numeric = name === 'fixed' || name === 'percent' || name === 'outOf' ? args.every(isWhole) : name === 'times' ? args.every(isNumber) : true;
    if (args.length < lo || args.length > hi || !numeric) throw new RisklabError(x.badFilterArgs(field, name, spec.expects), field);
    return { name, args };
  });
  return { path, filters };
}

/** The placeholders of a template (for checking them against what the run will know). */
export function placeholders(template: Template): { path: string; filters: readonly FilterCall[] }[] {
  return template.filter((p): p is { path: string; filters: FilterCall[] } => 'path' in p);
}

/**
 * Check a placeholder's filters against its value's kind: a number filter
 * after text (or on a text placeholder) fails with one line.
 */
export function checkFilters(field: string, path: string, kind: 'number' | 'text', filters: readonly FilterCall[]): void {
  let current = kind;
  for (const f of filters) {
    const spec = FILTERS[f.name];
    if (spec.input === 'number' && current === 'text') throw new RisklabError(x.filterOnText(field, path, f.name), field);
    current = spec.output;
  }
}

/**
 * One piece of a filled template: literal text, or a placeholder's text with
 * the path it came from and its value before filters (so a page can mark a
 * headline number with the finding behind it).
 */
export type RenderedPart = { readonly text: string } | { readonly text: string; readonly path: string; readonly value: TemplateValue };

/** Fill a template piece by piece: `lookup` gives each placeholder's value (a number or text). */
export function renderTemplateParts(template: Template, lookup: (path: string) => TemplateValue): RenderedPart[] {
  return template.map((part) => {
    if ('text' in part) return { text: part.text };
    const raw = lookup(part.path);
    let value = raw;
    let text: string | null = null;
    for (const f of part.filters) {
      if (typeof value !== 'number') break;
      if (Number.isNaN(value)) {
        text = 'not defined';
        break;
      }
      value = FILTERS[f.name].apply(value, f.args);
    }
    return { text: text ?? (typeof value === 'number' ? plainNumber(value) : value), path: part.path, value: raw };
  });
}

/** Fill a template: `lookup` gives each placeholder's value (a number or text). */
export function renderTemplate(template: Template, lookup: (path: string) => TemplateValue): string {
  return renderTemplateParts(template, lookup)
    .map((p) => p.text)
    .join('');
}
