import { parentPort, workerData } from 'node:worker_threads';
import { RisklabError } from '../messages.js';
import type { ResolvedExperiment } from './resolve.js';
import { runTask, type Task } from './task.js';

/** Worker thread: runs the tasks it is sent and posts their results back. */
const { resolved, saveScores } = workerData as { resolved: ResolvedExperiment; saveScores: boolean };
const port = parentPort!;
port.on('message', async (m: { task: Task }) => {
  try {
    port.postMessage({ result: await runTask(resolved, m.task, { saveScores }) });
  } catch (e) {
    const err = e as Error;
    port.postMessage({
      error: { message: e instanceof RisklabError ? err.message : (err.stack ?? err.message), risklab: e instanceof RisklabError, field: (e as RisklabError).field },
    });
  }
});
port.postMessage({ ready: true });
