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

/**
 * The attribute's most and least visible levels in the scenario's settings:
 * each level weighed by the log of its visibility multipliers summed over
 * domains plus its agency-contact shift; the heaviest against the lightest,
 * when `visibilityContrast` says the first is more visible (else null).
 */
export function pairLevels(scenario: Scenario, attribute: string, levels: readonly string[]): { visible: string; other: string } | null {
  const domains = Object.keys(scenario.recording.domains);
  const weight = (level: string) => {
    let w = 0;
    for (const d of domains) {
      for (const g of scenario.recording.groups) {
        if (g.attribute === attribute && g.level === level && (!g.domains || g.domains.includes(d as never))) w += Math.log(g.visibilityMultiplier);
      }
    }
    return w + (scenario.recording.contact.visibilityBoost > 0 ? (scenario.recording.contact.groupShift[attribute]?.[level] ?? 0) : 0);
  };
  if (levels.length < 2) return null;
  const sorted = [...levels].sort((x, y) => weight(y) - weight(x));
  const visible = sorted[0];
  const other = sorted[sorted.length - 1];
  return visibilityContrast(scenario, attribute, visible, other).order === 'first' ? { visible, other } : null;
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
  /** Whether another cell with a contrast had a stronger bias but no pair (this cell is the strongest that has one). */
  readonly strongerWithoutPair: boolean;
  /** The cell the leaked-record card (`leak`, `leakName`) comes from: the first cell with a leaked child; null when none. */
  readonly leakCell: { readonly cell: number; readonly scenario: string; readonly grid: string } | null;
}

function ratioOf(c: CellCards): number {
  if (!(c.visibleShare > 0)) return NaN;
  return c.otherShare > 0 ? c.visibleShare / c.otherShare : Infinity;
}

/**
 * The experiment's "same child, different record" card, for reports and
 * slides: the cards of the grid cell where the bias is strongest (the
 * largest share-flagged ratio, more visible level over the other, at the
 * headline list; ties to the earlier cell) among the cells that have a pair;
 * when no cell has one, the strongest cell, whose pair result says why
 * there is none. Cells without a visibility difference are chosen only when
 * no cell has one. The leaked-record card is the first cell's that has a
 * leaked child (for bristol-mirroring, the records as recorded). Null when
 * the experiment chose no cards (it compares no groups).
 *
 * @example
 * const card = trainerCard(result);
 * if (card?.pair.kind === 'pair') card.names![0].name; // the listed, more visible child (made up)
 */
export function trainerCard(result: Pick<ExperimentResult, 'cards' | 'cells'>): TrainerCard | null {
  const cards = result.cards ?? [];
  if (cards.length === 0) return null;
  const strength = (c: CellCards) => (c.attribute === '' ? -Infinity : Number.isNaN(ratioOf(c)) ? -1 : ratioOf(c));
  const strongest = (xs: readonly (typeof cards)[number][]) => xs.reduce((best, c) => (strength(c) > strength(best) ? c : best));
  const withPair = cards.filter((c) => c.pair.kind === 'pair');
  const top = strongest(cards);
  const c = withPair.length ? strongest(withPair) : top;
  const meta = (cell: number) => {
    const m = result.cells.find((x) => x.index === cell);
    return { cell, scenario: m?.scenario ?? '', grid: m?.grid ?? '' };
  };
  const leakFrom = cards.find((x) => x.leak?.kind === 'leaked') ?? cards.find((x) => x.leak !== null);
  return {
    ...c,
    ...meta(c.cell),
    ratio: ratioOf(c),
    strongerWithoutPair: strength(top) > strength(c),
    leak: leakFrom?.leak ?? null,
    leakName: leakFrom?.leakName ?? null,
    leakCell: leakFrom ? meta(leakFrom.cell) : null,
  };
}
