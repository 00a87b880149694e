import { parentPort, workerData } from 'node:worker_threads';
import { RisklabError } from '../messages.js';
import type { ResolvedExperiment } from './resolve.js';
import { runTask, type Task } from './task.js';

/**
 * Worker thread: takes the next task from the shared counter (so workers
 * never wait for the main thread to hand them one, even while it is busy
 * writing another experiment's report), runs it and posts its result back,
 * until every task is taken. An error is posted and ends this worker's loop.
 */
const { resolved, saveScores, tasks, next } = workerData as { resolved: ResolvedExperiment; saveScores: boolean; tasks: Task[]; next: SharedArrayBuffer };
const port = parentPort!;
const counter = new Int32Array(next);

async function work(): Promise<void> {
  for (let i = Atomics.add(counter, 0, 1); i < tasks.length; i = Atomics.add(counter, 0, 1)) {
    try {
      port.postMessage({ result: await runTask(resolved, tasks[i], { saveScores }) });
    } catch (e) {
      const err = e as Error;
      port.postMessage({
        error: { message: e instanceof RisklabError ? err.message : (err.stack ?? err.message), risklab: e instanceof RisklabError, field: (e as RisklabError).field },
      });
      return;
    }
  }
}
void work();
