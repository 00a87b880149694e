import type { ExperimentResult } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { median } from '../../metrics/index.js';
import { reportMessages as t } from '../../messages.js';
import { formatMedianCount } from '../charts/format.js';
import { escapeHtml } from '../escape.js';
import { htmlTable } from './page.js';

/** A <dl> row. `value` is HTML already escaped. */
const fact = (term: string, value: string) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`;

/**
 * "Where these numbers come from": the question and sources of the
 * experiment, the seed, config hash and version (so a printed page can be
 * traced back to a run), the models and operating points, each scenario's
 * assumptions and sources (once per preset), the grid cells, and the
 * warnings the run gave.
 */
export function provenanceSection(result: ExperimentResult, version: string): string {
  const testSizes = result.sizes.map((s) => s.test);
  const medianTest = median(testSizes);
  const f = t.sourcesFields;
  const facts = [
    fact(f.question, escapeHtml(result.question)),
    fact(f.seed, `<code>${escapeHtml(result.seed)}</code>`),
    fact(f.configHash, `<code>${escapeHtml(result.configHash)}</code>`),
    fact(f.version, `<code>${escapeHtml(version)}</code>`),
    fact(f.replicates, escapeHtml(result.replicates)),
    ...(result.quick ? [fact(f.quick, escapeHtml(t.quickNote))] : []),
    fact(f.split, escapeHtml(formatMedianCount(medianTest))),
    fact(f.models, result.models.map((m) => escapeHtml(m.baseline ? `${m.label}${t.baselineSuffix}` : m.label)).join(', ')),
    fact(
      f.operatingPoints,
      result.operatingPoints.map((op, i) => `${escapeHtml(op)} (${escapeHtml(operatingPointWords(op))})${i === 0 ? ` ${escapeHtml(t.headlineMark)}` : ''}`).join('; '),
    ),
    fact(f.experimentSources, result.sources.length ? `<ul>${result.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : escapeHtml(t.noSources)),
  ];
  const parts = [`<h2 id="sources">${escapeHtml(t.sourcesHeading)}</h2>`, `<dl class="facts">${facts.join('\n')}</dl>`];
  if (result.cells.length > 1 || result.gridLabel) {
    parts.push(
      htmlTable({
        caption: escapeHtml(f.cells),
        columns: [f.scenario, f.preset, result.gridLabel || t.axis.gridCell].map(escapeHtml),
        rows: result.cells.map((c) => [escapeHtml(c.scenario), escapeHtml(c.scenarioName), escapeHtml(c.gridValue === null ? c.grid : `${c.grid} (${c.gridValue})`)]),
      }),
    );
  }
  const seen = new Set<string>();
  for (const c of result.cells) {
    const key = `${c.scenario}\u0000${c.scenarioName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`<h3>${escapeHtml(f.scenario)}: ${escapeHtml(c.scenario)} (${escapeHtml(f.presetInline)} ${escapeHtml(c.scenarioName)})</h3>`);
    parts.push(
      c.sources.length
        ? htmlTable({
            columns: [f.claim, f.source, f.confidence].map(escapeHtml),
            rows: c.sources.map((s) => [escapeHtml(s.claim), escapeHtml(s.source), escapeHtml(s.confidence)]),
          })
        : `<p class="note">${escapeHtml(t.noSources)}</p>`,
    );
  }
  if (result.warnings.length) {
    parts.push(`<h3>${escapeHtml(f.warnings)}</h3>`, `<ul class="warnings">${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  }
  return `<section aria-labelledby="sources">\n${parts.join('\n')}\n</section>`;
}

/** The footer line that traces a printed page to its run. */
export function traceFooter(result: ExperimentResult, version: string): string {
  return `<footer class="trace">${escapeHtml(t.footer(result.name, String(result.seed), result.configHash, version))}</footer>`;
}
