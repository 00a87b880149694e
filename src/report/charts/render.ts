import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../escape.js';

/**
 * Render a Vega-Lite spec to an SVG string in Node: vega-lite `compile`,
 * then a headless `vega.View` (renderer "none") and `toSVG()`. Nothing is
 * loaded from anywhere (specs carry their data inline; the loader refuses
 * every URL), text widths are estimated rather than measured with a canvas
 * or fonts, and the SVG's clip-path and gradient ids are reset before each
 * render, so the same spec always gives the same bytes.
 *
 * The SVG gets a `<title>` and `<desc>` from the spec's title and
 * description (read by screen readers, shown as a tooltip), and every id in
 * it is prefixed with `idPrefix` so several SVGs can sit inline in one HTML
 * page without their clip paths colliding.
 *
 * @example
 * const svg = await renderSvg(precisionRecallCurves(result).spec, { idPrefix: 'pr' });
 */
export async function renderSvg(spec: TopLevelSpec, options: { idPrefix?: string } = {}): Promise<string> {
  const run = queue.then(() => renderNow(spec, options.idPrefix ?? 'chart'));
  queue = run.catch(() => undefined);
  return run;
}

/** Renders run one at a time: the SVG id counters are module-wide in vega. */
let queue: Promise<unknown> = Promise.resolve();

const noLoader = {
  load: () => Promise.reject(new Error('risklab charts load nothing: data must be inline')),
  sanitize: () => Promise.reject(new Error('risklab charts load nothing: data must be inline')),
  http: () => Promise.reject(new Error('risklab charts load nothing')),
  file: () => Promise.reject(new Error('risklab charts load nothing')),
};

async function renderNow(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const compiled = compile(spec).spec;
  (vega as unknown as { textMetrics: { canvas: (use: boolean) => void } }).textMetrics.canvas(false);
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noLoader as unknown as vega.Loader, logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return decorate(svg, spec, idPrefix);
  } finally {
    view.finalize();
  }
}

/** Prefix ids and add <title>/<desc> after the opening <svg> tag. */
function decorate(svg: string, spec: TopLevelSpec, idPrefix: string): string {
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, '-');
  // One pass over the SVG for the three kinds of id reference (a chart's SVG is up to a few hundred kB).
  let out = svg.replace(/\bid="([^"]+)"|url\(#([^)]+)\)|href="#([^"]+)"/g, (_m, id?: string, url?: string, href?: string) =>
    id !== undefined ? `id="${prefix}-${id}"` : url !== undefined ? `url(#${prefix}-${url})` : `href="#${prefix}-${href}"`,
  );
  const title = titleText(spec);
  const description = typeof spec.description === 'string' ? spec.description : '';
  const open = out.indexOf('>') + 1;
  const head = out.slice(0, open).replace(/^<svg /, `<svg role="img" aria-labelledby="${prefix}-title ${prefix}-desc" `);
  out = `${head}<title id="${prefix}-title">${escapeHtml(title)}</title><desc id="${prefix}-desc">${escapeHtml(description)}</desc>${out.slice(open)}`;
  return out;
}

function titleText(spec: TopLevelSpec): string {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && 'text' in title) {
    const { text, subtitle } = title as { text: unknown; subtitle?: unknown };
    const main = Array.isArray(text) ? text.join(' ') : String(text);
    return subtitle ? `${main}: ${Array.isArray(subtitle) ? subtitle.join(' ') : String(subtitle)}` : main;
  }
  return '';
}
