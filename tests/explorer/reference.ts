import { numbersAt, prepare, viewData, type Numbers } from '../../explorer/src/numbers.js';
import { presetByName, type ExplorerOperatingPoint } from '../../explorer/src/presets.js';
import { scenarioOverrides } from '../../explorer/src/scenario.js';
import type { ExplorerSettings } from '../../explorer/src/settings.js';
import { simulate, type Simulation } from '../../explorer/src/simulation.js';

/**
 * The Node reference for the explorer: the same functions the page's worker
 * (simulate) and the page itself (prepare, numbersAt) call, run here.
 */
export async function reference(settings: ExplorerSettings, ops: readonly ExplorerOperatingPoint[]): Promise<{ sim: Simulation; numbers: Numbers[]; digest: string }> {
  const sim = await simulate(settings);
  const view = viewData(sim);
  const prepared = prepare(view);
  return { sim, numbers: ops.map((op) => numbersAt(prepared, op)), digest: view.scoreDigest };
}

/**
 * An experiment file equivalent to the explorer at these settings: one
 * scenario (the preset with `scenarioOverrides` merged over it, as the
 * worker does), one logistic model, the preset's split, these operating
 * points, one replicate, broken down by the preset's group attribute.
 * `risklab run` gives replicate 0 the seed `<seed>:<label>:r0`
 * (`replicateSeed`), which is the explorer seed to compare with.
 */
export function equivalentExperiment(settings: ExplorerSettings, ops: readonly ExplorerOperatingPoint[], experimentSeed: number, label: string) {
  const preset = presetByName(settings.preset);
  return {
    experiment: {
      name: `explorer-parity-${settings.preset}`,
      question: 'Does the explorer give the numbers risklab run gives for the same preset, settings and seed?',
      seed: experimentSeed,
      scenarios: [{ label, preset: settings.preset, overrides: scenarioOverrides(settings) }],
      models: [{ name: 'logistic' }],
      split: preset.split,
      operatingPoints: ops.map((op) => ({ rule: op.rule, value: op.value })),
      groups: [preset.groups.attribute],
      replicates: 1,
      criteria: [],
    },
    explorerSeed: `${experimentSeed}:${label}:r0`,
  };
}
