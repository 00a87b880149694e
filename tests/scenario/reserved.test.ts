import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveScenario } from '../../src/scenario/index.js';
import { RESERVED_COLUMNS, UNSAFE_NAMES, isReservedAttribute, isUnsafeName } from '../../src/scenario/reserved.js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { cliMessages, RisklabError } from '../../src/messages.js';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { populationColumns } from '../../src/report/population-table.js';
import { scoresCsv } from '../../src/report/tables.js';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import type { TaskResult } from '../../src/experiment/task.js';
import { main } from '../../src/cli/main.js';
import { parseCsv } from '../experiment/helpers.js';

const groupsOf = (...attributes: string[]) =>
  attributes.map((attribute) => ({ attribute, levels: [{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }] }));

function errorOf(input: unknown): RisklabError {
  try {
    resolveScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(RisklabError);
    return e as RisklabError;
  }
  throw new Error('expected an error');
}

describe('reserved group attribute names', () => {
  const names = [...RESERVED_COLUMNS, 'true_drugs', 'rec_anything', 'true_', 'sex × ethnicity'];
  it.each(names)('%s is refused in one line naming the field and listing the reserved names', (name) => {
    const e = errorOf({ seed: 1, population: { groups: groupsOf('sex', name) } });
    expect(e.message).toBe(cliMessages.reservedAttribute('population.groups[1].attribute', name, RESERVED_COLUMNS));
    expect(e.message).toMatch(/^population\.groups\[1\]\.attribute must not be a built-in column name \(id, household, cohort, age, p_true, y_true, y_recorded, .*\), begin with true_ or rec_/);
    expect(e.field).toBe('population.groups[1].attribute');
  });

  it('ordinary names, and names that only look like reserved ones, are accepted', () => {
    for (const name of ['sex', 'ID', 'Id', 'identity', 'ages', 'truth', 'record', 'ethnicité', '日本', 'Constructor', 'if you ask', 'a,b', 'quote"d']) {
      expect(isReservedAttribute(name), name).toBe(false);
      expect(isUnsafeName(name), name).toBe(false);
      expect(resolveScenario({ seed: 1, population: { groups: groupsOf(name) } }).population.groups[0].attribute).toBe(name);
    }
  });

  it.each(UNSAFE_NAMES)('%s is refused as an attribute and as a level', (name) => {
    expect(errorOf({ seed: 1, population: { groups: groupsOf(name) } }).message).toBe(cliMessages.unsafeName('population.groups[0].attribute', name, UNSAFE_NAMES));
    const e = errorOf({ seed: 1, population: { groups: [{ attribute: 'x', levels: [{ name: 'a', share: 0.5 }, { name, share: 0.5 }] }] } });
    expect(e.message).toBe(cliMessages.unsafeName('population.groups[0].levels[1].name', name, UNSAFE_NAMES));
  });
});

describe('why UNSAFE_NAMES: the chart library cannot hold them as data', () => {
  /** A chart of the kind the report draws: a filter and a custom sort on a name. */
  async function renders(name: string): Promise<true | string> {
    const values = [{ group: name, rate: 0.1 }, { group: 'other', rate: 0.2 }];
    const spec = { data: { values }, transform: [{ filter: { field: 'group', equal: name } }], mark: 'point', encoding: { x: { field: 'rate', type: 'quantitative' }, y: { field: 'group', type: 'nominal', sort: [name, 'other'] } } };
    try {
      await new vega.View(vega.parse(vl.compile(spec as vl.TopLevelSpec).spec), { renderer: 'none' }).toSVG();
      return true;
    } catch (e) {
      return (e as Error).message;
    }
  }
  it('every unsafe name except __proto__ breaks a chart (when vega fixes this, the list can shrink); ordinary names do not', async () => {
    for (const name of UNSAFE_NAMES.filter((n) => n !== '__proto__')) expect(await renders(name), name).not.toBe(true);
    for (const name of ['female', 'if you ask', 'Constructor', 'A', 'all', '<script>', 'a"b']) expect(await renders(name), name).toBe(true);
  });
});

describe('every column risklab writes itself is reserved', () => {
  it('generate --out: every column that is not a group attribute', () => {
    const s = resolveScenario({ seed: 1, population: { size: 50, groups: groupsOf('g') } });
    const { population } = simulateCohort(s, 1);
    const fixed = populationColumns(population).filter((c) => c !== 'g');
    for (const c of fixed) expect(isReservedAttribute(c), `${c} is written by generate but not reserved in src/scenario/reserved.ts`).toBe(true);
  });

  it('scores.csv: every column that is not a group attribute', () => {
    const groups = [{ attribute: 'g', levels: ['a'], codes: new Uint8Array(1) }];
    const task = {
      task: { index: 0, cell: 0, replicate: 0 },
      scores: { ids: new Int32Array(1), cohort: 1, split: 'test', groups, yRecorded: new Uint8Array(1), yTrue: new Uint8Array(1), pTrue: new Float64Array(1), byModel: { m: new Float64Array(1) } },
    } as unknown as TaskResult;
    const result = { name: 'x', cells: [{ scenario: 's', grid: 'base', gridValue: null }] } as unknown as ExperimentResult;
    const header = [...scoresCsv(result, [task])][0].trim().split(',');
    expect(header).toContain('g');
    for (const c of header.filter((h) => h !== 'g')) expect(isReservedAttribute(c), `${c} is written to scores.csv but not reserved in src/scenario/reserved.ts`).toBe(true);
  });
});

describe('generate --out never writes a column twice or overwrites an id', () => {
  let dir: string;
  let stderr: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'risklab-reserved-'));
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const awkward = ['ID', 'Constructor', 'length', 'name', 'prototype', 'ethnicité', 'a,b', 'quote"d', 'line\nbreak'];

  it.each(['csv', 'json'])('.%s: unusual attribute names are kept as distinct columns and every id is 0..n−1', async (ext) => {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify({ seed: 3, population: { size: 200, groups: groupsOf(...awkward) } }));
    const out = join(dir, `kids.${ext}`);
    expect(await main(['generate', file, '--out', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    let header: string[];
    let rows: Record<string, unknown>[];
    if (ext === 'csv') {
      const csv = parseCsv(text);
      header = csv.header;
      rows = csv.rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j]])));
      for (const r of csv.rows) expect(r).toHaveLength(header.length);
    } else {
      rows = JSON.parse(text) as Record<string, unknown>[];
      header = Object.keys(rows[0]);
      for (const r of rows) expect(Object.keys(r)).toEqual(header);
    }
    expect(new Set(header).size).toBe(header.length);
    for (const a of awkward) expect(header).toContain(a);
    expect(rows.map((r) => Number(r.id))).toEqual([...Array(200).keys()]);
    for (const r of rows) expect(['a', 'b']).toContain(r.prototype);
  });

  it.each(['id', 'p_true', 'true_drugs', 'all'])('a scenario whose group attribute is %s: exit 2, one line, nothing written', async (name) => {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify({ seed: 3, population: { size: 200, groups: groupsOf('sex', name) } }));
    const out = join(dir, 'kids.csv');
    expect(await main(['generate', file, '--out', out])).toBe(2);
    expect(stderr).toBe(`risklab: ${cliMessages.reservedAttribute('population.groups[1].attribute', name, RESERVED_COLUMNS)}\n`);
    expect(existsSync(out)).toBe(false);
  });
});
