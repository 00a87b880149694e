import { existsSync } from 'node:fs';
import { RisklabError, pdfMessages as m } from '../messages.js';

/**
 * Printing HTML to PDF with Debian's chromium, headless (never a downloaded
 * browser), through playwright-core. I/O: the browser is a process, so this
 * lives in src/io and runs on the main thread only (never in a worker).
 *
 * One browser serves many prints (`openPdfPrinter` once, `print` per page,
 * `close` at the end): `npm start` launches it once for every experiment.
 *
 * Reproducible bytes: Chromium (Skia's PDF backend) writes the print time
 * into the document information dictionary as /CreationDate and /ModDate
 * (`(D:YYYYMMDDHHmmSS+00'00')`), and an /ID pair derived from it. `print`
 * replaces both dates with the fixed date given (the run stamp's date, see
 * src/io/stamp.ts) and the ID with a hash of the rest of the file — byte
 * for byte the same length, so the cross-reference offsets stay valid — and
 * loads the page with `setContent` (no file path or URL is embedded).
 */

/** Where chromium is: RISKLAB_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.RISKLAB_CHROMIUM ?? '/usr/bin/chromium';
}

/** The flags every headless launch uses. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'] as const;

/** Fail early, with one line, when chromium is missing (before a run's first task, not after it). */
export function checkChromium(env: NodeJS.ProcessEnv = process.env): void {
  const path = chromiumPath(env);
  if (!existsSync(path)) throw new RisklabError(m.noChromium(path), 'chromium');
}

/** A browser ready to print pages. */
export interface PdfPrinter {
  /**
   * Print one self-contained HTML page to A4 PDF bytes with every embedded
   * date set to `date` (YYYY-MM-DD; null: 1970-01-01). With `onePage`, a
   * page that would run over one A4 page is printed with its text a little
   * smaller (in steps, down to `ONE_PAGE_SIZES`' last), so a brief with a
   * long question or headline still prints on one page; the test counts
   * the pages.
   */
  print(html: string, date: string | null, options?: { onePage?: boolean }): Promise<Uint8Array>;
  /** Close the browser. */
  close(): Promise<void>;
}

/**
 * Launch chromium for printing. Fails with one clear line (a RisklabError,
 * exit 2) when chromium is missing: `npm start` must not skip the brief
 * silently.
 */
export async function openPdfPrinter(env: NodeJS.ProcessEnv = process.env): Promise<PdfPrinter> {
  checkChromium(env);
  const path = chromiumPath(env);
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    // risklab's own handlers (src/cli/signals.ts) stop the command on a signal; the browser, a child, ends with the process.
    browser = await chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS], timeout: 60_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  } catch (e) {
    throw new RisklabError(m.launchFailed(path, (e as Error).message.split('\n')[0]), 'chromium');
  }
  return {
    async print(html, date, options = {}) {
      // The viewport is the A4 content box at 96 px/inch (the brief's @page margins 12 mm × 10 mm), so the page can be measured before printing.
      const page = await browser.newPage({ viewport: A4_CONTENT });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        if (options.onePage) {
          for (const size of ONE_PAGE_SIZES) {
            // The bottom of the body's content (the document's scrollHeight is never less than the viewport).
            const height = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom));
            if (height <= A4_CONTENT.height - 12) break;
            await page.evaluate((pt) => {
              document.documentElement.style.fontSize = pt;
            }, `${size}pt`);
          }
        }
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true });
        return normalisePdf(new Uint8Array(pdf), date);
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}

/** Print one page on one A4 sheet (`onePage`) with the given browser, or with one launched (and closed) for this alone. */
export async function printBrief(html: string, date: string | null, printer?: PdfPrinter | Promise<PdfPrinter>): Promise<Uint8Array> {
  if (printer) return (await printer).print(html, date, { onePage: true });
  const own = await openPdfPrinter();
  try {
    return await own.print(html, date, { onePage: true });
  } finally {
    await own.close();
  }
}

/** The A4 content box of a page with 12 mm side and 10 mm top and bottom margins, in CSS px (96 per inch). */
const A4_CONTENT = { width: Math.floor(((210 - 24) / 25.4) * 96), height: Math.floor(((297 - 20) / 25.4) * 96) };

/** Root text sizes tried, in order, to fit a page on one sheet (the brief's own is 10.6 pt). */
export const ONE_PAGE_SIZES = [10.2, 9.8, 9.4, 9, 8.6] as const;

/** D:YYYYMMDD000000 for a date (or the epoch). */
function pdfDate(date: string | null): string {
  const d = (date ?? '1970-01-01').replace(/-/g, '');
  return `D:${d}000000`;
}

/**
 * Make a PDF's embedded dates and ID a function of its content and `date`:
 * every `(D:…)` date string is replaced by `date` at midnight UTC, padded to
 * the same length; the trailer's `/ID [<…> <…>]` by a hash of the rest.
 * Lengths never change, so the xref table stays right.
 *
 * @example
 * normalisePdf(bytes, '2025-06-01'); // /CreationDate (D:20250601000000+00'00')
 */
export function normalisePdf(bytes: Uint8Array, date: string | null): Uint8Array {
  // latin1 keeps one character per byte, so offsets are preserved.
  let text = Buffer.from(bytes).toString('latin1');
  const fixed = pdfDate(date);
  text = text.replace(/\(D:(\d{14})([^)]*)\)/g, (whole, _digits: string, zone: string) => {
    const replacement = `(${fixed}${zone.length >= 7 ? "+00'00'" : zone.replace(/./g, '0').slice(0, zone.length)})`;
    return replacement.length === whole.length ? replacement : `(${fixed}${' '.repeat(whole.length - fixed.length - 2)})`;
  });
  // A content hash for the ID: FNV-1a over the text with the ID blanked, printed as hex of the ID's own length.
  const idPattern = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g;
  const blank = text.replace(idPattern, (w) => w.replace(/[0-9A-Fa-f](?=[0-9A-Fa-f]*>)/g, '0'));
  const hash = fnvHex(blank);
  text = text.replace(idPattern, (w, a: string, b2: string) => w.replace(a, stretch(hash, a.length)).replace(b2, stretch(hash, b2.length)));
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** 64-bit FNV-1a of a string, as 16 hex digits. */
function fnvHex(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0').toUpperCase();
}

const stretch = (hex: string, length: number) => hex.repeat(Math.ceil(length / hex.length)).slice(0, length);

/** The number of pages of a PDF (its /Type /Page objects): what the one-page test counts. */
export function pdfPageCount(bytes: Uint8Array): number {
  return (Buffer.from(bytes).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
