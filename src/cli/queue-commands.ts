import { Option, type Command } from 'commander';
import { RisklabError } from '../messages.js';
import { planMessages, queueMessages } from '../messages-queue.js';
import { pathFlag, seedFlag, wholeNumberFlag } from './flags.js';

/** A `--queue` URL: redis:// or rediss://, with a host. */
export function queueUrlFlag(flag: string) {
  return (raw: string): string => {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') throw new RisklabError(queueMessages.badUrl(flag, raw), flag);
    return raw;
  };
}

/** A BullMQ queue name: letters, digits, `-`, `_`, `.` (no `:`, which Redis keys use as separator). */
export function queueNameFlag(raw: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(raw)) throw new RisklabError(`--queue-name must be 1 to 100 letters, digits, ".", "_" or "-"; got ${JSON.stringify(raw)}`, '--queue-name');
  return raw;
}

export type EmitKind = 'k8s' | 'slurm';

/** Parse `--emit k8s,slurm`. */
export function emitFlag(raw: string): EmitKind[] {
  const kinds = raw.split(',').map((s) => s.trim());
  if (kinds.some((k) => k !== 'k8s' && k !== 'slurm')) throw new RisklabError(planMessages.badEmit(raw), '--emit');
  return [...new Set(kinds as EmitKind[])];
}

/** The options of `risklab run` that send its tasks to a queue. */
export function addQueueRunOptions(command: Command): Command {
  return command
    .addOption(new Option('--queue <url>', 'run the tasks on BullMQ workers through this Redis (redis://host:port) instead of local threads; start workers with `risklab worker --queue <url>`').argParser(queueUrlFlag('--queue')))
    .addOption(new Option('--queue-name <name>', 'with --queue: the BullMQ queue (default risklab)').argParser(queueNameFlag))
    .addOption(new Option('--attempts <n>', 'with --queue: attempts per task before it counts as failed (default 3)').argParser(wholeNumberFlag('--attempts')))
    .addOption(new Option('--backoff <ms>', 'with --queue: delay before the first retry, doubling each time (default 5000)').argParser(wholeNumberFlag('--backoff', 0)))
    .option('--keep', "with --queue: keep the run's jobs and results in Redis after the results folder is written");
}

/** `risklab plan`, `task`, `gather` (any array scheduler) and `worker` (BullMQ). */
export function registerQueueCommands(program: Command, out: (text: string) => void): void {
  program
    .command('plan')
    .summary("Write an experiment's plan folder: its resolved config, hash and task list, for any array scheduler.")
    .description(
      "Resolve an experiment as `risklab run` would and write its plan folder: plan.json (the resolved config and its hash), tasks.csv (index,cell,scenario,grid,replicate,seed: one line per task) and tasks/. Run each task with `risklab task`, then `risklab gather`. See docs/running-on-a-queue.md.",
    )
    .argument('<experiment>', 'an experiment name (see `risklab experiments`) or a path to a .ts/.json experiment file')
    .addOption(new Option('--out <dir>', 'the plan folder (default plans/<name>-<config hash>)').argParser(pathFlag('--out')))
    .addOption(new Option('--replicates <n>', 'replicates (seeds) to run').argParser(wholeNumberFlag('--replicates')))
    .addOption(new Option('--seed <s>', 'root seed (overrides the experiment seed)').argParser(seedFlag))
    .option('--quick', 'small populations and few replicates (as `risklab run --quick`)')
    .option('--save-scores', "tasks keep every test child's score, so gather writes scores.csv")
    .addOption(new Option('--emit <kinds>', 'also write job files: k8s (job.k8s.yaml, an Indexed Job), slurm (job.slurm.sh, a job array), or k8s,slurm').argParser(emitFlag))
    .addOption(new Option('--array-size <n>', 'with --emit: array elements (pods, Slurm array tasks); each runs every n-th task (default: the task count, at most 1000)').argParser(wholeNumberFlag('--array-size')))
    .option('--image <ref>', 'with --emit k8s: the container image with risklab on its PATH (default risklab:latest)')
    .option('--claim <name>', 'with --emit k8s: the PersistentVolumeClaim holding the plan folder, mounted at /plan (default risklab-plan)')
    .addOption(new Option('--parallelism <n>', 'with --emit k8s: pods at a time (default 10)').argParser(wholeNumberFlag('--parallelism')))
    .action(async (ref: string, options) => out(await (await import('./plan.js')).runPlan(ref, options)));

  program
    .command('task')
    .summary("Run one task of a plan and write its result to <plan>/tasks/<hash>-<index>.json.")
    .description(
      'Run one task of a plan folder and write its result to <plan>/tasks/<config hash>-<index>.json (atomically; the same task always gives the same bytes). The index is --index, else SLURM_ARRAY_TASK_ID (a Slurm job array), else JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).',
    )
    .argument('<plan>', 'a plan folder written by `risklab plan`')
    .addOption(new Option('--index <i>', 'the task (0 to tasks − 1; default $SLURM_ARRAY_TASK_ID, then $JOB_COMPLETION_INDEX)').argParser(wholeNumberFlag('--index', 0)))
    .addOption(new Option('--stride <n>', 'also run index + n, index + 2n, … (an array of n elements covering a larger plan)').argParser(wholeNumberFlag('--stride')))
    .action(async (dir: string, options) => (await import('./task.js')).runTaskCommand(dir, options, out));

  program
    .command('gather')
    .summary('Check that every task of a plan is done, then write the results folder `risklab run` writes.')
    .description(
      "Check that every task of a plan folder is there and belongs to its config hash (a missing or foreign task is named, exit 2), then write <out>/<name>/ exactly as `risklab run` does (byte-identical apart from manifest.json).",
    )
    .argument('<plan>', 'a plan folder written by `risklab plan`')
    .addOption(new Option('--out <dir>', 'parent folder of <name>/ (default: results/, or results-quick/ for a --quick plan)').argParser(pathFlag('--out')))
    .action(async (dir: string, options) => {
      const { result, dir: written } = await (await import('./gather.js')).runGather(dir, options);
      out(`${result.name}: ${result.replicates} replicates × ${result.cells.length} cells gathered from ${dir} and written to ${written}`);
    });

  program
    .command('worker')
    .summary('Process the tasks of `risklab run --queue` from a BullMQ queue, until stopped.')
    .description(
      'Take tasks from the BullMQ queue in this Redis and run them, several at a time on worker threads, until stopped (Ctrl-C or SIGTERM: the running tasks finish first; a second signal stops at once). Start as many as you like, on any machines that reach the Redis.',
    )
    .requiredOption('--queue <url>', 'the Redis of the queue (redis://host:port)', queueUrlFlag('--queue'))
    .addOption(new Option('--queue-name <name>', 'the BullMQ queue (default risklab)').argParser(queueNameFlag))
    .addOption(new Option('--concurrency <n>', 'tasks at a time, each on its own worker thread (default: the number of cores)').argParser(wholeNumberFlag('--concurrency')))
    .addOption(new Option('--lock-duration <ms>', "how long a task's lock lasts without renewal: a worker that died is noticed after about this long (default 30000)").argParser(wholeNumberFlag('--lock-duration', 100)))
    .addOption(new Option('--stalled-interval <ms>', 'how often this worker looks for tasks of dead workers (default 30000)').argParser(wholeNumberFlag('--stalled-interval', 100)))
    .addOption(new Option('--max-stalled <n>', 'times a task may be recovered from a dead worker before it counts as failed (default 2)').argParser(wholeNumberFlag('--max-stalled')))
    .option('--quiet', 'no line per task')
    .action(async (options) => (await import('./worker.js')).runWorkerCommand(options, out));
}
