import type { TrainerCard } from '../../experiment/card.js';
import { operatingPointWords } from '../../experiment/names.js';
import type { CardChild } from '../../experiment/pair.js';
import { trainerMessages as t } from '../../messages.js';
import { escapeHtml } from '../escape.js';

/**
 * The trainers' "same child, different record" card as HTML (issue 11 §2):
 * the pair side by side in two small tables that stay readable at 390 px —
 * first who they are and what the list did (group, equal true risk, score,
 * rank, on the list or not), then, per agency, each circumstance true for
 * both and what each agency recorded for each child. Made-up names are said
 * to be made up. When there is no pair, the reason (`pair.explanation`).
 * For a scenario with leakage, a second card: a child's records created by
 * the concern itself and the same model's score without them.
 * Pure: a card in, a string out; every text escaped.
 */

function pct(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p === 0) return '0%';
  if (p < 0.0001) return 'under 0.01%';
  return `${Number((p * 100).toPrecision(p < 0.1 ? 2 : 3))}%`;
}

function score(s: number): string {
  return s < 0.001 && s > 0 ? s.toExponential(1) : s.toFixed(3);
}

function domainList(domains: readonly string[]): string {
  if (domains.length >= Object.keys(t.domains).length) return t.cardEveryAgency;
  const words = domains.map((d) => t.domains[d] ?? d);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Rows of the agency table: every circumstance true or recorded for either child, grouped by agency (the first child's order, then the second's). */
function agencyRows(a: CardChild, b: CardChild): { domain: string; label: string; truth: number; ra: number; rb: number; leakA: number; leakB: number }[] {
  const rows = new Map<string, { domain: string; label: string; truth: number; ra: number; rb: number; leakA: number; leakB: number }>();
  const add = (c: CardChild, side: 'a' | 'b') => {
    for (const d of c.domains) {
      for (const e of d.entries) {
        const key = `${d.domain}/${e.name}`;
        const row = rows.get(key) ?? { domain: d.domain, label: e.label, truth: e.truth, ra: 0, rb: 0, leakA: 0, leakB: 0 };
        if (side === 'a') {
          row.ra = e.recorded;
          row.leakA = e.leaked;
        } else {
          row.rb = e.recorded;
          row.leakB = e.leaked;
        }
        rows.set(key, row);
      }
    }
  };
  add(a, 'a');
  add(b, 'b');
  const order = [...new Set([...a.domains.map((d) => d.domain), ...b.domains.map((d) => d.domain)])];
  return [...rows.values()].sort((x, y) => order.indexOf(x.domain as never) - order.indexOf(y.domain as never));
}

/** The card of an experiment as an HTML section (null card: the experiment compares no groups, nothing to show). */
export function pairCardHtml(card: TrainerCard | null, options: { modelNoun: (model: string) => string; several: boolean }): string {
  if (card === null) return '';
  const parts: string[] = ['<section class="pair-card" id="same-child" data-pair-card>', `<h2>${escapeHtml(t.cardHeading)}</h2>`];
  const pair = card.pair;
  if (card.attribute === '') {
    parts.push(`<p class="no-pair" data-no-pair="not-more-visible">${escapeHtml(t.cardNoGroups)}</p>`);
  } else if (pair.kind === 'none') {
    const where = options.several ? t.cardNoneWhere(cellWords(card)) : '';
    parts.push(`<p class="no-pair" data-no-pair="${escapeHtml(pair.reason)}"><strong>${escapeHtml(t.cardNone)}.</strong> ${escapeHtml(where + pair.explanation)}</p>`);
  } else {
    const [v, o] = pair.children;
    const [nv, no] = card.names!;
    const where = options.several ? t.cardWhere(cellWords(card), card.strongerWithoutPair) : '';
    parts.push(
      `<p>${escapeHtml(t.cardIntro(where, card.attribute, card.visible, card.other, domainList(pair.moreVisibleIn), `${Math.round(pair.tolerance * 100)}%`))}</p>`,
      `<p class="note">${escapeHtml(t.cardModel(options.modelNoun(card.model), operatingPointWords(card.operatingPoint)))} ${escapeHtml(t.cardMadeUp)}</p>`,
    );
    const who = (c: CardChild, n: typeof nv) => `${escapeHtml(n.name)}, ${c.age}<br><span class="made-up">${escapeHtml(n.area)} · made up</span>`;
    const row = (head: string, a: string, b: string, cls = '') => `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${escapeHtml(head)}</th><td>${a}</td><td>${b}</td></tr>`;
    const yn = (x: number) => escapeHtml(x === 1 ? t.yes : t.no);
    parts.push(
      '<div class="pair-tables">',
      '<table class="pair-who">',
      `<thead><tr><td></td><th scope="col" data-child="visible" data-listed="true">${who(v, nv)}</th><th scope="col" data-child="other" data-listed="false">${who(o, no)}</th></tr></thead>`,
      '<tbody>',
      row(t.cardRowGroup, escapeHtml(t.cardGroup(card.attribute, v.group, true)), escapeHtml(t.cardGroup(card.attribute, o.group, false))),
      row(t.cardRowRisk, `<span data-ptrue="${v.pTrue}">${pct(v.pTrue)}</span>`, `<span data-ptrue="${o.pTrue}">${pct(o.pTrue)}</span>`),
      row(t.cardRowOutcome, yn(v.yTrue), yn(o.yTrue)),
      row(t.cardRowConcern, yn(v.yRecorded), yn(o.yRecorded)),
      row(t.cardRowScore, score(v.score), score(o.score)),
      row(t.cardRowRank, escapeHtml(t.cardRank(v.rank, pair.testSize)), escapeHtml(t.cardRank(o.rank, pair.testSize))),
      row(t.cardRowListedOf(pair.listSize), `<strong class="listed">${escapeHtml(t.yes)}</strong>`, `<strong class="not-listed">${escapeHtml(t.no)}</strong>`, 'on-list'),
      '</tbody></table>',
      `<p class="equal-risk">${escapeHtml(t.cardEqualRisk(pct(v.pTrue), pct(o.pTrue), pct(pair.riskDifference)))}</p>`,
    );
    const rows = agencyRows(v, o);
    if (rows.length === 0) parts.push(`<p>${escapeHtml(t.cardNothing)}</p>`);
    else {
      let last = '';
      const body = rows.map((r) => {
        // Each agency heads its own rows (a full-width row), so the table keeps four columns on a phone.
        const head = r.domain === last ? '' : `<tr class="agency"><th scope="rowgroup" colspan="4">${escapeHtml(t.domains[r.domain] ?? r.domain)}</th></tr>`;
        last = r.domain;
        const differs = r.ra !== r.rb ? ' class="differs"' : '';
        return `${head}<tr${differs}><th scope="row">${escapeHtml(r.label)}</th><td>${escapeHtml(t.cardCount(r.truth))}</td><td>${recordedCell(r.ra, r.leakA)}</td><td>${recordedCell(r.rb, r.leakB)}</td></tr>`;
      });
      parts.push(
        '<table class="pair-agencies">',
        `<caption>${escapeHtml(t.cardAgencies)}</caption>`,
        `<colgroup><col class="what"><col><col><col></colgroup><thead><tr><th scope="col">${escapeHtml(t.cardCircumstance)}</th><th scope="col">${escapeHtml(t.cardTrue)}</th><th scope="col">${escapeHtml(t.cardRecorded(firstName(nv.name)))}</th><th scope="col">${escapeHtml(t.cardRecorded(firstName(no.name)))}</th></tr></thead>`,
        `<tbody>${body.join('')}</tbody></table>`,
      );
    }
    parts.push('</div>');
  }
  if (card.leak) parts.push(leakCardHtml(card, options.several));
  parts.push('</section>');
  return parts.join('\n');
}

/** What an agency recorded, with the record leakage created marked as such. */
function recordedCell(n: number, leaked: number): string {
  return `${escapeHtml(t.cardCount(n))}${leaked > 0 ? ` <span class="made-up" data-leaked>(${escapeHtml(t.cardLeaked)})</span>` : ''}`;
}

function firstName(name: string): string {
  return name.split(' ')[0] || name;
}

function cellWords(c: { scenario: string; grid: string }): string {
  return c.grid === '' ? c.scenario : `${c.scenario}, ${c.grid}`;
}

function leakCardHtml(card: TrainerCard, several: boolean): string {
  const leak = card.leak!;
  if (leak.kind === 'none') return `<div class="leak-card" data-leak-card="none"><h3>${escapeHtml(t.leakHeading)}</h3><p class="no-pair">${escapeHtml(leak.explanation)}</p></div>`;
  const c = leak.child;
  const name = card.leakName!;
  return [
    '<div class="leak-card" data-leak-card="leaked">',
    `<h3>${escapeHtml(t.leakHeading)}</h3>`,
    `<p>${several && card.leakCell ? `${escapeHtml(t.leakWhere(cellWords(card.leakCell)))} ` : ''}${escapeHtml(t.leakIntro(`${name.name} (${c.age}, ${name.area}; made up)`))}</p>`,
    `<p>${escapeHtml(t.leakRecords)}: ${escapeHtml(leak.leakedRecords.map((r) => r.label).join('; '))}.</p>`,
    '<table class="pair-who"><thead><tr><td></td>',
    `<th scope="col">${escapeHtml(t.leakWith)}</th><th scope="col">${escapeHtml(t.leakWithout)}</th></tr></thead><tbody>`,
    `<tr><th scope="row">${escapeHtml(t.cardRowScore)}</th><td data-score="${c.score}">${score(c.score)}</td><td data-score-without="${leak.scoreWithout}">${score(leak.scoreWithout)}</td></tr>`,
    `<tr><th scope="row">${escapeHtml(t.cardRowRank)}</th><td>${escapeHtml(t.cardRank(c.rank, card.testSize))}</td><td>${escapeHtml(t.cardRank(leak.rankWithout, card.testSize))}</td></tr>`,
    `<tr class="on-list"><th scope="row">${escapeHtml(t.cardRowListedOf(card.listSize))}</th><td>${escapeHtml(c.listed ? t.yes : t.no)}</td><td>${escapeHtml(leak.listedWithout ? t.yes : t.no)}</td></tr>`,
    `<tr><th scope="row">${escapeHtml(t.cardRowRisk)}</th><td colspan="2">${pct(c.pTrue)}</td></tr>`,
    '</tbody></table>',
    `<p class="note">${escapeHtml(t.leakCount(leak.childrenWithLeaks, card.testSize))}</p>`,
    '</div>',
  ].join('\n');
}
