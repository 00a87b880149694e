import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';
import { chartSlideSvg, SLIDE_FONT } from '../slides/projector.js';

/**
 * Worker thread of a chart render pool (render-pool.ts), one job at a time,
 * in the order sent: a spec to SVG (`renderSvg`); a slide picture's SVG to
 * PNG (`svgToPng`, src/io/slides.ts); or a chart's whole slide picture
 * (`chartSlideSvg`: its measuring and fitting renders back to back, then
 * its PNG), so a slide never waits for the main thread between its steps.
 * vega, resvg and the slide font load when the thread starts, while a
 * run's tasks are still going.
 */
const port = parentPort!;

/**
 * A small chart of the kinds the reports draw (lines, points, bars, text, a
 * legend, a facet), rendered once when the thread starts, while a run's
 * tasks are still going: vega's code is then compiled before the first
 * real chart, which a cold thread renders several times slower. Its SVG is
 * thrown away; renders reset vega's ids, so it changes no later byte.
 */
const WARM_UP = {
  data: { values: [0, 1, 2, 3].flatMap((x) => ['a', 'b'].map((g) => ({ x, y: (x * 7 + g.length) % 5, g, p: g }))) },
  facet: { column: { field: 'p', type: 'nominal' } },
  spec: {
    width: 120,
    height: 80,
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'g', type: 'nominal' }, strokeDash: { field: 'g', type: 'nominal' } } },
      { mark: 'bar', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, opacity: { value: 0.2 } } },
      { mark: { type: 'text', dy: -6 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'y', type: 'quantitative', format: '.0%' } } },
    ],
  },
  title: { text: 'warm-up', subtitle: 'thrown away' },
} as unknown as TopLevelSpec;
/** A line of text in the slide font, drawn once at start so resvg and the font are loaded before the first slide's PNG (a cold first PNG costs about half a second). */
const WARM_UP_PICTURE = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" font-family="${SLIDE_FONT}"><text x="8" y="40" font-size="30">warm <tspan font-weight="bold">up</tspan></text></svg>`;

const slides = import('../../io/slides.js');
// A failed load fails each picture's job (below), never the thread and its charts.
slides.catch(() => {});
const warm = renderSvg(WARM_UP, { idPrefix: 'warm-up' })
  .then(() => slides)
  .then((s) => void s.svgToPng(WARM_UP_PICTURE))
  .catch(() => {});

/** A job of render-pool.ts: a chart's SVG, a picture's PNG, or the PNG of a chart's slide picture. */
export type RenderJob = { id: number; spec: TopLevelSpec; idPrefix: string } | { id: number; png: string } | { id: number; slide: TopLevelSpec; idPrefix: string };

async function run(m: RenderJob): Promise<void> {
  try {
    if ('png' in m) {
      const png = (await slides).svgToPng(m.png);
      port.postMessage({ id: m.id, png }, [png.buffer as ArrayBuffer]);
    } else if ('slide' in m) {
      const png = (await slides).svgToPng((await chartSlideSvg(m.slide, m.idPrefix)).svg);
      port.postMessage({ id: m.id, png }, [png.buffer as ArrayBuffer]);
    } else {
      port.postMessage({ id: m.id, svg: await renderSvg(m.spec, { idPrefix: m.idPrefix }) });
    }
  } catch (e) {
    port.postMessage({ id: m.id, error: (e as Error).stack ?? (e as Error).message });
  }
}

// One job at a time, in the order sent, each whole before the next (a slide's two renders are not split by other charts).
let queue: Promise<void> = warm;
port.on('message', (m: RenderJob) => {
  queue = queue.then(() => run(m));
});
