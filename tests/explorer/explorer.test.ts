import { describe, expect, it } from 'vitest';
import { readHash, writeHash } from '../../explorer/src/hash.js';
import { madeUpName, pairNames } from '../../explorer/src/names.js';
import { numbersAt, prepare, viewData } from '../../explorer/src/numbers.js';
import { OPENING_PRESET, PRESETS, presetByName } from '../../explorer/src/presets.js';
import { explorerScenario, presetDefaults, scenarioOverrides } from '../../explorer/src/scenario.js';
import { BASE_RATES, POPULATION_SIZE } from '../../explorer/src/settings.js';
import { simulate } from '../../explorer/src/simulation.js';
import { percent } from '../../explorer/src/texts.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { deepMerge } from '../../src/scenario/merge.js';

describe('settings → scenario', () => {
  it.each(PRESETS.map((p) => p.name))('%s untouched is the preset itself (at the explorer size), read from synthetic/', (name) => {
    const defaults = presetDefaults(name);
    const fromFile = resolveScenario(deepMerge(loadScenarioInput(name), { population: { size: POPULATION_SIZE } }));
    expect(explorerScenario(defaults)).toEqual(fromFile);
    expect(BASE_RATES).toContain(defaults.baseRate);
  });

  it("replaces the preset's own rule for group B and leaves other groups' rules alone (TRAP)", () => {
    const s = explorerScenario({ ...presetDefaults('trap'), visibilityB: 2.5 });
    expect(s.recording.groups).toEqual([
      { attribute: 'deprivation', level: 'high', domains: ['police', 'missing'], visibilityMultiplier: 2.5, falseRecordMultiplier: 1 },
      { attribute: 'ethnicity', level: 'black', domains: ['police'], visibilityMultiplier: 1.3, falseRecordMultiplier: 2 },
    ]);
  });

  it('adds a police and social-care rule for group B where the preset has none, only when it is not 1', () => {
    expect(explorerScenario(presetDefaults('two-groups')).recording.groups).toEqual([]);
    expect(explorerScenario({ ...presetDefaults('two-groups'), visibilityB: 2 }).recording.groups).toEqual([
      { attribute: 'group', level: 'B', domains: ['police', 'socialCare'], visibilityMultiplier: 2, falseRecordMultiplier: 1 },
    ]);
  });

  it("leakage: off sets probability 0; on keeps the preset's own or uses the stated assumption", () => {
    expect(explorerScenario({ ...presetDefaults('think-family'), leakage: false }).recording.outcome.leakage.probability).toBe(0);
    expect(explorerScenario(presetDefaults('think-family')).recording.outcome.leakage).toEqual({ probability: 0.95, circumstances: ['missing_episodes', 'police_cse_marker', 'sexual_health'] });
    expect(explorerScenario({ ...presetDefaults('neutral'), leakage: true }).recording.outcome.leakage).toEqual(presetByName('neutral').leakageWhenOn);
  });

  it('the seed is the scenario seed and never part of the overrides', () => {
    expect(explorerScenario({ ...presetDefaults('neutral'), seed: 'abc' }).seed).toBe('abc');
    expect(JSON.stringify(scenarioOverrides(presetDefaults('neutral')))).not.toContain('seed');
  });
});

describe('the opening state carries the message', () => {
  // The opening settings (think-family untouched, threshold 0.5) with 10 seeds: the message must not be the luck of one draw.
  const SEEDS = Array.from({ length: 10 }, (_, k) => 20200601 + k);
  it.each(SEEDS)('think-family at its opening point, seed %i: the records flatter the model', async (seed) => {
    expect(OPENING_PRESET).toBe('think-family');
    const sim = await simulate({ ...presetDefaults('think-family'), seed });
    const p = presetByName('think-family').openingPoint;
    const n = numbersAt(prepare(viewData(sim)), { rule: 'threshold', value: p.value });
    // It finds far more of those with a recorded concern than of those truly at risk
    // (0.81–0.93 against 0.43–0.62 over these seeds; 0.86 against 0.53 at the preset's own seed).
    expect(n.records.recall - n.truth.recall).toBeGreaterThan(0.2);
    // Not asserted, because it is not true of these settings (measured over these 10 seeds, h4b report):
    // - records precision above truth precision holds at 7 of 10 seeds (differences of 0.02–0.05 either way);
    // - group B flagged more than group A holds at 3 of 10 (B 0.65% against A 0.71% on average), and
    //   more often falsely at 3 of 10. Leakage all but separates the recorded concerns (scores near 0 or 1),
    //   so the list is the recorded concerns and false alarms are false concern records, drawn alike in both groups;
    //   no setting of the explorer's controls makes either hold at all 10 seeds at 20,000 children.
  });
});

describe('numbers at an operating point', () => {
  it('icons add up to 1,000 per picture; flags are the same children in both; groups are parts of the whole', async () => {
    const sim = await simulate({ ...presetDefaults('two-groups'), visibilityB: 2 });
    const prepared = prepare(viewData(sim));
    for (const op of [{ rule: 'threshold', value: 0.1 }, { rule: 'topK', value: 300 }, { rule: 'threshold', value: 1 }] as const) {
      const n = numbersAt(prepared, op);
      for (const icons of [n.icons.records!, n.icons.truth!]) expect(icons.counts.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(n.records.confusion.flagged).toBe(n.truth.confusion.flagged);
      expect(n.groups.a.n + n.groups.b.n).toBe(sim.scores.length); // two-groups: everyone is A or B
      expect(n.groups.a.flagged + n.groups.b.flagged).toBe(n.flagged);
      if (op.rule === 'topK') expect(n.flagged).toBe(300);
    }
    // Raising group B's visibility raises its share flagged (same children: only the records change).
    const more = numbersAt(prepare(viewData(await simulate({ ...presetDefaults('two-groups'), visibilityB: 3 }))), { rule: 'topK', value: 300 });
    const less = numbersAt(prepare(viewData(await simulate(presetDefaults('two-groups')))), { rule: 'topK', value: 300 });
    expect(more.groups.b.shareFlagged).toBeGreaterThan(less.groups.b.shareFlagged);
  });
});

describe('the address keeps the state', () => {
  it('round-trips settings and operating point, and ignores what it cannot read', () => {
    const s = { ...presetDefaults('two-groups'), visibilityB: 2.3, seed: 'room 4', leakage: true };
    const back = readHash(writeHash(s, { rule: 'topK', value: 250 }));
    expect(back.preset).toBe('two-groups');
    expect({ ...presetDefaults('two-groups'), ...back.patch }).toEqual(s);
    expect(back.op).toEqual({ rule: 'topK', value: 250 });
    expect(readHash('#preset=nope&visibilityB=99&op=threshold:7&seed=')).toEqual({ preset: undefined, patch: {}, op: undefined });
    expect(readHash('#seed=12').patch.seed).toBe(12);
  });
});

describe('made-up names and percentages', () => {
  it('names are seeded per child, follow sex, and a pair never shares one', () => {
    expect(madeUpName(1, 42, 'female')).toBe(madeUpName(1, 42, 'female'));
    const names = new Set(Array.from({ length: 200 }, (_, id) => madeUpName(1, id, 'male')));
    expect(names.size).toBeGreaterThan(10);
    for (let id = 0; id < 300; id++) {
      const [a, b] = pairNames(7, [id, id + 1], ['female', 'female']);
      expect(a).not.toBe(b);
    }
  });
  it('percent reads well for a room', () => {
    expect([percent(0.8912), percent(0.0412), percent(0.0006), percent(0.00004), percent(0), percent(NaN)]).toEqual(['89%', '4.1%', '0.06%', 'under 0.01%', '0%', '–']);
  });
});
