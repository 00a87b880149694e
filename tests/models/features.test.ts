import { describe, expect, it } from 'vitest';
import { messages, modelMessages } from '../../src/messages.js';
import {
  assertFeatureMatrix,
  buildFeatures,
  buildTrainingSet,
  checkFeatureNames,
  featureNames,
  isTruthName,
} from '../../src/models/features.js';
import type { FeatureMatrix } from '../../src/models/types.js';
import type { Population } from '../../src/population/types.js';
import type { Records } from '../../src/recording/types.js';

/** Five children, two circumstances (a flag and a count), two group attributes. Values chosen by hand. */
function tinyRecords(): Records {
  return {
    size: 5,
    cohort: 1,
    ids: Int32Array.from([10, 11, 12, 13, 14]),
    household: Int32Array.from([1, 1, 2, 3, 3]),
    age: Uint8Array.from([10, 12, 14, 16, 17]),
    groups: [
      { attribute: 'sex', levels: ['female', 'male'], codes: Uint8Array.from([0, 1, 1, 0, 1]) },
      { attribute: 'ethnicity', levels: ['white', 'asian', 'black'], codes: Uint8Array.from([0, 1, 2, 2, 0]) },
    ],
    circumstances: [
      { name: 'drugs', domain: 'police', type: 'binary', label: 'Drugs' },
      { name: 'missing_episodes', domain: 'missing', type: 'count', label: 'Missing episodes' },
    ],
    recorded: [Uint8Array.from([0, 1, 0, 1, 0]), Uint8Array.from([0, 0, 3, 1, 0])],
    yRecorded: Uint8Array.from([0, 1, 1, 0, 0]),
  };
}

const cols = (x: FeatureMatrix) => Object.fromEntries(x.names.map((name, j) => [name, [...x.columns[j]]]));

describe('buildFeatures', () => {
  it('by default: recorded circumstances by name, then age; no group attributes', () => {
    const x = buildFeatures(tinyRecords());
    expect(x.source).toBe('records');
    expect(x.nRows).toBe(5);
    expect(x.names).toEqual(['drugs', 'missing_episodes', 'age']);
    expect(cols(x)).toEqual({ drugs: [0, 1, 0, 1, 0], missing_episodes: [0, 0, 3, 1, 0], age: [10, 12, 14, 16, 17] });
    expect([...x.rowIds]).toEqual([10, 11, 12, 13, 14]);
    x.columns.forEach((c) => expect(c).toBeInstanceOf(Float64Array));
  });

  it('groups on request: one 0/1 column per level except the first, named group:<attribute>=<level>', () => {
    const x = buildFeatures(tinyRecords(), { groups: true });
    expect(x.names).toEqual(['drugs', 'missing_episodes', 'age', 'group:sex=male', 'group:ethnicity=asian', 'group:ethnicity=black']);
    expect(cols(x)['group:sex=male']).toEqual([0, 1, 1, 0, 1]);
    expect(cols(x)['group:ethnicity=asian']).toEqual([0, 1, 0, 0, 0]);
    expect(cols(x)['group:ethnicity=black']).toEqual([0, 0, 1, 1, 0]);
    expect(buildFeatures(tinyRecords(), { groups: ['ethnicity'], age: false }).names).toEqual([
      'drugs',
      'missing_episodes',
      'group:ethnicity=asian',
      'group:ethnicity=black',
    ]);
    expect(buildFeatures(tinyRecords(), { groups: false }).names).toEqual(['drugs', 'missing_episodes', 'age']);
  });

  it('chosen circumstances in the order asked, and a row subset with its child ids', () => {
    const x = buildFeatures(tinyRecords(), { circumstances: ['missing_episodes'], rows: Int32Array.from([4, 2]) });
    expect(x.names).toEqual(['missing_episodes', 'age']);
    expect(cols(x)).toEqual({ missing_episodes: [0, 3], age: [17, 14] });
    expect([...x.rowIds]).toEqual([14, 12]);
    expect(x.nRows).toBe(2);
  });

  it('featureNames gives the same names without building', () => {
    const records = tinyRecords();
    for (const options of [{}, { groups: true }, { circumstances: ['drugs'], age: false, groups: ['sex'] }]) {
      expect(featureNames(records, options)).toEqual([...buildFeatures(records, options).names]);
    }
  });

  it('buildTrainingSet pairs the features with yRecorded for the same rows', () => {
    const train = buildTrainingSet(tinyRecords(), { rows: Int32Array.from([1, 2, 3]) });
    expect([...train.yRecorded]).toEqual([1, 1, 0]);
    expect([...train.x.rowIds]).toEqual([11, 12, 13]);
  });

  it('does not change the records', () => {
    const records = tinyRecords();
    const before = structuredClone(records);
    buildFeatures(records, { groups: true, rows: Int32Array.from([0, 3]) });
    expect(records).toEqual(before);
  });

  it('unknown names and rows fail with a message naming the option', () => {
    expect(() => buildFeatures(tinyRecords(), { circumstances: ['drug'] })).toThrow(
      messages.unknownName('features.circumstances', 'drug', ['drugs', 'missing_episodes']),
    );
    expect(() => buildFeatures(tinyRecords(), { groups: ['religion'] })).toThrow(
      messages.unknownName('features.groups', 'religion', ['sex', 'ethnicity']),
    );
    expect(() => buildFeatures(tinyRecords(), { rows: Int32Array.from([0, 5]) })).toThrow('features.rows[1] must be a row index in [0, 5); got 5');
  });
});

describe('truth cannot reach a model', () => {
  it('by type: a Population is not Records', () => {
    const population = {} as Population;
    // @ts-expect-error — buildFeatures accepts Records only; a Population has no `recorded` / `yRecorded`.
    expect(() => buildFeatures(population)).toThrow();
  });

  it('at run time: an object carrying truth, pTrue or yTrue is refused', () => {
    for (const field of ['truth', 'pTrue', 'yTrue']) {
      const smuggled = { ...tinyRecords(), [field]: new Float64Array(5) } as unknown as Records;
      expect(() => buildFeatures(smuggled)).toThrow(messages.truthColumn(field));
      expect(() => featureNames(smuggled)).toThrow(messages.truthColumn(field));
    }
  });

  it('a population with records fields bolted on is refused', () => {
    const records = tinyRecords();
    const both = { ...records, truth: records.recorded, contact: new Float64Array(5), pTrue: new Float64Array(5), yTrue: records.yRecorded };
    expect(() => buildFeatures(both as unknown as Records)).toThrow(messages.truthColumn('truth'));
  });

  it('circumstances or options named like truth columns are refused', () => {
    for (const name of ['true_drugs', 'p_true', 'y_true', 'TRUE_x']) {
      const records = tinyRecords();
      const renamed = { ...records, circumstances: [{ ...records.circumstances[0], name }, records.circumstances[1]] };
      expect(() => buildFeatures(renamed)).toThrow(messages.truthColumn(name));
    }
    expect(() => buildFeatures(tinyRecords(), { circumstances: ['p_true'] })).toThrow(messages.truthColumn('p_true'));
    expect(isTruthName('drugs')).toBe(false);
    expect(isTruthName('y_true')).toBe(true);
  });

  it('a hand-made matrix with a truth column is refused by the models’ check', () => {
    const x = buildFeatures(tinyRecords());
    const forged: FeatureMatrix = { ...x, names: ['drugs', 'p_true', 'age'] };
    expect(() => assertFeatureMatrix('logistic', forged)).toThrow(messages.truthColumn('p_true'));
  });
});

describe('matrix checks used by fitted models', () => {
  it('checkFeatureNames names the model and the first column that differs', () => {
    const x = buildFeatures(tinyRecords(), { groups: ['sex'] });
    expect(() => checkFeatureNames('logistic', ['drugs', 'missing_episodes', 'age'], x)).toThrow(
      messages.featureMismatch('logistic', ['drugs', 'missing_episodes', 'age'], x.names),
    );
    expect(() => checkFeatureNames('forest', ['drugs', 'missing_episodes', 'age'], x)).toThrow(/^forest was fitted on 3 features but was given 4; column 4/);
    expect(() => checkFeatureNames('logistic', [...x.names], x)).not.toThrow();
  });

  it('assertFeatureMatrix wants the brand and nRows entries in every column', () => {
    const x = buildFeatures(tinyRecords());
    expect(() => assertFeatureMatrix('points', { ...x, source: 'truth' } as unknown as FeatureMatrix)).toThrow(
      messages.notFeatureMatrix('points', "it lacks the source: 'records' brand"),
    );
    const short = { ...x, columns: [x.columns[0], x.columns[1].subarray(0, 4), x.columns[2]] };
    expect(() => assertFeatureMatrix('points', short)).toThrow('points: column "missing_episodes" must have 5 entries; got 4');
  });

  it('a matrix built from integer records is finite without a rescan; any other matrix is scanned', () => {
    const x = buildFeatures(tinyRecords());
    expect(() => assertFeatureMatrix('logistic', x)).not.toThrow();
    // A new matrix holding a bad value (as callers make one) is scanned and refused.
    const spoiled = { ...x, columns: x.columns.map((c, j) => (j === 1 ? Float64Array.from(c, (v, i) => (i === 3 ? Number.NaN : v)) : c)) };
    expect(() => assertFeatureMatrix('logistic', spoiled)).toThrow(modelMessages.notFinite('logistic', 'missing_episodes', 3, Number.NaN));
    // Records whose age is not an integer column (a Float64Array cast in) are scanned too.
    const floatAge = { ...tinyRecords(), age: Float64Array.from([10, Number.POSITIVE_INFINITY, 14, 16, 17]) } as unknown as Records;
    expect(() => assertFeatureMatrix('logistic', buildFeatures(floatAge))).toThrow(modelMessages.notFinite('logistic', 'age', 1, Number.POSITIVE_INFINITY));
  });
});
