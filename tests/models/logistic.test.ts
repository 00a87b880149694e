import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages, modelMessages } from '../../src/messages.js';
import { buildTrainingSet } from '../../src/models/features.js';
import { loadLogistic, logistic, type FittedLogistic, type LogisticParams } from '../../src/models/logistic.js';
import { createRandom } from '../../src/random/index.js';
import type { Records } from '../../src/recording/types.js';
import { syntheticWorld } from '../fixtures/models/synthetic.js';

/** Records from plain columns: `columns[name]` are recorded values, `yRecorded` the labels. */
function recordsOf(columns: Record<string, number[]>, yRecorded: number[], age?: number[]): Records {
  const n = yRecorded.length;
  return {
    size: n,
    cohort: 1,
    ids: Int32Array.from({ length: n }, (_, i) => i),
    household: Int32Array.from({ length: n }, (_, i) => i),
    age: Uint8Array.from(age ?? new Array(n).fill(12)),
    groups: [],
    circumstances: Object.keys(columns).map((name) => ({ name, domain: 'police' as const, type: 'count' as const, label: name })),
    recorded: Object.values(columns).map((v) => Uint8Array.from(v)),
    yRecorded: Uint8Array.from(yRecorded),
  };
}

const random = createRandom(1);
const fit = async (records: Records, params: LogisticParams = {}, age = false) =>
  (await logistic(params).fit(buildTrainingSet(records, { age }), random)) as FittedLogistic;

/** 2×2 table: flag 0 → 2 of 10 recorded, flag 1 → 6 of 10 recorded. */
const table = recordsOf(
  { flag: [...new Array(10).fill(0), ...new Array(10).fill(1)] },
  [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
);

afterEach(() => vi.restoreAllMocks());

describe('logistic: known answers', () => {
  it('one flag: coefficient = log odds ratio, intercept = log odds without the flag (by hand)', async () => {
    const fitted = await fit(table);
    // By hand: intercept = log(2/8); coefficient = log((6/4)/(2/8)) = log 6.
    expect(fitted.intercept).toBeCloseTo(Math.log(2 / 8), 10);
    expect(fitted.coefficients[0].coefficient).toBeCloseTo(Math.log(6), 10);
    expect(fitted.coefficients[0].oddsRatio).toBeCloseTo(6, 9);
    // Woolf's standard error of a log odds ratio: sqrt(1/a + 1/b + 1/c + 1/d).
    expect(fitted.coefficients[0].standardError).toBeCloseTo(Math.sqrt(1 / 2 + 1 / 8 + 1 / 6 + 1 / 4), 8);
    expect(fitted.interceptStandardError).toBeCloseTo(Math.sqrt(1 / 2 + 1 / 8), 8);
    expect(fitted.converged).toBe(true);
    expect(fitted.warnings).toEqual([]);
    expect([...fitted.predictProba(buildTrainingSet(table, { age: false }).x)].map((p) => Number(p.toFixed(12)))).toEqual([
      ...new Array(10).fill(0.2),
      ...new Array(10).fill(0.6),
    ]);
  });

  it('with a penalty: the penalised score equations hold (intercept free, l2·β on the slopes)', async () => {
    const world = syntheticWorld(3000, 5, { baseRate: 0.2 });
    const train = buildTrainingSet(world.records, { circumstances: ['persistent_absence', 'school_moves', 'prior_referrals'] });
    for (const [params, l2] of [
      [{ C: 0.05, standardize: false }, 20],
      [{ l2: 20, standardize: false }, 20],
    ] as const) {
      const fitted = (await logistic(params).fit(train, random)) as FittedLogistic;
      const p = fitted.predictProba(train.x);
      const residual = [...p].map((mu, i) => train.yRecorded[i] - mu);
      expect(Math.abs(residual.reduce((a, b) => a + b, 0))).toBeLessThan(1e-8);
      train.x.columns.forEach((col, j) => {
        const score = residual.reduce((a, r, i) => a + r * col[i], 0);
        expect(score).toBeCloseTo(l2 * fitted.coefficients[j].coefficient, 7);
      });
    }
  });

  it('standardising changes nothing without a penalty, and reports per-SD coefficients', async () => {
    const world = syntheticWorld(4000, 6, { baseRate: 0.2 });
    const train = buildTrainingSet(world.records, { circumstances: ['persistent_absence', 'school_moves'] });
    const a = (await logistic({ standardize: true }).fit(train, random)) as FittedLogistic;
    const b = (await logistic({ standardize: false }).fit(train, random)) as FittedLogistic;
    a.coefficients.forEach((c, j) => {
      expect(c.coefficient).toBeCloseTo(b.coefficients[j].coefficient, 9);
      const col = train.x.columns[j];
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length);
      expect(c.standardized).toBeCloseTo(c.coefficient * sd, 9);
      expect(b.coefficients[j].standardized).toBe(b.coefficients[j].coefficient);
    });
  });
});

describe('logistic: warnings instead of silent nonsense', () => {
  it('complete separation: a warning naming the feature, no console output, stops early', async () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const separated = recordsOf({ flag: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], other: [0, 1, 0, 1, 0, 1, 0, 1, 0, 0] }, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const fitted = await fit(separated);
    expect(fitted.warnings.some((w) => w.startsWith('logistic: the training rows look (quasi-)separated') && w.includes('flag'))).toBe(true);
    expect(fitted.iterations).toBeLessThan(50);
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    const p = fitted.predictProba(buildTrainingSet(separated, { age: false }).x);
    p.forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
  });

  it('quasi-separation (a flag only ever seen with the outcome): warned', async () => {
    const y = [0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1];
    const rare = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const other = [0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1];
    const fitted = await fit(recordsOf({ rare, other }, y));
    expect(fitted.warnings.join('\n')).toMatch(/separated.*rare/);
  });

  it('an L2 penalty keeps separated data finite and quiet', async () => {
    const separated = recordsOf({ flag: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1] }, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const fitted = await fit(separated, { C: 1 });
    expect(fitted.converged).toBe(true);
    expect(fitted.warnings).toEqual([]);
    expect(Number.isFinite(fitted.coefficients[0].coefficient)).toBe(true);
  });

  it('constant and duplicated features get coefficient 0 and a warning; the fit is otherwise unchanged', async () => {
    const flag = table.recorded[0];
    const records = recordsOf({ flag: [...flag], constant: new Array(20).fill(1), copy: [...flag] }, [...table.yRecorded]);
    const fitted = await fit(records);
    expect(fitted.coefficients.map((c) => c.coefficient)).toEqual([expect.closeTo(Math.log(6), 9), 0, 0]);
    expect(fitted.warnings).toEqual([
      'logistic: feature "constant" is constant in the training rows; its coefficient is fixed at 0',
      'logistic: feature "copy" is a linear combination of earlier features in the training rows; its coefficient is fixed at 0',
    ]);
    expect(Number.isNaN(fitted.coefficients[2].standardError)).toBe(true);
  });

  it('hitting the iteration cap is reported', async () => {
    const world = syntheticWorld(2000, 7, { baseRate: 0.2 });
    const fitted = (await logistic({ maxIter: 1 }).fit(buildTrainingSet(world.records), random)) as FittedLogistic;
    expect(fitted.converged).toBe(false);
    expect(fitted.warnings.join('\n')).toMatch(/^logistic: did not converge in 1 iterations/m);
  });

  it('a single class cannot be fitted', async () => {
    await expect(fit(recordsOf({ flag: [0, 1, 0] }, [0, 0, 0]))).rejects.toThrow(modelMessages.oneClass('logistic', 0, 3));
  });
});

describe('logistic: hyper-parameters', () => {
  const cases: [unknown, string][] = [
    [{ C: 0 }, modelMessages.param('logistic.params.C', 'a number > 0', 0)],
    [{ C: -1 }, modelMessages.param('logistic.params.C', 'a number > 0', -1)],
    [{ C: NaN }, modelMessages.param('logistic.params.C', 'a number > 0', NaN)],
    [{ l2: -0.5 }, modelMessages.param('logistic.params.l2', 'a finite number ≥ 0', -0.5)],
    [{ tol: 0 }, modelMessages.param('logistic.params.tol', 'a finite number > 0', 0)],
    [{ maxIter: 0 }, modelMessages.param('logistic.params.maxIter', 'an integer ≥ 1', 0)],
    [{ maxIter: 2.5 }, modelMessages.param('logistic.params.maxIter', 'an integer ≥ 1', 2.5)],
    [{ standardize: 'yes' }, modelMessages.param('logistic.params.standardize', 'true or false', 'yes')],
    [{ C: 1, l2: 1 }, modelMessages.paramConflict('logistic.params', 'l2', 'C', 'l2 = 1 / C')],
    [{ lambda: 1 }, modelMessages.unknownParam('logistic.params', 'lambda', ['C', 'l2', 'standardize', 'tol', 'maxIter', 'classWeight'])],
  ];
  it.each(cases)('%j is refused with a message naming logistic and the field', (params, message) => {
    expect(() => logistic(params as LogisticParams)).toThrow(message);
  });

  it('C = Infinity means no penalty', async () => {
    const a = await fit(table, { C: Infinity });
    expect(a.params.l2).toBe(0);
    expect(a.coefficients[0].coefficient).toBeCloseTo(Math.log(6), 10);
  });
});

describe('logistic: saved form', () => {
  it('reloads to identical predictions and the same report', async () => {
    const world = syntheticWorld(2000, 8);
    const train = buildTrainingSet(world.records, { groups: true });
    const fitted = (await logistic({ C: 2 }).fit(train, random)) as FittedLogistic;
    const again = loadLogistic(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(again.predictProba(train.x)).toEqual(fitted.predictProba(train.x));
    expect(again.coefficients).toEqual(fitted.coefficients);
    expect(again.params).toEqual(fitted.params);
  });

  it('refuses a file that is not a saved logistic model', () => {
    expect(() => loadLogistic({ kind: 'forest' })).toThrow(modelMessages.savedModel('logistic', modelMessages.saved.wrongKind('forest')));
    expect(() => loadLogistic({ kind: 'logistic', version: 1, params: {}, state: { featureNames: ['a'], coefficients: [], intercept: 0 } })).toThrow(
      modelMessages.savedModel('logistic', modelMessages.saved.badState('coefficients', 'must be a list of 1 finite numbers; got []')),
    );
  });

  it('refuses features that differ from the fitted ones', async () => {
    const fitted = await fit(table);
    const other = buildTrainingSet(table, { age: true }).x;
    expect(() => fitted.predictProba(other)).toThrow(messages.featureMismatch('logistic', ['flag'], ['flag', 'age']));
  });
});
