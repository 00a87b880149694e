/**
 * Splits as folds: one for a holdout or a cohort split, k for k-fold; every
 * kind keeps each household on one side, so siblings' shared family records
 * cannot leak from training into testing.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/index.js';
import { planSplit, splitCohorts, type SplitSpec } from '../../src/split/index.js';
import { generatePopulation } from '../../src/population/index.js';
import { resolveScenario } from '../../src/scenario/index.js';

const scenario = resolveScenario({ seed: 'split-tests', population: { size: 3000, householdSize: 2.5 }, cohorts: { count: 2 } });
const cohort1 = generatePopulation(scenario, 1);
const cohort2 = generatePopulation(scenario, 2);

const SPECS: SplitSpec[] = [
  { kind: 'holdout', testShare: 0.3 },
  { kind: 'kfold', k: 5 },
  { kind: 'cohort', train: 1, test: 2 },
];

function plan(spec: SplitSpec, seed = 'folds') {
  const which = splitCohorts(spec);
  const train = which.train === 1 ? cohort1 : cohort2;
  const test = which.test === 1 ? cohort1 : cohort2;
  return { train, test, plan: planSplit(spec, train.household, test.size, createRandom(seed).fork('split')) };
}

describe('planSplit', () => {
  it.each(SPECS)('$kind: siblings never straddle a fold (no household on both sides)', (spec) => {
    const { train, test, plan: p } = plan(spec);
    expect(p.folds.length).toBe(spec.kind === 'kfold' ? spec.k : 1);
    // Cohorts of one scenario are families of their own, so the check is the same for every kind.
    const siblings = new Map<number, number>();
    for (const h of train.household) siblings.set(h, (siblings.get(h) ?? 0) + 1);
    expect([...siblings.values()].some((n) => n > 1)).toBe(true);
    for (const fold of p.folds) {
      const trainHouseholds = new Set(Array.from(fold.train, (r) => train.household[r]));
      const testHouseholds = Array.from(fold.test, (r) => test.household[r]);
      expect(testHouseholds.filter((h) => trainHouseholds.has(h))).toEqual([]);
      const trainIds = new Set(Array.from(fold.train, (r) => train.ids[r]));
      expect(Array.from(fold.test, (r) => test.ids[r]).filter((id) => trainIds.has(id))).toEqual([]);
    }
  });

  it.each(SPECS)('$kind: the test rows are every fold\'s test rows, each once, ascending', (spec) => {
    const { plan: p } = plan(spec);
    const all = p.folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(Array.from(p.testRows)).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('k-fold scores every child once, out of fold; each fold trains on the rest', () => {
    const { plan: p } = plan({ kind: 'kfold', k: 4 });
    expect(p.scoreKind).toBe('out-of-fold');
    expect(p.testRows.length).toBe(cohort1.size);
    for (const fold of p.folds) {
      expect(fold.train.length + fold.test.length).toBe(cohort1.size);
      // Folds are balanced by children (households go to the smallest fold).
      expect(Math.abs(fold.test.length - cohort1.size / 4)).toBeLessThan(10);
    }
  });

  it('a holdout is one fold of about testShare of the children; a cohort split tests a whole later cohort', () => {
    const holdout = plan({ kind: 'holdout', testShare: 0.3 }).plan;
    expect(holdout.scoreKind).toBe('test');
    expect(Math.abs(holdout.testRows.length - 900)).toBeLessThan(10);
    const byCohort = plan({ kind: 'cohort', train: 1, test: 2 }).plan;
    expect([byCohort.trainCohort, byCohort.testCohort]).toEqual([1, 2]);
    expect(byCohort.folds[0].train.length).toBe(cohort1.size);
    expect(byCohort.testRows.length).toBe(cohort2.size);
  });

  it('is seeded: the same stream gives the same folds, another stream others', () => {
    const a = plan({ kind: 'kfold', k: 5 }, 'one').plan;
    const b = plan({ kind: 'kfold', k: 5 }, 'one').plan;
    const c = plan({ kind: 'kfold', k: 5 }, 'two').plan;
    expect(a.folds.map((f) => Array.from(f.test))).toEqual(b.folds.map((f) => Array.from(f.test)));
    expect(a.folds.map((f) => Array.from(f.test))).not.toEqual(c.folds.map((f) => Array.from(f.test)));
  });
});

describe('household grouping (flat arrays, issue 15)', () => {
  // The same households under other ids: small and dense (the lookup table), negative, and huge (the Map fallback).
  const dense = Int32Array.from([0, 0, 1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 9, 10, 11, 11]);
  const relabel = (f: (h: number) => number) => Int32Array.from(dense, f);
  const variants = { dense, shuffled: relabel((h) => (h * 7) % 12), negative: relabel((h) => h - 6), huge: relabel((h) => h * 100_000_003) };

  it('gives the same folds whatever the household ids are, each side ascending and households whole', () => {
    for (const spec of [{ kind: 'holdout', testShare: 0.3 }, { kind: 'kfold', k: 3 }] as const) {
      const folds = Object.values(variants).map((h) => planSplit(spec, h, h.length, createRandom('ids').fork('split')).folds);
      for (const other of folds.slice(1)) expect(other).toEqual(folds[0]);
      for (const fold of folds[0]) {
        for (const side of [fold.train, fold.test]) for (let i = 1; i < side.length; i++) expect(side[i]).toBeGreaterThan(side[i - 1]);
        const testHouseholds = new Set(Array.from(fold.test, (r) => dense[r]));
        for (const r of fold.train) expect(testHouseholds.has(dense[r])).toBe(false);
        expect(fold.train.length + fold.test.length).toBe(dense.length);
      }
    }
  });

  it('takes households in the shuffled order until the test share is reached (hand example)', () => {
    // Four households of sizes 2, 1, 3, 2 (ids in first-appearance order 0..3); share 0.5 of 8 = 4 children.
    const household = Int32Array.from([5, 5, 9, 1, 1, 1, 7, 7]);
    const fold = planSplit({ kind: 'holdout', testShare: 0.5 }, household, 8, createRandom('hand').fork('split')).folds[0];
    const sizes = new Map<number, number>();
    for (const h of household) sizes.set(h, (sizes.get(h) ?? 0) + 1);
    const testIds = [...new Set(Array.from(fold.test, (r) => household[r]))];
    const taken = testIds.reduce((s, h) => s + sizes.get(h)!, 0);
    // Taking stops as soon as 4 children are held: dropping the last household taken would leave fewer than 4.
    expect(taken).toBeGreaterThanOrEqual(4);
    expect(testIds.some((h) => taken - sizes.get(h)! < 4)).toBe(true);
    expect(fold.test.length + fold.train.length).toBe(8);
  });
});
