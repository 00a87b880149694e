import { workerData } from 'node:worker_threads';
import { serveJobs } from '../worker-pool.js';
import type { ResolvedExperiment } from './resolve.js';
import { runTask, type Task } from './task.js';

/** Worker thread: runs the tasks it is sent (src/worker-pool.ts protocol) and posts their results back. */
const { resolved, saveScores } = workerData as { resolved: ResolvedExperiment; saveScores: boolean };
serveJobs((task: Task) => runTask(resolved, task, { saveScores }));
