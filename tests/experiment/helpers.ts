import { resolveExperiment, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { loadExperimentInput } from '../../src/io/experiment-files.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { sweep, topShare } from '../../src/metrics/index.js';
import { buildFeatures, buildTrainingSet } from '../../src/models/features.js';
import { logistic } from '../../src/models/logistic.js';
import { createRandom } from '../../src/random/index.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { deepMerge } from '../../src/scenario/merge.js';
import { holdout } from '../../src/split/index.js';

export async function quickResolved(name: string, overrides: Record<string, unknown> = {}): Promise<ResolvedExperiment> {
  const input = { ...((await loadExperimentInput(name)) as object), ...overrides };
  return resolveExperiment(input, { quick: true, loadPreset: (p) => loadScenarioInput(p) });
}

export async function quickRun(name: string, overrides: Record<string, unknown> = {}, workers = 1) {
  const resolved = await quickResolved(name, overrides);
  return { resolved, ...(await runExperiment(resolved, { workers })) };
}

/** Parse RFC 4180 CSV text (quoted cells with commas, doubled quotes) into header + rows. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    records.push(row);
  }
  return { header: records[0], rows: records.slice(1) };
}

/** A preset at a small size, split, logistic fitted on records, the test children scored, and the cut of the top `share`. */
export async function cellInput(preset: string, overrides: object, size: number, share: number) {
  const scenario = resolveScenario(deepMerge(loadScenarioInput(preset), { ...overrides, population: { size } }));
  const { population, records } = simulateCohort(scenario, 1);
  const random = createRandom(scenario.seed);
  const split = holdout(records.household, 0.3, random.fork('split'));
  const model = await logistic().fit(buildTrainingSet(records, { rows: split.train }), random.fork('model:logistic'));
  const scores = model.predictProba(buildFeatures(records, { rows: split.test }));
  const yRecorded = Uint8Array.from(split.test, (r) => records.yRecorded[r]);
  const cut = topShare(sweep(scores, yRecorded), share).cut;
  return {
    seed: 'card-test',
    scenario,
    population,
    records,
    testRows: split.test,
    scores,
    cut,
    model: 'logistic',
    operatingPoint: `topShare=${share}`,
    attributes: ['group'],
    fitted: { model, features: {} },
  };
}

