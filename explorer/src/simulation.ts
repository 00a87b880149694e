import { generatePopulation } from '../../src/population/generate.js';
import { recordPopulation } from '../../src/recording/record.js';
import { allRows, holdout } from '../../src/split/index.js';
import { createRandom } from '../../src/random/index.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { logistic } from '../../src/models/logistic.js';
import type { FittedClassifier } from '../../src/models/types.js';
import type { Population } from '../../src/population/types.js';
import type { Records } from '../../src/recording/types.js';
import type { Scenario } from '../../src/scenario/validate.js';
import { visibilityContrast } from '../../src/experiment/pair.js';
import { presetByName, type ExplorerPreset } from './presets.js';
import { explorerScenario } from './scenario.js';
import { GROUP_A, GROUP_B, GROUP_NEITHER, type ExplorerSettings } from './settings.js';

/**
 * One run of the explorer's pipeline, the same stages and the same named
 * random streams as `risklab run`'s task (src/experiment/task.ts) for an
 * experiment with one logistic model:
 *
 * 1. the scenario: the preset with the settings merged over it (settings.ts);
 * 2. the children: `generatePopulation` then `recordPopulation` per cohort
 *    (`root/population/cohort:K`, `root/recording/cohort:K`);
 * 3. the split: a household holdout from `root/split`, or one cohort for
 *    training and the next for testing;
 * 4. the model: `logistic()` fitted on the training children's records
 *    (stream `root/model:logistic`, unused by an exact fit), scoring the test
 *    children's records.
 *
 * Pure apart from the CPU; the worker calls it, and so do the Node tests
 * that check the page's numbers.
 */

export interface Simulation {
  readonly settings: ExplorerSettings;
  readonly preset: ExplorerPreset;
  readonly scenario: Scenario;
  /** The test cohort's truth and records (for a holdout, the one cohort). */
  readonly population: Population;
  readonly records: Records;
  readonly trainSize: number;
  /** Rows of `population` that are test children, ascending. */
  readonly testRows: Int32Array;
  readonly scores: Float64Array;
  readonly yRecorded: Uint8Array;
  readonly yTrue: Uint8Array;
  readonly groupCodes: Uint8Array;
  readonly model: FittedClassifier;
  /** Is group B more visible than A in this scenario's settings (src/experiment/pair.ts)? */
  readonly bMoreVisible: boolean;
}

/** Keeps drawn cohorts so that a change to recording alone re-records the same children instead of drawing them again. */
export class PopulationCache {
  private readonly entries = new Map<string, ReturnType<typeof generatePopulation>>();
  constructor(private readonly capacity = 4) {}
  get(scenario: Scenario, cohort: number): ReturnType<typeof generatePopulation> {
    // Everything generatePopulation reads: population, circumstances, outcome, agency contact, cohorts, seed.
    const key = JSON.stringify([scenario.seed, cohort, scenario.population, scenario.circumstances, scenario.outcome, scenario.recording.contact, scenario.cohorts]);
    let hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
    } else {
      hit = generatePopulation(scenario, cohort);
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, hit);
    return hit;
  }
}

/** Run the pipeline for one set of settings. Throws RisklabError when a model cannot be fitted (no recorded concern among the training children). */
export async function simulate(settings: ExplorerSettings, cache = new PopulationCache()): Promise<Simulation> {
  const preset = presetByName(settings.preset);
  const scenario = explorerScenario(settings);
  const random = createRandom(scenario.seed);
  const split = preset.split;
  const cohort = (k: number) => {
    const population = cache.get(scenario, k);
    return { population, records: recordPopulation(scenario, population) };
  };
  const first = cohort(split.kind === 'cohort' ? split.train : 1);
  const second = split.kind === 'cohort' ? cohort(split.test) : first;
  let trainRows: Int32Array;
  let testRows: Int32Array;
  if (split.kind === 'cohort') {
    trainRows = allRows(first.records.size);
    testRows = allRows(second.records.size);
  } else {
    ({ train: trainRows, test: testRows } = holdout(first.records.household, split.testShare, random.fork('split')));
  }
  const model = await logistic().fit(buildTrainingSet(first.records, { rows: trainRows }), random.fork('model:logistic'));
  const { population, records } = second;
  const scores = model.predictProba(buildFeatures(records, { rows: testRows }));
  const yRecorded = Uint8Array.from(testRows, (r) => records.yRecorded[r]);
  const yTrue = Uint8Array.from(testRows, (r) => population.yTrue[r]);
  const column = population.groups.find((g) => g.attribute === preset.groups.attribute)!;
  const a = column.levels.indexOf(preset.groups.a);
  const b = column.levels.indexOf(preset.groups.b);
  const groupCodes = Uint8Array.from(testRows, (r) => (column.codes[r] === a ? GROUP_A : column.codes[r] === b ? GROUP_B : GROUP_NEITHER));
  return {
    settings,
    preset,
    scenario,
    population,
    records,
    trainSize: trainRows.length,
    testRows,
    scores,
    yRecorded,
    yTrue,
    groupCodes,
    model,
    bMoreVisible: visibilityContrast(scenario, preset.groups.attribute, preset.groups.b, preset.groups.a).order === 'first',
  };
}
