/**
 * The one suite every registered model must pass (DESIGN.md §8): shape and
 * range of the scores, no mutation of the inputs, determinism under a seed,
 * a different seed changing seeded models (and only them), the toJSON →
 * JSON → loadModel round trip, hyper-parameter errors that name the model and
 * the field, no prediction before fitting, and the records-only guard.
 *
 * Small data (2,000 children, base rate 15%) and small hyper-parameters keep
 * the whole run to seconds per model.
 */
import { describe, expect, it } from 'vitest';
import { RisklabError } from '../../src/messages.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { createModel, isBaseline, isSeeded, loadModel, type ModelContext } from '../../src/models/registry.js';
import type { FeatureMatrix, FittedClassifier, TrainingSet } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { rocAuc, splitRows, syntheticWorld } from '../fixtures/models/synthetic.js';

export interface ConformanceCase {
  /** Registry name. */
  readonly name: string;
  /** Small, fast hyper-parameters for the suite. */
  readonly params: unknown;
  /** Whether the model draws from its random stream (must agree with the registry). */
  readonly seeded: boolean;
  /** Whether it is a baseline (must agree with the registry). */
  readonly baseline: boolean;
  /** Bad hyper-parameters and the field their error must name. */
  readonly badParams: readonly { readonly params: unknown; readonly field: string }[];
  /** Whether predictProba checks the feature names (baselines score by child id and need not). */
  readonly checksFeatureNames: boolean;
  /** Models that need the truth lookup (the oracle) get it from the suite's world. */
  readonly needsTruth?: boolean;
}

/** The suite's data: a seeded world of 2,000 children with group columns included. */
export interface ConformanceData {
  readonly train: TrainingSet;
  readonly test: FeatureMatrix;
  readonly testYRecorded: Uint8Array;
  readonly context: ModelContext;
}

export function conformanceData(): ConformanceData {
  const world = syntheticWorld(2000, 2024, { baseRate: 0.15 });
  const { train, test } = splitRows(2000, 2024);
  const options = { groups: true };
  return {
    train: buildTrainingSet(world.records, { ...options, rows: train }),
    test: buildFeatures(world.records, { ...options, rows: test }),
    testYRecorded: Uint8Array.from(test, (i) => world.records.yRecorded[i]),
    context: { truth: world.truth },
  };
}

/** Deep copies of every array a model is handed. */
function snapshot(x: FeatureMatrix, yRecorded?: Uint8Array) {
  return {
    names: [...x.names],
    columns: x.columns.map((c) => Float64Array.from(c)),
    rowIds: Int32Array.from(x.rowIds),
    nRows: x.nRows,
    yRecorded: yRecorded ? Uint8Array.from(yRecorded) : undefined,
  };
}

/** The test matrix with its rows in reverse order. */
function reversed(x: FeatureMatrix): FeatureMatrix {
  return { ...x, columns: x.columns.map((c) => Float64Array.from(c).reverse()), rowIds: Int32Array.from(x.rowIds).reverse() };
}

export function conformanceSuite(c: ConformanceCase, data: ConformanceData): void {
  const context = c.needsTruth ? data.context : {};
  const make = (params: unknown = c.params) => createModel(c.name, params, context);
  const fitWith = (seed: number): Promise<FittedClassifier> => make().fit(data.train, createRandom(seed).fork(`model:${c.name}`));

  describe(`conformance: ${c.name}`, () => {
    it('is registered with the declared kind, baseline label and seeding', () => {
      const model = make();
      expect(model.kind).toBe(c.name);
      expect(isBaseline(c.name)).toBe(c.baseline);
      expect(isSeeded(c.name)).toBe(c.seeded);
    });

    it('cannot predict before fitting (an unfitted model has no predictProba)', () => {
      const model = make() as unknown as Record<string, unknown>;
      expect(model.predictProba).toBeUndefined();
      expect(typeof model.fit).toBe('function');
    });

    it('gives one probability in [0, 1] per row, for many rows and for one', async () => {
      const fitted = await fitWith(1);
      expect(fitted.kind).toBe(c.name);
      const p = fitted.predictProba(data.test);
      expect(p).toBeInstanceOf(Float64Array);
      expect(p.length).toBe(data.test.nRows);
      for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
      const one: FeatureMatrix = { ...data.test, nRows: 1, columns: data.test.columns.map((col) => col.slice(0, 1)), rowIds: data.test.rowIds.slice(0, 1) };
      const single = fitted.predictProba(one);
      expect(single.length).toBe(1);
      expect(single[0]).toBe(p[0]);
    });

    it('scores each row on its own: reversing the rows reverses the scores', async () => {
      const fitted = await fitWith(1);
      const p = fitted.predictProba(data.test);
      expect(fitted.predictProba(reversed(data.test))).toEqual(Float64Array.from(p).reverse());
    });

    it('does not change its inputs (columns, names, ids, labels)', async () => {
      const trainBefore = snapshot(data.train.x, data.train.yRecorded);
      const testBefore = snapshot(data.test);
      const fitted = await fitWith(1);
      fitted.predictProba(data.test);
      expect(snapshot(data.train.x, data.train.yRecorded)).toEqual(trainBefore);
      expect(snapshot(data.test)).toEqual(testBefore);
    });

    it('the same seed gives identical predictions', async () => {
      const a = (await fitWith(7)).predictProba(data.test);
      const b = (await fitWith(7)).predictProba(data.test);
      expect(b).toEqual(a);
    });

    it(c.seeded ? 'a different seed changes the predictions (seeded)' : 'a different seed changes nothing (not seeded)', async () => {
      const a = (await fitWith(7)).predictProba(data.test);
      const b = (await fitWith(8)).predictProba(data.test);
      if (c.seeded) expect(b).not.toEqual(a);
      else expect(b).toEqual(a);
    });

    it('toJSON → JSON.stringify → parse → loadModel gives identical predictions and the same saved form', async () => {
      const fitted = await fitWith(3);
      const text = JSON.stringify(fitted.toJSON());
      const again = loadModel(JSON.parse(text), context);
      expect(again.kind).toBe(c.name);
      expect(again.predictProba(data.test)).toEqual(fitted.predictProba(data.test));
      expect(JSON.stringify(again.toJSON())).toBe(text);
    });

    it.each(c.badParams.map((b) => [JSON.stringify(b.params), b] as const))(
      'bad hyper-parameters %s: an error naming the model and the field',
      (_label, bad) => {
        let error: unknown;
        try {
          make(bad.params);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(RisklabError);
        expect((error as Error).message).toMatch(new RegExp(`^${c.name}\\.${bad.field}\\b`));
      },
    );

    it('a misspelt hyper-parameter is refused, not ignored', () => {
      expect(() => make({ ...(c.params as object), colour: 'red' })).toThrow(new RegExp(`^${c.name}\\.colour\\b`));
    });

    it('refuses a training matrix carrying a truth-named column', async () => {
      const x = data.train.x;
      const forged: FeatureMatrix = { ...x, names: x.names.map((n, j) => (j === 0 ? 'p_true' : n)) };
      await expect(make().fit({ x: forged, yRecorded: data.train.yRecorded }, createRandom(1))).rejects.toThrow(/truth column/);
    });

    it('refuses labels other than 0/1', async () => {
      const labels = Uint8Array.from(data.train.yRecorded);
      labels[3] = 2;
      await expect(make().fit({ x: data.train.x, yRecorded: labels }, createRandom(1))).rejects.toThrow(RisklabError);
    });

    if (c.checksFeatureNames) {
      it('refuses features other than those it was fitted on, naming the model', async () => {
        const fitted = await fitWith(1);
        const fewer: FeatureMatrix = { ...data.test, names: data.test.names.slice(1), columns: data.test.columns.slice(1) };
        expect(() => fitted.predictProba(fewer)).toThrow(new RegExp(`^${c.name} was fitted on`));
      });
    }

    if (!c.baseline) {
      it('learns the signal: held-out AUC against yRecorded above 0.6', async () => {
        const p = (await fitWith(1)).predictProba(data.test);
        expect(rocAuc(data.testYRecorded, p)).toBeGreaterThan(0.6);
      });
    }
  });
}
