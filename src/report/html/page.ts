import { escapeHtml } from '../escape.js';
import { REPORT_CSS } from './styles.js';

/**
 * A whole HTML document around a body: UTF-8, a phone viewport, the inline
 * CSS, and a Content-Security-Policy that allows nothing but that inline
 * style and inline images — no scripts, fonts, frames or requests of any
 * kind — so even a mistake elsewhere cannot run code or fetch anything.
 * `title` is raw text (escaped here); `body` is HTML already escaped;
 * `css` is added after the shared style (a page's own layout, e.g. the brief's).
 */
export function htmlPage(title: string, body: string, css = ''): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${REPORT_CSS}${css ? `\n${css}` : ''}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A table wrapped so it scrolls sideways on a narrow screen. Cells are HTML already escaped. */
export function htmlTable(options: {
  readonly caption?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns (by index) holding numbers: right-aligned. */
  readonly numeric?: readonly number[];
  readonly className?: string;
}): string {
  const { caption, columns, rows, numeric = [], className } = options;
  const head = `<thead><tr>${columns.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c, j) => (numeric.includes(j) ? `<td class="n">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n');
  return [
    '<div class="table-wrap">',
    `<table${className ? ` class="${className}"` : ''}>`,
    caption ? `<caption>${caption}</caption>` : '',
    head,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}
