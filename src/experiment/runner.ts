import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { RisklabError } from '../messages.js';
import { aggregate, type ExperimentResult } from './aggregate.js';
import { replicateSeed, type ResolvedExperiment } from './resolve.js';
import { runTask, type Task, type TaskResult } from './task.js';
import { startModuleWorker } from '../runtime.js';

export interface RunOptions {
  /** Worker threads. Default: the machine's cores. 1 runs in this thread. */
  readonly workers?: number;
  /** Keep every test child's score (scores.csv). Default false. */
  readonly saveScores?: boolean;
  /** Called after each task with the count done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
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
    out.push(await runTask(resolved, task, { saveScores: options.saveScores }));
    options.onProgress?.(out.length, tasks.length);
  }
  return out;
}

/** A worker thread running worker.ts (compiled: worker.js); src/runtime.ts decides how it loads. */
function startWorker(data: unknown): Worker {
  return startModuleWorker(new URL('./worker.js', import.meta.url), data);
}

/**
 * Run the tasks on `count` worker threads. The workers take tasks from a
 * shared counter (Atomics), not from messages of this thread, so they keep
 * working while this thread is busy (`risklab start` writes one
 * experiment's report while the next one's tasks run); results arrive in
 * any order and are sorted by the caller.
 */
function runInWorkers(resolved: ResolvedExperiment, tasks: Task[], count: number, options: RunOptions): Promise<TaskResult[]> {
  return new Promise((resolve, reject) => {
    const results: TaskResult[] = [];
    const pool: Worker[] = [];
    const next = new SharedArrayBuffer(4);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      // No worker takes another task.
      Atomics.store(new Int32Array(next), 0, tasks.length);
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker({ resolved, saveScores: options.saveScores ?? false, tasks, next });
      pool.push(w);
      w.on('message', (m: { result?: TaskResult; error?: { message: string; risklab: boolean; field?: string } }) => {
        if (m.error) return finish(m.error.risklab ? new RisklabError(m.error.message, m.error.field) : new Error(m.error.message));
        results.push(m.result!);
        options.onProgress?.(results.length, tasks.length);
        if (results.length === tasks.length) finish();
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (code !== 0 && results.length < tasks.length) finish(new Error(`a worker stopped with exit code ${code}`));
      });
    }
  });
}
