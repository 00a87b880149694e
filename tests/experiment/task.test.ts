/**
 * A task as a pipeline of stages: its result is plain data that survives
 * JSON exactly (what a task queue needs), k-fold goes through the same
 * scoring loop as a holdout, and a grid cell with its own split leaves the
 * other cells' numbers untouched.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { planTasks, runExperiment } from '../../src/experiment/runner.js';
import { runTask } from '../../src/experiment/task.js';
import { aggregate } from '../../src/experiment/aggregate.js';
import { decodeTaskResult, encodeTaskResult } from '../../src/experiment/task-json.js';
import { resultFiles } from '../../src/report/folder.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';

const experiment = {
  name: 'stages',
  question: 'Do the stages of a task fit together?',
  seed: 'stages',
  scenarios: [{ label: 'two', preset: 'two-groups', overrides: { population: { size: 1500 } } }],
  grid: [
    { label: 'holdout', overrides: {} },
    { label: '3-fold', overrides: {}, split: { kind: 'kfold', k: 3 } },
  ],
  models: [{ name: 'logistic' }, { name: 'oracle' }],
  groups: ['group'],
  operatingPoints: [{ rule: 'topShare', value: 0.1 }, { rule: 'topK', value: 0 }],
  example: { attribute: 'group', model: 'logistic' },
  replicates: 2,
  findings: [{ id: 'p', claim: '{cell}: precision', forEach: 'cell', select: { model: 'logistic', label: 'yTrue', metric: 'precision' } }],
  headline: 'Precision {p[holdout]|fixed:2} with a holdout, {p[3-fold]|fixed:2} cross-validated.',
};
const resolve = (input: object) => resolveExperiment(input, { loadPreset: loadScenarioInput });

/** Every value is a plain object, array, string, number, boolean or null. */
function isPlain(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlain);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every(isPlain);
}

describe('runTask', () => {
  it('gives plain data that JSON carries exactly and deterministically (NaN and Infinity included)', async () => {
    const resolved = resolve(experiment);
    const tasks = planTasks(resolved);
    const results = [];
    for (const task of tasks) results.push(await runTask(resolved, task, { saveScores: true }));
    for (const r of results) {
      expect(isPlain(r)).toBe(true);
      const text = encodeTaskResult(r);
      expect(encodeTaskResult(decodeTaskResult(text))).toBe(text);
      expect(decodeTaskResult(text)).toEqual(r);
    }
    // An empty list gives precision NaN and an Infinity cut; they survive.
    expect(results[0].rows.some((x) => Number.isNaN(x.value) && x.cutThreshold === Infinity)).toBe(true);
    expect(encodeTaskResult(results[0])).toContain('{"$number":"NaN"}');
    expect(encodeTaskResult(results[0])).toContain('{"$number":"Infinity"}');
    // Running a task again gives the same bytes; gathering decoded tasks gives the same files.
    expect(encodeTaskResult(await runTask(resolved, tasks[1], { saveScores: true }))).toBe(encodeTaskResult(results[1]));
    const direct = await resultFiles(resolved, aggregate(resolved, results), results, { version: 't', saveScores: true });
    const decoded = results.map((r) => decodeTaskResult(encodeTaskResult(r))).reverse();
    const gathered = await resultFiles(resolved, aggregate(resolved, decoded), decoded, { version: 't', saveScores: true });
    expect(Object.keys(gathered).sort()).toEqual(Object.keys(direct).sort());
    for (const name of Object.keys(direct)) expect(gathered[name], name).toBe(direct[name]);
  });

  it('k-fold scores every child out of fold through the same loop; the holdout cell is unchanged by the k-fold cell beside it', async () => {
    const both = await runExperiment(resolve(experiment), { workers: 1 });
    const alone = await runExperiment(resolve({ ...experiment, grid: [experiment.grid[0]], findings: [], headline: '' }), { workers: 1 });
    const kfold = both.result.sizes.filter((s) => s.cell === 1);
    expect(kfold.every((s) => s.test === 1500 && s.train === 1500)).toBe(true);
    const holdout = both.result.sizes.filter((s) => s.cell === 0);
    expect(holdout.every((s) => s.test < 1500 && s.train + s.test === 1500)).toBe(true);
    const strip = (rows: readonly { cell: number }[]) => rows.filter((r) => r.cell === 0);
    expect(strip(both.result.rows)).toEqual(strip(alone.result.rows));
    expect(strip(both.result.equalRisk)).toEqual(strip(alone.result.equalRisk));
    expect(both.result.findings.headline).toMatch(/^Precision \d\.\d\d with a holdout, \d\.\d\d cross-validated\.$/);
  });

  it("the trainers' cards are placed with the cut their model used (the metrics module's tie rule)", async () => {
    const { result } = await runExperiment(resolve(experiment), { workers: 1 });
    expect(result.cards).toHaveLength(2);
    for (const c of result.cards) {
      const rows = result.rows.filter((r) => r.cell === c.cell && r.replicate === 0 && r.model === 'logistic' && r.label === 'yRecorded' && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === 'precision');
      expect(c.model).toBe('logistic');
      expect(c.listSize).toBe(rows[0].flagged);
      if (c.pair.kind === 'pair') {
        const [v, o] = c.pair.children;
        expect([v.listed, o.listed]).toEqual([true, false]);
        expect(v.score >= rows[0].cutThreshold).toBe(true);
        expect(o.score <= rows[0].cutThreshold).toBe(true);
      }
    }
  });

});
