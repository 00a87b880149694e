import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { RisklabError } from '../src/messages.js';
import { runJobsInWorkers, type PoolData } from '../src/worker-pool.js';

/**
 * The worker pool of src/worker-pool.ts, with plain JavaScript workers that
 * speak its protocol: answers come back in job order whatever order they
 * finish in, and a failure (a RisklabError included) stops the pool.
 */
const worker = (body: string) => (pool: PoolData<number>) =>
  new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { jobs, next } = workerData.pool;
     const counter = new Int32Array(next);
     const take = () => {
       const index = Atomics.add(counter, 0, 1);
       if (index >= jobs.length) return;
       const job = jobs[index];
       ${body}
       setTimeout(take, 0);
     };
     take();`,
    { eval: true, workerData: { pool } },
  );

describe('runJobsInWorkers', () => {
  it('returns the answers in job order, whichever worker finishes first', async () => {
    // Earlier jobs take longer, so they finish last.
    const start = worker('setTimeout(() => parentPort.postMessage({ index, result: job * 10 }), (6 - job) * 15);');
    const seen: number[] = [];
    const out = await runJobsInWorkers<number, number>(start, [1, 2, 3, 4, 5], 3, (done) => seen.push(done));
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps a RisklabError’s message and field, and rejects on the first failure', async () => {
    const start = worker("parentPort.postMessage(job === 2 ? { index, error: { message: 'bad.field must be 1', risklab: true, field: 'bad.field' } } : { index, result: job });");
    const error = await runJobsInWorkers<number, number>(start, [1, 2, 3], 2).catch((e) => e);
    expect(error).toBeInstanceOf(RisklabError);
    expect(error.message).toBe('bad.field must be 1');
    expect(error.field).toBe('bad.field');
  });

  it('rejects when a worker stops before the work is done, and resolves at once with no jobs', async () => {
    await expect(runJobsInWorkers(worker('process.exit(3);'), [1], 1)).rejects.toThrow(/exit code 3/);
    await expect(runJobsInWorkers(worker(''), [], 2)).resolves.toEqual([]);
    // A worker that quits (exit code 0) without answering the job it took: the pool must not wait for ever.
    await expect(runJobsInWorkers(worker('if (job === 2) process.exit(0); parentPort.postMessage({ index, result: job });'), [1, 2, 3], 2)).rejects.toThrow(/exit code 0/);
  });

  it('lets a worker that finds no job left end while the others still work', async () => {
    // The first jobs are slow, so one worker runs dry and exits long before the other answers.
    const start = worker('const done = () => parentPort.postMessage({ index, result: job }); if (job === 1) { const t = Date.now(); while (Date.now() - t < 300); } done();');
    await expect(runJobsInWorkers<number, number>(start, [1, 2], 2)).resolves.toEqual([1, 2]);
  });
});
