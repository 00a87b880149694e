import { parse } from 'csv-parse/sync';

/**
 * A small validator of a Frictionless Tabular Data Package against the files
 * it describes, written from the specifications (no maintained pure-JS
 * validator exists: the `tableschema` / `datapackage` npm packages were last
 * released in 2020–21 and reject the spec's own NaN):
 *
 * - Data Package (https://specs.frictionlessdata.io/data-package/): `name`
 *   lower-case alphanumerics, `.`, `-`, `_`; `resources` a non-empty array of
 *   objects with unique names of the same form and a `path`.
 * - Tabular Data Resource (https://specs.frictionlessdata.io/tabular-data-resource/):
 *   `profile: "tabular-data-resource"`, a `schema`; CSV with a header row
 *   whose names are the schema's field names, in order.
 * - Table Schema (https://specs.frictionlessdata.io/table-schema/): every
 *   field has a unique `name` and a known `type`; a cell equal to one of
 *   `missingValues` (default [""]) is null, an error when the field is
 *   `required`; otherwise it must cast to the type — `number`: an optional
 *   sign, decimal digits with an optional point, an optional exponent (an E,
 *   an optional sign, digits), or NaN, INF, -INF in any case; `integer`: an
 *   optional sign and digits; `boolean`: one of `trueValues` / `falseValues`
 *   (defaults true/True/TRUE/1, false/False/FALSE/0); `string`: anything —
 *   and meet `enum`, `minimum`, `maximum`; `primaryKey` fields exist and
 *   their values are unique across rows.
 *
 * Our own rules on top (issue 10 §8): every field has a non-empty
 * `description`, and every CSV in the folder is a resource.
 *
 * Returns the problems found (an empty list when valid), at most `limit`.
 */
export function validateDataPackage(descriptorText: string, files: Readonly<Record<string, string>>, limit = 20): string[] {
  const errors: string[] = [];
  const fail = (message: string) => {
    if (errors.length < limit) errors.push(message);
  };
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(descriptorText) as Record<string, unknown>;
  } catch (e) {
    return [`datapackage.json is not JSON: ${(e as Error).message}`];
  }
  const NAME = /^[a-z0-9._-]+$/;
  if (typeof pkg.name !== 'string' || !NAME.test(pkg.name)) fail(`package name ${JSON.stringify(pkg.name)} is not lower-case alphanumerics, ".", "-", "_"`);
  if (pkg.profile !== 'tabular-data-package') fail(`package profile is ${JSON.stringify(pkg.profile)}, not "tabular-data-package"`);
  const resources = pkg.resources;
  if (!Array.isArray(resources) || resources.length === 0) return [...errors, 'resources must be a non-empty array'];
  const names = new Set<string>();
  for (const r of resources as Record<string, unknown>[]) {
    const where = `resource ${JSON.stringify(r.name)}`;
    if (typeof r.name !== 'string' || !NAME.test(r.name)) fail(`${where}: name must be lower-case alphanumerics, ".", "-", "_"`);
    else if (names.has(r.name)) fail(`${where}: name is not unique`);
    names.add(String(r.name));
    if (typeof r.path !== 'string' || !(r.path in files)) {
      fail(`${where}: path ${JSON.stringify(r.path)} is not a file of the folder`);
      continue;
    }
    if (r.profile === 'tabular-data-resource') validateTable(where, r, files[r.path], fail);
  }
  const described = new Set((resources as Record<string, unknown>[]).filter((r) => r.profile === 'tabular-data-resource').map((r) => r.path));
  for (const path of Object.keys(files)) if (path.endsWith('.csv') && !described.has(path)) fail(`${path} is not a tabular resource of the package`);
  return errors;
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(E[+-]?\d+)?$/;
const SPECIAL = /^(nan|inf|-inf)$/i;
const INTEGER = /^[+-]?\d+$/;

interface Field {
  name: string;
  type: string;
  description?: unknown;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; enum?: unknown[]; minimum?: number; maximum?: number };
}

/** A cell cast to its field's type, or undefined when it does not cast. */
function cast(field: Field, text: string): number | string | boolean | undefined {
  switch (field.type) {
    case 'number':
      if (SPECIAL.test(text)) return text.toLowerCase() === 'nan' ? NaN : text.startsWith('-') ? -Infinity : Infinity;
      return NUMBER.test(text) ? Number(text) : undefined;
    case 'integer':
      return INTEGER.test(text) ? Number(text) : undefined;
    case 'boolean': {
      const t = field.trueValues ?? ['true', 'True', 'TRUE', '1'];
      const f = field.falseValues ?? ['false', 'False', 'FALSE', '0'];
      return t.includes(text) ? true : f.includes(text) ? false : undefined;
    }
    case 'string':
    case 'any':
      return text;
    default:
      return undefined;
  }
}

function validateTable(where: string, r: Record<string, unknown>, text: string, fail: (m: string) => void): void {
  const schema = r.schema as { fields?: Field[]; missingValues?: string[]; primaryKey?: string | string[] } | undefined;
  if (!schema || !Array.isArray(schema.fields) || schema.fields.length === 0) return fail(`${where}: no schema.fields`);
  const fields = schema.fields;
  const seen = new Set<string>();
  for (const f of fields) {
    if (typeof f.name !== 'string' || f.name === '') fail(`${where}: a field has no name`);
    if (seen.has(f.name)) fail(`${where}: field ${f.name} is not unique`);
    seen.add(f.name);
    if (!TYPES.has(f.type)) fail(`${where}: field ${f.name} has unknown type ${JSON.stringify(f.type)}`);
    if (typeof f.description !== 'string' || f.description.trim() === '') fail(`${where}: field ${f.name} is not described`);
  }
  const missing = schema.missingValues ?? [''];
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  const header = rows[0] ?? [];
  if (header.join('\u0000') !== fields.map((f) => f.name).join('\u0000')) {
    const extra = header.filter((h) => !seen.has(h));
    return fail(`${where}: header [${header.join(', ')}] is not the fields [${fields.map((f) => f.name).join(', ')}]${extra.length ? `; not described: ${extra.join(', ')}` : ''}`);
  }
  const keys = typeof schema.primaryKey === 'string' ? [schema.primaryKey] : (schema.primaryKey ?? []);
  for (const k of keys) if (!seen.has(k)) fail(`${where}: primaryKey field ${k} is not a field`);
  const keyIndex = keys.map((k) => header.indexOf(k));
  const keySeen = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (row.length !== fields.length) {
      fail(`${where}: row ${i} has ${row.length} cells, not ${fields.length}`);
      continue;
    }
    row.forEach((cell, j) => {
      const f = fields[j];
      const c = f.constraints ?? {};
      if (missing.includes(cell)) {
        if (c.required) fail(`${where}: row ${i}, ${f.name} is required but empty`);
        return;
      }
      const value = cast(f, cell);
      if (value === undefined) return fail(`${where}: row ${i}, ${f.name} = ${JSON.stringify(cell)} is not a ${f.type}`);
      if (c.enum && !c.enum.some((e) => e === value || (typeof e === 'number' && typeof value === 'number' && Object.is(e, value)))) {
        fail(`${where}: row ${i}, ${f.name} = ${JSON.stringify(cell)} is not one of the allowed values`);
      }
      if (typeof value === 'number' && !Number.isNaN(value)) {
        if (c.minimum !== undefined && value < c.minimum) fail(`${where}: row ${i}, ${f.name} = ${cell} is below the minimum ${c.minimum}`);
        if (c.maximum !== undefined && value > c.maximum) fail(`${where}: row ${i}, ${f.name} = ${cell} is above the maximum ${c.maximum}`);
      }
    });
    if (keyIndex.length) {
      const key = keyIndex.map((j) => row[j]).join('\u0000');
      if (keySeen.has(key)) fail(`${where}: row ${i} repeats the primary key ${keys.map((k, n) => `${k}=${row[keyIndex[n]]}`).join(', ')}`);
      keySeen.add(key);
    }
  }
}
