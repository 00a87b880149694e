/**
 * BullMQ's sandboxed processor: runs one task on a worker thread of
 * `risklab worker` (src/queue/worker.ts), so long CPU work never keeps the
 * worker's main thread from renewing its locks. Compiled, BullMQ loads
 * dist/queue/processor.js; from source, this file through tsx (see
 * `moduleWorkerFile` in src/runtime.ts).
 *
 * The job holds only `{ hash, index }`; the plan is read once per thread
 * from Redis, and the result is written to the run's results hash (see
 * src/queue/redis.ts) — the same bytes as `risklab task` writes, gzipped.
 * The job's return value is a small summary.
 */
import { workerData } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SandboxedJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { runTask } from '../experiment/task.js';
import { queueMessages } from '../messages-queue.js';
import { parsePlan, planTaskList, taskFileText, type Plan } from './plan.js';
import { connect, planKey, resultsKey } from './redis.js';

/** What `risklab worker` passes to each processor thread. */
export interface ProcessorData {
  readonly url: string;
  readonly queue: string;
}

/** A job's data. */
export interface TaskJobData {
  readonly hash: string;
  readonly index: number;
}

/** A job's return value. */
export interface TaskJobReturn {
  /** The result file's size, and gzipped as stored. */
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The whole job in this thread (plan, task, gzip, store), and the task alone. */
  readonly seconds: number;
  readonly taskSeconds: number;
}

/**
 * TEST HOOK, for tests/queue only: the environment variable
 * RISKLAB_QUEUE_TEST_HOOK holds JSON `{ "fail": { "<index>": n | "always" },
 * "sleep": { "<index>": ms } }` — fail a task's first n attempts (or every
 * one), or hold a task for ms before running it. Read only here, in the
 * processor; no user setting reaches it.
 */
interface TestHook {
  readonly fail?: Record<string, number | 'always'>;
  readonly sleep?: Record<string, number>;
}
const hook: TestHook = process.env.RISKLAB_QUEUE_TEST_HOOK ? (JSON.parse(process.env.RISKLAB_QUEUE_TEST_HOOK) as TestHook) : {};

async function applyTestHook(index: number, attemptsMade: number): Promise<void> {
  const sleep = hook.sleep?.[String(index)];
  if (sleep) await new Promise((r) => setTimeout(r, sleep));
  const fail = hook.fail?.[String(index)];
  if (fail === 'always' || (typeof fail === 'number' && attemptsMade < fail)) throw new Error(`test hook: task ${index} fails on attempt ${attemptsMade + 1}`);
}

const data = workerData as ProcessorData;
let redis: Redis | undefined;
const plans = new Map<string, { plan: Plan; tasks: ReturnType<typeof planTaskList> }>();

/** The plan of a config hash, read from Redis once per thread (the last few kept). */
async function planOf(hash: string): Promise<{ plan: Plan; tasks: ReturnType<typeof planTaskList> }> {
  const cached = plans.get(hash);
  if (cached) return cached;
  redis ??= connect(data.url);
  const gz = await redis.getBuffer(planKey(data.queue, hash));
  if (gz === null) throw new Error(queueMessages.planGone(hash));
  const plan = parsePlan(gunzipSync(gz).toString('utf8'), `Redis key ${planKey(data.queue, hash)}`);
  const entry = { plan, tasks: planTaskList(plan) };
  if (plans.size >= 4) plans.delete(plans.keys().next().value!);
  plans.set(hash, entry);
  return entry;
}

/** Run one job's task and store its result. */
export default async function processTask(job: SandboxedJob<TaskJobData, TaskJobReturn>): Promise<TaskJobReturn> {
  const started = Date.now();
  const { hash, index } = job.data;
  const { plan, tasks } = await planOf(hash);
  if (!tasks[index]) throw new Error(`the plan of config ${hash} has ${tasks.length} tasks, not a task ${index}`);
  await applyTestHook(index, job.attemptsMade);
  const taskStarted = Date.now();
  const result = await runTask(plan.resolved, tasks[index], { saveScores: plan.saveScores });
  const taskSeconds = (Date.now() - taskStarted) / 1000;
  const text = taskFileText(hash, result);
  const gz = gzipSync(text);
  await redis!.hset(resultsKey(data.queue, hash), String(index), gz);
  return { bytes: Buffer.byteLength(text), gzipBytes: gz.length, seconds: (Date.now() - started) / 1000, taskSeconds };
}
