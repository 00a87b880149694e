import type { ExperimentResult } from '../experiment/aggregate.js';
import { pageMessages as p } from '../messages.js';
import { findingsMarkdown, findingsTable } from './findings-table.js';
import { escapeMarkdownText as mdText } from './escape.js';
import { glossary } from './glossary.js';
import { headlineSuppressions } from './html/frame.js';
import { bannerMarkdown, headlineMarkdown } from './markdown-frame.js';
import { stampLine, type RunStamp } from './stamp.js';
import { questionTitle } from './words.js';

/**
 * results/README.md: the banner, then one section per experiment — its
 * question as the heading (linking to its summary), its declared answer for
 * the whole experiment, its banded findings, links to its report and brief —
 * and the glossary of the words used.
 */
export function resultsIndexMarkdown(results: readonly ExperimentResult[], stamp?: RunStamp): string {
  const g = glossary();
  const lines = [
    ...bannerMarkdown(null),
    '# risklab results',
    '',
    'Written by `npm start` from the committed code: every experiment in experiments/ run in full. Each folder holds brief.html and brief.pdf (one page to print), summary.md (for reading), report.html (for showing), slides.pptx and slides/ (a deck for trainers, its pictures as PNG), metrics.csv, groups.csv, sweep.csv, equal-risk.csv (tidy tables), charts, config.json (the resolved config) and manifest.json (time, versions, host). Scenario presets are summarised in [scenarios.md](scenarios.md).',
    '',
  ];
  if (stamp) lines.push(mdText(stampLine(stamp)), '');
  for (const r of results) {
    const f = r.findings;
    const name = encodeURIComponent(r.name);
    lines.push(`## [${mdText(questionTitle(r.question).title)}](${name}/summary.md)`, '');
    lines.push(f.headline ? headlineMarkdown(f.headlineParts, g) : mdText(p.noHeadline), '');
    const reasons = headlineSuppressions(f.headlineParts);
    if (reasons.length) lines.push(mdText(p.answerSuppressed(reasons)), '');
    const banded = findingsMarkdown(findingsTable(f.findings, { bandedOnly: true }));
    if (banded.length) lines.push(...banded, '');
    lines.push(`[${p.reportLink}](${name}/report.html) · [${p.briefLink}](${name}/brief.html) · ${mdText(p.indexTrace(r.name, String(r.seed), r.configHash, r.replicates))}${r.quick ? ' · quick run' : ''}.`, '');
  }
  lines.push(...g.markdownSection());
  return lines.join('\n');
}
