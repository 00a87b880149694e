import { describe, expect, it } from 'vitest';
import { resolveScenario, DEFAULT_CATALOGUE, DOMAINS } from '../../src/scenario/index.js';
import { messages, RisklabError } from '../../src/messages.js';
import { listPresets, loadScenarioInput } from '../../src/io/scenario-files.js';

function errorOf(input: unknown): string {
  try {
    resolveScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(RisklabError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('resolveScenario', () => {
  it('fills every default and keeps the seed', () => {
    const s = resolveScenario({ seed: 5 });
    expect(s.seed).toBe(5);
    expect(s.population.size).toBe(10_000);
    expect(s.outcome.baseRate).toBe(0.05);
    expect(s.circumstances).toHaveLength(DEFAULT_CATALOGUE.length);
    expect(DEFAULT_CATALOGUE.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(s.recording.domains).sort()).toEqual([...DOMAINS].sort());
  });

  it('the default catalogue covers every domain a family database joins', () => {
    const domains = new Set(DEFAULT_CATALOGUE.map((c) => c.domain));
    for (const d of DOMAINS) expect(domains.has(d)).toBe(true);
    expect(DEFAULT_CATALOGUE.some((c) => c.type === 'count')).toBe(true);
  });

  it('is idempotent: a resolved config resolves to itself', () => {
    const s = resolveScenario({ seed: 'x', outcome: { baseRate: 0.02 } });
    expect(resolveScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('applies circumstance overrides by name', () => {
    const s = resolveScenario({ seed: 1, circumstanceOverrides: { drugs: { prevalence: 0.1 } } });
    expect(s.circumstances.find((c) => c.name === 'drugs')?.prevalence).toBe(0.1);
  });

  it('requires a seed', () => {
    expect(errorOf({})).toBe(messages.required('seed', 'a whole number or a non-empty string'));
  });

  it('rejects an unknown key, naming it', () => {
    expect(errorOf({ seed: 1, population: { sise: 10 } })).toBe(messages.unknownKey('population', 'sise'));
    expect(errorOf({ seed: 1, colour: 'red' })).toBe(messages.unknownKey('', 'colour'));
  });

  it('rejects rates outside [0, 1] and base rates outside (0, 1)', () => {
    expect(errorOf({ seed: 1, outcome: { baseRate: 1.4 } })).toBe('outcome.baseRate must be a number in (0, 1); got 1.4');
    expect(errorOf({ seed: 1, outcome: { baseRate: 0 } })).toBe('outcome.baseRate must be a number in (0, 1); got 0');
    expect(errorOf({ seed: 1, recording: { domains: { police: { visibility: 1.2 } } } })).toBe(
      'recording.domains.police.visibility must be a number in [0, 1]; got 1.2',
    );
    expect(errorOf({ seed: 1, recording: { outcome: { detection: -0.1 } } })).toBe(
      'recording.outcome.detection must be a number in [0, 1]; got -0.1',
    );
  });

  it('rejects group shares that do not sum to 1', () => {
    const groups = [{ attribute: 'sex', level: 'child', levels: [{ name: 'f', share: 0.5 }, { name: 'm', share: 0.4 }] }];
    expect(errorOf({ seed: 1, population: { groups } })).toBe(messages.sharesSum('population.groups[0].levels[].share', 0.9));
  });

  it('rejects a size that is not a whole number ≥ 1', () => {
    expect(errorOf({ seed: 1, population: { size: 0 } })).toBe('population.size must be a whole number ≥ 1; got 0');
    expect(errorOf({ seed: 1, population: { size: 2.5 } })).toBe('population.size must be a whole number ≥ 1; got 2.5');
    expect(errorOf({ seed: 1, population: { size: '10' } })).toBe('population.size must be a whole number ≥ 1; got "10"');
  });

  it('rejects references to groups, circumstances and cohorts that do not exist', () => {
    expect(errorOf({ seed: 1, recording: { groups: [{ attribute: 'religion', level: 'x' }] } })).toMatch(
      /^recording\.groups\[0\] attribute must be one of sex, ethnicity, deprivation; got "religion"$/,
    );
    expect(errorOf({ seed: 1, recording: { outcome: { leakage: { circumstances: ['nope'] } } } })).toMatch(
      /^recording\.outcome\.leakage\.circumstances\[0\] must be one of .*; got "nope"$/,
    );
    expect(errorOf({ seed: 1, circumstanceOverrides: { nope: { prevalence: 0.1 } } })).toMatch(/circumstanceOverrides key must be one of/);
    expect(errorOf({ seed: 1, cohorts: { count: 2, drift: [{ fromCohort: 3 }] } })).toBe(
      'cohorts.drift[0].fromCohort must be a cohort in [2, 2] (cohorts.count); got 3',
    );
  });

  it('every message is one line', () => {
    for (const bad of [{}, { seed: 1, x: 1 }, { seed: 1, outcome: { oracleAuc: 2 } }, { seed: 1, population: { groups: 'x' } }]) {
      expect(errorOf(bad)).not.toContain('\n');
    }
  });
});

describe('presets', () => {
  it('every preset resolves, documents its sources and has a description', () => {
    const presets = listPresets();
    expect(presets.map((p) => p.name)).toEqual(
      expect.arrayContaining(['neutral', 'think-family', 'trap', 'what-works-1', 'what-works-2', 'what-works-3', 'what-works-4']),
    );
    for (const p of presets) {
      const s = resolveScenario(loadScenarioInput(p.name));
      expect(s.name).toBe(p.name);
      expect(p.description.length).toBeGreaterThan(20);
      expect(s.sources.length).toBeGreaterThan(0);
    }
  });

  it('think-family joins 35 recorded sources', () => {
    expect(resolveScenario(loadScenarioInput('think-family')).circumstances).toHaveLength(35);
  });

  it('unknown preset names list the presets', () => {
    expect(() => loadScenarioInput('bristol')).toThrow(/^scenario "bristol" is neither a preset \(.*neutral.*\) nor a readable \.json file$/);
  });
});
