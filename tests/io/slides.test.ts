import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { slideFiles } from '../../src/io/slides.js';
import { experimentDeck, MIN_SLIDE_FONT, deckImages } from '../../src/report/slides/index.js';
import type { RunStamp } from '../../src/report/stamp.js';
import { questionTitle } from '../../src/report/words.js';
import { tinyResult } from '../report/fixture.js';

const stamp: RunStamp = { version: '0.1.0', commit: 'a'.repeat(40), localChanges: false, date: '2026-03-01', dateSource: 'commit' };

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  expect([...bytes.slice(12, 16)].map((b) => String.fromCharCode(b)).join('')).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of every <a:t> in an XML part, joined. */
const texts = (xml: string) => [...xml.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1])).join('');

/** The title placeholder's text of a slide's XML. */
function titleOf(xml: string): string {
  const shape = [...xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).find((s) => /<p:ph\s[^>]*type="title"/.test(s));
  return shape ? texts(shape) : '';
}

const slideNumber = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1]);

describe('slides.pptx', async () => {
  const result = tinyResult();
  const deck = experimentDeck(result, stamp, { gridMetrics: ['precision'] });
  const files = await slideFiles(deck);
  const zip = await JSZip.loadAsync(files['slides.pptx']);
  const slideNames = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => slideNumber(a) - slideNumber(b));

  it('has 6–8 slides, the deck’s', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(6);
    expect(deck.slides.length).toBeLessThanOrEqual(8);
    expect(slideNames.length).toBe(deck.slides.length);
  });

  it('titles each slide with its message: the question, then messages with the run’s numbers; the answer is the declared headline', async () => {
    const titles = await Promise.all(slideNames.map(async (n) => titleOf(await zip.file(n)!.async('string'))));
    expect(titles).toEqual(deck.slides.map((s) => s.title));
    expect(titles[0]).toBe(questionTitle(result.question).title);
    expect(texts(await zip.file(slideNames[0])!.async('string'))).toContain(result.findings.headline);
    // Numbers in titles come from the run: never "NaN" or "undefined", and most titles carry a number.
    for (const t of titles) expect(t).not.toMatch(/NaN|undefined|null/);
    expect(titles.filter((t) => /\d/.test(t)).length).toBeGreaterThanOrEqual(titles.length - 2);
    // The records-versus-truth title: recall against the records and the truth in tenths, e.g. "Looks 3 in 10 on the records; really finds 2 in 10".
    expect(titles[1]).toMatch(/^Looks (\d+|fewer than 1) in 10 on the records; really finds (\d+|fewer than 1) in 10$/);
  });

  it('puts speaker notes on every slide', async () => {
    const notes = Object.keys(zip.files).filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n)).sort((a, b) => slideNumber(a) - slideNumber(b));
    expect(notes.length).toBe(deck.slides.length);
    for (const [i, n] of notes.entries()) {
      const text = texts(await zip.file(n)!.async('string'));
      expect(text).toContain(deck.slides[i].notes.slice(0, 60));
      expect(deck.slides[i].notes.length).toBeGreaterThan(80);
    }
  });

  it('holds only 1920 × 1080 PNGs, the same as those written beside it', async () => {
    const media = Object.keys(zip.files).filter((n) => n.startsWith('ppt/media/') && n.endsWith('.png'));
    const pngs = Object.keys(files).filter((n) => n.startsWith('slides/'));
    expect(media.length).toBe(deck.slides.filter((s) => s.picture).length);
    expect(pngs.length).toBe(media.length);
    for (const n of media) expect(pngSize(await zip.file(n)!.async('uint8array'))).toEqual({ width: 1920, height: 1080 });
    for (const n of pngs) expect(pngSize(files[n])).toEqual({ width: 1920, height: 1080 });
    const inDeck = new Set(await Promise.all(media.map(async (n) => Buffer.from(await zip.file(n)!.async('uint8array')).toString('base64'))));
    for (const n of pngs) expect(inDeck.has(Buffer.from(files[n]).toString('base64'))).toBe(true);
  });

  it('draws no text smaller than 24 px in any picture', async () => {
    for (const image of await deckImages(deck)) expect(image.image.minFontPx, image.name).toBeGreaterThanOrEqual(MIN_SLIDE_FONT);
  });

  it('dates the deck from the run stamp, never the clock, and is byte-identical when written again', async () => {
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-01T00:00:00Z</dcterms:modified>');
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString().slice(0, 10)).toBe('2026-03-01');
    const again = await slideFiles(experimentDeck(result, stamp, { gridMetrics: ['precision'] }));
    expect(Object.keys(again)).toEqual(Object.keys(files));
    for (const name of Object.keys(files)) expect(Buffer.from(again[name]).equals(Buffer.from(files[name])), name).toBe(true);
  });
});
