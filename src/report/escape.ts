/**
 * Escaping for text that came from a config or a data file (experiment and
 * scenario names, group labels, sources, warnings) before it goes into HTML
 * or SVG. Every report function escapes such text at the point where it is
 * put into markup; numbers formatted by the report itself need no escaping.
 *
 * Reference: OWASP Cross Site Scripting Prevention Cheat Sheet, rule #1
 * (HTML entity encoding of & < > " ').
 *
 * @example
 * escapeHtml('<script>alert(1)</script>'); // "&lt;script&gt;alert(1)&lt;/script&gt;"
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Text for a double-quoted attribute value (the same entities, and line
 * breaks kept as entities so an attribute never spans lines).
 *
 * @example
 * `<td title="${escapeAttribute('a "b"')}">`; // title="a &quot;b&quot;"
 */
export function escapeAttribute(value: unknown): string {
  return escapeHtml(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/**
 * A fragment identifier or file-name part made from any text: lower-case
 * a–z, 0–9 and single hyphens; "x" when nothing is left. Not unique by
 * itself: callers add an index where two texts could give the same slug.
 *
 * @example
 * slug('Sex × ethnicity'); // "sex-ethnicity"
 * slug('<script>');        // "script"
 */
export function slug(value: string): string {
  const s = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s;
}
