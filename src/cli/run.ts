import { dirname, join } from 'node:path';
import { progressOnStderr } from './progress.js';
import { RisklabError, messages } from '../messages.js';
import { resolveExperiment, type ResolvedExperiment } from '../experiment/resolve.js';
import { planTasks, runExperiment, taskSeeds, workerCount } from '../experiment/runner.js';
import type { ExperimentResult } from '../experiment/aggregate.js';
import { loadExperimentInput } from '../io/experiment-files.js';
import { loadScenarioInput } from '../io/scenario-files.js';
import { QUICK_RESULTS_DIR, RESULTS_DIR } from '../io/paths.js';
import { checkResultsTarget } from '../io/output-check.js';
import { gitState, manifest, openFolderAtomic, versions } from '../io/results.js';
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
 * `risklab run`: resolve, run over worker threads, write the results folder
 * atomically. The output location is checked (and a temporary folder made
 * in it) before the first task, so a bad --out fails at once. Returns the
 * result and where it was written.
 */
export async function runAndWrite(ref: string, flags: RunFlags): Promise<{ result: ExperimentResult; dir: string }> {
  if (flags.workers !== undefined && flags.workers < 1) throw new RisklabError(messages.invalid('--workers', 'a whole number ≥ 1', flags.workers), '--workers');
  const resolved = await resolveFromRef(ref, flags);
  const estimate = estimateRun(resolved, flags.workers ?? availableParallelism(), { saveScores: flags.saveScores });
  checkFits(estimate.field === 'replicates' && flags.replicates !== undefined ? { ...estimate, field: '--replicates' } : estimate, memoryLimit(), heapLimit());
  const dir = join(flags.out ?? defaultOutDir(resolved.quick), resolved.experiment.name);
  checkResultsTarget(dir, '--out', flags.out ?? dirname(dir));
  // The temporary folder is made now: an unwritable --out fails before any work.
  const pending = openFolderAtomic(dir);
  const progress = progressOnStderr(resolved.experiment.name, 'tasks', flags.progress ?? 'auto');
  const started = Date.now();
  // The code the run starts from (a commit made while it runs must not be recorded as its source).
  const git = gitState();
  let run;
  try {
    try {
      run = await runExperiment(resolved, { workers: flags.workers, saveScores: flags.saveScores, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    const version = versions().risklab;
    const files = await resultFiles(resolved, run.result, run.tasks, { version, saveScores: flags.saveScores });
    pending.commit({
      ...files,
      'manifest.json': manifest({
        git,
        experiment: resolved.experiment.name,
        configHash: resolved.configHash,
        seed: resolved.experiment.seed,
        seconds: (Date.now() - started) / 1000,
        workers: workerCount(flags.workers, planTasks(resolved).length),
        workersRequested: flags.workers ?? null,
        quick: resolved.quick,
        replicates: resolved.replicates,
        seeds: taskSeeds(resolved),
      }),
    });
  } catch (e) {
    pending.abort();
    throw e;
  }
  return { result: run.result, dir };
}
