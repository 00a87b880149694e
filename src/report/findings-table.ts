import type { Finding } from '../experiment/findings/evaluate.js';
import { reportMessages as t } from '../messages.js';
import { escapeAttribute, escapeHtml, escapeMarkdownCell } from './escape.js';

/**
 * The findings table — one function builds it for summary.md, report.html,
 * results/README.md and results/index.html alike, so the four can never
 * show a finding differently. `findingsTable` makes the cells (plain text);
 * `findingsMarkdown` and `findingsHtml` only lay them out.
 */

/** The table as plain-text cells, with each row's finding id. */
export interface FindingsTable {
  readonly columns: readonly string[];
  /** Columns (by index) that hold numbers. */
  readonly numeric: readonly number[];
  readonly rows: readonly { readonly id: string; readonly median: number; readonly cells: readonly string[] }[];
}

/** A finding's number: whole numbers from 10 up, else 3 decimals; "n/a" when undefined. */
export function findingNumber(v: number): string {
  if (Number.isNaN(v)) return t.notDefined;
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(3);
}

/** The verdict of a banded finding in words (with a symbol, never colour alone). */
export function holdsWords(holds: boolean | null | undefined): string {
  if (holds === undefined) return '';
  return holds === null ? t.findingUnknown : holds ? t.findingHolds : t.findingFails;
}

/**
 * The cells of the findings table: claim, median, 2.5–97.5% range across
 * replicates, the band asked for, where the band comes from, and whether it
 * holds. With `bandedOnly`, only findings that have a band.
 *
 * @example
 * findingsTable(result.findings.findings).rows[0].cells; // ["median precision…", "0.418", "0.401–0.432", "0.35–0.5", "What Works (2020)…", "✓ yes"]
 */
export function findingsTable(findings: readonly Finding[], options: { bandedOnly?: boolean } = {}): FindingsTable {
  const list = options.bandedOnly ? findings.filter((f) => f.band) : findings;
  return {
    columns: t.findingsColumns,
    numeric: [1, 2],
    rows: list.map((f) => ({
      id: f.id,
      median: f.median,
      cells: [f.claim, findingNumber(f.median), `${findingNumber(f.lower)}–${findingNumber(f.upper)}`, f.band?.text ?? '', f.band?.source ?? '', holdsWords(f.holds)],
    })),
  };
}

/** The table as Markdown lines (none when it has no rows). */
export function findingsMarkdown(table: FindingsTable): string[] {
  if (table.rows.length === 0) return [];
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const escaped = (cells: readonly string[]) => line(cells.map(escapeMarkdownCell));
  return [escaped(table.columns), line(table.columns.map(() => '---')), ...table.rows.map((r) => escaped(r.cells))];
}

/** The table as HTML (escaped), each row marked with its finding id and exact median for readers' tools and tests. */
export function findingsHtml(table: FindingsTable): string {
  if (table.rows.length === 0) return '';
  const head = `<thead><tr>${table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = table.rows.map(
    (r) =>
      `<tr data-finding="${escapeAttribute(r.id)}" data-median="${Number.isNaN(r.median) ? '' : r.median}">${r.cells
        .map((c, j) => (table.numeric.includes(j) ? `<td class="n">${escapeHtml(c)}</td>` : `<td>${escapeHtml(c)}</td>`))
        .join('')}</tr>`,
  );
  return ['<div class="table-wrap"><table class="findings">', head, `<tbody>${body.join('')}</tbody></table></div>`].join('\n');
}
