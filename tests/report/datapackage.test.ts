import { describe, expect, it } from 'vitest';
import { LIST_METRIC_NAMES } from '../../src/experiment/list/metrics.js';
import { snakeCase } from '../../src/report/data-dictionary.js';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { csvNumber } from '../../src/report/csv.js';
import { METRICS_COLUMNS } from '../../src/report/data-dictionary.js';
import { dataPackage, folderReadme } from '../../src/report/datapackage.js';
import { tableFiles } from '../../src/report/folder.js';
import { equalRiskCsv, groupsCsv, metricsCsv, sweepCsv } from '../../src/report/tables.js';
import { parseCsv } from '../experiment/helpers.js';
import { hostileResult, tinyResult } from './fixture.js';
import { validateDataPackage } from './table-schema.js';

const join = (g: Iterable<string>) => [...g].join('');

/** The CSVs of a folder, its datapackage.json and README.md, for a result. */
function folder(result: ExperimentResult, groups: readonly string[] = ['sex', 'deprivation'], minCount = 10) {
  const files: Record<string, string> = {
    'metrics.csv': join(metricsCsv(result, { minCount })),
    'groups.csv': join(groupsCsv(result, {}, { minCount })),
    'sweep.csv': join(sweepCsv(result)),
    'equal-risk.csv': join(equalRiskCsv(result)),
    'config.json': '{}\n',
  };
  const tables = tableFiles(files, { groups });
  files['datapackage.json'] = dataPackage(result, tables, { minCount });
  files['README.md'] = folderReadme(result, tables, 3, { minCount, version: 'test' });
  return files;
}

describe('datapackage.json (Frictionless Tabular Data Package)', () => {
  it('is valid for the tiny result: every CSV a resource, every column described, every value of its type and allowed', () => {
    const files = folder(tinyResult());
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
    const pkg = JSON.parse(files['datapackage.json']);
    expect(pkg.resources.map((r: { path: string }) => r.path)).toEqual(['metrics.csv', 'groups.csv', 'sweep.csv', 'equal-risk.csv', 'config.json']);
    const metrics = pkg.resources[0].schema;
    expect(metrics.missingValues).toEqual(['']);
    const field = (name: string) => metrics.fields.find((f: { name: string }) => f.name === name);
    expect(field('label').constraints.enum).toEqual(['y_recorded', 'y_true']);
    expect(field('grid_variable').constraints.enum).toEqual([tinyResult().gridLabel]);
    expect(field('tp').unit).toBe('children');
    expect(field('cut_tie_row_limit').type).toBe('number');
  });

  it('is valid for the hostile result (names that need quoting or the apostrophe guard)', () => {
    const result = hostileResult({ group: '=cmd|" /C calc"!A0', model: 'a, "b"' });
    const files = folder(result);
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
  });

  it('says why an empty table is empty (no group attributes)', () => {
    const r = tinyResult();
    const files = folder({ ...r, equalRisk: [] }, []);
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
    const pkg = JSON.parse(files['datapackage.json']);
    const equalRisk = pkg.resources.find((x: { name: string }) => x.name === 'equal-risk');
    expect(equalRisk.description).toMatch(/header and no rows: the experiment declares no group attributes/);
    expect(files['README.md']).toMatch(/`equal-risk.csv` has a header and no rows: the experiment declares no group attributes/);
  });

  it('is byte-identical for one result (no clock, no host)', () => {
    expect(folder(tinyResult())['datapackage.json']).toBe(folder(tinyResult())['datapackage.json']);
  });
});

describe('the validator catches what it must (each check fails on a broken folder)', () => {
  const good = () => folder(tinyResult());
  const pkgOf = (files: Record<string, string>) => JSON.parse(files['datapackage.json']);
  const withPkg = (files: Record<string, string>, pkg: unknown) => ({ ...files, 'datapackage.json': JSON.stringify(pkg) });

  it('an undescribed column', () => {
    const files = good();
    const pkg = pkgOf(files);
    pkg.resources[0].schema.fields[3].description = '';
    expect(validateDataPackage(JSON.stringify(pkg), files).join('\n')).toMatch(/field grid_variable is not described/);
  });

  it('a column the schema does not list', () => {
    const files = good();
    const pkg = pkgOf(files);
    pkg.resources[0].schema.fields.pop();
    expect(validateDataPackage(JSON.stringify(pkg), files).join('\n')).toMatch(/not described: suppressed_reason/);
  });

  it('a value of the wrong type, "Infinity" included (the Table Schema says INF)', () => {
    const files = good();
    const bad = { ...files, 'metrics.csv': files['metrics.csv'].replace(',INF,', ',Infinity,') };
    expect(validateDataPackage(files['datapackage.json'], bad).join('\n')).toMatch(/cut_tie_row_limit = "Infinity" is not a number/);
    const word = { ...files, 'metrics.csv': files['metrics.csv'].replace(/,false,/, ',no,') };
    expect(validateDataPackage(files['datapackage.json'], word).join('\n')).toMatch(/baseline = "no" is not a boolean/);
  });

  it('a value outside the enum, an empty required cell, a repeated key, a CSV without a resource', () => {
    const files = good();
    const lines = files['metrics.csv'].split('\n');
    const bad = { ...files, 'metrics.csv': [lines[0], lines[1].replace('y_recorded', 'y'), lines[1].replace(/^tiny-report/, ''), lines[1], lines[1], ''].join('\n') };
    const errors = validateDataPackage(files['datapackage.json'], bad).join('\n');
    expect(errors).toMatch(/label = "y" is not one of the allowed values/);
    expect(errors).toMatch(/experiment is required but empty/);
    expect(errors).toMatch(/repeats the primary key/);
    expect(validateDataPackage(files['datapackage.json'], { ...files, 'extra.csv': 'a\n1\n' }).join('\n')).toMatch(/extra.csv is not a tabular resource/);
    const pkg = pkgOf(files);
    pkg.name = 'Not Valid';
    expect(validateDataPackage(JSON.stringify(withPkg(files, pkg)['datapackage.json']), files).join('\n')).toMatch(/package name/);
  });
});

describe('the tables the dictionary describes', () => {
  it('label columns say y_recorded / y_true; grid_variable names what the grid varies', () => {
    const result = tinyResult();
    const m = parseCsv(join(metricsCsv(result)));
    expect(m.header).toEqual(METRICS_COLUMNS.map((c) => c.name));
    const col = (name: string) => m.rows.map((r) => r[m.header.indexOf(name)]);
    expect(new Set(col('label'))).toEqual(new Set(['y_recorded', 'y_true']));
    expect(new Set(col('grid_variable'))).toEqual(new Set([result.gridLabel]));
    expect(new Set(col('grid_value'))).toEqual(new Set(result.cells.map((c) => String(c.gridValue))));
  });

  it("a group's rows carry only the groups.csv metrics; everyone's rows every metric", () => {
    const result = tinyResult();
    const m = parseCsv(join(metricsCsv(result)));
    const [attribute, metric] = ['attribute', 'metric'].map((c) => m.header.indexOf(c));
    // The list stage's own metrics (src/experiment/list/metrics.ts) are by group too: they are the list's counts by group.
    const listMetrics = new Set(LIST_METRIC_NAMES.map(snakeCase));
    const groupMetrics = new Set(m.rows.filter((r) => r[attribute] !== 'all' && !listMetrics.has(r[metric])).map((r) => r[metric]));
    expect([...groupMetrics].sort()).toEqual(['auc', 'average_precision', 'flags_per_true_case', 'fnr', 'fpr', 'precision', 'prevalence', 'recall', 'selection_rate']);
    const everyone = new Set(m.rows.filter((r) => r[attribute] === 'all').map((r) => r[metric]));
    expect(everyone.has('specificity') && everyone.has('mcc') && everyone.has('brier')).toBe(true);
  });

  it('flags a rate with fewer than minCount children behind it, with the reason; the counts stay', () => {
    const result = tinyResult();
    const m = parseCsv(join(metricsCsv(result, { minCount: 10 })));
    const at = (name: string) => m.header.indexOf(name);
    for (const r of m.rows) {
      if (r[at('metric')] !== 'precision') continue;
      const flagged = csvNumber(r[at('flagged')]);
      if (!Number.isFinite(flagged)) continue;
      expect(r[at('suppressed')], r.join(',')).toBe(flagged < 10 ? 'true' : 'false');
      if (flagged === 0) expect(r[at('suppressed_reason')]).toMatch(/^not defined/);
      else if (flagged < 10) expect(r[at('suppressed_reason')]).toMatch(/^suppressed: only \d children? flagged/);
      else expect(r[at('suppressed_reason')]).toBe('');
    }
    // A higher threshold suppresses more; the values are unchanged.
    const strict = parseCsv(join(metricsCsv(result, { minCount: 1000 })));
    expect(strict.rows.filter((r) => r[at('suppressed')] === 'true').length).toBeGreaterThan(m.rows.filter((r) => r[at('suppressed')] === 'true').length);
    expect(strict.rows.map((r) => r[at('value')])).toEqual(m.rows.map((r) => r[at('value')]));
  });
});
