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
import { formatCount, naturalFrequencies } from '../../src/metrics/index.js';
import { pageMessages as p, reportMessages as t } from '../../src/messages.js';
import { tinyResult } from './fixture.js';

const result = tinyResult();

describe('the findings table', () => {
  const table = findingsTable(result.findings.findings);

  it('has one row per finding: claim, median, range, band, where the band comes from, verdict', () => {
    expect(table.columns).toEqual(p.findingsColumns);
    expect(table.rows.map((r) => r.id)).toEqual(result.findings.findings.map((f) => f.id));
    const gap = table.rows.find((r) => r.id === 'gap[1x]')!;
    const f = result.findings.findings.find((x) => x.id === 'gap[1x]')!;
    const n = (x: number) => x.toFixed(3).replace(/^-/, '−');
    const range = f.lower < 0 || f.upper < 0 ? `${n(f.lower)} to ${n(f.upper)}` : `${n(f.lower)}–${n(f.upper)}`;
    expect(gap.cells).toEqual([f.claim, f.median.toFixed(3), range, '< 0', f.band!.source, f.holds ? t.findingHolds : t.findingFails]);
    // A count of children is printed in whole children (a median of 38.5 is 38, halves to the even neighbour).
    const missed = result.findings.findings.find((x) => x.id === 'missed[2x]')!;
    expect(missed.children).toBe(true);
    expect(table.rows.find((r) => r.id === 'missed[2x]')!.cells[1]).toBe(formatCount(missed.median));
    expect(table.rows.find((r) => r.id === 'missed[2x]')!.cells[1]).not.toMatch(/\./);
    // Without a single target the three target columns are left out.
    expect(findingsTable(result.findings.findings.filter((x) => !x.band)).columns).toEqual(p.findingsColumns.slice(0, 3));
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
    // And every page opens its findings with the declared headline (terms linked to the glossary at first use).
    const unlinked = (md: string) => md.replace(/\[([^\]]*)\]\(#words-used-here\)/g, '$1');
    expect(unlinked(summary)).toContain(`**${p.answerHeading}.** ${escapeMarkdownText(result.findings.headline)}`);
    expect(unlinked(resultsIndexMarkdown([result]))).toContain(escapeMarkdownText(result.findings.headline));
    expect(indexHtml([result]).replace(/<[^>]+>/g, '')).toContain(escapeHtml(result.findings.headline).replace(/&#39;/g, "'"));
  });

  it('escapes what would break a Markdown table', () => {
    const hostile = findingsMarkdown(findingsTable([{ ...result.findings.findings.find((f) => f.band)!, claim: 'x | y' }]));
    expect(hostile[2].split(/(?<!\\)\|/)).toHaveLength(8);
  });
});

describe('counts across replicates: one definition on every page', () => {
  it('summary.md states the median counts the HTML headline uses, and says so', () => {
    const summary = summaryMarkdown(result, { version: 't' });
    const op = result.operatingPoints[0];
    for (const cell of result.cells) {
      const c = medianConfusion(result, { cell: cell.index, model: 'logistic', label: 'yTrue', operatingPoint: op })!;
      const sentences = naturalFrequencies(c, { flaggedPer: 1000, outcome: result.outcome, minCount: result.minCount }).sentences.join(' ');
      expect(summary).toContain(`- **The logistic model**, against the truth (each count the median across replicates, rounded to whole children, as in the HTML report): ${sentences}`);
      // "Of every 1,000 children flagged, … and N are not": the N the HTML headline shows.
      const html = headlineFor(result, cell.index, 'logistic').truth!;
      expect(sentences).toContain(`and ${html.notAtRiskText} are not`);
    }
  });
});
