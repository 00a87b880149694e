/**
 * Names a scenario's group attribute may not take, because risklab writes a
 * column (or uses a key) of that name itself. A group attribute becomes a
 * column of `risklab generate --out` (src/report/population-table.ts) and of
 * scores.csv (src/report/tables.ts, `scoresCsv`), and a key of every JSON row;
 * an attribute called `id` would give a CSV with two `id` columns and a JSON
 * file in which every child's id is overwritten by their group.
 *
 * - the fixed columns of `generate --out`: id, household, cohort, age,
 *   p_true, y_true, y_recorded, and true_<circumstance> / rec_<circumstance>
 *   (so every name beginning true_ or rec_);
 * - the fixed columns of scores.csv: experiment, scenario, grid, grid_value,
 *   replicate, split, model, score (and id, cohort, y_recorded, y_true), and
 *   grid_variable;
 * - `all`, which result tables use as the attribute (and group) of everyone;
 * - names containing " × ", which result tables use to name an intersection
 *   of two attributes ("sex × ethnicity");
 * - and, for attributes and levels alike, the names in `UNSAFE_NAMES`
 *   (`__proto__`, `constructor`, `if`, …).
 *
 * tests/scenario/reserved.test.ts checks that every fixed column both files
 * write is in this list, so a new column cannot be added without reserving it.
 */
export const RESERVED_COLUMNS = [
  'id',
  'household',
  'cohort',
  'age',
  'p_true',
  'y_true',
  'y_recorded',
  'experiment',
  'scenario',
  'grid',
  'grid_variable',
  'grid_value',
  'replicate',
  'split',
  'model',
  'score',
  'all',
] as const;

/** Prefixes of the per-circumstance columns (`true_<name>`, `rec_<name>`). */
export const RESERVED_PREFIXES = ['true_', 'rec_'] as const;

/** The separator of an intersection's name in result tables. */
export const INTERSECTION_SEPARATOR = ' × ';

/**
 * True when `name` cannot be a group attribute (see `RESERVED_COLUMNS`).
 *
 * @example
 * isReservedAttribute('id');          // true
 * isReservedAttribute('true_drugs');  // true
 * isReservedAttribute('deprivation'); // false
 */
export function isReservedAttribute(name: string): boolean {
  return (
    (RESERVED_COLUMNS as readonly string[]).includes(name) ||
    RESERVED_PREFIXES.some((p) => name.startsWith(p)) ||
    name.includes(INTERSECTION_SEPARATOR)
  );
}

/**
 * Names no group attribute or level may take, because the chart library
 * cannot hold them as data: Vega looks string constants in its expressions up
 * in plain objects, so a level called `constructor` (or any other member of
 * `Object.prototype`) fails with "Operator not defined", and one called `if`
 * with "Unrecognized signal name" (vega 6.4, vega-lite 6.4; checked by
 * tests/scenario/reserved.test.ts, which renders a chart with each name and
 * with ordinary ones). `__proto__` cannot be a key of an object at all.
 */
export const UNSAFE_NAMES: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), 'if'].sort();

/** True when `name` cannot be an attribute or level name (see `UNSAFE_NAMES`). */
export function isUnsafeName(name: string): boolean {
  return UNSAFE_NAMES.includes(name);
}
