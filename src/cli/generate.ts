import { extname } from 'node:path';
import { RisklabError, messages } from '../messages.js';
import { simulateCohort } from '../experiment/simulate.js';
import { writeFileAtomic } from '../io/atomic.js';
import { checkOutputFile } from '../io/output-check.js';
import { loadScenarioInput } from '../io/scenario-files.js';
import { summarise } from '../recording/summary.js';
import { formatPopulationSummary } from '../report/population-summary.js';
import { populationCsv, populationJson } from '../report/population-table.js';
import { resolveScenario, type Scenario } from '../scenario/index.js';

export interface GenerateOptions {
  size?: number;
  seed?: number | string;
  cohort?: number;
  out?: string;
}

/** Resolve a preset or file with the command-line overrides applied. */
export function scenarioFromRef(ref: string, overrides: { size?: number; seed?: number | string }): Scenario {
  const input = structuredClone(loadScenarioInput(ref)) as Record<string, unknown>;
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    if (overrides.seed !== undefined) input.seed = overrides.seed;
    if (overrides.size !== undefined) {
      const population = (input.population ?? {}) as Record<string, unknown>;
      input.population = { ...population, size: overrides.size };
    }
  }
  return resolveScenario(input);
}

/**
 * `risklab generate`: draw one cohort, optionally write it, return the
 * printed summary. Checks the output path before drawing anything, and writes
 * through a temporary file so a failure leaves no partial output.
 */
export function runGenerate(ref: string, options: GenerateOptions): string {
  const format = options.out ? extname(options.out).toLowerCase() : undefined;
  if (options.out && format !== '.csv' && format !== '.json') {
    throw new RisklabError(messages.invalid('--out', 'a file name ending in .csv or .json', options.out), '--out');
  }
  if (options.out) checkOutputFile(options.out);
  const scenario = scenarioFromRef(ref, options);
  const cohort = options.cohort ?? 1;
  if (cohort > scenario.cohorts.count) {
    throw new RisklabError(messages.invalid('--cohort', `a cohort in [1, ${scenario.cohorts.count}] (the scenario's cohorts.count)`, cohort), '--cohort');
  }
  const { population, records } = simulateCohort(scenario, cohort);
  if (options.out) {
    writeFileAtomic(options.out, format === '.csv' ? populationCsv(population, records) : populationJson(population, records));
  }
  const summary = formatPopulationSummary(summarise(population, records), `${scenario.name} (seed ${scenario.seed})`, { targetAuc: scenario.outcome.oracleAuc });
  return options.out ? `${summary}\nwrote ${population.size} rows to ${options.out}` : summary;
}
