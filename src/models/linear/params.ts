import { messages, RisklabError } from '../../messages.js';

/**
 * Hyper-parameter checks shared by the linear models. Each throws a
 * `RisklabError` whose message names the model and the field
 * (`logistic.maxIter must be an integer ≥ 1; got 0`).
 */

/** The parameters object itself: undefined means "all defaults"; anything but a plain object is refused; unknown keys are refused. */
export function paramsObject(model: string, params: unknown, known: readonly string[]): Record<string, unknown> {
  if (params === undefined) return {};
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new RisklabError(messages.badParam(model, 'params', 'an object of hyper-parameters', params), 'params');
  }
  const record = params as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.includes(key) && record[key] !== undefined) {
      throw new RisklabError(`${messages.unknownKey(model, key)} (known: ${known.join(', ')})`, `${model}.${key}`);
    }
  }
  return record;
}

function fail(model: string, field: string, expected: string, got: unknown): never {
  throw new RisklabError(messages.badParam(model, field, expected, got), `${model}.${field}`);
}

/** A finite number `> min` (or `≥ min` when `inclusive`), or the default. */
export function numberParam(
  model: string,
  field: string,
  value: unknown,
  fallback: number,
  bound: { min?: number; inclusive?: boolean; allowInfinity?: boolean; max?: number } = {},
): number {
  if (value === undefined) return fallback;
  const { min = -Infinity, inclusive = false, allowInfinity = false, max = Infinity } = bound;
  const expected =
    `a ${allowInfinity ? '' : 'finite '}number ${inclusive ? '≥' : '>'} ${min}` + (max < Infinity ? ` and ≤ ${max}` : '');
  if (typeof value !== 'number' || Number.isNaN(value)) fail(model, field, expected, value);
  if (!allowInfinity && !Number.isFinite(value)) fail(model, field, expected, value);
  if (inclusive ? value < min : value <= min) fail(model, field, expected, value);
  if (value > max) fail(model, field, expected, value);
  return value;
}

/** An integer `≥ min`, or the default. */
export function integerParam(model: string, field: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(model, field, `an integer ≥ ${min}`, value);
  }
  return value;
}

/** A boolean, or the default. */
export function booleanParam(model: string, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(model, field, 'true or false', value);
  return value;
}

/** One of the listed strings, or the default. */
export function choiceParam<T extends string>(model: string, field: string, value: unknown, fallback: T, choices: readonly T[]): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !choices.includes(value as T)) fail(model, field, `one of ${choices.join(', ')}`, value);
  return value as T;
}

/** A saved-model field check: throws `messages.badModelJson` unless `ok`. */
export function jsonCheck(model: string, ok: boolean, reason: string): asserts ok {
  if (!ok) throw new RisklabError(messages.badModelJson(model, reason));
}

/** A JSON array of finite numbers (as saved by `toJSON`). */
export function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** A JSON array of strings. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
