import type { ExperimentResult } from '../experiment/aggregate.js';
import type { ResolvedExperiment } from '../experiment/resolve.js';
import type { TaskResult } from '../experiment/task.js';
import { DEFAULT_MIN_COUNT } from '../metrics/suppression.js';
import { METRIC_NAMES } from '../metrics/index.js';
import { canonicalJson } from '../scenario/index.js';
import { equalRiskCsv, groupsCsv, metricsCsv, scoreAttributes, scoresCsv, sweepCsv } from './tables.js';
import { EMPTY_TABLE_REASONS, EQUAL_RISK_COLUMNS, GROUPS_COLUMNS, SWEEP_COLUMNS, metricsColumnsOf, scoresColumns, type Column } from './data-dictionary.js';
import { dataPackage, folderReadme, type TableFile } from './datapackage.js';
import { summaryMarkdown } from './summary-md.js';
import { experimentCharts, renderCharts, type RenderPool } from './charts/index.js';
import { experimentReportHtml } from './html/index.js';
import { versionOnly, type RunStamp } from './stamp.js';
import { briefHtml, experimentBrief } from './brief/index.js';
import { listColumns, listCsv } from './list-table.js';

/** The experiment's small-number threshold: its `minCount` (issue 10 §5), else 10. */
export function minCountOf(resolved: ResolvedExperiment): number {
  return (resolved.experiment as { minCount?: number }).minCount ?? DEFAULT_MIN_COUNT;
}

/** The metrics the experiment's findings are about (for everyone): charted across the grid, so the charts show what the question asks. */
export function findingMetrics(resolved: ResolvedExperiment): string[] {
  const metrics = (resolved.experiment.findings ?? []).filter((f) => !f.select?.attribute || f.select.attribute === 'all').map((f) => f.select?.metric);
  return [...new Set(metrics.filter((m): m is string => typeof m === 'string' && (METRIC_NAMES as readonly string[]).includes(m)))];
}

/** Data rows of a CSV text (lines after the header). */
function dataRows(csv: string): number {
  let lines = 0;
  for (let i = csv.indexOf('\n'); i !== -1; i = csv.indexOf('\n', i + 1)) lines++;
  return Math.max(0, lines - 1);
}

/**
 * The CSVs of a results folder as the data dictionary describes them: path,
 * columns, rows, primary key, and why a table is empty when it is.
 * `groups` are the experiment's group attributes; `scoreAttributes` those of
 * scores.csv (null when it was not written); `rounds` the experiment's
 * rounds, when it has them (metrics.csv then has a `round` column).
 */
export function tableFiles(
  files: Readonly<Record<string, string>>,
  options: { groups?: readonly string[]; scoreAttributes?: readonly string[] | null; rounds?: number; listColumns?: readonly Column[] | null },
): TableFile[] {
  const point = ['scenario', 'grid', 'model', 'label', 'attribute', 'group', 'operating_point', 'metric'];
  const rounds = options.rounds !== undefined;
  const tables: TableFile[] = [
    { path: 'metrics.csv', columns: metricsColumnsOf(options), rows: dataRows(files['metrics.csv']), primaryKey: ['replicate', ...(rounds ? ['round'] : []), ...point] },
    { path: 'groups.csv', columns: GROUPS_COLUMNS, rows: dataRows(files['groups.csv']), primaryKey: point },
    { path: 'sweep.csv', columns: SWEEP_COLUMNS, rows: dataRows(files['sweep.csv']), primaryKey: ['scenario', 'grid', 'model', 'label', 'threshold'] },
    {
      path: 'equal-risk.csv',
      columns: EQUAL_RISK_COLUMNS,
      rows: dataRows(files['equal-risk.csv']),
      primaryKey: ['scenario', 'grid', 'model', 'attribute', 'group', 'risk_tenth'],
      emptyBecause: (options.groups ?? []).length === 0 ? EMPTY_TABLE_REASONS['equal-risk.csv'] : EMPTY_TABLE_REASONS.noGroupRows,
    },
  ];
  if (options.scoreAttributes && files['scores.csv'] !== undefined) {
    tables.push({ path: 'scores.csv', columns: scoresColumns(options.scoreAttributes), rows: dataRows(files['scores.csv']), primaryKey: ['scenario', 'grid', 'replicate', 'id', 'model'] });
  }
  if (options.listColumns && files['list.csv'] !== undefined) {
    tables.push({ path: 'list.csv', columns: options.listColumns, rows: dataRows(files['list.csv']), primaryKey: ['scenario', 'grid', 'model', 'operating_point', 'rank'] });
  }
  return tables;
}

/** brief.html of a results folder (the page brief.pdf is printed from). */
export function briefFile(result: ExperimentResult, stamp: RunStamp): string {
  return briefHtml(experimentBrief(result, stamp));
}

/**
 * Files of a results folder other than manifest.json (which io adds) and
 * brief.pdf (which io prints from brief.html): byte-identical for one
 * config, seed and `stamp` (src/io/stamp.ts: version, commit and a date that
 * is not the clock's).
 */
export async function resultFiles(
  resolved: ResolvedExperiment,
  result: ExperimentResult,
  tasks: readonly TaskResult[],
  options: {
    version: string;
    stamp?: RunStamp;
    saveScores?: boolean;
    /** brief.html when the caller has made it already (`briefFile`). */
    brief?: string;
    /** Threads to render the charts on (default: this thread). */
    charts?: RenderPool;
    /** metrics.csv's row lines when the caller wrote them as the tasks arrived (`metricsCsvRows`, in row order). */
    metricsRows?: string;
  },
): Promise<Record<string, string>> {
  const join = (g: Iterable<string>) => [...g].join('');
  const stamp = options.stamp ?? versionOnly(options.version);
  const minCount = minCountOf(resolved);
  const { groupSummary, groups } = resolved.experiment;
  const groupGrid = groupSummary && groups ? groups.map((attribute) => ({ attribute, metrics: ['selectionRate', 'fpr'] })) : [];
  // On chart threads, the charts render while this thread writes the tables.
  const rendering = renderCharts(experimentCharts(result, { groupGrid, gridMetrics: findingMetrics(resolved) }), { pool: options.charts });
  rendering.catch(() => {});
  const files: Record<string, string> = {
    'summary.md': summaryMarkdown(result, { version: options.version, stamp, groupSummary: resolved.experiment.groupSummary }),
    'metrics.csv': join(metricsCsv(result, { minCount, rowsText: options.metricsRows })),
    'groups.csv': join(groupsCsv(result, resolved.experiment.reference, { minCount })),
    'sweep.csv': join(sweepCsv(result)),
    'equal-risk.csv': join(equalRiskCsv(result)),
    'config.json': `${JSON.stringify(JSON.parse(canonicalJson({ ...resolved })), null, 2)}\n`,
  };
  const charts = await rendering;
  for (const chart of charts) files[`charts/${chart.id}.svg`] = chart.svg;
  files['report.html'] = experimentReportHtml(result, charts, { version: options.version, stamp });
  files['brief.html'] = options.brief ?? briefFile(result, stamp);
  const attributes = options.saveScores ? scoreAttributes(tasks) : null;
  if (options.saveScores) files['scores.csv'] = join(scoresCsv(result, tasks));
  if (result.lists.length > 0) files['list.csv'] = join(listCsv(result));
  const tables = tableFiles(files, { groups, scoreAttributes: attributes, rounds: result.rounds, listColumns: files['list.csv'] !== undefined ? listColumns(result) : null });
  files['datapackage.json'] = dataPackage(result, tables, { minCount });
  files['README.md'] = folderReadme(result, tables, charts.length, { minCount, version: options.version, saveScores: options.saveScores });
  return files;
}
