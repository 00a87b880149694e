import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { LIST_METRIC_NAMES } from '../../src/experiment/list/metrics.js';
import { pdfPageCount } from '../../src/io/pdf.js';
import { validateDataPackage } from '../report/table-schema.js';

/** Every text file of a folder (brief.pdf left out), by name. */
const textFiles = (folder: string) => Object.fromEntries(readdirSync(folder).filter((f) => !f.endsWith('.pdf')).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-audit-'));
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));

describe('risklab audit of a lab run', () => {
  let runDir: string;
  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'risklab-audit-run-'));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['run', 'capacity-list', '--quick', '--replicates', '1', '--workers', '1', '--save-scores', '--out', runDir])).toBe(0);
    vi.restoreAllMocks();
  }, 120_000);

  it('gives exactly the run’s metrics against the records', async () => {
    const scores = join(runDir, 'capacity-list', 'scores.csv');
    const out = join(dir, 'audit');
    expect(await main(['audit', scores, '--where', 'model=logistic', '--at', 'topK=1000', '--out', out])).toBe(0);
    const run = csvRows(readFileSync(join(runDir, 'capacity-list', 'metrics.csv'), 'utf8'));
    const head = run[0];
    // The list's own metrics (issue 17: its reasons, at the list's operating point) are the lab's, not a score file's: the audit has no reasons.
    const listMetrics = new Set(LIST_METRIC_NAMES.map((m) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
    const expected = run.filter(
      (r) => r[head.indexOf('attribute')] === 'all' && r[head.indexOf('model')] === 'logistic' && r[head.indexOf('label')] === 'y_recorded' && r[head.indexOf('operating_point')] === 'topK=1000' && !listMetrics.has(r[head.indexOf('metric')]),
    );
    const audit = csvRows(readFileSync(join(out, 'metrics.csv'), 'utf8'));
    const ah = audit[0];
    expect(expected.length).toBe(17);
    for (const r of expected) {
      const metric = r[head.indexOf('metric')];
      const mine = audit.find((a) => a[ah.indexOf('metric')] === metric && a[ah.indexOf('operating_point')] === 'topK=1000');
      expect(mine?.[ah.indexOf('value')], metric).toBe(r[head.indexOf('value')]);
      expect(mine?.[ah.indexOf('cut_threshold')]).toBe(r[head.indexOf('cut_threshold')]);
    }
    for (const metric of ['auc', 'average_precision', 'precision']) {
      const row = audit.find((a) => a[ah.indexOf('metric')] === metric && a[ah.indexOf('operating_point')] === 'topK=1000')!;
      const [value, lower, upper] = ['value', 'lower', 'upper'].map((c) => Number(row[ah.indexOf(c)]));
      expect(lower, metric).toBeLessThan(value);
      expect(upper, metric).toBeGreaterThan(value);
    }
    expect(readdirSync(out).sort()).toEqual(['README.md', 'brief.html', 'brief.pdf', 'config.json', 'datapackage.json', 'groups.csv', 'manifest.json', 'metrics.csv', 'report.html', 'sensitivity.csv', 'summary.md']);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`Audit of scores.csv`);
  });
});

describe('the folder of an experiment, for an audit', () => {
  it('has a one-page brief (HTML and PDF), a valid datapackage.json, a README and the banner on every page', async () => {
    const rows = ['risk,escalated,area,year'];
    for (let i = 0; i < 600; i++) rows.push(`${((i * 37) % 100) / 100},${i % 7 === 0 ? 1 : 0},${i % 3 === 0 ? 'north' : 'south'},${2021 + (i % 2)}`);
    const file = join(dir, 'council.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const out = join(dir, 'folder');
    expect(await main(['audit', file, '--score', 'risk', '--label', 'escalated', '--group', 'area', '--cohort', 'year', '--at', 'topK=100', '--bootstrap', '50', '--out', out])).toBe(0);
    const pdf = new Uint8Array(readFileSync(join(out, 'brief.pdf')));
    expect(pdfPageCount(pdf)).toBe(1);
    const files = textFiles(out);
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
    const sha = JSON.parse(files['config.json']).file.sha256;
    // The banner: against the recorded label only, with the file's hash and row count, on every page and in the README.
    for (const name of ['report.html', 'brief.html', 'summary.md', 'README.md']) {
      expect(files[name], name).toContain('Against your recorded outcome only.');
      expect(files[name], name).toContain('against the recorded label (column escalated) and nothing else');
      expect(files[name], name).toContain(`File SHA-256 ${sha}; 600 rows audited.`);
    }
    expect(JSON.parse(files['datapackage.json']).description).toContain(sha);
    // The brief: the records' pictures and numbers, no truth; the cohort is reported like a group.
    expect(files['brief.html']).toContain('The truth is not known for real records.');
    expect(files['brief.html']).toMatch(/data-label="yRecorded" data-marked="\d+"/);
    expect(files['brief.html']).not.toContain('data-label="yTrue"');
    expect(files['brief.html']).toContain('A list of the top 100 children: 100 children are flagged');
    expect(files['groups.csv']).toMatch(/,y_recorded,year,2021,topK=100,/);
    expect(files['README.md']).toContain('| `brief.pdf` |');
    expect(files['README.md']).toContain('### sensitivity.csv');
    for (const csv of ['metrics.csv', 'groups.csv', 'sensitivity.csv']) {
      const rowsOf = files[csv].trim().split('\n').length - 1;
      expect(files['README.md'], csv).toMatch(new RegExp(`\\| \`${csv}\` \\|[^\n]*\\(${rowsOf.toLocaleString('en-GB')} rows\\) \\|`));
    }
    // Links of the brief land on the report: its glossary and the sensitivity section.
    for (const id of [...files['brief.html'].matchAll(/href="report\.html#([^"]+)"/g)].map((m) => m[1])) expect(files['report.html'], id).toContain(`id="${id}"`);
  }, 120_000);
});

describe('small-cell suppression', () => {
  it('withholds everyone’s pictures and numbers in the brief and the row count in the banner when the file is small', async () => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, `score,y_recorded\n${Array.from({ length: 8 }, (_, i) => `${i / 10},${i % 2}`).join('\n')}\n`);
    const out = join(dir, 'small');
    expect(await main(['audit', file, '--out', out])).toBe(0);
    const files = textFiles(out);
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
    for (const name of ['report.html', 'brief.html', 'summary.md', 'README.md']) expect(files[name], name).toContain('; <10 rows audited.'.replace('<', name === 'README.md' ? '<' : '&lt;'));
    expect(files['brief.html']).not.toContain('data-marked');
    expect(files['brief.html']).toContain('fewer than 10 children behind it');
    expect(files['brief.html'].match(/<p class="value">suppressed<\/p>/g)).toHaveLength(3);
    // No count of the file (8 rows, 4 recorded cases) in any text of the brief.
    const text = files['brief.html'].replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/\b[48] (children|rows|recorded|of)\b/);
    expect(pdfPageCount(new Uint8Array(readFileSync(join(out, 'brief.pdf'))))).toBe(1);
  }, 60_000);

  it('hides every count under 10 and the rates of its row, in every file', async () => {
    const rows = ['score,y_recorded,area'];
    for (let i = 0; i < 200; i++) rows.push(`${(i % 100) / 100},${i % 10 === 0 ? 1 : 0},big`);
    for (let i = 0; i < 6; i++) rows.push(`0.9,${i % 2},tiny`);
    // A group of 60 with 3 recorded cases: its row is suppressed, though some of its counts are 10 or more.
    for (let i = 0; i < 60; i++) rows.push(`${i < 15 ? 0.8 : 0.2},${i % 20 === 0 ? 1 : 0},mid`);
    const file = join(dir, 'crafted.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const out = join(dir, 'a');
    expect(await main(['audit', file, '--group', 'area', '--out', out])).toBe(0);
    const groups = csvRows(readFileSync(join(out, 'groups.csv'), 'utf8'));
    const h = groups[0];
    const tiny = groups.filter((r) => r[h.indexOf('group')] === 'tiny');
    expect(tiny.length).toBeGreaterThan(0);
    for (const r of tiny) {
      expect(r[h.indexOf('n')]).toBe('<10');
      expect(r[h.indexOf('value')]).toBe('');
      expect(r[h.indexOf('suppressed')]).toBe('true');
    }
    // Within a suppressed row nothing but n is written, so no hidden count can be worked out from the others (n − tn = tp + fp + fn).
    const mid = groups.filter((r) => r[h.indexOf('group')] === 'mid');
    expect(mid.length).toBeGreaterThan(0);
    for (const r of mid) {
      expect(r[h.indexOf('n')]).toBe('60');
      for (const c of ['positives', 'flagged', 'tp', 'fp', 'fn', 'tn']) expect(r[h.indexOf(c)], c).toMatch(/^(<10)?$/);
      expect(r[h.indexOf('suppressed')]).toBe('true');
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/area: mid<\/td><td class="n">60<\/td><td class="n">withheld<\/td>/);
    const sens = csvRows(readFileSync(join(out, 'sensitivity.csv'), 'utf8'));
    const sh = sens[0];
    for (const r of sens.filter((x) => x[sh.indexOf('group')] === 'tiny')) expect(r[sh.indexOf('true_precision_upper')]).toBe('');
    for (const f of ['summary.md', 'report.html']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).toMatch(/area: tiny \| &lt;10|area: tiny<\/td><td class="n">&lt;10/);
    }
    // The new files too: the brief names no suppressed group, and "<10" is a declared missing value of the data package.
    const files = textFiles(out);
    expect(files['brief.html']).toContain('area');
    expect(files['brief.html']).not.toContain('tiny');
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
    expect(await main(['audit', file, '--min-cell', '0', '--out', join(dir, 'b')])).toBe(2);
    expect(stderr).toMatch(/--min-cell must be a whole number ≥ 1/);
  });
});

describe('bad input: one line naming the row and column, exit 2, no folder', () => {
  const cases: [string, string, string[], RegExp][] = [
    ['missing column', 'risk,y_recorded\n0.2,0\n', [], /line 1: no column "score" \(named by --score\)/],
    ['score above 1', 'score,y_recorded\n0.2,0\n1.4,1\n', [], /line 3, column "score": expected a score, a number in \[0, 1\]; got "1.4"/],
    ['score not a number', 'score,y_recorded\nNaN,0\n', [], /line 2, column "score": expected a score/],
    ['label not 0/1', 'score,y_recorded\n0.2,0\n0.3,2\n', [], /line 3, column "y_recorded": expected the recorded outcome, 0 or 1; got "2"/],
    ['empty file', '', [], /is empty: expected a header line/],
    ['header only', 'score,y_recorded\n', [], /has a header but no rows/],
    ['duplicate header', 'score,score,y_recorded\n0.1,0.2,0\n', [], /line 1: column "score" appears twice/],
    ['semicolons', 'score;y_recorded\n0,2;0\n', [], /semicolon-separated export/],
    ['ragged row', 'score,y_recorded\n0.2,0,5\n', [], /line 2: not valid CSV/],
  ];
  for (const [name, text, extra, pattern] of cases) {
    it(name, async () => {
      const file = join(dir, 'in.csv');
      writeFileSync(file, text);
      const out = join(dir, 'out');
      expect(await main(['audit', file, '--out', out, ...extra])).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('accepts a byte-order mark', async () => {
    const file = join(dir, 'bom.csv');
    writeFileSync(file, '\uFEFFscore,y_recorded\n' + Array.from({ length: 30 }, (_, i) => `${i / 30},${i % 3 === 0 ? 1 : 0}`).join('\n') + '\n');
    expect(await main(['audit', file, '--out', join(dir, 'bom')])).toBe(0);
  });
});

describe('--cohort is documented', () => {
  it('in --help and in the README', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = join(__dirname, '..', '..');
    const help = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'audit', '--help'], { encoding: 'utf8', cwd: root });
    expect(help.status).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/--cohort <column> a cohort or date column \(e\.g\. year\): each value is reported like a group, at the same cut as everyone/);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('`--cohort year` names a cohort or date column');
    expect(readme).toMatch(/\[--cohort COL\]/);
  }, 60_000);
});
