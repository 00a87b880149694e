import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { RisklabError } from './messages.js';

/**
 * A small pool of worker threads for independent jobs: the workers take the
 * next job from a shared counter (Atomics on a SharedArrayBuffer), never
 * from a message of the main thread, so they keep working while the main
 * thread is busy (`risklab start` writes one experiment's report while the
 * next one's tasks run). The answers are put back in job order, so the
 * result does not depend on how many workers there are or which finished
 * first — provided each job is seeded from its own description, never from
 * a stream shared between jobs.
 *
 * Both halves live here: `runJobsInWorkers` (main thread) and `serveJobs`
 * (the worker module's one call). The protocol: the worker is started with
 * `workerData.pool = { jobs, next }`; it takes index `Atomics.add(next, 0, 1)`
 * until that passes the last job, and answers `{ index, result }` or
 * `{ index, error }` (a RisklabError keeps its one-line message and field;
 * an error ends that worker's loop). Workers are started by the caller's
 * `start(pool)`, which must put `pool` into its workerData (normally through
 * `startModuleWorker` of src/runtime.ts, which runs the compiled JavaScript
 * in dist/, or the TypeScript through tsx).
 *
 * @example
 * // main thread
 * const cells = await runJobsInWorkers((pool) => startModuleWorker(new URL('./search-worker.js', import.meta.url), { settings, pool }), units, 2);
 * // search-worker.ts
 * serveJobs((unit) => runSearchUnit(settings, unit));
 */

/** A job's failure as it crosses the thread boundary. */
interface JobError {
  readonly message: string;
  readonly risklab: boolean;
  readonly field?: string;
}

/** What every worker of a pool is given (as `workerData.pool`). */
export interface PoolData<J> {
  readonly jobs: readonly J[];
  /** One Int32: the index of the next job to take. */
  readonly next: SharedArrayBuffer;
}

type FromWorker<R> = { index: number; result: R } | { index: number; error: JobError };

/**
 * Run `jobs` on `workers` threads (at least 1, at most one per job) made
 * by `start`; resolve with the results in job order. The first failure
 * stops every worker and rejects (a RisklabError stays a RisklabError).
 * `onResult(done, total, result, index)` is called after each job, with
 * its result as soon as it arrives (in the order jobs finish).
 */
export function runJobsInWorkers<J, R>(start: (pool: PoolData<J>) => Worker, jobs: readonly J[], workers: number, onResult?: (done: number, total: number, result: R, index: number) => void): Promise<R[]> {
  const count = Math.max(1, Math.min(workers, jobs.length));
  return new Promise((resolve, reject) => {
    const results = new Array<R>(jobs.length);
    const pool: Worker[] = [];
    const next = new SharedArrayBuffer(4);
    let done = 0;
    let alive = count;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      // No worker takes another job.
      Atomics.store(new Int32Array(next), 0, jobs.length);
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    if (jobs.length === 0) return finish();
    for (let i = 0; i < count; i++) {
      const w = start({ jobs, next });
      pool.push(w);
      w.on('message', (m: FromWorker<R>) => {
        if ('error' in m) return finish(m.error.risklab ? new RisklabError(m.error.message, m.error.field) : new Error(m.error.message));
        results[m.index] = m.result;
        done++;
        onResult?.(done, jobs.length, m.result, m.index);
        if (done === jobs.length) finish();
      });
      w.on('error', (e) => finish(e));
      // A worker that finds no job left ends (exit code 0) while others still work; a non-zero
      // exit, or every worker gone with answers missing, is a failure.
      w.on('exit', (code) => {
        alive--;
        if (done < jobs.length && (code !== 0 || alive === 0)) finish(new Error(`a worker thread stopped with exit code ${code} before every job was done`));
      });
    }
  });
}

/**
 * The worker side: take jobs from the pool's shared counter and answer each
 * with `handle(job)` (awaited), one at a time, until none is left or one
 * fails. Call once, at the top level of the worker module.
 */
export function serveJobs<J, R>(handle: (job: J) => Promise<R> | R): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs must run in a worker thread');
  const { jobs, next } = (workerData as { pool: PoolData<J> }).pool;
  const counter = new Int32Array(next);
  void (async () => {
    for (let index = Atomics.add(counter, 0, 1); index < jobs.length; index = Atomics.add(counter, 0, 1)) {
      try {
        port.postMessage({ index, result: await handle(jobs[index]) });
      } catch (e) {
        const err = e as Error;
        const error: JobError = { message: e instanceof RisklabError ? err.message : (err.stack ?? err.message), risklab: e instanceof RisklabError, field: (e as RisklabError).field };
        port.postMessage({ index, error });
        return;
      }
    }
  })();
}
