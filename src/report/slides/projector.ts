import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../charts/render.js';

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
const TEXT_SPACE_KEYS = new Set(['labelLimit', 'dx', 'dy', 'offset', 'subtitlePadding', 'labelPadding', 'titlePadding']);
const SIZE_KEYS = new Set(['width', 'height', 'step']);

/** A deep copy of `value` with every size scaled: text by TEXT_SCALE, plot sizes by `k`, marker areas by k², lines by k. */
function scaled(value: unknown, k: number, key = ''): unknown {
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
  if (SIZE_KEYS.has(key)) return Math.round(value * k);
  if (key === 'size') return Math.round(value * k * k);
  if (key === 'strokeWidth') return Math.round(value * k * 10) / 10;
  if (key === 'padding' || key === 'column' || key === 'row') return Math.round(value * k);
  return value;
}

/** The spec for the projector at plot scale `k`: scaled, in the slide font, legend symbols large, no per-mark ARIA. */
export function projectorSpec(spec: TopLevelSpec, k: number): TopLevelSpec {
  const s = scaled(spec, k) as Record<string, unknown>;
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

/**
 * A chart spec drawn for a slide: rendered at a plot scale that fills the
 * 1920 × 1080 image (a first render measures, a second fits if needed), then placed
 * centred on a white 16:9 canvas, shrunk only as far as its text stays at
 * least MIN_SLIDE_FONT pixels.
 */
export async function chartSlideSvg(spec: TopLevelSpec, idPrefix: string): Promise<SlideSvg> {
  const room = { width: SLIDE_IMAGE.width - 2 * MARGIN, height: SLIDE_IMAGE.height - 2 * MARGIN };
  // One render measures; at most one more fits (each render of a large chart costs 0.2–0.8 s).
  let k = 1.6;
  let svg = await renderSvg(projectorSpec(spec, k), { idPrefix });
  const first = parts(svg);
  const fit = Math.min(room.width / first.width, room.height / first.height);
  if (fit < 0.97 || fit > 1.2) {
    k = Math.max(0.6, Math.min(4, k * fit * 0.97));
    svg = await renderSvg(projectorSpec(spec, k), { idPrefix });
  }
  const { width, height, inner } = parts(svg);
  const font = smallestFont(inner);
  // Shrink to fit only as far as the text stays readable; what still does not fit is cut at the edge (never seen in the lab's charts).
  const s = Math.min(1, room.width / width, room.height / height, font / MIN_SLIDE_FONT);
  const x = (SLIDE_IMAGE.width - width * s) / 2;
  const y = (SLIDE_IMAGE.height - height * s) / 2;
  return { svg: canvas(`<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${s.toFixed(4)})">${inner}</g>`), minFontPx: font * s };
}

/** A white 1920 × 1080 SVG around `body`. */
export function canvas(body: string): string {
  const { width, height } = SLIDE_IMAGE;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${SLIDE_FONT}"><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}
