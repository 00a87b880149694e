import { isFlagged, type Cut } from '../metrics/operating-points.js';
import { displayIdentity } from '../population/identity.js';
import type { Population } from '../population/types.js';
import type { Records } from '../recording/types.js';
import type { FittedClassifier } from '../models/types.js';
import type { FeatureOptions } from '../models/features.js';
import type { Scenario } from '../scenario/validate.js';
import type { ExperimentResult } from './aggregate.js';
import { chooseLeakedChild, choosePair, PAIR_TOLERANCE, visibilityContrast, type LeakResult, type PairResult } from './pair.js';

/**
 * The trainers' "same child, different record" cards of one grid cell
 * (issue 11 §2), chosen in each task of replicate 0 and carried as plain
 * data in the task's result. Pure: values in, values out.
 *
 * - **The pair** (`choosePair`, src/experiment/pair.ts): two test children
 *   with the same true circumstances and the same true risk (within
 *   `PAIR_TOLERANCE`, 5% relative), the more visible one on the headline
 *   list and the other not. The two levels compared are the attribute's most
 *   and least visible levels in the cell's settings (`pairLevels`).
 * - **The leaked-record card** (`chooseLeakedChild`), when the cell's
 *   scenario has leakage: a child with a record created because a concern
 *   was recorded, re-scored by the same fitted model without it.
 * - **Names and places** come from `@faker-js/faker` (`displayIdentity`),
 *   seeded per child, and are marked as made up.
 *
 * `trainerCard(result)` then picks, across the grid, the cell where the bias
 * is strongest (the largest ratio of the share flagged, more visible level
 * over the other, at the headline list): the one card a report, a summary
 * or a slide shows.
 */

/** A made-up name and place for a card's child (never a real child's). */
export interface MadeUpIdentity {
  readonly name: string;
  readonly area: string;
  readonly madeUp: true;
}

/** The cards of one grid cell (replicate 0). */
export interface CellCards {
  /** Model whose scores placed the children (the experiment's `example.model`, else its first non-baseline model). */
  readonly model: string;
  /** The headline operating point (the list). */
  readonly operatingPoint: string;
  readonly listSize: number;
  readonly testSize: number;
  /** The attribute and its two levels compared ('' when the experiment's groups have no visibility difference). */
  readonly attribute: string;
  readonly visible: string;
  readonly other: string;
  /** Share of each level's test children on the list (the bias the cell's card is chosen by). */
  readonly visibleShare: number;
  readonly otherShare: number;
  readonly pair: PairResult;
  /** [visible child, other child] when there is a pair. */
  readonly names: readonly [MadeUpIdentity, MadeUpIdentity] | null;
  /** The leaked-record card; null when the cell's scenario has no leakage or the model could not re-score. */
  readonly leak: LeakResult | null;
  readonly leakName: MadeUpIdentity | null;
}

/** The attribute's most and least visible levels in the scenario's settings, when one is more visible than the other (`visibilityContrast`). */
export function pairLevels(scenario: Scenario, attribute: string, levels: readonly string[]): { visible: string; other: string } | null {
  let best: { visible: string; other: string; weight: number } | null = null;
  for (const v of levels) {
    for (const o of levels) {
      if (v === o) continue;
      const c = visibilityContrast(scenario, attribute, v, o);
      if (c.order !== 'first') continue;
      // Prefer the widest contrast: the most domains, then the level a rule names first.
      const weight = c.domains.length;
      if (best === null || weight > best.weight) best = { visible: v, other: o, weight };
    }
  }
  if (best === null) return null;
  // The least visible level compared with `visible`: one that no other level is less visible than.
  const others = levels.filter((o) => o !== best!.visible && visibilityContrast(scenario, attribute, best!.visible, o).order === 'first');
  const least = others.find((o) => !others.some((x) => x !== o && visibilityContrast(scenario, attribute, o, x).order === 'first')) ?? best.other;
  return { visible: best.visible, other: least };
}

export interface CardInput {
  readonly seed: string;
  readonly scenario: Scenario;
  readonly population: Population;
  readonly records: Records;
  readonly testRows: Int32Array;
  readonly scores: Float64Array;
  /** The headline list's cut on these scores (the metrics module's own tie rule places children on it). */
  readonly cut: Cut;
  readonly model: string;
  readonly operatingPoint: string;
  /** Attributes to try, in order (the experiment's `example.attribute`, else its `groups`). */
  readonly attributes: readonly string[];
  /** The fitted model and its feature options, for the leaked-record card (null: no card). */
  readonly fitted: { readonly model: FittedClassifier; readonly features: Omit<FeatureOptions, 'rows'> } | null;
}

function identity(seed: string, population: Population, row: number): MadeUpIdentity {
  const sex = population.groups.find((g) => g.attribute === 'sex');
  const who = displayIdentity(seed, population.ids[row], { age: population.age[row], sex: sex ? sex.levels[sex.codes[row]] : undefined });
  return { name: who.name, area: who.area, madeUp: true };
}

/** Choose one cell's cards (see the module note). */
export function chooseCards(input: CardInput): CellCards {
  const { population, testRows, scores, cut } = input;
  const listed = Uint8Array.from(scores, (s, j) => (isFlagged(s, j, cut) ? 1 : 0));
  const listSize = listed.reduce((a, b) => a + b, 0);
  let attribute = '';
  let levels: { visible: string; other: string } | null = null;
  for (const a of input.attributes) {
    const column = population.groups.find((g) => g.attribute === a);
    if (!column) continue;
    attribute ||= a;
    levels = pairLevels(input.scenario, a, column.levels);
    if (levels) {
      attribute = a;
      break;
    }
  }
  const column = population.groups.find((g) => g.attribute === attribute);
  const visible = levels?.visible ?? column?.levels[0] ?? '';
  const other = levels?.other ?? column?.levels[1] ?? column?.levels[0] ?? '';
  const pair = choosePair({ scenario: input.scenario, population, records: input.records, testRows, scores, listed, attribute, visible, other, tolerance: PAIR_TOLERANCE });
  const share = (level: string) => {
    if (!column) return NaN;
    const code = column.levels.indexOf(level);
    let n = 0;
    let f = 0;
    testRows.forEach((r, j) => {
      if (column.codes[r] !== code) return;
      n++;
      f += listed[j];
    });
    return n === 0 ? NaN : f / n;
  };
  let leak: LeakResult | null = null;
  if (input.scenario.recording.outcome.leakage.probability > 0 && input.fitted) {
    let cutScore = Infinity;
    scores.forEach((s, j) => {
      if (listed[j] === 1 && s < cutScore) cutScore = s;
    });
    leak = chooseLeakedChild({ population, records: input.records, testRows, scores, listed, model: input.fitted.model, features: input.fitted.features, cutScore });
  }
  return {
    model: input.model,
    operatingPoint: input.operatingPoint,
    listSize,
    testSize: testRows.length,
    attribute: levels ? attribute : '',
    visible: levels ? visible : '',
    other: levels ? other : '',
    visibleShare: levels ? share(visible) : NaN,
    otherShare: levels ? share(other) : NaN,
    pair,
    names: pair.kind === 'pair' ? [identity(input.seed, population, pair.children[0].row), identity(input.seed, population, pair.children[1].row)] : null,
    leak,
    leakName: leak?.kind === 'leaked' ? identity(input.seed, population, leak.child.row) : null,
  };
}

/** The card a report, summary or slide shows: one cell's cards, with where they come from. */
export interface TrainerCard extends CellCards {
  readonly cell: number;
  /** The cell's scenario label and grid label. */
  readonly scenario: string;
  readonly grid: string;
  /** visibleShare ÷ otherShare (Infinity when only the more visible level is listed; NaN when neither). */
  readonly ratio: number;
}

function ratioOf(c: CellCards): number {
  if (!(c.visibleShare > 0)) return NaN;
  return c.otherShare > 0 ? c.visibleShare / c.otherShare : Infinity;
}

/**
 * The experiment's "same child, different record" card, for reports and
 * slides: the cards of the grid cell where the bias is strongest (the
 * largest share-flagged ratio, more visible level over the other, at the
 * headline list; ties to the earlier cell). Cells without a visibility
 * difference are never chosen while another has one. Null when the
 * experiment chose no cards (it compares no groups).
 *
 * @example
 * const card = trainerCard(result);
 * if (card?.pair.kind === 'pair') card.names![0].name; // the listed, more visible child (made up)
 */
export function trainerCard(result: Pick<ExperimentResult, 'cards' | 'cells'>): TrainerCard | null {
  const cards = result.cards ?? [];
  if (cards.length === 0) return null;
  let best: (typeof cards)[number] | null = null;
  let bestRatio = -Infinity;
  for (const c of cards) {
    const r = ratioOf(c);
    const score = c.attribute === '' ? -Infinity : Number.isNaN(r) ? -1 : r;
    if (best === null || score > bestRatio) {
      best = c;
      bestRatio = score;
    }
  }
  const c = best!;
  const meta = result.cells.find((x) => x.index === c.cell);
  return { ...c, scenario: meta?.scenario ?? '', grid: meta?.grid ?? '', ratio: ratioOf(c) };
}
