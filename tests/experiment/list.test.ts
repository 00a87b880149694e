/**
 * The list with its reasons (issue 17 §1): the children on it are exactly
 * those the metrics rows count, in list order; each reason comes from the
 * fitted model and is marked against the truth — and every reason marked
 * false or leaked really is (checked against the truth columns and against
 * the same children recorded without leakage); the rows of top reasons by
 * group equal a recount from the list; a model without reasons says so.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { runTask, type TaskResult } from '../../src/experiment/task.js';
import { drawCohorts } from '../../src/experiment/stages/cohorts.js';
import { planList } from '../../src/experiment/list/settings.js';
import { markReason } from '../../src/experiment/list/reasons.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { recordPopulation } from '../../src/recording/index.js';
import { RisklabError } from '../../src/messages.js';
import { listMessages } from '../../src/messages-list.js';
import type { Population } from '../../src/population/types.js';
import type { Records } from '../../src/recording/types.js';
import { LIST_EXPERIMENT } from './list-fixture.js';

const resolve = (input: object) => resolveExperiment(input, { loadPreset: loadScenarioInput });

let cached: { resolved: ResolvedExperiment; result: TaskResult } | null = null;
async function run() {
  if (!cached) {
    const resolved = resolve(LIST_EXPERIMENT);
    cached = { resolved, result: await runTask(resolved, { index: 0, cell: 0, replicate: 0 }) };
  }
  return cached;
}

function rowOf(population: Population): Map<number, number> {
  return new Map(Array.from(population.ids, (id, r) => [id, r]));
}

describe('the list stage', () => {
  it('lists exactly the children the metrics rows count, highest score first, for every non-baseline model', async () => {
    const { result } = await run();
    expect(result.lists.map((l) => l.model)).toEqual(['points', 'logistic', 'boosting', 'neural']);
    for (const list of result.lists) {
      const row = result.rows.find((r) => r.model === list.model && r.label === 'yTrue' && r.attribute === 'all' && r.operatingPoint === 'topK=150' && r.metric === 'precision')!;
      expect(list.entries.length).toBe(row.flagged);
      expect(list.entries.filter((e) => e.yTrue === 1).length).toBe(row.tp);
      expect(list.entries.map((e) => e.rank)).toEqual(list.entries.map((_, j) => j + 1));
      for (let j = 1; j < list.entries.length; j++) expect(list.entries[j].score).toBeLessThanOrEqual(list.entries[j - 1].score);
      expect(new Set(list.entries.map((e) => e.id)).size).toBe(list.entries.length);
    }
  });

  it('marks every reason as the truth has it: each false record is recorded but not true, each leaked one was made by leakage', async () => {
    const { resolved, result } = await run();
    const { population, records } = drawCohorts(resolved, result.task).test;
    // The same children recorded without leakage: every other stream is the same (src/recording/record.ts).
    const scenario = resolved.cells[0].scenario;
    const unleaked = recordPopulation(
      { ...scenario, seed: drawCohorts(resolved, result.task).seed, recording: { ...scenario.recording, outcome: { ...scenario.recording.outcome, leakage: { probability: 0, circumstances: [] } } } },
      population,
    );
    const rows = rowOf(population);
    const k = (feature: string) => records.circumstances.findIndex((c) => c.name === feature);
    const seen = { true: 0, false: 0, leaked: 0, missed: 0 };
    for (const list of result.lists.filter((l) => l.reasons.available)) {
      for (const e of list.entries) {
        const r = rows.get(e.id)!;
        expect(e.reasons.length).toBeGreaterThan(0);
        expect(e.reasons.length).toBeLessThanOrEqual(3);
        for (let j = 1; j < e.reasons.length; j++) expect(e.reasons[j].contribution).toBeLessThanOrEqual(e.reasons[j - 1].contribution);
        for (const reason of e.reasons) {
          seen[reason.mark]++;
          expect(reason.contribution).toBeGreaterThan(0);
          const c = k(reason.feature);
          if (c < 0) {
            expect(reason.mark).toBe('true');
            continue;
          }
          expect(reason.value).toBe(records.recorded[c][r]);
          const truth = population.truth[c][r];
          if (reason.mark === 'leaked') expect(records.recorded[c][r]).toBeGreaterThan(unleaked.recorded[c][r]);
          else expect(records.recorded[c][r]).toBe(unleaked.recorded[c][r]);
          if (reason.mark === 'false') expect(reason.value).toBeGreaterThan(truth);
          if (reason.mark === 'true') expect(reason.value === 0 ? truth : reason.value).toBeLessThanOrEqual(reason.value === 0 ? 0 : truth);
          if (reason.mark === 'missed') expect([reason.value, truth > 0]).toEqual([0, true]);
        }
      }
    }
    // The scenario makes false and leaked reasons common, so the checks above ran on both.
    expect(seen.false).toBeGreaterThan(20);
    expect(seen.leaked).toBeGreaterThan(5);
    expect(seen.true).toBeGreaterThan(100);
  });

  it('gives the model\'s own reasons: points gives the flags that scored, and the scale adds up', async () => {
    const { result } = await run();
    const points = result.lists.find((l) => l.model === 'points')!;
    expect(points.reasons).toMatchObject({ available: true, scale: 'points' });
    for (const e of points.entries) {
      // base 0 + every contribution = the points total; the reasons are flags on record with their points.
      let shown = 0;
      for (const r of e.reasons) {
        expect(r.value).toBeGreaterThan(0);
        shown += r.contribution;
      }
      expect(e.explained!.base).toBe(0);
      expect(e.explained!.scaleScore).toBeCloseTo(shown + e.explained!.other, 9);
    }
    const logistic = result.lists.find((l) => l.model === 'logistic')!;
    expect(logistic.reasons).toMatchObject({ available: true, scale: 'logit' });
    for (const e of logistic.entries) expect(1 / (1 + Math.exp(-e.explained!.scaleScore))).toBeCloseTo(e.score, 9);
  });

  it('says "no reasons available" for the neural network and never invents one', async () => {
    const { result } = await run();
    const neural = result.lists.find((l) => l.model === 'neural')!;
    expect(neural.reasons.available).toBe(false);
    expect(neural.entries.every((e) => e.reasons.length === 0 && e.explained === null)).toBe(true);
    const rows = result.rows.filter((r) => r.model === 'neural' && r.metric === 'topReasonFalseOrLeakedShare');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number.isNaN(r.value))).toBe(true);
  });

  it('counts top reasons by group exactly as a recount of the list does (everyone, groups, intersections)', async () => {
    const { result } = await run();
    for (const list of result.lists.filter((l) => l.reasons.available)) {
      const rows = result.rows.filter((r) => r.model === list.model && r.operatingPoint === 'topK=150' && r.label === 'yTrue');
      const read = (metric: string, attribute: string, group: string) => rows.find((r) => r.metric === metric && r.attribute === attribute && r.group === group)!.value;
      const inGroup = (attribute: string, group: string) =>
        list.entries.filter((e) => attribute === 'all' || (attribute.includes(' × ') ? attribute.split(' × ').map((a) => e.groups[a]).join(' × ') === group : e.groups[attribute] === group));
      const slots = [...new Set(rows.filter((r) => r.metric === 'topReasonFalse').map((r) => `${r.attribute}|${r.group}`))];
      expect(slots.length).toBeGreaterThan(10);
      for (const slot of slots) {
        const [attribute, group] = slot.split('|');
        const members = inGroup(attribute, group);
        const top = (mark: string) => members.filter((e) => e.reasons[0]?.mark === mark).length;
        expect(read('topReasonFalse', attribute, group)).toBe(top('false'));
        expect(read('topReasonLeaked', attribute, group)).toBe(top('leaked'));
        const share = read('topReasonFalseOrLeakedShare', attribute, group);
        if (members.length === 0) expect(share).toBeNaN();
        else expect(share).toBeCloseTo((top('false') + top('leaked')) / members.length, 12);
        // The row's counts are the list's own in that group.
        expect(rows.find((r) => r.metric === 'topReasonFalse' && r.attribute === attribute && r.group === group)!.flagged).toBe(members.length);
      }
    }
  });

  it('writes no list in later replicates, but their rows', async () => {
    const resolved = resolve({ ...LIST_EXPERIMENT, replicates: 2, models: [{ name: 'logistic' }] });
    const second = await runTask(resolved, { index: 1, cell: 0, replicate: 1 });
    expect(second.lists).toEqual([]);
    expect(second.rows.some((r) => r.metric === 'topReasonFalseShare')).toBe(true);
  });
});

describe('markReason', () => {
  const population = { truth: [Uint8Array.from([0, 1, 0, 3])] } as unknown as Population;
  const records = {
    circumstances: [{ name: 'missing_episodes', domain: 'missing', type: 'count', label: 'Missing episodes (count)' }],
    recorded: [Uint8Array.from([1, 1, 0, 4])],
    leaked: [Uint8Array.from([0, 0, 0, 1])],
  } as unknown as Records;
  it('marks false, true, missed and leaked records, leaked first', () => {
    expect(markReason(population, records, 0, 'missing_episodes', 1)).toBe('false');
    expect(markReason(population, records, 1, 'missing_episodes', 1)).toBe('true');
    expect(markReason(population, records, 2, 'missing_episodes', 0)).toBe('true');
    expect(markReason({ truth: [Uint8Array.from([0, 0, 1, 0])] } as unknown as Population, records, 2, 'missing_episodes', 0)).toBe('missed');
    expect(markReason(population, records, 3, 'missing_episodes', 4)).toBe('leaked');
    expect(markReason(population, records, 0, 'age', 14)).toBe('true');
  });
});

describe('list settings', () => {
  it('take the headline list rule, every non-baseline model and three reasons by default, and leave the resolved config without a list field', () => {
    const resolved = resolve(LIST_EXPERIMENT);
    expect('list' in resolved.experiment).toBe(false);
    const plan = planList(resolved.experiment);
    expect(plan.list?.name).toBe('topK=150');
    expect(plan.models).toEqual(['points', 'logistic', 'boosting', 'neural']);
    expect([plan.reasons, plan.sample, plan.reviewers.length, plan.weekly]).toEqual([3, 5, 0, null]);
    expect(plan.derived).toEqual([]);
  });

  it('fall back to the first list rule when the headline is a target, and to none without one', () => {
    const target = planList(resolve({ ...LIST_EXPERIMENT, operatingPoints: [{ rule: 'recall', value: 0.5 }, { rule: 'threshold', value: 0.4 }] }).experiment);
    expect(target.list?.name).toBe('threshold=0.4');
    const none = planList(resolve({ ...LIST_EXPERIMENT, operatingPoints: [{ rule: 'recall', value: 0.5 }] }).experiment);
    expect([none.list, none.models]).toEqual([null, []]);
  });

  it('refuse bad names with one line naming the field', () => {
    const bad = (list: object, message: string) => {
      expect(() => resolve({ ...LIST_EXPERIMENT, list })).toThrow(RisklabError);
      expect(() => resolve({ ...LIST_EXPERIMENT, list })).toThrow(message);
    };
    bad({ operatingPoint: 'topK=99' }, listMessages.unknown('list.operatingPoint', 'topK=99', ['topK=150', 'threshold=0.5']));
    bad({ models: ['logistic', 'forest'] }, listMessages.unknown('list.models[1]', 'forest', ['points', 'logistic', 'boosting', 'neural', 'oracle']));
    bad({ review: [{ label: 'a' }, { label: 'a' }] }, listMessages.duplicate('list.review[].label', 'a'));
    bad({ review: [{ label: 'a+b' }] }, 'list.review[0].label');
    bad({ reasons: 0 }, 'list.reasons');
    expect(() => resolve({ ...LIST_EXPERIMENT, operatingPoints: [{ rule: 'recall', value: 0.5 }], list: {} })).toThrow(
      listMessages.noListPoint('list', ['recall=0.5']),
    );
    expect(() => resolve({ ...LIST_EXPERIMENT, operatingPoints: [{ rule: 'recall', value: 0.5 }, { rule: 'topK', value: 5 }], list: { operatingPoint: 'recall=0.5' } })).toThrow(
      listMessages.notListRule('list.operatingPoint', 'recall=0.5'),
    );
  });
});
