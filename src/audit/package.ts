import { METRIC_NAMES } from '../metrics/index.js';
import { csvShownText } from '../report/csv.js';
import { NUMBER_NOTES, snakeCase, type Column } from '../report/data-dictionary.js';
import { cell, columnsMarkdown, csvResource, metricsMarkdown, schemaField } from '../report/datapackage.js';
import { auditWords as w } from '../claim-messages.js';
import type { AuditEvaluation } from './evaluate.js';
import type { AuditContext } from './files.js';

/**
 * datapackage.json and README.md of an audit folder, as an experiment's
 * folder has them (src/report/datapackage.ts, from the same field and
 * resource builders): every CSV a Tabular Data Resource whose columns are
 * described here. A count below the suppression threshold is written
 * "<k" — declared as a missing value of the schema (with the empty cell,
 * which a withheld number is), so a Table Schema reader sees "withheld"
 * rather than a broken integer. Nothing of the file's rows is in either.
 */

const CHILDREN = 'children';

const count = (name: string, description: string, k: number): Column => ({ name, type: 'integer', minimum: 0, unit: CHILDREN, required: false, description: `${description}; "<${k}" when below the suppression threshold, and empty when withheld in a suppressed row so that a hidden count cannot be worked out from the others (both missing values of the schema)` });

/** The columns every audit table opens with. */
const common = (k: number): Column[] => [
  { name: 'file_sha256', type: 'string', description: 'SHA-256 of the audited file (the same in every row)' },
  { name: 'label', type: 'string', description: 'always y_recorded: an audit judges scores against the recorded outcome only; the file holds no truth' },
  { name: 'attribute', type: 'string', description: '"all" for everyone, a group column of the file (--group, --cohort), or a pair of them "a × b"' },
  { name: 'group', type: 'string', description: 'the value of the attribute ("all" for everyone), or "x × y" for a pair' },
  { name: 'operating_point', type: 'string', description: 'how children are flagged: threshold=t, topK=k, topShare=s, recall=r, precision=p (as given with --at), or "any" for brier, which needs no cut' },
  { name: 'cut_threshold', type: 'number', unit: 'score (0–1)', description: 'the score cut the operating point resolved to on everyone: children scoring at least it are flagged (INF: nobody is flagged; NaN: target not reachable, or brier)' },
  count('n', 'children in the group', k),
  count('positives', 'children in the group with the outcome on record (label 1)', k),
  count('flagged', 'children in the group flagged: tp + fp', k),
  count('tp', 'flagged and label 1', k),
  count('fp', 'flagged and label 0', k),
  count('fn', 'not flagged and label 1', k),
  count('tn', 'not flagged and label 0', k),
];

const SUPPRESSED: Column = { name: 'suppressed', type: 'boolean', description: 'true when a count of the row is below the suppression threshold: its numbers are withheld (empty)' };

/** metrics.csv and groups.csv. */
export function auditMetricColumns(k: number): Column[] {
  return [
    ...common(k),
    { name: 'metric', type: 'string', description: 'the metric (snake_case; defined in README.md)' },
    { name: 'value', type: 'number', required: false, unit: 'see metric: a share (0–1) for rates, children flagged per recorded case for flags_per_true_case, −1 to 1 for mcc', description: 'the metric against the records (NaN: not defined; empty: suppressed)' },
    { name: 'lower', type: 'number', required: false, unit: 'as the metric', description: 'lower end of the 95% Poisson-bootstrap interval (empty: suppressed, or no interval for this metric)' },
    { name: 'upper', type: 'number', required: false, unit: 'as the metric', description: 'upper end of the 95% Poisson-bootstrap interval' },
    SUPPRESSED,
  ];
}

const share = (name: string, description: string): Column => ({ name, type: 'number', required: false, unit: 'share (0–1)', description: `${description} (empty: suppressed, or the assumption is impossible here)` });

/** sensitivity.csv. */
export function sensitivityColumns(k: number): Column[] {
  const [sha, , attribute, group, op, , ...counts] = common(k);
  return [
    sha,
    op,
    { name: 'detection', type: 'string', description: 'the detection assumed: the share of true cases that ever get recorded, for everyone ("0.5") or per group ("attribute:level=d,…")' },
    { name: 'contact_share', type: 'number', minimum: 0, maximum: 1, unit: 'share (0–1)', description: 'the share of recorded cases assumed to be created by contact with services (not true cases)' },
    attribute,
    group,
    ...counts,
    { name: 'possible', type: 'boolean', required: false, description: 'false when the assumption cannot hold for the observed table (more unrecorded cases than children without a record); empty: suppressed' },
    { name: 'implied_true_cases', type: 'number', required: false, unit: CHILDREN, description: 'true cases the assumption implies' },
    share('true_base_rate', 'the true base rate the assumption implies'),
    share('true_precision_lower', 'lowest true precision consistent with the observed table'),
    share('true_precision_upper', 'highest true precision consistent with the observed table'),
    share('true_recall_lower', 'lowest true recall consistent with the observed table'),
    share('true_recall_upper', 'highest true recall consistent with the observed table'),
    SUPPRESSED,
  ];
}

/** What each file of an audit folder holds. */
export const AUDIT_FILE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'report.html': 'the report to read and to show: the banner, the answer in plain words, the results by group with intervals, and what the records cannot show; one self-contained page',
  'brief.html': 'the one-page brief: the answer, pictures of 100 children and three numbers, against the records',
  'brief.pdf': 'the brief printed on one A4 page',
  'summary.md': 'the same answer and tables as plain Markdown',
  'metrics.csv': 'everyone: one row per operating point × metric, with the counts behind it and the bootstrap interval; brier (operating point "any") last',
  'groups.csv': 'every group and every pair of groups, same columns as metrics.csv',
  'sensitivity.csv': 'what the records cannot show: for each assumed detection and contact share, the range of true precision and recall the observed table allows (bounds, not estimates)',
  'config.json': 'the resolved options: columns, operating points, suppression threshold, bootstrap, assumptions, and the file\'s SHA-256 and row counts',
  'datapackage.json': 'this data dictionary, machine-readable: a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/)',
  'manifest.json': 'how this folder was made: the time, the command line, the git commit, versions and host; the one file that differs between two identical audits',
  'README.md': 'this file',
};

/** The tables of the folder, with their columns and the values of their closed-set columns. */
function tables(e: AuditEvaluation, ctx: AuditContext) {
  const k = ctx.minCell;
  const shown = (xs: Iterable<string>) => [...new Set([...xs].map(csvShownText))];
  const ops = shown(e.rows.map((r) => r.operatingPoint));
  const enums = (path: string): Record<string, readonly (string | number | boolean)[]> => {
    const rows = path === 'metrics.csv' ? e.rows.filter((r) => r.attribute === 'all') : path === 'groups.csv' ? e.rows.filter((r) => r.attribute !== 'all') : [];
    const base = { file_sha256: [ctx.sha256], label: ['y_recorded'] };
    if (path === 'sensitivity.csv') return { file_sha256: [ctx.sha256], operating_point: ops, attribute: shown(e.sensitivity.map((s) => s.attribute)), group: shown(e.sensitivity.map((s) => s.group)) };
    return {
      ...base,
      attribute: shown(rows.map((r) => r.attribute).concat(path === 'metrics.csv' ? ['all'] : [])),
      group: shown(rows.map((r) => r.group).concat(path === 'metrics.csv' ? ['all'] : [])),
      operating_point: path === 'metrics.csv' ? [...ops, 'any'] : ops,
      metric: path === 'metrics.csv' ? [...METRIC_NAMES.map(snakeCase), 'brier'] : METRIC_NAMES.map(snakeCase),
    };
  };
  return [
    { path: 'metrics.csv', columns: auditMetricColumns(k), enums: enums('metrics.csv') },
    { path: 'groups.csv', columns: auditMetricColumns(k), enums: enums('groups.csv') },
    { path: 'sensitivity.csv', columns: sensitivityColumns(k), enums: enums('sensitivity.csv') },
  ];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** datapackage.json of an audit folder (two-space JSON, trailing newline). */
export function auditDataPackage(e: AuditEvaluation, ctx: AuditContext & { readonly label: string }): string {
  const rows = ctx.rows < ctx.minCell ? `<${ctx.minCell}` : ctx.rows.toLocaleString('en-GB');
  const pkg = {
    profile: 'tabular-data-package',
    name: 'risklab-audit',
    title: w.title(ctx.fileName),
    description: [
      w.banner(ctx.fileName, ctx.label, ctx.sha256, rows),
      `Counts below ${ctx.minCell} are written "<${ctx.minCell}" (a missing value of the schema) and every number of their row is withheld (empty); no row of the file is copied.`,
      ...NUMBER_NOTES.slice(0, 1),
    ].join(' '),
    keywords: ['risklab', 'audit', 'predictive risk models', 'children', 'recorded outcome'],
    resources: [
      ...tables(e, ctx).map((t) =>
        csvResource(t.path, `${capital(AUDIT_FILE_DESCRIPTIONS[t.path])}.`, t.columns.map((c) => schemaField(c, t.enums[c.name])), { missingValues: ['', `<${ctx.minCell}`] }),
      ),
      { name: 'config', path: 'config.json', profile: 'data-resource', title: 'config.json', description: `${capital(AUDIT_FILE_DESCRIPTIONS['config.json'])}.`, format: 'json', mediatype: 'application/json', encoding: 'utf-8' },
    ],
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}


/** README.md of an audit folder: the banner, each file, how to read the tables, every column and metric. */
export function auditReadme(e: AuditEvaluation, ctx: AuditContext & { readonly label: string }, csvRows: Readonly<Record<string, number>>): string {
  const rows = ctx.rows < ctx.minCell ? `<${ctx.minCell}` : ctx.rows.toLocaleString('en-GB');
  const files = Object.entries(AUDIT_FILE_DESCRIPTIONS).map(([path, what]) => {
    const n = csvRows[path];
    return `| \`${path}\` | ${cell(what)}${n === undefined ? '' : ` (${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'})`} |`;
  });
  const columns = tables(e, ctx).flatMap((t) => columnsMarkdown(t.path, t.columns));
  const metrics = metricsMarkdown();
  return [
    `# ${cell(w.title(ctx.fileName))}: what is in this folder`,
    '',
    `**${w.bannerLead}** ${cell(w.banner(ctx.fileName, ctx.label, ctx.sha256, rows))}`,
    '',
    '| file | what it holds |',
    '| --- | --- |',
    ...files,
    '',
    '## Reading the tables',
    '',
    `- Small cells: a count below ${ctx.minCell} (\`--min-cell\`) is written \`<${ctx.minCell}\` and every number of its row is left empty, with \`suppressed\` = true; so are the row's other counts except \`n\`, so that a hidden count cannot be worked out from them (n − tn = tp + fp + fn). This is primary suppression: a hidden count can sometimes be recovered by subtracting the other groups from the "all" row.`,
    '- Intervals (`lower`, `upper`): 95% Poisson bootstrap with the cut held where it resolved (rates), and for AUC and average precision the same replicates and seed (config.json).',
    `- \`sensitivity.csv\`: ${cell(w.caveat)}`,
    ...NUMBER_NOTES.slice(0, 1).map((n) => `- ${n}`),
    '- `datapackage.json` says all this for software: a Frictionless Data Package whose schemas declare `""` and `<k` as missing values.',
    '',
    '## Columns',
    ...columns,
    '',
    '## Metrics (all against the recorded label)',
    '',
    '| metric | definition |',
    '| --- | --- |',
    ...metrics,
    '',
  ].join('\n');
}
