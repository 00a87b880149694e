import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/**
 * `risklab check-claim` through the command line: flags and claim files,
 * the --json shape, the worked examples' sentences, and bad input (exit 2,
 * one line on stderr naming the field, nothing on stdout).
 */

let dir: string;
let stdout: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-check-claim-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const checkClaim = (...args: string[]) => main(['check-claim', ...args]);
const json = () => JSON.parse(stdout);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('check-claim input', () => {
  it('reads figures from flags', async () => {
    expect(await checkClaim('--precision', '42%', '--recall', '0.21', '--json', '--no-search')).toBe(0);
    const figures = json().figures;
    expect(figures.map((f: { name: string; text: string }) => [f.name, f.text])).toEqual([['precision', '42%'], ['recall', '0.21']]);
    expect(figures[0].lo).toBeCloseTo(0.415, 12);
    expect(figures[0].hi).toBeCloseTo(0.425, 12);
  });

  it('reads a YAML claim file, keeping "0.70" as written (its rounding is ±0.005, not ±0.05)', async () => {
    const path = file('claim.yaml', '# a supplier’s brochure\nprecision: 0.70\nrecall: 0.5\nbaseRate: 2%\noutcome: escalation\n');
    expect(await checkClaim(path, '--json', '--no-search')).toBe(0);
    const [precision, recall, baseRate] = json().figures;
    expect(precision).toMatchObject({ name: 'precision', text: '0.70' });
    expect(precision.lo).toBeCloseTo(0.695, 12);
    expect(precision.hi).toBeCloseTo(0.705, 12);
    expect(recall.lo).toBeCloseTo(0.45, 12);
    expect(baseRate.text).toBe('2%');
    expect(json().plausibility.outcome.key).toBe('escalation');
  });

  it('reads a JSON claim file the same way, numbers kept as written; flags win over the file', async () => {
    const path = file('claim.json', '{ "precision": 0.70, "recall": 0.50, "population": 1000 }');
    expect(await checkClaim(path, '--recall', '0.4', '--json', '--no-search')).toBe(0);
    const byName = Object.fromEntries(json().figures.map((f: { name: string }) => [f.name, f]));
    expect(byName.precision.text).toBe('0.70');
    expect(byName.precision.hi).toBeCloseTo(0.705, 12);
    expect(byName.recall.text).toBe('0.4');
    expect(byName.population).toMatchObject({ lo: 1000, hi: 1000 });
  });
});

describe('check-claim --json', () => {
  it('has the documented shape for a consistent claim, infinities as strings', async () => {
    expect(await checkClaim('--flagged', '>1000', '--population', '~350000', '--base-rate', '0.1%', '--outcome', 'cse', '--json')).toBe(0);
    const r = json();
    expect(Object.keys(r)).toEqual(['figures', 'consistency', 'plausibility', 'search']);
    for (const f of r.figures) expect(Object.keys(f)).toEqual(['name', 'text', 'lo', 'hi']);
    expect(r.figures.find((f: { name: string }) => f.name === 'flagged')).toMatchObject({ text: '>1000', lo: 1001, hi: 'Infinity' });
    const c = r.consistency;
    expect(c).toMatchObject({ consistent: true, method: expect.any(String), perThousand: false, conflicts: [] });
    for (const q of ['tp', 'fp', 'fn', 'tn', 'baseRate', 'flaggedShare', 'flagsPerTrueCase', 'listToPool', 'precision', 'recall', 'mcc']) {
      expect(c.implied[q], q).toEqual({ lo: expect.anything(), hi: expect.anything() });
    }
    expect(c.implied.precision.hi).toBeCloseTo((0.0015 * 355000) / 1001, 3);
    expect(r.plausibility.outcome).toMatchObject({ key: 'cse', label: expect.any(String) });
    expect(r.plausibility.outcome.comparisons[0]).toMatchObject({ lo: 0.001, hi: 0.001, confidence: 'medium', ratioLo: expect.any(Number), ratioHi: expect.any(Number) });
    // No rate is claimed, so there is nothing to reproduce against records.
    expect(r.search).toEqual({ skipped: expect.stringMatching(/no rate or AUC/) });
  });

  it('names the conflicting figures of an inconsistent claim and skips the rest', async () => {
    expect(await checkClaim('--accuracy', '0.90', '--precision', '0.50', '--recall', '0.40', '--mcc', '0.60', '--json')).toBe(0);
    const r = json();
    expect(r.consistency).toMatchObject({ consistent: false, implied: null });
    const [conflict] = r.consistency.conflicts;
    expect(conflict.figures).toEqual(['precision', 'recall', 'mcc']);
    const mcc = conflict.parts.find((p: { figure: string }) => p.figure === 'mcc');
    expect(Object.keys(mcc).sort()).toEqual(['allowed', 'direction', 'figure', 'gap', 'published']);
    expect(mcc).toMatchObject({ direction: 'high', published: { lo: 0.595, hi: 0.605 } });
    expect(mcc.allowed.hi).toBeCloseTo(Math.sqrt(0.405 * 0.505), 3);
    expect(mcc.gap).toBeCloseTo(0.595 - Math.sqrt(0.405 * 0.505), 3);
    expect(r.plausibility).toBeNull();
    expect(r.search).toBeNull();
  });

  it('carries the search: settings, targets, every cell judged on records and truth, and a summary', async () => {
    const args = ['--precision', '0.42', '--recall', '0.21', '--base-rate', '5%', '--grid-auc', '0.8', '--grid-detection', '1', '--grid-leakage', '0,0.5', '--children', '2000', '--seed', '7', '--json'];
    expect(await checkClaim(...args)).toBe(0);
    const s = json().search;
    expect(s.settings).toMatchObject({ presetName: 'think-family', seed: 7, oracleAuc: [0.8], detection: [1], leakage: [0, 0.5], children: 2000, tolerance: 0.02 });
    expect(s.settings.preset).toBeUndefined();
    expect(s.targets.map((t: { metric: string }) => t.metric)).toEqual(['precision', 'recall']);
    expect(s.cells).toHaveLength(2);
    for (const cell of s.cells) {
      expect(Object.keys(cell.recorded).sort()).toEqual(['auc', 'precision', 'recall', 'selectionRate']);
      expect(Object.keys(cell.truth).sort()).toEqual(['auc', 'precision', 'recall', 'selectionRate']);
      expect(cell.children).toBe(2000);
    }
    expect(s.summary).toMatchObject({ cells: 2, matching: expect.any(Number) });
    const first = stdout;
    stdout = '';
    expect(await checkClaim(...args)).toBe(0);
    expect(stdout).toBe(first);
  });
});

describe('check-claim search on worker threads', () => {
  it('prints the same JSON on 1 and on 2 workers, with progress counted in settings', async () => {
    const args = ['--precision', '0.42', '--recall', '0.21', '--base-rate', '5%', '--grid-auc', '0.7,0.8,0.9', '--grid-detection', '0.6,1', '--grid-leakage', '0,0.5', '--children', '2000', '--json'];
    expect(await checkClaim(...args, '--workers', '1')).toBe(0);
    const one = stdout;
    expect(stderr).toMatch(/check-claim search: 0\/12 settings, 0 s elapsed\n/);
    expect(stderr).toMatch(/check-claim search: 12\/12 settings/);
    stdout = '';
    expect(await checkClaim(...args, '--workers', '2')).toBe(0);
    expect(JSON.parse(stdout).search.cells).toHaveLength(12);
    expect(stdout).toBe(one);
  }, 60_000);

  it('refuses --workers 0 with one line', async () => {
    expect(await checkClaim('--precision', '0.42', '--workers', '0')).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--workers/);
  });
});

describe('check-claim worked examples (README)', () => {
  it('What Works: a list about half the size of the group with the outcome', async () => {
    expect(await checkClaim('--precision', '0.42', '--recall', '0.21')).toBe(0);
    expect(stdout).toContain('Of every 100 children on the list, about 42 have the outcome and about 58 do not.');
    expect(stdout).toContain('Of every 100 children with the outcome, about 21 are on the list and about 79 are missed.');
    expect(stdout).toContain('The list is about half the size of the group of children who have the outcome: 0.48–0.52 children on it for each child with the outcome.');
    expect(stdout).toContain('F1, one score from 0 to 1 that combines precision and recall, is 0.27–0.29.');
  });

  it('Bristol: more than 1,000 on a list is at most 0.53 precise', async () => {
    expect(await checkClaim('--flagged', '>1000', '--population', '~350000', '--base-rate', '0.1%', '--outcome', 'cse')).toBe(0);
    expect(stdout).toContain(
      'Precision is at most 0.53: even if every child with the outcome were on the list, at least 468 of every 1,000 children on it would not have the outcome.',
    );
  });
});

describe('check-claim words for a commissioner', () => {
  const readable = (text: string) => {
    expect(text).not.toMatch(/\d\.\d{4,}/); // no number with more than three decimals
    expect(text).not.toMatch(/\d{7,}\.\d/); // no absurd ratio standing for "unbounded"
    expect(text).not.toMatch(/(^|[\s(])-\d/m); // negatives with a true minus sign
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  };

  it('an inconsistent set: which figure, what the others allow, by how much, what could explain it', async () => {
    expect(await checkClaim('--accuracy', '0.90', '--precision', '0.50', '--recall', '0.40', '--mcc', '0.60')).toBe(0);
    expect(stdout).toContain('No. No table of children gives all of these figures at once, however they were rounded.');
    expect(stdout).toContain('These cannot all be true together: precision, recall and MCC.');
    expect(stdout).toContain('With precision and recall as published, MCC could only be −0.55 to 0.45; the published 0.60 is at least 0.14 too high.');
    expect(stdout).toContain('What could explain it:');
    expect(stdout).toContain('averages over several models, areas or years');
    readable(stdout);
  });

  it('the worked examples print numbers rounded for reading', async () => {
    expect(await checkClaim('--precision', '0.42', '--recall', '0.21')).toBe(0);
    expect(stdout).toContain('These figures leave the base rate open (0%–78%)');
    expect(stdout).toMatch(/specificity \(share without it not on the list\) +not pinned down by these figures/);
    expect(stdout).toMatch(/MCC \(correlation of list and outcome, −1 to 1\) +−0\.679 to 0\.302/);
    readable(stdout);
    stdout = '';
    expect(await checkClaim('--flagged', '>1000', '--population', '~350000', '--base-rate', '0.1%', '--outcome', 'cse')).toBe(0);
    expect(stdout).toContain('children flagged >1000 (1,001 or more)');
    expect(stdout).toMatch(/base rate \(share with the outcome\) +0\.05%–0\.15%/);
    expect(stdout).toMatch(/children on the list for each one on it with the outcome +1\.88 or more/);
    expect(stdout).toContain('The base rate (0.05%–0.15%) is 0.5 to 1.5 times the published figure for recorded child sexual exploitation among all children in England in a year (0.1%; medium confidence).');
    expect(stdout).toContain('is 1.7%–5% of the published figure for recorded child sexual exploitation among children in need (3%; medium confidence)');
    readable(stdout);
  });
});

describe('check-claim bad input: exit 2, one line naming the field, nothing on stdout', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['an unknown figure in a claim file', () => [file('typo.yaml', 'precison: 0.4\nrecall: 0.2\n')], /"precison" is not a figure a claim can state; known: precision, recall/],
    ['an unknown figure flag', () => ['--precison', '0.4'], /unknown option '--precison'/],
    ['a malformed number', () => ['--precision', '0.4x2', '--recall', '0.2'], /^risklab: precision must be a number in \[0, 1\] or a percentage.*; got "0\.4x2"$/],
    ['a rate above 1', () => ['--precision', '0.4', '--recall', '1.4'], /^risklab: recall must be a number in \[0, 1\].*; got "1\.4"$/],
    ['a negative rate', () => ['--fpr', '-0.1', '--recall', '0.5'], /^risklab: fpr must be a number in \[0, 1\].*; got "-0\.1"$/],
    ['a rate above 100%', () => ['--base-rate', '120%', '--precision', '0.5'], /^risklab: baseRate must be a number in \[0, 1\].*; got "120%"$/],
    ['a count that is not whole', () => ['--population', '1000.5', '--precision', '0.5'], /^risklab: population must be a whole number of children/],
    ['a bad rate in a YAML file', () => [file('bad.yaml', 'precision: 1.2\n')], /^risklab: precision must be a number in \[0, 1\].*; got "1\.2"$/],
    ['an unreadable claim file', () => [join(dir, 'missing.yaml'), '--precision', '0.4'], /^risklab: claim file ".*missing\.yaml" could not be read: ENOENT/],
    ['a file that is not JSON or YAML', () => [file('broken.json', '{ "precision": 0.4, ')], /^risklab: claim file ".*broken\.json" is not valid JSON or YAML/],
    ['a file holding a list', () => [file('list.yaml', '- 0.4\n- 0.2\n')], /^risklab: claim file ".*list\.yaml" must hold an object/],
    ['no figures at all', () => [], /^risklab: check-claim needs at least one figure/],
    ['an unknown outcome', () => ['--precision', '0.4', '--outcome', 'burglary'], /^risklab: --outcome must be one of cse, escalation or a prevalence/],
    ['a bad grid', () => ['--precision', '0.4', '--base-rate', '1%', '--grid-auc', '0.4'], /^risklab: --grid-auc must be numbers in \(0\.5, 1\); got 0\.4$/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, async () => {
      expect(await checkClaim(...args())).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.endsWith('\n')).toBe(true);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(pattern);
    });
  }
});
