import { modelMessages, RisklabError, show } from '../messages.js';

/**
 * The one hyper-parameter mechanism of every model (issue 9 §3), in the style
 * of Observable Plot's and tfjs-layers' options: each option is a typed field
 * with its default, its allowed values and a line of documentation written
 * next to it, and a model's parameters are declared once as a table of such
 * fields:
 *
 * ```ts
 * export const FOREST_PARAMS = defineParams('forest', {
 *   nTrees: integer({ default: 100, min: 1, doc: 'Number of trees.' }),
 *   criterion: choice(['gini', 'entropy'], { default: 'gini', doc: 'Impurity used to choose splits.' }),
 * });
 * export type ForestParams = ParamsOf<typeof FOREST_PARAMS>;
 * FOREST_PARAMS.defaults;               // { nTrees: 100, criterion: 'gini' } (frozen)
 * FOREST_PARAMS.resolve({ nTrees: 5 }); // { nTrees: 5, criterion: 'gini' } (checked, frozen)
 * ```
 *
 * `resolve` fills defaults, checks every value and refuses keys the model
 * does not have — by own keys only, so `toString`, `constructor`,
 * `hasOwnProperty` or an own `__proto__` (as `JSON.parse` makes it) are
 * refused like any misspelling. Every error names the model, the word
 * `params` and the field, and lists the known keys for an unknown one:
 * `forest.params.minLeafSize must be an integer ≥ 1; got 0`. A value of
 * `undefined` means "the default", as an absent key does.
 *
 * The resolved object has the fields in declaration order (whatever order
 * they were given in), so saved parameters are byte-stable. A spec may add
 * cross-field rules (`rules.check`) and a `normalise` step that turns the
 * checked values into the model's resolved parameters (e.g. `C` → `l2`);
 * `normalise` must be idempotent, because a saved model's resolved
 * parameters are resolved again when it is loaded.
 */

/** One option: its type and allowed values in words, its default, its documentation and its check. `I` is what a caller may give (by default `T`). */
export interface ParamField<T, I = T> {
  /** Type-level only: what callers may give for this option. */
  readonly input?: I;
  /** The type, for documentation: `integer`, `number`, `"gini" | "entropy"`, `integer[]`… */
  readonly type: string;
  /** The allowed values in words, as messages print them: `an integer ≥ 1`. */
  readonly expected: string;
  /** The value used when the option is absent (or `undefined`). */
  readonly default: T;
  /** One line of documentation. */
  readonly doc: string;
  /** The checked value; throws `RisklabError` naming `path` when `value` (never `undefined`) is not allowed. */
  check(value: unknown, path: string): T;
}

type AnyFields = Record<string, ParamField<unknown, unknown>>;

/** The values of a table of fields. */
export type ValuesOf<F extends AnyFields> = { readonly [K in keyof F]: F[K] extends ParamField<infer T, infer _I> ? T : never };

/** What a spec resolves to. */
export type ParamsOf<S> = S extends ParamSpec<AnyFields, infer Out> ? Out : never;

/** What a factory accepts: any subset of the fields. */
export type ParamsInput<S> = S extends ParamSpec<infer F, unknown>
  ? { readonly [K in keyof F]?: F[K] extends ParamField<infer _T, infer I> ? I : never }
  : never;

/** Throws the one "bad value" error for `path`. */
export function paramError(path: string, expected: string, got: unknown): never {
  throw new RisklabError(modelMessages.param(path, expected, got), path);
}

/** Cross-field rules and the step from checked values to resolved parameters. */
export interface ParamRules<F extends AnyFields, Out> {
  /**
   * Checks across fields; `given` holds the keys actually given (so a rule can
   * tell "given" from "defaulted"). Throw with `fail(field, expected, got)` or
   * `conflict(a, b, why)`.
   */
  readonly check?: (
    values: ValuesOf<F>,
    given: ReadonlySet<string>,
    fail: (field: string, expected: string, got: unknown) => never,
    conflict: (a: string, b: string, why: string) => never,
  ) => void;
  /** Checked values → resolved parameters. Idempotent. Default: the values themselves. */
  readonly normalise?: (values: ValuesOf<F>) => Out;
}

/** One documented field, as `describe()` lists it. */
export interface ParamRow {
  readonly name: string;
  readonly type: string;
  readonly expected: string;
  readonly default: string;
  readonly doc: string;
}

/** What every parameter table offers, whatever its fields (the registry's view). */
export interface AnyParamSpec {
  /** The model's registry name (the first word of every message). */
  readonly model: string;
  /** The field names, in declaration order (what "known:" lists). */
  readonly keys: readonly string[];
  /** The resolved parameters with every default. */
  readonly defaults: unknown;
  /** Check and fill defaults; `path` names the parameters in messages (default `<model>.params`). */
  resolve(given: unknown, path?: string): unknown;
  /** One row per field, for documentation. */
  describe(): readonly ParamRow[];
}

/** A model's parameter table. */
export interface ParamSpec<F extends AnyFields, Out> extends AnyParamSpec {
  readonly fields: Readonly<F>;
  readonly defaults: Readonly<Out>;
  resolve(given: unknown, path?: string): Readonly<Out>;
}

/**
 * Declare a model's hyper-parameters.
 *
 * @example
 * const SPEC = defineParams('toy', { depth: integer({ default: 3, min: 1, doc: 'Tree depth.' }) });
 * SPEC.resolve({ depth: 0 }); // throws "toy.params.depth must be an integer ≥ 1; got 0"
 */
export function defineParams<F extends AnyFields, Out = ValuesOf<F>>(
  model: string,
  fields: F,
  rules: ParamRules<F, Out> = {},
): ParamSpec<F, Out> {
  const keys = Object.freeze(Object.keys(fields));
  const resolve = (given: unknown, path = `${model}.params`): Readonly<Out> => {
    const record = paramsRecord(given, path);
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(fields, key)) throw new RisklabError(modelMessages.unknownParam(path, key, keys), `${path}.${key}`);
    }
    const values: Record<string, unknown> = {};
    const givenKeys = new Set<string>();
    for (const key of keys) {
      const value = Object.hasOwn(record, key) ? record[key] : undefined;
      if (value === undefined) values[key] = fields[key].default;
      else {
        givenKeys.add(key);
        values[key] = fields[key].check(value, `${path}.${key}`);
      }
    }
    const checked = values as ValuesOf<F>;
    rules.check?.(
      checked,
      givenKeys,
      (field, expected, got) => paramError(`${path}.${field}`, expected, got),
      (a, b, why) => {
        throw new RisklabError(modelMessages.paramConflict(path, a, b, why), `${path}.${b}`);
      },
    );
    const out = rules.normalise ? rules.normalise(checked) : (checked as unknown as Out);
    return deepFreeze(out);
  };
  const spec: ParamSpec<F, Out> = {
    model,
    fields,
    keys,
    defaults: resolve(undefined),
    resolve,
    describe: () =>
      keys.map((name) => {
        const f = fields[name];
        return { name, type: f.type, expected: f.expected, default: showDefault(f.default), doc: f.doc };
      }),
  };
  return Object.freeze(spec);
}

/** `undefined` → `{}`; anything but a plain object is refused. */
function paramsRecord(given: unknown, path: string): Record<string, unknown> {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object' || Array.isArray(given) || ArrayBuffer.isView(given)) {
    throw new RisklabError(modelMessages.paramsNotObject(path, given), path);
  }
  return given as Record<string, unknown>;
}

function showDefault(value: unknown): string {
  return value === undefined ? '(none)' : show(value);
}

/** Freeze an object and every plain object or array inside it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// ---- field builders ---------------------------------------------------------

interface Documented<T> {
  readonly default: T;
  readonly doc: string;
}

function field<T>(
  type: string,
  expected: string,
  options: Documented<T>,
  ok: (value: unknown) => boolean,
  convert: (value: unknown) => T = (value) => value as T,
): ParamField<T> {
  return Object.freeze({
    type,
    expected,
    default: options.default,
    doc: options.doc,
    check: (value: unknown, path: string): T => (ok(value) ? convert(value) : paramError(path, expected, value)),
  });
}

/** An integer ≥ `min` (and ≤ `max` when given). */
export function integer(options: Documented<number> & { readonly min: number; readonly max?: number }): ParamField<number> {
  const { min, max } = options;
  const expected = max === undefined ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && (max === undefined || v <= max);
  return field('integer', expected, options, ok);
}

/** Bounds of a `number` field: inclusive or exclusive at each end; infinite values refused unless `infinite`. */
export interface NumberBounds {
  /** Lower bound (inclusive unless `minExclusive`). */
  readonly min?: number;
  readonly minExclusive?: boolean;
  /** Upper bound (inclusive unless `maxExclusive`). */
  readonly max?: number;
  readonly maxExclusive?: boolean;
  /** Accept +Infinity (e.g. "no penalty"). Default false. */
  readonly infinite?: boolean;
}

/** The allowed range in words: `a number in (0, 1]`, `a finite number ≥ 0`, `a number > 0`. */
export function rangeWords(b: NumberBounds): string {
  const lower = b.min === undefined ? undefined : b.minExclusive ? `> ${b.min}` : `≥ ${b.min}`;
  if (b.min !== undefined && b.max !== undefined) {
    return `a number in ${b.minExclusive ? '(' : '['}${b.min}, ${b.max}${b.maxExclusive ? ')' : ']'}`;
  }
  const upper = b.max === undefined ? undefined : b.maxExclusive ? `< ${b.max}` : `≤ ${b.max}`;
  const bound = [lower, upper].filter(Boolean).join(' and ');
  return `a ${b.infinite ? '' : 'finite '}number${bound ? ` ${bound}` : ''}`;
}

function inRange(v: unknown, b: NumberBounds): v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) return false;
  if (!Number.isFinite(v) && !(b.infinite && v === Infinity)) return false;
  if (b.min !== undefined && (b.minExclusive ? v <= b.min : v < b.min)) return false;
  if (b.max !== undefined && (b.maxExclusive ? v >= b.max : v > b.max)) return false;
  return true;
}

/** A number within bounds (NaN never; ±Infinity only as `infinite` allows). */
export function number(options: Documented<number> & NumberBounds): ParamField<number> {
  return field('number', rangeWords(options), options, (v) => inRange(v, options));
}

/** True or false. */
export function boolean(options: Documented<boolean>): ParamField<boolean> {
  return field('boolean', 'true or false', options, (v) => typeof v === 'boolean');
}

/** One of the listed strings. */
export function choice<const C extends readonly string[]>(choices: C, options: Documented<C[number]>): ParamField<C[number]> {
  const expected = `one of ${choices.map((c) => show(c)).join(', ')}`;
  return field(choices.map((c) => show(c)).join(' | '), expected, options, (v) => typeof v === 'string' && choices.includes(v));
}

/** One of the listed strings, or an integer in range (e.g. `maxFeatures: 'sqrt' | 3`). */
export function choiceOrInteger<const C extends readonly string[]>(
  choices: C,
  options: Documented<C[number] | number> & { readonly min: number },
): ParamField<C[number] | number> {
  const words = choices.map((c) => show(c)).join(', ');
  const expected = `one of ${words} or an integer ≥ ${options.min}`;
  const ok = (v: unknown) => (typeof v === 'string' && choices.includes(v)) || (typeof v === 'number' && Number.isInteger(v) && v >= options.min);
  return field(`${choices.map((c) => show(c)).join(' | ')} | integer`, expected, options, ok);
}

/** A list of integers ≥ `min` (copied and frozen). */
export function integerList(options: Documented<readonly number[]> & { readonly min: number }): ParamField<readonly number[]> {
  const ok = (v: unknown) => Array.isArray(v) && v.every((u) => typeof u === 'number' && Number.isInteger(u) && u >= options.min);
  return field('integer[]', `a list of integers ≥ ${options.min}`, options, ok, (v) => Object.freeze([...(v as number[])]));
}

/** A non-empty list of strings, or nothing (the default `undefined` meaning "the model decides"). */
export function stringList(options: Documented<readonly string[] | undefined> & { readonly expected: string }): ParamField<readonly string[] | undefined> {
  const ok = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string');
  return field('string[]', options.expected, options, ok, (v) => Object.freeze([...(v as string[])]));
}

/**
 * A non-empty object of finite numbers by name (e.g. points per flag), or
 * nothing. A bad entry is named by its key: `points.params.weights.drugs`.
 */
export function numberRecord(
  options: Documented<Readonly<Record<string, number>> | undefined> & { readonly expected: string; readonly entry: string },
): ParamField<Readonly<Record<string, number>> | undefined> {
  return Object.freeze({
    type: 'Record<string, number>',
    expected: options.expected,
    default: options.default,
    doc: options.doc,
    check(value: unknown, path: string): Readonly<Record<string, number>> {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
        return paramError(path, options.expected, value);
      }
      const out: Record<string, number> = {};
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== 'number' || !Number.isFinite(v)) paramError(`${path}.${name}`, options.entry, v);
        out[name] = v;
      }
      return Object.freeze(out);
    },
  });
}

/** Another spec's parameters as one option (e.g. the logistic fit inside `points`); errors name the full path. */
export function nested<F extends AnyFields, Out>(spec: ParamSpec<F, Out>, options: { readonly doc: string }): ParamField<Readonly<Out>, ParamsInput<ParamSpec<F, Out>>> {
  return Object.freeze({
    type: `${spec.model} params`,
    expected: `an object of ${spec.model} hyper-parameters`,
    default: spec.defaults,
    doc: options.doc,
    check: (value: unknown, path: string) => spec.resolve(value, path),
  });
}

// ---- class weights (shared by every trainable model) ------------------------

/**
 * How much each training row counts, by its recorded class:
 * - `'none'`: every row weighs 1 (the plain fit);
 * - `'balanced'`: scikit-learn's `class_weight='balanced'`, w_c = n / (2 · n_c)
 *   for class c with n_c of the n training rows, so both classes carry the
 *   same total weight n / 2;
 * - `{ positive: w }`: rows with yRecorded = 1 weigh w > 0, the others 1
 *   (the usual "upweight the rare outcome w times", equivalent in the fit to
 *   repeating each positive w times when w is whole).
 */
export type ClassWeight = 'none' | 'balanced' | { readonly positive: number };

const CLASS_WEIGHT_EXPECTED = '"none", "balanced" or { positive: w } with w a finite number > 0';

/** The `classWeight` option, default `'none'` (identical numbers to a model without the option). */
export function classWeightField(doc = 'Weight of each training row by its recorded class (see `ClassWeight`).'): ParamField<ClassWeight> {
  return Object.freeze({
    type: '"none" | "balanced" | { positive: number }',
    expected: CLASS_WEIGHT_EXPECTED,
    default: 'none' as ClassWeight,
    doc,
    check(value: unknown, path: string): ClassWeight {
      if (value === 'none' || value === 'balanced') return value;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const keys = Object.keys(value);
        const w = (value as { positive?: unknown }).positive;
        if (keys.length === 1 && keys[0] === 'positive' && typeof w === 'number' && Number.isFinite(w) && w > 0) {
          return Object.freeze({ positive: w });
        }
      }
      return paramError(path, CLASS_WEIGHT_EXPECTED, value);
    },
  });
}

/**
 * The weights [w₀, w₁] of rows with yRecorded = 0 and 1 under `classWeight`.
 * `'balanced'`: n / (2 · n_c) (scikit-learn's `compute_class_weight`); an
 * absent class gets 1 (training refuses one-class data before this matters).
 *
 * @example
 * classWeights('balanced', Uint8Array.of(0, 0, 0, 1)); // Float64Array [2/3, 2]
 */
export function classWeights(classWeight: ClassWeight, yRecorded: Uint8Array): Float64Array {
  if (classWeight === 'none') return Float64Array.of(1, 1);
  if (classWeight !== 'balanced') return Float64Array.of(1, classWeight.positive);
  let positives = 0;
  for (let i = 0; i < yRecorded.length; i++) positives += yRecorded[i];
  const n = yRecorded.length;
  const negatives = n - positives;
  return Float64Array.of(negatives > 0 ? n / (2 * negatives) : 1, positives > 0 ? n / (2 * positives) : 1);
}

/** Whether a class weight changes nothing (`'none'`, or `{ positive: 1 }`). */
export function isUnweighted(classWeight: ClassWeight): boolean {
  return classWeight === 'none' || (typeof classWeight === 'object' && classWeight.positive === 1);
}
