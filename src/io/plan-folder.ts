import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RisklabError, messages } from '../messages.js';
import { planMessages } from '../messages-queue.js';
import { cleanStaleTemporaries, writeFileAtomic } from './atomic.js';
import { checkOutputFolder } from './output-check.js';

/**
 * The plan folder on disk (the layout is described in src/queue/plan.ts):
 * plan.json, tasks.csv, the emitted job files and tasks/<hash>-<i>.json.
 * Every file is written through a temporary file and renamed into place, so
 * a task killed mid-write leaves no damaged result, and two runs of one
 * task (at-least-once delivery) simply write the same bytes twice.
 */

export const PLAN_FILE = 'plan.json';
export const TASKS_DIR = 'tasks';

/** plan.json's text, or null when the folder has none. */
export function readPlanText(dir: string): string | null {
  const path = join(dir, PLAN_FILE);
  if (!existsSync(path)) return null;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new RisklabError(messages.unreadableFile('plan', path, (e as Error).message), 'plan');
  }
}

/** plan.json's text; a folder without one is not a plan folder (one line saying how to make one). */
export function requirePlanText(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RisklabError(planMessages.notPlan(dir, 'no such folder'), 'plan');
  const text = readPlanText(dir);
  if (text === null) throw new RisklabError(planMessages.notPlan(dir, `it has no ${PLAN_FILE}`), 'plan');
  return text;
}

/** True when `dir` is missing or an empty folder (a new plan may go there). */
export function isEmptyFolder(dir: string): boolean {
  return !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);
}

/**
 * Write a plan's files into `dir` (made if missing; checked writable first)
 * and make its tasks/ folder. Results already in tasks/ are kept: planning
 * the same config again loses no finished task.
 */
export function writePlanFiles(dir: string, files: Record<string, string>): void {
  checkOutputFolder(dir, '--out');
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileAtomic(path, [text], '--out');
  }
  mkdirSync(join(dir, TASKS_DIR), { recursive: true });
}

/** Where task results go. */
export function tasksDir(dir: string): string {
  return join(dir, TASKS_DIR);
}

/** Write one task's result file atomically (tasks/ is made if missing). */
export function writeTaskFile(dir: string, name: string, text: string): string {
  const folder = tasksDir(dir);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileAtomic(path, [text], 'tasks');
  return path;
}

/** The names of the files in tasks/ (after removing the temporaries of dead writers); none when it is missing. */
export function listTaskFiles(dir: string): string[] {
  const folder = tasksDir(dir);
  if (!existsSync(folder)) return [];
  cleanStaleTemporaries(folder);
  return readdirSync(folder).sort();
}

/** One task file's text. */
export function readTaskText(dir: string, name: string): string {
  const path = join(tasksDir(dir), name);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new RisklabError(planMessages.damaged(path, (e as Error).message), 'tasks');
  }
}
