import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { htmlPage } from './page.js';
import { cellName } from '../charts/common.js';
import { headlineModels, headlineSentences } from './report.js';
import { findingsHtml, findingsTable } from '../findings-table.js';

/** Options for `indexHtml`. */
export interface IndexExtras {
  /** Printed in the footer; default none. */
  readonly version?: string;
  /** Link to an experiment's report; default `${name}/report.html`. */
  readonly href?: (name: string) => string;
}

/**
 * The index of reports (results/index.html): one short block per
 * experiment (sorted by name) with a link to its report, its question, its
 * declared answer and banded findings (the same table as the reports), the
 * plain-words numbers of its first cell and first non-baseline model, and
 * its seed and config hash. Self-contained like the reports.
 *
 * @example
 * indexHtml(results, { version: '0.1.0' });
 */
export function indexHtml(results: readonly ExperimentResult[], extras: IndexExtras = {}): string {
  const { version, href = (name: string) => `${encodeURIComponent(name)}/report.html` } = extras;
  const articles = [...results]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((r) => {
      const model = headlineModels(r)[0];
      const headline = model !== undefined && r.cells.length > 0 ? headlineSentences(r, 0, model) : '';
      const cellNote = r.cells.length > 1 ? `<p class="note">${escapeHtml(t.indexFirstCell(cellName(r, 0), r.cells.length))}</p>` : '';
      return [
        '<article class="experiment">',
        `<h2><a href="${escapeAttribute(href(r.name))}">${escapeHtml(r.name)}</a></h2>`,
        `<p class="question">${escapeHtml(r.question)}</p>`,
        r.findings.headline ? `<p class="answer">${escapeHtml(r.findings.headline)}</p>` : '',
        findingsHtml(findingsTable(r.findings.findings, { bandedOnly: true })),
        cellNote,
        headline ? `<div class="headline">${headline}</div>` : '',
        `<p class="meta trace">${escapeHtml(t.indexTrace(String(r.seed), r.configHash, r.replicates))}</p>`,
        '</article>',
      ]
        .filter(Boolean)
        .join('\n');
    });
  const body = [
    '<header>',
    `<h1>${escapeHtml(t.indexTitle)}</h1>`,
    `<p class="question">${escapeHtml(t.indexIntro)}</p>`,
    '</header>',
    ...articles,
    version === undefined ? '' : `<footer>risklab ${escapeHtml(version)}</footer>`,
  ].filter(Boolean);
  return htmlPage(t.indexTitle, body.join('\n'));
}
