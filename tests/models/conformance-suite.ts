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
import { modelMessages, RisklabError } from '../../src/messages.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { createModel, isBaseline, isSeeded, loadModel, modelEntry, modelNames, type ModelContext } from '../../src/models/registry.js';
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
  /** The scale the model's reasons add up on, or 'none' for a model that gives none. */
  readonly reasons: 'points' | 'logit' | 'probability' | 'none';
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

/** The message of what `f` throws (synchronously or as a rejected promise); fails when nothing is thrown. */
async function errorOf(f: () => unknown): Promise<Error> {
  try {
    await f();
  } catch (error) {
    expect(error).toBeInstanceOf(RisklabError);
    return error as Error;
  }
  throw new Error('expected an error');
}

/** A copy of `x` with `value` written at rows `rows` of column `j`. */
function spoiled(x: FeatureMatrix, j: number, rows: readonly number[], value: number): FeatureMatrix {
  const columns = x.columns.map((c) => Float64Array.from(c));
  for (const i of rows) columns[j][i] = value;
  return { ...x, columns };
}

/** Keys every plain object inherits: a hyper-parameter check must not mistake them for settings. */
const PROTOTYPE_KEYS = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'] as const;

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
        expect((error as Error).message).toMatch(new RegExp(`^${c.name}\\.params\\.${bad.field}\\b`));
      },
    );

    it('a misspelt hyper-parameter is refused, not ignored, and the known ones are listed', async () => {
      const error = await errorOf(() => make({ ...(c.params as object), colour: 'red' }));
      expect(error.message).toBe(modelMessages.unknownParam(`${c.name}.params`, 'colour', modelEntry(c.name).params.keys));
    });

    it.each(PROTOTYPE_KEYS)('the prototype key %s is refused like any unknown key', async (key) => {
      const given = JSON.parse(`{ "${key}": 1 }`) as object; // an own key, even "__proto__"
      expect(Object.keys(given)).toEqual([key]);
      const error = await errorOf(() => make(given));
      expect(error.message).toBe(modelMessages.unknownParam(`${c.name}.params`, key, modelEntry(c.name).params.keys));
    });

    it('hyper-parameters that are not an object are refused', async () => {
      for (const given of [5, 'fast', [1], null]) {
        const error = await errorOf(() => make(given));
        expect(error.message).toBe(modelMessages.paramsNotObject(`${c.name}.params`, given));
      }
    });

    it.each([Number.NaN, Infinity, -Infinity])('fit refuses %s in a feature, naming the column and the first bad row', async (bad) => {
      const j = Math.min(2, data.train.x.names.length - 1);
      const x = spoiled(data.train.x, j, [17, 40], bad);
      const error = await errorOf(() => make().fit({ x, yRecorded: data.train.yRecorded }, createRandom(1)));
      expect(error.message).toBe(modelMessages.notFinite(c.name, x.names[j], 17, bad));
    });

    it.each([Number.NaN, Infinity, -Infinity])('predictProba refuses %s in a feature, naming the column and the first bad row', async (bad) => {
      const fitted = await fitWith(1);
      const j = data.test.names.length - 1;
      const error = await errorOf(() => fitted.predictProba(spoiled(data.test, j, [5, 6], bad)));
      expect(error.message).toBe(modelMessages.notFinite(c.name, data.test.names[j], 5, bad));
    });

    it.each([0, 1])('training labels that are all %i: the one one-class error', async (label) => {
      const n = data.train.x.nRows;
      const yRecorded = new Uint8Array(n).fill(label);
      const error = await errorOf(() => make().fit({ x: data.train.x, yRecorded }, createRandom(1)));
      expect(error.message).toBe(modelMessages.oneClass(c.name, label === 1 ? n : 0, n));
    });

    it('saves one envelope { kind, version, params, state } holding the resolved hyper-parameters', async () => {
      const json = JSON.parse(JSON.stringify((await fitWith(3)).toJSON())) as Record<string, unknown>;
      expect(Object.keys(json).sort()).toEqual(['kind', 'params', 'state', 'version']);
      expect(json.kind).toBe(c.name);
      expect(Number.isInteger(json.version) && (json.version as number) >= 1).toBe(true);
      expect(json.params).toEqual(JSON.parse(JSON.stringify(make().params)));
      expect(json.state !== null && typeof json.state === 'object').toBe(true);
    });

    it('a saved model that cannot be loaded gives one line naming the model and what is wrong', async () => {
      const json = JSON.parse(JSON.stringify((await fitWith(3)).toJSON())) as Record<string, unknown>;
      const version = json.version as number;
      const says = async (saved: unknown) => (await errorOf(() => loadModel(saved, context))).message;
      expect(await says({ ...json, version: version + 1 })).toBe(modelMessages.savedModel(c.name, modelMessages.saved.newerVersion(version + 1, version)));
      expect(await says({ ...json, version: 'one' })).toBe(modelMessages.savedModel(c.name, modelMessages.saved.badVersion('one')));
      expect(await says({ ...json, state: undefined })).toBe(modelMessages.savedModel(c.name, modelMessages.saved.noState));
      expect(await says({ ...json, params: { colour: 1 } })).toBe(
        modelMessages.savedModel(c.name, modelMessages.unknownParam(`${c.name}.params`, 'colour', modelEntry(c.name).params.keys)),
      );
      expect(await says({ ...json, kind: 'svm' })).toBe(modelMessages.savedModel('a', modelMessages.saved.unknownKind('svm', modelNames)));
      for (const garbled of ['garbled', [1, 2], { nothing: true }]) {
        const message = await says({ ...json, state: garbled });
        expect(message.startsWith(`saved ${c.name} model cannot be loaded: state`), message).toBe(true);
        expect(message).not.toContain('\n');
      }
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

    it(c.reasons === 'none' ? 'gives no reasons, and says why' : `gives reasons that add up to its score on the ${c.reasons} scale (to 1e-9)`, async () => {
      const fitted = await fitWith(2);
      const n = data.test.nRows;
      const rows = [0, 5, 17, 123, n - 1];
      const reasons = fitted.reasons(data.test, rows);
      if (c.reasons === 'none') {
        expect(reasons.available).toBe(false);
        if (!reasons.available) expect(reasons.why.length).toBeGreaterThan(20);
        return;
      }
      expect(reasons.available).toBe(true);
      if (!reasons.available) return;
      expect(reasons.scale).toBe(c.reasons);
      expect(reasons.method.length).toBeGreaterThan(10);
      const p = fitted.predictProba(data.test);
      expect(reasons.rows.map((r) => r.row)).toEqual(rows);
      for (const r of reasons.rows) {
        const sum = r.base + r.contributions.reduce((s, x) => s + x.contribution, 0) + r.other;
        expect(Math.abs(sum - r.score)).toBeLessThanOrEqual(1e-9);
        expect(r.other).toBe(0);
        // points: the reasons are exactly the flags that scored, with their points, and the score is the points total.
        if (c.reasons === 'points') {
          const model = fitted as unknown as { points: { name: string; points: number }[]; score(x: FeatureMatrix): Float64Array };
          expect(r.score).toBe(model.score(data.test)[r.row]);
          const scored = model.points.filter((f) => data.test.columns[data.test.names.indexOf(f.name)][r.row] > 0);
          expect(Object.fromEntries(r.contributions.map((x) => [x.feature, x.contribution]))).toEqual(Object.fromEntries(scored.map((f) => [f.name, f.points])));
          expect(r.base).toBe(0);
        }
        // The score is the model's own: its probability is what predictProba gives.
        if (c.reasons === 'logit') expect(Math.abs(1 / (1 + Math.exp(-r.score)) - p[r.row])).toBeLessThanOrEqual(1e-12);
        if (c.reasons === 'probability') expect(Math.abs(Math.min(1, r.score) - p[r.row])).toBeLessThanOrEqual(1e-12);
        // Each contribution names a feature and carries the row's value; largest first; no zeros.
        r.contributions.forEach((x, k) => {
          const j = data.test.names.indexOf(x.feature);
          expect(j).toBeGreaterThanOrEqual(0);
          expect(x.value).toBe(data.test.columns[j][r.row]);
          expect(x.contribution).not.toBe(0);
          if (k > 0) expect(Math.abs(x.contribution)).toBeLessThanOrEqual(Math.abs(r.contributions[k - 1].contribution));
        });
      }
      // top: the largest two, the rest summed in other; still adding up.
      const cut = fitted.reasons(data.test, rows, { top: 2 });
      if (!cut.available) throw new Error('reasons vanished');
      cut.rows.forEach((r, k) => {
        expect(r.contributions).toEqual(reasons.rows[k].contributions.slice(0, 2));
        const sum = r.base + r.contributions.reduce((s, x) => s + x.contribution, 0) + r.other;
        expect(Math.abs(sum - r.score)).toBeLessThanOrEqual(1e-9);
      });
    });

    it('refuses reason rows that are not row indices, naming the entry', async () => {
      const fitted = await fitWith(2);
      const n = data.test.nRows;
      for (const [rows, k, bad] of [[[0, n], 1, n], [[-1], 0, -1], [[0.5], 0, 0.5]] as const) {
        const error = await errorOf(() => fitted.reasons(data.test, rows));
        expect(error.message).toBe(modelMessages.badReasonRow(c.name, k, bad, n));
      }
    });

    if (!c.baseline) {
      it('learns the signal: held-out AUC against yRecorded above 0.6', async () => {
        const p = (await fitWith(1)).predictProba(data.test);
        expect(rocAuc(data.testYRecorded, p)).toBeGreaterThan(0.6);
      });
    }
  });
}
