import type { ExperimentResult, MetricSummaryRow } from '../experiment/aggregate.js';
import { medianConfusion } from './html/headline.js';
import { operatingPointWords } from '../experiment/names.js';
import { naturalFrequencies, strengthWord, checkCriterion } from '../metrics/index.js';
import { findingsMarkdown, findingsTable } from './findings-table.js';
import { escapeMarkdownCell as mdCell, escapeMarkdownText as mdText } from './escape.js';
import { listSection } from './list-section.js';

/** "0.42 (0.38–0.47)": a median with its 2.5–97.5% range across replicates. */
export function withInterval(r: MetricSummaryRow | undefined, digits = 2): string {
  if (!r || Number.isNaN(r.median)) return 'n/a';
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
  return r.count > 1 ? `${f(r.median)} (${f(r.lower)}–${f(r.upper)})` : f(r.median);
}

/** Index of summary rows by (cell, model, label, attribute, group, operating point, metric). */
export function summaryIndex(result: ExperimentResult) {
  const map = new Map<string, MetricSummaryRow>();
  for (const r of result.summary) map.set([r.cell, r.model, r.label, r.attribute, r.group, r.operatingPoint, r.metric].join('|'), r);
  return (cell: number, model: string, label: string, metric: string, operatingPoint: string, attribute = 'all', group = 'all') =>
    map.get([cell, model, label, attribute, group, operatingPoint, metric].join('|'));
}

const LABEL_WORDS = { yRecorded: 'the records', yTrue: 'the truth' } as const;

/** How counts of children across replicates are summarised, in words (the HTML report says the same). */
const MEDIAN_COUNTS = 'each count the median across replicates, as in the HTML report';

function cellTitle(result: ExperimentResult, cell: number): string {
  const c = result.cells[cell];
  const parts = [];
  if (result.cells.some((x) => x.scenario !== c.scenario)) parts.push(c.scenario);
  if (result.cells.some((x) => x.grid !== c.grid)) parts.push(result.gridLabel ? `${result.gridLabel}: ${c.grid}` : c.grid);
  return parts.join(', ') || c.scenario;
}

/**
 * summary.md: for commissioners. The question, then for each cell a table
 * per model and label at the headline operating point (medians with their
 * 2.5–97.5% range across replicates, strength words, criteria), natural
 * frequencies against the truth, and the footer that traces the run.
 */
export function summaryMarkdown(result: ExperimentResult, extras: { version: string; groupSummary?: boolean }): string {
  const groupSummary = extras.groupSummary ?? false;
  const get = summaryIndex(result);
  const headline = result.operatingPoints[0];
  const { criteria } = result;
  const lines: string[] = [];
  lines.push(`# ${mdText(result.name)}`, '', `**Question.** ${mdText(result.question)}`, '');
  const f = result.findings;
  if (f.headline) lines.push(`**Answer.** ${mdText(f.headline)}`, '');
  const table = findingsMarkdown(findingsTable(f.findings));
  if (table.length) lines.push(...table, '');
  lines.push(`Headline operating point: ${operatingPointWords(headline)}. Numbers are medians across ${result.replicates} replicate${result.replicates === 1 ? '' : 's'}, with the 2.5–97.5% range in brackets. "Judged against the records" is what a council would see; "against the truth" is what really happened.`, '');
  lines.push(...(listSection(result)?.markdown ?? []));
  for (const cell of result.cells) {
    lines.push(`## ${mdText(cellTitle(result, cell.index))}`, '');
    lines.push(`| model | judged against | precision | recall | flags per true case | AUC | precision is | recall is |${criteria.map((c) => ` ${mdCell(c.name ?? c.text)} |`).join('')}`);
    lines.push(`| --- | --- | --- | --- | --- | --- | --- | --- |${criteria.map(() => ' --- |').join('')}`);
    for (const m of result.models) {
      for (const label of ['yRecorded', 'yTrue'] as const) {
        const p = get(cell.index, m.label, label, 'precision', headline);
        if (!p) continue;
        const r = get(cell.index, m.label, label, 'recall', headline);
        lines.push(
          `| ${mdCell(m.label)}${m.baseline ? ' (baseline)' : ''} | ${LABEL_WORDS[label]} | ${withInterval(p)} | ${withInterval(r)} | ${withInterval(get(cell.index, m.label, label, 'flagsPerTrueCase', headline), 1)} | ${withInterval(get(cell.index, m.label, label, 'auc', headline))} | ${strengthWord(p.median) ?? 'n/a'} | ${r ? (strengthWord(r.median) ?? 'n/a') : 'n/a'} |${criteria.map((c) => {
            const row = get(cell.index, m.label, label, c.metric, headline);
            const met = row ? checkCriterion(c, { [c.metric]: row.median }).met : null;
            return ` ${met === null ? 'n/a' : met ? 'met' : 'not met'} |`;
          }).join('')}`,
        );
      }
    }
    lines.push('');
    for (const m of result.models.filter((x) => !x.baseline)) {
      const c = medianConfusion(result, { cell: cell.index, model: m.label, label: 'yTrue', operatingPoint: headline });
      if (!c) continue;
      const nf = naturalFrequencies(c, { flaggedPer: 1000 });
      lines.push(`- **${mdText(m.label)}**, against the truth (${MEDIAN_COUNTS}): ${nf.sentences.join(' ')}`);
    }
    lines.push('');
    if (groupSummary) lines.push(...groupTables(result, cell.index, headline));
    const example = result.examples.find((e) => e.cell === cell.index);
    if (example) lines.push(...exampleLines(example));
  }
  const other = result.operatingPoints.slice(1);
  if (other.length) {
    lines.push('## Other operating points', '', '| setting | model | operating point | judged against | precision | recall | flagged share |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const cell of result.cells) for (const m of result.models) for (const op of other) for (const label of ['yRecorded', 'yTrue'] as const) {
      const p = get(cell.index, m.label, label, 'precision', op);
      if (!p) continue;
      lines.push(`| ${mdCell(cellTitle(result, cell.index))} | ${mdCell(m.label)} | ${operatingPointWords(op)} | ${LABEL_WORDS[label]} | ${withInterval(p)} | ${withInterval(get(cell.index, m.label, label, 'recall', op))} | ${withInterval(get(cell.index, m.label, label, 'selectionRate', op), 3)} |`);
    }
    lines.push('');
  }
  if (result.warnings.length) lines.push('## Warnings', '', ...result.warnings.map((w) => `- ${mdText(w)}`), '');
  lines.push('---', '', `Strength words use the default scale (0–0.19 very weak, 0.20–0.39 weak, 0.40–0.59 moderate, 0.60–0.79 strong, 0.80–1 very strong) — an assumption: the scale behind Bristol's "Very Strong" is unpublished.`, '');
  lines.push(`Seed ${mdText(result.seed)} · config ${result.configHash} · ${result.replicates} replicates${result.quick ? ' · quick run' : ''} · risklab ${extras.version}. Every number here is in metrics.csv and groups.csv.`, '');
  return lines.join('\n');
}

/** Per-group rates of each model against the truth at the headline operating point, with group sizes. */
function groupTables(result: ExperimentResult, cell: number, op: string): string[] {
  const get = summaryIndex(result);
  const out: string[] = [];
  const attributes = [...new Set(result.summary.filter((r) => r.cell === cell && r.attribute !== 'all').map((r) => r.attribute))];
  for (const attribute of attributes) {
    const groups = [...new Set(result.summary.filter((r) => r.cell === cell && r.attribute === attribute).map((r) => r.group))];
    out.push(`By ${mdText(attribute)}, against the truth (${operatingPointWords(op)}):`, '', '| model | group | children | truly at risk | flagged share | false-positive rate | miss rate | precision |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const m of result.models.filter((x) => !x.baseline)) {
      for (const g of groups) {
        const p = get(cell, m.label, 'yTrue', 'precision', op, attribute, g);
        out.push(`| ${mdCell(m.label)} | ${mdCell(g)} | ${p ? p.n.toLocaleString('en-GB') : 'n/a'} | ${p ? p.positives.toLocaleString('en-GB') : 'n/a'} | ${withInterval(get(cell, m.label, 'yTrue', 'selectionRate', op, attribute, g), 3)} | ${withInterval(get(cell, m.label, 'yTrue', 'fpr', op, attribute, g), 3)} | ${withInterval(get(cell, m.label, 'yTrue', 'fnr', op, attribute, g))} | ${withInterval(p)} |`);
      }
    }
    out.push('');
  }
  return out;
}

/** The memorable case: two children with the same truth and different records. */
function exampleLines(e: ExperimentResult['examples'][number]): string[] {
  const [a, b] = e.children;
  const line = (c: typeof a) =>
    `- **${mdText(c.name)}**, ${c.age}, ${mdText(c.area)} (${mdText(e.attribute)} ${mdText(c.group)}): true risk ${c.pTrue.toFixed(3)}; on record: ${mdText(c.recordedCircumstances.join(', ')) || 'nothing'}. ${mdText(e.model)} score ${c.score.toFixed(3)}, ranked ${c.rank.toLocaleString('en-GB')} of ${e.testSize.toLocaleString('en-GB')}: ${c.flagged ? 'on' : 'not on'} the list of ${e.flaggedCount.toLocaleString('en-GB')} flagged.`;
  return [
    `Two children with the same true circumstances (${mdText(a.trueCircumstances.join(', ')) || 'none'}) but different records (names are made up):`,
    '',
    line(a),
    line(b),
    '',
  ];
}
