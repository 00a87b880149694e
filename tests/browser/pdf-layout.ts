import { execFileSync } from 'node:child_process';

/** One printed page: how far down its content reaches, and its last line of text. */
export interface PrintedPage {
  readonly page: number;
  /** The lowest text on the page, as a share of the page height (0–1). */
  readonly fill: number;
  /** The text of the page's lowest line. */
  readonly lastLine: string;
}

/**
 * The pages of a PDF as poppler's `pdftotext -bbox-layout` sees them (Debian's
 * poppler-utils; .ci/run installs it): for each page the lowest line of text
 * (every chart carries its axis labels as text, so a chart's foot counts) and
 * what it says. Used to find near-blank pages and headings left alone at
 * the foot of a page.
 */
export function printedPages(pdf: string): PrintedPage[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const pages: PrintedPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (let m = pageRe.exec(xml); m; m = pageRe.exec(xml)) {
    const height = Number(m[2]);
    let lowest = 0;
    let lastLine = '';
    const lineRe = /<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g;
    for (let l = lineRe.exec(m[3]); l; l = lineRe.exec(m[3])) {
      const words = [...l[3].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1])).join(' ');
      const yMax = Number(l[2]);
      if (yMax >= lowest) {
        lowest = yMax;
        lastLine = words;
      }
    }
    pages.push({ page: pages.length + 1, fill: lowest / height, lastLine });
  }
  return pages;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Pages (not the last) whose content ends in the top `share` of the page. */
export function nearBlankPages(pages: readonly PrintedPage[], share = 0.3): number[] {
  return pages.filter((p) => p.page < pages.length && p.fill < share).map((p) => p.page);
}

/** Pages (not the last) whose lowest line is one of `headings`: a heading printed alone at the foot. */
export function headingsAtFoot(pages: readonly PrintedPage[], headings: readonly string[]): number[] {
  const set = new Set(headings.map((h) => h.replace(/\s+/g, ' ').trim()).filter(Boolean));
  return pages.filter((p) => p.page < pages.length && set.has(p.lastLine.replace(/\s+/g, ' ').trim())).map((p) => p.page);
}
