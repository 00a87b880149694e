/**
 * Texts of running an experiment beyond one machine: the plan folder
 * (`risklab plan`, `task`, `gather`) and the BullMQ queue (`run --queue`,
 * `worker`). A sibling of src/messages.ts, which holds the rest.
 */
import { show } from './messages.js';

/** "3, 17 and 40", or the first ten and "and 57 more". */
export function listIndices(indices: readonly number[], limit = 10): string {
  const shown = indices.slice(0, limit).map(String);
  if (indices.length > limit) return `${shown.join(', ')} and ${(indices.length - limit).toLocaleString('en-GB')} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** "task 17 (scenario "north", cell "as recorded", replicate 4)". */
export function taskName(index: number, cell: { scenario: string; grid: string }, replicate: number): string {
  return `task ${index} (scenario ${show(cell.scenario)}, cell ${show(cell.grid)}, replicate ${replicate})`;
}

export const planMessages = {
  /** `plan` into a folder that holds another config's plan. */
  otherPlan: (dir: string, hash: string, experiment: string, ours: string) =>
    `--out ${show(dir)} already holds the plan of another config (${experiment}, config ${hash}; this one is ${ours}); choose another --out or remove that folder`,
  /** `plan` into a folder with other things in it. */
  notEmpty: (dir: string) => `--out ${show(dir)} exists, is not empty and holds no plan.json; choose another --out (a new or empty folder, or this config's plan folder)`,
  /** `plan` again with --save-scores changed: the tasks done would not match. */
  otherScores: (dir: string, had: boolean) =>
    `--out ${show(dir)} holds this config's plan ${had ? 'with' : 'without'} --save-scores; plan ${had ? 'with' : 'without'} it again, or choose another --out`,
  /** A folder that is not a plan folder. */
  notPlan: (dir: string, reason: string) => `${show(dir)} is not a risklab plan folder (${reason}); make one with \`risklab plan <experiment> --out ${dir}\``,
  /** plan.json was edited: its body no longer has the hash it claims. */
  hashMismatch: (path: string, claimed: string, actual: string) =>
    `${show(path)} says config ${claimed} but its resolved config hashes to ${actual}; it was edited or damaged, so make the plan again with \`risklab plan\``,
  /** No --index and no scheduler variable. */
  noIndex: 'task needs --index <i>, or SLURM_ARRAY_TASK_ID (a Slurm job array) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) in the environment',
  /** An index outside the plan. */
  badIndex: (source: string, got: unknown, count: number) => `${source} must be a whole number from 0 to ${count - 1} (the plan has ${count.toLocaleString('en-GB')} tasks); got ${show(got)}`,
  /** One task written. */
  taskWritten: (what: string, path: string, seconds: number) => `${what} written to ${path} in ${seconds.toFixed(1)} s`,
  /** The summary line of `plan`. */
  planned: (name: string, hash: string, count: number, dir: string, emitted: readonly string[]) =>
    `${name}: config ${hash}, ${count.toLocaleString('en-GB')} tasks planned in ${dir} (plan.json, tasks.csv${emitted.map((e) => `, ${e}`).join('')}); run each with \`risklab task ${dir} --index <i>\`, then \`risklab gather ${dir}\``,
  /** gather: tasks not there yet. */
  missing: (count: number, total: number, dir: string, indices: readonly number[], first: string) =>
    `gather: ${count.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} tasks are missing from ${dir}: ${listIndices(indices)} (the first is ${first}); run them with \`risklab task ${dir.replace(/\/tasks$/, '')} --index <i>\``,
  /** gather: a file of another config, or of an index outside the plan. */
  foreign: (path: string, reason: string) => `gather: ${show(path)} is not a task of this plan: ${reason}; remove it (and any other stray file) from the tasks folder`,
  /** gather: a task file that cannot be read as one. */
  damaged: (path: string, reason: string) => `gather: ${show(path)} is not a readable task result (${reason}); delete it and run that task again`,
  /** --stride without an index range that fits. */
  badStride: (got: unknown) => `--stride must be a whole number ≥ 1; got ${show(got)}`,
  /** --emit of an unknown kind. */
  badEmit: (got: unknown) => `--emit must be k8s or slurm (or both, comma-separated); got ${show(got)}`,
};

export const queueMessages = {
  /** --queue is not a Redis URL. */
  badUrl: (flag: string, got: unknown) => `${flag} must be a Redis URL such as redis://127.0.0.1:6379 (or rediss:// for TLS); got ${show(got)}`,
  /** Redis could not be reached in time. */
  unreachable: (url: string, reason: string) => `cannot reach Redis at ${url} (${reason}); is redis-server running there, and is the address right?`,
  /** A connection error while following a run (ioredis reconnects by itself). */
  connectionTrouble: (url: string, reason: string) => `Redis at ${url}: ${reason}; reconnecting`,
  /** --workers makes no sense with --queue. */
  workersWithQueue: '--workers does not apply with --queue: the tasks run in `risklab worker` processes; give those --concurrency instead',
  /** A task failed on its last attempt: named by index and with its error. */
  taskFailed: (what: string, attempts: number, reason: string) =>
    `${what} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason.replace(/\s+/g, ' ').trim().slice(0, 400)}; no results folder was written (fix the cause and run the same command again: finished tasks are kept)`,
  /** A result in Redis that does not belong where it is. */
  badResult: (what: string, reason: string) => `${what}: its result in Redis is not usable (${reason})`,
  /** No worker is listening after a while. */
  noWorkers: (queue: string, url: string) => `waiting: no worker is connected to queue ${show(queue)} yet; start some with \`risklab worker --queue ${url}${queue === 'risklab' ? '' : ` --queue-name ${queue}`}\``,
  /** The submitting side, once jobs are in. */
  submitted: (name: string, hash: string, total: number, done: number, queue: string) =>
    `${name}: config ${hash}: ${total.toLocaleString('en-GB')} tasks on queue ${show(queue)}${done > 0 ? ` (${done.toLocaleString('en-GB')} already done)` : ''}; waiting for workers`,
  /** A worker has started. */
  workerStarted: (queue: string, url: string, concurrency: number, mode: string) =>
    `worker on queue ${show(queue)} at ${url}: ${concurrency} task${concurrency === 1 ? '' : 's'} at a time (${mode}); stop with Ctrl-C or SIGTERM`,
  /** One job's outcome in a worker's log. */
  workerDone: (jobId: string, seconds: number, bytes: number) => `done ${jobId} in ${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s (${(bytes / 1000).toFixed(0)} kB gzipped)`,
  workerActive: (jobId: string) => `started ${jobId}`,
  workerFailed: (jobId: string, attempt: number, reason: string) => `failed ${jobId} (attempt ${attempt}): ${reason.replace(/\s+/g, ' ').trim().slice(0, 300)}`,
  /** A first signal: finish what is running. */
  workerClosing: (signal: string) => `${signal}: finishing the running tasks, taking no new ones (send it again to stop at once; unfinished tasks then go back to the queue after --lock-duration)`,
  workerClosed: 'worker stopped',
  /** The plan of a job is gone from Redis (the run was cleaned up). */
  planGone: (hash: string) => `the plan of config ${hash} is not in Redis any more (its run was finished and cleaned up, or Redis was emptied); submit the run again`,
};
