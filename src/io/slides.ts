import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import JSZip from 'jszip';
import pptxgen from 'pptxgenjs';

// pptxgenjs's types declare a namespace; its CommonJS/ES build exports the class as default.
const PptxGenJS = pptxgen as unknown as typeof pptxgen.default;
import { deckImages, deckPictures, SLIDE_FONT, SLIDE_IMAGE, type Deck } from '../report/slides/index.js';
import type { RenderPool } from '../report/charts/render-pool.js';

/**
 * Writing a slide deck (issue 11 §3): each picture's 1920 × 1080 SVG to a
 * PNG with resvg, in the slide font loaded from its npm package (system
 * fonts off, so the pixels are the same on every machine), and the deck to
 * slides.pptx with pptxgenjs. pptxgenjs stamps the clock into
 * docProps/core.xml and into every zip entry; both are replaced with the
 * run's date (the stamp's, never the clock's; 1980-01-01, the zip format's
 * first day, when the run has none), so the same config and seed give a
 * byte-identical deck.
 */

const require = createRequire(import.meta.url);

/** The TTF files of the slide font (Atkinson Hyperlegible, SIL Open Font License), from @expo-google-fonts/atkinson-hyperlegible. */
export function slideFontFiles(): string[] {
  const root = dirname(require.resolve('@expo-google-fonts/atkinson-hyperlegible/package.json'));
  return ['400Regular/AtkinsonHyperlegible_400Regular.ttf', '700Bold/AtkinsonHyperlegible_700Bold.ttf'].map((f) => join(root, f));
}

/** An SVG as PNG bytes at its own size, drawn in the slide font only. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    background: '#ffffff',
    font: { fontFiles: slideFontFiles(), loadSystemFonts: false, defaultFontFamily: SLIDE_FONT, sansSerifFamily: SLIDE_FONT },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** The deck's fixed date: the run's (YYYY-MM-DD, midnight UTC), else 1980-01-01. */
export function deckDate(date: string | null): Date {
  return new Date(`${date ?? '1980-01-01'}T00:00:00Z`);
}

/**
 * The font of the deck's own text (titles, body, notes): one every copy of
 * PowerPoint, Keynote and LibreOffice has or substitutes metrically
 * (Liberation Sans). The pictures are drawn in SLIDE_FONT, which a viewer's
 * machine need not have.
 */
const TEXT_FONT = 'Arial';

// The slide is 13.333 × 7.5 inches (16:9, "LAYOUT_WIDE").
const W = 13.333;
const TITLE = { x: 0.4, y: 0.08, w: W - 0.8, h: 0.95 };
/** The first slide's title (the question) has room for four lines. */
const QUESTION = { x: 0.6, y: 0.4, w: W - 1.2, h: 2.3 };
const FOOT = { x: 0.4, y: 7.12, w: W - 0.8, h: 0.3 };

/**
 * The largest title size (points, 32 down to 20) at which `text` fits its
 * box, estimating a character of the slide font at 0.55 em and a line at
 * 1.2 em (PowerPoint does not shrink a placeholder's text on its own).
 */
export function titleSize(text: string, box: { w: number; h: number }): number {
  for (const size of [32, 30, 28, 26, 24, 22]) {
    const perLine = Math.floor((box.w * 72 - 14) / (size * 0.55));
    let lines = 1;
    let line = 0;
    for (const word of text.split(/\s+/)) {
      if (line && line + 1 + word.length > perLine) {
        lines++;
        line = word.length;
      } else line += (line ? 1 : 0) + word.length;
    }
    if (lines * size * 1.2 <= box.h * 72 - 7) return size;
  }
  return 20;
}

/** The deck as pptx bytes, its pictures given as PNG bytes by slide index. */
async function pptxBytes(deck: Deck, pngs: ReadonlyMap<number, { name: string; png: Uint8Array; alt: string }>): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.title;
  pptx.author = 'risklab';
  pptx.company = 'risklab';
  pptx.subject = deck.trace;
  pptx.theme = { headFontFace: TEXT_FONT, bodyFontFace: TEXT_FONT };
  for (const [name, box] of [['RISKLAB', TITLE], ['RISKLAB-QUESTION', QUESTION]] as const) {
    pptx.defineSlideMaster({
      title: name,
      background: { color: 'FFFFFF' },
      objects: [
        { placeholder: { options: { name: 'title', type: 'title', ...box, fontFace: TEXT_FONT, fontSize: 28, bold: true, color: '222222', valign: 'middle' }, text: '' } },
        { text: { text: deck.trace, options: { ...FOOT, fontFace: TEXT_FONT, fontSize: 10, color: '555555' } } },
      ],
    });
  }
  for (const [i, s] of deck.slides.entries()) {
    const first = i === 0;
    const slide = pptx.addSlide({ masterName: first ? 'RISKLAB-QUESTION' : 'RISKLAB' });
    slide.addText(s.title, { placeholder: 'title', fontSize: titleSize(s.title, first ? QUESTION : TITLE) });
    const picture = pngs.get(i);
    if (picture) {
      // 16:9 between the title and the foot: 6.05 in tall (81% of the slide's height), centred.
      const h = 6.05;
      const w = (h * SLIDE_IMAGE.width) / SLIDE_IMAGE.height;
      slide.addImage({ data: `image/png;base64,${Buffer.from(picture.png).toString('base64')}`, x: (W - w) / 2, y: 1.05, w, h, altText: picture.alt });
    } else if (s.body.length) {
      slide.addText(
        s.body.map((text, k) => ({ text, options: { breakLine: true, fontSize: k === 0 && s.id === 'answer' ? 28 : 22, bold: k === 0 && s.id === 'answer', color: k === s.body.length - 1 && s.id === 'answer' ? '555555' : '222222', paraSpaceAfter: 14, bullet: s.id === 'questions' } })),
        first ? { x: 0.6, y: 2.8, w: W - 1.2, h: 4.2, fontFace: TEXT_FONT, valign: 'top', fit: 'shrink' } : { x: 0.6, y: 1.3, w: W - 1.2, h: 5.6, fontFace: TEXT_FONT, valign: 'top', fit: 'shrink' },
      );
    }
    slide.addNotes(s.notes);
  }
  // Stored, not deflated: fixedZip below deflates every entry once (the same bytes as deflating here too).
  const raw = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return fixedZip(raw, deckDate(deck.date));
}

/** The same zip with docProps/core.xml's dates and every entry's date set to `date`, entries in their order. */
export async function fixedZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) {
      out.folder(entry.name);
      continue;
    }
    let content: string | Uint8Array = await entry.async('uint8array');
    if (entry.name === 'docProps/core.xml') {
      content = Buffer.from(content)
        .toString('utf8')
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${iso}$2`);
    }
    out.file(entry.name, content, { date, createFolders: false });
  }
  for (const entry of Object.values(out.files)) entry.date = date;
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

/**
 * A deck's files for the results folder: slides.pptx and each picture as
 * slides/<nn>-<id>.png (the same PNGs the deck holds). With `pool`, the
 * pictures and PNGs are made on its threads (the same bytes).
 */
export async function slideFiles(deck: Deck, pool?: Pick<RenderPool, 'slide' | 'png'>): Promise<Record<string, Uint8Array>> {
  // With a render pool, its threads make each chart's picture and PNG in one job, and each drawn picture's PNG, while this thread does other work.
  const made = pool
    ? await Promise.all(deckPictures(deck).map(async ({ name, slide, idPrefix, source }) => ({ name, slide, png: await (source.kind === 'chart' ? pool.slide(source.spec, idPrefix) : pool.png(source.draw().svg)) })))
    : (await deckImages(deck)).map(({ name, slide, image }) => ({ name, slide, png: svgToPng(image.svg) }));
  const files: Record<string, Uint8Array> = {};
  const pngs = new Map<number, { name: string; png: Uint8Array; alt: string }>();
  for (const { name, slide, png } of made) {
    files[`slides/${name}`] = png;
    pngs.set(slide, { name, png, alt: deck.slides[slide].picture?.alt ?? '' });
  }
  files['slides.pptx'] = await pptxBytes(deck, pngs);
  return files;
}
