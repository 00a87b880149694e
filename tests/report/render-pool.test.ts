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
