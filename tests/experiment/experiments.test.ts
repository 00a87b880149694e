import { trainerCard } from '../../src/experiment/card.js';
import { describe, expect, it } from 'vitest';
import { resultFiles } from '../../src/report/folder.js';
import { escapeMarkdownText } from '../../src/report/escape.js';
import { RESULT_COLUMNS } from '../../src/report/tables.js';
import { columnNames, metricsColumnsOf } from '../../src/report/data-dictionary.js';
import { median } from '../../src/metrics/index.js';
import { experimentNames } from '../../src/io/experiment-files.js';
import { resultIndex } from '../../src/experiment/result-index.js';
import { parseCsv, quickRun } from './helpers.js';
import { validateDataPackage } from '../report/table-schema.js';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';

/** The median across replicates of one metric at one point (default: cell 0, the headline operating point, everyone). */
function med(r: ExperimentResult, at: { cell?: number; model: string; label: 'yRecorded' | 'yTrue'; metric: string; operatingPoint?: string; attribute?: string; group?: string }): number {
  const points = resultIndex(r).points({ cell: 0, operatingPoint: r.operatingPoints[0], ...at });
  expect(points.length, JSON.stringify(at)).toBe(r.replicates);
  return median(points.map((p) => p.values[at.metric]));
}
const finding = (r: ExperimentResult, id: string) => {
  const f = r.findings.findings.find((x) => x.id === id);
  expect(f, id).toBeDefined();
  return f!;
};

describe('every experiment runs --quick and writes the documented columns', () => {
  it('lists the seven experiments', () => {
    expect(experimentNames()).toEqual(['base-rate', 'bristol-mirroring', 'capacity-list', 'feedback-loop', 'recording-bias', 'what-works', 'what-works-mechanisms']);
  });

  it.each(['base-rate', 'bristol-mirroring', 'capacity-list', 'feedback-loop', 'recording-bias', 'what-works', 'what-works-mechanisms'])('%s', async (name) => {
    const { resolved, result, tasks } = await quickRun(name);
    const files = await resultFiles(resolved, result, tasks, { version: 'test' });
    // list.csv: every experiment with a list operating point writes its list (issue 17).
    const list = result.lists.length > 0 ? ['list.csv'] : [];
    expect(Object.keys(files).filter((f) => !f.startsWith('charts/')).sort()).toEqual(['README.md', 'brief.html', 'config.json', 'datapackage.json', 'equal-risk.csv', 'groups.csv', ...list, 'metrics.csv', 'report.html', 'summary.md', 'sweep.csv']);
    // The data dictionary validates against every file (Frictionless Table Schema rules; tests/report/table-schema.ts).
    expect(validateDataPackage(files['datapackage.json'], files)).toEqual([]);
    const svgs = Object.keys(files).filter((f) => f.startsWith('charts/'));
    expect(svgs.length).toBeGreaterThanOrEqual(5);
    for (const f of svgs) expect(files[f]).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(result.findings.headline.length).toBeGreaterThan(40);
    expect(result.findings.headline).not.toMatch(/[{}]|n\/a|not defined/);
    // The headline says which way the records mislead (issue 10 §1), and opens the report and the brief.
    expect(result.findings.headline).toMatch(/\b(flatter|understate|overstate|agree with the truth|match)\b/);
    const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    const withheld = result.findings.headlineParts.some((part) => part.suppressed);
    if (!withheld) {
      for (const page of ['report.html', 'brief.html']) expect(text(files[page]), page).toContain(result.findings.headline);
    }
    // With rounds (feedback-loop), metrics.csv has a round column after replicate (the data dictionary's ROUND).
    expect(parseCsv(files['metrics.csv']).header).toEqual(columnNames(metricsColumnsOf(result)));
    if (result.rounds === undefined) expect(parseCsv(files['metrics.csv']).header).toEqual(Object.keys(RESULT_COLUMNS.metrics));
    expect(parseCsv(files['groups.csv']).header.slice(0, 13)).toEqual(['experiment', 'config_hash', 'scenario', 'grid_variable', 'grid', 'grid_value', 'model', 'baseline', 'label', 'attribute', 'group', 'operating_point', 'metric']);
    expect(parseCsv(files['sweep.csv']).rows.length).toBe(result.cells.length * result.models.length * 2 * 101);
    expect(files['summary.md']).toContain(`config ${result.configHash}`);
    if (!withheld) expect(files['summary.md'].replace(/\[([^\]]*)\]\(#words-used-here\)/g, '$1')).toContain(escapeMarkdownText(result.findings.headline));
    for (const f of result.findings.findings) expect(files['summary.md'], f.id).toContain(f.claim);
    const metrics = parseCsv(files['metrics.csv']);
    const models = new Set(metrics.rows.map((r) => r[metrics.header.indexOf('model')]));
    expect([...models].sort()).toEqual(result.models.map((m) => m.label).sort());
  });
});

describe('effects point the right way (quick runs)', () => {
  it('what-works: precision at 0.5 stays below the 65% bar; a lower cut raises recall', async () => {
    const { result } = await quickRun('what-works');
    // The quick run has 3,000 children and 2 replicates: the highest of 16 setting–model precisions is the
    // maximum of 16 noisy estimates and can cross the bar by chance; their median cannot. The full run's
    // "best" finding (band < 0.65) is checked on the committed results (committed-results.test.ts).
    expect(finding(result, 'precision').median).toBeLessThan(0.65);
    expect(finding(result, 'best').claim).toMatch(/^highest precision of any simulated council and model: council \d \(synthetic\), the (logistic|forest|boosting|neural) model /);
    const recallAtHalf = med(result, { model: 'logistic', label: 'yRecorded', metric: 'recall', operatingPoint: 'threshold=0.5' });
    const recallAtTarget = med(result, { model: 'logistic', label: 'yRecorded', metric: 'recall', operatingPoint: 'recall=0.5' });
    expect(recallAtTarget).toBeGreaterThan(recallAtHalf);
  });

  it('bristol-mirroring: looks stronger against records than against truth; leakage then detection bias add apparent skill', async () => {
    const { result } = await quickRun('bristol-mirroring');
    const m = 'logistic';
    const rec = (cell: number, metric: string) => med(result, { cell, model: m, label: 'yRecorded', metric });
    expect(rec(0, 'recall')).toBeGreaterThan(med(result, { cell: 0, model: m, label: 'yTrue', metric: 'recall' }));
    expect(rec(0, 'precision')).toBeGreaterThan(rec(1, 'precision'));
    expect(rec(0, 'recall')).toBeGreaterThan(rec(1, 'recall'));
    expect(med(result, { cell: 0, model: m, label: 'yRecorded', metric: 'auc' })).toBeGreaterThan(med(result, { cell: 2, model: m, label: 'yRecorded', metric: 'auc' }));
    // The cross-validated cell scores every child out of fold, and looks as strong against the records.
    const cv = result.cells.findIndex((c) => c.grid === 'as recorded, 5-fold cross-validation');
    expect(result.sizes.filter((s) => s.cell === cv).every((s) => s.test === s.train)).toBe(true);
    expect(finding(result, 'crossValidatedPrecision[logistic]').median).toBeGreaterThan(med(result, { cell: 0, model: m, label: 'yTrue', metric: 'precision' }) - 0.2);
  });

  it('recording-bias: more visibility, more flags, more false alarms and higher scores at equal true risk for group B', async () => {
    const { result } = await quickRun('recording-bias');
    const last = result.cells.length - 1;
    const ratio = (cell: number) =>
      med(result, { cell, model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: 'B' }) /
      med(result, { cell, model: 'logistic', label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: 'A' });
    expect(ratio(last)).toBeGreaterThan(ratio(0));
    const fprGap = (cell: number) =>
      med(result, { cell, model: 'logistic', label: 'yTrue', metric: 'fpr', attribute: 'group', group: 'B' }) -
      med(result, { cell, model: 'logistic', label: 'yTrue', metric: 'fpr', attribute: 'group', group: 'A' });
    expect(fprGap(last)).toBeGreaterThan(fprGap(0));
    expect(finding(result, `scoreGap[${result.cells[last].grid}]`).median).toBeGreaterThan(0);
    // The trainers' card: one set per cell, shown from the cell where B is favoured most (never the ×1 cell, where B is not more visible).
    expect(result.cards.length).toBe(result.cells.length);
    expect(result.cards[0].attribute).toBe('');
    const card = trainerCard(result)!;
    expect(card.cell).toBeGreaterThan(0);
    expect(card.ratio).toBe(Math.max(...result.cards.map((c) => (c.otherShare > 0 ? c.visibleShare / c.otherShare : -1))));
    if (card.pair.kind === 'pair') {
      const [v, o] = card.pair.children;
      expect([v.group, o.group, v.listed, o.listed]).toEqual(['B', 'A', true, false]);
      expect(Math.abs(v.pTrue - o.pTrue)).toBeLessThanOrEqual(card.pair.tolerance * Math.max(v.pTrue, o.pTrue));
    }
  });

  it('base-rate: precision rises and flags per case fall with the base rate; the oracle matches the closed form', async () => {
    const { result } = await quickRun('base-rate');
    const p = result.cells.map((c) => med(result, { cell: c.index, model: 'oracle', label: 'yTrue', metric: 'precision' }));
    const flags = result.cells.map((c) => med(result, { cell: c.index, model: 'oracle', label: 'yTrue', metric: 'flagsPerTrueCase' }));
    expect(p[p.length - 1]).toBeGreaterThan(p[0]);
    expect(flags[flags.length - 1]).toBeLessThan(flags[0]);
    const closed = result.findings.findings.filter((f) => f.id.startsWith('closedForm['));
    expect(closed).toHaveLength(result.cells.length);
    for (const x of closed) expect(Math.abs(x.median)).toBeLessThan(1e-12);
  });

  it('capacity-list: the list is richer in true cases than the population, and leaves many off', async () => {
    const { result } = await quickRun('capacity-list');
    const precision = med(result, { model: 'logistic', label: 'yTrue', metric: 'precision' });
    const prevalence = med(result, { model: 'logistic', label: 'yTrue', metric: 'prevalence' });
    expect(precision).toBeGreaterThan(2 * prevalence);
    expect(med(result, { model: 'oracle', label: 'yTrue', metric: 'recall' })).toBeLessThan(1);
    // The list size and the population size in words come from this run's config (--quick: 30,000 children).
    expect(result.findings.headline).toContain('top 1,000 of 30,000 children');
    expect(finding(result, 'leftOff[logistic]').values).toEqual(resultIndex(result).points({ cell: 0, model: 'logistic', label: 'yTrue', operatingPoint: 'topK=1000' }).map((p) => p.fn));
  });
});
