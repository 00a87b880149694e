/**
 * A plan: an experiment's resolved config, its hash and its task list, as
 * files any scheduler can run (a Slurm job array, a Kubernetes Indexed Job,
 * GNU parallel, BullMQ workers). Pure: text in, text out; src/io/plan-folder.ts
 * reads and writes the folder.
 *
 * A plan folder holds
 * - `plan.json`: `{ format, experiment, configHash, tasks, saveScores, resolved }`
 *   — the resolved experiment exactly as `risklab run` resolves it (exact JSON,
 *   keys in their order, see `encodeExactJson`);
 * - `tasks.csv`: one line per task, `index,cell,scenario,grid,replicate,seed`;
 * - `tasks/<configHash>-<index>.json`: each task's result once it has run,
 *   `{ format, configHash, index, result }`.
 */
import { RisklabError } from '../messages.js';
import { planMessages } from '../messages-queue.js';
import { taskName } from '../messages-queue.js';
import { configHash } from '../scenario/index.js';
import { replicateSeed, type ResolvedExperiment } from '../experiment/resolve.js';
import { planTasks } from '../experiment/runner.js';
import type { Task, TaskResult } from '../experiment/task.js';
import { decodeExactJson, encodeExactJson, encodeTaskResult } from '../experiment/task-json.js';
import { csvLine } from '../report/csv.js';

export const PLAN_FORMAT = 'risklab plan 1';
export const TASK_FORMAT = 'risklab task 1';

/** What plan.json holds. */
export interface Plan {
  readonly format: typeof PLAN_FORMAT;
  readonly experiment: string;
  readonly configHash: string;
  readonly tasks: number;
  /** Tasks keep every test child's score (scores.csv), as `risklab run --save-scores`. */
  readonly saveScores: boolean;
  readonly resolved: ResolvedExperiment;
}

/** One line of tasks.csv: what a task is, in names. */
export interface TaskRow {
  readonly index: number;
  readonly cell: number;
  readonly scenario: string;
  readonly grid: string;
  readonly replicate: number;
  /** The replicate's root seed (every stream of the task is forked from it). */
  readonly seed: string;
}

/** Every task of a resolved experiment, in task order, with its names and seed. */
export function taskRows(resolved: ResolvedExperiment): TaskRow[] {
  return planTasks(resolved).map((t) => {
    const cell = resolved.cells[t.cell];
    return { index: t.index, cell: t.cell, scenario: cell.scenarioLabel, grid: cell.gridLabel, replicate: t.replicate, seed: replicateSeed(resolved.experiment, cell.scenarioLabel, t.replicate) };
  });
}

/** tasks.csv: a header and one line per task. */
export function tasksCsv(rows: readonly TaskRow[]): string {
  return csvLine(['index', 'cell', 'scenario', 'grid', 'replicate', 'seed']) + rows.map((r) => csvLine([r.index, r.cell, r.scenario, r.grid, r.replicate, r.seed])).join('');
}

/** plan.json's text. */
export function planJson(resolved: ResolvedExperiment, options: { saveScores?: boolean } = {}): string {
  const plan: Plan = {
    format: PLAN_FORMAT,
    experiment: resolved.experiment.name,
    configHash: resolved.configHash,
    tasks: resolved.replicates * resolved.cells.length,
    saveScores: options.saveScores ?? false,
    resolved,
  };
  return `${encodeExactJson(plan, 2)}\n`;
}

/** The hash a resolved experiment should carry (as resolveExperiment computes it). */
function hashOf(resolved: ResolvedExperiment): string {
  const { configHash: _ignored, ...body } = resolved;
  return configHash(body);
}

/**
 * Read plan.json's text back, checking that it is a plan and that its
 * resolved config still hashes to the hash it claims (so an edited plan
 * cannot silently give tasks of another config under this one's name).
 */
export function parsePlan(text: string, path: string): Plan {
  let plan: Plan;
  try {
    plan = decodeExactJson(text) as Plan;
  } catch (e) {
    throw new RisklabError(planMessages.notPlan(path, `not JSON: ${(e as Error).message}`), 'plan');
  }
  if (plan === null || typeof plan !== 'object' || plan.format !== PLAN_FORMAT) throw new RisklabError(planMessages.notPlan(path, `format is not "${PLAN_FORMAT}"`), 'plan');
  const resolved = plan.resolved;
  if (!resolved || typeof resolved !== 'object' || !Array.isArray(resolved.cells)) throw new RisklabError(planMessages.notPlan(path, 'it has no resolved config'), 'plan');
  const actual = hashOf(resolved);
  if (actual !== plan.configHash || resolved.configHash !== plan.configHash) throw new RisklabError(planMessages.hashMismatch(path, plan.configHash, actual), 'plan');
  return plan;
}

/** The plan's tasks, in task order. */
export function planTaskList(plan: Plan): Task[] {
  return planTasks(plan.resolved);
}

/** A task in words, for messages: "task 17 (scenario "north", cell "as recorded", replicate 4)". */
export function describeTask(resolved: ResolvedExperiment, task: Task): string {
  const cell = resolved.cells[task.cell];
  return taskName(task.index, { scenario: cell.scenarioLabel, grid: cell.gridLabel }, task.replicate);
}

/** A task result's file name in tasks/. */
export function taskFileName(hash: string, index: number): string {
  return `${hash}-${index}.json`;
}

const TASK_FILE = /^([0-9a-f]{12})-(\d+)\.json$/;

/** The hash and index a file name in tasks/ stands for, or null for any other file. */
export function parseTaskFileName(name: string): { hash: string; index: number } | null {
  const m = TASK_FILE.exec(name);
  return m ? { hash: m[1], index: Number(m[2]) } : null;
}

/** A task result file's text: the same task gives the same bytes. */
export function taskFileText(hash: string, result: TaskResult): string {
  return `{"format":${JSON.stringify(TASK_FORMAT)},"configHash":${JSON.stringify(hash)},"index":${result.task.index},"result":${encodeTaskResult(result)}}\n`;
}

/** What a task file holds. */
export interface TaskFile {
  readonly configHash: string;
  readonly index: number;
  readonly result: TaskResult;
}

/** Read a task file's text; throws a plain Error (the caller names the file). */
export function parseTaskFile(text: string): TaskFile {
  const file = decodeExactJson(text) as TaskFile & { format?: string };
  if (file === null || typeof file !== 'object' || file.format !== TASK_FORMAT) throw new Error(`format is not "${TASK_FORMAT}"`);
  if (!file.result || typeof file.result !== 'object' || !file.result.task) throw new Error('it holds no task result');
  return file;
}

/**
 * Why a task result does not belong to `plan` at `index`, or null when it
 * does: its config hash, its index and its task (cell, replicate) must all
 * be the plan's.
 */
export function taskMismatch(plan: Plan, tasks: readonly Task[], file: TaskFile, index: number): string | null {
  if (file.configHash !== plan.configHash) return `it is a task of config ${file.configHash}, not of this plan's ${plan.configHash}`;
  if (index >= tasks.length) return `this plan has ${tasks.length.toLocaleString('en-GB')} tasks (0 to ${tasks.length - 1}), not a task ${index}`;
  const want = tasks[index];
  const got = file.result.task;
  if (file.index !== index || got.index !== index || got.cell !== want.cell || got.replicate !== want.replicate) {
    return `it holds task ${got.index} (cell ${got.cell}, replicate ${got.replicate}) where task ${index} (cell ${want.cell}, replicate ${want.replicate}) belongs`;
  }
  return null;
}
