import type { Finding } from '../experiment/findings/evaluate.js';
import { pageMessages as p, reportMessages as t, suppressionMessages as s } from '../messages.js';
import { escapeAttribute, escapeHtml, escapeMarkdownCell } from './escape.js';
import { formatCount } from '../metrics/natural-frequencies.js';

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
  readonly rows: readonly { readonly id: string; readonly median: number; readonly suppressed?: string; readonly cells: readonly string[] }[];
}

/**
 * A finding's number: a count of children in whole children (medians of
 * counts round halves to the even neighbour: 28.5 → 28); other numbers
 * whole from 10 up, else 3 decimals; "not defined" when undefined.
 */
export function findingNumber(v: number, children = false): string {
  if (Number.isNaN(v)) return p.notDefined;
  if (children) return formatCount(v);
  return Math.abs(v) >= 10 ? formatCount(v) : v.toFixed(3);
}

/** A 2.5–97.5% range: "25–32", "−12 to −7" (a range with a negative end reads "to", and uses a true minus). */
function rangeWords(lower: number, upper: number, children: boolean): string {
  const a = findingNumber(lower, children).replace(/^-/, '−');
  const b = findingNumber(upper, children).replace(/^-/, '−');
  return lower < 0 || upper < 0 ? `${a} to ${b}` : `${a}–${b}`;
}

/** The verdict of a banded finding in words (with a symbol, never colour alone). */
export function holdsWords(holds: boolean | null | undefined): string {
  if (holds === undefined) return '';
  return holds === null ? t.findingUnknown : holds ? t.findingHolds : t.findingFails;
}

/**
 * The cells of the findings table: claim, median, 2.5–97.5% range across
 * replicates, the target (band), where it comes from, and whether the
 * simulation reaches it. A finding resting on too few children shows
 * "suppressed" instead of its numbers, with the reason after its claim, and
 * is never judged. With `bandedOnly`, only findings that have a band.
 *
 * @example
 * findingsTable(result.findings.findings).rows[0].cells; // ["median precision…", "0.418", "0.401–0.432", "0.35–0.5", "What Works (2020)…", "✓ yes"]
 */
export function findingsTable(findings: readonly Finding[], options: { bandedOnly?: boolean } = {}): FindingsTable {
  const list = options.bandedOnly ? findings.filter((f) => f.band) : findings;
  // Without a single target, the three target columns would stand empty: leave them out.
  const targets = list.some((f) => f.band);
  const keep = (cells: readonly string[]) => (targets ? cells : cells.slice(0, 3));
  return {
    columns: keep(p.findingsColumns),
    numeric: [1, 2],
    rows: list.map((f) =>
      f.suppressed
        ? {
            id: f.id,
            median: f.median,
            suppressed: f.suppressed,
            cells: keep([`${f.claim} (${f.suppressed})`, s.mark, s.mark, f.band?.text ?? '', f.band?.source ?? '', f.band ? t.findingUnknown : '']),
          }
        : {
            id: f.id,
            median: f.median,
            cells: keep([f.claim, findingNumber(f.median, f.children), Number.isNaN(f.median) ? p.notDefined : rangeWords(f.lower, f.upper, f.children), f.band?.text ?? '', f.band?.source ?? '', holdsWords(f.holds)]),
          },
    ),
  };
}

/** The table as Markdown lines (none when it has no rows). */
export function findingsMarkdown(table: FindingsTable): string[] {
  if (table.rows.length === 0) return [];
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const escaped = (cells: readonly string[]) => line(cells.map(escapeMarkdownCell));
  return [escaped(table.columns), line(table.columns.map(() => '---')), ...table.rows.map((r) => escaped(r.cells))];
}

/**
 * The table as HTML (escaped), each row marked with its finding id and exact
 * median for readers' tools and tests (and `data-suppressed` with the reason
 * when it is withheld). `text` renders the claim column (default: escaped;
 * a page passes its glossary to link first uses).
 */
export function findingsHtml(table: FindingsTable, text: (plain: string) => string = escapeHtml): string {
  if (table.rows.length === 0) return '';
  const head = `<thead><tr>${table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = table.rows.map(
    (r) =>
      `<tr data-finding="${escapeAttribute(r.id)}" data-median="${Number.isNaN(r.median) ? '' : r.median}"${r.suppressed ? ` data-suppressed="${escapeAttribute(r.suppressed)}"` : ''}>${r.cells
        .map((c, j) => (table.numeric.includes(j) ? `<td class="n">${escapeHtml(c)}</td>` : `<td>${j === 0 ? text(c) : escapeHtml(c)}</td>`))
        .join('')}</tr>`,
  );
  return ['<div class="table-wrap"><table class="findings">', head, `<tbody>${body.join('')}</tbody></table></div>`].join('\n');
}
