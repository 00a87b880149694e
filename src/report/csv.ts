/**
 * CSV cells, RFC 4180 style. Text that begins with `=`, `+`, `-` or `@` is
 * prefixed with an apostrophe so spreadsheets show it as text instead of
 * running it as a formula (OWASP "CSV injection").
 *
 * Numbers are written in the lexical form of the Frictionless Table Schema
 * `number` type (https://specs.frictionlessdata.io/table-schema/#number),
 * which every results folder's datapackage.json declares: the shortest
 * decimal that reads back to the same double (JavaScript's `String`), with
 * an exponent marked `E` ("1E-7"), and the special values `NaN`, `INF` and
 * `-INF`. pandas, R, Python's `float`/`Decimal` and frictionless-py all read
 * these; in JavaScript use `csvNumber` (plain `Number("INF")` is NaN).
 *
 * @example
 * csvCell('=HYPERLINK("x")'); // "'=HYPERLINK(""x"")" quoted
 * csvCell(-0.5);              // "-0.5"
 * csvCell(Infinity);          // "INF"
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvText(value);
}

/** A text cell as written: the apostrophe guard, then RFC 4180 quoting when needed. */
export function csvText(value: string): string {
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\n\r]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** The text a spreadsheet shows for a text cell (the apostrophe guard applied, before quoting): the value datapackage.json enums list. */
export function csvShownText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A number in Table Schema lexical form: NaN, INF, -INF, or JavaScript's
 * shortest round-trip decimal with an upper-case exponent mark.
 *
 * @example
 * numberText(0.25);      // "0.25"
 * numberText(1e-7);      // "1E-7"
 * numberText(-Infinity); // "-INF"
 */
export function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  const s = String(value);
  return s.includes('e') ? s.replace('e', 'E') : s;
}

/**
 * Read a number cell written by `csvCell` (or any Table Schema number):
 * NaN, INF and -INF in any case, exponents with e or E. The empty cell is
 * NaN too.
 *
 * @example
 * csvNumber('INF');   // Infinity
 * csvNumber('1E-7');  // 1e-7
 */
export function csvNumber(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  return t === '' ? NaN : Number(t);
}

/** One CSV line (with trailing newline) from cells. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}
