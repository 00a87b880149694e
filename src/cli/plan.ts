import { join, resolve } from 'node:path';
import { RisklabError } from '../messages.js';
import { planMessages } from '../messages-queue.js';
import { checkFits, estimateRun } from '../memory.js';
import { heapLimit, memoryLimit } from '../io/memory-limit.js';
import { isEmptyFolder, readPlanText, writePlanFiles } from '../io/plan-folder.js';
import type { ResolvedExperiment } from '../experiment/resolve.js';
import { parsePlan, planJson, taskRows, tasksCsv } from '../queue/plan.js';
import { k8sJobYaml, slurmScript, type EmitInput, type EmitOptions } from '../queue/emit.js';
import { resolveFromRef, type RunFlags } from './run.js';

import type { EmitKind } from './queue-commands.js';

export interface PlanFlags extends Pick<RunFlags, 'replicates' | 'seed' | 'quick' | 'saveScores'>, EmitOptions {
  /** The plan folder. Default plans/<name>-<configHash> in the current folder. */
  out?: string;
  /** Job files to write beside the plan. */
  emit?: EmitKind[];
}

/** File names of the emitted job files. */
export const EMITTED: Record<EmitKind, string> = { k8s: 'job.k8s.yaml', slurm: 'job.slurm.sh' };

/** Memory one task needs (a pod's or an array element's request): the run estimate for one task of the largest cell. */
export function memoryPerTask(resolved: ResolvedExperiment, saveScores: boolean): number {
  return estimateRun({ ...resolved, replicates: 1, cells: [resolved.cells.reduce((a, b) => (b.scenario.population.size > a.scenario.population.size ? b : a))] }, 1, { saveScores }).bytes;
}

/**
 * `risklab plan`: resolve an experiment as `risklab run` would and write its
 * plan folder — plan.json (the resolved config and its hash), tasks.csv (one
 * line per task) and tasks/ — plus the job files asked for with --emit.
 * Planning the same config into the same folder again changes nothing and
 * keeps the tasks already done; a folder holding another config's plan is
 * refused. Returns the line to print.
 */
export async function runPlan(ref: string, flags: PlanFlags): Promise<string> {
  const resolved = await resolveFromRef(ref, flags);
  const saveScores = flags.saveScores ?? false;
  // The gathering side holds every result, like `risklab run`: refuse a plan it could never gather.
  const estimate = estimateRun(resolved, 1, { saveScores });
  checkFits(estimate.field === 'replicates' && flags.replicates !== undefined ? { ...estimate, field: '--replicates' } : estimate, memoryLimit(), heapLimit());
  const dir = flags.out ?? join('plans', `${resolved.experiment.name}-${resolved.configHash}`);
  checkExistingPlan(dir, resolved, saveScores);
  const input: EmitInput = { experiment: resolved.experiment.name, configHash: resolved.configHash, tasks: resolved.replicates * resolved.cells.length, memoryBytes: memoryPerTask(resolved, saveScores) };
  const files: Record<string, string> = { 'plan.json': planJson(resolved, { saveScores }), 'tasks.csv': tasksCsv(taskRows(resolved)) };
  const emit = flags.emit ?? [];
  if (emit.includes('k8s')) files[EMITTED.k8s] = k8sJobYaml(input, flags);
  if (emit.includes('slurm')) files[EMITTED.slurm] = slurmScript(input, resolve(dir), flags);
  writePlanFiles(dir, files);
  if (emit.includes('slurm')) writePlanFiles(join(dir, 'logs'), {});
  return planMessages.planned(resolved.experiment.name, resolved.configHash, input.tasks, dir, emit.map((k) => EMITTED[k]));
}

/** A plan folder may be new, empty, or hold this very config's plan. */
function checkExistingPlan(dir: string, resolved: ResolvedExperiment, saveScores: boolean): void {
  const text = readPlanText(dir);
  if (text === null) {
    if (!isEmptyFolder(dir)) throw new RisklabError(planMessages.notEmpty(dir), '--out');
    return;
  }
  const existing = parsePlan(text, join(dir, 'plan.json'));
  if (existing.configHash !== resolved.configHash) throw new RisklabError(planMessages.otherPlan(dir, existing.configHash, existing.experiment, resolved.configHash), '--out');
  if (existing.saveScores !== saveScores) throw new RisklabError(planMessages.otherScores(dir, existing.saveScores), '--save-scores');
}
