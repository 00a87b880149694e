import { RisklabError, messages, metricsMessages as m } from '../messages.js';
import { METRIC_NAMES, type MetricName } from './groups.js';

/**
 * A metric in words, and named pass/fail criteria.
 *
 * The default strength scale is an ASSUMPTION, stated on every page that
 * uses it, because the scale behind published "Very Strong" ratings of such
 * tools is unpublished: [0, 0.2) very weak; [0.2, 0.5) weak; [0.5, 0.65)
 * moderate; [0.65, 0.8) strong; [0.8, 1] very strong. Its boundaries are
 * reasons, not fifths: below 0.5 a flag is wrong more often than right
 * (precision) or more children are missed than found (recall), so nothing
 * under 0.5 is ever "moderate"; 0.8 is where "very strong" begins; 0.65
 * splits the range between. It suits shares where 0 means nothing and 1
 * means perfect (precision, recall, MCC ≥ 0); for AUC, where 0.5 is chance,
 * pass a scale of your own (e.g. bands from 0.5). A rate with no children
 * behind it is NaN and has no word ("not defined" on the pages, never "very
 * strong"); a rate resting on too few children is suppressed before it gets
 * a word (src/metrics/suppression.ts).
 */

/** A band of a strength scale: values from `from` (included) up to the next band's `from`. */
export interface StrengthBand {
  readonly from: number;
  readonly word: string;
}

/** A strength scale: ascending bands, the last ending at `max` (included). */
export interface StrengthScale {
  readonly bands: readonly StrengthBand[];
  readonly max: number;
}

/**
 * Check and build a strength scale: at least one band, `from` strictly
 * ascending, words non-empty, `max` above the last `from`.
 *
 * @example
 * strengthScale([{ from: 0.5, word: 'no better than chance' }, { from: 0.7, word: 'useful' }], 1);
 */
export function strengthScale(bands: readonly StrengthBand[], max = 1): StrengthScale {
  if (bands.length === 0) throw new RisklabError(m.badScale('needs at least one band'), 'scale');
  bands.forEach((b, i) => {
    if (!Number.isFinite(b.from)) throw new RisklabError(m.badScale(`band ${i + 1}: from must be a finite number; got ${b.from}`), 'scale');
    if (i > 0 && !(b.from > bands[i - 1].from)) {
      throw new RisklabError(m.badScale(`bands must ascend; band ${i + 1} starts at ${b.from}, not above ${bands[i - 1].from}`), 'scale');
    }
    if (typeof b.word !== 'string' || b.word.trim() === '') throw new RisklabError(m.badScale(`band ${i + 1} needs a word`), 'scale');
  });
  if (!(max > bands[bands.length - 1].from)) {
    throw new RisklabError(m.badScale(`max must be above the last band's start (${bands[bands.length - 1].from}); got ${max}`), 'scale');
  }
  return { bands: bands.map((b) => ({ ...b })), max };
}

/**
 * The default scale (an assumption; see the module note): [0, 0.2) very weak,
 * [0.2, 0.5) weak, [0.5, 0.65) moderate, [0.65, 0.8) strong, [0.8, 1] very strong.
 */
export const DEFAULT_STRENGTH_SCALE: StrengthScale = strengthScale([
  { from: 0, word: 'very weak' },
  { from: 0.2, word: 'weak' },
  { from: 0.5, word: 'moderate' },
  { from: 0.65, word: 'strong' },
  { from: 0.8, word: 'very strong' },
]);

/**
 * The word for a value on a strength scale; null for NaN or a value outside
 * [first band's start, max] (e.g. a negative MCC on the default scale).
 *
 * @example
 * strengthWord(0.7);  // "strong"
 * strengthWord(0.48); // "weak" (wrong more often than right: never "moderate")
 * strengthWord(NaN);  // null
 */
export function strengthWord(value: number, scale: StrengthScale = DEFAULT_STRENGTH_SCALE): string | null {
  if (Number.isNaN(value) || value < scale.bands[0].from || value > scale.max) return null;
  let word = scale.bands[0].word;
  for (const band of scale.bands) if (value >= band.from) word = band.word;
  return word;
}

/** How a criterion compares a metric with its bar. */
export type Comparison = '>=' | '>' | '<=' | '<';

/**
 * A named pass/fail bar on one metric, e.g. "precision ≥ 0.7" (named
 * `SuccessCriterion` so it is never confused with a tree model's split
 * criterion).
 */
export interface SuccessCriterion {
  readonly metric: MetricName;
  readonly comparison: Comparison;
  readonly bar: number;
  /** The canonical text, e.g. "precision ≥ 0.7". */
  readonly text: string;
  /** Who set the bar, or why (optional). */
  readonly name?: string;
}

const SYMBOLS: Readonly<Record<Comparison, string>> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const PARSE: Readonly<Record<string, Comparison>> = { '≥': '>=', '>=': '>=', '>': '>', '≤': '<=', '<=': '<=', '<': '<' };

/**
 * Parse a criterion such as "precision ≥ 0.7", "recall >= 0.5" or
 * "fpr < 0.1". The metric must be one of `METRIC_NAMES`. Experiments parse
 * their criteria when they are resolved, so a typo fails before any work.
 *
 * @example
 * parseCriterion('precision >= 0.7').text; // "precision ≥ 0.7"
 */
export function parseCriterion(text: string, name?: string): SuccessCriterion {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(≥|>=|≤|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/.exec(text);
  if (!match) throw new RisklabError(m.badCriterion(text), 'criterion');
  const [, metric, symbol, number] = match;
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new RisklabError(m.unknownMetric('criterion metric', metric, METRIC_NAMES), 'criterion');
  }
  const comparison = PARSE[symbol];
  const bar = Number(number);
  return { metric: metric as MetricName, comparison, bar, text: `${metric} ${SYMBOLS[comparison]} ${bar}`, ...(name ? { name } : {}) };
}

/** A criterion checked against a value. */
export interface CriterionResult {
  readonly criterion: SuccessCriterion;
  readonly value: number;
  /** True or false; null when the value is NaN (undefined metrics neither pass nor fail). */
  readonly met: boolean | null;
  /** e.g. "precision 0.58 — does not meet precision ≥ 0.7". */
  readonly text: string;
}

/**
 * Check a criterion against a record of metric values (e.g. `rates(c)`, with
 * `auc` added). NaN gives `met: null`, never a silent fail.
 *
 * @example
 * checkCriterion(parseCriterion('precision ≥ 0.7'), { precision: 0.58 }).met; // false
 */
export function checkCriterion(c: SuccessCriterion, values: Partial<Readonly<Record<MetricName, number>>>): CriterionResult {
  const value = values[c.metric];
  if (value === undefined) throw new RisklabError(messages.required(`values.${c.metric}`, `the metric "${c.text}" tests`), 'values');
  const met = Number.isNaN(value)
    ? null
    : c.comparison === '>='
      ? value >= c.bar
      : c.comparison === '>'
        ? value > c.bar
        : c.comparison === '<='
          ? value <= c.bar
          : value < c.bar;
  const shown = Number.isNaN(value) ? 'undefined' : String(Number(value.toFixed(3)));
  const verdict = met === null ? 'cannot be judged against' : met ? 'meets' : 'does not meet';
  return { criterion: c, value, met, text: `${c.metric} ${shown} — ${verdict} ${c.text}` };
}
