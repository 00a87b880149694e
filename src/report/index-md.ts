import type { ExperimentResult } from '../experiment/aggregate.js';
import { findingsMarkdown, findingsTable } from './findings-table.js';
import { escapeMarkdownText as mdText } from './escape.js';

/**
 * results/README.md: one section per experiment with its question, its
 * headline answer and its banded findings, linking to the folder.
 */
export function resultsIndexMarkdown(results: readonly ExperimentResult[]): string {
  const lines = [
    '# risklab results',
    '',
    'Written by `npm start` from the committed code: every experiment in experiments/ run in full. Each folder holds summary.md (for reading), report.html (for showing), metrics.csv, groups.csv, sweep.csv, equal-risk.csv (tidy tables), charts, config.json (the resolved config) and manifest.json (time, versions, host). Scenario presets are summarised in [scenarios.md](scenarios.md).',
    '',
  ];
  for (const r of results) {
    const f = r.findings;
    lines.push(`## [${mdText(r.name)}](${encodeURIComponent(r.name)}/summary.md)`, '', `*${mdText(r.question)}*`, '');
    if (f.headline) lines.push(mdText(f.headline), '');
    const banded = findingsMarkdown(findingsTable(f.findings, { bandedOnly: true }));
    if (banded.length) lines.push(...banded, '');
    lines.push(`Seed ${mdText(r.seed)} · config ${r.configHash} · ${r.replicates} replicates${r.quick ? ' · quick run' : ''}.`, '');
  }
  return lines.join('\n');
}
