/**
 * Small numbers, end to end: a crafted tiny run (seed 5 gives a group of
 * exactly 3 test children in the "tiny" area) through `risklab run`. Every
 * rate resting on those 3 children is shown as suppressed, with the reason,
 * in report.html and summary.md; the counts stay in metrics.csv.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { pageMessages, suppressionMessages as s } from '../../src/messages.js';
import { parseCsv } from '../experiment/helpers.js';

export const SMALL_NUMBERS = {
  name: 'small-numbers',
  question: 'Are rates that rest on a group of three children suppressed?',
  seed: 5,
  scenarios: [{ label: 'small town', preset: 'neutral', overrides: { population: { size: 1500, groups: [{ attribute: 'area', levels: [{ name: 'big', share: 0.996 }, { name: 'tiny', share: 0.004 }] }] } } }],
  models: [{ name: 'logistic' }],
  split: { kind: 'holdout', testShare: 0.5 },
  operatingPoints: [{ rule: 'topShare', value: 0.2 }],
  groups: ['area'],
  groupSummary: true,
  replicates: 1,
  findings: [
    { id: 'tinyFlagged', claim: 'share of the {group} area’s children flagged (the {model} model)', select: { model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'area', group: 'tiny' } },
    { id: 'bigFlagged', claim: 'share of the {group} area’s children flagged (the {model} model)', select: { model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'area', group: 'big' } },
  ],
  headline: 'The logistic model flags {bigFlagged|percent} of the big area’s children and {tinyFlagged|percent} of the tiny area’s.',
};

let dir: string;
let folder: string;
let files: { summary: string; report: string; metrics: Record<string, string>[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-small-'));
  const file = join(dir, 'small-numbers.json');
  writeFileSync(file, JSON.stringify(SMALL_NUMBERS));
  expect(await main(['run', file, '--out', join(dir, 'out'), '--workers', '1'])).toBe(0);
  folder = join(dir, 'out', 'small-numbers');
  const csv = parseCsv(readFileSync(join(folder, 'metrics.csv'), 'utf8'));
  files = {
    summary: readFileSync(join(folder, 'summary.md'), 'utf8'),
    report: readFileSync(join(folder, 'report.html'), 'utf8'),
    metrics: csv.rows.map((r) => Object.fromEntries(csv.header.map((h, j) => [h, r[j]]))),
  };
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a group of 3 children', () => {
  it('is 3 children in metrics.csv, whose raw counts stay there', () => {
    const tiny = files.metrics.filter((r) => r.attribute === 'area' && r.group === 'tiny' && r.label === 'y_true' && r.metric === 'selection_rate');
    expect(tiny).toHaveLength(1);
    expect(Number(tiny[0].n)).toBe(3);
  });

  const reason = s.tooFew(s.share.all, 3, 10);

  it('its rates are suppressed in report.html, with the reason, in the findings table and the answer', () => {
    expect(files.report).toContain(`<tr data-finding="tinyFlagged" data-median="`);
    const row = files.report.slice(files.report.indexOf('<tr data-finding="tinyFlagged"'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`data-suppressed="${reason}"`);
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`<td class="n">${s.mark}</td>`);
    const answer = files.report.slice(files.report.indexOf('<p class="answer" data-headline>'));
    expect(answer.slice(0, answer.indexOf('</p>'))).toContain(`data-suppressed="${reason}">${pageMessages.suppressedInline}</span>`);
    expect(files.report).toContain(pageMessages.answerSuppressed([reason]));
    // The big area's number is shown.
    expect(files.report.slice(files.report.indexOf('<tr data-finding="bigFlagged"'))).not.toMatch(/^[^\n]*data-suppressed/);
  });

  it('its rates are suppressed in summary.md, with the reason: in the findings, the answer and the group table', () => {
    expect(files.summary).toContain(`| ${s.mark} | ${s.mark} |`);
    expect(files.summary).toContain(reason);
    const answer = files.summary.split('\n').find((l) => l.startsWith(`**${pageMessages.answerHeading}.**`))!;
    expect(answer).toContain('*\\[too few to say\\]*'); // the withheld number, in Markdown-escaped brackets
    const line = files.summary.split('\n').find((l) => l.startsWith('| logistic | tiny |'))!;
    expect(line).toBeDefined();
    expect(line).toContain('| 3 |');
    // Flagged share, false-positive rate, miss rate and precision: suppressed or not defined, never a number.
    expect(line.split('|').slice(5, 9).map((c) => c.trim())).toEqual(expect.arrayContaining([`${s.mark}¹`]));
    for (const c of line.split('|').slice(5, 9).map((x) => x.trim())) expect([`${s.mark}¹`, pageMessages.notDefined]).toContain(c);
    expect(files.summary).toContain(`¹ ${reason}.`);
  });
});
