import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanStaleTemporaries } from '../../src/io/atomic.js';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'risklab.js');
let dir: string;

/** A small experiment file outside the repository: 12 tasks of about a second each. */
const EXPERIMENT = `export default {
  name: 'slow',
  question: 'Does a run stop cleanly?',
  sources: ['a test'],
  seed: 1,
  scenarios: [{ label: 'a', preset: 'neutral', overrides: { population: { size: 20000 } } }],
  models: [{ name: 'logistic' }, { name: 'forest', params: { nTrees: 20 } }],
  split: { kind: 'holdout', testShare: 0.3 },
  operatingPoints: [{ rule: 'threshold', value: 0.5 }],
  replicates: 12,
  quick: { replicates: 1, size: 500 },
};
`;

/** Every file under `folder` (but manifest.json) → its SHA-256. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = createHash('sha256').update(readFileSync(join(d, e.name))).digest('hex');
    }
  };
  walk(folder, '');
  return out;
}

/** Pids of processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const r = spawnSync('pgrep', ['-f', text], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number).filter((p) => p !== process.pid);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-signals-'));
  writeFileSync(join(dir, 'slow.ts'), EXPERIMENT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s to bin/risklab.js during a run', (signal, code) => {
  it(`stops within 5 s with exit ${code}: nothing left running, the old results byte-identical, no temporary folder`, async () => {
    const out = join(dir, `out-${signal}`);
    // A good results folder first (one replicate), through the same command from another cwd.
    const good = spawnSync(process.execPath, [bin, 'run', join(dir, 'slow.ts'), '--replicates', '1', '--out', out], { cwd: dir, encoding: 'utf8' });
    expect(good.status, good.stderr).toBe(0);
    const before = snapshot(join(out, 'slow'));
    const child = spawn(process.execPath, [bin, 'run', join(dir, 'slow.ts'), '--out', out], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        if (/slow: 1\/12 tasks/.test(stderr)) resolve();
      });
      child.on('exit', () => reject(new Error(`ended before the first task: ${stderr}`)));
    });
    expect(readdirSync(out).some((f) => f.startsWith('.risklab-tmp-'))).toBe(true); // the run's temporary folder exists
    const sent = Date.now();
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(exit).toBe(code);
    expect(stderr.trim().split('\n').pop()).toBe(`risklab: stopped by ${signal}; nothing was replaced and temporary files were removed`);
    expect(processesMentioning(`--out ${out}`)).toEqual([]);
    expect(readdirSync(out)).toEqual(['slow']);
    expect(snapshot(join(out, 'slow'))).toEqual(before);
  });
});

/** A pid that is certainly not running (a finished child's). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('after a SIGKILL', () => {
  it("a run removes dead processes' temporaries in its --out, and keeps a live process's", () => {
    const out = join(dir, 'stale');
    mkdirSync(join(out, 'slow'), { recursive: true });
    const dead = deadPid();
    mkdirSync(join(out, `.risklab-tmp-${dead}-1-new-slow`));
    writeFileSync(join(out, `.risklab-tmp-${dead}-2-file-x.csv`), 'partial');
    const live = join(out, `.risklab-tmp-${process.pid}-1-new-slow`);
    mkdirSync(live);
    const r = spawnSync(process.execPath, [bin, 'run', join(dir, 'slow.ts'), '--quick', '--out', out], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`.risklab-tmp-${process.pid}-1-new-slow`, 'slow']);
    rmSync(live, { recursive: true });
  });

  it('killed between the two renames (old results moved aside, new not yet in place): the next start puts the old folder back', () => {
    const out = join(dir, 'between');
    const dead = deadPid();
    const old = join(out, `.risklab-tmp-${dead}-2-old-slow`);
    mkdirSync(old, { recursive: true });
    writeFileSync(join(old, 'metrics.csv'), 'the previous results\n');
    mkdirSync(join(out, `.risklab-tmp-${dead}-1-new-slow`));
    writeFileSync(join(out, `.risklab-tmp-${dead}-1-new-slow`, 'metrics.csv'), 'complete but never renamed\n');
    expect(cleanStaleTemporaries(out).map((d) => d.action).sort()).toEqual(['removed', 'restored']);
    expect(readdirSync(out)).toEqual(['slow']);
    expect(readFileSync(join(out, 'slow', 'metrics.csv'), 'utf8')).toBe('the previous results\n');
    // Killed after the second rename: the old copy is removed, the new results stay.
    mkdirSync(old);
    expect(cleanStaleTemporaries(out)).toEqual([{ path: old, action: 'removed' }]);
    expect(readFileSync(join(out, 'slow', 'metrics.csv'), 'utf8')).toBe('the previous results\n');
    expect(existsSync(old)).toBe(false);
    expect(statSync(join(out, 'slow')).isDirectory()).toBe(true);
  });
});
