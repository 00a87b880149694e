import type { ResolvedExperiment } from '../experiment/resolve.js';
import type { TaskResult } from '../experiment/task.js';
import { submitRun } from '../queue/submit.js';
import type { RunFlags } from './run.js';

/**
 * The tasks of `risklab run --queue`: submitted to BullMQ and followed
 * until every one is done (progress through `onProgress`, notices on
 * stderr). `finish` runs after the results folder is written: it removes the
 * run from Redis (unless --keep) and disconnects; a failure there is only
 * reported, since the results are already safe.
 */
export async function runOnQueue(
  resolved: ResolvedExperiment,
  flags: RunFlags,
  onProgress: (done: number, total: number) => void,
): Promise<{ tasks: TaskResult[]; finish: () => Promise<void> }> {
  const notice = (line: string) => process.stderr.write(`risklab: ${line}\n`);
  const run = await submitRun(resolved, {
    url: flags.queue!,
    queue: flags.queueName,
    attempts: flags.attempts,
    backoff: flags.backoff,
    saveScores: flags.saveScores,
    onProgress,
    onNotice: notice,
  });
  return {
    tasks: run.tasks,
    finish: async () => {
      try {
        if (!flags.keep) await run.forget();
      } catch (e) {
        notice(`the results are written, but removing the run from Redis failed: ${(e as Error).message}`);
      } finally {
        await run.close();
      }
    },
  };
}
