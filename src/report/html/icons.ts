import { ICON_CATEGORIES, type IconArray, type IconCategory } from '../../metrics/index.js';
import { pageMessages as p, reportMessages as t } from '../../messages.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { ICON_STYLE, type IconStyle } from '../palette.js';

/** Size of one icon's square, in SVG units. */
const CELL = 14;

/** One glyph centred at (cx, cy): a disc, a triangle, a cross or a small dot, in its colour. */
export function iconGlyphSvg(style: IconStyle, cx: number, cy: number): string {
  const c = style.colour;
  switch (style.glyph) {
    case 'disc':
      return `<circle cx="${cx}" cy="${cy}" r="5.2" fill="${c}"/>`;
    case 'triangle':
      return `<path d="M${cx} ${cy - 5.6}L${cx + 5.8} ${cy + 4.6}H${cx - 5.8}Z" fill="${c}"/>`;
    case 'cross':
      return `<path d="M${cx - 4.4} ${cy - 4.4}L${cx + 4.4} ${cy + 4.4}M${cx + 4.4} ${cy - 4.4}L${cx - 4.4} ${cy + 4.4}" stroke="${c}" stroke-width="2.6" stroke-linecap="round" fill="none"/>`;
    case 'dot':
      return `<circle cx="${cx}" cy="${cy}" r="2.4" fill="${c}"/>`;
  }
}

/** The words of the four kinds, in the experiment's outcome words ("Children at risk, flagged", …). */
export type IconWords = Readonly<Record<IconCategory, string>>;

/** "3 children at risk, flagged, 7 …" parts for an icon array. */
export function iconCountWords(icons: IconArray, words: IconWords): string[] {
  return ICON_CATEGORIES.map((c, k) => `${icons.counts[k]} ${words[c].toLowerCase()}`);
}

/**
 * An icon array as inline SVG: 100 children in a 10 × 10 grid, one glyph
 * per kind (see `ICON_STYLE`), in `ICON_CATEGORIES` order, with the counts
 * in words as its accessible name and, under it, how many real children
 * the 100 icons stand for (`children`: a median count, whole). `withheld`
 * (a suppression reason) replaces the picture when too few children stand
 * behind it. `who` is raw text (escaped here).
 */
export function iconArrayFigure(who: string, icons: IconArray | null, options: { words: IconWords; children?: string; few?: boolean; withheld?: string }): string {
  const { words, children, few = false, withheld } = options;
  if (withheld) {
    return `<figure class="icon-array withheld" data-suppressed="${escapeAttribute(withheld)}"><figcaption>${escapeHtml(who)}</figcaption><p class="counts">${escapeHtml(p.iconTooFew(withheld))}</p></figure>`;
  }
  if (icons === null) {
    return `<figure class="icon-array"><figcaption>${escapeHtml(who)}</figcaption><p class="counts">${escapeHtml(t.iconEmpty)}</p></figure>`;
  }
  const summary = p.iconSummary(iconCountWords(icons, words));
  const width = icons.columns * CELL;
  const height = icons.rows * CELL;
  const glyphs = icons.cells.map((cell) => iconGlyphSvg(ICON_STYLE[cell.category], cell.column * CELL + CELL / 2, cell.row * CELL + CELL / 2)).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width * 1.4}" height="${height * 1.4}" role="img" aria-label="${escapeAttribute(`${who}. ${summary}`)}"><rect width="${width}" height="${height}" fill="#ffffff"/>${glyphs}</svg>`;
  const zero = icons.roundedToZero.length > 0 ? `<p class="counts">${escapeHtml(p.iconRoundedToZero(icons.roundedToZero.map((c) => words[c])))}</p>` : '';
  const stands = children === undefined ? '' : `<p class="counts stands-for">${escapeHtml(few ? p.iconFewChildren(children) : p.iconStandsFor(children))}</p>`;
  return `<figure class="icon-array" data-counts="${icons.counts.join(',')}"${children === undefined ? '' : ` data-children="${escapeAttribute(children)}"`}><figcaption>${escapeHtml(who)}</figcaption>${svg}${stands}<p class="counts">${escapeHtml(summary)}</p>${zero}</figure>`;
}

/** The legend of the four kinds: glyph, colour and words. */
export function iconLegend(words: IconWords): string {
  const items = ICON_CATEGORIES.map((c: IconCategory) => {
    const glyph = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CELL} ${CELL}" aria-hidden="true">${iconGlyphSvg(ICON_STYLE[c], CELL / 2, CELL / 2)}</svg>`;
    return `<li>${glyph}<span>${escapeHtml(words[c])}</span></li>`;
  });
  return `<ul class="icon-legend">${items.join('')}</ul>`;
}
