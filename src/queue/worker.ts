/**
 * `risklab worker`: a BullMQ Worker whose processor (src/queue/processor.ts)
 * runs sandboxed on worker threads — `concurrency` threads, one task each —
 * while this thread only keeps the jobs' locks and takes new jobs. A worker
 * that dies (SIGKILL, a lost machine) stops renewing its locks; after
 * `lockDuration` another worker's stalled-job check puts its jobs back in
 * the queue, and they run again (a task is a pure function of its plan, so
 * the result is the same).
 */
import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { moduleWorkerFile } from '../runtime.js';
import type { ProcessorData, TaskJobData, TaskJobReturn } from './processor.js';
import { checkReachable, connect, DEFAULT_QUEUE, PREFIX } from './redis.js';

export interface WorkerOptions {
  readonly url: string;
  /** Default "risklab". */
  readonly queue?: string;
  /** Tasks at a time, each on its own thread. Default: the number of cores. */
  readonly concurrency?: number;
  /** ms a job's lock lasts without renewal (renewed every half of it). Default 30000 (BullMQ's). */
  readonly lockDuration?: number;
  /** ms between this worker's checks for jobs of dead workers. Default 30000 (BullMQ's). */
  readonly stalledInterval?: number;
  /** Recoveries from dead workers before a job fails. Default 2. */
  readonly maxStalledCount?: number;
}

/** What a worker reports as it goes. */
export interface WorkerEvents {
  active?(jobId: string): void;
  completed?(jobId: string, value: TaskJobReturn): void;
  failed?(jobId: string, attempt: number, reason: string): void;
  error?(error: Error): void;
}

export interface RunningWorker {
  readonly concurrency: number;
  /** "compiled" (dist/) or "from source" (tsx). */
  readonly mode: string;
  /** Finish the running tasks, take no new ones, disconnect. `force`: stop at once (the running tasks go back to the queue after lockDuration). */
  close(force?: boolean): Promise<void>;
}

/** Start a worker on the queue at `url`; resolves when it is connected. */
export async function startWorker(options: WorkerOptions, events: WorkerEvents = {}): Promise<RunningWorker> {
  await checkReachable(options.url);
  const queue = options.queue ?? DEFAULT_QUEUE;
  const concurrency = options.concurrency ?? availableParallelism();
  const file = moduleWorkerFile(new URL('./processor.js', import.meta.url));
  const connection = connect(options.url, (e) => events.error?.(e));
  const processorData: ProcessorData = { url: options.url, queue };
  const worker = new Worker<TaskJobData, TaskJobReturn>(queue, file, {
    connection,
    prefix: PREFIX,
    concurrency,
    useWorkerThreads: true,
    workerThreadsOptions: { workerData: processorData },
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  });
  worker.on('active', (job: Job<TaskJobData>) => events.active?.(job.id ?? '?'));
  worker.on('completed', (job: Job<TaskJobData>, value: TaskJobReturn) => events.completed?.(job.id ?? '?', value));
  worker.on('failed', (job: Job<TaskJobData> | undefined, error: Error) => events.failed?.(job?.id ?? '?', job?.attemptsMade ?? 0, error.message));
  worker.on('error', (e: Error) => events.error?.(e));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  return {
    concurrency,
    mode: file.pathname.endsWith('.js') ? 'compiled' : 'from source',
    close(force = false) {
      if (force) return worker.close(true).then(() => void connection.disconnect());
      closing ??= worker.close().then(() => void connection.quit());
      return closing;
    },
  };
}
