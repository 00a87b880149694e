import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { LIST_METRIC_NAMES } from '../../src/experiment/list/metrics.js';

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
    expect(readdirSync(out).sort()).toEqual(['config.json', 'groups.csv', 'manifest.json', 'metrics.csv', 'report.html', 'sensitivity.csv', 'summary.md']);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`Audit of scores.csv`);
  });
});

describe('small-cell suppression', () => {
  it('hides every count under 10 and the rates of its row, in every file', async () => {
    const rows = ['score,y_recorded,area'];
    for (let i = 0; i < 200; i++) rows.push(`${(i % 100) / 100},${i % 10 === 0 ? 1 : 0},big`);
    for (let i = 0; i < 6; i++) rows.push(`0.9,${i % 2},tiny`);
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
    const sens = csvRows(readFileSync(join(out, 'sensitivity.csv'), 'utf8'));
    const sh = sens[0];
    for (const r of sens.filter((x) => x[sh.indexOf('group')] === 'tiny')) expect(r[sh.indexOf('true_precision_upper')]).toBe('');
    for (const f of ['summary.md', 'report.html']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).toMatch(/area: tiny \| &lt;10|area: tiny<\/td><td class="n">&lt;10/);
    }
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
