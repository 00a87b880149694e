import type { ExperimentResult } from '../experiment/aggregate.js';
import { findings } from '../experiment/findings.js';
import { escapeMarkdownCell as mdCell, escapeMarkdownText as mdText } from './escape.js';

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
    const f = findings(r);
    lines.push(`## [${mdText(r.name)}](${encodeURIComponent(r.name)}/summary.md)`, '', `*${mdText(r.question)}*`, '', mdText(f.headline), '');
    const banded = f.findings.filter((x) => x.band);
    if (banded.length) {
      lines.push('| finding | median | 2.5–97.5% | band | holds |', '| --- | --- | --- | --- | --- |');
      for (const x of banded) {
        lines.push(`| ${mdCell(x.claim)} | ${x.median.toFixed(3)} | ${x.lower.toFixed(3)}–${x.upper.toFixed(3)} | ${x.band![0]}–${Number(x.band![1].toFixed(3))} | ${x.holds ? 'yes' : 'NO'} |`);
      }
      lines.push('');
    }
    lines.push(`Seed ${mdText(r.seed)} · config ${r.configHash} · ${r.replicates} replicates${r.quick ? ' · quick run' : ''}.`, '');
  }
  return lines.join('\n');
}
