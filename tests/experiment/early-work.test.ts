/**
 * A run aggregates each task, and writes its metrics.csv lines, as the task
 * arrives (issue 15: the tail after the last task holds only what needs
 * every replicate). Whatever the order tasks arrive in, the result and every
 * file must be the bytes aggregating all tasks at the end gives.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { planTasks } from '../../src/experiment/runner.js';
import { runTask, type TaskResult } from '../../src/experiment/task.js';
import { aggregate, openAggregate } from '../../src/experiment/aggregate.js';
import { resultFiles } from '../../src/report/folder.js';
import { metricsCsv } from '../../src/report/tables.js';
import { earlyWork } from '../../src/cli/run.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';

const experiment = {
  name: 'early',
  question: 'Does aggregating tasks as they arrive change anything?',
  seed: 'early',
  scenarios: [{ label: 'two', preset: 'two-groups', overrides: { population: { size: 1200 } } }],
  grid: [
    { label: 'a', overrides: {} },
    { label: 'b', overrides: { outcome: { baseRate: 0.2 } } },
  ],
  models: [{ name: 'logistic' }, { name: 'oracle' }],
  groups: ['group'],
  operatingPoints: [{ rule: 'topShare', value: 0.1 }, { rule: 'threshold', value: 0.5 }],
  replicates: 3,
  findings: [{ id: 'p', claim: '{cell}: precision', forEach: 'cell', select: { model: 'logistic', label: 'yTrue', metric: 'precision' } }],
  headline: 'Precision {p[a]|fixed:2} and {p[b]|fixed:2}.',
};

describe('early work on each task', async () => {
  const resolved = resolveExperiment(experiment, { loadPreset: loadScenarioInput });
  const tasks: TaskResult[] = [];
  for (const task of planTasks(resolved)) tasks.push(await runTask(resolved, task, {}));
  const batch = aggregate(resolved, tasks);
  /** The tasks in an order no worker pool would keep: last first, then the even ones, then the odd ones. */
  const shuffled = [tasks[tasks.length - 1], ...tasks.slice(0, -1).filter((_, i) => i % 2 === 0), ...tasks.slice(0, -1).filter((_, i) => i % 2 === 1)];

  it('aggregating tasks one at a time, in any order, gives the result of aggregating them all at once', () => {
    expect(tasks.length).toBe(6);
    const one = openAggregate(resolved);
    for (const t of shuffled) one.add(t);
    expect(one.finish()).toEqual(batch);
  });

  it('refuses a task added twice (it would count its children twice)', () => {
    const one = openAggregate(resolved);
    one.add(tasks[0]);
    expect(() => one.add(tasks[0])).toThrow(/task 0 was added twice/);
  });

  it("metrics.csv written task by task as they arrive is byte-identical, and so is every other file", async () => {
    const early = earlyWork(resolved);
    for (const t of shuffled) early.add(t);
    const done = early.finish();
    expect([...metricsCsv(done.result, { rowsText: done.metricsRows })].join('')).toBe([...metricsCsv(batch)].join(''));
    const atEnd = await resultFiles(resolved, batch, tasks, { version: 't' });
    const asTheyCame = await resultFiles(resolved, done.result, tasks, { version: 't', metricsRows: done.metricsRows });
    expect(Object.keys(asTheyCame).sort()).toEqual(Object.keys(atEnd).sort());
    for (const name of Object.keys(atEnd)) expect(asTheyCame[name], name).toBe(atEnd[name]);
  }, 60_000);

  it('a failure while adding a task is kept and thrown by finish, not thrown into the worker pool', () => {
    const early = earlyWork(resolved);
    const broken = { ...tasks[0], rows: null } as unknown as TaskResult;
    expect(() => early.add(broken)).not.toThrow();
    expect(() => early.add(tasks[1])).not.toThrow();
    expect(() => early.finish()).toThrow();
  });
});
