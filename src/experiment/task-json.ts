import type { TaskResult } from './task.js';

/**
 * A task's result as JSON text and back, exactly: JSON has no NaN or
 * ±Infinity (an unreachable cut, a rate with no denominator), so those are
 * written as `{"$number":"NaN"}` (or "Infinity", "-Infinity"). Keys keep the
 * order the task wrote them in, so one task always gives the same bytes —
 * what a scheduler that may run a task twice needs.
 *
 * @example
 * decodeTaskResult(encodeTaskResult(result)); // deep-equal to result
 */
export function encodeTaskResult(result: TaskResult): string {
  return encodeExactJson(result);
}

/** Read what `encodeTaskResult` wrote. */
export function decodeTaskResult(text: string): TaskResult {
  return decodeExactJson(text) as TaskResult;
}

/**
 * Any plain value as JSON text, exactly (NaN and ±Infinity as
 * `{"$number":…}`, keys in insertion order): what `encodeTaskResult` does,
 * for other plain data such as a resolved experiment in a plan folder.
 * `space` indents as JSON.stringify does.
 */
export function encodeExactJson(value: unknown, space?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v), space);
}

/** Read what `encodeExactJson` wrote. */
export function decodeExactJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === '$number') return Number((value as { $number: string }).$number);
    }
    return value;
  });
}
