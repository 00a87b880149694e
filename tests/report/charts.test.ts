import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { RisklabError } from '../../src/messages.js';
import {
  experimentCharts,
  groupErrorRates,
  metricAcrossGrid,
  precisionRecallByThreshold,
  precisionRecallCurves,
  recordedTrueGap,
  renderCharts,
  renderSvg,
  scoreAtEqualRisk,
  type Chart,
  type RenderedChart,
} from '../../src/report/charts/index.js';
import { CATEGORY_COLOURS, LABEL_ENCODING, OKABE_ITO, modelStyle } from '../../src/report/palette.js';
import { formatMedianCount } from '../../src/report/charts/format.js';
import { chartMessages } from '../../src/report/charts/texts.js';
import { hostileResult, tinyResult } from './fixture.js';

let result: ExperimentResult;
let charts: Chart[];
let rendered: RenderedChart[];

beforeAll(async () => {
  result = tinyResult();
  charts = experimentCharts(result);
  rendered = await renderCharts(charts);
});

/** Every encoding object anywhere in a spec. */
function encodings(spec: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'encoding' && v && typeof v === 'object') out.push(v as Record<string, unknown>);
        if (k !== 'data') visit(v);
      }
    }
  };
  visit(spec);
  return out;
}

/** Compile a spec and collect vega-lite's warnings. */
function compileWarnings(chart: Chart): string[] {
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger;
    },
    warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
    error: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  compile(chart.spec, { logger: logger as never });
  return warnings;
}

describe('experimentCharts', () => {
  it('makes the gap of every cell first, one chart per measure across the grid, then four kinds of chart per cell, with unique file-safe ids', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'recorded-true-gap',
      'grid-precision',
      'grid-recall',
      'precision-recall-threshold-cell0',
      'pr-curves-cell0',
      'group-error-rates-cell0',
      'equal-risk-0-sex-cell0',
      'equal-risk-1-deprivation-cell0',
      'precision-recall-threshold-cell1',
      'pr-curves-cell1',
      'group-error-rates-cell1',
      'equal-risk-0-sex-cell1',
      'equal-risk-1-deprivation-cell1',
    ]);
    for (const c of charts) expect(c.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('draws only the cells asked for, and no grid charts for a one-cell experiment', () => {
    expect(experimentCharts(result, { cells: [1] }).filter((c) => c.cell !== null).every((c) => c.cell === 1)).toBe(true);
    const one = { ...result, cells: result.cells.slice(0, 1) };
    const ids = experimentCharts(one).map((c) => c.id);
    expect(ids).toEqual(['recorded-true-gap', 'precision-recall-threshold', 'pr-curves', 'group-error-rates', 'equal-risk-0-sex', 'equal-risk-1-deprivation']);
    // The experiment's finding metrics are charted across the grid too.
    expect(experimentCharts(result, { gridMetrics: ['flagsPerTrueCase'] }).map((c) => c.id).slice(0, 4)).toEqual(['recorded-true-gap', 'grid-precision', 'grid-recall', 'grid-flagsPerTrueCase']);
  });

  it('rejects a cell that does not exist, naming the field', () => {
    expect(() => precisionRecallCurves(result, { cell: 5 })).toThrow(RisklabError);
    expect(() => precisionRecallCurves(result, { cell: 5 })).toThrow(/^cell must be an index of result.cells \(0–1\); got 5$/);
  });
});

describe('every chart', () => {
  it('has a title and a text description, in the spec and in the SVG', () => {
    for (const c of rendered) {
      expect(c.title.length).toBeGreaterThan(5);
      expect(c.description.length).toBeGreaterThan(40);
      expect(c.spec.description).toBe(c.description);
      expect(c.svg).toContain(`<title id="${c.id}-title">`);
      expect(c.svg).toMatch(new RegExp(`<desc id="${c.id}-desc">[^<]{40,}</desc>`));
      expect(c.svg.startsWith(`<svg role="img" aria-labelledby="${c.id}-title ${c.id}-desc"`)).toBe(true);
    }
  });

  it('has its numbers in a table with a caption', () => {
    for (const c of charts) {
      expect(c.table.caption.length).toBeGreaterThan(10);
      expect(c.table.rows.length).toBeGreaterThan(0);
      for (const row of c.table.rows) expect(row).toHaveLength(c.table.columns.length);
    }
  });

  it('never uses colour alone: each colour field is also drawn as a shape or a dash', () => {
    for (const c of charts) {
      const all = encodings(c.spec);
      const colourFields = new Set(all.map((e) => (e.color as { field?: string } | undefined)?.field).filter(Boolean));
      const otherFields = new Set(
        all.flatMap((e) => [(e.shape as { field?: string } | undefined)?.field, (e.strokeDash as { field?: string } | undefined)?.field]).filter(Boolean),
      );
      for (const f of colourFields) expect(otherFields, `${c.id}: colour field ${f}`).toContain(f);
    }
  });

  it('takes its colours from the Okabe–Ito palette', () => {
    const allowed = new Set<string>([...Object.values(OKABE_ITO), ...CATEGORY_COLOURS]);
    for (const c of charts) {
      for (const e of encodings(c.spec)) {
        const range = (e.color as { scale?: { range?: string[] } } | undefined)?.scale?.range ?? [];
        for (const colour of range) expect(allowed, `${c.id}`).toContain(colour);
      }
    }
  });

  it('compiles without vega-lite warnings', () => {
    for (const c of charts) expect(compileWarnings(c), c.id).toEqual([]);
  });

  it('renders marks, and nothing that fetches: no external href, no script, no font import', () => {
    for (const c of rendered) {
      const marks = (c.svg.match(/<(path|rect|circle|line|polygon)\b/g) ?? []).length;
      expect(marks, c.id).toBeGreaterThan(20);
      expect(c.svg).not.toMatch(/<script|@import|@font-face|<image|<foreignObject/i);
      const urls = [...c.svg.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0]);
      expect(new Set(urls), c.id).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    }
  });

  it('prefixes every id with the chart id (so many SVGs can share a page)', () => {
    for (const c of rendered) {
      for (const m of c.svg.matchAll(/\bid="([^"]+)"/g)) expect(m[1].startsWith(`${c.id}-`)).toBe(true);
      for (const m of c.svg.matchAll(/url\(#([^)]+)\)/g)) expect(m[1].startsWith(`${c.id}-`)).toBe(true);
    }
  });
});

describe('deterministic SVG', () => {
  it('gives identical bytes for the same spec, also after other renders and in parallel', async () => {
    const spec = charts[2].spec;
    const [a, , b] = await Promise.all([renderSvg(spec, { idPrefix: 'x' }), renderSvg(charts[3].spec, { idPrefix: 'y' }), renderSvg(spec, { idPrefix: 'x' })]);
    expect(a).toBe(b);
    expect(await renderSvg(spec, { idPrefix: 'x' })).toBe(a);
  });

  it('matches the committed SVG snapshots (grid charts and cell 0)', async () => {
    for (const c of rendered.filter((x) => x.cell !== 1)) await expect(c.svg).toMatchFileSnapshot(`./__snapshots__/charts/${c.id}.svg`);
  });
});

describe('chart contents', () => {
  it('precision and recall by threshold marks the headline operating point at the replicate-0 cut', () => {
    const chart = precisionRecallByThreshold(result);
    const values = (chart.spec as { data: { values: { kind: string; threshold: number; model: string }[] } }).data.values;
    const cuts = values.filter((v) => v.kind === 'cut');
    const expected = result.rows.find(
      (r) => r.cell === 0 && r.replicate === 0 && r.model === 'logistic' && r.attribute === 'all' && r.label === 'yRecorded' && r.operatingPoint === 'topShare=0.1',
    )!.cutThreshold;
    expect(cuts.filter((v) => v.model === 'logistic').map((v) => v.threshold)).toEqual([expected, expected]);
    expect(chart.description).toContain('topShare=0.1');
  });

  it('a threshold operating point is marked at its threshold', () => {
    const chart = precisionRecallByThreshold({ ...result, operatingPoints: ['threshold=0.2', 'topShare=0.1'] });
    const values = (chart.spec as { data: { values: { kind: string; threshold: number }[] } }).data.values;
    expect(new Set(values.filter((v) => v.kind === 'cut').map((v) => v.threshold))).toEqual(new Set([0.2]));
  });

  it('the gap chart holds the summary medians and ranges of every cell (attribute all, headline point), and writes both medians', () => {
    const chart = recordedTrueGap(result);
    expect(chart.cell).toBeNull();
    for (const cell of [0, 1]) {
      const at = (label: string) => result.summary.find((r) => r.cell === cell && r.model === 'oracle' && r.label === label && r.attribute === 'all' && r.operatingPoint === 'topShare=0.1' && r.metric === 'recall')!;
      const row = at('yTrue');
      expect(chart.table.rows).toContainEqual([result.cells[cell].grid, 'oracle (baseline)', 'recall', 'against the truth', row.median.toFixed(2), `${row.lower.toFixed(2)}–${row.upper.toFixed(2)}`]);
      const values = (chart.spec as { data: { values: { setting: string; model: string; metric: string; recText: string; truText: string }[] } }).data.values;
      const v = values.find((x) => x.setting === result.cells[cell].grid && x.model === 'oracle (baseline)' && x.metric === 'recall')!;
      expect([v.recText, v.truText]).toEqual([at('yRecorded').median.toFixed(2), row.median.toFixed(2)]);
    }
    expect(recordedTrueGap(result, { cell: 1 }).id).toBe('recorded-true-gap-cell1');
  });

  it('group error rates are against yTrue, with group sizes in the labels', () => {
    const chart = groupErrorRates(result);
    const values = (chart.spec as { data: { values: { group: string; metric: string }[] } }).data.values;
    const female = result.summary.find((r) => r.cell === 0 && r.attribute === 'sex' && r.group === 'female' && r.label === 'yTrue' && r.metric === 'fpr' && r.operatingPoint === 'topShare=0.1')!;
    expect(values.some((v) => v.group === `female (n = ${formatMedianCount(female.n)})`)).toBe(true);
    expect(new Set(values.map((v) => v.metric))).toEqual(new Set(['false-positive rate', 'miss rate']));
  });

  it('scores at equal risk: one line per group, and the mean pTrue reference', () => {
    const chart = scoreAtEqualRisk(result, { attribute: 'deprivation' });
    const values = (chart.spec as { data: { values: { kind: string; group?: string }[] } }).data.values;
    expect(new Set(values.filter((v) => v.kind === 'group').map((v) => v.group))).toEqual(new Set(['high', 'middle', 'low']));
    expect(values.filter((v) => v.kind === 'truth')).toHaveLength(20); // 2 models × 10 tenths
    expect(() => scoreAtEqualRisk(result, { attribute: 'nope' })).toThrow(/attribute must be one of sex, deprivation; got "nope"/);
  });

  it('metric across the grid: x is the grid value, one point per cell × model × label', () => {
    const chart = metricAcrossGrid(result, { metric: 'fnr', labels: ['yTrue'], attribute: 'deprivation', group: 'high' });
    const values = (chart.spec as { data: { values: { x: number }[] } }).data.values;
    expect(values).toHaveLength(2 * 2);
    expect(new Set(values.map((v) => v.x))).toEqual(new Set([1, 2]));
    expect(chart.id).toBe('grid-fnr-deprivation-high-ytrue');
    expect(() => metricAcrossGrid(result, { metric: 'nope' })).toThrow(RisklabError);
    expect(() => metricAcrossGrid(result, { attribute: 'sex', group: 'nope' })).toThrow(/attribute=group must be one of/);
  });

  it('metric across the grid: cells without a grid value are categories in order, no lines, open markers for the records', () => {
    const named = { ...result, cells: result.cells.map((c) => ({ ...c, gridValue: null })) };
    const chart = metricAcrossGrid(named);
    const json = JSON.stringify(chart.spec);
    expect(json).toContain('"sort":["1x","2x"]');
    expect(json).not.toContain('"type":"line"');
    expect(json).toContain('"filled":false');
    expect(chart.description).toContain('hollow marker against the records');
    expect(compileWarnings(chart)).toEqual([]);
  });

  it('metric across the grid: one cell per scenario puts the scenarios on the x axis', () => {
    const councils = { ...result, cells: result.cells.map((c, i) => ({ ...c, scenario: `council ${i + 1}`, grid: 'base', gridValue: null })) };
    const values = (metricAcrossGrid(councils).spec as { data: { values: { x: string }[] } }).data.values;
    expect(new Set(values.map((v) => v.x))).toEqual(new Set(['council 1', 'council 2']));
  });
});

/** Every object in a spec (depth first). */
function* objects(x: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(x)) for (const y of x) yield* objects(y);
  else if (x && typeof x === 'object') {
    yield x as Record<string, unknown>;
    for (const y of Object.values(x)) yield* objects(y);
  }
}

describe('one encoding of the records and the truth (palette.ts LABEL_ENCODING), in every chart', () => {
  const judged = Object.values(chartMessages.judged);

  it('colour is the model (modelStyle by its order in the experiment), never the label: the same model the same colour everywhere', () => {
    const names = result.models.map((m) => (m.baseline ? `${m.label} (baseline)` : m.label));
    let checked = 0;
    for (const c of charts) {
      for (const o of objects(c.spec)) {
        const scale = o.scale as { domain?: unknown[]; range?: unknown[] } | undefined;
        if ((o.field === 'model' || o.field === 'judged') && scale?.range && scale.domain && typeof scale.range[0] === 'string' && String(scale.range[0]).startsWith('#')) {
          expect(o.field, `${c.id}: a colour scale on ${String(o.field)}`).toBe('model');
          expect(scale.domain).toEqual(names);
          expect(scale.range).toEqual(names.map((_, i) => modelStyle(i).colour));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('the truth is drawn filled and solid, the records hollow and dashed, wherever both labels are drawn', () => {
    for (const c of charts) {
      const json = JSON.stringify(c.spec);
      if (!judged.every((j) => json.includes(j))) continue;
      for (const o of objects(c.spec)) {
        const scale = o.scale as { domain?: string[]; range?: unknown[] } | undefined;
        if (o.field === 'judged' && scale?.domain) {
          // A dash scale: solid for the truth, dashed for the records.
          scale.domain.forEach((d, i) => expect(scale.range![i], c.id).toEqual(d === chartMessages.judged.yTrue ? [...LABEL_ENCODING.yTrue.dash] : [...LABEL_ENCODING.yRecorded.dash]));
        }
        const filter = (o.transform as { filter?: { field?: string; equal?: string } }[] | undefined)?.[0]?.filter;
        const mark = o.mark as { type?: string; filled?: boolean; fill?: string } | undefined;
        if (mark?.type === 'point' && filter?.field === 'judged') {
          expect(mark.filled, c.id).toBe(filter.equal === chartMessages.judged.yTrue);
          if (!mark.filled) expect(mark.fill).toBe('white');
        }
      }
      // The key says it in words.
      expect((c.spec as { title: { subtitle?: string[] } }).title.subtitle, c.id).toEqual(expect.arrayContaining([...chartMessages.labelKey]));
    }
  });

  it('grid axes are labelled by the cell names; values spanning > 20 times get a log axis; the truth\'s medians are written on the points', () => {
    const chart = metricAcrossGrid(result, { metric: 'precision' });
    const json = JSON.stringify(chart.spec);
    expect(json).toContain('labelExpr');
    for (const c of result.cells) expect(json).toContain(c.grid);
    expect(json).not.toContain('"type":"log"');
    const rates = { ...result, cells: result.cells.map((c, i) => ({ ...c, grid: ['0.1%', '30%'][i], gridValue: [0.001, 0.3][i] })) };
    const flags = metricAcrossGrid(rates, { metric: 'flagsPerTrueCase' });
    const spec = JSON.stringify(flags.spec);
    expect(spec.match(/"type":"log"/g)?.length).toBeGreaterThanOrEqual(2); // the base-rate axis and (flags spanning > 20×) the flags axis
    expect(flags.title).toMatch(/^Children flagged per true case across/);
    const values = (flags.spec as { data: { values: { judged: string; text: string; median: number | null }[] } }).data.values;
    for (const v of values) expect(v.text !== '', JSON.stringify(v)).toBe(v.judged === chartMessages.judged.yTrue && v.median !== null);
  });

  it('no text under 12 px at a chart\'s drawn size (the report never shrinks a chart below it: tests/browser)', () => {
    for (const c of charts) {
      for (const o of objects(c.spec)) {
        for (const [k, v] of Object.entries(o)) if (/fontsize$/i.test(k) && typeof v === 'number') expect(v, `${c.id}.${k}`).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it('every chart fits a 1024-px projector and a 768-px laptop screen (drawn size)', () => {
    for (const c of rendered) {
      const [w, h] = ['width', 'height'].map((a) => Number(new RegExp(`${a}="([\\d.]+)"`).exec(c.svg)![1]));
      expect(w, c.id).toBeLessThanOrEqual(990);
      expect(h, c.id).toBeLessThanOrEqual(768);
    }
  });
});

describe('hostile names in charts', () => {
  it('show as escaped text inside the SVG', async () => {
    const bad = hostileResult();
    const svgs = await renderCharts(experimentCharts(bad, { cells: [0] }));
    const all = svgs.map((c) => c.svg).join('\n');
    expect(all).not.toContain('<script');
    expect(all).not.toContain('<svg onload');
    expect(all).not.toContain('<b>');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('logistic &lt;b&gt;&amp;amp;&lt;/b&gt;');
  });
});
