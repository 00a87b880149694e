import { dirname, join } from 'node:path';
import { progressOnStderr } from './progress.js';
import { RisklabError, messages } from '../messages.js';
import { resolveExperiment, type ResolvedExperiment } from '../experiment/resolve.js';
import { planTasks, runTasks, taskSeeds, workerCount } from '../experiment/runner.js';
import { aggregate, openAggregate, resultMeta, type ExperimentResult } from '../experiment/aggregate.js';
import type { TaskResult } from '../experiment/task.js';
import { queueMessages } from '../messages-queue.js';
import { loadExperimentInput } from '../io/experiment-files.js';
import { loadScenarioInput } from '../io/scenario-files.js';
import { QUICK_RESULTS_DIR, RESULTS_DIR } from '../io/paths.js';
import { checkResultsTarget } from '../io/output-check.js';
import { gitOfStamp, manifest, openFolderAtomic, type PendingFolder } from '../io/results.js';
import { runStamp } from '../io/stamp.js';
import type { RunStamp } from '../report/stamp.js';
import { checkChromium, openPdfPrinter, printBrief, type PdfPrinter } from '../io/pdf.js';
import { briefFile, findingMetrics, minCountOf, resultFiles } from '../report/folder.js';
import { metricsCsvRows } from '../report/tables.js';
import { openRenderPool, type RenderPool } from '../report/charts/render-pool.js';
import { experimentDeck } from '../report/slides/index.js';
import { slideFiles } from '../io/slides.js';
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
  /** A browser already open (or opening) for printing brief.pdf (`risklab start` opens one for every experiment); default: one launched for this run when its tasks start. */
  printer?: PdfPrinter | Promise<PdfPrinter>;
  /** Threads that render the report's charts (`risklab start` opens them once); default: ones opened when the run starts (none with one worker). */
  charts?: RenderPool;
}

/** A page printed once when a browser opens, so the first brief does not pay chromium's first-print cost (about a second) after the last task. */
const WARM_UP_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>risklab</title></head><body><p>risklab</p></body></html>';

/**
 * Launch chromium for brief.pdf and print one small page with it, so the
 * browser is ready when the brief is: called before a run's first task, it
 * starts in parallel with the tasks instead of after the last one.
 */
export async function openWarmPrinter(): Promise<PdfPrinter> {
  const printer = await openPdfPrinter();
  try {
    await printer.print(WARM_UP_PAGE, null);
  } catch (e) {
    await printer.close();
    throw e;
  }
  return printer;
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
  const run = await startRun(ref, flags);
  return { result: await run.write(), dir: run.dir };
}

/** A run whose tasks are under way (`startRun`). */
export interface StartedRun {
  readonly dir: string;
  /** Settles when the last task has finished (or one failed): the threads are free for the next run. Never rejects. */
  readonly tasksDone: Promise<void>;
  /** Wait for the tasks, then write the results folder (aborted on any error, which is thrown). Call once. */
  write(): Promise<ExperimentResult>;
  /** Instead of `write`: when the tasks have settled, remove the temporary folder and close the run's own browser. */
  abort(): Promise<void>;
}

/**
 * Resolve, check and open the results folder, and start the tasks (and,
 * without `flags.printer`, a browser for brief.pdf, launched alongside the
 * tasks rather than after them). `risklab start` starts the next
 * experiment's tasks when `tasksDone` settles and writes this one's folder
 * meanwhile, so report writing overlaps the next tasks.
 */
export async function startRun(ref: string, flags: RunFlags): Promise<StartedRun> {
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
  // Our own browser starts now, in parallel with the tasks; a launch failure is reported when the brief is printed.
  const ownPrinter = flags.printer ? undefined : openWarmPrinter();
  ownPrinter?.catch(() => {});
  // Chart threads load vega while the tasks run, and render every chart at once after the last one.
  const threads = flags.queue ? availableParallelism() : workerCount(flags.workers, planTasks(resolved).length);
  const ownCharts = flags.charts || threads < 2 ? undefined : openRenderPool(Math.min(2, threads));
  const charts = flags.charts ?? ownCharts;
  // Each task is aggregated, and its metrics.csv lines written, as it arrives, while the others run;
  // what needs every replicate is done when the folder is written (commitResults), so the next run's tasks need not wait for it.
  const early = flags.queue ? undefined : earlyWork(resolved);
  const ran = (async (): Promise<{ tasks: TaskResult[]; early?: EarlyWork; finish?: () => Promise<void> }> => {
    try {
      if (flags.queue) {
        const queued = await (await import('./queue-run.js')).runOnQueue(resolved, flags, progress.update);
        return { tasks: queued.tasks, finish: queued.finish };
      }
      return { tasks: await runTasks(resolved, { workers: flags.workers, saveScores: flags.saveScores, onProgress: progress.update, onResult: early?.add }), early };
    } finally {
      progress.stop();
    }
  })();
  const tasksDone = ran.then(
    () => {},
    () => {},
  );
  return {
    dir,
    tasksDone,
    async write() {
      try {
        const run = await ran;
        const workers = flags.queue ? `BullMQ queue ${flags.queueName ?? 'risklab'}` : workerCount(flags.workers, planTasks(resolved).length);
        const done = run.early?.finish();
        const result = await commitResults(pending, resolved, run.tasks, {
          saveScores: flags.saveScores,
          started,
          stamp,
          workers,
          workersRequested: flags.workers ?? null,
          result: done?.result,
          metricsRows: done?.metricsRows,
          printer: flags.printer ?? ownPrinter,
          charts,
        });
        await run.finish?.();
        return result;
      } catch (e) {
        pending.abort();
        throw e;
      } finally {
        await ownCharts?.close();
        if (ownPrinter) await ownPrinter.then((p) => p.close(), () => {});
      }
    },
    async abort() {
      await tasksDone;
      pending.abort();
      await ownCharts?.close();
      if (ownPrinter) await ownPrinter.then((p) => p.close(), () => {});
    },
  };
}

/** The work a run does on each task's result as it arrives (`earlyWork`). */
export interface EarlyWork {
  /** Take one task's result (the runner's `onResult`; never throws: a failure is kept for `finish`). */
  readonly add: (result: TaskResult) => void;
  /** Every task added: the aggregate and metrics.csv's row lines (throws what `add` met). */
  finish(): { result: ExperimentResult; metricsRows: string };
}

/**
 * Aggregate each task and write its metrics.csv lines as it arrives, on this
 * thread, which is otherwise idle while the workers run: a run's tail after
 * its last task then holds only what needs every replicate (issue 15).
 * Gives the same bytes as aggregating every task at the end.
 */
export function earlyWork(resolved: ResolvedExperiment): EarlyWork {
  const aggregator = openAggregate(resolved);
  const writeRows = metricsCsvRows(resultMeta(resolved), minCountOf(resolved));
  const blocks = new Map<number, string>();
  let failure: unknown;
  return {
    add(result) {
      if (failure !== undefined) return;
      try {
        blocks.set(result.task.index, [...writeRows(aggregator.add(result))].join(''));
      } catch (e) {
        failure = e;
      }
    },
    finish() {
      if (failure !== undefined) throw failure;
      const metricsRows = [...blocks.keys()].sort((a, b) => a - b).map((k) => blocks.get(k)!).join('');
      return { result: aggregator.finish(), metricsRows };
    },
  };
}

/**
 * Where an experiment's results folder goes (`<out>/<name>/`, default
 * results/ or results-quick/), checked and opened before any work: the
 * temporary folder is made now, so an unwritable --out fails at once.
 */
export function openResultsFolder(resolved: ResolvedExperiment, out: string | undefined, printer?: PdfPrinter | Promise<PdfPrinter>): { dir: string; pending: PendingFolder } {
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
    /** metrics.csv's row lines, when the caller wrote them as the tasks arrived (`earlyWork`). */
    metricsRows?: string;
    /** The browser that prints brief.pdf (or one being launched); default: one launched for this alone. */
    printer?: PdfPrinter | Promise<PdfPrinter>;
    /** Threads to render the charts on (default: this thread). */
    charts?: RenderPool;
  },
): Promise<ExperimentResult> {
  tasks.sort((a, b) => a.task.index - b.task.index);
  const result = info.result ?? aggregate(resolved, tasks);
  const stamp = info.stamp ?? runStamp();
  // brief.pdf prints in chromium (another process) while the rest of the folder is made here.
  const brief = briefFile(result, stamp);
  const printing = printBrief(brief, stamp.date, info.printer);
  printing.catch(() => {});
  // On chart threads, the slides' pictures render while the folder's files are written here.
  const slidesMade = slideFiles(experimentDeck(result, stamp, { gridMetrics: findingMetrics(resolved) }), info.charts);
  slidesMade.catch(() => {});
  const files = await resultFiles(resolved, result, tasks, { version: stamp.version, stamp, saveScores: info.saveScores, brief, charts: info.charts, metricsRows: info.metricsRows });
  const slides = await slidesMade;
  const pdf = await printing;
  pending.commit({
    ...files,
    ...slides,
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
