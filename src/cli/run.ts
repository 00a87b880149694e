import { dirname, join } from 'node:path';
import { progressOnStderr } from './progress.js';
import { RisklabError, messages } from '../messages.js';
import { resolveExperiment, type ResolvedExperiment } from '../experiment/resolve.js';
import { planTasks, runExperiment, taskSeeds, workerCount } from '../experiment/runner.js';
import { aggregate, type ExperimentResult } from '../experiment/aggregate.js';
import type { TaskResult } from '../experiment/task.js';
import { queueMessages } from '../messages-queue.js';
import { loadExperimentInput } from '../io/experiment-files.js';
import { loadScenarioInput } from '../io/scenario-files.js';
import { QUICK_RESULTS_DIR, RESULTS_DIR } from '../io/paths.js';
import { checkResultsTarget } from '../io/output-check.js';
import { gitOfStamp, manifest, openFolderAtomic, type PendingFolder } from '../io/results.js';
import { runStamp } from '../io/stamp.js';
import type { RunStamp } from '../report/stamp.js';
import { checkChromium, openPdfPrinter, type PdfPrinter } from '../io/pdf.js';
import { resultFiles } from '../report/folder.js';
import { availableParallelism } from 'node:os';
import { checkFits, estimateRun } from '../memory.js';
import { heapLimit, memoryLimit } from '../io/memory-limit.js';

export interface RunFlags {
  replicates?: number;
  seed?: number | string;
  out?: string;
  workers?: number;
  quick?: boolean;
  saveScores?: boolean;
  /** Progress output: 'auto' (a bar on a terminal, periodic lines otherwise), or 'none'. */
  progress?: 'auto' | 'none';
  /** Run the tasks on BullMQ workers through the Redis at this URL (`redis://host:port`) instead of local threads. */
  queue?: string;
  /** BullMQ queue name. Default "risklab". */
  queueName?: string;
  /** Attempts per task before it counts as failed. Default 3. */
  attempts?: number;
  /** First retry delay in ms, doubling each retry. Default 5000. */
  backoff?: number;
  /** Keep the run's jobs and results in Redis after the results folder is written. Default false. */
  keep?: boolean;
  /** A browser already open for printing brief.pdf (`risklab start` opens one for every experiment); default: one launched for this run. */
  printer?: PdfPrinter;
}

/** Print brief.html to PDF with the given browser, or with one launched (and closed) for this alone. */
async function printBrief(html: string, date: string | null, printer?: PdfPrinter): Promise<Uint8Array> {
  if (printer) return printer.print(html, date, { onePage: true });
  const own = await openPdfPrinter();
  try {
    return await own.print(html, date, { onePage: true });
  } finally {
    await own.close();
  }
}

/** Resolve an experiment by name or file, with the flags applied. */
export async function resolveFromRef(ref: string, flags: RunFlags): Promise<ResolvedExperiment> {
  const input = await loadExperimentInput(ref);
  return resolveExperiment(input, { quick: flags.quick, replicates: flags.replicates, seed: flags.seed, loadPreset: (name) => loadScenarioInput(name) });
}

/** Where results go without --out: results/ for a full run, results-quick/ (gitignored) for a quick one, so a quick run never replaces the committed full results. */
export function defaultOutDir(quick: boolean): string {
  return quick ? QUICK_RESULTS_DIR : RESULTS_DIR;
}

/**
 * `risklab run`: resolve, run over worker threads (or, with `--queue`, on
 * BullMQ workers anywhere: src/queue), write the results folder atomically.
 * The output location is checked (and a temporary folder made in it) before
 * the first task, so a bad --out fails at once. Returns the result and where
 * it was written.
 */
export async function runAndWrite(ref: string, flags: RunFlags): Promise<{ result: ExperimentResult; dir: string }> {
  if (flags.workers !== undefined && flags.workers < 1) throw new RisklabError(messages.invalid('--workers', 'a whole number ≥ 1', flags.workers), '--workers');
  if (flags.queue !== undefined && flags.workers !== undefined) throw new RisklabError(queueMessages.workersWithQueue, '--workers');
  const resolved = await resolveFromRef(ref, flags);
  const estimate = estimateRun(resolved, flags.queue ? 1 : (flags.workers ?? availableParallelism()), { saveScores: flags.saveScores });
  checkFits(estimate.field === 'replicates' && flags.replicates !== undefined ? { ...estimate, field: '--replicates' } : estimate, memoryLimit(), heapLimit());
  const { dir, pending } = openResultsFolder(resolved, flags.out, flags.printer);
  const progress = progressOnStderr(resolved.experiment.name, 'tasks', flags.progress ?? 'auto');
  const started = Date.now();
  // The code the run starts from (a commit made while it runs must not be recorded as its source).
  const stamp = runStamp();
  try {
    let run: { result?: ExperimentResult; tasks: TaskResult[] };
    let finish: (() => Promise<void>) | undefined;
    try {
      if (flags.queue) {
        const queued = await (await import('./queue-run.js')).runOnQueue(resolved, flags, progress.update);
        run = { tasks: queued.tasks };
        finish = queued.finish;
      } else run = await runExperiment(resolved, { workers: flags.workers, saveScores: flags.saveScores, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    const workers = flags.queue ? `BullMQ queue ${flags.queueName ?? 'risklab'}` : workerCount(flags.workers, planTasks(resolved).length);
    const result = await commitResults(pending, resolved, run.tasks, { saveScores: flags.saveScores, started, stamp, workers, workersRequested: flags.workers ?? null, result: run.result, printer: flags.printer });
    await finish?.();
    return { result, dir };
  } catch (e) {
    pending.abort();
    throw e;
  }
}

/**
 * Where an experiment's results folder goes (`<out>/<name>/`, default
 * results/ or results-quick/), checked and opened before any work: the
 * temporary folder is made now, so an unwritable --out fails at once.
 */
export function openResultsFolder(resolved: ResolvedExperiment, out: string | undefined, printer?: PdfPrinter): { dir: string; pending: PendingFolder } {
  const dir = join(out ?? defaultOutDir(resolved.quick), resolved.experiment.name);
  checkResultsTarget(dir, '--out', out ?? dirname(dir));
  // brief.pdf is printed at the end: a missing browser fails now, not after the run.
  if (!printer) checkChromium();
  // The temporary folder is made now: an unwritable --out fails before any work.
  return { dir, pending: openFolderAtomic(dir) };
}

/**
 * Write a results folder from every task's result: the one write path of
 * `risklab run` (local threads or `--queue`) and `risklab gather`, so they
 * give byte-identical folders apart from manifest.json. `result` is the
 * aggregate when the caller already has it; otherwise the tasks (in any
 * order) are aggregated here.
 */
export async function commitResults(
  pending: PendingFolder,
  resolved: ResolvedExperiment,
  tasks: TaskResult[],
  info: {
    saveScores?: boolean;
    started: number;
    /** Where the code came from, read when the run started (default: now). */
    stamp?: RunStamp;
    /** Worker threads actually used, or where the tasks ran (a queue, a gathered plan folder). */
    workers: number | string;
    workersRequested?: number | null;
    result?: ExperimentResult;
    printer?: PdfPrinter;
  },
): Promise<ExperimentResult> {
  tasks.sort((a, b) => a.task.index - b.task.index);
  const result = info.result ?? aggregate(resolved, tasks);
  const stamp = info.stamp ?? runStamp();
  const files = await resultFiles(resolved, result, tasks, { version: stamp.version, stamp, saveScores: info.saveScores });
  const pdf = await printBrief(files['brief.html'], stamp.date, info.printer);
  pending.commit({
    ...files,
    'brief.pdf': pdf,
    'manifest.json': manifest({
      git: gitOfStamp(stamp),
      experiment: resolved.experiment.name,
      configHash: resolved.configHash,
      seed: resolved.experiment.seed,
      seconds: (Date.now() - info.started) / 1000,
      workers: info.workers,
      workersRequested: info.workersRequested ?? null,
      quick: resolved.quick,
      replicates: resolved.replicates,
      seeds: taskSeeds(resolved),
    }),
  });
  return result;
}
