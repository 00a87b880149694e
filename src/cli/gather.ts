import { join } from 'node:path';
import { RisklabError } from '../messages.js';
import { planMessages } from '../messages-queue.js';
import { listTaskFiles, readTaskText, tasksDir } from '../io/plan-folder.js';
import type { ExperimentResult } from '../experiment/aggregate.js';
import type { TaskResult } from '../experiment/task.js';
import { describeTask, parseTaskFile, parseTaskFileName, planTaskList, taskMismatch, type Plan } from '../queue/plan.js';
import { commitResults, openResultsFolder } from './run.js';
import { loadPlan } from './task.js';

export interface GatherFlags {
  /** Parent folder of <name>/, as `risklab run --out`. Default results/ (results-quick/ for a quick plan). */
  out?: string;
}

/**
 * Every task result of a plan folder, in task order — or one line naming
 * what is wrong: a file of another config or of an index the plan does not
 * have (a foreign task), a damaged file, or the tasks still missing.
 * Files in tasks/ that are not named like task results are ignored.
 */
export function readPlanResults(dir: string, plan: Plan): TaskResult[] {
  const tasks = planTaskList(plan);
  const found: (TaskResult | undefined)[] = new Array(tasks.length);
  for (const name of listTaskFiles(dir)) {
    const parsed = parseTaskFileName(name);
    if (parsed === null) continue;
    const path = join(tasksDir(dir), name);
    if (parsed.hash !== plan.configHash) throw new RisklabError(planMessages.foreign(path, `it is a task of config ${parsed.hash}, not of this plan's ${plan.configHash}`), 'tasks');
    if (parsed.index >= tasks.length) throw new RisklabError(planMessages.foreign(path, `this plan has ${tasks.length.toLocaleString('en-GB')} tasks (0 to ${tasks.length - 1})`), 'tasks');
    let file;
    try {
      file = parseTaskFile(readTaskText(dir, name));
    } catch (e) {
      if (e instanceof RisklabError) throw e;
      throw new RisklabError(planMessages.damaged(path, (e as Error).message), 'tasks');
    }
    const mismatch = taskMismatch(plan, tasks, file, parsed.index);
    if (mismatch !== null) throw new RisklabError(planMessages.foreign(path, mismatch), 'tasks');
    found[parsed.index] = file.result;
  }
  const missing = tasks.filter((t) => found[t.index] === undefined).map((t) => t.index);
  if (missing.length > 0) throw new RisklabError(planMessages.missing(missing.length, tasks.length, tasksDir(dir), missing, describeTask(plan.resolved, tasks[missing[0]])), 'tasks');
  return found as TaskResult[];
}

/**
 * `risklab gather <plan>`: check that every task of the plan is there and is
 * the plan's, then write the results folder `risklab run` writes
 * (byte-identical apart from manifest.json: the same write path,
 * `commitResults`). Nothing is written when a task is missing or foreign.
 */
export async function runGather(dir: string, flags: GatherFlags): Promise<{ result: ExperimentResult; dir: string }> {
  const started = Date.now();
  const plan = loadPlan(dir);
  const { dir: target, pending } = openResultsFolder(plan.resolved, flags.out);
  try {
    const tasks = readPlanResults(dir, plan);
    const result = await commitResults(pending, plan.resolved, tasks, { saveScores: plan.saveScores, started, workers: `gathered from ${dir}` });
    return { result, dir: target };
  } catch (e) {
    pending.abort();
    throw e;
  }
}
