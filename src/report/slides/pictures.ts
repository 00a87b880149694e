import { ICON_CATEGORIES, type IconArray } from '../../metrics/index.js';
import { escapeHtml } from '../escape.js';
import { iconGlyphSvg } from '../html/icons.js';
import { ICON_STYLE } from '../palette.js';
import { SLIDE_IMAGE, canvas, smallestFont, type SlideSvg } from './projector.js';

/**
 * The hand-drawn slide images (1920 × 1080 SVG, text ≥ 24 px): the two
 * icon arrays side by side, the "same child, different record" card and
 * the findings table. Pure: values in, SVG strings out.
 */

const INK = '#222222';

/** Text escaped for SVG. */
const x = (s: string) => escapeHtml(s);

/** Lines of at most about `width` pixels at `size` px (an estimate: the slide font averages 0.55 em a character). */
export function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** `<text>` lines from (left, top), `size` px, `gap` between baselines. */
function textLines(lines: readonly string[], left: number, top: number, size: number, options: { weight?: string; colour?: string; gap?: number } = {}): string {
  const { weight = 'normal', colour = INK, gap = size * 1.25 } = options;
  return lines.map((l, i) => `<text x="${left}" y="${(top + size + i * gap).toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${colour}">${x(l)}</text>`).join('');
}

const done = (body: string): SlideSvg => ({ svg: canvas(body), minFontPx: smallestFont(body) });

/** One panel of the icon arrays: heading, 1,000 glyphs, and per kind its glyph, count and words. */
export interface IconPanel {
  readonly heading: string;
  readonly icons: IconArray | null;
  /** Words of the four kinds, in ICON_CATEGORIES order. */
  readonly kinds: readonly string[];
  /** How a kind with real children but no icon is counted ("fewer than 1"). */
  readonly fewer: string;
  /** Shown instead of the picture when there is none. */
  readonly empty: string;
}

/** Two icon arrays of 1,000 children side by side (records left, truth right), the counts under each. */
export function iconArraysSvg(panels: readonly [IconPanel, IconPanel]): SlideSvg {
  const half = SLIDE_IMAGE.width / 2;
  const cell = 21;
  const body = panels
    .map((panel, p) => {
      const left = p * half + 40;
      const head = textLines([panel.heading], left, 24, 44, { weight: 'bold' });
      if (!panel.icons) return head + textLines(wrap(panel.empty, half - 80, 32), left, 120, 32);
      const icons = panel.icons;
      const k = cell / 14;
      const glyphs = icons.cells
        .map((c) => `<g transform="translate(${(left + c.column * cell).toFixed(1)} ${(100 + c.row * cell).toFixed(1)}) scale(${k.toFixed(4)})">${iconGlyphSvg(ICON_STYLE[c.category], 7, 7)}</g>`)
        .join('');
      const top = 100 + icons.rows * cell + 40;
      const legend = ICON_CATEGORIES.map((category, i) => {
        const y = top + i * 78;
        const count = icons.counts[i] === 0 && icons.roundedToZero.includes(category) ? panel.fewer : String(icons.counts[i]);
        const glyph = `<g transform="translate(${left} ${y + 4}) scale(3)">${iconGlyphSvg(ICON_STYLE[category], 7, 7)}</g>`;
        return `${glyph}<text x="${left + 60}" y="${y + 38}" font-size="44" font-weight="bold" fill="${INK}">${x(count)}</text>${textLines(wrap(panel.kinds[i], half - 280, 32).slice(0, 2), left + 200, y + 4, 32, { gap: 36 })}`;
      }).join('');
      return head + glyphs + legend;
    })
    .join('');
  return done(`${body}<line x1="${half}" y1="20" x2="${half}" y2="1060" stroke="#bbbbbb" stroke-width="3"/>`);
}

/** One child of the card. */
export interface CardChildView {
  readonly who: string;
  readonly group: string;
  readonly onList: boolean;
  readonly listWords: string;
  readonly score: string;
  readonly risk: string;
  readonly recorded: readonly string[];
}

/** The card: the truth both children share across the top, then each child's record, score, rank and whether they are on the list. */
export function cardSvg(card: { readonly truthHeading: string; readonly truth: string; readonly recordsHeading: string; readonly children: readonly [CardChildView, CardChildView]; readonly note: string }): SlideSvg {
  const half = SLIDE_IMAGE.width / 2;
  const truth = wrap(`${card.truthHeading}: ${card.truth}`, SLIDE_IMAGE.width - 120, 40).slice(0, 3);
  let body = `<rect x="40" y="24" width="${SLIDE_IMAGE.width - 80}" height="${44 + truth.length * 52}" rx="12" fill="#f2f2f2"/>` + textLines(truth, 64, 40, 40, { gap: 52 });
  const top = 110 + truth.length * 52;
  const items = Math.min(6, Math.max(...card.children.map((k) => k.recorded.length)));
  card.children.forEach((c, i) => {
    const left = i * half + 48;
    const width = half - 96;
    const badge = c.onList ? '#0072B2' : '#ffffff';
    const recorded = c.recorded.flatMap((r) => wrap(`• ${r}`, width - 40, 36)).slice(0, 6);
    body +=
      `<rect x="${left - 8}" y="${top}" width="${width + 16}" height="${Math.min(1000 - top, 530 + items * 46)}" rx="14" fill="none" stroke="${c.onList ? '#0072B2' : '#8c8c8c'}" stroke-width="${c.onList ? 8 : 4}" ${c.onList ? '' : 'stroke-dasharray="18 10"'}/>` +
      textLines(wrap(c.who, width - 20, 46).slice(0, 1), left + 16, top + 20, 46, { weight: 'bold' }) +
      textLines([c.group], left + 16, top + 96, 38) +
      `<rect x="${left + 16}" y="${top + 160}" width="${width - 32}" height="84" rx="10" fill="${badge}" stroke="#0072B2" stroke-width="4"/>` +
      `<text x="${left + width / 2}" y="${top + 218}" font-size="48" font-weight="bold" text-anchor="middle" fill="${c.onList ? '#ffffff' : '#0072B2'}">${x(c.listWords)}</text>` +
      textLines([c.score, c.risk], left + 16, top + 264, 38, { gap: 50 }) +
      textLines([`${card.recordsHeading}:`], left + 16, top + 382, 38, { weight: 'bold' }) +
      textLines(recorded, left + 16, top + 436, 36, { gap: 46 });
  });
  body += textLines([card.note], 48, 1010, 30, { colour: '#444444' });
  return done(body);
}

/** The findings as a table: claim (wrapped) and its numbers, one row each. */
export function findingsSvg(columns: readonly string[], rows: readonly (readonly string[])[]): SlideSvg {
  const widths = columns.length > 3 ? [1000, 180, 270, 260, 130] : [1240, 240, 340];
  const lefts = widths.map((_, i) => 40 + widths.slice(0, i).reduce((a, b) => a + b, 0));
  let y = 30;
  let body = columns.map((c, i) => `<text x="${lefts[i]}" y="${y + 32}" font-size="30" font-weight="bold" fill="${INK}">${x(c)}</text>`).join('');
  y += 56;
  body += `<line x1="40" y1="${y}" x2="${SLIDE_IMAGE.width - 40}" y2="${y}" stroke="${INK}" stroke-width="3"/>`;
  for (const row of rows) {
    const cells = row.slice(0, columns.length).map((cell, i) => wrap(cell, widths[i] - 24, 28).slice(0, i === 0 ? 3 : 2));
    const height = Math.max(...cells.map((c) => c.length)) * 36 + 24;
    if (y + height > SLIDE_IMAGE.height - 20) break;
    body += cells.map((lines, i) => textLines(lines, lefts[i], y + 10, 28, { gap: 36 })).join('');
    y += height;
    body += `<line x1="40" y1="${y}" x2="${SLIDE_IMAGE.width - 40}" y2="${y}" stroke="#cccccc" stroke-width="2"/>`;
  }
  return done(body);
}
