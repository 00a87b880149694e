/**
 * The review step (issue 17 §3): a reviewer who sees only the records
 * confirms every child, so review adds nothing against the records or the
 * truth; a reviewer who finds out the truth removes only children whose
 * records differ from it, and only those the model no longer puts at the
 * cut; the reviewed list's rows recount from the list; reviews of different
 * accuracy are coupled.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { runTask } from '../../src/experiment/task.js';
import { drawCohorts } from '../../src/experiment/stages/cohorts.js';
import { reviewDraws, reviewedRecords } from '../../src/experiment/list/review.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { LIST_EXPERIMENT } from './list-fixture.js';

const input = {
  ...LIST_EXPERIMENT,
  name: 'review-test',
  list: { review: [{ label: 'records only', accuracy: 0 }, { label: 'wider' }, { label: 'the truth', accuracy: 1 }] },
};
const resolved = resolveExperiment(input, { loadPreset: loadScenarioInput });
const task = { index: 0, cell: 0, replicate: 0 };
const running = runTask(resolved, task);

describe('the reviewer stage', () => {
  it('defaults to accuracy 0.8 and names each reviewed list after the list', () => {
    expect(resolved.experiment.list?.review.map((r) => r.accuracy)).toEqual([0, 0.8, 1]);
  });

  it('with only the records, confirms everyone: every row of the reviewed list equals the list\'s, against the records and the truth', async () => {
    const result = await running;
    const models = result.lists.map((l) => l.model);
    expect(models.length).toBe(4);
    for (const model of models) {
      const key = (r: { label: string; attribute: string; group: string; metric: string }) => `${r.label}|${r.attribute}|${r.group}|${r.metric}`;
      const before = new Map(result.rows.filter((r) => r.model === model && r.operatingPoint === 'topK=150').map((r) => [key(r), r]));
      const after = result.rows.filter((r) => r.model === model && r.operatingPoint === 'topK=150+review:records only');
      expect(after.length).toBeGreaterThan(100);
      for (const r of after) {
        if (r.metric === 'removed') expect(r.value).toBe(0);
        else if (r.metric === 'removedShare') expect(r.value === 0 || Number.isNaN(r.value)).toBe(true);
        else {
          const b = before.get(key(r))!;
          expect([r.n, r.positives, r.flagged, r.tp, r.fp, r.fn, r.tn]).toEqual([b.n, b.positives, b.flagged, b.tp, b.fp, b.fn, b.tn]);
          expect(Object.is(r.value, b.value) || r.value === b.value).toBe(true);
        }
      }
      expect(result.lists.find((l) => l.model === model)!.entries.every((e) => e.reviewed[0] === 1)).toBe(true);
    }
  });

  it('with the truth, removes only children whose records differ from it — and some are removed', async () => {
    const result = await running;
    const { population, records } = drawCohorts(resolved, task).test;
    const row = new Map(Array.from(population.ids, (id, r) => [id, r]));
    let removed = 0;
    for (const list of result.lists) {
      for (const e of list.entries) {
        const r = row.get(e.id)!;
        const differs = records.circumstances.some((c, k) => records.recorded[k][r] !== population.truth[k][r]);
        if (!differs) expect(e.reviewed[2]).toBe(1);
        if (e.reviewed[2] === 0) removed++;
      }
    }
    expect(removed).toBeGreaterThan(5);
  });

  it('counts the reviewed list and what was removed by group as a recount of the list does', async () => {
    const result = await running;
    for (const list of result.lists) {
      for (const [j, label] of list.reviewers.entries()) {
        const point = `topK=150+review:${label}`;
        const rows = result.rows.filter((r) => r.model === list.model && r.operatingPoint === point && r.label === 'yTrue');
        for (const attribute of ['all', 'ethnicity', 'deprivation']) {
          const levels = [...new Set(rows.filter((r) => r.attribute === attribute).map((r) => r.group))];
          for (const group of levels) {
            const members = list.entries.filter((e) => attribute === 'all' || e.groups[attribute] === group);
            const kept = members.filter((e) => e.reviewed[j] === 1);
            const at = (metric: string) => rows.find((r) => r.attribute === attribute && r.group === group && r.metric === metric)!;
            expect(at('precision').flagged).toBe(kept.length);
            expect(at('precision').tp).toBe(kept.filter((e) => e.yTrue === 1).length);
            expect(at('removed').value).toBe(members.length - kept.length);
            if (members.length) expect(at('removedShare').value).toBeCloseTo((members.length - kept.length) / members.length, 12);
          }
        }
      }
    }
  });
});

describe('reviewedRecords', () => {
  it('sees the records at accuracy 0, the truth (leaked records kept) at 1, and more of the truth the more accurate — the same draws for every reviewer', () => {
    const { population, records, } = drawCohorts(resolved, task).test;
    const rows = Int32Array.from({ length: 400 }, (_, j) => j * 25);
    const draws = reviewDraws('seed', Array.from(rows, (r) => records.ids[r]), records.circumstances.length);
    expect(reviewDraws('seed', [records.ids[rows[3]]], records.circumstances.length)[0]).toEqual(draws[3]);
    const none = reviewedRecords(population, records, rows, draws, 0);
    const all = reviewedRecords(population, records, rows, draws, 1);
    const half = reviewedRecords(population, records, rows, draws, 0.5);
    const more = reviewedRecords(population, records, rows, draws, 0.8);
    let halfFound = 0;
    let moreFound = 0;
    records.circumstances.forEach((c, k) => {
      rows.forEach((r, j) => {
        expect(none.recorded[k][j]).toBe(records.recorded[k][r]);
        const leak = records.leaked?.[k]?.[r] ?? 0;
        expect(all.recorded[k][j]).toBe(c.type === 'binary' ? Math.max(population.truth[k][r], leak) : Math.min(255, population.truth[k][r] + leak));
        const found = (v: Records['recorded'][number]) => v[j] === all.recorded[k][j] && (all.recorded[k][j] !== records.recorded[k][r]);
        if (found(half.recorded[k])) {
          halfFound++;
          expect(more.recorded[k][j]).toBe(all.recorded[k][j]);
        }
        if (found(more.recorded[k])) moreFound++;
      });
    });
    expect(moreFound).toBeGreaterThan(halfFound);
    expect(halfFound).toBeGreaterThan(0);
    expect(none.ids).toEqual(Int32Array.from(rows, (r) => records.ids[r]));
  });
});

type Records = ReturnType<typeof drawCohorts>['test']['records'];
