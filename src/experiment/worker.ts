import { workerData } from 'node:worker_threads';
import { serveJobs } from '../worker-pool.js';
import type { ResolvedExperiment } from './resolve.js';
import { runTask, type Task } from './task.js';

/** Worker thread: takes tasks from the pool's shared counter (src/worker-pool.ts), runs them and posts their results back. */
const { resolved, saveScores } = workerData as { resolved: ResolvedExperiment; saveScores: boolean };
serveJobs((task: Task) => runTask(resolved, task, { saveScores }));
