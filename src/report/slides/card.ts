import type { ExperimentResult } from '../../experiment/aggregate.js';
import { trainerCard, type MadeUpIdentity } from '../../experiment/card.js';
import type { CardChild, CircumstanceEntry } from '../../experiment/pair.js';
import { cellName } from '../charts/common.js';
import { modelNoun } from '../words.js';
import { slideMessages as m } from './texts.js';

/**
 * The one adapter between the deck and the experiment's "same child,
 * different record" pair: everything the card slide shows, as display
 * text, from the chosen pair the report shows (`trainerCard` of
 * src/experiment/card.ts, on replicate 0's test children).
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

/** "missing episodes" or "police call-outs × 3": what a circumstance entry shows, by the value given. */
function entryText(e: CircumstanceEntry, value: number): string {
  return e.type === 'count' && value > 1 ? `${e.label} × ${value}` : e.label;
}

/**
 * The card of the experiment: the chosen pair of src/experiment/card.ts
 * (`trainerCard`: the cell where the bias is strongest that has a pair),
 * with the listed, more visible child first; `{ kind: 'none' }` with the
 * reason when the run looked for one and found none; null when the
 * experiment compares no groups (then the deck has no card slide).
 */
export function slideCard(result: ExperimentResult): SlideCard | null {
  const card = trainerCard(result);
  if (card === null) return null;
  if (card.pair.kind === 'none') return { kind: 'none', explanation: card.pair.explanation };
  const { pair } = card;
  const view = (c: CardChild, who: MadeUpIdentity | undefined): SlideCardChild => {
    const entries = c.domains.flatMap((d) => d.entries);
    const name = who?.name ?? `child ${c.id}`;
    return {
      who: name,
      group: `${c.age}, ${who?.area ?? ''} · ${pair.attribute}: ${c.group}`,
      name,
      score: c.score.toFixed(3),
      rank: count(c.rank),
      onList: c.listed,
      risk: m.cardTrueRisk(c.pTrue.toFixed(3)),
      recorded: entries.filter((e) => e.recorded > 0).map((e) => entryText(e, e.recorded)),
    };
  };
  const [a, b] = pair.children;
  return {
    kind: 'pair',
    cell: cellName(result, card.cell),
    model: modelNoun(result, card.model),
    listSize: count(card.listSize),
    testSize: count(card.testSize),
    truth: a.domains.flatMap((d) => d.entries).filter((e) => e.truth > 0).map((e) => entryText(e, e.truth)),
    children: [view(a, card.names?.[0]), view(b, card.names?.[1])],
  };
}
