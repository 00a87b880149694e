import type { ExperimentResult } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { median } from '../../metrics/index.js';
import { pageMessages as p, reportMessages as t } from '../../messages.js';
import { escapeHtml } from '../escape.js';
import type { Glossary } from '../glossary.js';
import { commitWords, dateWordsLong, stampLine, type RunStamp } from '../stamp.js';
import { childrenCount } from '../words.js';
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
export function provenanceSection(result: ExperimentResult, stamp: RunStamp, g: Glossary): string {
  const testSizes = result.sizes.map((s) => s.test);
  const medianTest = median(testSizes);
  const f = t.sourcesFields;
  const e = p.sourcesFields;
  const facts = [
    fact(f.question, g.html(result.question)),
    fact(e.date, escapeHtml(dateWordsLong(stamp))),
    fact(f.version, `<code>${escapeHtml(stamp.version)}</code>`),
    fact(e.commit, escapeHtml(commitWords(stamp))),
    fact(f.seed, `<code>${escapeHtml(result.seed)}</code>`),
    fact(f.configHash, `<code>${escapeHtml(result.configHash)}</code>`),
    fact(f.replicates, escapeHtml(result.replicates)),
    ...(result.quick ? [fact(f.quick, escapeHtml(t.quickNote))] : []),
    fact(f.split, escapeHtml(childrenCount(medianTest))),
    fact(e.outcome, escapeHtml(p.outcomeFact(result.outcome))),
    fact(e.smallNumbers, escapeHtml(p.smallNumbersFact(result.minCount))),
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

/** The strength scale in words, with its source (an assumption, stated so it can be challenged). */
export function scaleSection(result: ExperimentResult, g: Glossary): string {
  return `<section aria-labelledby="scale">\n<h2 id="scale">${escapeHtml(p.scaleHeading)}</h2>\n<p>${g.html(p.scale(result.minCount))}</p>\n</section>`;
}

/** The footer line that traces a printed page to its run. */
export function traceFooter(result: ExperimentResult, stamp: RunStamp): string {
  return `<footer class="trace">${escapeHtml(p.footer(result.name, String(result.seed), result.configHash, stampLine(stamp)))}</footer>`;
}
