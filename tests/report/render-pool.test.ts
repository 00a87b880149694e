import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentCharts, openRenderPool, renderCharts, type Chart, type RenderPool } from '../../src/report/charts/index.js';
import { tinyResult } from './fixture.js';

// The chart threads of a run (src/report/charts/render-pool.ts) must give the bytes one thread gives.
describe('chart render pool', () => {
  let charts: Chart[];
  let pool: RenderPool;
  beforeAll(() => {
    charts = experimentCharts(tinyResult());
    pool = openRenderPool(2);
  });
  afterAll(async () => {
    await pool.close();
  });

  it('renders every chart to the same SVG as the main thread, in the same order', async () => {
    const alone = await renderCharts(charts);
    const pooled = await renderCharts(charts, { pool });
    expect(charts.length).toBeGreaterThan(4);
    expect(pooled.map((c) => c.id)).toEqual(alone.map((c) => c.id));
    for (let i = 0; i < charts.length; i++) expect(pooled[i].svg).toBe(alone[i].svg);
  }, 120_000);

  it('reports a spec vega cannot render as an error of that render, and keeps working', async () => {
    await expect(pool.render({ mark: 'point', data: { values: [] }, encoding: { x: { field: 'a', type: 'nonsense' } } } as never, 'bad')).rejects.toThrow();
    const again = await pool.render(charts[0].spec, charts[0].id);
    expect(again).toBe((await renderCharts([charts[0]]))[0].svg);
  }, 60_000);
});

// Slide pictures (src/io/slides.ts) may be made on the pool's threads: the same PNG bytes, the same deck.
describe('slide pictures on the render pool', () => {
  it('gives the PNG svgToPng gives here, and slideFiles the same files with and without the pool', async () => {
    const { slideFiles, svgToPng } = await import('../../src/io/slides.js');
    const { experimentDeck } = await import('../../src/report/slides/index.js');
    const { versionOnly } = await import('../../src/report/stamp.js');
    const pool = openRenderPool(2);
    try {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="20" height="20" fill="#c00"/><text x="22" y="15" font-size="12">A</text></svg>';
      const png = await pool.png(svg);
      expect(png).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(png).equals(Buffer.from(svgToPng(svg)))).toBe(true);
      const deck = experimentDeck(tinyResult(), versionOnly('t'), { gridMetrics: ['precision'] });
      const alone = await slideFiles(deck);
      const pooled = await slideFiles(deck, pool);
      expect(Object.keys(pooled)).toEqual(Object.keys(alone));
      expect(Object.keys(alone).filter((k) => k.endsWith('.png')).length).toBeGreaterThan(3);
      for (const name of Object.keys(alone)) expect(Buffer.from(pooled[name]).equals(Buffer.from(alone[name])), name).toBe(true);
    } finally {
      await pool.close();
    }
  }, 180_000);
});
