/**
 * Week-by-week lists (issue 17 §2): the records' timeline ends at the
 * records; a one-week year gives exactly the single-list run; every weekly
 * list equals a list drawn from scratch on the records written by then; and
 * the churn counts equal a brute-force recount of the lists.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { runTask } from '../../src/experiment/task.js';
import { drawCohorts } from '../../src/experiment/stages/cohorts.js';
import { drawFolds } from '../../src/experiment/stages/folds.js';
import { testSet } from '../../src/experiment/stages/test-set.js';
import { scoreModels } from '../../src/experiment/stages/score.js';
import { groupSlots } from '../../src/experiment/list/groups.js';
import { planList } from '../../src/experiment/list/settings.js';
import { drawWeeklyLists, kthSmallest, listWeeks, topLists, type WeeklyList } from '../../src/experiment/list/weekly.js';
import { recordTimeline, recordedAsOf } from '../../src/recording/weeks.js';
import { subRecords } from '../../src/experiment/list/records.js';
import { buildFeatures } from '../../src/models/features.js';
import { flagsAt, sweep, topK } from '../../src/metrics/index.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { LIST_EXPERIMENT } from './list-fixture.js';

const base = {
  ...LIST_EXPERIMENT,
  name: 'weekly-test',
  models: [{ name: 'points', params: { mode: 'expert' } }, { name: 'logistic' }, { name: 'neural', params: { epochs: 1 } }],
  operatingPoints: [{ rule: 'topK', value: 150 }, { rule: 'topK', value: 40 }, { rule: 'threshold', value: 0.05 }, { rule: 'recall', value: 0.5 }],
};
const resolve = (input: object) => resolveExperiment(input, { loadPreset: loadScenarioInput });
const task = { index: 0, cell: 0, replicate: 0 };

/** The stages up to scoring, and the weekly lists drawn with every list captured. */
async function weeklyRun(resolved: ResolvedExperiment) {
  const cohorts = drawCohorts(resolved, task);
  const plan = drawFolds(resolved, task, cohorts);
  const test = testSet(resolved, cohorts, plan);
  const scored = await scoreModels(resolved, cohorts, plan);
  const listPlan = planList(resolved.experiment);
  const labels = { yRecorded: test.yRecorded, yTrue: test.yTrue };
  const slots = groupSlots(test.groups, resolved.experiment.intersections, labels);
  const lists: WeeklyList[] = [];
  const rows = drawWeeklyLists({
    seed: cohorts.seed,
    records: cohorts.test.records,
    testRows: test.rows,
    labels,
    slots,
    features: { groups: resolved.experiment.includeGroups },
    models: scored.map((m) => ({ label: m.label, baseline: m.baseline, scorer: { fitted: m.fitted, fold: null }, scores: m.scores })),
    points: listPlan.weeklyPoints,
    weekly: listPlan.weekly!,
    onList: (l) => lists.push(l),
  });
  return { cohorts, test, scored, listPlan, slots, rows, lists };
}

describe('the records timeline', () => {
  it('ends at the records, leaves them untouched, carries over about the share asked, and dates each concern', () => {
    const resolved = resolve(base);
    const { records } = drawCohorts(resolved, task).test;
    const before = records.recorded.map((c) => Uint8Array.from(c));
    const t = recordTimeline({ seed: 'x' }, records, { weeks: 52, carriedOver: 0.3, leakDelay: 4 });
    expect(records.recorded).toEqual(before);
    expect(recordedAsOf(t, 52)).toEqual(records.recorded);
    expect(recordedAsOf(t, 0)).toEqual(t.start);
    let units = 0;
    let carried = 0;
    records.recorded.forEach((c, k) => c.forEach((v, i) => ((units += v - (records.leaked?.[k]?.[i] ?? 0)), (carried += t.start[k][i]))));
    // Leaked units are never carried over; the rest are, each with probability 0.3: within 4.5 binomial sd.
    const sd = Math.sqrt(units * 0.3 * 0.7);
    expect(Math.abs(carried - 0.3 * units)).toBeLessThan(4.5 * sd);
    // A concern week for exactly the children with a recorded outcome.
    expect(Array.from(t.concernWeek, (w) => (w > 0 ? 1 : 0))).toEqual(Array.from(records.yRecorded));
  });

  it('writes a leaked flag 0–leakDelay weeks after its concern', () => {
    const resolved = resolve(base);
    const { records } = drawCohorts(resolved, task).test;
    const t = recordTimeline({ seed: 'y' }, records, { weeks: 52, carriedOver: 0, leakDelay: 3 });
    const k = records.circumstances.findIndex((c) => c.name === 'missing_episodes');
    expect(records.circumstances[k].type).toBe('binary');
    let seen = 0;
    for (let w = 1; w <= 52; w++) {
      for (let e = t.offsets[w - 1]; e < t.offsets[w]; e++) {
        const i = t.child[e];
        if (t.circumstance[e] !== k || !records.leaked![k]![i]) continue;
        seen++;
        expect(w - t.concernWeek[i]).toBeGreaterThanOrEqual(0);
        expect(w - t.concernWeek[i]).toBeLessThanOrEqual(3);
      }
    }
    expect(seen).toBeGreaterThan(10);
  });
});

describe('topLists', () => {
  it('draws the metrics module\'s top-k lists (ties in test-set order) whatever last week\'s list and the children whose scores changed', () => {
    const scores = Float64Array.from({ length: 500 }, (_, i) => Math.round(Math.sin(i * 7.3) * 6) / 6);
    const s = sweep(scores, new Uint8Array(500));
    const ks = [0, 1, 37, 120, 300];
    const other = Float64Array.from(scores, (v, i) => v + Math.cos(i) / 3);
    const previous = [null, topLists(other, [300])[0], topLists(scores, [300])[0], Int32Array.from({ length: 300 }, (_, i) => 499 - i), Int32Array.from([4, 5])];
    const changed = [null, Int32Array.from({ length: 60 }, (_, i) => i * 8), Int32Array.from([4, 5, 6])];
    for (const p of previous) for (const c of changed) {
      const lists = topLists(scores, ks, p, undefined, c);
      ks.forEach((k, q) => {
        const flags = flagsAt(scores, topK(s, k).cut);
        expect(Array.from(lists[q])).toEqual(Array.from(flags.keys()).filter((i) => flags[i]));
      });
    }
  });
});

describe('kthSmallest', () => {
  it('gives the value a native sort puts at every index: continuous values, heavy ties, one value, sorted and reversed input', () => {
    let seed = 11;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cases = [
      Float64Array.from({ length: 200 }, () => next()),
      Float64Array.from({ length: 200 }, () => Math.floor(next() * 4) / 4),
      new Float64Array(50).fill(0.3),
      Float64Array.from({ length: 64 }, (_, i) => i),
      Float64Array.from({ length: 64 }, (_, i) => -i),
      Float64Array.of(2),
    ];
    for (const a of cases) {
      const sorted = Float64Array.from(a).sort();
      for (let k = 0; k < a.length; k++) expect(kthSmallest(Float64Array.from(a), k)).toBe(sorted[k]);
    }
  });
});

describe('weekly lists', () => {
  it('list weeks every `every` weeks and in the last week', () => {
    expect(listWeeks(52, 1)).toHaveLength(52);
    expect(listWeeks(52, 4)).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52]);
    expect(listWeeks(10, 4)).toEqual([4, 8, 10]);
    expect(listWeeks(1, 1)).toEqual([1]);
  });

  it('with a one-week year, equal the single-list run: every rate and count at +ever is the list\'s own', async () => {
    const resolved = resolve({ ...base, list: { weekly: { weeks: 1 } } });
    const result = await runTask(resolved, task);
    const points = planList(resolved.experiment).weeklyPoints.map((p) => p.name);
    expect(points).toEqual(['topK=150', 'topK=40', 'threshold=0.05']);
    for (const model of ['points', 'logistic', 'neural']) {
      for (const point of points) {
        const key = (r: { label: string; attribute: string; group: string; metric: string }) => `${r.label}|${r.attribute}|${r.group}|${r.metric}`;
        const single = new Map(result.rows.filter((r) => r.model === model && r.operatingPoint === point).map((r) => [key(r), r]));
        const year = result.rows.filter((r) => r.model === model && r.operatingPoint === `${point}+ever`);
        expect(year.length).toBeGreaterThan(100);
        for (const r of year) {
          const s = single.get(key(r));
          if (s) {
            expect([r.n, r.positives, r.flagged, r.tp, r.fp, r.fn, r.tn]).toEqual([s.n, s.positives, s.flagged, s.tp, s.fp, s.fn, s.tn]);
            expect(Object.is(r.value, s.value) || r.value === s.value).toBe(true);
          }
          if (r.metric === 'weeklyFlagged') expect(r.value).toBe(r.flagged);
          if (r.metric === 'weeklyTp') expect(r.value).toBe(r.tp);
          if (r.metric === 'enteringPerList' || r.metric === 'leavingPerList') expect(r.value).toBeNaN();
          if (r.metric === 'weeksOnList' || r.metric === 'spellWeeks') expect(r.flagged === 0 ? NaN : 1).toEqual(r.value);
        }
      }
    }
  });

  it('redraw each week exactly the list a model fitted once gives on the records written by then; the last week is the single list', async () => {
    const resolved = resolve({ ...base, list: { weekly: { weeks: 12, every: 3, carriedOver: 0.4 } } });
    const { cohorts, test, scored, lists, listPlan } = await weeklyRun(resolved);
    const timeline = recordTimeline({ seed: cohorts.seed }, cohorts.test.records, listPlan.weekly!);
    expect([...new Set(lists.map((l) => l.week))]).toEqual([3, 6, 9, 12]);
    for (const week of [3, 9, 12]) {
      const asOf = recordedAsOf(timeline, week);
      const sub = subRecords(cohorts.test.records, test.rows, asOf.map((c) => Uint8Array.from(test.rows, (r) => c[r])));
      for (const m of scored) {
        const scores = m.fitted[0].predictProba(buildFeatures(sub, {}));
        if (week === 12) expect(Array.from(scores)).toEqual(Array.from(m.scores));
        const s = sweep(scores, test.yRecorded);
        for (const p of listPlan.weeklyPoints) {
          const cut = p.spec.rule === 'topK' ? topK(s, p.spec.value).cut : { threshold: p.spec.value, tieRowLimit: Infinity };
          const flags = flagsAt(scores, cut);
          const expected = Array.from(flags.keys()).filter((i) => flags[i]);
          const got = lists.find((l) => l.week === week && l.model === m.label && l.point === p.name)!;
          expect(Array.from(got.members)).toEqual(expected);
        }
      }
    }
    // The lists change: records accumulate.
    const first = lists.find((l) => l.week === 3 && l.model === 'logistic' && l.point === 'topK=150')!;
    const last = lists.find((l) => l.week === 12 && l.model === 'logistic' && l.point === 'topK=150')!;
    expect(Array.from(first.members)).not.toEqual(Array.from(last.members));
  });

  it('count churn, stays and the year\'s reach as a brute-force recount of the lists does, in every group', async () => {
    const resolved = resolve({ ...base, list: { weekly: { weeks: 10, every: 2 } } });
    const { test, lists, rows, slots } = await weeklyRun(resolved);
    const weeks = listWeeks(10, 2);
    const span = (w: number) => (weeks[weeks.indexOf(w) + 1] ?? 11) - w;
    for (const model of ['points', 'logistic']) {
      for (const point of ['topK=150', 'threshold=0.05']) {
        const mine = lists.filter((l) => l.model === model && l.point === point).sort((a, b) => a.week - b.week);
        const sets = mine.map((l) => new Set(l.members));
        const at = (metric: string, label: string, attribute: string, group: string) =>
          rows.find((r) => r.model === model && r.operatingPoint === `${point}+ever` && r.metric === metric && r.label === label && r.attribute === attribute && r.group === group)!;
        for (const { attribute, group } of slots.slots) {
          const column = test.groups.find((g) => g.attribute === attribute);
          const inGroup = (i: number) => attribute === 'all' || (column ? column.levels[column.codes[i]] === group : group.split(' × ').every((lv, q) => {
            const c = test.groups.find((g) => g.attribute === attribute.split(' × ')[q])!;
            return c.levels[c.codes[i]] === lv;
          }));
          const ever = new Set<number>();
          let entering = 0;
          let leaving = 0;
          let flagged = 0;
          let tp = 0;
          const weeksOn = new Map<number, number>();
          let spells = 0;
          sets.forEach((set, j) => {
            for (const i of set) {
              if (!inGroup(i)) continue;
              ever.add(i);
              flagged++;
              tp += test.yTrue[i];
              weeksOn.set(i, (weeksOn.get(i) ?? 0) + span(mine[j].week));
              if (j === 0 || !sets[j - 1].has(i)) spells++;
              if (j > 0 && !sets[j - 1].has(i)) entering++;
            }
            if (j > 0) for (const i of sets[j - 1]) if (inGroup(i) && !set.has(i)) leaving++;
          });
          const L = sets.length;
          const totalWeeks = [...weeksOn.values()].reduce((a, b) => a + b, 0);
          expect(at('precision', 'yTrue', attribute, group).flagged).toBe(ever.size);
          expect(at('precision', 'yTrue', attribute, group).tp).toBe([...ever].filter((i) => test.yTrue[i]).length);
          expect(at('weeklyFlagged', 'yTrue', attribute, group).value).toBeCloseTo(flagged / L, 10);
          expect(at('weeklyTp', 'yTrue', attribute, group).value).toBeCloseTo(tp / L, 10);
          expect(at('enteringPerList', 'yRecorded', attribute, group).value).toBeCloseTo(entering / (L - 1), 10);
          expect(at('leavingPerList', 'yTrue', attribute, group).value).toBeCloseTo(leaving / (L - 1), 10);
          if (ever.size === 0) expect(at('weeksOnList', 'yTrue', attribute, group).value).toBeNaN();
          else {
            expect(at('weeksOnList', 'yTrue', attribute, group).value).toBeCloseTo(totalWeeks / ever.size, 10);
            expect(at('spellWeeks', 'yTrue', attribute, group).value).toBeCloseTo(totalWeeks / spells, 10);
          }
        }
      }
    }
  });
});
