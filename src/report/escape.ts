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

/**
 * Text that came from a config or a data file, made safe to print on a
 * terminal: ANSI/VT escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL`
 * or `ESC \`, and two-character `ESC x`) are removed whole, and every other C0
 * control character (U+0000–U+001F except tab and, when `multiline`, line
 * feed), DEL and the C1 controls (U+0080–U+009F, which some terminals read as
 * 8-bit CSI/OSC) are removed. The Unicode explicit bidirectional controls
 * (U+202A–U+202E, U+2066–U+2069) are removed too, since they make a terminal
 * show text in a different order than it is ("Trojan Source", CVE-2021-42574).
 * Without `multiline`, line breaks become spaces so that a one-line message
 * stays one line.
 *
 * Reference: ECMA-48 (control functions), sections 5.3–5.6; Boucher and
 * Anderson (2021) "Trojan Source: Invisible Vulnerabilities".
 *
 * @example
 * terminalText('name\x1b]0;pwned\x07\x1b[2J'); // "name"
 * terminalText('a\nb');                        // "a b"
 * terminalText('a\nb', { multiline: true });   // "a\nb"
 */
export function terminalText(value: unknown, options: { multiline?: boolean } = {}): string {
  let s = String(value ?? '')
    // OSC / DCS / SOS / PM / APC strings, ended by BEL or ST (ESC \), or unterminated to the end.
    .replace(/\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g, '')
    .replace(/[\x90\x98\x9d\x9e\x9f][\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g, '')
    // CSI sequences: ESC [ (or 8-bit CSI) parameters, intermediates, final byte.
    .replace(/(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g, '')
    // Any other escape: ESC, optional intermediates, one final character.
    .replace(/\x1b[\x20-\x2f]*[\x30-\x7e]?/g, '');
  if (!options.multiline) s = s.replace(/\r\n|[\n\r\v\f\u2028\u2029]/g, ' ');
  else s = s.replace(/\r\n/g, '\n');
  return s.replace(options.multiline ? /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g : /[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '');
}

/**
 * Text from a config or a data file for Markdown prose (headings, list items,
 * sentences): HTML is neutralised (`&`, `<`, `>` become entities, so
 * `<script>` shows as text and never runs), the characters that start
 * Markdown constructs (`\` `` ` `` `*` `_` `[` `]` `|` `~`, and `#`, `+`, `-`,
 * `=` `!` at the start) are backslash-escaped, line breaks become spaces (a
 * name never starts a new block), and terminal control characters are removed.
 * An underscore inside a word (`missing_episodes`) is left alone: CommonMark
 * never reads it as emphasis.
 *
 * Reference: CommonMark 0.31 spec, §2.4 (backslash escapes: any ASCII
 * punctuation) and §6.2 (intraword `_` is not emphasis); GitHub Flavored
 * Markdown spec, §4.10 (a `|` in a table cell is written `\|`).
 *
 * @example
 * escapeMarkdownText('<script>alert(1)</script>'); // "&lt;script&gt;alert(1)&lt;/script&gt;"
 * escapeMarkdownText('a*b* [x](y)');                // "a\\*b\\* \\[x\\](y)"
 */
export function escapeMarkdownText(value: unknown): string {
  return terminalText(value)
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|~]/g, (c) => `\\${c}`)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    // Block starts (CommonMark §4.2, §5.2–5.3): "# " heading, "- " / "+ " item, "1. " / "1) " item, a line of - or =.
    .replace(/^(\s*)(#{1,6}|[-+]|\d{1,9}[.)])(?=\s|$)|^(\s*)([-=])(?=[-=\s]*$)/, (m) =>
      /^\s*\d/.test(m) ? m.replace(/[.)]$/, '\\$&') : m.replace(/^(\s*)(.)/, '$1\\$2'),
    );
}

/**
 * Text for one cell of a Markdown (GFM) table: `escapeMarkdownText`, so a `|`
 * in a group name is `\|` and never adds a column, line breaks are spaces so
 * a cell never ends its row, and an empty value stays an empty cell.
 *
 * @example
 * `| ${escapeMarkdownCell('a | b')} |`; // "| a \\| b |"
 */
export function escapeMarkdownCell(value: unknown): string {
  return escapeMarkdownText(value).trim();
}

/**
 * A fenced code block around text that may hold backticks: the fence is one
 * backtick longer than the longest run inside (at least three), so no line of
 * the text can close it early, and control characters are removed.
 *
 * Reference: CommonMark 0.31 spec, §4.5 (the closing fence must be at least as
 * long as the opening one).
 *
 * @example
 * markdownFence('a ``` b', 'text'); // "````text\na ``` b\n````"
 */
export function markdownFence(text: string, info = ''): string {
  const body = terminalText(text, { multiline: true });
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}
