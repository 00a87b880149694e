/**
 * The submitting side of `risklab run --queue`: put a run's tasks on a
 * BullMQ queue, follow them across every worker (QueueEvents), and hand
 * back every task's result once all are done.
 *
 * - Each task is a job with id `<configHash>-<index>`: submitting the same
 *   run again (after Ctrl-C, from another machine, twice at once) adds
 *   nothing that is already there, and tasks already done are not run again.
 * - A failed attempt is retried `attempts − 1` times with exponential
 *   backoff; a task whose last attempt fails ends the submission with its
 *   index and error (the other tasks go on; submitting again retries it).
 * - Completion is followed through the queue's events and, as a safety net
 *   for events missed while a connection was down, by reading the results
 *   hash whenever nothing has been heard for a few seconds.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { RisklabError } from '../messages.js';
import { queueMessages } from '../messages-queue.js';
import type { ResolvedExperiment } from '../experiment/resolve.js';
import type { TaskResult } from '../experiment/task.js';
import { describeTask, parseTaskFile, planJson, planTaskList, taskMismatch, type Plan, parsePlan } from './plan.js';
import type { TaskJobData } from './processor.js';
import { checkReachable, connect, DEFAULT_QUEUE, jobId, jobIndex, planKey, PREFIX, resultsKey, shownUrl } from './redis.js';

export interface SubmitOptions {
  readonly url: string;
  /** Default "risklab". */
  readonly queue?: string;
  /** Attempts per task. Default 3. */
  readonly attempts?: number;
  /** First retry delay in ms, doubling each time. Default 5000. */
  readonly backoff?: number;
  readonly saveScores?: boolean;
  /** Tasks done so far, across all workers. */
  readonly onProgress?: (done: number, total: number) => void;
  /** One line for the user (the submission, no worker yet). */
  readonly onNotice?: (line: string) => void;
  /** ms without news before the results hash is read again. Default 5000. */
  readonly pollMs?: number;
}

/** A run on the queue, once every task is done. */
export interface QueuedRun {
  /** Every task's result, in task order. */
  readonly tasks: TaskResult[];
  /** Remove the run's jobs, results and plan from Redis (after its results folder is written). */
  forget(): Promise<void>;
  /** Disconnect. */
  close(): Promise<void>;
}

const CHUNK = 500;

/** Submit a resolved experiment's tasks and wait until every one is done. */
export async function submitRun(resolved: ResolvedExperiment, options: SubmitOptions): Promise<QueuedRun> {
  await checkReachable(options.url);
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const hash = resolved.configHash;
  const plan = parsePlan(planJson(resolved, { saveScores: options.saveScores }), 'the plan');
  const tasks = planTaskList(plan);
  const reported = new Set<string>();
  const notice = (e: Error) => {
    if (!reported.has(e.message)) options.onNotice?.(queueMessages.connectionTrouble(shownUrl(options.url), e.message));
    reported.add(e.message);
  };
  const redis = connect(options.url, notice);
  const eventsConnection = connect(options.url, notice);
  const queue = new Queue<TaskJobData>(queueName, { connection: redis, prefix: PREFIX });
  const events = new QueueEvents(queueName, { connection: eventsConnection, prefix: PREFIX });
  // BullMQ leaves connections it was given open: close them here.
  const close = async () => {
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    redis.disconnect();
  };
  try {
    await events.waitUntilReady();
    await redis.set(planKey(queueName, hash), gzipSync(planJson(resolved, { saveScores: options.saveScores })));
    const done = new Set(await storedResults(redis, queueName, hash));
    options.onNotice?.(queueMessages.submitted(resolved.experiment.name, hash, tasks.length, done.size, queueName));
    const waiting = waitForAll(plan, tasks.length, done, events, queue, redis, options);
    await addJobs(queue, hash, tasks.length, options);
    await retryFailed(queue, hash);
    await waiting.promise(done);
    const results = await readResults(redis, queueName, plan, tasks);
    return {
      tasks: results,
      forget: () => forgetRun(queue, redis, queueName, hash, tasks.length),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

async function addJobs(queue: Queue<TaskJobData>, hash: string, count: number, options: SubmitOptions): Promise<void> {
  for (let start = 0; start < count; start += CHUNK) {
    const jobs = [];
    for (let index = start; index < Math.min(count, start + CHUNK); index++) {
      jobs.push({
        name: 'task',
        data: { hash, index },
        opts: { jobId: jobId(hash, index), attempts: options.attempts ?? 3, backoff: { type: 'exponential', delay: options.backoff ?? 5000 }, removeOnComplete: false, removeOnFail: false },
      });
    }
    await queue.addBulk(jobs);
  }
}

/** Task indices whose results are already stored. */
async function storedResults(redis: Redis, queueName: string, hash: string): Promise<number[]> {
  return (await redis.hkeys(resultsKey(queueName, hash))).map(Number);
}

/** A task that failed for good in an earlier submission is given its attempts again. */
async function retryFailed(queue: Queue<TaskJobData>, hash: string): Promise<void> {
  const failed = await queue.getFailed();
  for (const job of failed) if (jobIndex(hash, job.id) !== null) await job.retry('failed', { resetAttemptsMade: true });
}

/**
 * Follow the run until every task is done (its index in `done`), or one
 * fails for good (reject with its index and error). `promise(done)` is
 * called after the jobs are added; events heard before are kept.
 */
function waitForAll(plan: Plan, total: number, done: Set<number>, events: QueueEvents, queue: Queue<TaskJobData>, redis: Redis, options: SubmitOptions) {
  const hash = plan.configHash;
  const queueName = queue.name;
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  let failed: Error | undefined;
  let heard = Date.now();
  const tasks = planTaskList(plan);
  const check = () => {
    if (!settle) return;
    if (failed) settle.reject(failed);
    else if (done.size >= total) settle.resolve();
  };
  const mark = (index: number) => {
    heard = Date.now();
    if (done.has(index)) return;
    done.add(index);
    options.onProgress?.(done.size, total);
    check();
  };
  const onCompleted = ({ jobId: id }: { jobId: string }) => {
    const index = jobIndex(hash, id);
    if (index !== null && index < total) mark(index);
  };
  const onFailed = async ({ jobId: id, failedReason }: { jobId: string; failedReason: string }) => {
    const index = jobIndex(hash, id);
    if (index === null || index >= total || done.has(index)) return;
    const job = await queue.getJob(id);
    failed ??= new RisklabError(queueMessages.taskFailed(describeTask(plan.resolved, tasks[index]), job?.attemptsMade ?? options.attempts ?? 3, failedReason), 'task');
    check();
  };
  events.on('completed', onCompleted);
  events.on('failed', (args) => void onFailed(args));
  return {
    promise(initial: Set<number>): Promise<void> {
      if (initial.size > 0) options.onProgress?.(initial.size, total);
      let warned = false;
      const started = Date.now();
      return new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          void (async () => {
            if (Date.now() - heard < (options.pollMs ?? 5000)) return;
            for (const index of await storedResults(redis, queueName, hash)) mark(index);
            heard = Date.now();
            const failedJobs = await queue.getFailed();
            for (const job of failedJobs) if (jobIndex(hash, job.id) !== null) await onFailed({ jobId: job.id!, failedReason: job.failedReason });
            if (!warned && done.size < total && Date.now() - started > 10_000 && (await queue.getWorkersCount()) === 0) {
              warned = true;
              options.onNotice?.(queueMessages.noWorkers(queueName, shownUrl(options.url)));
            }
          })().catch(() => {});
        }, 1000);
        settle = {
          resolve: () => {
            clearInterval(timer);
            resolve();
          },
          reject: (e) => {
            clearInterval(timer);
            reject(e);
          },
        };
        check();
      });
    },
  };
}

/** Every task's result from the results hash, checked against the plan. */
async function readResults(redis: Redis, queueName: string, plan: Plan, tasks: ReturnType<typeof planTaskList>): Promise<TaskResult[]> {
  const out: TaskResult[] = [];
  const key = resultsKey(queueName, plan.configHash);
  for (let start = 0; start < tasks.length; start += CHUNK) {
    const pipeline = redis.pipeline();
    const end = Math.min(tasks.length, start + CHUNK);
    for (let i = start; i < end; i++) pipeline.hgetBuffer(key, String(i));
    const replies = (await pipeline.exec()) ?? [];
    for (let i = start; i < end; i++) {
      const [error, value] = replies[i - start];
      const what = describeTask(plan.resolved, tasks[i]);
      if (error || !value) throw new RisklabError(queueMessages.badResult(what, error ? error.message : 'it is missing'), 'task');
      let file;
      try {
        file = parseTaskFile(gunzipSync(value as Buffer).toString('utf8'));
      } catch (e) {
        throw new RisklabError(queueMessages.badResult(what, (e as Error).message), 'task');
      }
      const mismatch = taskMismatch(plan, tasks, file, i);
      if (mismatch) throw new RisklabError(queueMessages.badResult(what, mismatch), 'task');
      out.push(file.result);
    }
  }
  return out;
}

/** Remove a finished run's jobs, results and plan. */
async function forgetRun(queue: Queue<TaskJobData>, redis: Redis, queueName: string, hash: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += CHUNK) {
    const removals = [];
    for (let index = start; index < Math.min(count, start + CHUNK); index++) removals.push(queue.remove(jobId(hash, index)));
    await Promise.all(removals);
  }
  await redis.unlink(resultsKey(queueName, hash), planKey(queueName, hash));
}
