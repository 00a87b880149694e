import { glossaryTerms, pageMessages as p } from '../messages.js';
import { escapeAttribute, escapeHtml, escapeMarkdownText } from './escape.js';

/**
 * The glossary on a page: every term is defined once (`glossaryTerms` in
 * src/messages.ts) and its FIRST use on a page links to its entry. A page
 * makes one `Glossary` and passes all its running text through it in
 * reading order; at the end, `html()` (or `markdown()`) gives the entries of
 * the terms the page used.
 *
 * @example
 * const g = glossary();
 * g.html('Precision and recall; precision again.'); // '<a class="term" href="#g-precision">Precision</a> and <a …>recall</a>; precision again.'
 * g.section(); // <section id="glossary">… precision … recall …</section>
 */
export interface Glossary {
  /** Plain text → escaped HTML with the first use of each term linked. */
  html(text: string): string;
  /** Plain text → escaped Markdown with the first use of each term linked to the glossary heading. */
  markdown(text: string): string;
  /** The ids of the terms linked so far, in order of first use. */
  ids(): readonly string[];
  /** The glossary section (HTML): every term (so other pages can link to any entry), each with its anchor `g-<id>`. */
  section(): string;
  /** The glossary as Markdown lines. */
  markdownSection(): string[];
}

/** One piece of text: plain, or a term's first use. */
interface Segment {
  readonly text: string;
  readonly id?: string;
}

/** The anchor of the glossary heading in Markdown (GitHub's heading slug). */
export const GLOSSARY_MARKDOWN_ANCHOR = `#${p.glossaryHeading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}`;

/**
 * A glossary for one page. `href` gives each entry's link target (default
 * "#g-<id>", the entry on the same page; a page without its own glossary,
 * such as the brief, can point at the report's).
 */
export function glossary(options: { href?: (id: string) => string } = {}): Glossary {
  const href = options.href ?? ((id: string) => `#g-${id}`);
  const used: string[] = [];
  const split = (text: string): Segment[] => {
    const out: Segment[] = [];
    let rest = text;
    for (;;) {
      let best: { index: number; length: number; id: string } | null = null;
      for (const term of glossaryTerms) {
        if (used.includes(term.id)) continue;
        const m = term.match.exec(rest);
        if (m && (best === null || m.index < best.index || (m.index === best.index && m[0].length > best.length))) best = { index: m.index, length: m[0].length, id: term.id };
      }
      if (best === null) break;
      if (best.index > 0) out.push({ text: rest.slice(0, best.index) });
      out.push({ text: rest.slice(best.index, best.index + best.length), id: best.id });
      used.push(best.id);
      rest = rest.slice(best.index + best.length);
    }
    if (rest) out.push({ text: rest });
    return out;
  };
  const entries = () => glossaryTerms;
  return {
    html: (text) =>
      split(text)
        .map((s) => (s.id ? `<a class="term" href="${escapeAttribute(href(s.id))}">${escapeHtml(s.text)}</a>` : escapeHtml(s.text)))
        .join(''),
    markdown: (text) =>
      split(text)
        .map((s) => (s.id ? `[${escapeMarkdownText(s.text)}](${GLOSSARY_MARKDOWN_ANCHOR})` : escapeMarkdownText(s.text)))
        .join(''),
    ids: () => [...used],
    section: () =>
      entries().length === 0
        ? ''
        : [
            '<section class="glossary" aria-labelledby="glossary">',
            `<h2 id="glossary">${escapeHtml(p.glossaryHeading)}</h2>`,
            `<dl class="glossary">${entries()
              .map((t) => `<dt id="g-${t.id}">${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd>`)
              .join('')}</dl>`,
            '</section>',
          ].join('\n'),
    markdownSection: () => (entries().length === 0 ? [] : [`## ${p.glossaryHeading}`, '', ...entries().map((t) => `- **${escapeMarkdownText(t.term)}**: ${escapeMarkdownText(t.definition)}`), '']),
  };
}
