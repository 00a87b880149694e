import { describe, expect, it } from 'vitest';
import { isListMetric } from '../../../src/experiment/list/metrics.js';
import { aggregate } from '../../../src/experiment/aggregate.js';
import { resolveExperiment, type ResolvedExperiment } from '../../../src/experiment/resolve.js';
import { planTasks, runExperiment } from '../../../src/experiment/runner.js';
import { runTask, type ModelRow } from '../../../src/experiment/task.js';
import { GROUP_METRICS, metricsCsv } from '../../../src/report/tables.js';
import { loadScenarioInput } from '../../../src/io/scenario-files.js';
import { parseCsv } from '../helpers.js';

/**
 * The feedback loop's contract (issue 13 "Shown by"): with the loop
 * switched off, every round is a one-round run of the same seed; with no
 * intervention effect, the truth never changes; and a loop that is on
 * does change the records, the list and the fit.
 */

const loadPreset = (p: string) => loadScenarioInput(p);

/** A small two-group experiment; `rounds` and the cells' feedback vary by test. */
/** `feedback` null: the scenario has none (the loop is off). */
function experiment(extra: Record<string, unknown> = {}, feedback: Record<string, unknown> | null = { listContact: 0.9 }) {
  return {
    name: 'loop-test',
    question: 'Does the loop do what it says?',
    seed: 13,
    scenarios: [
      {
        label: 'two',
        preset: 'two-groups',
        overrides: {
          population: { size: 2500 },
          recording: { contact: { baseline: -1.5, visibilityBoost: 0.5 }, outcome: { detection: 0.1, detectionContactBoost: 1 } },
          ...(feedback ? { feedback } : {}),
        },
      },
    ],
    models: [{ name: 'logistic' }, { name: 'oracle' }],
    split: { kind: 'all' },
    operatingPoints: [{ rule: 'topShare', value: 0.1 }, { rule: 'threshold', value: 0.2 }],
    groups: ['group'],
    replicates: 2,
    ...extra,
  };
}

const resolve = (input: unknown): ResolvedExperiment => resolveExperiment(input, { loadPreset });

/** Rows without their round, as a one-round run writes them (less its list stage's rows: rounds have no list stage). */
const withoutRound = (rows: readonly ModelRow[]) => rows.map(({ round: _round, ...r }) => r);

describe('rounds: the loop switched off', () => {
  it('every round equals a one-round run of the same seed (no feedback, and feedback with no extra contact)', async () => {
    const oneRound = resolve(experiment({}, null));
    for (const feedback of [null, { listContact: 0 }]) {
      const rounds = resolve(experiment({ rounds: { count: 4 } }, feedback));
      for (const task of planTasks(rounds)) {
        const single = await runTask(oneRound, task);
        const looped = await runTask(rounds, task);
        for (let round = 1; round <= 4; round++) {
          const rows = looped.rows.filter((r) => r.round === round && !r.operatingPoint.startsWith('ever:'));
          expect(withoutRound(rows), `${JSON.stringify(feedback)} replicate ${task.replicate} round ${round}`).toEqual(single.rows.filter((r) => !isListMetric(r.metric)));
        }
        expect(looped.brier).toEqual(single.brier);
        expect(looped.equalRisk).toEqual(single.equalRisk);
        expect(looped.curves).toEqual(single.curves);
        expect(looped.sizes).toEqual(single.sizes);
      }
    }
  });

  it('with the loop on, later rounds differ from the first (the records, the list and the fit change)', async () => {
    const resolved = resolve(experiment({ rounds: { count: 3 } }));
    const result = await runTask(resolved, { index: 0, cell: 0, replicate: 0 });
    const read = (round: number, label: 'yRecorded' | 'yTrue', metric: string) =>
      result.rows.find((r) => r.round === round && r.model === 'logistic' && r.label === label && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === metric)!;
    // Listed children are looked at: more of their outcomes are recorded, and the list finds more recorded cases.
    expect(read(3, 'yRecorded', 'prevalence').value).toBeGreaterThan(read(1, 'yRecorded', 'prevalence').value);
    expect(read(3, 'yRecorded', 'precision').value).toBeGreaterThan(read(1, 'yRecorded', 'precision').value);
    // The truth does not move.
    expect(read(3, 'yTrue', 'prevalence').value).toBe(read(1, 'yTrue', 'prevalence').value);
  });
});

describe('rounds: the truth', () => {
  const truePrevalence = (rows: readonly ModelRow[], round: number, group: string) =>
    rows.find((r) => r.round === round && r.model === 'logistic' && r.label === 'yTrue' && r.attribute === (group === 'all' ? 'all' : 'group') && r.group === group && r.operatingPoint === 'topShare=0.1' && r.metric === 'prevalence')!.value;

  it('with the intervention effect at 0, true prevalence per group is the same in every round', async () => {
    for (const feedback of [{ listContact: 0.9 }, { listContact: 0.9, households: true, correction: 'inverse-propensity' }]) {
      const resolved = resolve(experiment({ rounds: { count: 5 } }, feedback));
      for (const task of planTasks(resolved)) {
        const { rows } = await runTask(resolved, task);
        for (const group of ['all', 'A', 'B']) {
          const first = truePrevalence(rows, 1, group);
          for (let round = 2; round <= 5; round++) expect(truePrevalence(rows, round, group), `${group}, round ${round}`).toBe(first);
        }
      }
    }
  });

  it('an intervention effect lowers true prevalence after the first list, and only then', async () => {
    const resolved = resolve(experiment({ rounds: { count: 3 } }, { listContact: 0.9, interventionEffect: 0.5 }));
    const { rows } = await runTask(resolved, { index: 0, cell: 0, replicate: 0 });
    const off = await runTask(resolve(experiment({ rounds: { count: 3 } }, null)), { index: 0, cell: 0, replicate: 0 });
    expect(truePrevalence(rows, 1, 'all')).toBe(truePrevalence(off.rows, 1, 'all'));
    expect(truePrevalence(rows, 2, 'all')).toBeLessThan(truePrevalence(rows, 1, 'all'));
  });
});

describe('rounds: the ever-listed point', () => {
  it('counts children listed in any round so far: flagged never falls, and truly at risk never listed (fn) never rises', async () => {
    const resolved = resolve(experiment({ rounds: { count: 5 } }, { listContact: 0.9, persistence: 0 }));
    const { rows } = await runTask(resolved, { index: 0, cell: 0, replicate: 1 });
    const ever = (round: number) => rows.find((r) => r.round === round && r.model === 'logistic' && r.label === 'yTrue' && r.attribute === 'all' && r.operatingPoint === 'ever:topShare=0.1' && r.metric === 'recall')!;
    const list = (round: number) => rows.find((r) => r.round === round && r.model === 'logistic' && r.label === 'yTrue' && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === 'recall')!;
    // Round 1: ever listed is the first list itself.
    expect([ever(1).flagged, ever(1).tp, ever(1).fn]).toEqual([list(1).flagged, list(1).tp, list(1).fn]);
    for (let round = 2; round <= 5; round++) {
      expect(ever(round).flagged).toBeGreaterThanOrEqual(ever(round - 1).flagged);
      expect(ever(round).fn).toBeLessThanOrEqual(ever(round - 1).fn);
      expect(ever(round).flagged).toBeGreaterThanOrEqual(list(round).flagged);
    }
    // Group rows add up to everyone's.
    const groupFlagged = rows.filter((r) => r.round === 5 && r.model === 'logistic' && r.label === 'yTrue' && r.attribute === 'group' && r.operatingPoint === 'ever:topShare=0.1' && r.metric === 'recall').reduce((a, r) => a + r.flagged, 0);
    expect(groupFlagged).toBe(ever(5).flagged);
  });
});

describe('rounds: findings, results and resolve-time checks', () => {
  it('findings select a round by number or "last", expand over rounds, and compare rounds; metrics.csv carries the round', async () => {
    const resolved = resolve(
      experiment({
        rounds: { count: 3 },
        replicates: 1,
        findings: [
          { id: 'last', claim: 'precision in round {round} of {rounds}', select: { model: 'logistic', label: 'yRecorded', metric: 'precision' } },
          { id: 'each', claim: 'round {round}', forEach: 'round', select: { model: 'logistic', label: 'yRecorded', metric: 'precision' } },
          { id: 'growth', claim: 'round {of.round} − round {minus.round}', select: { model: 'logistic', label: 'yRecorded', metric: 'precision' }, derive: { kind: 'difference', of: { round: 'last' }, minus: { round: 1 } } },
          { id: 'never', claim: 'never listed', select: { model: 'logistic', label: 'yTrue', metric: 'fn', operatingPoint: 'ever:topShare=0.1', round: 2 } },
        ],
        headline: '{each[1]|fixed:3} then {each[3]|fixed:3}',
      }),
    );
    const { result } = await runExperiment(resolved, { workers: 1 });
    const precision = (round: number) => result.rows.find((r) => r.round === round && r.model === 'logistic' && r.label === 'yRecorded' && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === 'precision')!.value;
    const byId = new Map(result.findings.findings.map((f) => [f.id, f]));
    expect(byId.get('last')!.median).toBe(precision(3));
    expect(byId.get('last')!.claim).toBe('precision in round 3 of 3');
    expect([1, 2, 3].map((r) => byId.get(`each[${r}]`)!.median)).toEqual([1, 2, 3].map(precision));
    expect(byId.get('growth')!.median).toBeCloseTo(precision(3) - precision(1), 12);
    expect(byId.get('growth')!.claim).toBe('round 3 − round 1');
    const never = result.rows.find((r) => r.round === 2 && r.model === 'logistic' && r.label === 'yTrue' && r.attribute === 'all' && r.operatingPoint === 'ever:topShare=0.1' && r.metric === 'recall')!;
    expect(byId.get('never')!.median).toBe(never.fn);
    expect(result.findings.headline).toBe(`${precision(1).toFixed(3)} then ${precision(3).toFixed(3)}`);
    // The summary (and every report built on it) is the last round at the experiment's own operating points.
    expect(new Set(result.summary.map((r) => r.operatingPoint))).toEqual(new Set(['topShare=0.1', 'threshold=0.2']));
    const summarised = result.summary.find((r) => r.model === 'logistic' && r.label === 'yRecorded' && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === 'precision')!;
    expect(summarised.median).toBe(precision(3));
    // metrics.csv: a round column after replicate, on every row.
    const csv = parseCsv([...metricsCsv(result)].join(''));
    expect(csv.header.slice(6, 8)).toEqual(['replicate', 'round']);
    // A group's rows keep only GROUP_METRICS (src/report/data-dictionary.ts); everyone's rows keep every metric.
    expect(csv.rows.length).toBe(result.rows.filter((r) => r.attribute === 'all' || GROUP_METRICS.includes(r.metric)).length + result.brier.length);
    const at = csv.header.indexOf('round');
    expect(new Set(csv.rows.map((r) => r[at]))).toEqual(new Set(['1', '2', '3']));
  });

  it('metrics.csv of an experiment without rounds has no round column, and its rows no round', async () => {
    const resolved = resolve(experiment({ replicates: 1 }, null));
    const tasks = [await runTask(resolved, { index: 0, cell: 0, replicate: 0 })];
    const result = aggregate(resolved, tasks);
    expect(result.rounds).toBeUndefined();
    expect(result.rows.every((r) => !('round' in r))).toBe(true);
    expect(parseCsv([...metricsCsv(result)].join('')).header).not.toContain('round');
  });

  it('refuses, before any work, a round where there are none, a round past the last, a split that is not in sample, an unknown list model and list settings', () => {
    const finding = (select: Record<string, unknown>, forEach?: string) => ({ findings: [{ id: 'f', claim: 'c', select: { model: 'logistic', label: 'yTrue', metric: 'recall', ...select }, ...(forEach ? { forEach } : {}) }] });
    expect(() => resolve(experiment(finding({ round: 2 }), null))).toThrow(/^findings\[0\]\.select\.round needs rounds: this experiment has none/);
    expect(() => resolve(experiment(finding({}, 'round'), null))).toThrow(/^findings\[0\]\.forEach needs rounds/);
    expect(() => resolve(experiment({ rounds: { count: 3 }, ...finding({ round: 4 }) }))).toThrow(/^findings\[0\]\.select\.round names "4", which this experiment does not have; known: 1, 2, 3$/);
    expect(() => resolve(experiment({ rounds: { count: 3 }, split: { kind: 'holdout' } }))).toThrow(/^split must be \{ kind: 'all' \} in an experiment with rounds/);
    expect(() => resolve(experiment({ rounds: { count: 3 }, grid: [{ label: 'a', overrides: {}, split: { kind: 'kfold' } }] }))).toThrow(/^grid\[0\]\.split must be \{ kind: 'all' \}/);
    expect(() => resolve(experiment({ rounds: { count: 3, list: 'forest' } }))).toThrow(/^rounds\.list names "forest", which this experiment does not have; known: logistic, oracle$/);
    expect(() => resolve(experiment({ rounds: { count: 3 }, list: {} }))).toThrow(/^list cannot be set in an experiment with rounds/);
    expect(() => resolve(experiment({ rounds: { count: 0 } }))).toThrow(/rounds\.count must be a whole number in \[1, 50\]/);
    expect(() => resolve(experiment({ rounds: { count: 2 } }, { listContact: 2 }))).toThrow(/feedback\.listContact must be a number in \[0, 1\]/);
  });
});
