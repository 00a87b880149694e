import { messages, RisklabError, show } from '../../messages.js';

/**
 * Hyper-parameter checks shared by `forest` and `boosting`. Each throws a
 * `RisklabError` whose message names the model, the field, what was expected
 * and the value received: `forest.maxDepth must be an integer ≥ 1; got 0`.
 */

export function fail(model: string, field: string, expected: string, got: unknown): never {
  throw new RisklabError(messages.badParam(model, field, expected, got), `${model}.${field}`);
}

/** An integer ≥ `min` (and ≤ `max` when given). */
export function checkInteger(model: string, field: string, v: unknown, min: number, max?: number): number {
  const ok = typeof v === 'number' && Number.isInteger(v) && v >= min && (max === undefined || v <= max);
  if (!ok) fail(model, field, max === undefined ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`, v);
  return v as number;
}

/** A number in (0, 1]. */
export function checkFraction(model: string, field: string, v: unknown): number {
  if (!(typeof v === 'number' && v > 0 && v <= 1)) fail(model, field, 'a number in (0, 1]', v);
  return v as number;
}

/** A number in [0, 1). */
export function checkHalfOpenFraction(model: string, field: string, v: unknown): number {
  if (!(typeof v === 'number' && v >= 0 && v < 1)) fail(model, field, 'a number in [0, 1)', v);
  return v as number;
}

/** A finite number ≥ 0. */
export function checkNonNegative(model: string, field: string, v: unknown): number {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) fail(model, field, 'a finite number ≥ 0', v);
  return v as number;
}

/** One of the listed strings. */
export function checkChoice<T extends string>(model: string, field: string, v: unknown, choices: readonly T[]): T {
  if (!(typeof v === 'string' && (choices as readonly string[]).includes(v))) {
    fail(model, field, `one of ${choices.map((c) => show(c)).join(', ')}`, v);
  }
  return v as T;
}

/** A boolean. */
export function checkBoolean(model: string, field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') fail(model, field, 'true or false', v);
  return v;
}

/**
 * Merge given parameters over defaults, refusing unknown keys (a misspelt
 * option must not silently fall back to its default).
 */
export function withDefaults<P extends object>(model: string, defaults: P, given: unknown): P {
  if (given === undefined) return { ...defaults };
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new RisklabError(messages.invalid(model, 'an object of hyper-parameters', given), model);
  }
  for (const key of Object.keys(given)) {
    if (!(key in defaults)) throw new RisklabError(messages.unknownKey(model, key), `${model}.${key}`);
  }
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
  return merged as P;
}
