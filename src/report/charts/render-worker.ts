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
type Job = { id: number; spec: TopLevelSpec; idPrefix: string } | { id: number; png: string };
let png: Promise<(svg: string) => Uint8Array> | undefined;
port.on('message', (m: Job) => {
  const done = 'png' in m ? (png ??= import('../../io/slides.js').then((s) => s.svgToPng)).then((toPng) => toPng(m.png)) : renderSvg(m.spec, { idPrefix: m.idPrefix });
  done.then(
    (out) => (typeof out === 'string' ? port.postMessage({ id: m.id, svg: out }) : port.postMessage({ id: m.id, png: out }, [out.buffer as ArrayBuffer])),
    (e: Error) => port.postMessage({ id: m.id, error: e.stack ?? e.message }),
  );
});
