import type { ExperimentResult } from '../experiment/aggregate.js';
import { formatCount, wholeChildren } from '../metrics/index.js';

/**
 * Small word helpers every page shares, so a model is never a bare noun
 * ("the logistic model flags", never "logistic flags"), a title is the
 * question, and counts of children are whole.
 */

/**
 * A model as a noun phrase for sentences: "the logistic model"; the oracle
 * (which is not a real model) is "the oracle". Uses the model's label.
 *
 * @example
 * modelNoun(result, 'logistic'); // "the logistic model"
 * modelNoun(result, 'oracle');   // "the oracle"
 */
export function modelNoun(result: Pick<ExperimentResult, 'models'>, label: string): string {
  const m = result.models.find((x) => x.label === label);
  if (m?.name === 'oracle') return label === 'oracle' ? 'the oracle' : `the oracle (${label})`;
  if (m?.name === 'random') return label === 'random' ? 'the random baseline' : `the random baseline (${label})`;
  return `the ${label} model`;
}

/**
 * The title of a page is the question in words: its first sentence (up to
 * the first "?" that ends a sentence); whatever follows is the lead
 * paragraph under it.
 *
 * @example
 * questionTitle('Do models reach useful precision? The study found them wrong.');
 * // { title: "Do models reach useful precision?", rest: "The study found them wrong." }
 */
export function questionTitle(question: string): { title: string; rest: string } {
  const m = /^(.+?\?)\s+(\S[\s\S]*)$/.exec(question.trim());
  return m ? { title: m[1], rest: m[2] } : { title: question.trim(), rest: '' };
}

/** A median count of children in words: whole children with thousands separators (halves to the even neighbour). */
export function childrenCount(median: number): string {
  return formatCount(wholeChildren(median));
}

/**
 * Which way the records mislead about a share, by its value against the
 * records and against the truth: "flatter" when the records make it look
 * better, "understate" when worse, "match" when they agree to the nearest
 * whole child in 100.
 */
export function direction(recorded: number, truth: number): 'flatter' | 'understate' | 'match' {
  const r = Math.round(recorded * 100);
  const t = Math.round(truth * 100);
  return r > t ? 'flatter' : r < t ? 'understate' : 'match';
}
