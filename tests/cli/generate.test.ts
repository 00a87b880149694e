import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.js';
import { captureCli } from './capture.js';

const io = captureCli('risklab-cli-');

async function run(...args: string[]) {
  const code = await main(args);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('risklab scenarios', () => {
  it('lists every preset on one line each', async () => {
    const r = await run('scenarios');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(8);
    expect(lines.some((l) => l.startsWith('think-family '))).toBe(true);
  });
});

describe('risklab generate', () => {
  it('writes one row per child with the documented columns, and prints the summary', async () => {
    const out = join(io.dir, 'kids.csv');
    const r = await run('generate', 'what-works-1', '--size', '500', '--seed', '3', '--cohort', '2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/true prevalence\s+recorded prevalence/);
    // The expected AUC (what outcome.oracleAuc calibrates) and the realised one with its sampling error.
    expect(r.stdout).toMatch(/oracle AUC \(pTrue vs yTrue\): expected 0\.\d{3}, target 0\.\d{3}; realised on this draw 0\.\d{3} \(sampling SE 0\.\d{3}, Hanley–McNeil\)/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(501);
    const header = lines[0].split(',');
    expect(header.slice(0, 7)).toEqual(['id', 'household', 'cohort', 'sex', 'ethnicity', 'deprivation', 'age']);
    expect(header).toContain('true_missing_episodes');
    expect(header).toContain('rec_missing_episodes');
    expect(header.slice(-3)).toEqual(['p_true', 'y_true', 'y_recorded']);
    expect(lines[1].split(',')[0]).toBe('500'); // cohort 2 ids start after cohort 1's
    expect(readdirSync(io.dir)).toEqual(['kids.csv']);
  });

  it('writes JSON rows', async () => {
    const out = join(io.dir, 'kids.json');
    expect((await run('generate', 'neutral', '--size', '50', '--out', out)).code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(50);
    expect(rows[0].y_true).toBe(rows[0].y_recorded);
  });

  it('accepts a scenario file', async () => {
    const file = join(io.dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ seed: 4, name: 'mine', population: { size: 300 } }));
    const r = await run('generate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mine \(seed 4\) — cohort 1, 300 children/);
  });

  const bad: [string, string[], RegExp][] = [
    ['unknown preset', ['generate', 'bristol'], /^risklab: scenario "bristol" is neither a preset \(.+\) nor a readable \.json file\n$/],
    ['size 0', ['generate', 'neutral', '--size', '0'], /^risklab: --size must be a whole number ≥ 1; got "0"\n$/],
    ['size not an integer', ['generate', 'neutral', '--size', '2.5'], /^risklab: --size must be a whole number ≥ 1; got "2.5"\n$/],
    ['cohort beyond the scenario', ['generate', 'neutral', '--cohort', '2'], /^risklab: --cohort must be a cohort in \[1, 1\].*; got 2\n$/],
    ['unknown option', ['generate', 'neutral', '--colour', 'red'], /unknown option '--colour'/],
    ['bad output extension', ['generate', 'neutral', '--out', 'x.txt'], /^risklab: --out must be a file name ending in \.csv or \.json; got "x\.txt"\n$/],
  ];
  it.each(bad)('%s: one-line error, exit code 2', async (_name, args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('bad scenario files: unknown key, rate outside [0, 1], shares not summing to 1', async () => {
    const cases: [object, string][] = [
      [{ seed: 1, population: { size: 10, colour: 1 } }, 'population.colour is not a known setting; remove it or check its spelling'],
      [{ seed: 1, recording: { outcome: { detection: 1.5 } } }, 'recording.outcome.detection must be a number in [0, 1]; got 1.5'],
      [
        { seed: 1, population: { groups: [{ attribute: 'sex', levels: [{ name: 'a', share: 0.7 }, { name: 'b', share: 0.7 }] }] } },
        'population.groups[0].levels[].share must sum to 1; got 1.4',
      ],
    ];
    for (const [content, message] of cases) {
      io.stderr = '';
      const file = join(io.dir, 'bad.json');
      writeFileSync(file, JSON.stringify(content));
      const out = join(io.dir, 'never.csv');
      const r = await run('generate', file, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`risklab: ${message}\n`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('an unwritable output path fails before any work and leaves nothing behind', async () => {
    const missing = join(io.dir, 'no-such-folder', 'x.csv');
    let r = await run('generate', 'neutral', '--out', missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^risklab: --out ".*x\.csv" cannot be written: folder .* does not exist\n$/);
    io.stderr = '';
    r = await run('generate', 'neutral', '--out', io.dir + '/');
    expect(r.code).toBe(2);
    if (process.getuid?.() !== 0) {
      const ro = join(io.dir, 'ro');
      spawnSync('mkdir', [ro]);
      chmodSync(ro, 0o500);
      io.stderr = '';
      r = await run('generate', 'neutral', '--out', join(ro, 'x.csv'));
      expect(r.code).toBe(2);
    }
  });

  it('a failed run never replaces a good file', async () => {
    const out = join(io.dir, 'good.csv');
    writeFileSync(out, 'good');
    const r = await run('generate', 'neutral', '--size', '-5', '--out', out);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('good');
  });
});

describe('the installed bin', () => {
  it('exits 2 with a one-line message and 0 with --help', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'risklab.js');
    const bad = spawnSync(process.execPath, [bin, 'generate', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const help = spawnSync(process.execPath, [bin, 'generate', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--cohort <k>/);
  });
});
