/**
 * CSV cells, RFC 4180 style. Text that begins with `=`, `+`, `-` or `@` is
 * prefixed with an apostrophe so spreadsheets show it as text instead of
 * running it as a formula (OWASP "CSV injection"); numbers are never altered.
 *
 * @example
 * csvCell('=HYPERLINK("x")'); // "'=HYPERLINK(""x"")" quoted
 * csvCell(-0.5);              // "-0.5"
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\n\r]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV line (with trailing newline) from cells. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}
