import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';

/**
 * Worker thread of a chart render pool (render-pool.ts): renders each spec
 * it is sent to SVG with `renderSvg`, or each slide picture's SVG to PNG
 * with `svgToPng` (src/io/slides.ts, loaded on the first picture), one job
 * at a time. vega loads when the thread starts.
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
void renderSvg(WARM_UP, { idPrefix: 'warm-up' }).catch(() => {});

type Job = { id: number; spec: TopLevelSpec; idPrefix: string } | { id: number; png: string };
let png: Promise<(svg: string) => Uint8Array> | undefined;
port.on('message', (m: Job) => {
  const done = 'png' in m ? (png ??= import('../../io/slides.js').then((s) => s.svgToPng)).then((toPng) => toPng(m.png)) : renderSvg(m.spec, { idPrefix: m.idPrefix });
  done.then(
    (out) => (typeof out === 'string' ? port.postMessage({ id: m.id, svg: out }) : port.postMessage({ id: m.id, png: out }, [out.buffer as ArrayBuffer])),
    (e: Error) => port.postMessage({ id: m.id, error: e.stack ?? e.message }),
  );
});
