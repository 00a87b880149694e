import { describe, expect, it } from 'vitest';
import { chooseCards, trainerCard, type CellCards } from '../../src/experiment/card.js';
import { trainerMessages as t } from '../../src/messages.js';
import { experimentReportHtml } from '../../src/report/html/index.js';
import { pairCardHtml } from '../../src/report/html/pair-card.js';
import { summaryMarkdown } from '../../src/report/summary-md.js';
import { cellInput } from '../experiment/helpers.js';
import { tinyResult } from './fixture.js';

const B_X3 = { recording: { groups: [{ attribute: 'group', level: 'B', domains: ['police', 'socialCare'], visibilityMultiplier: 3 }] } };
const noun = { modelNoun: (m: string) => `the ${m} model`, several: false };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('the "same child, different record" card as HTML', async () => {
  const cards = chooseCards(await cellInput('two-groups', B_X3, 20_000, 0.2));
  const result = { ...tinyResult(), cards: [{ cell: 0, ...cards }] };
  const card = trainerCard(result)!;

  it('shows the pair side by side: made-up names, groups, equal true risk, score, rank, on the list or not, and per agency true against recorded', () => {
    expect(card.pair.kind).toBe('pair');
    if (card.pair.kind !== 'pair') return;
    const html = pairCardHtml(card, noun);
    const [v, o] = card.pair.children;
    const [nv, no] = card.names!;
    const words = text(html);
    expect(html).toContain('data-pair-card');
    expect(words).toContain(t.cardHeading);
    expect(words).toContain(`${nv.name}, ${v.age}`);
    expect(words).toContain(`${no.name}, ${o.age}`);
    expect(words.match(/made up/g)!.length).toBeGreaterThanOrEqual(2);
    expect(words).toContain(t.cardMadeUp);
    expect(html).toMatch(/data-child="visible" data-listed="true"/);
    expect(html).toMatch(/data-child="other" data-listed="false"/);
    expect(words).toContain(`${t.cardRowListedOf(card.pair.listSize)} Yes No`);
    expect(words).toContain(t.cardRank(v.rank, card.pair.testSize));
    expect(words).toContain(t.cardRank(o.rank, card.pair.testSize));
    expect(html).toContain(`data-ptrue="${v.pTrue}"`);
    expect(html).toContain(`data-ptrue="${o.pTrue}"`);
    expect(words).toContain('Equal true risk:');
    expect(words).toContain('group B (more visible)');
    // Every circumstance true for them appears once in the agency table, with what each agency recorded for each child.
    expect(html).toContain(`<caption>${t.cardAgencies}</caption>`);
    for (const d of v.domains) for (const e of d.entries) expect(words).toContain(e.label);
    expect(html).toContain('class="differs"');
  });

  it('sits near the top of report.html (after the answer, before the findings) and in summary.md', () => {
    const html = experimentReportHtml(result, [], { version: 'test' });
    const at = html.indexOf('data-pair-card');
    expect(at).toBeGreaterThan(html.indexOf('id="answer"'));
    expect(at).toBeLessThan(html.indexOf('class="findings"'));
    const md = summaryMarkdown(result, { version: 'test' } as never);
    expect(md).toContain(`## ${t.cardHeading}`);
    expect(md).toContain(`**${card.names![0].name}** (made up)`);
  });

  it('no pair: the message says so and why, and shows no children', () => {
    const none: CellCards = { ...cards, names: null, pair: { kind: 'none', reason: 'list-does-not-split', explanation: 'No pair: 12 pairs of children with the same truth were found, but in each both or neither are on the list — the list treats them alike.', attribute: 'group', tolerance: 0.05, counts: { equalTruth: 12, split: 0, reversed: 0, contradicting: 0, candidates: 0 } } };
    const html = pairCardHtml(trainerCard({ cells: result.cells, cards: [{ cell: 0, ...none }] }), noun);
    expect(html).toContain('data-no-pair="list-does-not-split"');
    expect(text(html)).toContain(`${t.cardNone}. No pair: 12 pairs of children with the same truth`);
    expect(html).not.toContain('data-child=');
    const flat = pairCardHtml(trainerCard({ cells: result.cells, cards: [{ cell: 0, ...none, attribute: '' }] }), noun);
    expect(text(flat)).toContain(t.cardNoGroups);
    expect(pairCardHtml(null, noun)).toBe('');
  });

  it('escapes every text it shows', () => {
    const hostile = { ...card, names: [{ name: '<script>x</script>', area: '"><img>', madeUp: true }, card.names![1]] } as typeof card;
    const html = pairCardHtml(hostile, noun);
    expect(html).not.toContain('<script>x');
    expect(html).not.toContain('"><img>');
  });
});

describe('the leaked-record card as HTML (think-family)', async () => {
  const cards = chooseCards({ ...(await cellInput('think-family', {}, 10_000, 0.01)), attributes: ['deprivation'] });
  it('names the records created after the concern and the score with and without them', () => {
    const card = trainerCard({ cells: tinyResult().cells, cards: [{ cell: 0, ...cards }] })!;
    expect(card.leak?.kind).toBe('leaked');
    if (card.leak?.kind !== 'leaked') return;
    const html = pairCardHtml(card, noun);
    expect(html).toContain('data-leak-card="leaked"');
    expect(html).toContain(`data-score="${card.leak.child.score}"`);
    expect(html).toContain(`data-score-without="${card.leak.scoreWithout}"`);
    for (const r of card.leak.leakedRecords) expect(text(html)).toContain(r.label);
    expect(text(html)).toContain(`${card.leakName!.name} (`);
    expect(text(html)).toContain('made up');
  });
});
