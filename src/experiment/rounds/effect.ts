import type { Population } from '../../population/types.js';
import type { Scenario } from '../../scenario/index.js';

/**
 * What one round's list does to the next round, child by child (the
 * scenario's `feedback`): extra agency contact for the children it reached,
 * which decays once they are off the list, and — only when the scenario
 * assumes one — less true risk while that contact lasts.
 *
 * Pure functions of typed arrays: the loop (loop.ts) calls them between
 * rounds; nothing here draws a random number.
 */

/** The scenario's feedback settings, with their defaults filled in. */
export type Feedback = NonNullable<Scenario['feedback']>;

/**
 * Which children a list reaches: the listed children, and with
 * `households`, every child of a household with a listed child.
 *
 * @example
 * reachedBy(Uint8Array.of(1, 0, 0), Int32Array.of(7, 7, 8), true); // [1, 1, 0]
 */
export function reachedBy(listed: Uint8Array, household: Int32Array, households: boolean): Uint8Array {
  if (!households) return listed.slice();
  const touched = new Set<number>();
  for (let i = 0; i < listed.length; i++) if (listed[i] === 1) touched.add(household[i]);
  return Uint8Array.from(household, (h) => (touched.has(h) ? 1 : 0));
}

/**
 * Each child's extra contact in the next round: `listContact` for a child
 * the list reached; otherwise what the child had, times `persistence` (a
 * child who leaves the list keeps listContact·persistence^k after k rounds
 * off it).
 *
 * @example
 * nextExtraContact(Float64Array.of(0, 0.5), Uint8Array.of(1, 0), { listContact: 0.5, persistence: 0.5 }); // [0.5, 0.25]
 */
export function nextExtraContact(extra: Float64Array, reached: Uint8Array, feedback: Pick<Feedback, 'listContact' | 'persistence'>): Float64Array {
  const out = new Float64Array(extra.length);
  for (let i = 0; i < extra.length; i++) out[i] = reached[i] === 1 ? feedback.listContact : extra[i] * feedback.persistence;
  return out;
}

/**
 * A family's contact level raised by extra contact e: c + (1 − c)·e, which
 * stays in [0, 1] and equals c when e is 0.
 *
 * @example
 * raisedContact(Float64Array.of(0.2, 1), Float64Array.of(0.5, 0.5)); // [0.6, 1]
 */
export function raisedContact(contact: Float64Array, extra: Float64Array): Float64Array {
  const out = new Float64Array(contact.length);
  for (let i = 0; i < contact.length; i++) out[i] = extra[i] === 0 ? contact[i] : contact[i] + (1 - contact[i]) * extra[i];
  return out;
}

/**
 * The share of a child's true risk left by the intervention: 1 −
 * interventionEffect·e/listContact for extra contact e (1 when the effect
 * is 0 or the child has no extra contact).
 */
function riskLeft(extra: number, feedback: Feedback): number {
  return extra === 0 || feedback.interventionEffect === 0 || feedback.listContact === 0 ? 1 : 1 - (feedback.interventionEffect * extra) / feedback.listContact;
}

/**
 * The population of a round: the same children with the same true
 * circumstances, their contact raised by the extra contact and — only with
 * an intervention effect — their true risk lowered by it. A child truly at
 * risk keeps the outcome when `stay[i]` (a uniform fixed per child) is
 * below the share of risk left, so yTrue changes only where pTrue fell and
 * in expectation exactly as pTrue did (yTrue = 1 has probability
 * pTrue·left). With no extra contact anywhere the round's population is
 * the first round's, unchanged.
 */
export function roundPopulation(base: Population, extra: Float64Array, feedback: Feedback | undefined, stay: Float64Array): Population {
  if (!feedback || !extra.some((e) => e > 0)) return base;
  const contact = raisedContact(base.contact, extra);
  if (feedback.interventionEffect === 0) return { ...base, contact };
  const pTrue = new Float64Array(base.size);
  const yTrue = new Uint8Array(base.size);
  for (let i = 0; i < base.size; i++) {
    const left = riskLeft(extra[i], feedback);
    pTrue[i] = base.pTrue[i] * left;
    yTrue[i] = base.yTrue[i] === 1 && stay[i] < left ? 1 : 0;
  }
  return { ...base, contact, pTrue, yTrue };
}
