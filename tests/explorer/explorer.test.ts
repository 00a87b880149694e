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
  it('think-family at its opening point: the records flatter the model', async () => {
    expect(OPENING_PRESET).toBe('think-family');
    const sim = await simulate(presetDefaults('think-family'));
    const p = presetByName('think-family').openingPoint;
    const n = numbersAt(prepare(viewData(sim)), { rule: 'threshold', value: p.value });
    // It finds far more of those with a recorded concern than of those truly at risk (0.89 against 0.60 at this seed),
    expect(n.records.recall - n.truth.recall).toBeGreaterThan(0.2);
    // and it is right more often on the records than in truth;
    expect(n.records.precision).toBeGreaterThan(n.truth.precision);
    // group B is flagged more often, and more often falsely, than group A.
    expect(n.groups.b.shareFlagged).toBeGreaterThan(n.groups.a.shareFlagged);
    expect(n.groups.b.truth.falseAlarmRate).toBeGreaterThan(n.groups.a.truth.falseAlarmRate);
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
