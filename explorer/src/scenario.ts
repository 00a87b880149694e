import { deepMerge } from '../../src/scenario/merge.js';
import { resolveScenario, type Scenario } from '../../src/scenario/validate.js';
import { presetByName, type ExplorerPreset, type PresetName } from './presets.js';
import { POPULATION_SIZE, type ExplorerSettings } from './settings.js';

/**
 * The explorer's settings as scenario input: merged over the preset exactly
 * as an experiment's scenario overrides are (`deepMerge`), so the explorer
 * draws the same children as `risklab run` does for an experiment with
 * `scenarios: [{ preset, overrides: scenarioOverrides(settings) }]` and the
 * same seed (tests/browser/explorer-parity.test.ts checks it).
 */

type GroupRule = { attribute: string; level: string; domains?: string[]; visibilityMultiplier?: number; falseRecordMultiplier?: number };

function isBRule(preset: ExplorerPreset, rule: GroupRule): boolean {
  return rule.attribute === preset.groups.attribute && rule.level === preset.groups.b;
}

/** The preset's settings as the explorer shows them (every default filled in by the scenario schema). */
export function presetDefaults(name: PresetName): ExplorerSettings {
  const preset = presetByName(name);
  const scenario = resolveScenario(preset.input);
  const rule = scenario.recording.groups.find((r) => isBRule(preset, r));
  const o = scenario.recording.outcome;
  return {
    preset: name,
    seed: scenario.seed,
    baseRate: scenario.outcome.baseRate,
    visibilityB: rule?.visibilityMultiplier ?? 1,
    detection: o.detection,
    detectionContactBoost: o.detectionContactBoost,
    leakage: o.leakage.probability > 0,
  };
}

/**
 * The settings as partial scenario input, to merge over the preset (as an
 * experiment's `scenarios[].overrides`): population size, base rate, group
 * B's visibility rule (the preset's own rule for B with its multiplier
 * replaced, or a new rule for the preset's visibility domains; other groups'
 * rules untouched), detection, and leakage (the preset's own, or the
 * explorer's assumption when the preset has none). The seed is not in here.
 */
export function scenarioOverrides(settings: ExplorerSettings): Record<string, unknown> {
  const preset = presetByName(settings.preset);
  const input = preset.input as { recording?: { groups?: GroupRule[]; outcome?: { leakage?: { probability?: number; circumstances?: string[] } } } };
  const rules = input.recording?.groups ?? [];
  const own = rules.some((r) => isBRule(preset, r));
  const groups = own
    ? rules.map((r) => (isBRule(preset, r) ? { ...r, visibilityMultiplier: settings.visibilityB } : r))
    : settings.visibilityB === 1
      ? rules
      : [...rules, { attribute: preset.groups.attribute, level: preset.groups.b, domains: [...preset.visibilityDomains], visibilityMultiplier: settings.visibilityB }];
  const presetLeak = input.recording?.outcome?.leakage;
  const hasOwnLeak = (presetLeak?.probability ?? 0) > 0;
  const leakage = settings.leakage
    ? hasOwnLeak
      ? { probability: presetLeak!.probability, circumstances: presetLeak!.circumstances }
      : { probability: preset.leakageWhenOn.probability, circumstances: [...preset.leakageWhenOn.circumstances] }
    : { probability: 0 };
  return {
    population: { size: POPULATION_SIZE },
    outcome: { baseRate: settings.baseRate },
    recording: {
      groups,
      outcome: { detection: settings.detection, detectionContactBoost: settings.detectionContactBoost, leakage },
    },
  };
}

/** The resolved scenario the explorer simulates for these settings. */
export function explorerScenario(settings: ExplorerSettings): Scenario {
  const preset = presetByName(settings.preset);
  return resolveScenario({ ...(deepMerge(preset.input, scenarioOverrides(settings)) as object), seed: settings.seed });
}
