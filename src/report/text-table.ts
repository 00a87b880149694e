import { terminalText } from './escape.js';

/**
 * A plain-text table with aligned columns for terminals. Numbers are
 * right-aligned, text left-aligned. Each cell is one line: control characters
 * are removed and line breaks become spaces (`terminalText`), so a group name
 * can neither break the table nor reach the terminal raw.
 */
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => terminalText(c)));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number' || /^([-\d.,%]+|n\/a)$/.test(String(r[j]))));
  const line = (r: string[]) =>
    r.map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
