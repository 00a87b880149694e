import type { ExperimentResult, MetricSummaryRow } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { checkCriterion, strengthWord, suppression, type Confusion, type MetricName } from '../../metrics/index.js';
import { pageMessages as p, reportMessages as t, suppressionMessages as s } from '../../messages.js';
import { modelName } from '../charts/common.js';
import { formatInterval, formatRate } from '../charts/format.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { childrenCount } from '../words.js';
import { medianConfusion } from './headline.js';

const LABELS = ['yRecorded', 'yTrue'] as const;
/** Metrics in the results table; those with a strength word are marked. */
const COLUMNS: readonly { metric: string; word: boolean }[] = [
  { metric: 'precision', word: true },
  { metric: 'recall', word: true },
  { metric: 'fpr', word: false },
  { metric: 'auc', word: false },
];

/** Columns holding numbers (flagged and the four metrics): right-aligned. */
const NUMERIC = [2, 3, 4, 5, 6];

/** A verdict cell: a symbol and a word (never colour alone); a suppressed or undefined metric cannot be judged. */
function verdict(met: boolean | null, why?: string): string {
  if (met === null) return `<span class="verdict unknown"${why ? ` title="${escapeAttribute(why)}"` : ''}>? ${escapeHtml(t.criterionUnknown)}</span>`;
  return met ? `<span class="verdict met">✓ ${escapeHtml(t.criterionMet)}</span>` : `<span class="verdict not-met">✗ ${escapeHtml(t.criterionNotMet)}</span>`;
}

/** Why a row's metric is withheld: too few children behind it (median counts), or none. */
function withheld(metric: string, counts: Confusion | null, minCount: number): string | undefined {
  if (counts === null) return undefined;
  const v = suppression(metric as MetricName, counts, minCount);
  return v.suppressed ? v.reason : undefined;
}

/** "0.42 (0.35–0.48) weak" as HTML; "suppressed" with its reason, or "not defined", when there are too few children or none. */
function metricCell(row: MetricSummaryRow | undefined, word: boolean, why: string | undefined): string {
  if (!row) return '—';
  if (why) {
    const mark = why.startsWith('not defined') ? p.notDefined : s.mark;
    return `<span class="suppressed" data-metric="${escapeAttribute(row.metric)}" data-suppressed="${escapeAttribute(why)}">${escapeHtml(mark)}</span><span class="word">${escapeHtml(why)}</span>`;
  }
  if (Number.isNaN(row.median)) return `<span class="suppressed" data-metric="${escapeAttribute(row.metric)}">${escapeHtml(p.notDefined)}</span>`;
  const w = word ? strengthWord(row.median) : null;
  return (
    `<span class="num" data-metric="${escapeAttribute(row.metric)}">${formatRate(row.median)}</span> ` +
    `<span class="range">(${formatInterval(row.lower, row.upper)})</span>` +
    (w ? `<span class="word">${escapeHtml(w)}</span>` : '')
  );
}

/**
 * The results table of one cell: for every operating point, model and
 * label, the median flagged count (whole children) and the median
 * precision, recall, false-positive rate and AUC with their 2.5–97.5%
 * ranges, strength words for precision and recall, and each named
 * criterion marked met or not met (checked on the median). A metric resting
 * on fewer than the experiment's `minCount` children (median counts) is
 * suppressed with its reason and its criteria cannot be judged.
 */
export function resultsTable(result: ExperimentResult, cell: number): string {
  const { criteria } = result;
  const overall = result.summary.filter((r) => r.cell === cell && r.attribute === 'all');
  const find = (model: string, label: string, op: string, metric: string) =>
    overall.find((r) => r.model === model && r.label === label && r.operatingPoint === op && r.metric === metric);
  const columns = [
    t.resultsColumns.model,
    t.resultsColumns.label,
    t.resultsColumns.flagged,
    ...COLUMNS.map((c) => t.metricName(c.metric)),
    ...criteria.map((c) => c.text),
  ].map(escapeHtml);
  const body: string[] = [];
  for (const op of result.operatingPoints) {
    body.push(`<tr><th scope="rowgroup" colspan="${columns.length}">${escapeHtml(op)}: ${escapeHtml(operatingPointWords(op))}</th></tr>`);
    for (const m of result.models) {
      for (const label of LABELS) {
        const any = find(m.label, label, op, 'precision') ?? find(m.label, label, op, 'recall');
        if (!any) continue;
        const counts = medianConfusion(result, { cell, model: m.label, label, operatingPoint: op });
        const cells = [
          escapeHtml(modelName(result, m.label)),
          escapeHtml(t.labelShort[label]),
          `<span class="num">${escapeHtml(childrenCount(any.flagged))}</span>`,
          ...COLUMNS.map((c) => metricCell(find(m.label, label, op, c.metric), c.word, withheld(c.metric, counts, result.minCount))),
          ...criteria.map((c) => {
            const row = find(m.label, label, op, c.metric);
            const why = withheld(c.metric, counts, result.minCount);
            return verdict(row && !why ? checkCriterion(c, { [c.metric]: row.median }).met : null, why);
          }),
        ];
        body.push(
          `<tr data-model="${escapeAttribute(m.label)}" data-label="${label}" data-op="${escapeAttribute(op)}">${cells
            .map((c, j) => (NUMERIC.includes(j) ? `<td class="n">${c}</td>` : `<td>${c}</td>`))
            .join('')}</tr>`,
        );
      }
    }
  }
  const table = [
    '<div class="table-wrap">',
    '<table class="results">',
    `<thead><tr>${columns.map((c, j) => `<th scope="col"${NUMERIC.includes(j) ? ' class="n"' : ''}>${c}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
  return table;
}
