import type { HeadlinePart } from '../experiment/findings/evaluate.js';
import { pageMessages as p } from '../messages.js';
import { escapeMarkdownText as mdText } from './escape.js';
import type { Glossary } from './glossary.js';

/**
 * The Markdown side of the frame every page shares (src/report/html/frame.ts
 * is the HTML side): the banner and the declared headline.
 */

/** The banner as a Markdown quote; `sourcesHref` as for the HTML banner (null: each report's). */
export function bannerMarkdown(sourcesHref: string | null): string[] {
  const b = p.banner;
  const see = sourcesHref === null ? mdText(b.assumptionsInEachReport) : `[${mdText(b.assumptions)}](${sourcesHref})`;
  return [`> **${mdText(b.synthetic)}** ${mdText(b.body)} ${mdText(b.targets)} ${see}.`, ''];
}

/** The declared headline as Markdown: literal text through the glossary, a withheld number as *too few children*. */
export function headlineMarkdown(parts: readonly HeadlinePart[], g: Glossary): string {
  return parts
    .map((part) => {
      if (!('path' in part)) return g.markdown(part.text);
      if (part.suppressed) return `*${mdText(p.suppressedInline)}*`;
      return typeof part.value === 'number' ? mdText(part.text) : g.markdown(part.text);
    })
    .join('');
}
