import { extname } from 'node:path';
import { RisklabError, messages } from '../messages.js';
import { simulateCohort } from '../experiment/simulate.js';
import { writeFileAtomic } from '../io/atomic.js';
import { checkOutputFile } from '../io/output-check.js';
import { loadScenarioInput } from '../io/scenario-files.js';
import { summarise, summaryAccumulator } from '../recording/summary.js';
import { simulateInChunks } from '../recording/stream.js';
import { MEMORY, checkFits, estimateGenerate } from '../memory.js';
import { memoryLimit } from '../io/memory-limit.js';
import { formatPopulationSummary } from '../report/population-summary.js';
import { populationCsvChunks, populationJsonChunks } from '../report/population-table.js';
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
 * printed summary. Checks the output path and the memory the cohort needs
 * before drawing anything. With `--out` the cohort is drawn, recorded and
 * written a chunk at a time (src/recording/stream.ts), so the file is bounded
 * by disk rather than memory; it goes through a temporary file, so a failure
 * leaves no partial output.
 */
export function runGenerate(ref: string, options: GenerateOptions & { chunkSize?: number }): string {
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
  const n = scenario.population.size;
  checkFits(estimateGenerate(n, options.out !== undefined, options.size !== undefined ? '--size' : 'population.size'), memoryLimit());
  const title = `${scenario.name} (seed ${scenario.seed})`;
  if (!options.out) {
    const { population, records } = simulateCohort(scenario, cohort);
    return formatPopulationSummary(summarise(population, records), title, { targetAuc: scenario.outcome.oracleAuc });
  }
  const stream = simulateInChunks(scenario, cohort, options.chunkSize ?? MEMORY.streamChunk);
  const summary = summaryAccumulator(n);
  const chunks = (function* () {
    for (const chunk of stream.chunks()) {
      summary.add(chunk.population, chunk.records);
      yield chunk;
    }
  })();
  writeFileAtomic(options.out, format === '.csv' ? populationCsvChunks(chunks) : populationJsonChunks(chunks));
  return `${formatPopulationSummary(summary.finish(stream.pTrue), title, { targetAuc: scenario.outcome.oracleAuc })}\nwrote ${n} rows to ${options.out}`;
}
