import { availableParallelism } from 'node:os';
import { aggregate, type ExperimentResult } from './aggregate.js';
import { replicateSeed, type ResolvedExperiment } from './resolve.js';
import { runTask, type Task, type TaskResult } from './task.js';
import { startModuleWorker } from '../runtime.js';
import { runJobsInWorkers, type PoolData } from '../worker-pool.js';

export interface RunOptions {
  /** Worker threads. Default: the machine's cores. 1 runs in this thread. */
  readonly workers?: number;
  /** Keep every test child's score (scores.csv). Default false. */
  readonly saveScores?: boolean;
  /** Called after each task with the count done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with each task's result as soon as it is done (in the order tasks finish): work that needs one task only can be done while the others run (`openAggregate`). */
  readonly onResult?: (result: TaskResult) => void;
}

/** Every (cell, replicate) pair, in a fixed order. */
export function planTasks(resolved: ResolvedExperiment): Task[] {
  const tasks: Task[] = [];
  for (let replicate = 0; replicate < resolved.replicates; replicate++) {
    for (const cell of resolved.cells) tasks.push({ index: tasks.length, cell: cell.index, replicate });
  }
  return tasks;
}

/** Worker threads a run uses: the number asked for (default the machine's cores), never more than there are tasks, at least 1. */
export function workerCount(requested: number | undefined, tasks: number): number {
  return Math.max(1, Math.min(requested ?? availableParallelism(), tasks));
}

/**
 * Every task's seed, in task order: the (scenario, replicate) seed its
 * cohorts are drawn from (cells of one scenario share it), for manifest.json.
 */
export function taskSeeds(resolved: ResolvedExperiment): { task: number; scenario: string; grid: string; replicate: number; seed: string }[] {
  return planTasks(resolved).map((t) => {
    const cell = resolved.cells[t.cell];
    return { task: t.index, scenario: cell.scenarioLabel, grid: cell.gridLabel, replicate: t.replicate, seed: replicateSeed(resolved.experiment, cell.scenarioLabel, t.replicate) };
  });
}

/**
 * Run an experiment: spread its tasks over worker threads and aggregate.
 * Each task is self-contained and seeded from its own (scenario, replicate)
 * seed, and results are put back in task order, so the result is identical
 * whatever the number of workers.
 */
export async function runExperiment(
  resolved: ResolvedExperiment,
  options: RunOptions = {},
): Promise<{ result: ExperimentResult; tasks: TaskResult[] }> {
  const results = await runTasks(resolved, options);
  return { result: aggregate(resolved, results), tasks: results };
}

/** Run every task of an experiment (as `runExperiment`) without aggregating: the task results in task order. */
export async function runTasks(resolved: ResolvedExperiment, options: RunOptions = {}): Promise<TaskResult[]> {
  const tasks = planTasks(resolved);
  const workers = workerCount(options.workers, tasks.length);
  const results = workers === 1 ? await runInThread(resolved, tasks, options) : await runInWorkers(resolved, tasks, workers, options);
  return results.sort((a, b) => a.task.index - b.task.index);
}

async function runInThread(resolved: ResolvedExperiment, tasks: Task[], options: RunOptions): Promise<TaskResult[]> {
  const out: TaskResult[] = [];
  for (const task of tasks) {
    const result = await runTask(resolved, task, { saveScores: options.saveScores });
    out.push(result);
    options.onResult?.(result);
    options.onProgress?.(out.length, tasks.length);
  }
  return out;
}

/**
 * Tasks on worker threads running worker.ts (compiled: worker.js; src/runtime.ts
 * decides how it loads), through the one pool of src/worker-pool.ts: the
 * workers take tasks from a shared counter, so they keep working while this
 * thread is busy (`risklab start` writes one experiment's report while the
 * next one's tasks run).
 */
function runInWorkers(resolved: ResolvedExperiment, tasks: Task[], count: number, options: RunOptions): Promise<TaskResult[]> {
  const start = (pool: PoolData<Task>) => startModuleWorker(new URL('./worker.js', import.meta.url), { resolved, saveScores: options.saveScores ?? false, pool });
  return runJobsInWorkers<Task, TaskResult>(start, tasks, count, (done, total, result) => {
    options.onResult?.(result);
    options.onProgress?.(done, total);
  });
}
