/**
 * Aggregation builds the summary from the index of the replicate rows in
 * one pass; here it is checked against the plain definition — group the
 * rows by cell × model × label × group × operating point × metric and take
 * the median (and the rest) across replicates — on the tiny seeded run.
 */
import { describe, expect, it } from 'vitest';
import { median, summarizeReplicates } from '../../src/metrics/index.js';
import { indexTables, pointsOfRows, resultIndex } from '../../src/experiment/result-index.js';
import { tinyResult } from '../report/fixture.js';

describe('aggregate', () => {
  const result = tinyResult();

  it('summarises every point and metric across replicates, points in the order the rows first give them, then each point\'s metrics in that order', () => {
    // A point's metrics may come from more than one stage (measuring, then the list's own metrics), so they are grouped under the point.
    const byPoint = new Map<string, Map<string, (typeof result.rows)[number][]>>();
    const groups = new Map<string, (typeof result.rows)[number][]>();
    for (const r of result.rows) {
      const point = [r.cell, r.model, r.label, r.attribute, r.group, r.operatingPoint].join('|');
      const metrics = byPoint.get(point) ?? new Map();
      byPoint.set(point, metrics);
      metrics.set(r.metric, [...(metrics.get(r.metric) ?? []), r]);
    }
    for (const [point, metrics] of byPoint) for (const [metric, rows] of metrics) groups.set(`${point}|${metric}`, rows);
    expect(result.summary.map((s) => [s.cell, s.model, s.label, s.attribute, s.group, s.operatingPoint, s.metric].join('|'))).toEqual([...groups.keys()]);
    for (const s of result.summary) {
      const rows = groups.get([s.cell, s.model, s.label, s.attribute, s.group, s.operatingPoint, s.metric].join('|'))!;
      const values = rows.map((r) => r.value);
      const d = summarizeReplicates(values);
      expect(s).toMatchObject({ median: median(values), mean: d.mean, lower: d.lower, upper: d.upper, count: d.count, n: median(rows.map((r) => r.n)), flagged: median(rows.map((r) => r.flagged)) });
    }
  });

  it('the row index finds every replicate of a point by key, with its counts', () => {
    const points = resultIndex(result).points({ cell: 1, model: 'oracle', label: 'yTrue', attribute: 'sex', group: 'male', operatingPoint: 'threshold=0.2' });
    expect(points.map((p) => p.replicate)).toEqual([0, 1]);
    for (const p of points) {
      const row = result.rows.find((r) => r.cell === 1 && r.replicate === p.replicate && r.model === 'oracle' && r.label === 'yTrue' && r.group === 'male' && r.operatingPoint === 'threshold=0.2' && r.metric === 'recall')!;
      expect([p.tp, p.fn, p.values.recall]).toEqual([row.tp, row.fn, row.value]);
    }
    expect(resultIndex(result).points({ cell: 9, model: 'oracle', label: 'yTrue', operatingPoint: 'threshold=0.2' })).toEqual([]);
  });

  it('an index built from the rows grouped in parts (a task at a time, or split anywhere) is the index of all the rows', () => {
    const whole = indexTables(result);
    // Split at a third of the rows (mid-point, mid-replicate) and at two thirds.
    const cuts = [0, Math.floor(result.rows.length / 3) + 1, Math.floor((2 * result.rows.length) / 3), result.rows.length];
    const parts = cuts.slice(1).map((end, i) => pointsOfRows(result.rows.slice(cuts[i], end)));
    const split = indexTables(result, parts);
    const visit = (index: typeof whole) => {
      const out: unknown[] = [];
      index.eachPoint((at, points) => out.push([at, points]));
      return out;
    };
    expect(visit(split)).toEqual(visit(whole));
    expect(visit(whole).length).toBeGreaterThan(10);
  });
});
