import { join } from 'node:path';
import { RisklabError } from '../messages.js';
import { planMessages } from '../messages-queue.js';
import { requirePlanText } from '../io/plan-folder.js';
import { writeTaskFile } from '../io/plan-folder.js';
import { runTask } from '../experiment/task.js';
import { describeTask, parsePlan, planTaskList, taskFileName, taskFileText, type Plan } from '../queue/plan.js';

export interface TaskFlags {
  /** The task's index; default from SLURM_ARRAY_TASK_ID, then JOB_COMPLETION_INDEX. */
  index?: number;
  /** Also run index + stride, index + 2·stride, … (an array smaller than the plan). Default: only `index`. */
  stride?: number;
}

/** Environment variables an array scheduler sets to the element's index, in the order they are read. */
export const INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX'] as const;

/** The first index: --index, else a scheduler's variable; checked against the plan. */
export function taskIndex(flags: TaskFlags, count: number, env: NodeJS.ProcessEnv = process.env): number {
  let source = '--index';
  let raw: unknown = flags.index;
  if (raw === undefined) {
    const name = INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
    if (name === undefined) throw new RisklabError(planMessages.noIndex, '--index');
    source = name;
    raw = env[name];
  }
  const value = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(String(raw)) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 0 || value >= count) throw new RisklabError(planMessages.badIndex(source, raw, count), source);
  return value;
}

/** Read and check a plan folder's plan.json. */
export function loadPlan(dir: string): Plan {
  return parsePlan(requirePlanText(dir), join(dir, 'plan.json'));
}

/**
 * `risklab task <plan> --index i`: run one task of a plan (or every
 * `stride`-th from i) and write each result to
 * `<plan>/tasks/<configHash>-<index>.json` atomically. A task is a pure
 * function of the plan, so running it twice writes the same bytes: a
 * scheduler that delivers at least once does no harm. `out` gets one line
 * per task written.
 */
export async function runTaskCommand(dir: string, flags: TaskFlags, out: (line: string) => void): Promise<void> {
  const plan = loadPlan(dir);
  const tasks = planTaskList(plan);
  const first = taskIndex(flags, tasks.length);
  const stride = flags.stride ?? tasks.length;
  for (let i = first; i < tasks.length; i += stride) {
    const started = Date.now();
    const result = await runTask(plan.resolved, tasks[i], { saveScores: plan.saveScores });
    const path = writeTaskFile(dir, taskFileName(plan.configHash, i), taskFileText(plan.configHash, result));
    out(planMessages.taskWritten(describeTask(plan.resolved, tasks[i]), path, (Date.now() - started) / 1000));
  }
}
