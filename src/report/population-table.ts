import type { Population } from '../population/types.js';
import type { Records } from '../recording/types.js';
import { csvCell, csvLine } from './csv.js';

/**
 * Columns of `risklab generate` output, one row per child:
 * `id`, `household`, `cohort`, one column per group attribute (its level),
 * `age`, `true_<circumstance>` for each circumstance, `rec_<circumstance>`
 * for each circumstance, `p_true`, `y_true`, `y_recorded`.
 */
export function populationColumns(population: Population): string[] {
  const columns = [
    'id',
    'household',
    'cohort',
    ...population.groups.map((g) => g.attribute),
    'age',
    ...population.circumstances.map((c) => `true_${c.name}`),
    ...population.circumstances.map((c) => `rec_${c.name}`),
    'p_true',
    'y_true',
    'y_recorded',
  ];
  // Scenario validation reserves these names (src/scenario/reserved.ts); a duplicate here is a bug.
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new Error(`generate: column ${JSON.stringify(dup)} would be written twice`);
  return columns;
}

function rowValues(population: Population, records: Records, i: number): (string | number)[] {
  return [
    population.ids[i],
    population.household[i],
    population.cohort,
    ...population.groups.map((g) => g.levels[g.codes[i]]),
    population.age[i],
    ...population.truth.map((t) => t[i]),
    ...records.recorded.map((r) => r[i]),
    population.pTrue[i],
    population.yTrue[i],
    records.yRecorded[i],
  ];
}

/** The population and its records as CSV text, in chunks of rows. */
export function* populationCsv(population: Population, records: Records): Generator<string> {
  yield csvLine(populationColumns(population));
  const chunk: string[] = [];
  for (let i = 0; i < population.size; i++) {
    chunk.push(rowValues(population, records, i).map(csvCell).join(','));
    if (chunk.length === 5000) {
      yield `${chunk.join('\n')}\n`;
      chunk.length = 0;
    }
  }
  if (chunk.length) yield `${chunk.join('\n')}\n`;
}

/** The same rows as a JSON array of objects keyed by column name (written key by key, so no name can act as anything but a key). */
export function* populationJson(population: Population, records: Records): Generator<string> {
  const keys = populationColumns(population).map((c) => `${JSON.stringify(c)}:`);
  yield '[\n';
  for (let i = 0; i < population.size; i++) {
    const values = rowValues(population, records, i);
    yield `{${keys.map((k, j) => k + JSON.stringify(values[j])).join(',')}}${i + 1 < population.size ? ',' : ''}\n`;
  }
  yield ']\n';
}
