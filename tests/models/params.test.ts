import { describe, expect, it } from 'vitest';
import { modelMessages, RisklabError } from '../../src/messages.js';
import { modelEntry, modelNames } from '../../src/models/registry.js';
import {
  boolean,
  choice,
  choiceOrInteger,
  classWeightField,
  classWeights,
  defineParams,
  integer,
  integerList,
  nested,
  number,
  rangeWords,
} from '../../src/models/params.js';

/** The one hyper-parameter mechanism (src/models/params.ts), on a toy spec and on every registered model. */
const INNER = defineParams('inner', { rate: number({ default: 0.5, min: 0, max: 1, doc: 'A share.' }) });
const TOY = defineParams('toy', {
  depth: integer({ default: 3, min: 1, doc: 'Depth.' }),
  kind: choice(['a', 'b'], { default: 'a', doc: 'Kind.' }),
  on: boolean({ default: true, doc: 'Switch.' }),
  widths: integerList({ default: [4, 2], min: 1, doc: 'Widths.' }),
  features: choiceOrInteger(['all'], { default: 'all', min: 1, doc: 'Features.' }),
  inner: nested(INNER, { doc: 'Nested options.' }),
  classWeight: classWeightField(),
});

function message(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(RisklabError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('defineParams', () => {
  it('fills every default, in declaration order, frozen all the way down', () => {
    expect(TOY.defaults).toEqual({ depth: 3, kind: 'a', on: true, widths: [4, 2], features: 'all', inner: { rate: 0.5 }, classWeight: 'none' });
    const p = TOY.resolve({ inner: { rate: 0.25 }, depth: 5, kind: undefined });
    expect(Object.keys(p)).toEqual(TOY.keys);
    expect(p).toMatchObject({ depth: 5, kind: 'a', inner: { rate: 0.25 } });
    expect(Object.isFrozen(p) && Object.isFrozen(p.widths) && Object.isFrozen(p.inner)).toBe(true);
    expect(JSON.stringify(TOY.resolve({ on: false, depth: 2 }))).toBe(JSON.stringify(TOY.resolve({ depth: 2, on: false })));
  });

  it('copies given lists, so changing the caller’s array changes nothing', () => {
    const widths = [8];
    const p = TOY.resolve({ widths });
    widths.push(9);
    expect(p.widths).toEqual([8]);
  });

  it('names the model, "params" and the field (nested fields by their full path)', () => {
    expect(message(() => TOY.resolve({ depth: 0 }))).toBe('toy.params.depth must be an integer ≥ 1; got 0');
    expect(message(() => TOY.resolve({ kind: 'c' }))).toBe('toy.params.kind must be one of "a", "b"; got "c"');
    expect(message(() => TOY.resolve({ on: 1 }))).toBe('toy.params.on must be true or false; got 1');
    expect(message(() => TOY.resolve({ widths: [2, 0] }))).toBe('toy.params.widths must be a list of integers ≥ 1; got [2,0]');
    expect(message(() => TOY.resolve({ features: 'most' }))).toBe('toy.params.features must be one of "all" or an integer ≥ 1; got "most"');
    expect(message(() => TOY.resolve({ inner: { rate: 2 } }))).toBe('toy.params.inner.rate must be a number in [0, 1]; got 2');
    expect(message(() => TOY.resolve({ inner: { speed: 2 } }))).toBe(modelMessages.unknownParam('toy.params.inner', 'speed', ['rate']));
    expect(message(() => TOY.resolve({ classWeight: { positive: -1 } }))).toBe(
      'toy.params.classWeight must be "none", "balanced" or { positive: w } with w a finite number > 0; got {"positive":-1}',
    );
  });

  it('refuses unknown keys by own keys only: prototype names are unknown too', () => {
    for (const key of ['colour', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(message(() => TOY.resolve(JSON.parse(`{ "${key}": 1 }`)))).toBe(modelMessages.unknownParam('toy.params', key, TOY.keys));
    }
    expect(message(() => TOY.resolve({ colour: undefined }))).toBe(modelMessages.unknownParam('toy.params', 'colour', TOY.keys));
    // A prototype on the given object is not a setting and sets nothing.
    expect(TOY.resolve(Object.create({ depth: 9 }))).toEqual(TOY.defaults);
  });

  it('refuses parameters that are not a plain object', () => {
    for (const given of [null, 3, 'x', [1], new Float64Array(2)]) {
      expect(message(() => TOY.resolve(given))).toBe(modelMessages.paramsNotObject('toy.params', given));
    }
  });

  it('says ranges in words', () => {
    expect(rangeWords({ min: 0, minExclusive: true, max: 1 })).toBe('a number in (0, 1]');
    expect(rangeWords({ min: 0, max: 1, maxExclusive: true })).toBe('a number in [0, 1)');
    expect(rangeWords({ min: 0 })).toBe('a finite number ≥ 0');
    expect(rangeWords({ min: 0, minExclusive: true, infinite: true })).toBe('a number > 0');
    expect(rangeWords({})).toBe('a finite number');
  });

  it('documents every field of every registered model (type, allowed values, default, doc)', () => {
    for (const name of modelNames) {
      const spec = modelEntry(name).params;
      expect(spec.model).toBe(name);
      for (const row of spec.describe()) {
        expect(row.doc.length, `${name}.${row.name}`).toBeGreaterThan(5);
        expect(row.type.length).toBeGreaterThan(0);
        expect(row.expected.length).toBeGreaterThan(0);
      }
      // Resolving the resolved parameters changes nothing (loading a saved model relies on it).
      expect(spec.resolve(spec.defaults)).toEqual(spec.defaults);
    }
  });
});

describe('classWeights', () => {
  // scikit-learn 1.2.1: compute_class_weight('balanced', classes=[0, 1], y=[0, 0, 0, 1]) → [0.6667, 2.0]
  it("'balanced' is n / (2 · n_c), as scikit-learn's compute_class_weight", () => {
    expect(Array.from(classWeights('balanced', Uint8Array.of(0, 0, 0, 1)))).toEqual([4 / 6, 2]);
    expect(Array.from(classWeights('none', Uint8Array.of(0, 1)))).toEqual([1, 1]);
    expect(Array.from(classWeights({ positive: 5 }, Uint8Array.of(0, 1)))).toEqual([1, 5]);
  });
});
