import { queueMessages } from '../messages-queue.js';
import { shownUrl } from '../queue/redis.js';
import { startWorker } from '../queue/worker.js';
import { onFirstSignal } from './signals.js';

export interface WorkerFlags {
  queue: string;
  queueName?: string;
  concurrency?: number;
  lockDuration?: number;
  stalledInterval?: number;
  maxStalled?: number;
  quiet?: boolean;
}

/**
 * `risklab worker`: process queued tasks until stopped. The first
 * SIGINT/SIGTERM finishes the running tasks and takes no new ones; a second
 * stops at once (src/cli/signals.ts), and the tasks it was running go back
 * to the queue once their locks expire. Resolves when the worker has stopped.
 */
export async function runWorkerCommand(flags: WorkerFlags, out: (line: string) => void): Promise<void> {
  const log = (line: string) => {
    if (!flags.quiet) out(line);
  };
  // A connection error is printed once until the next task is done (ioredis retries it every second or so).
  let lastError = '';
  const error = (e: Error) => {
    if (e.message === lastError) return;
    lastError = e.message;
    process.stderr.write(`risklab: ${queueMessages.connectionTrouble(shownUrl(flags.queue), e.message)}\n`);
  };
  const worker = await startWorker(
    { url: flags.queue, queue: flags.queueName, concurrency: flags.concurrency, lockDuration: flags.lockDuration, stalledInterval: flags.stalledInterval, maxStalledCount: flags.maxStalled },
    {
      active: (id) => log(queueMessages.workerActive(id)),
      completed: (id, value) => {
        lastError = '';
        log(queueMessages.workerDone(id, value.seconds, value.gzipBytes));
      },
      failed: (id, attempt, reason) => log(queueMessages.workerFailed(id, attempt, reason)),
      error,
    },
  );
  out(queueMessages.workerStarted(flags.queueName ?? 'risklab', shownUrl(flags.queue), worker.concurrency, worker.mode));
  await new Promise<void>((resolve) => {
    onFirstSignal((signal) => {
      process.stderr.write(`risklab: ${queueMessages.workerClosing(signal)}\n`);
      void worker.close().then(resolve);
    });
  });
  out(queueMessages.workerClosed);
}
