import type { ExperimentResult } from '../../experiment/aggregate.js';
import { pageMessages as p, trainerMessages as t } from '../../messages.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { findingsHtml, findingsTable } from '../findings-table.js';
import { glossary } from '../glossary.js';
import { stampLine, versionOnly, type RunStamp } from '../stamp.js';
import { questionTitle } from '../words.js';
import { bannerHtml, headlineHtml, headlineSuppressions } from './frame.js';
import { htmlPage } from './page.js';

/** Options for `indexHtml`. */
export interface IndexExtras {
  /** Printed in the footer; default none. */
  readonly version?: string;
  /** Version, commit and date of the run; default the version alone. */
  readonly stamp?: RunStamp;
  /** Link to an experiment's report; default `${name}/report.html`. */
  readonly href?: (name: string) => string;
  /** Link to an experiment's brief; default `${name}/brief.html`. */
  readonly briefHref?: (name: string) => string;
  /** Link to the explorer (`npm start` writes results/explore.html beside the index); default none, as other writers of an index do not write it. */
  readonly explorerHref?: string;
}

/**
 * The index of reports (results/index.html): the banner, then one short
 * block per experiment (sorted by name): its question as the heading,
 * linking to its report; its declared answer, which speaks for the whole
 * experiment as declared (never its first cell); its banded findings (the
 * same table as the reports); links to its report and brief; its seed and
 * config hash. A link to the explorer when asked (`explorerHref`). The glossary of the words it used closes the page.
 * Self-contained like the reports.
 *
 * @example
 * indexHtml(results, { stamp });
 */
export function indexHtml(results: readonly ExperimentResult[], extras: IndexExtras = {}): string {
  const { version, href = (name: string) => `${encodeURIComponent(name)}/report.html`, briefHref = (name: string) => `${encodeURIComponent(name)}/brief.html` } = extras;
  const stamp = extras.stamp ?? (version === undefined ? undefined : versionOnly(version));
  const g = glossary();
  const sorted = [...results].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const articles = sorted.map((r) => {
    const { title } = questionTitle(r.question);
    const reasons = headlineSuppressions(r.findings.headlineParts);
    return [
      `<article class="experiment" data-experiment="${escapeAttribute(r.name)}">`,
      `<h2><a href="${escapeAttribute(href(r.name))}">${escapeHtml(title)}</a></h2>`,
      r.findings.headline ? `<p class="answer" data-headline>${headlineHtml(r.findings.headlineParts, g)}</p>` : `<p class="answer">${escapeHtml(p.noHeadline)}</p>`,
      reasons.length ? `<p class="note">${escapeHtml(p.answerSuppressed(reasons))}</p>` : '',
      findingsHtml(findingsTable(r.findings.findings, { bandedOnly: true }), (s) => g.html(s)),
      `<p class="meta links"><a href="${escapeAttribute(href(r.name))}">${escapeHtml(p.reportLink)}</a> · <a href="${escapeAttribute(briefHref(r.name))}">${escapeHtml(p.briefLink)}</a></p>`,
      `<p class="meta trace">${escapeHtml(p.indexTrace(r.name, String(r.seed), r.configHash, r.replicates))}${r.quick ? ` · ${escapeHtml(p.quickRun)}` : ''}</p>`,
      '</article>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  const body = [
    bannerHtml(null),
    '<header>',
    `<h1>${escapeHtml(p.indexTitle)}</h1>`,
    `<p class="question">${g.html(p.indexIntro)}</p>`,
    stamp ? `<p class="meta stamp">${escapeHtml(stampLine(stamp))}</p>` : '',
    extras.explorerHref === undefined ? '' : `<p class="explore" data-explorer><a href="${escapeAttribute(extras.explorerHref)}">${escapeHtml(t.exploreLink)}</a>: ${escapeHtml(t.exploreIntro)}</p>`,
    '</header>',
    ...articles,
    g.section(),
    stamp === undefined ? '' : `<footer>${escapeHtml(stampLine(stamp))}</footer>`,
  ].filter(Boolean);
  return htmlPage(p.indexTitle, body.join('\n'));
}
