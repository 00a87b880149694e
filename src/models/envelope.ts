import { modelMessages, RisklabError, show } from '../messages.js';

/**
 * The one saved-model envelope (issue 9 §3). Every fitted model's `toJSON()`
 * returns
 *
 * ```json
 * { "kind": "forest", "version": 1, "params": { …resolved hyper-parameters… }, "state": { …the fitted numbers… } }
 * ```
 *
 * `kind` is the registry name, `version` the format version of that model's
 * `state`, `params` the resolved hyper-parameters (every default written
 * out) and `state` whatever the model needs to predict again. A model
 * supplies only its state (de)serialiser (`SavedFormat.read`); reading the
 * envelope, checking the kind and version, resolving the parameters and
 * every load error are here, so a wrong kind, a newer version, bad
 * parameters or a missing or garbled state read the same for every model:
 * `saved forest model cannot be loaded: state.trees[3] …`.
 */
export interface SavedModel<S = unknown> {
  readonly kind: string;
  readonly version: number;
  readonly params: unknown;
  readonly state: S;
}

/** How one model's state is read back. */
export interface SavedFormat<P, F, C = unknown> {
  readonly kind: string;
  /** The newest state format this code writes and reads. */
  readonly version: number;
  /** Resolves the saved parameters (the model's `ParamSpec`). */
  readonly params: { resolve(given: unknown): P };
  /** Rebuild the fitted model from its checked state. */
  readonly read: (state: StateReader, params: P, context: C) => F;
}

/**
 * The envelope for a fitted model (plain JSON values only: the state is the
 * model's own JSON-safe form).
 */
export function savedModel<S>(kind: string, version: number, params: unknown, state: S): SavedModel<S> {
  return { kind, version, params: structuredClone(params), state };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `kind` of a saved model, or the load error naming no model ("a"). */
export function savedKind(json: unknown): string {
  if (!isRecord(json)) throw new RisklabError(modelMessages.savedModel('a', modelMessages.saved.notObject));
  if (typeof json.kind !== 'string') throw new RisklabError(modelMessages.savedModel('a', modelMessages.saved.noKind));
  return json.kind;
}

/**
 * Read a saved model of `format.kind`: checks the envelope, resolves the
 * parameters, hands the state to the model's reader, and makes sure every
 * state field was read (an unknown field means another model's or a newer
 * format's state).
 */
export function loadSaved<P, F, C>(format: SavedFormat<P, F, C>, json: unknown, context: C): F {
  const fail = (reason: string): never => {
    throw new RisklabError(modelMessages.savedModel(format.kind, reason));
  };
  const s = modelMessages.saved;
  if (!isRecord(json)) return fail(s.notObject);
  if (json.kind !== format.kind) return fail(s.wrongKind(json.kind));
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(s.badVersion(version));
  if (version > format.version) return fail(s.newerVersion(version, format.version));
  let params: P;
  try {
    params = format.params.resolve(json.params);
  } catch (error) {
    if (error instanceof RisklabError) return fail(error.message);
    throw error;
  }
  if (json.state === undefined) return fail(s.noState);
  if (!isRecord(json.state)) return fail(s.badState(undefined, `must be an object; got ${show(json.state)}`));
  const reader = new StateReader(json.state, fail);
  const fitted = format.read(reader, params, context);
  reader.finish();
  return fitted;
}

/**
 * Typed access to a saved state. Each getter checks its field and throws the
 * one load error naming it (`state.coefficients must be a list of 12 finite
 * numbers; got …`); `finish` refuses fields nobody read.
 */
export class StateReader {
  private readonly read = new Set<string>();

  constructor(
    private readonly state: Record<string, unknown>,
    private readonly fail: (reason: string) => never,
  ) {}

  /** Throw the load error about `field` (or the whole state). */
  bad(field: string | undefined, problem: string): never {
    return this.fail(modelMessages.saved.badState(field, problem));
  }

  /** A field as it is, unchecked (the caller checks it and calls `bad`). */
  raw(key: string): unknown {
    this.read.add(key);
    return this.state[key];
  }

  /** A finite number (an integer ≥ `min` when `integer`). */
  number(key: string, options: { readonly integer?: boolean; readonly min?: number } = {}): number {
    const v = this.raw(key);
    const ok = typeof v === 'number' && Number.isFinite(v) && (!options.integer || Number.isInteger(v)) && (options.min === undefined || v >= options.min);
    const what = options.integer ? `an integer${options.min === undefined ? '' : ` ≥ ${options.min}`}` : 'a finite number';
    return ok ? v : this.bad(key, `must be ${what}; got ${show(v)}`);
  }

  /** A list of finite numbers (of `length` entries when given); `null` entries allowed when `nullable` (read as NaN). */
  numbers(key: string, length?: number, nullable = false): number[] {
    const v = this.raw(key);
    const ok =
      Array.isArray(v) &&
      (length === undefined || v.length === length) &&
      v.every((x) => (typeof x === 'number' && Number.isFinite(x)) || (nullable && x === null));
    if (!ok) this.bad(key, `must be a list of ${length ?? ''}${length === undefined ? '' : ' '}finite numbers; got ${show(v)}`);
    return (v as (number | null)[]).map((x) => (x === null ? NaN : x));
  }

  /** A list of strings (of `length` entries when given). */
  strings(key: string, length?: number): string[] {
    const v = this.raw(key);
    const ok = Array.isArray(v) && (length === undefined || v.length === length) && v.every((x) => typeof x === 'string');
    if (!ok) this.bad(key, `must be a list of ${length === undefined ? '' : `${length} `}names; got ${show(v)}`);
    return [...(v as string[])];
  }

  /** True or false. */
  boolean(key: string): boolean {
    const v = this.raw(key);
    return typeof v === 'boolean' ? v : this.bad(key, `must be true or false; got ${show(v)}`);
  }

  /** A list (unchecked entries). */
  list(key: string): unknown[] {
    const v = this.raw(key);
    return Array.isArray(v) ? v : this.bad(key, `must be a list; got ${show(v)}`);
  }

  /** Refuse fields that were never read. */
  finish(): void {
    for (const key of Object.keys(this.state)) {
      if (!this.read.has(key)) this.bad(undefined, `has a field ${show(key)} this model does not save`);
    }
  }
}

/** `NaN` → `null` (JSON has no NaN), other numbers unchanged: for optional statistics in a state. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
