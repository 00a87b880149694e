/**
 * The rows of the reference comparison (bench/reference/compare.ts) and the
 * hook other bench modules use to add theirs.
 *
 * A row times one job on our side (in this process, CPU seconds) and names
 * the task the reference side runs (`bench/reference/sklearn_side.py
 * <task>`, or another Python script), then the table shows both times, their
 * ratio against a target, and the AUCs when the job has one.
 *
 * To add a row from another module (e.g. a generation row against a NumPy
 * draw floor), put a file in `bench/reference/extra/` that calls
 * `registerReferenceRows(...)` when imported; compare.ts imports every file
 * there before running.
 */
import type { ReferenceContext } from './context.js';

/** What one side measured: CPU seconds per repeat, and the AUC (and AP) per repeat when the job scores rows. */
export interface Measured {
  readonly seconds: readonly number[];
  readonly auc?: readonly number[];
  readonly ap?: readonly number[];
  /** A short note for the table (rounds run, engine…). */
  readonly note?: string;
}

/** Where the reference side's figures come from. */
export interface ReferenceTask {
  /** Python script (default `bench/reference/sklearn_side.py`). */
  readonly script?: string;
  /** Its task name (first argument). */
  readonly task: string;
  /** Which measurement of the task's JSON output this row shows (a task may report several). */
  readonly key: string;
}

export interface ReferenceRow {
  /** Table label, e.g. "forest fit". */
  readonly label: string;
  /** Our side's ratio target (ours / reference ≤ target), when there is one. */
  readonly target?: number;
  /** How the AUCs must agree, for the verdict (absent: AUCs shown, not judged). */
  readonly aucTolerance?: number;
  readonly ours: (context: ReferenceContext) => Promise<Measured>;
  /** Runs after `ours` and before the reference task (e.g. to export the scores both sides sweep). */
  readonly prepare?: (context: ReferenceContext) => Promise<void>;
  readonly reference: ReferenceTask;
}

const ROWS: ReferenceRow[] = [];

/** Add rows to the comparison (in the order they should print). */
export function registerReferenceRows(...rows: ReferenceRow[]): void {
  ROWS.push(...rows);
}

/** Every registered row, in registration order. */
export function referenceRows(): readonly ReferenceRow[] {
  return ROWS;
}
