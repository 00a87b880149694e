import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { aggregate } from '../../src/experiment/aggregate.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { RisklabError, roundsMessages } from '../../src/messages.js';
import { experimentCharts, groupSharesByRound, renderCharts } from '../../src/report/charts/index.js';
import { LABEL_ENCODING } from '../../src/report/palette.js';
import { tinyResult } from './fixture.js';

/**
 * The group-shares-by-round chart (src/report/charts/rounds.ts): its
 * numbers are recomputed here from the replicate rows, it draws the
 * records and the truth in the one label encoding, and it appears only for
 * an experiment with rounds.
 */

let result: ExperimentResult;

beforeAll(async () => {
  const input = {
    name: 'rounds-chart',
    question: 'Does the chart show the shares?',
    seed: 7,
    scenarios: [
      {
        label: 'two',
        preset: 'two-groups',
        overrides: { population: { size: 1500 }, recording: { contact: { baseline: -1.5, visibilityBoost: 0.5 }, outcome: { detection: 0.1, detectionContactBoost: 1 } } },
      },
    ],
    grid: [
      { label: 'no loop', overrides: {} },
      { label: 'loop', overrides: { feedback: { listContact: 0.9 } } },
    ],
    models: [{ name: 'logistic' }],
    split: { kind: 'all' },
    includeGroups: true,
    rounds: { count: 3 },
    operatingPoints: [{ rule: 'topShare', value: 0.1 }],
    groups: ['group'],
    replicates: 3,
  };
  const resolved = resolveExperiment(input, { loadPreset: (p) => loadScenarioInput(p) });
  const { tasks } = await runExperiment(resolved, { workers: 1 });
  result = aggregate(resolved, tasks);
});

/** B's share of the flagged children (yTrue rows at the headline point) in each replicate of one cell and round. */
function listShares(cell: number, round: number): number[] {
  const at = (group: string) =>
    result.rows
      .filter((r) => r.cell === cell && r.round === round && r.label === 'yTrue' && r.operatingPoint === 'topShare=0.1' && r.metric === 'precision' && r.group === group)
      .sort((a, b) => a.replicate - b.replicate)
      .map((r) => r.flagged);
  const b = at('B');
  return at('all').map((all, i) => b[i] / all);
}

describe('groupSharesByRound', () => {
  it('one row per cell and round, whose list share is the median across replicates of B flagged ÷ everyone flagged', () => {
    const chart = groupSharesByRound(result);
    expect(chart.id).toBe('round-shares-group-b');
    expect(chart.table.rows.length).toBe(2 * 3);
    expect(chart.table.columns).toEqual([...roundsMessages.tableColumns]);
    for (const [c, cell] of ['no loop', 'loop'].entries()) {
      for (let round = 1; round <= 3; round++) {
        const row = chart.table.rows.find((r) => r[1] === cell && r[2] === String(round))!;
        const shares = listShares(c, round).sort((a, b) => a - b);
        expect(Number(row[3]), `${cell} round ${round}`).toBeCloseTo(shares[1], 2);
      }
    }
    // Without the loop every round is the first.
    const noLoop = chart.table.rows.filter((r) => r[1] === 'no loop');
    expect(new Set(noLoop.map((r) => r.slice(3).join('|'))).size).toBe(1);
  });

  it('draws the records hollow and dashed, the truth filled and solid (LABEL_ENCODING)', () => {
    const spec = JSON.stringify(groupSharesByRound(result).spec);
    expect(spec).toContain(JSON.stringify([...LABEL_ENCODING.yRecorded.dash]));
    expect(spec).toContain('"fill":"white"');
    const values = (groupSharesByRound(result).spec as unknown as { data: { values: { kind: string }[] } }).data.values;
    expect(new Set(values.map((v) => v.kind))).toEqual(new Set(Object.values(roundsMessages.sharesKinds)));
  });

  it('is one of the experiment charts, renders to SVG, and is absent without rounds', async () => {
    const charts = experimentCharts(result);
    const ids = charts.map((c) => c.id);
    expect(ids).toContain('round-shares-group-b');
    const [svg] = await renderCharts(charts.filter((c) => c.id === 'round-shares-group-b'));
    expect(svg.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(experimentCharts(tinyResult()).some((c) => c.id.startsWith('round-shares'))).toBe(false);
  });

  it('refuses an unknown group or a result without rounds, naming the field', () => {
    expect(() => groupSharesByRound(result, { group: 'C' })).toThrow(RisklabError);
    expect(() => groupSharesByRound(result, { group: 'C' })).toThrow(/group/);
    expect(() => groupSharesByRound(tinyResult())).toThrow(RisklabError);
  });
});
