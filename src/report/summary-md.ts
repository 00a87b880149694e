import type { ExperimentResult, MetricSummaryRow } from '../experiment/aggregate.js';
import { medianConfusion } from './html/headline.js';
import { operatingPointWords } from '../experiment/names.js';
import { naturalFrequencies, strengthWord, checkCriterion, suppression, type Confusion, type MetricName } from '../metrics/index.js';
import { pageMessages as p, suppressionMessages as s, trainerMessages as tm } from '../messages.js';
import { trainerCard } from '../experiment/card.js';
import { findingsMarkdown, findingsTable } from './findings-table.js';
import { escapeMarkdownCell as mdCell, escapeMarkdownText as mdText } from './escape.js';
import { listSection } from './list-section.js';
import { glossary } from './glossary.js';
import { bannerMarkdown, headlineMarkdown } from './markdown-frame.js';
import { headlineSuppressions } from './html/frame.js';
import { stampLine, versionOnly, type RunStamp } from './stamp.js';
import { childrenCount, modelNoun, questionTitle } from './words.js';

/** "0.42 (0.38–0.47)": a median with its 2.5–97.5% range across replicates. */
export function withInterval(r: MetricSummaryRow | undefined, digits = 2): string {
  if (!r || Number.isNaN(r.median)) return p.notDefined;
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
const MEDIAN_COUNTS = 'each count the median across replicates, rounded to whole children, as in the HTML report';

function cellTitle(result: ExperimentResult, cell: number): string {
  const c = result.cells[cell];
  const parts = [];
  if (result.cells.some((x) => x.scenario !== c.scenario)) parts.push(c.scenario);
  if (result.cells.some((x) => x.grid !== c.grid)) parts.push(result.gridLabel ? `${result.gridLabel}: ${c.grid}` : c.grid);
  return parts.join(', ') || c.scenario;
}

/** Why a rate is withheld at these median counts (a suppression reason), or undefined. */
function withheld(metric: string, counts: Confusion | null, minCount: number): string | undefined {
  if (counts === null) return undefined;
  const v = suppression(metric as MetricName, counts, minCount);
  return v.suppressed ? v.reason : undefined;
}

/** A rate cell: the median with its range, or "suppressed" / "not defined" with the reason kept for the notes. */
function rateCell(row: MetricSummaryRow | undefined, why: string | undefined, digits = 2): string {
  if (why) return why.startsWith('not defined') ? p.notDefined : `${s.mark}¹`;
  return withInterval(row, digits);
}

/**
 * summary.md: for commissioners. The banner, the question as the title,
 * the run date, version and commit, the declared answer (for the whole
 * experiment), its findings, then for each cell a table per model and label
 * at the headline operating point (medians with their 2.5–97.5% range
 * across replicates, strength words, criteria; rates resting on too few
 * children suppressed, marked ¹ with the reason below), natural frequencies
 * against the truth in the experiment's outcome words, the strength scale,
 * the glossary, and the footer that traces the run.
 */
export function summaryMarkdown(result: ExperimentResult, extras: { version: string; stamp?: RunStamp; groupSummary?: boolean }): string {
  const groupSummary = extras.groupSummary ?? false;
  const stamp = extras.stamp ?? versionOnly(extras.version);
  const g = glossary();
  const get = summaryIndex(result);
  const headline = result.operatingPoints[0];
  const { criteria, minCount } = result;
  const lines: string[] = [...bannerMarkdown('report.html#sources')];
  const { title, rest } = questionTitle(result.question);
  lines.push(`# ${g.markdown(title)}`, '');
  if (rest) lines.push(g.markdown(rest), '');
  lines.push(`${mdText(stampLine(stamp))}  `, `${mdText(p.experimentLine(result.name, String(result.seed), result.configHash))}${result.quick ? ` · ${mdText(p.quickRun)}` : ''}`, '');
  const f = result.findings;
  lines.push(`**${p.answerHeading}.** ${f.headline ? headlineMarkdown(f.headlineParts, g) : mdText(p.noHeadline)}`, '');
  const reasons = headlineSuppressions(f.headlineParts);
  if (reasons.length) lines.push(mdText(p.answerSuppressed(reasons)), '');
  const table = findingsMarkdown(findingsTable(f.findings));
  if (table.length) lines.push(...table, '');
  lines.push(
    g.markdown(
      `Headline operating point: ${operatingPointWords(headline)}. Numbers are medians across ${result.replicates} replicate${result.replicates === 1 ? '' : 's'}, with the 2.5–97.5% range in brackets. "Judged against the records" is what a council would see; "against the truth" is what really happened. Rates resting on fewer than ${minCount} children are suppressed (¹, with the reason under the table).`,
    ),
    '',
  );
  lines.push(...cardLines(result));
  lines.push(...(listSection(result)?.markdown ?? []));
  for (const cell of result.cells) {
    lines.push(`## ${mdText(cellTitle(result, cell.index))}`, '');
    lines.push(`| model | judged against | precision | recall | flags per true case | AUC | precision is | recall is |${criteria.map((c) => ` ${mdCell(c.name ?? c.text)} |`).join('')}`);
    lines.push(`| --- | --- | --- | --- | --- | --- | --- | --- |${criteria.map(() => ' --- |').join('')}`);
    const notes = new Set<string>();
    for (const m of result.models) {
      for (const label of ['yRecorded', 'yTrue'] as const) {
        const pr = get(cell.index, m.label, label, 'precision', headline);
        if (!pr) continue;
        const counts = medianConfusion(result, { cell: cell.index, model: m.label, label, operatingPoint: headline });
        const why = (metric: string) => {
          const w = withheld(metric, counts, minCount);
          if (w && !w.startsWith('not defined')) notes.add(w);
          return w;
        };
        const r = get(cell.index, m.label, label, 'recall', headline);
        const word = (row: MetricSummaryRow | undefined, metric: string) => (why(metric) ? (why(metric)!.startsWith('not defined') ? p.notDefined : s.mark) : row ? (strengthWord(row.median) ?? p.notDefined) : p.notDefined);
        const verdicts = criteria.map((c) => {
          const row = get(cell.index, m.label, label, c.metric, headline);
          const met = row && !why(c.metric) ? checkCriterion(c, { [c.metric]: row.median }).met : null;
          return ` ${met === null ? 'cannot be judged' : met ? 'met' : 'not met'} |`;
        });
        lines.push(
          `| ${mdCell(m.label)}${m.baseline ? ' (baseline)' : ''} | ${LABEL_WORDS[label]} | ${rateCell(pr, why('precision'))} | ${rateCell(r, why('recall'))} | ${rateCell(get(cell.index, m.label, label, 'flagsPerTrueCase', headline), why('flagsPerTrueCase'), 1)} | ${rateCell(get(cell.index, m.label, label, 'auc', headline), why('auc'))} | ${word(pr, 'precision')} | ${word(r, 'recall')} |${verdicts.join('')}`,
        );
      }
    }
    lines.push('');
    if (notes.size) lines.push(...[...notes].map((n) => `¹ ${mdText(n)}.  `), '');
    for (const m of result.models.filter((x) => !x.baseline)) {
      const c = medianConfusion(result, { cell: cell.index, model: m.label, label: 'yTrue', operatingPoint: headline });
      if (!c) continue;
      const nf = naturalFrequencies(c, { flaggedPer: 1000, outcome: result.outcome, minCount });
      lines.push(`- **${mdText(capital(modelNoun(result, m.label)))}**, against the truth (${MEDIAN_COUNTS}): ${mdText(nf.sentences.join(' '))}`);
    }
    lines.push('');
    if (groupSummary) lines.push(...groupTables(result, cell.index, headline));
  }
  const other = result.operatingPoints.slice(1);
  if (other.length) {
    lines.push('## Other operating points', '', '| setting | model | operating point | judged against | precision | recall | flagged share |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const cell of result.cells) for (const m of result.models) for (const op of other) for (const label of ['yRecorded', 'yTrue'] as const) {
      const pr = get(cell.index, m.label, label, 'precision', op);
      if (!pr) continue;
      const counts = medianConfusion(result, { cell: cell.index, model: m.label, label, operatingPoint: op });
      const cellOf = (metric: string, digits = 2) => {
        const w = withheld(metric, counts, minCount);
        return w ? (w.startsWith('not defined') ? p.notDefined : `${s.mark} (${w.replace(/^suppressed: /, '')})`) : withInterval(get(cell.index, m.label, label, metric, op), digits);
      };
      lines.push(`| ${mdCell(cellTitle(result, cell.index))} | ${mdCell(m.label)} | ${operatingPointWords(op)} | ${LABEL_WORDS[label]} | ${mdCell(cellOf('precision'))} | ${mdCell(cellOf('recall'))} | ${mdCell(cellOf('selectionRate', 3))} |`);
    }
    lines.push('');
  }
  if (result.warnings.length) lines.push('## Warnings', '', ...result.warnings.map((w) => `- ${mdText(w)}`), '');
  lines.push(`## ${mdText(p.scaleHeading)}`, '', g.markdown(p.scale(minCount)), '');
  lines.push(...g.markdownSection());
  lines.push('---', '', `${mdText(p.footer(result.name, String(result.seed), result.configHash, stampLine(stamp)))}${result.quick ? ' · quick run' : ''} · ${result.replicates} replicates. Every number here is in metrics.csv and groups.csv.`, '');
  return lines.join('\n');
}

const capital = (x: string) => `${x[0].toUpperCase()}${x.slice(1)}`;

/** Per-group rates of each model against the truth at the headline operating point, with group sizes in whole children. */
function groupTables(result: ExperimentResult, cell: number, op: string): string[] {
  const get = summaryIndex(result);
  const out: string[] = [];
  const attributes = [...new Set(result.summary.filter((r) => r.cell === cell && r.attribute !== 'all').map((r) => r.attribute))];
  for (const attribute of attributes) {
    const groups = [...new Set(result.summary.filter((r) => r.cell === cell && r.attribute === attribute).map((r) => r.group))];
    out.push(
      `By ${mdText(attribute)}, against the truth (${operatingPointWords(op)}; children and cases are medians, rounded to whole children):`,
      '',
      `| model | group | children | ${mdCell(result.outcome.cases)} | flagged share | false-positive rate | miss rate | precision |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const notes = new Set<string>();
    for (const m of result.models.filter((x) => !x.baseline)) {
      for (const grp of groups) {
        const pr = get(cell, m.label, 'yTrue', 'precision', op, attribute, grp);
        const counts = medianConfusion(result, { cell, model: m.label, label: 'yTrue', attribute, group: grp, operatingPoint: op });
        const rate = (metric: string, digits = 2) => {
          const w = withheld(metric, counts, result.minCount);
          if (w && !w.startsWith('not defined')) notes.add(w);
          return rateCell(get(cell, m.label, 'yTrue', metric, op, attribute, grp), w, digits);
        };
        out.push(
          `| ${mdCell(m.label)} | ${mdCell(grp)} | ${pr ? childrenCount(pr.n) : p.notDefined} | ${pr ? childrenCount(pr.positives) : p.notDefined} | ${rate('selectionRate', 3)} | ${rate('fpr', 3)} | ${rate('fnr')} | ${rate('precision')} |`,
        );
      }
    }
    out.push('');
    if (notes.size) out.push(...[...notes].map((n) => `¹ ${mdText(n)}.  `), '');
  }
  return out;
}

/** The trainers' card (src/experiment/card.ts, the cell where the bias is strongest): two children with the same truth, different records. */
function cardLines(result: ExperimentResult): string[] {
  const card = trainerCard(result);
  if (card === null) return [];
  const out = [`## ${tm.cardHeading}`, ''];
  if (card.attribute === '') return [...out, tm.cardNoGroups, ''];
  if (card.pair.kind === 'none') return [...out, mdText(`${result.cells.length > 1 ? tm.cardNoneWhere(card.grid ? `${card.scenario}, ${card.grid}` : card.scenario) : ''}${card.pair.explanation}`), ''];
  const [v, o] = card.pair.children;
  const names = card.names!;
  const truth = v.domains.flatMap((d) => d.entries.filter((e) => e.truth > 0).map((e) => e.label));
  const line = (c: typeof v, n: (typeof names)[number]) =>
    `- **${mdText(n.name)}** (made up), ${c.age}, ${mdText(n.area)} (${mdText(card.attribute)} ${mdText(c.group)}): true risk ${c.pTrue.toFixed(3)}; on record: ${mdText(c.domains.flatMap((d) => d.entries.filter((e) => e.recorded > 0).map((e) => e.label)).join(', ')) || 'nothing'}. Score from ${mdText(modelNoun(result, card.model))} ${c.score.toFixed(3)}, ranked ${c.rank.toLocaleString('en-GB')} of ${card.testSize.toLocaleString('en-GB')}: ${c.listed ? 'on' : 'not on'} the list of ${card.listSize.toLocaleString('en-GB')}.`;
  return [
    ...out,
    `${result.cells.length > 1 ? `From ${mdText(card.scenario)}${card.grid ? `, ${mdText(card.grid)}` : ''} (${card.strongerWithoutPair ? 'of the settings with such a pair, the one' : 'the setting'} where the list favours ${mdText(card.attribute)} ${mdText(card.visible)} most): two` : 'Two'} test children with the same true circumstances (${mdText(truth.join(', ')) || 'none'}) and true risk within ${Math.round(card.pair.tolerance * 100)}%, but different records. Names and places are made up.`,
    '',
    line(v, names[0]),
    line(o, names[1]),
    '',
  ];
}
