import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.js';

/** Worker thread of a chart render pool (render-pool.ts): renders each spec it is sent to SVG with `renderSvg`, one at a time. vega loads when the thread starts. */
const port = parentPort!;
port.on('message', (m: { id: number; spec: TopLevelSpec; idPrefix: string }) => {
  renderSvg(m.spec, { idPrefix: m.idPrefix }).then(
    (svg) => port.postMessage({ id: m.id, svg }),
    (e: Error) => port.postMessage({ id: m.id, error: e.stack ?? e.message }),
  );
});
