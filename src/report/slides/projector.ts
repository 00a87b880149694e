import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../charts/render.js';
import { escapeHtml } from '../escape.js';

/**
 * A report chart made readable on a projector: the same Vega-Lite spec (the
 * same data, marks and the one records-versus-truth encoding of
 * palette.ts `LABEL_ENCODING`), with its text scaled up by `TEXT_SCALE`
 * and its plot area, markers and lines scaled to fill a 1920 × 1080 image,
 * drawn in the slide font. Pure: a spec in, an SVG string out.
 */

/** The width and height of every slide image, in pixels (16:9). */
export const SLIDE_IMAGE = { width: 1920, height: 1080 } as const;

/** Margin around a chart inside its image, in pixels. */
const MARGIN = 40;

/** The smallest text on a slide image, in pixels of the 1920 × 1080 image (issue 11 §3: ≥ 24). */
export const MIN_SLIDE_FONT = 24;

/** The font every slide image is drawn in (src/io/slides.ts loads its TTF from an npm package; no system fonts). */
export const SLIDE_FONT = 'Atkinson Hyperlegible';

/** Text scale from the report's charts (12 px labels) to the slides (about 29 px). */
const TEXT_SCALE = 2.4;

const FONT_KEYS = new Set(['fontSize', 'labelFontSize', 'titleFontSize', 'subtitleFontSize']);
const TEXT_SPACE_KEYS = new Set(['dx', 'dy', 'offset', 'subtitlePadding', 'labelPadding', 'titlePadding']);
const SIZE_KEYS = new Set(['width', 'height', 'step']);

/** Plot scales: widths by `w`, heights (and row steps) by `h`. */
export interface PlotScale {
  readonly w: number;
  readonly h: number;
}

/** A deep copy of `value` with every size scaled: text by TEXT_SCALE, plot widths by k.w, heights by k.h, marker areas and lines by the smaller. */
function scaled(value: unknown, k: PlotScale, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => scaled(v, k));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(value)) {
      if (name === 'data' || name === 'values' || name === 'scale' || name === 'transform') out[name] = v;
      else out[name] = scaled(v, k, name);
    }
    return out;
  }
  if (typeof value !== 'number') return value;
  if (FONT_KEYS.has(key)) return Math.round(Math.max(MIN_SLIDE_FONT + 4, value * TEXT_SCALE));
  if (TEXT_SPACE_KEYS.has(key)) return Math.round(value * TEXT_SCALE);
  // vega estimates text widths without a canvas, generously: labels get more room than their size alone asks.
  if (key === 'labelLimit') return Math.round(value * TEXT_SCALE);
  const m = Math.min(k.w, k.h);
  if (key === 'width') return Math.round(value * k.w);
  if (SIZE_KEYS.has(key)) return Math.round(value * k.h);
  if (key === 'size') return Math.round(value * m * m);
  if (key === 'strokeWidth') return Math.round(value * m * 10) / 10;
  if (key === 'padding' || key === 'column' || key === 'row') return Math.round(value * m);
  return value;
}

/** The spec for the projector at plot scale `k`: scaled, in the slide font, legend symbols large, no per-mark ARIA. */
export function projectorSpec(spec: TopLevelSpec, k: PlotScale): TopLevelSpec {
  // The title and key are drawn outside vega (`chartSlideSvg`): vega's estimated text widths (no canvas) would widen the chart.
  const { title: _title, ...rest } = spec as unknown as Record<string, unknown>;
  const s = scaled(rest, k) as Record<string, unknown>;
  const config = (s.config ?? {}) as Record<string, unknown>;
  const legend = (config.legend ?? {}) as Record<string, unknown>;
  return {
    ...s,
    config: { ...config, font: SLIDE_FONT, legend: { ...legend, symbolSize: 420, symbolStrokeWidth: 4, columns: 3, labelLimit: 600 } },
  } as unknown as TopLevelSpec;
}

/** Width, height and inner markup of an SVG string from vega. */
function parts(svg: string): { width: number; height: number; inner: string } {
  const open = svg.indexOf('>') + 1;
  const head = svg.slice(0, open);
  const width = Number(/\bwidth="([\d.]+)"/.exec(head)?.[1] ?? NaN);
  const height = Number(/\bheight="([\d.]+)"/.exec(head)?.[1] ?? NaN);
  return { width, height, inner: svg.slice(open, svg.lastIndexOf('</svg>')) };
}

/** The smallest font-size (px) in an SVG's text, or Infinity when it has none. */
export function smallestFont(svg: string): number {
  let min = Infinity;
  for (const m of svg.matchAll(/font-size(?:="|:\s*)([\d.]+)/g)) min = Math.min(min, Number(m[1]));
  return min;
}

/** An image on a slide: its SVG (1920 × 1080) and its smallest text in pixels of that image. */
export interface SlideSvg {
  readonly svg: string;
  /** Smallest text size, in pixels of the 1920 × 1080 image (≥ MIN_SLIDE_FONT). */
  readonly minFontPx: number;
}

/** Renders a Vega-Lite spec to SVG as `renderSvg(spec, { idPrefix })` does (on this thread, or a render pool's `render`). */
export type SvgRenderer = (spec: TopLevelSpec, idPrefix: string) => Promise<string>;

/**
 * A chart spec drawn for a slide: rendered at a plot scale that fills the
 * 1920 × 1080 image (a first render measures, a second fits if needed), then placed
 * centred on a white 16:9 canvas, shrunk only as far as its text stays at
 * least MIN_SLIDE_FONT pixels.
 */
export async function chartSlideSvg(spec: TopLevelSpec, idPrefix: string, render: SvgRenderer = (s, id) => renderSvg(s, { idPrefix: id })): Promise<SlideSvg> {
  const { text, subtitle } = titleOf(spec);
  const head = [
    ...(text ? [`<text x="${MARGIN}" y="${MARGIN + 40}" font-size="40" font-weight="bold" fill="#222222">${escapeHtml(text)}</text>`] : []),
    ...subtitle.map((line, i) => `<text x="${MARGIN}" y="${MARGIN + (text ? 92 : 34) + i * 40}" font-size="30" fill="#444444">${escapeHtml(line)}</text>`),
  ].join('');
  const top = MARGIN + (text ? 60 : 0) + subtitle.length * 40 + (head ? 20 : 0);
  const room = { width: SLIDE_IMAGE.width - 2 * MARGIN, height: SLIDE_IMAGE.height - top - MARGIN };
  // One render measures; at most one more fits (each render of a large chart costs 0.2–0.8 s).
  // Width and height are fitted apart (a report chart is narrower than 16:9), at most 2.5 : 1 apart so marks keep their shape.
  const k0 = 1.6;
  let svg = await render(projectorSpec(spec, { w: k0, h: k0 }), idPrefix);
  const first = parts(svg);
  const fw = room.width / first.width;
  const fh = room.height / first.height;
  if (Math.min(fw, fh) < 0.97 || Math.max(fw, fh) > 1.1) {
    const clamp = (v: number) => Math.max(0.6, Math.min(5, v));
    // Text does not scale with the plot: aim a little short so the second render fits.
    let w = clamp(k0 * (fw > 1 ? 1 + (fw - 1) * 0.9 : fw * 0.95));
    let h = clamp(k0 * (fh > 1 ? 1 + (fh - 1) * 0.9 : fh * 0.95));
    if (w > 2.5 * h) w = 2.5 * h;
    if (h > 2.5 * w) h = 2.5 * w;
    svg = await render(projectorSpec(spec, { w, h }), idPrefix);
  }
  const { width, height, inner } = parts(svg);
  const font = smallestFont(inner);
  // Shrink to fit only as far as the text stays readable; what still does not fit is cut at the edge (never seen in the lab's charts).
  const s = Math.min(1, room.width / width, room.height / height, font / MIN_SLIDE_FONT);
  const x = (SLIDE_IMAGE.width - width * s) / 2;
  const y = top + (room.height - height * s) / 2;
  return { svg: canvas(`${head}<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${s.toFixed(4)})">${inner}</g>`), minFontPx: Math.min(font * s, head ? 30 : Infinity) };
}

/** A spec's title and subtitle lines. */
function titleOf(spec: TopLevelSpec): { text: string; subtitle: string[] } {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return { text: title, subtitle: [] };
  if (!title || typeof title !== 'object') return { text: '', subtitle: [] };
  const { text, subtitle } = title as { text?: unknown; subtitle?: unknown };
  const lines = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  return { text: lines(text).join(' '), subtitle: lines(subtitle) };
}

/** A white 1920 × 1080 SVG around `body`. */
export function canvas(body: string): string {
  const { width, height } = SLIDE_IMAGE;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${SLIDE_FONT}"><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}
