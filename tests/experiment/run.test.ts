import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIST_METRIC_NAMES } from '../../src/experiment/list/metrics.js';
import { snakeCase } from '../../src/report/data-dictionary.js';
import { csvCell } from '../../src/report/csv.js';
import { GROUP_METRICS } from '../../src/report/tables.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAndWrite } from '../../src/cli/run.js';
import { main } from '../../src/cli/main.js';
import { evaluate } from '../../src/metrics/evaluate.js';
import { brierScore } from '../../src/metrics/index.js';
import { parseCsv } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function folderFiles(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(d, f.name), `${prefix}${f.name}/`);
      else out[`${prefix}${f.name}`] = readFileSync(join(d, f.name), 'utf8');
    }
  };
  walk(path, '');
  return out;
}

describe('determinism', () => {
  it('two runs with one seed are byte-identical except manifest.json, with 1 and with 2 workers', async () => {
    const a = await runAndWrite('recording-bias', { quick: true, out: join(dir, 'a'), workers: 1, progress: 'none', saveScores: true });
    const b = await runAndWrite('recording-bias', { quick: true, out: join(dir, 'b'), workers: 2, progress: 'none', saveScores: true });
    const fa = folderFiles(a.dir);
    const fb = folderFiles(b.dir);
    expect(Object.keys(fa).sort()).toEqual(Object.keys(fb).sort());
    expect(Object.keys(fa)).toContain('manifest.json');
    // The deck and its pictures (binary: compared as bytes) are written by every run and identical too.
    expect(Object.keys(fa)).toContain('slides.pptx');
    expect(Object.keys(fa).filter((n) => /^slides\/\d\d-[a-z-]+\.png$/.test(n)).length).toBeGreaterThanOrEqual(4);
    for (const name of Object.keys(fa).filter((n) => n.startsWith('slides'))) expect(readFileSync(join(b.dir, name)).equals(readFileSync(join(a.dir, name))), name).toBe(true);
    for (const name of Object.keys(fa)) if (name !== 'manifest.json') expect(fb[name], name).toBe(fa[name]);
    expect(fa['manifest.json']).toMatch(/"createdAt"/);
    // manifest.json: the commit, the exact command line, the workers actually used and every task's seed.
    const ma = JSON.parse(fa['manifest.json']);
    const mb = JSON.parse(fb['manifest.json']);
    expect(ma.git.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof ma.git.dirty).toBe('boolean');
    expect(ma.command.argv).toEqual(process.argv);
    expect([ma.workers, mb.workers]).toEqual([1, 2]);
    const config = JSON.parse(fa['config.json']);
    expect(ma.seeds).toHaveLength(config.replicates * config.cells.length);
    expect(ma.seeds[0]).toEqual({ task: 0, scenario: 'two groups', grid: config.cells[0].gridLabel, replicate: 0, seed: `${config.experiment.seed}:two groups:r0` });
    expect(new Set(ma.seeds.map((s: { seed: string }) => s.seed)).size).toBe(config.replicates);
    expect(readdirSync(join(dir, 'a'))).toEqual(['recording-bias']);
  });

  it('a different seed changes the numbers', async () => {
    const a = await runAndWrite('base-rate', { quick: true, replicates: 1, out: join(dir, 'a'), workers: 1, progress: 'none' });
    const b = await runAndWrite('base-rate', { quick: true, replicates: 1, seed: 99, out: join(dir, 'b'), workers: 1, progress: 'none' });
    expect(readFileSync(join(b.dir, 'metrics.csv'), 'utf8')).not.toBe(readFileSync(join(a.dir, 'metrics.csv'), 'utf8'));
  });
});

describe('scores.csv', () => {
  it('recomputed with the metrics module gives exactly the numbers and counts in metrics.csv, for everyone and every group', async () => {
    const { dir: out } = await runAndWrite('recording-bias', { quick: true, replicates: 1, out: dir, workers: 1, progress: 'none', saveScores: true });
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    const scores = parseCsv(readFileSync(join(out, 'scores.csv'), 'utf8'));
    const all = parseCsv(readFileSync(join(out, 'metrics.csv'), 'utf8'));
    // The list stage's own metrics (its reasons against the truth) need more than the scores: tests/experiment/list*.test.ts check them.
    const listMetrics = new Set(LIST_METRIC_NAMES.map(snakeCase));
    const metrics = { header: all.header, rows: all.rows.filter((r) => !listMetrics.has(r[all.header.indexOf('metric')])) };
    const col = (h: string[], name: string) => h.indexOf(name);
    const S = (name: string) => col(scores.header, name);
    const M = (name: string) => col(metrics.header, name);
    const groups = new Map<string, string[][]>();
    for (const r of scores.rows) {
      const key = [r[S('grid')], r[S('replicate')], r[S('model')]].join('|');
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    const expected = new Map<string, string>();
    for (const [key, rows] of groups) {
      const s = Float64Array.from(rows, (r) => Number(r[S('score')]));
      const yRecorded = Uint8Array.from(rows, (r) => Number(r[S('y_recorded')]));
      const yTrue = Uint8Array.from(rows, (r) => Number(r[S('y_true')]));
      const group = { attribute: 'group', levels: ['A', 'B'], codes: Uint8Array.from(rows, (r) => (r[S('group')] === 'A' ? 0 : 1)) };
      for (const e of evaluate(s, { yRecorded, yTrue }, { groups: [group], operatingPoints: config.experiment.operatingPoints })) {
        // A group's rows carry only the groups.csv metrics (the rest are recomputable from their counts).
        if (e.attribute !== 'all' && !GROUP_METRICS.includes(e.metric)) continue;
        const label = e.label === 'yRecorded' ? 'y_recorded' : 'y_true';
        const metric = e.metric.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        const counts = [e.n, e.positives, e.flagged, e.tp, e.fp, e.fn, e.tn].map(csvCell).join(',');
        expected.set([key, label, e.attribute, e.group, e.operatingPoint, metric].join('|'), `${counts}|${csvCell(e.value)}`);
      }
      expected.set([key, 'y_recorded', 'all', 'all', 'any', 'brier'].join('|'), `${rows.length},${yRecorded.reduce((a, b) => a + b, 0)},NaN,NaN,NaN,NaN,NaN|${csvCell(brierScore(s, yRecorded))}`);
      expected.set([key, 'y_true', 'all', 'all', 'any', 'brier'].join('|'), `${rows.length},${yTrue.reduce((a, b) => a + b, 0)},NaN,NaN,NaN,NaN,NaN|${csvCell(brierScore(s, yTrue))}`);
    }
    expect(metrics.rows.length).toBe(expected.size);
    expect(metrics.rows.some((r) => r[M('attribute')] === 'group')).toBe(true);
    for (const r of metrics.rows) {
      const key = [r[M('grid')], r[M('replicate')], r[M('model')], r[M('label')], r[M('attribute')], r[M('group')], r[M('operating_point')], r[M('metric')]].join('|');
      const counts = ['n', 'positives', 'flagged', 'tp', 'fp', 'fn', 'tn'].map((c) => r[M(c)]).join(',');
      expect(`${counts}|${r[M('value')]}`, key).toBe(expected.get(key));
    }
  });
});

describe('bad experiment files and flags', () => {
  let stderr = '';
  beforeEach(() => {
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  const good = () => {
    const out = join(dir, 'results');
    mkdirSync(join(out, 'bad'), { recursive: true });
    writeFileSync(join(out, 'bad', 'summary.md'), 'a good earlier result');
    writeFileSync(join(out, 'bad', 'config.json'), '{ "configHash": "earlier" }\n'); // a results folder: risklab may replace it
    return out;
  };
  const writeExperiment = (content: object) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const base = {
    name: 'bad',
    question: 'Does a bad file fail cleanly?',
    seed: 1,
    scenarios: [{ label: 'n', preset: 'neutral', overrides: { population: { size: 500 } } }],
    models: [{ name: 'logistic' }],
    replicates: 1,
  };

  const cases: [string, () => string[], RegExp][] = [
    ['unknown experiment', () => ['run', 'nope'], /^risklab: experiment must be one of base-rate, .*; got "nope"\n$/],
    ['unknown key', () => ['run', writeExperiment({ ...base, colour: 'red' })], /^risklab: colour is not a known setting; remove it or check its spelling\n$/],
    ['unknown preset', () => ['run', writeExperiment({ ...base, scenarios: [{ label: 'x', preset: 'bristol' }] })], /^risklab: scenario "bristol" is neither a preset/],
    ['unknown model', () => ['run', writeExperiment({ ...base, models: [{ name: 'svm' }] })], /^risklab: models\[0\]\.name must be one of .*; got "svm"\n$/],
    ['bad model parameter (checked before the run)', () => ['run', writeExperiment({ ...base, models: [{ name: 'forest', params: { nTrees: 0 } }] }), '--workers', '1'], /^risklab: forest\.params\.nTrees must be/],
    ['bad operating point', () => ['run', writeExperiment({ ...base, operatingPoints: [{ rule: 'threshold', value: 2 }] })], /^risklab: operatingPoints\[0\]\.value must be a number in \[0, 1\]; got 2\n$/],
    // Names that point at nothing fail when the experiment is resolved, before any simulation, listing the known names.
    ['groups: a missing attribute', () => ['run', writeExperiment({ ...base, groups: ['sex', 'religion'] })], /^risklab: groups\[1\] names "religion", which is not a group attribute of scenario n, cell base; known: sex, ethnicity, deprivation\n$/],
    ['reference: a missing attribute', () => ['run', writeExperiment({ ...base, groups: ['sex'], reference: { ethnicity: 'white' } })], /^risklab: reference names "ethnicity", which is not a group attribute of scenario n, cell base; known: sex\n$/],
    ['reference: a missing level', () => ['run', writeExperiment({ ...base, reference: { sex: 'girl' } })], /^risklab: reference\.sex names "girl", which this experiment does not have; known: female, male\n$/],
    ['intersections: a missing attribute', () => ['run', writeExperiment({ ...base, intersections: [['sex', 'area']] })], /^risklab: intersections\[0\]\[1\] names "area", which is not a group attribute of scenario n, cell base; known: sex, ethnicity, deprivation\n$/],
    ['example: a missing model', () => ['run', writeExperiment({ ...base, example: { attribute: 'sex', model: 'forest' } })], /^risklab: example\.model names "forest", which this experiment does not have; known: logistic\n$/],
    ['example: a missing attribute', () => ['run', writeExperiment({ ...base, example: { attribute: 'group', model: 'logistic' } })], /^risklab: example\.attribute names "group", which is not a group attribute/],
    ['a criterion with a typo', () => ['run', writeExperiment({ ...base, criteria: ['precison ≥ 0.65'] })], /^risklab: criteria\[0\]: criterion metric must name a metric \(.*\); got "precison"\n$/],
    ['a finding naming a missing model', () => ['run', writeExperiment({ ...base, findings: [{ id: 'p', claim: 'p', select: { model: 'boosting', label: 'yTrue', metric: 'precision' } }] })], /^risklab: findings\[0\]\.select\.model names "boosting", which this experiment does not have; known: logistic\n$/],
    ['the removed labels option', () => ['run', writeExperiment({ ...base, labels: ['true'] })], /^risklab: labels is not a known setting; remove it or check its spelling\n$/],
    ['workers 0', () => ['run', 'base-rate', '--workers', '0'], /^risklab: --workers must be a whole number ≥ 1; got "0"\n$/],
    ['replicates not a number', () => ['run', 'base-rate', '--replicates', 'many'], /^risklab: --replicates must be a whole number ≥ 1; got "many"\n$/],
  ];

  it.each(cases)('%s: one line, exit code 2, existing results untouched', async (_name, args, message) => {
    const out = good();
    const code = await main([...args(), '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(out, 'bad', 'summary.md'), 'utf8')).toBe('a good earlier result');
    expect(readdirSync(out).filter((f) => f.startsWith('.risklab-tmp'))).toEqual([]);
  });

  it('a good file replaces an earlier result whole', async () => {
    const out = good();
    const code = await main(['run', writeExperiment(base), '--out', out, '--workers', '1']);
    expect(code).toBe(0);
    // The new summary opens with the banner (synthetic children), then the question as its title.
    expect(readFileSync(join(out, 'bad', 'summary.md'), 'utf8')).toMatch(/^> \*\*Synthetic children, not any council’s data\.\*\*[^\n]*\n\n# /);
    expect(existsSync(join(out, 'bad', 'metrics.csv'))).toBe(true);
  });
});
