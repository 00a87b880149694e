import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { startModuleWorker } from '../../runtime.js';

/**
 * Worker threads that render charts to SVG (`renderSvg` in each), so a
 * report's charts render in parallel after a run's last task instead of one
 * after another on the main thread. The same spec gives the same bytes in a
 * worker as in the main thread (every render resets vega's id counters).
 * Opened when a run starts, so vega loads while the tasks run; a thread
 * waiting for work costs no CPU.
 *
 * @example
 * const pool = openRenderPool(2);
 * const svg = await pool.render(chart.spec, chart.id);
 * await pool.close();
 */
export interface RenderPool {
  /** The SVG of one spec (as `renderSvg(spec, { idPrefix })`). */
  render(spec: TopLevelSpec, idPrefix: string): Promise<string>;
  /** A slide picture's SVG as PNG bytes (as `svgToPng(svg)`, src/io/slides.ts). */
  png(svg: string): Promise<Uint8Array>;
  /** The PNG of a chart's slide picture (`svgToPng` of `chartSlideSvg(spec, idPrefix)`, src/report/slides/projector.ts), made whole on one thread. */
  slide(spec: TopLevelSpec, idPrefix: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function openRenderPool(size: number): RenderPool {
  const waiting = new Map<number, { weight: number; resolve: (out: unknown) => void; reject: (e: Error) => void }>();
  const load: number[] = [];
  let nextId = 0;
  let failed: Error | undefined;
  const fail = (e: Error) => {
    failed ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const workers: Worker[] = Array.from({ length: Math.max(1, size) }, (_, k) => {
    const w = startModuleWorker(new URL('./render-worker.js', import.meta.url), null);
    load[k] = 0;
    w.on('message', (m: { id: number; svg?: string; png?: Uint8Array; error?: string }) => {
      const job = waiting.get(m.id);
      if (!job) return;
      waiting.delete(m.id);
      load[k] -= job.weight;
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve(m.png ?? m.svg!);
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a chart worker stopped with exit code ${code}`));
    });
    // An idle pool does not keep the process alive.
    w.unref();
    return w;
  });
  /** Send a job to the least busy thread (the first of equals), counting a job as `weight` renders. */
  const send = <T>(job: object, weight = 1): Promise<T> => {
    if (failed) return Promise.reject(failed);
    let k = 0;
    for (let j = 1; j < workers.length; j++) if (load[j] < load[k]) k = j;
    const id = nextId++;
    load[k] += weight;
    return new Promise((resolve, reject) => {
      waiting.set(id, { weight, resolve: resolve as (out: unknown) => void, reject });
      workers[k].ref();
      workers[k].postMessage({ id, ...job });
    }).finally(() => {
      if (load[k] === 0) workers[k].unref();
    }) as Promise<T>;
  };
  return {
    render: (spec, idPrefix) => send<string>({ spec, idPrefix }),
    png: (svg) => send<Uint8Array>({ png: svg }),
    // Two renders at projector size and a PNG: about three charts' work.
    slide: (spec, idPrefix) => send<Uint8Array>({ slide: spec, idPrefix }, 3),
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
