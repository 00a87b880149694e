import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRun } from '../../src/cli/run.js';

// `risklab start` starts the next experiment's tasks before writing this one's folder (src/cli/start.ts); a run it must give up is aborted.
describe('startRun', () => {
  const dir = mkdtempSync(join(tmpdir(), 'risklab-start-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('aborted after its tasks: no results folder and no temporary folder left', async () => {
    const run = await startRun('base-rate', { quick: true, replicates: 1, out: dir, workers: 1, progress: 'none' });
    expect(readdirSync(dir).some((f) => f.startsWith('.risklab-tmp'))).toBe(true);
    await run.tasksDone;
    await run.abort();
    expect(existsSync(join(dir, 'base-rate'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 240_000);

  it('written: the folder is in place with its brief.pdf', async () => {
    const run = await startRun('base-rate', { quick: true, replicates: 1, out: dir, workers: 2, progress: 'none' });
    await run.tasksDone;
    const result = await run.write();
    expect(result.findings.headline.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'base-rate'))).toEqual(expect.arrayContaining(['brief.pdf', 'metrics.csv', 'report.html']));
    expect(readdirSync(dir).filter((f) => f.startsWith('.risklab-tmp'))).toEqual([]);
  }, 240_000);
});
