import { pageMessages as p } from '../../messages.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { glossary, type Glossary } from '../glossary.js';
import { bannerHtml, headlineHtml, headlineSuppressions, noteBannerHtml } from '../html/frame.js';
import { htmlPage } from '../html/page.js';
import { LABEL_ENCODING } from '../palette.js';
import { LIST_CSS } from '../list-section.js';
import type { BriefInput, BriefList, BriefPanel, BriefPictures, BriefTable } from './input.js';

const b = p.brief;

/** Size of one icon's square, in SVG units. */
const CELL = 12;

/**
 * A 10 × 10 icon array of one panel: the marked icons first, drawn as the
 * label encoding says (LABEL_ENCODING: the truth filled, the records
 * hollow; the colour is the model's), the rest as small grey dots.
 */
function panelSvg(panel: BriefPanel, kind: 'yRecorded' | 'yTrue', colour: string, label: string): string {
  const filled = LABEL_ENCODING[kind].filled;
  const icons: string[] = [];
  for (let i = 0; i < 100; i++) {
    const cx = (i % 10) * CELL + CELL / 2;
    const cy = Math.floor(i / 10) * CELL + CELL / 2;
    if (i < panel.marked) {
      icons.push(filled ? `<circle cx="${cx}" cy="${cy}" r="4.6" fill="${colour}"/>` : `<circle cx="${cx}" cy="${cy}" r="3.9" fill="#ffffff" stroke="${colour}" stroke-width="1.6"/>`);
    } else {
      icons.push(`<circle cx="${cx}" cy="${cy}" r="1.7" fill="#8C8C8C"/>`);
    }
  }
  const size = 10 * CELL;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeAttribute(label)}"><rect width="${size}" height="${size}" fill="#ffffff"/>${icons.join('')}</svg>`;
}

/** One panel as a figure: its heading ("As the records see it"), the picture, what is marked and what the 100 stand for. */
function panelFigure(panel: BriefPanel | null, kind: 'yRecorded' | 'yTrue', colour: string): string {
  const heading = kind === 'yRecorded' ? b.recordsSee : b.trulyIs;
  if (panel === null) return `<figure class="panel empty"><figcaption>${escapeHtml(heading)}</figcaption><p class="small">${escapeHtml(b.noTruth)}</p></figure>`;
  if (panel.withheld) return `<figure class="panel withheld" data-suppressed="${escapeAttribute(panel.withheld)}"><figcaption>${escapeHtml(heading)}</figcaption><p class="small">${escapeHtml(b.tooFew(panel.withheld))}</p></figure>`;
  return [
    `<figure class="panel" data-label="${kind}" data-marked="${panel.marked}">`,
    `<figcaption>${escapeHtml(heading)}</figcaption>`,
    panelSvg(panel, kind, colour, `${heading}: ${panel.caption} of 100; ${panel.standsFor}`),
    `<p class="caption"><strong>${escapeHtml(panel.caption)}</strong></p>`,
    `<p class="small">${escapeHtml(panel.standsFor)}</p>`,
    '</figure>',
  ].join('');
}

function picturesHtml(pictures: BriefPictures, colour: string, name: string): string {
  return [
    `<section class="pictures" data-pictures="${name}">`,
    `<h3>${escapeHtml(pictures.heading)}</h3>`,
    `<div class="pair">${panelFigure(pictures.records, 'yRecorded', colour)}${panelFigure(pictures.truth, 'yTrue', colour)}</div>`,
    '</section>',
  ].join('');
}

/** The sample of the list: the rows as circulated, then with the truth revealed. */
function sampleHtml(list: BriefList): string {
  const table = (t: BriefTable, className: string) => {
    const classes = (j: number) => [t.numeric.includes(j) ? 'n' : '', t.truthFrom !== undefined && j >= t.truthFrom ? 'truth' : ''].filter(Boolean).join(' ');
    const cell = (c: string, j: number, tag: 'td' | 'th') =>
      `<${tag}${classes(j) ? ` class="${classes(j)}"` : ''}${tag === 'th' ? ' scope="col"' : ` data-label="${escapeAttribute(t.columns[j])}"`}>${escapeHtml(c)}</${tag}>`;
    return [
      `<div class="table-wrap"><table class="${className} stack">`,
      `<caption>${escapeHtml(t.caption)}</caption>`,
      `<thead><tr>${t.columns.map((c, j) => cell(c, j, 'th')).join('')}</tr></thead>`,
      `<tbody>${t.rows.map((r) => `<tr>${r.map((c, j) => cell(c, j, 'td')).join('')}</tr>`).join('')}</tbody>`,
      '</table></div>',
    ].join('');
  };
  return [
    '<section class="list-sample" aria-labelledby="list">',
    `<h2 id="list">${escapeHtml(list.heading)}</h2>`,
    `<p class="small">${escapeHtml(list.intro)}</p>`,
    ...list.tables.map((t) => table(t, 'sample')),
    list.note ? `<p class="small">${escapeHtml(list.note)}</p>` : '',
    '</section>',
  ].join('\n');
}

function listHtml(items: readonly string[], g: Glossary, className: string): string {
  return `<ul class="${className}">${items.map((x) => `<li>${g.html(x)}</li>`).join('')}</ul>`;
}

/**
 * The one-page brief as a self-contained HTML page (inline CSS and SVG, no
 * scripts), laid out to print on exactly one A4 page: the banner, the
 * question, the answer and main points (in the style of an ONS statistical
 * bulletin), two pairs of icon arrays — "of 100 children the model flags"
 * and "of 100 children at risk", each as the records see it and as it truly
 * is — three numbers with one-line definitions, what this does not show,
 * questions to ask a supplier, and the lines that trace the page to its
 * run. Pure: `input` in, a string out (io prints it to brief.pdf).
 *
 * @example
 * briefHtml(experimentBrief(result, stamp));
 */
export function briefHtml(input: BriefInput): string {
  const g = glossary({ href: input.glossaryHref });
  const answer = typeof input.answer === 'string' ? g.html(input.answer) : headlineHtml(input.answer, g);
  const withheld = typeof input.answer === 'string' ? [] : headlineSuppressions(input.answer);
  const body = [
    input.synthetic ? bannerHtml(input.sourcesHref) : input.banner ? noteBannerHtml(input.banner.lead, input.banner.body) : '',
    '<header>',
    `<h1>${g.html(input.title)}</h1>`,
    input.lead ? `<p class="lead">${g.html(input.lead)}</p>` : '',
    '</header>',
    '<section class="points" aria-labelledby="points">',
    `<h2 id="points">${escapeHtml(b.mainPoints)}</h2>`,
    '<ul class="points">',
    `<li class="lead-point" data-headline>${answer}</li>`,
    ...input.mainPoints.map((x) => `<li>${g.html(x)}</li>`),
    '</ul>',
    withheld.length ? `<p class="small">${escapeHtml(p.answerSuppressed(withheld))}</p>` : '',
    '</section>',
    `<p class="focus">${g.html(input.focus)}</p>`,
    `<div class="pictures-row">${picturesHtml(input.flagged, input.colour, 'flagged')}${picturesHtml(input.cases, input.colour, 'cases')}</div>`,
    '<section class="numbers" aria-labelledby="numbers">',
    `<h2 id="numbers">${escapeHtml(b.threeNumbers)}</h2>`,
    `<div class="three">${input.numbers
      .map((n) => `<div class="number"><p class="value">${escapeHtml(n.value)}</p><p class="definition">${g.html(n.definition)}</p>${n.records ? `<p class="small">${g.html(n.records)}</p>` : ''}</div>`)
      .join('')}</div>`,
    '</section>',
    input.list ? sampleHtml(input.list) : '',
    '<div class="columns">',
    `<section aria-labelledby="not-shown"><h2 id="not-shown">${escapeHtml(b.doesNotShow)}</h2>${listHtml(input.doesNotShow, g, 'plain')}</section>`,
    `<section aria-labelledby="questions"><h2 id="questions">${escapeHtml(b.questions)}</h2>${listHtml(input.questions, g, 'plain numbered')}</section>`,
    '</div>',
    `<footer class="trace">${input.notes.map((n) => `<p>${g.html(n)}</p>`).join('')}<p><a href="${escapeAttribute(input.reportHref)}">${escapeHtml(p.reportLink)}</a> · ${input.trace.map(escapeHtml).join('<br>')}</p></footer>`,
  ].filter(Boolean);
  return htmlPage(p.briefTitle(input.title), body.join('\n'), input.list ? `${BRIEF_CSS}\n${LIST_CSS}` : BRIEF_CSS);
}

/**
 * The brief's own CSS (after the report's): one A4 page when printed
 * (12 mm margins, 9.5 pt text), a readable column on screen.
 */
export const BRIEF_CSS = `
main { max-width: 52rem; }
@page { size: A4; margin: 10mm 12mm; }
main > header h1 { font-size: 1.4rem; margin: 0.3rem 0 0.15rem; }
.lead { margin: 0 0 0.25rem; color: var(--muted); }
main h2 { font-size: 1rem; margin: 0.55rem 0 0.25rem; padding-bottom: 0.1rem; border-bottom-width: 1px; }
main h3 { font-size: 0.92rem; margin: 0 0 0.2rem; }
.banner { font-size: 0.82rem; padding: 0.3rem 0.6rem; margin: 0 0 0.3rem; }
ul.points { margin: 0.15rem 0; padding-left: 1.1rem; }
ul.points li { margin: 0.15rem 0; }
ul.points li.lead-point { font-weight: 600; }
.focus { font-size: 0.85rem; color: var(--muted); margin: 0.4rem 0 0.25rem; }
.pictures-row { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem 1.4rem; }
.pictures .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6rem; }
figure.panel figcaption { font-size: 0.82rem; font-weight: 600; margin-bottom: 0.1rem; }
figure.panel svg { display: block; width: 100%; max-width: 7.6rem; height: auto; }
figure.panel .caption { margin: 0.15rem 0 0; font-size: 0.82rem; line-height: 1.2; }
.small { font-size: 0.78rem; color: var(--muted); margin: 0.05rem 0 0; line-height: 1.2; }
.three { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.8rem; }
.number .value { font-size: 1.35rem; font-weight: 700; margin: 0; line-height: 1.1; }
.number .definition { margin: 0.1rem 0 0; font-size: 0.85rem; line-height: 1.25; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.4rem; }
ul.plain { margin: 0.15rem 0; padding-left: 1.1rem; font-size: 0.85rem; line-height: 1.3; }
ul.plain li { margin: 0.12rem 0; }
ul.numbered { list-style: decimal; }
section.list-sample table { width: 100%; font-size: 0.68rem; line-height: 1.15; margin: 0.1rem 0 0.2rem; border-collapse: collapse; }
section.list-sample caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
section.list-sample th, section.list-sample td { padding: 0.05rem 0.25rem; vertical-align: top; }
section.list-sample td:nth-child(2) { white-space: nowrap; }
section.list-sample td.n, section.list-sample th.n { text-align: right; }
section.list-sample .truth { background: var(--box); }
footer.trace { margin-top: 0.5rem; padding-top: 0.25rem; font-size: 0.72rem; }
footer.trace p { margin: 0.1rem 0; }
@media (max-width: 40rem) {
  .pictures-row, .columns, .three { grid-template-columns: 1fr; }
}
@media print {
  html { font-size: 10.6pt; }
  body { font-size: 1rem; line-height: 1.3; }
  main { padding: 0; }
  .banner, .pictures-row, .three, .columns, figure.panel { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`.trim();
