/**
 * A researcher's new question, end to end: the experiment file of the guide
 * (docs/examples/detection-gap.ts, shown whole in
 * docs/writing-an-experiment.md) is written into a temporary folder and run
 * through the CLI entry with --quick. Its report opens with its own headline
 * and banded findings, every number of which is recomputed here from
 * metrics.csv alone — and no file under src/ knows the experiment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { formatCount, median } from '../../src/metrics/index.js';
import { reportMessages } from '../../src/messages.js';
import { parseCsv } from '../experiment/helpers.js';

const REPO = new URL('../../', import.meta.url).pathname;
const EXAMPLE = join(REPO, 'docs', 'examples', 'detection-gap.ts');
let dir: string;
let out: string;
let files: { summary: string; report: string; metrics: Record<string, string>[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-e2e-'));
  const file = join(dir, 'my-question.ts');
  writeFileSync(file, readFileSync(EXAMPLE, 'utf8'));
  out = join(dir, 'results');
  const code = await main(['run', file, '--quick', '--out', out, '--workers', '1']);
  expect(code).toBe(0);
  const folder = join(out, 'detection-gap');
  const csv = parseCsv(readFileSync(join(folder, 'metrics.csv'), 'utf8'));
  files = {
    summary: readFileSync(join(folder, 'summary.md'), 'utf8'),
    report: readFileSync(join(folder, 'report.html'), 'utf8'),
    metrics: csv.rows.map((r) => Object.fromEntries(csv.header.map((h, j) => [h, r[j]]))),
  };
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Per replicate, one column of the everyone rows of metrics.csv at one point. */
function column(at: { grid: string; model: string; label: string; metric: string }, field = 'value'): number[] {
  const rows = files.metrics.filter(
    (r) => r.grid === at.grid && r.model === at.model && r.label === at.label && r.metric === at.metric && r.attribute === 'all' && r.operating_point === 'topShare=0.1',
  );
  return rows.sort((a, b) => Number(a.replicate) - Number(b.replicate)).map((r) => Number(r[field]));
}

/** The median a report's findings table gives for a finding id. */
function reported(id: string): number {
  const m = new RegExp(`<tr data-finding="${id.replace(/[[\]]/g, '\\$&')}" data-median="([^"]*)">`).exec(files.report);
  expect(m, id).not.toBeNull();
  return Number(m![1]);
}

describe('a new experiment in a temporary folder, run with risklab run <file> --quick', () => {
  it('has its findings, each equal to what metrics.csv gives', () => {
    const precision = (grid: string, label: string) => column({ grid, model: 'logistic', label, metric: 'precision' });
    const gap = (grid: string) => median(precision(grid, 'y_true').map((p, r) => p - precision(grid, 'y_recorded')[r]));
    expect(precision('half recorded', 'y_true')).toHaveLength(2);
    expect(reported('same')).toBe(gap('all recorded'));
    expect(reported('gap')).toBe(gap('half recorded'));
    for (const model of ['logistic', 'boosting']) {
      expect(reported(`missed[${model}]`)).toBe(median(column({ grid: 'half recorded', model, label: 'y_true', metric: 'precision' }, 'fn')));
    }
    // The bands and their verdicts, in the report and in summary.md alike.
    for (const text of [files.summary, files.report]) {
      expect(text).toContain('the neutral preset records every case, so the records and the truth agree');
      expect(text).toContain(`${gap('half recorded') > 0 ? reportMessages.findingHolds : reportMessages.findingFails}`);
    }
    expect(files.summary).toContain('| half recorded: children truly harmed whom the boosting model leaves off its top 10% |');
  });

  it('opens with its own headline, its numbers from metrics.csv and its size from this run (--quick: 6,000 children)', () => {
    const t = column({ grid: 'half recorded', model: 'logistic', label: 'y_true', metric: 'precision' });
    const r = column({ grid: 'half recorded', model: 'logistic', label: 'y_recorded', metric: 'precision' });
    const gap = median(t.map((p, i) => p - r[i]));
    const missed = median(column({ grid: 'half recorded', model: 'logistic', label: 'y_true', metric: 'precision' }, 'fn'));
    const headline = `With 50% of harm recorded, the records ${gap > 0 ? 'understate' : 'overstate'} the precision of the logistic model by ${Math.abs(gap).toFixed(2)}; its list of the top 10% of 6,000 children still leaves off about ${formatCount(missed)} children truly harmed.`;
    const unlinked = (md: string) => md.replace(/\[([^\]]*)\]\(#words-used-here\)/g, '$1');
    expect(unlinked(files.summary)).toContain(`**The answer.** ${headline}`);
    const answer = files.report.slice(files.report.indexOf('<p class="answer" data-headline>'));
    expect(answer.slice(0, answer.indexOf('</p>')).replace(/<[^>]+>/g, '')).toBe(headline);
    expect(files.report.indexOf('<p class="answer" data-headline>')).toBeLessThan(files.report.indexOf('<nav class="toc"'));
  });

  it('writes every group of the run into metrics.csv, with counts that add up', () => {
    const groups = files.metrics.filter((r) => r.attribute === 'sex' && r.metric === 'precision');
    expect(new Set(groups.map((r) => r.group))).toEqual(new Set(['female', 'male']));
    for (const r of groups) expect(Number(r.tp) + Number(r.fp) + Number(r.fn) + Number(r.tn)).toBe(Number(r.n));
    // The criterion of the file is checked in the report.
    expect(files.report).toContain('<th scope="col">recall ≥ 0.3</th>');
  });

  it('is known to no file under src/', () => {
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    for (const f of walk(join(REPO, 'src'))) {
      const text = readFileSync(f, 'utf8');
      for (const word of ['detection-gap', 'half recorded', 'truly harmed']) expect(text.includes(word), `${f} mentions "${word}"`).toBe(false);
    }
  });
});

describe('the guide', () => {
  it('docs/writing-an-experiment.md shows the example file whole, exactly as the test runs it', () => {
    const guide = readFileSync(join(REPO, 'docs', 'writing-an-experiment.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(guide);
    expect(block, 'a ```ts block in the guide').not.toBeNull();
    expect(block![1]).toBe(readFileSync(EXAMPLE, 'utf8'));
  });
});
