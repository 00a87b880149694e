/**
 * Printing the brief with Debian's chromium: exactly one A4 page, and the
 * same bytes every time (Chromium writes the print time as /CreationDate
 * and /ModDate; src/io/pdf.ts sets them from the run's fixed date). Fails,
 * never skips, when chromium is missing (.ci/run installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkChromium, normalisePdf, openPdfPrinter, pdfPageCount, type PdfPrinter } from '../../src/io/pdf.js';
import { pdfMessages, RisklabError } from '../../src/messages.js';
import { briefHtml, experimentBrief } from '../../src/report/brief/index.js';
import { versionOnly } from '../../src/report/stamp.js';
import { tinyResult } from '../report/fixture.js';

const OUT = new URL('../../test-output/', import.meta.url).pathname;
let printer: PdfPrinter;
const html = briefHtml(experimentBrief(tinyResult(), { ...versionOnly('test'), date: '2025-06-01', dateSource: 'commit' }));

beforeAll(async () => {
  printer = await openPdfPrinter();
}, 60_000);

afterAll(async () => {
  await printer?.close();
});

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('brief.pdf', () => {
  it('prints the brief on exactly one A4 page, with the fixed date and the same bytes every time', async () => {
    const a = await printer.print(html, '2025-06-01', { onePage: true });
    await new Promise((r) => setTimeout(r, 1100)); // a second later: an unfixed CreationDate would differ
    const b = await printer.print(html, '2025-06-01', { onePage: true });
    expect(text(a).slice(0, 5)).toBe('%PDF-');
    expect(pdfPageCount(a)).toBe(1);
    expect(text(a)).toMatch(/\/MediaBox \[0 0 594\.\d+ 841\.\d+\]/); // A4 in points
    expect(text(a)).toContain("/CreationDate (D:20250601000000+00'00')");
    expect(text(a)).toContain("/ModDate (D:20250601000000+00'00')");
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'tiny-brief.pdf'), a);
  }, 60_000);

  it('counts pages: a page twice as long as A4 prints on two without onePage', async () => {
    const long = html.replace('</main>', `${'<p>filler line</p>'.repeat(120)}</main>`);
    expect(pdfPageCount(await printer.print(long, null))).toBeGreaterThan(1);
  }, 60_000);
});

describe('normalisePdf', () => {
  it('sets every embedded date to the fixed one and keeps every byte offset', () => {
    const raw = (when: string) => new TextEncoder().encode(`%PDF-1.4\n1 0 obj <</Producer (Skia/PDF m156) /CreationDate (D:${when}+00'00') /ModDate (D:${when}+00'00')>> endobj\ntrailer <</ID [<0A1B2C3D> <0A1B2C3D>]>>\n%%EOF\n`);
    const a = normalisePdf(raw('20260101120000'), '2025-06-01');
    const b = normalisePdf(raw('20260101120001'), '2025-06-01');
    expect(a.length).toBe(raw('20260101120000').length);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(text(a)).toContain("/CreationDate (D:20250601000000+00'00')");
    expect(text(a)).not.toContain('0A1B2C3D');
    expect(text(normalisePdf(raw('20260101120000'), null))).toContain('(D:19700101000000');
  });
});

describe('a missing chromium', () => {
  it('is one clear line naming the path and how to install it, before any work', () => {
    const env = { ...process.env, RISKLAB_CHROMIUM: '/nonexistent/chromium' };
    expect(() => checkChromium(env)).toThrow(RisklabError);
    expect(() => checkChromium(env)).toThrow(pdfMessages.noChromium('/nonexistent/chromium'));
    expect(pdfMessages.noChromium('/x')).not.toContain('\n');
  });
});
