import type { ExperimentResult } from '../../experiment/aggregate.js';
import { cellName } from '../charts/common.js';
import { modelNoun } from '../words.js';
import { slideMessages as m } from './texts.js';

/**
 * The one adapter between the deck and the experiment's "same child,
 * different record" pair: everything the card slide shows, as display
 * text. Today it reads `result.examples` (src/experiment/example.ts, the
 * pair found among replicate 0's test children); when the run carries the
 * chosen pair of src/experiment/pair.ts (issue 11 §2), only this function
 * changes.
 */

/** One child as the card shows them. */
export interface SlideCardChild {
  /** The made-up name: "Ava Smith". */
  readonly who: string;
  /** Age, made-up area and group: "14, Northtown · group: B". */
  readonly group: string;
  readonly name: string;
  readonly score: string;
  /** "12" (1 = highest score). */
  readonly rank: string;
  readonly onList: boolean;
  /** "true risk 0.123". */
  readonly risk: string;
  /** Circumstances on record. */
  readonly recorded: readonly string[];
}

/** The card: two children with the same truth; or why there is none. */
export type SlideCard =
  | {
      readonly kind: 'pair';
      readonly cell: string;
      readonly model: string;
      readonly listSize: string;
      readonly testSize: string;
      /** The true circumstances both share. */
      readonly truth: readonly string[];
      readonly children: readonly [SlideCardChild, SlideCardChild];
    }
  | { readonly kind: 'none'; readonly explanation: string };

const count = (n: number) => n.toLocaleString('en-GB');

/**
 * The card of the experiment, from the settings the deck shows (`cells`,
 * the brief's) when one of them has a pair, else the first cell that has;
 * null when there is none (then the deck has no card slide). `{ kind:
 * 'none' }` (a pair asked for, and why none was found) is for the chosen
 * pair, whose result says why.
 */
export function slideCard(result: ExperimentResult, cells: readonly number[]): SlideCard | null {
  // The run does not record that a pair was asked for and not found, so no pair means no card slide.
  if (result.examples.length === 0) return null;
  const e = [...result.examples].sort((a, b) => Number(cells.includes(b.cell)) - Number(cells.includes(a.cell)) || a.cell - b.cell)[0];
  // The child on the list first: the card reads "this one is on the list, this one is not".
  const children = [...e.children].sort((a, b) => a.rank - b.rank);
  const view = (c: (typeof children)[number]): SlideCardChild => ({
    who: c.name,
    group: `${c.age}, ${c.area} · ${e.attribute}: ${c.group}`,
    name: c.name,
    score: c.score.toFixed(3),
    rank: count(c.rank),
    onList: c.flagged,
    risk: m.cardTrueRisk(c.pTrue.toFixed(3)),
    recorded: c.recordedCircumstances,
  });
  return {
    kind: 'pair',
    cell: cellName(result, e.cell),
    model: modelNoun(result, e.model),
    listSize: count(e.flaggedCount),
    testSize: count(e.testSize),
    truth: children[0].trueCircumstances,
    children: [view(children[0]), view(children[1])],
  };
}
