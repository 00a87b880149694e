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

/** A cohort (or successive chunks of one, in order) with its records. */
export type PopulationChunks = Iterable<{ population: Population; records: Records }>;

/** Small whole numbers (ids excepted) as text, once: most cells are 0, 1 or a small count. */
const SMALL = Array.from({ length: 256 }, (_, i) => String(i));

/**
 * Row i of a chunk as cell texts (CSV-escaped when `csv`), in
 * `populationColumns` order. Group levels are escaped once per level.
 */
function rowCells(population: Population, records: Records, levels: readonly string[][], i: number): string[] {
  const cells: string[] = [String(population.ids[i]), String(population.household[i]), String(population.cohort)];
  population.groups.forEach((g, j) => cells.push(levels[j][g.codes[i]]));
  cells.push(SMALL[population.age[i]]);
  for (const t of population.truth) cells.push(SMALL[t[i]]);
  for (const r of records.recorded) cells.push(SMALL[r[i]]);
  cells.push(csvCell(population.pTrue[i]), SMALL[population.yTrue[i]], SMALL[records.yRecorded[i]]);
  return cells;
}

/** The population and its records as CSV text, in chunks of rows. */
export function populationCsv(population: Population, records: Records): Generator<string> {
  return populationCsvChunks([{ population, records }]);
}

/**
 * CSV text of successive chunks of a cohort, one text per 5,000 rows at most:
 * the header from the first chunk, then every child's row. The output is the
 * same whatever the chunks.
 */
export function* populationCsvChunks(chunks: PopulationChunks): Generator<string> {
  let levels: string[][] | undefined;
  for (const { population, records } of chunks) {
    if (!levels) {
      yield csvLine(populationColumns(population));
      levels = population.groups.map((g) => g.levels.map(csvCell));
    }
    const lines: string[] = [];
    for (let i = 0; i < population.size; i++) {
      lines.push(rowCells(population, records, levels, i).join(','));
      if (lines.length === 5000) {
        yield `${lines.join('\n')}\n`;
        lines.length = 0;
      }
    }
    if (lines.length) yield `${lines.join('\n')}\n`;
  }
}

/** The same rows as a JSON array of objects keyed by column name. */
export function populationJson(population: Population, records: Records): Generator<string> {
  return populationJsonChunks([{ population, records }]);
}

/**
 * JSON rows of successive chunks of a cohort: `[`, one object per line
 * separated by commas, `]` — the same whatever the chunks.
 */
export function* populationJsonChunks(chunks: PopulationChunks): Generator<string> {
  let keys: string[] | undefined;
  let levels: string[][] | undefined;
  let rows = 0;
  for (const { population, records } of chunks) {
    if (!keys) {
      keys = populationColumns(population).map((c) => JSON.stringify(c));
      levels = population.groups.map((g) => g.levels.map((l) => JSON.stringify(l)));
    }
    const lines: string[] = [];
    for (let i = 0; i < population.size; i++) {
      const cells = rowCells(population, records, levels!, i);
      // Numbers are written as JSON numbers; pTrue (finite, in (0, 1)) prints as in CSV.
      const parts = cells.map((cell, j) => `${keys![j]}:${cell}`);
      lines.push(`${rows++ === 0 ? '[\n' : ',\n'}{${parts.join(',')}}`);
      if (lines.length === 5000) {
        yield lines.join('');
        lines.length = 0;
      }
    }
    if (lines.length) yield lines.join('');
  }
  yield rows === 0 ? '[\n]\n' : '\n]\n';
}
