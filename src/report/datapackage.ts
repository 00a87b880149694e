import type { ExperimentResult } from '../experiment/aggregate.js';
import { DEFAULT_MIN_COUNT } from '../metrics/suppression.js';
import { slug } from './escape.js';
import { FILE_DESCRIPTIONS, GROUP_METRICS, METRIC_DEFINITIONS, NUMBER_NOTES, snakeCase, type Column } from './data-dictionary.js';

/**
 * datapackage.json and README.md of a results folder, from the data
 * dictionary (src/report/data-dictionary.ts): pure, result and tables in,
 * text out.
 *
 * datapackage.json is a Frictionless Tabular Data Package
 * (https://specs.frictionlessdata.io/tabular-data-package/): every CSV is a
 * `tabular-data-resource` with its CSV dialect and Table Schema — every
 * field's name, type, description, unit (a risklab extension: `unit`),
 * `required` and `enum`/`minimum`/`maximum` constraints, and the schema's
 * missing-value marker (the empty cell). NaN, INF and -INF are number
 * values of the Table Schema, not missing values. config.json is a plain
 * (JSON) resource. Nothing in it depends on the clock or the machine, so
 * it is byte-identical between two runs of one config and seed.
 *
 * @example
 * const json = dataPackage(result, [{ path: 'metrics.csv', columns: METRICS_COLUMNS, rows: 4160 }], { minCount: 10 });
 */

/** One CSV of the folder, as the folder writes it. */
export interface TableFile {
  /** File name in the folder, e.g. "metrics.csv". */
  readonly path: keyof typeof FILE_DESCRIPTIONS;
  readonly columns: readonly Column[];
  /** Data rows (without the header). */
  readonly rows: number;
  /** The primary key (columns whose values identify a row), when the table has one. */
  readonly primaryKey?: readonly string[];
  /** Why the table has no rows (said when `rows` is 0). */
  readonly emptyBecause?: string;
}

/** Options shared by the package and the README. */
export interface DataPackageOptions {
  /** The experiment's minCount (small-number suppression); default 10. */
  readonly minCount?: number;
}

/** A Table Schema field descriptor of a column, with this result's allowed values. */
function field(result: ExperimentResult, c: Column): Record<string, unknown> {
  return schemaField(c, c.values?.(result));
}

/** A Table Schema field descriptor of a column, given its allowed values (Table Schema `enum`; none: undefined). */
export function schemaField(c: Column, values: readonly (string | number | boolean)[] | undefined): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (c.required !== false) constraints.required = true;
  if (values && values.length) constraints.enum = [...values];
  if (c.minimum !== undefined) constraints.minimum = c.minimum;
  if (c.maximum !== undefined) constraints.maximum = c.maximum;
  return {
    name: c.name,
    type: c.type,
    description: c.description,
    ...(c.unit ? { unit: c.unit } : {}),
    ...(c.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

/**
 * A CSV file as a Tabular Data Resource (our dialect: comma, double quotes,
 * "\n", a header row), with its fields and missing-value markers
 * (default the empty cell).
 */
export function csvResource(path: string, description: string, fields: readonly Record<string, unknown>[], options: { primaryKey?: readonly string[]; missingValues?: readonly string[] } = {}): Record<string, unknown> {
  return {
    name: resourceName(path),
    path,
    profile: 'tabular-data-resource',
    title: path,
    description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', doubleQuote: true, quoteChar: '"', lineTerminator: '\n', header: true, skipInitialSpace: false },
    schema: {
      fields: [...fields],
      missingValues: [...(options.missingValues ?? [''])],
      ...(options.primaryKey ? { primaryKey: [...options.primaryKey] } : {}),
    },
  };
}

/** The resource name of a file: its name without extension, lower case ("equal-risk"). */
const resourceName = (path: string) => path.replace(/\.[a-z]+$/, '');

/** A resource's description: what the file holds, and why it is empty when it is. */
function tableDescription(t: TableFile): string {
  const empty = t.rows === 0 && t.emptyBecause ? ` This table has a header and no rows: ${t.emptyBecause}.` : '';
  return `${capital(FILE_DESCRIPTIONS[t.path])}.${empty}`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** datapackage.json text (two-space JSON, trailing newline). */
export function dataPackage(result: ExperimentResult, tables: readonly TableFile[], options: DataPackageOptions = {}): string {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const pkg = {
    profile: 'tabular-data-package',
    name: `risklab-${slug(result.name) || 'experiment'}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    title: result.question,
    description: [
      `Results of the risklab experiment "${result.name}" (seed ${String(result.seed)}, config hash ${result.configHash}${result.quick ? ', a quick run: smaller populations and fewer replicates' : ''}).`,
      'The children are synthetic: every number comes from a simulation in which the truth about each child is known, not from any council\'s or police force\'s data.',
      'Every number is reported twice: against the records (label y_recorded) and against the truth (label y_true).',
      `Rates resting on fewer than ${minCount} children are flagged in the suppressed column (the reports do not print them); the counts stay in the tables.`,
      ...NUMBER_NOTES,
    ].join(' '),
    keywords: ['risklab', 'predictive risk models', 'children', 'synthetic data', 'records versus truth'],
    sources: result.sources.map((title) => ({ title })),
    resources: [
      ...tables.map((t) => csvResource(t.path, tableDescription(t), t.columns.map((c) => field(result, c)), { primaryKey: t.primaryKey })),
      { name: 'config', path: 'config.json', profile: 'data-resource', title: 'config.json', description: `${capital(FILE_DESCRIPTIONS['config.json'])}.`, format: 'json', mediatype: 'application/json', encoding: 'utf-8' },
    ],
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** A Markdown table cell: pipes escaped, line breaks as spaces. */
export const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** A README's section on one CSV: its heading and a table of its columns (name, type, unit, meaning). */
export function columnsMarkdown(path: string, columns: readonly Column[]): string[] {
  return [
    '',
    `### ${path}`,
    '',
    '| column | type | unit | meaning |',
    '| --- | --- | --- | --- |',
    ...columns.map((c) => `| \`${cell(c.name)}\` | ${c.type} | ${cell(c.unit ?? '')} | ${cell(c.description)}${c.required === false ? ' (may be empty)' : ''} |`),
  ];
}

/** The rows of a README's metrics table: each metric (file name) and its definition. */
export function metricsMarkdown(): string[] {
  return Object.entries(METRIC_DEFINITIONS).map(([name, definition]) => `| \`${name}\` | ${cell(definition)} |`);
}

/** The folder's own README.md: what each file is, how to read the tables, and every column. */
export function folderReadme(result: ExperimentResult, tables: readonly TableFile[], chartCount: number, options: DataPackageOptions & { version: string; saveScores?: boolean }): string {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const rows = new Map(tables.map((t) => [t.path, t]));
  const fileRow = (path: keyof typeof FILE_DESCRIPTIONS, name: string = path) => {
    const t = rows.get(path);
    const size = t ? ` (${t.rows.toLocaleString('en-GB')} ${t.rows === 1 ? 'row' : 'rows'}${t.rows === 0 && t.emptyBecause ? `: empty because ${t.emptyBecause}` : ''})` : '';
    return `| \`${cell(name)}\` | ${cell(FILE_DESCRIPTIONS[path])}${cell(size)} |`;
  };
  const files: string[] = ['report.html', 'summary.md', ...tables.map((t) => t.path), 'config.json', 'datapackage.json', 'manifest.json', 'README.md'].map((p) =>
    fileRow(p as keyof typeof FILE_DESCRIPTIONS),
  );
  if (chartCount) files.splice(2, 0, fileRow('charts', `charts/ (${chartCount} SVG files)`));
  // Every run writes the deck (src/io/slides.ts), after this README is made: listed after the report.
  files.splice(1, 0, fileRow('slides.pptx'), fileRow('slides', 'slides/ (PNG files)'));
  const columns = tables.flatMap((t) => columnsMarkdown(t.path, t.columns));
  const metrics = metricsMarkdown();
  const empty = tables.filter((t) => t.rows === 0 && t.emptyBecause).map((t) => `- \`${t.path}\` has a header and no rows: ${t.emptyBecause}.`);
  return [
    `# ${result.name}: what is in this folder`,
    '',
    cell(result.question),
    '',
    "The children are synthetic: every number here comes from a simulation in which the truth about each child is known, not from any council's or police force's data.",
    `Seed ${String(result.seed)}, config hash \`${result.configHash}\`, risklab ${options.version}${result.quick ? '; a quick run (smaller populations, fewer replicates): not the reference results' : ''}.`,
    '',
    '| file | what it holds |',
    '| --- | --- |',
    ...files,
    '',
    '## Reading the tables',
    '',
    '- Every number is reported twice: `label` `y_recorded` is the model judged against the records (what agencies wrote down, and what the model was trained on); `y_true` is the model judged against the truth (what actually happened, known only in simulation). The gap between the two is the point of the lab.',
    `- Small numbers: a rate resting on fewer than ${minCount} children (the experiment's \`minCount\`) is flagged \`suppressed\` = true, with the reason in \`suppressed_reason\`; the reports do not print it. The value and its counts stay in the file for research.`,
    `- \`metrics.csv\` keeps every metric for everyone (\`attribute\` = all) but, for a group or an intersection, only ${GROUP_METRICS.map((m) => `\`${snakeCase(m)}\``).join(', ')}: every other rate of a group is recomputable from the counts on its rows (\`tp\`, \`fp\`, \`fn\`, \`tn\`; e.g. specificity = tn / (fp + tn)). This keeps the file of a large run to a few MB.`,
    ...NUMBER_NOTES.map((n) => `- ${n}`),
    '- `datapackage.json` says all this for software: a Frictionless Data Package, which Frictionless tools read and validate (the risklab tests check every file against it by the Table Schema rules). `unit` is a risklab addition to the Table Schema field.',
    ...(empty.length ? ['', '## Empty tables', '', ...empty] : []),
    '',
    '## Columns',
    ...columns,
    '',
    '## Metrics',
    '',
    '| metric | definition |',
    '| --- | --- |',
    ...metrics,
    '',
  ].join('\n');
}
