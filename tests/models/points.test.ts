import { describe, expect, it } from 'vitest';
import { messages, modelMessages } from '../../src/messages.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { logistic, type FittedLogistic } from '../../src/models/logistic.js';
import { loadPoints, points, poolAdjacentViolators, TRAP_FLAGS, type FittedPoints, type PointsParams } from '../../src/models/points.js';
import { createRandom } from '../../src/random/index.js';
import { TRAP_FLAGS as CATALOGUE_TRAP_FLAGS } from '../../src/scenario/catalogue.js';
import { rocAuc, syntheticWorld } from '../fixtures/models/synthetic.js';

const random = createRandom(3);
const world = syntheticWorld(4000, 11);
const train = buildTrainingSet(world.records);
const fitPoints = async (params: PointsParams = {}, set = train) => (await points(params).fit(set, random)) as FittedPoints;

describe('poolAdjacentViolators', () => {
  it('pools violating neighbours into their weighted mean (by hand)', () => {
    expect(poolAdjacentViolators([0.1, 0.3, 0.2, 0.4], [1, 1, 1, 1])).toEqual([0.1, 0.25, 0.25, 0.4]);
    expect(poolAdjacentViolators([0.5, 0.1], [1, 3])).toEqual([0.2, 0.2]);
    // 0.3, 0.2, 0.1 with weights 1, 1, 2 → one block: (0.3 + 0.2 + 0.2) / 4 = 0.175.
    expect(poolAdjacentViolators([0.3, 0.2, 0.1], [1, 1, 2]).map((v) => Number(v.toFixed(12)))).toEqual([0.175, 0.175, 0.175]);
    expect(poolAdjacentViolators([0, 0.5, 1], [5, 5, 5])).toEqual([0, 0.5, 1]);
  });
});

describe('points, expert mode', () => {
  it('defaults to one point for each TRAP flag (the catalogue’s list)', async () => {
    expect([...TRAP_FLAGS]).toEqual([...CATALOGUE_TRAP_FLAGS]);
    const fitted = await fitPoints();
    expect(fitted.mode).toBe('expert');
    expect(fitted.points).toEqual(TRAP_FLAGS.map((name) => ({ name, points: 1 })));
    expect(fitted.warnings).toEqual([]);
  });

  it('the score counts flags present (a count of 2 is one flag)', async () => {
    const fitted = await fitPoints({ weights: { missing_episodes: 3, drugs: 2 } });
    const score = fitted.score(train.x);
    const missing = train.x.columns[train.x.names.indexOf('missing_episodes')];
    const drugs = train.x.columns[train.x.names.indexOf('drugs')];
    expect(missing.some((v) => v > 1)).toBe(true);
    score.forEach((s, i) => expect(s).toBe((missing[i] > 0 ? 3 : 0) + (drugs[i] > 0 ? 2 : 0)));
  });

  it('score → probability: the recorded rate at each score, pooled to be non-decreasing', async () => {
    const fitted = await fitPoints();
    const score = fitted.score(train.x);
    for (const row of fitted.scoreTable) {
      const rows = [...score.keys()].filter((i) => score[i] === row.score);
      expect(row.children).toBe(rows.length);
      expect(row.recorded).toBe(rows.filter((i) => train.yRecorded[i] === 1).length);
    }
    const probabilities = fitted.scoreTable.map((r) => r.probability);
    expect(probabilities).toEqual(poolAdjacentViolators(fitted.scoreTable.map((r) => r.recorded / r.children), fitted.scoreTable.map((r) => r.children)));
    probabilities.slice(1).forEach((p, k) => expect(p).toBeGreaterThanOrEqual(probabilities[k]));
  });

  it('never reverses the score’s ranking, on training and on new rows', async () => {
    const fitted = await fitPoints({ weights: { missing_episodes: 2, drugs: 1, exclusion: 1, looked_after: 3 } });
    const test = buildFeatures(syntheticWorld(3000, 12).records);
    const score = fitted.score(test);
    const p = fitted.predictProba(test);
    const order = [...score.keys()].sort((a, b) => score[a] - score[b]);
    order.slice(1).forEach((i, k) => expect(p[i]).toBeGreaterThanOrEqual(p[order[k]]));
  });

  it('a score not seen in training is interpolated between its neighbours', async () => {
    const fitted = await fitPoints({ weights: { persistent_absence: 2, exclusion: 2 } });
    const table = fitted.scoreTable;
    expect(table.map((r) => r.score)).toEqual([0, 2, 4]);
    const json = structuredClone(fitted.toJSON()) as { state: { points: { name: string; points: number }[] } };
    json.state.points = [{ name: 'persistent_absence', points: 1 }, { name: 'exclusion', points: 2 }];
    const shifted = loadPoints(json);
    const x = train.x;
    const pa = x.columns[x.names.indexOf('persistent_absence')];
    const ex = x.columns[x.names.indexOf('exclusion')];
    const p = shifted.predictProba(x);
    const i = [...pa.keys()].find((r) => pa[r] > 0 && ex[r] === 0)!;
    expect(p[i]).toBeCloseTo((table[0].probability + table[1].probability) / 2, 12); // score 1: halfway between 0 and 2
    const j = [...pa.keys()].find((r) => pa[r] > 0 && ex[r] > 0)!;
    expect(p[j]).toBeCloseTo((table[1].probability + table[2].probability) / 2, 12); // score 3
  });

  it('unknown flag names are an error naming points.weights and the name', async () => {
    await expect(fitPoints({ weights: { drug: 1 } })).rejects.toThrow(messages.unknownFeature('points', 'params.weights', 'drug', train.x.names));
  });

  it('default TRAP flags missing from the features: left out with a warning; none at all: an error', async () => {
    const some = buildTrainingSet(world.records, { circumstances: ['drugs', 'missing_episodes', 'exclusion'] });
    const fitted = await fitPoints({}, some);
    expect(fitted.points.map((p) => p.name)).toEqual(['drugs', 'missing_episodes']);
    expect(fitted.warnings[0]).toMatch(/^points: TRAP flags not among the features and left out: sexual_offence, violent_offence/);
    const none = buildTrainingSet(world.records, { circumstances: ['exclusion'] });
    await expect(fitPoints({}, none)).rejects.toThrow(/^points\.params\.weights names "sexual_offence, violent_offence/);
  });
});

describe('points, fitted mode (scorecard)', () => {
  it('points = round(maxPoints · β / max|β|) of a logistic fit on the flags', async () => {
    const flags = ['persistent_absence', 'exclusion', 'missing_episodes', 'drugs', 'looked_after', 'free_school_meals'];
    const fitted = await fitPoints({ mode: 'fitted', flags, maxPoints: 10 });
    // Independently: logistic regression on 0/1 versions of the same features.
    const binary = buildTrainingSet({ ...world.records, recorded: world.records.recorded.map((c) => c.map((v) => (v > 0 ? 1 : 0))) }, { circumstances: flags, age: false });
    const reference = (await logistic().fit(binary, random)) as FittedLogistic;
    const beta = reference.coefficients.map((c) => c.coefficient);
    const largest = Math.max(...beta.map(Math.abs));
    const expected = flags
      .map((name, j) => ({ name, points: Math.round((10 * beta[j]) / largest) }))
      .map((p) => ({ ...p, points: p.points === 0 ? 0 : p.points }))
      .filter((p) => p.points !== 0);
    expect(fitted.points).toEqual(expected);
    expect(Math.max(...fitted.points.map((p) => Math.abs(p.points)))).toBe(10);
    fitted.basis!.forEach((b, j) => expect(b.coefficient).toBeCloseTo(beta[j], 9));
  });

  it('defaults to every feature but age as a flag, and ranks better than chance', async () => {
    const fitted = await fitPoints({ mode: 'fitted' });
    expect(fitted.basis!.map((b) => b.name)).toEqual(train.x.names.filter((n) => n !== 'age'));
    const p = fitted.predictProba(train.x);
    p.forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
    expect(rocAuc(train.yRecorded, p)).toBeGreaterThan(0.65);
  });

  it('unknown flags are an error naming points.flags', async () => {
    await expect(fitPoints({ mode: 'fitted', flags: ['nope'] })).rejects.toThrow(messages.unknownFeature('points', 'params.flags', 'nope', train.x.names));
  });
});

describe('points: hyper-parameters and saved form', () => {
  const cases: [unknown, RegExp][] = [
    [{ mode: 'magic' }, /^points\.params\.mode must be one of "expert", "fitted"; got "magic"/],
    [{ weights: { drugs: 'two' } }, /^points\.params\.weights\.drugs must be a finite number of points; got "two"/],
    [{ weights: {} }, /^points\.params\.weights must be an object of points per flag name/],
    [{ mode: 'fitted', weights: { drugs: 1 } }, /^points\.params\.weights must be absent in mode 'fitted'/],
    [{ flags: ['drugs'] }, /^points\.params\.flags must be absent in mode 'expert'/],
    [{ maxPoints: 5 }, /^points\.params\.maxPoints must be absent in mode 'expert'/],
    [{ logistic: { C: 1 } }, /^points\.params\.logistic must be absent in mode 'expert'/],
    [{ mode: 'fitted', maxPoints: 0 }, /^points\.params\.maxPoints must be an integer ≥ 1; got 0/],
    [{ mode: 'fitted', logistic: { C: -1 } }, /^points\.params\.logistic\.C must be a number > 0; got -1/],
    [{ mode: 'fitted', logistic: { toString: 1 } }, /^points\.params\.logistic\.toString is not a known setting/],
    [{ colour: 'red' }, /^points\.params\.colour is not a known setting/],
  ];
  it.each(cases)('%j is refused naming points and the field', (params, message) => {
    expect(() => points(params as PointsParams)).toThrow(message);
  });

  it('round trip through JSON gives identical predictions and the same tables', async () => {
    for (const params of [{}, { mode: 'fitted' as const }]) {
      const fitted = await fitPoints(params);
      const again = loadPoints(JSON.parse(JSON.stringify(fitted.toJSON())));
      expect(again.predictProba(train.x)).toEqual(fitted.predictProba(train.x));
      expect(again.scoreTable).toEqual(fitted.scoreTable);
      expect(again.points).toEqual(fitted.points);
    }
    const state = { featureNames: ['a'], points: [{ name: 'b', points: 1 }], scoreTable: [], basis: null, warnings: [] };
    expect(() => loadPoints({ kind: 'points', version: 1, params: { mode: 'expert' }, state })).toThrow(
      modelMessages.savedModel('points', modelMessages.saved.badState('points', 'must list { name, points } for features the model was fitted on')),
    );
  });
});
