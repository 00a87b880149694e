import type { ExperimentResult } from '../experiment/aggregate.js';
import type { ResolvedExperiment } from '../experiment/resolve.js';
import type { TaskResult } from '../experiment/task.js';
import { canonicalJson } from '../scenario/index.js';
import { equalRiskCsv, groupsCsv, metricsCsv, scoresCsv, sweepCsv } from './tables.js';
import { summaryMarkdown } from './summary-md.js';
import { experimentCharts, renderCharts } from './charts/index.js';
import { experimentReportHtml } from './html/index.js';
import { listCsv } from './list-table.js';

/** Files of a results folder other than manifest.json (which io adds): byte-identical for one config and seed. */
export async function resultFiles(
  resolved: ResolvedExperiment,
  result: ExperimentResult,
  tasks: readonly TaskResult[],
  options: { version: string; saveScores?: boolean },
): Promise<Record<string, string>> {
  const join = (g: Iterable<string>) => [...g].join('');
  const files: Record<string, string> = {
    'summary.md': summaryMarkdown(result, { version: options.version, groupSummary: resolved.experiment.groupSummary }),
    'metrics.csv': join(metricsCsv(result)),
    'groups.csv': join(groupsCsv(result, resolved.experiment.reference)),
    'sweep.csv': join(sweepCsv(result)),
    'equal-risk.csv': join(equalRiskCsv(result)),
    'config.json': `${JSON.stringify(JSON.parse(canonicalJson({ ...resolved })), null, 2)}\n`,
  };
  const { groupSummary, groups } = resolved.experiment;
  const groupGrid = groupSummary && groups ? groups.map((attribute) => ({ attribute, metrics: ['selectionRate', 'fpr'] })) : [];
  const charts = await renderCharts(experimentCharts(result, { groupGrid }));
  for (const chart of charts) files[`charts/${chart.id}.svg`] = chart.svg;
  files['report.html'] = experimentReportHtml(result, charts, { version: options.version });
  if (options.saveScores) files['scores.csv'] = join(scoresCsv(result, tasks));
  if (result.lists.length > 0) files['list.csv'] = join(listCsv(result));
  return files;
}
