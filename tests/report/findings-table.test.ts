/**
 * One findings table for every page, and one definition of counts across
 * replicates: summary.md, report.html, results/README.md and
 * results/index.html show the same cells, and summary.md's natural
 * frequencies say the same numbers as the HTML headline (issue 16: 495 vs
 * 469 of 1,000 flagged came from pooling in one and medians in the other).
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape.js';
import { findingsHtml, findingsMarkdown, findingsTable } from '../../src/report/findings-table.js';
import { escapeMarkdownText } from '../../src/report/escape.js';
import { summaryMarkdown } from '../../src/report/summary-md.js';
import { resultsIndexMarkdown } from '../../src/report/index-md.js';
import { experimentReportHtml, headlineFor, indexHtml, medianConfusion } from '../../src/report/html/index.js';
import { naturalFrequencies } from '../../src/metrics/index.js';
import { reportMessages as t } from '../../src/messages.js';
import { tinyResult } from './fixture.js';

const result = tinyResult();

describe('the findings table', () => {
  const table = findingsTable(result.findings.findings);

  it('has one row per finding: claim, median, range, band, where the band comes from, verdict', () => {
    expect(table.columns).toEqual(t.findingsColumns);
    expect(table.rows.map((r) => r.id)).toEqual(result.findings.findings.map((f) => f.id));
    const gap = table.rows.find((r) => r.id === 'gap[1x]')!;
    const f = result.findings.findings.find((x) => x.id === 'gap[1x]')!;
    expect(gap.cells).toEqual([f.claim, f.median.toFixed(3), `${f.lower.toFixed(3)}–${f.upper.toFixed(3)}`, '< 0', f.band!.source, f.holds ? t.findingHolds : t.findingFails]);
    expect(findingsTable(result.findings.findings, { bandedOnly: true }).rows.every((r) => r.id.startsWith('gap'))).toBe(true);
  });

  it('is the same table in summary.md, report.html, results/README.md and results/index.html', () => {
    const md = findingsMarkdown(table);
    const summary = summaryMarkdown(result, { version: 't' });
    for (const line of md) expect(summary).toContain(line);
    expect(experimentReportHtml(result, [], { version: 't' })).toContain(findingsHtml(table));
    const banded = findingsTable(result.findings.findings, { bandedOnly: true });
    for (const line of findingsMarkdown(banded)) expect(resultsIndexMarkdown([result])).toContain(line);
    expect(indexHtml([result])).toContain(findingsHtml(banded));
    // And every page opens its findings with the declared headline.
    expect(summary).toContain(`**Answer.** ${escapeMarkdownText(result.findings.headline)}`);
    expect(resultsIndexMarkdown([result])).toContain(escapeMarkdownText(result.findings.headline));
    expect(indexHtml([result])).toContain(escapeHtml(result.findings.headline));
  });

  it('escapes what would break a Markdown table', () => {
    const hostile = findingsMarkdown(findingsTable([{ ...result.findings.findings[0], claim: 'x | y' }]));
    expect(hostile[2].split(/(?<!\\)\|/)).toHaveLength(8);
  });
});

describe('counts across replicates: one definition on every page', () => {
  it('summary.md states the median counts the HTML headline uses, and says so', () => {
    const summary = summaryMarkdown(result, { version: 't' });
    const op = result.operatingPoints[0];
    for (const cell of result.cells) {
      const c = medianConfusion(result, { cell: cell.index, model: 'logistic', label: 'yTrue', operatingPoint: op })!;
      const sentences = naturalFrequencies(c, { flaggedPer: 1000 }).sentences.join(' ');
      expect(summary).toContain(`- **logistic**, against the truth (each count the median across replicates, as in the HTML report): ${sentences}`);
      // "Of every 1,000 children flagged, … and N are not": the N the HTML headline shows.
      const html = headlineFor(result, cell.index, 'logistic').truth!;
      expect(sentences).toContain(`and ${html.notAtRiskText} are not`);
    }
  });
});
