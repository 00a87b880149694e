import type { HeadlinePart } from '../../experiment/findings/evaluate.js';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { pageMessages as p } from '../../messages.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import type { Glossary } from '../glossary.js';
import { stampLine, type RunStamp } from '../stamp.js';
import { questionTitle } from '../words.js';

/**
 * The frame every page shares — the banner, the title as the question, the
 * line that says when and from which code, and the declared answer — so
 * the report, the brief and the index say these things the same way.
 */

/**
 * The banner: synthetic children, not any council's data, and what the
 * targets (bands) are, linking to the assumptions that reach them
 * (`sourcesHref`: "#sources" on the report, "report.html#sources" on the
 * brief; null on a page about several experiments, which points to each
 * report's).
 */
export function bannerHtml(sourcesHref: string | null): string {
  const b = p.banner;
  const see = sourcesHref === null ? escapeHtml(b.assumptionsInEachReport) : `<a href="${escapeAttribute(sourcesHref)}">${escapeHtml(b.assumptions)}</a>`;
  return [
    '<aside class="banner" role="note" aria-label="About these numbers">',
    `<p><strong>${escapeHtml(b.synthetic)}</strong> ${escapeHtml(b.body)} ${escapeHtml(b.targets)} ${see}.</p>`,
    '</aside>',
  ].join('\n');
}

/**
 * The banner of a page that is not about synthetic children (an audit of a
 * council's own scores): the same box, with its own words (raw text).
 */
export function noteBannerHtml(lead: string, body: string): string {
  // A file hash is one long word: it may break anywhere, so a phone's screen does not scroll sideways.
  return ['<aside class="banner" role="note" aria-label="About these numbers">', `<p style="overflow-wrap: anywhere"><strong>${escapeHtml(lead)}</strong> ${escapeHtml(body)}</p>`, '</aside>'].join('\n');
}

/** The header: links, the question as the title (h1), its lead, and the experiment, run date, version and commit. */
export function headerHtml(result: ExperimentResult, stamp: RunStamp, g: Glossary, links: readonly { href: string; text: string }[]): string {
  const { title, rest } = questionTitle(result.question);
  const nav = links.length ? `<p class="meta links">${links.map((l) => `<a href="${escapeAttribute(l.href)}">${escapeHtml(l.text)}</a>`).join(' · ')}</p>` : '';
  return [
    '<header>',
    nav,
    `<h1>${g.html(title)}</h1>`,
    rest ? `<p class="question">${g.html(rest)}</p>` : '',
    `<p class="meta stamp">${escapeHtml(stampLine(stamp))}<br>${escapeHtml(p.experimentLine(result.name, String(result.seed), result.configHash))}${result.quick ? ` · ${escapeHtml(p.quickRun)}` : ''}</p>`,
    '</header>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The declared headline as HTML: its text through the glossary, each
 * number marked with the finding it came from (`data-ref`, `data-finding`,
 * `data-value`: its exact value before filters) so a reader's tool — or the
 * browser test — can check it against metrics.csv. A number of a finding
 * that rests on too few children is withheld ("too few children").
 */
export function headlineHtml(parts: readonly HeadlinePart[], g: Glossary): string {
  return parts
    .map((part) => {
      if (!('path' in part)) return g.html(part.text);
      const value = typeof part.value === 'number' ? (Number.isNaN(part.value) ? '' : String(part.value)) : part.value;
      const attrs = `data-ref="${escapeAttribute(part.path)}"${part.finding ? ` data-finding="${escapeAttribute(part.finding)}"` : ''} data-value="${escapeAttribute(value)}"`;
      if (part.suppressed) return `<span class="num suppressed" ${attrs} data-suppressed="${escapeAttribute(part.suppressed)}">${escapeHtml(p.suppressedInline)}</span>`;
      return typeof part.value === 'number' ? `<span class="num" ${attrs}>${escapeHtml(part.text)}</span>` : `<span ${attrs}>${g.html(part.text)}</span>`;
    })
    .join('');
}

/** The reasons behind withheld headline numbers, once each. */
export function headlineSuppressions(parts: readonly HeadlinePart[]): string[] {
  return [...new Set(parts.flatMap((x) => (x.suppressed ? [x.suppressed] : [])))];
}

/** The answer box: the declared headline first, then how it was computed (and what was withheld). */
export function answerHtml(result: ExperimentResult, g: Glossary, level = 2): string {
  const f = result.findings;
  const h = `h${level}`;
  const reasons = headlineSuppressions(f.headlineParts);
  return [
    `<section class="answer-box" aria-labelledby="answer">`,
    `<${h} id="answer">${escapeHtml(p.answerHeading)}</${h}>`,
    f.headline ? `<p class="answer" data-headline>${headlineHtml(f.headlineParts, g)}</p>` : `<p class="answer">${escapeHtml(p.noHeadline)}</p>`,
    reasons.length ? `<p class="note">${escapeHtml(p.answerSuppressed(reasons))}</p>` : '',
    `<p class="note">${g.html(p.answerScope(result.replicates))}</p>`,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}
