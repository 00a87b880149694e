import { parentPort, type Worker } from 'node:worker_threads';
import { RisklabError } from './messages.js';

/**
 * A small pool of worker threads for independent jobs: the main thread
 * hands each idle worker the next job and puts the answers back in job
 * order, so the result does not depend on how many workers there are or
 * which finished first — provided each job is seeded from its own
 * description, never from a stream shared between jobs.
 *
 * Both halves live here: `runJobsInWorkers` (main thread) and `serveJobs`
 * (the worker module's one call). The protocol: the worker posts
 * `{ ready: true }` once loaded; the pool sends `{ index, job }`; the
 * worker answers `{ index, result }` or `{ index, error }` (a RisklabError
 * keeps its one-line message and field). Workers are started by the
 * caller's `start` (normally `startModuleWorker` of src/runtime.ts, which
 * runs the compiled JavaScript in dist/, or the TypeScript through tsx).
 *
 * @example
 * // main thread
 * const cells = await runJobsInWorkers(() => startModuleWorker(new URL('./search-worker.js', import.meta.url), settings), units, 2);
 * // search-worker.ts
 * serveJobs((unit, settings) => runSearchUnit(settings, unit));
 */

/** A job's failure as it crosses the thread boundary. */
interface JobError {
  readonly message: string;
  readonly risklab: boolean;
  readonly field?: string;
}

type FromWorker<R> = { ready: true } | { index: number; result: R } | { index: number; error: JobError };

/**
 * Run `jobs` on `workers` threads (at least 1, at most one per job) made
 * by `start`; resolve with the results in job order. The first failure
 * stops every worker and rejects (a RisklabError stays a RisklabError).
 * `onResult(done, total)` is called after each job.
 */
export function runJobsInWorkers<J, R>(start: () => Worker, jobs: readonly J[], workers: number, onResult?: (done: number, total: number) => void): Promise<R[]> {
  const count = Math.max(1, Math.min(workers, jobs.length));
  return new Promise((resolve, reject) => {
    const results = new Array<R>(jobs.length);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    if (jobs.length === 0) return finish();
    const feed = (w: Worker) => {
      if (next < jobs.length) {
        w.postMessage({ index: next, job: jobs[next] });
        next++;
      }
    };
    for (let i = 0; i < count; i++) {
      const w = start();
      pool.push(w);
      w.on('message', (m: FromWorker<R>) => {
        if ('ready' in m) return feed(w);
        if ('error' in m) return finish(m.error.risklab ? new RisklabError(m.error.message, m.error.field) : new Error(m.error.message));
        results[m.index] = m.result;
        done++;
        onResult?.(done, jobs.length);
        if (done === jobs.length) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (done < jobs.length) finish(new Error(`a worker thread stopped with exit code ${code} before every job was done`));
      });
    }
  });
}

/**
 * The worker side: answer each job the pool sends with `handle(job)`
 * (awaited), one at a time. Call once, at the top level of the worker
 * module.
 */
export function serveJobs<J, R>(handle: (job: J) => Promise<R> | R): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs must run in a worker thread');
  port.on('message', async (m: { index: number; job: J }) => {
    try {
      port.postMessage({ index: m.index, result: await handle(m.job) });
    } catch (e) {
      const err = e as Error;
      const error: JobError = { message: e instanceof RisklabError ? err.message : (err.stack ?? err.message), risklab: e instanceof RisklabError, field: (e as RisklabError).field };
      port.postMessage({ index: m.index, error });
    }
  });
  port.postMessage({ ready: true });
}
