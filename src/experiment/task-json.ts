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
  return JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value));
}

/** Read what `encodeTaskResult` wrote. */
export function decodeTaskResult(text: string): TaskResult {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === '$number') return Number((value as { $number: string }).$number);
    }
    return value;
  }) as TaskResult;
}
