import { describe, expect, it } from 'vitest';
import { chooseCards, pairLevels, trainerCard, type CellCards } from '../../src/experiment/card.js';
import { PAIR_TOLERANCE } from '../../src/experiment/pair.js';
import { isFlagged } from '../../src/metrics/index.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { cellInput } from './helpers.js';
import { resolveScenario } from '../../src/scenario/index.js';

export const B_X3 = { recording: { groups: [{ attribute: 'group', level: 'B', domains: ['police', 'socialCare'], visibilityMultiplier: 3 }] } };

describe('chooseCards: the pair a report shows (two-groups, B ×3 to police and social care, top 20%)', async () => {
  const input = await cellInput('two-groups', B_X3, 20_000, 0.2);
  const cards = chooseCards(input);

  it('is two test children with the same truth, equal true risk within the tolerance, B on the list and A not', () => {
    expect(cards.pair.kind).toBe('pair');
    if (cards.pair.kind !== 'pair') return;
    const [v, o] = cards.pair.children;
    const { population, testRows, scores, cut } = input;
    const group = population.groups.find((g) => g.attribute === 'group')!;
    expect([group.levels[group.codes[v.row]], group.levels[group.codes[o.row]]]).toEqual(['B', 'A']);
    for (const col of population.truth) expect(col[v.row]).toBe(col[o.row]);
    expect(cards.pair.tolerance).toBe(PAIR_TOLERANCE);
    expect(Math.abs(v.pTrue - o.pTrue)).toBeLessThanOrEqual(PAIR_TOLERANCE * Math.max(v.pTrue, o.pTrue));
    expect([testRows[v.testIndex], testRows[o.testIndex]]).toEqual([v.row, o.row]);
    // On the list by the metrics module's own tie rule, at the cut the report's numbers use.
    expect(isFlagged(scores[v.testIndex], v.testIndex, cut)).toBe(true);
    expect(isFlagged(scores[o.testIndex], o.testIndex, cut)).toBe(false);
    expect(cards.listSize).toBe(scores.filter((s, j) => isFlagged(s, j, cut)).length);
    expect(cards.visibleShare).toBeGreaterThan(cards.otherShare);
  });

  it('names and places are made up (faker, seeded per child), one per child, and marked so', () => {
    expect(cards.names).not.toBeNull();
    const [a, b] = cards.names!;
    expect(a.madeUp && b.madeUp).toBe(true);
    expect(a.name).not.toBe(b.name);
    expect(chooseCards(input).names).toEqual(cards.names);
  });

  it('no leakage in two-groups: no leaked-record card', () => {
    expect(cards.leak).toBeNull();
  });
});

describe('chooseCards when there is nothing to show', () => {
  it('groups equally visible: no attribute, and a pair result that says why', async () => {
    const input = await cellInput('two-groups', {}, 4_000, 0.05);
    const cards = chooseCards(input);
    expect(cards.attribute).toBe('');
    expect(cards.pair).toMatchObject({ kind: 'none', reason: 'not-more-visible' });
    expect(cards.names).toBeNull();
  });

  it('a list too short to split any pair of equal truth: none, with the count', async () => {
    const cards = chooseCards(await cellInput('two-groups', B_X3, 4_000, 0.01));
    expect(cards.attribute).toBe('group');
    expect(cards.pair.kind).toBe('none');
    if (cards.pair.kind === 'none') expect(cards.pair.explanation).toMatch(/^No pair: /);
  });
});

describe('the leaked-record card (think-family, leakage 0.95)', async () => {
  const input = { ...(await cellInput('think-family', {}, 10_000, 0.01)), attributes: ['sex', 'ethnicity', 'deprivation'] };
  const cards = chooseCards(input);
  it('compares the most and least deprived thirds, and shows a listed child re-scored without the records leakage created', () => {
    expect([cards.attribute, cards.visible, cards.other]).toEqual(['deprivation', 'high', 'low']);
    expect(cards.leak?.kind).toBe('leaked');
    if (cards.leak?.kind !== 'leaked') return;
    expect(cards.leak.leakedRecords.length).toBeGreaterThan(0);
    expect(cards.leak.child.listed).toBe(true);
    expect(cards.leak.scoreWithout).toBeLessThan(cards.leak.child.score);
    expect(cards.leakName?.madeUp).toBe(true);
  });
});

describe('pairLevels and trainerCard', () => {
  it('pairLevels: the more visible level against the least visible one', () => {
    const think = resolveScenario(loadScenarioInput('think-family'));
    expect(pairLevels(think, 'deprivation', ['low', 'mid', 'high'])).toEqual({ visible: 'high', other: 'low' });
    expect(pairLevels(think, 'sex', ['female', 'male'])).toBeNull();
  });

  it('trainerCard: the cell where the share-flagged ratio is largest; cells without a contrast only when nothing else', () => {
    const base = { model: 'logistic', operatingPoint: 'topShare=0.05', listSize: 5, testSize: 100, names: null, leak: null, leakName: null };
    const none = { kind: 'none', reason: 'list-does-not-split', explanation: 'No pair: …', attribute: 'group', tolerance: 0.05, counts: { equalTruth: 0, split: 0, reversed: 0, contradicting: 0, candidates: 0 } } as const;
    const card = (cell: number, attribute: string, v: number, o: number): { cell: number } & CellCards => ({ ...base, cell, attribute, visible: 'B', other: 'A', visibleShare: v, otherShare: o, pair: none });
    const cells = [0, 1, 2].map((index) => ({ index, scenario: 's', grid: `g${index}` }));
    const picked = trainerCard({ cells: cells as never, cards: [card(0, '', NaN, NaN), card(1, 'group', 0.06, 0.04), card(2, 'group', 0.05, 0.045)] });
    expect(picked).toMatchObject({ cell: 1, grid: 'g1', ratio: 0.06 / 0.04, strongerWithoutPair: false, leakCell: null });
    // A cell with a pair wins over a stronger one without, and says so.
    const pair = { ...card(2, 'group', 0.05, 0.045), pair: { kind: 'pair' } as never };
    expect(trainerCard({ cells: cells as never, cards: [card(1, 'group', 0.06, 0.04), pair] })).toMatchObject({ cell: 2, strongerWithoutPair: true });
    expect(trainerCard({ cells: cells as never, cards: [card(0, '', NaN, NaN)] })?.cell).toBe(0);
    expect(trainerCard({ cells: cells as never, cards: [] })).toBeNull();
  });
});
