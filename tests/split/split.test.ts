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
