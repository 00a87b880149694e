import type { ExperimentResult, MetricSummaryRow } from '../experiment/aggregate.js';
import type { ListReason } from '../experiment/list/reasons.js';
import { operatingPointWords } from '../experiment/names.js';
import type { ListEntry, ModelList } from '../experiment/stages/list.js';
import { MARK_WORDS, listSectionMessages as t } from '../messages-list.js';
import { pageMessages, reportMessages, suppressionMessages as sm } from '../messages.js';
import { listSuppression } from '../experiment/list/metrics.js';
import { DEFAULT_MIN_COUNT } from '../metrics/suppression.js';
import { escapeAttribute, escapeHtml, escapeMarkdownCell, escapeMarkdownText } from './escape.js';

/**
 * The list as a commissioner is shown it (issue 17 §1): a sample of the
 * list's rows — who, the score, the reasons — then the same rows with the
 * truth revealed (each reason marked true, a false record, or made after a
 * concern; whether the child was truly at risk; each reviewer's decision),
 * then the share of the list whose top reason is not true, by group. One
 * pure function builds the cells; the Markdown (summary.md) and the HTML
 * (report.html) only lay them out, so the two never differ.
 */

/** A plain-text table. */
export interface TextTable {
  readonly caption: string;
  readonly columns: readonly string[];
  /** Columns (by index) holding numbers. */
  readonly numeric: readonly number[];
  readonly rows: readonly (readonly string[])[];
}

/** The section as cells and paragraphs. */
export interface ListSectionContent {
  readonly heading: string;
  readonly intro: string;
  readonly circulated: TextTable;
  readonly revealed: TextTable;
  readonly note: string;
  /** Said when the list's cut split a block of equal scores. */
  readonly tied: string | null;
  readonly sharesHeading: string;
  readonly sharesIntro: string;
  readonly shares: TextTable | null;
  /** Why some groups' shares are withheld (¹ in the table), or null. */
  readonly sharesWithheld: string | null;
  /** The ranks shown (for tests and readers' tools). */
  readonly ranks: readonly number[];
  readonly model: string;
  readonly cell: number;
}

/**
 * The CSS of the list's tables, added to a page that shows them (the
 * report, the brief): on a phone, a table of class "stack" becomes one card
 * per row, each cell under its column's name (its data-label), so the list
 * never runs off a narrow page.
 */
export const LIST_CSS = `
@media (max-width: 40rem) {
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; box-sizing: border-box; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack caption { display: block; text-align: left; }
  table.stack tr { border-top: 2px solid var(--rule); padding: 0.3rem 0; }
  table.stack td { display: grid; grid-template-columns: 38% 1fr; gap: 0 0.6rem; border: 0; padding: 0.12rem 0.2rem; text-align: left; white-space: normal; }
  table.stack td::before { content: attr(data-label); color: var(--muted); font-size: 0.88em; }
  table.list-shares { font-size: 0.8rem; }
  table.list-shares th, table.list-shares td { padding: 0.2rem 0.25rem; }
}
`.trim();

/** The section in both forms. */
export interface ListSection {
  readonly heading: string;
  readonly html: string;
  readonly markdown: readonly string[];
}

/**
 * Places on a list of `size` shown by a sample of `count`: evenly spaced,
 * the first and the last included (1-based ranks; every place when the list
 * is no longer than the sample).
 *
 * @example
 * samplePlaces(1000, 5); // [1, 251, 501, 750, 1000]
 */
export function samplePlaces(size: number, count: number): number[] {
  if (size <= count) return Array.from({ length: size }, (_, i) => i + 1);
  if (count === 1) return [1];
  const out: number[] = [];
  for (let j = 0; j < count; j++) out.push(1 + Math.round((j * (size - 1)) / (count - 1)));
  return out;
}

/** The list the report samples: the settings' sample model (else the first that gives reasons, else the first) in the first cell that has it. */
export function sampledList(result: ExperimentResult): ModelList & { cell: number } | null {
  const lists = result.lists ?? [];
  if (lists.length === 0) return null;
  const wanted = result.list?.sampleModel ?? lists.find((l) => l.reasons.available)?.model ?? lists[0].model;
  return lists.find((l) => l.model === wanted) ?? null;
}

const pct = (v: number) => (Number.isNaN(v) ? pageMessages.notDefined : `${(v * 100).toFixed(v < 0.01 ? 2 : 1)}%`);
const whole = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? pageMessages.notDefined : Math.round(v).toLocaleString('en-GB'));

/** A reason in words: "Missing episodes 2" for a count, the label for a flag. */
function reasonName(r: ListReason): string {
  const label = r.label.replace(/\s*\(count\)$/, '');
  const shown = label.charAt(0).toUpperCase() + label.slice(1);
  return r.label.endsWith('(count)') || r.value > 1 || r.feature === 'age' ? `${shown} ${r.value}` : shown;
}

function contribution(r: ListReason, scale: string): string {
  const v = r.contribution;
  const sign = v >= 0 ? '+' : '−';
  const abs = Math.abs(v);
  return scale === 'points' ? `${sign}${Number(abs.toPrecision(6))}` : `${sign}${abs.toFixed(abs >= 0.1 ? 2 : 3)}`;
}

function reasonsGiven(list: ModelList, e: ListEntry): string {
  if (!list.reasons.available) return t.noReasons(list.reasons.why);
  if (e.reasons.length === 0) return t.noneRaised;
  const scale = list.reasons.scale;
  return e.reasons.map((r) => `${reasonName(r)} (${contribution(r, scale)})`).join('; ');
}

function reasonsChecked(list: ModelList, e: ListEntry): string {
  if (!list.reasons.available) return t.noReasons(list.reasons.why);
  if (e.reasons.length === 0) return t.noneRaised;
  return e.reasons.map((r) => `${reasonName(r)}: ${MARK_WORDS[r.mark]}`).join('; ');
}

/**
 * Medians of the list's reason counts by group, from the summary rows. A
 * group with fewer children on the list than the experiment's minCount has
 * its counts of untrue reasons and its share withheld (the small-number rule
 * of src/metrics/suppression.ts, as the list's shares rest on the listed
 * children: src/experiment/list/metrics.ts); how many are listed stays.
 */
function sharesTable(result: ExperimentResult, list: ModelList & { cell: number }): { table: TextTable; withheld: string[] } | null {
  const rows = (result.summary ?? []).filter(
    (r) => r.cell === list.cell && r.model === list.model && r.label === 'yTrue' && r.operatingPoint === list.operatingPoint,
  );
  const at = new Map<string, Map<string, MetricSummaryRow>>();
  for (const r of rows) {
    const key = `${r.attribute}\u0000${r.group}`;
    (at.get(key) ?? at.set(key, new Map()).get(key)!).set(r.metric, r);
  }
  const out: string[][] = [];
  const withheld: string[] = [];
  for (const [key, metrics] of at) {
    const share = metrics.get('topReasonFalseOrLeakedShare');
    if (!share) continue;
    const [attribute, group] = key.split('\u0000');
    const name = attribute === 'all' ? t.everyone : `${attribute}: ${group}`;
    const verdict = listSuppression('topReasonFalseOrLeakedShare', { tp: share.flagged, fp: 0, fn: 0, tn: 0 }, result.minCount ?? DEFAULT_MIN_COUNT);
    if (verdict.suppressed) {
      withheld.push(`${name}: ${verdict.reason}`);
      out.push([name, whole(share.flagged), `${sm.mark}¹`, `${sm.mark}¹`, `${sm.mark}¹`]);
      continue;
    }
    out.push([name, whole(share.flagged), whole(metrics.get('topReasonFalse')?.median), whole(metrics.get('topReasonLeaked')?.median), pct(share.median)]);
  }
  return out.length ? { table: { caption: t.sharesHeading, columns: t.sharesColumns, numeric: [1, 2, 3, 4], rows: out }, withheld } : null;
}

/** The section's cells (null when the experiment has no list). */
export function listSectionContent(result: ExperimentResult): ListSectionContent | null {
  const list = sampledList(result);
  if (!list) return null;
  const size = list.entries.length;
  const ranks = samplePlaces(size, result.list?.sample ?? 5);
  const entries = ranks.map((r) => list.entries[r - 1]);
  const attributes = entries.length ? Object.keys(entries[0].groups) : [];
  const model = result.models.find((m) => m.label === list.model)?.label ?? list.model;
  const c = result.cells[list.cell];
  const cellWords = result.cells.length > 1 ? reportMessages.cellName(c.scenario, c.grid, result.cells.length) : null;
  const lead = (e: ListEntry) => [e.rank.toLocaleString('en-GB'), e.name];
  const shares = list.reasons.available ? sharesTable(result, list) : null;
  const circulated: TextTable = {
    caption: t.circulatedCaption,
    columns: [t.columns.place, t.columns.name, t.columns.age, ...attributes, t.columns.score, t.columns.reasons],
    numeric: [0, 2, 3 + attributes.length],
    rows: entries.map((e) => [...lead(e), String(e.age), ...attributes.map((a) => e.groups[a]), e.score.toFixed(3), reasonsGiven(list, e)]),
  };
  const revealed: TextTable = {
    caption: t.revealedCaption,
    columns: [t.columns.place, t.columns.name, t.columns.checked, t.columns.atRisk, t.columns.risk, ...list.reviewers.map(t.columns.review)],
    numeric: [0, 4],
    rows: entries.map((e) => [...lead(e), reasonsChecked(list, e), e.yTrue ? t.yes : t.no, pct(e.pTrue), ...e.reviewed.map((v) => (v ? t.confirmed : t.removed))]),
  };
  return {
    heading: t.heading,
    intro: t.intro(entries.length, size, model, operatingPointWords(list.operatingPoint), ranks, cellWords),
    circulated,
    revealed,
    note: t.scaleNote(list.reasons.available ? list.reasons.scale : null),
    tied: list.tied && list.tied.leftOff > 0 ? t.tied(list.tied.onList, list.tied.leftOff, list.testSize) : null,
    sharesHeading: t.sharesHeading,
    sharesIntro: t.sharesIntro(model, result.replicates),
    shares: shares?.table ?? null,
    sharesWithheld: shares && shares.withheld.length ? t.sharesWithheld(shares.withheld) : null,
    ranks,
    model: list.model,
    cell: list.cell,
  };
}

function markdownTable(table: TextTable): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [`**${escapeMarkdownText(table.caption)}**`, '', line(table.columns), `|${table.columns.map((_, j) => (table.numeric.includes(j) ? ' ---: |' : ' --- |')).join('')}`, ...table.rows.map(line), ''];
}

function htmlTable(table: TextTable, className: string, stack = true): string {
  const cell = (c: string, j: number, tag: 'td' | 'th') =>
    `<${tag}${table.numeric.includes(j) ? ' class="n"' : ''}${tag === 'th' ? ' scope="col"' : ` data-label="${escapeAttribute(table.columns[j])}"`}>${escapeHtml(c)}</${tag}>`;
  return [
    '<div class="table-wrap">',
    // "stack": one card per row on a phone (LIST_CSS), so the list never runs off a narrow page.
    `<table class="${className}${stack ? ' stack' : ''}">`,
    `<caption>${escapeHtml(table.caption)}</caption>`,
    `<thead><tr>${table.columns.map((c, j) => cell(c, j, 'th')).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((r) => `<tr>${r.map((c, j) => cell(c, j, 'td')).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

/**
 * The section as HTML (a `<section class="list">`) and as Markdown lines;
 * null when the experiment has no list.
 *
 * @example
 * const s = listSection(result);
 * if (s) html += s.html;
 */
export function listSection(result: ExperimentResult, options: { level?: number } = {}): ListSection | null {
  const content = listSectionContent(result);
  if (!content) return null;
  const level = options.level ?? 2;
  const h = `h${level}`;
  const sub = `h${level + 1}`;
  const html = [
    `<section class="list" aria-labelledby="list" data-model="${escapeAttribute(content.model)}" data-cell="${content.cell}" data-ranks="${content.ranks.join(' ')}">`,
    `<${h} id="list">${escapeHtml(content.heading)}</${h}>`,
    `<p>${escapeHtml(content.intro)}</p>`,
    htmlTable(content.circulated, 'list-sample'),
    htmlTable(content.revealed, 'list-sample list-truth'),
    `<p class="note">${escapeHtml(content.note)}</p>`,
    ...(content.tied ? [`<p class="note">${escapeHtml(content.tied)}</p>`] : []),
    ...(content.shares ? [`<${sub}>${escapeHtml(content.sharesHeading)}</${sub}>`, `<p class="note">${escapeHtml(content.sharesIntro)}</p>`, htmlTable({ ...content.shares, caption: content.sharesHeading }, 'list-shares', false)] : []),
    ...(content.shares && content.sharesWithheld ? [`<p class="note" data-suppressed>${escapeHtml(content.sharesWithheld)}</p>`] : []),
    '</section>',
  ].join('\n');
  const markdown = [
    `${'#'.repeat(level)} ${escapeMarkdownText(content.heading)}`,
    '',
    escapeMarkdownText(content.intro),
    '',
    ...markdownTable(content.circulated),
    ...markdownTable(content.revealed),
    escapeMarkdownText(content.note),
    '',
    ...(content.tied ? [escapeMarkdownText(content.tied), ''] : []),
    ...(content.shares ? [escapeMarkdownText(content.sharesIntro), '', ...markdownTable(content.shares)] : []),
    ...(content.shares && content.sharesWithheld ? [escapeMarkdownText(content.sharesWithheld), ''] : []),
  ];
  return { heading: content.heading, html, markdown };
}
