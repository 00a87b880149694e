/**
 * The findings DSL: planned and checked when an experiment is resolved,
 * evaluated by the one generic evaluator on a run's tables. The tables here
 * are made by hand, with values chosen so that every expected number can be
 * worked out on paper; no simulation runs.
 */
import { describe, expect, it } from 'vitest';
import { resolveExperiment, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { planFindings } from '../../src/experiment/findings/plan.js';
import { evaluateFindings, type Finding } from '../../src/experiment/findings/evaluate.js';
import { parseTemplate, renderTemplate } from '../../src/experiment/findings/template.js';
import { indexTables, type IndexedRow } from '../../src/experiment/result-index.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { experimentMessages as x, RisklabError } from '../../src/messages.js';
import { median } from '../../src/metrics/index.js';

const REPLICATES = 3;
const base = {
  name: 'dsl',
  question: 'Does the findings language do what it says?',
  seed: 1,
  scenarios: [
    { label: 'north', preset: 'neutral', overrides: { population: { size: 1000 } } },
    { label: 'south', preset: 'neutral', overrides: { population: { size: 2000 } } },
  ],
  grid: [
    { label: 'low', value: 0.01, overrides: { outcome: { baseRate: 0.01 } } },
    { label: 'high', value: 0.1, overrides: { outcome: { baseRate: 0.1 } } },
  ],
  models: [{ name: 'logistic' }, { name: 'boosting', label: 'trees' }, { name: 'oracle' }],
  operatingPoints: [{ rule: 'topK', value: 100 }, { rule: 'threshold', value: 0.5 }],
  groups: ['sex'],
  replicates: REPLICATES,
};

function resolve(extra: Record<string, unknown>): ResolvedExperiment {
  return resolveExperiment({ ...base, ...extra }, { loadPreset: loadScenarioInput });
}

const MODELS = ['logistic', 'trees', 'oracle'];
/**
 * Hand-made counts at cell c, model m, label l, group g, replicate r:
 * tp = 10 + c + 2·m + r (+5 against the truth), fp = 40 − tp, fn = 20 + m, tn = 900
 * (halved for each sex, so the sexes add up to everyone). Metrics follow from the counts.
 */
function tables(resolved: ResolvedExperiment) {
  const rows: IndexedRow[] = [];
  const brier: { cell: number; replicate: number; model: string; label: 'yRecorded' | 'yTrue'; value: number }[] = [];
  const equalRisk: { cell: number; replicate: number; model: string; attribute: string; group: string; riskTenth: number; n: number; meanPTrue: number; meanScore: number }[] = [];
  for (let r = 0; r < REPLICATES; r++) {
    for (const cell of resolved.cells) {
      MODELS.forEach((model, m) => {
        for (const label of ['yRecorded', 'yTrue'] as const) {
          for (const op of ['topK=100', 'threshold=0.5']) {
            for (const [attribute, group, scale] of [['all', 'all', 1], ['sex', 'female', 0.5], ['sex', 'male', 0.5]] as const) {
              const tp = (10 + cell.index + 2 * m + r + (label === 'yTrue' ? 5 : 0)) * scale;
              const fp = 40 * scale - tp;
              const fn = (20 + m) * scale;
              const tn = 900 * scale;
              const n = tp + fp + fn + tn;
              const values: Record<string, number> = {
                precision: tp / (tp + fp),
                recall: tp / (tp + fn),
                fpr: fp / (fp + tn),
                prevalence: (tp + fn) / n,
                selectionRate: (tp + fp) / n,
                auc: 0.7 + 0.01 * m,
              };
              for (const [metric, value] of Object.entries(values)) {
                rows.push({ cell: cell.index, replicate: r, model, label, attribute, group, operatingPoint: op, cutThreshold: 0.5, cutTieRowLimit: Infinity, n, positives: tp + fn, flagged: tp + fp, tp, fp, fn, tn, metric, value });
              }
            }
          }
          brier.push({ cell: cell.index, replicate: r, model, label, value: 0.01 * (m + 1) + r / 1000 });
        }
        for (let t = 1; t <= 10; t++) {
          for (const [group, shift] of [['female', 0], ['male', 0.02 * (cell.index + 1)]] as const) {
            equalRisk.push({ cell: cell.index, replicate: r, model, attribute: 'sex', group, riskTenth: t, n: 10, meanPTrue: t / 20, meanScore: t / 20 + shift });
          }
        }
      });
    }
  }
  return { rows, brier, equalRisk };
}

function run(extra: Record<string, unknown>): { resolved: ResolvedExperiment; findings: Finding[]; headline: string } {
  const resolved = resolve(extra);
  const { findings, headline } = evaluateFindings(planFindings(resolved), indexTables(tables(resolved)), REPLICATES);
  return { resolved, findings: [...findings], headline };
}

/** tp of the hand-made tables. */
const tpOf = (cell: number, m: number, r: number, truth = false) => 10 + cell + 2 * m + r + (truth ? 5 : 0);

describe('selecting by name', () => {
  it('one cell, one model, a count: the values of every replicate, their median, and a band', () => {
    const { findings } = run({
      findings: [
        {
          id: 'missed',
          claim: '{model} misses {median|count} children in {scenario}, {cell} ({op}, against {label})',
          select: { scenario: 'south', cell: 'high', model: 'trees', label: 'yTrue', metric: 'tp' },
          band: { min: 17, max: 20, source: 'worked out by hand' },
        },
      ],
    });
    const [f] = findings;
    // south × high is cell 3; trees is model 1: tp = 10 + 3 + 2 + r + 5.
    expect(f.values).toEqual([20, 21, 22]);
    expect(f.median).toBe(21);
    expect(f.claim).toBe('trees misses 21 children in south, high (a list of the top 100 children, against the truth)');
    expect(f.band).toEqual({ text: '17–20', source: 'worked out by hand' });
    expect(f.holds).toBe(false);
  });

  it('"*" models are every model that is not a baseline; reduce combines them within each replicate', () => {
    const { findings } = run({
      findings: [
        { id: 'm', claim: 'median of {modelCount|words} models in {cellCount} cells', select: { label: 'yRecorded', metric: 'tp' }, reduce: 'median' },
        { id: 's', claim: 'sum', select: { cell: 'low', label: 'yRecorded', metric: 'tp' }, reduce: 'sum' },
      ],
    });
    const [m, s] = findings;
    expect(m.claim).toBe('median of two models in 4 cells');
    // Every replicate: the median over 4 cells × {logistic, trees} of tp = 10 + cell + 2·m + r.
    for (let r = 0; r < REPLICATES; r++) expect(m.values[r]).toBe(median([0, 1, 2, 3].flatMap((c) => [tpOf(c, 0, r), tpOf(c, 1, r)])));
    // cell "low" is cells 0 (north) and 2 (south).
    expect(s.values[0]).toBe(tpOf(0, 0, 0) + tpOf(0, 1, 0) + tpOf(2, 0, 0) + tpOf(2, 1, 0));
  });

  it('forEach expands one declaration per cell, scenario or model, named id[value]', () => {
    const { findings } = run({
      findings: [{ id: 'p', claim: '{scenario} {cell} {model}: {cellValue|percent}, size {config.population.size|count}', forEach: ['scenario', 'cell', 'model'], select: { label: 'yTrue', metric: 'precision' } }],
    });
    expect(findings.map((f) => f.id)).toEqual([
      'p[north][low][logistic]', 'p[north][low][trees]', 'p[north][high][logistic]', 'p[north][high][trees]',
      'p[south][low][logistic]', 'p[south][low][trees]', 'p[south][high][logistic]', 'p[south][high][trees]',
    ]);
    expect(findings[5].claim).toBe('south low trees: 1%, size 2,000');
    expect(findings[5].values[1]).toBe(tpOf(2, 1, 1, true) / 40);
  });

  it('highest reports which combination won', () => {
    const { findings } = run({ findings: [{ id: 'best', claim: 'best: {winner.scenario} {winner.cell} {winner.model}', select: { label: 'yRecorded', metric: 'precision', model: '*' }, reduce: 'highest' }] });
    expect(findings[0].claim).toBe('best: south high trees');
    expect(findings[0].winner).toEqual({ scenario: 'south', cell: 'high', model: 'trees' });
    expect(findings[0].values).toEqual([0, 1, 2].map((r) => tpOf(3, 1, r) / 40));
  });

  it('brier and the operating point by name', () => {
    const { findings } = run({
      findings: [
        { id: 'b', claim: 'brier', select: { scenario: 'north', cell: 'low', model: 'oracle', label: 'yTrue', metric: 'brier' } },
        { id: 'r', claim: 'at {op.name}', select: { scenario: 'north', cell: 'low', model: 'logistic', label: 'yTrue', metric: 'recall', operatingPoint: 'threshold=0.5' } },
      ],
    });
    expect(findings[0].values).toEqual([0.03, 0.031, 0.032]);
    expect(findings[1].claim).toBe('at threshold=0.5');
  });
});

describe('derivations', () => {
  const at = { scenario: 'north', cell: 'low', model: 'logistic' };
  it('difference and ratio between groups, labels or cells; share; attribution', () => {
    const { findings } = run({
      findings: [
        { id: 'd', claim: '{of.group} − {minus.group}', select: { ...at, label: 'yTrue', metric: 'fpr', attribute: 'sex' }, derive: { kind: 'difference', of: { group: 'male' }, minus: { group: 'female' } } },
        { id: 'q', claim: 'ratio', select: { ...at, metric: 'recall' }, derive: { kind: 'ratio', of: { label: 'yRecorded' }, over: { label: 'yTrue' } } },
        { id: 's', claim: 'share', select: { ...at, label: 'yTrue', metric: 'flagged' }, derive: { kind: 'share', part: { attribute: 'sex', group: 'male' }, whole: {} } },
        { id: 'a', claim: '{from.cell} − {to.cell}', select: { scenario: 'north', model: 'logistic', label: 'yRecorded', metric: 'tp' }, derive: { kind: 'attribution', from: 'high', to: 'low' } },
        { id: 'ar', claim: 'relative', select: { scenario: 'north', model: 'logistic', label: 'yRecorded', metric: 'tp' }, derive: { kind: 'attribution', from: 'high', to: 'low', relative: true } },
      ],
    });
    const [d, q, s, a, ar] = findings;
    expect(d.claim).toBe('male − female');
    expect(d.values).toEqual([0, 0, 0]); // the sexes are halves of the same table: equal rates
    const recall = (tp: number, m = 0) => tp / (tp + 20 + m);
    expect(q.values[0]).toBe(recall(tpOf(0, 0, 0)) / recall(tpOf(0, 0, 0, true)));
    expect(s.values).toEqual([0.5, 0.5, 0.5]);
    expect(a.claim).toBe('high − low');
    // "high" in north is cell 1, "low" cell 0: tp differs by 1.
    expect(a.values).toEqual([1, 1, 1]);
    expect(ar.values[0]).toBe(1 / tpOf(1, 0, 0));
  });

  it('the score gap at equal true risk, and the closed-form precision check', () => {
    const { findings } = run({
      findings: [
        { id: 'g', claim: '{of.group} − {minus.group}', forEach: 'cell', select: { scenario: 'south', model: 'trees' }, derive: { kind: 'equalRiskGap', attribute: 'sex', of: 'male', minus: 'female' } },
        { id: 'c', claim: 'closed form', select: { ...at, label: 'yTrue' }, derive: { kind: 'closedFormCheck' } },
      ],
    });
    expect(findings.map((f) => f.id)).toEqual(['g[low]', 'g[high]', 'c']);
    expect(findings[0].claim).toBe('male − female');
    // south × low is cell 2 and south × high cell 3: male scores 0.02·(cell + 1) higher in every tenth.
    expect(findings[0].values.every((v) => Math.abs(v - 0.06) < 1e-12)).toBe(true);
    expect(findings[1].values.every((v) => Math.abs(v - 0.08) < 1e-12)).toBe(true);
    expect(findings[2].values.every((v) => Math.abs(v) < 1e-12)).toBe(true);
  });
});

describe('the headline', () => {
  it('is a template over finding ids, with filters', () => {
    const { headline } = run({
      findings: [
        { id: 'precision', claim: 'p', select: { label: 'yRecorded', metric: 'precision' }, reduce: 'median' },
        { id: 'missed', claim: 'm', forEach: 'model', select: { scenario: 'south', cell: 'high', label: 'yTrue', metric: 'fn' } },
      ],
      headline:
        'Across {precision.cellCount|words} settings, right {precision|percent} ({precision|fixed:3}) of the time, wrong {precision|complement|outOf:10} in 10; {missed[trees].model} misses {missed[trees]|times:1000|count}; {replicates} replicates; {precision|sign:up:down}. {{literal}}',
    });
    const p = median([0, 1, 2, 3].flatMap((c) => [tpOf(c, 0, 1), tpOf(c, 1, 1)])) / 40;
    expect(headline).toBe(
      `Across four settings, right ${Number((p * 100).toPrecision(2))}% (${p.toFixed(3)}) of the time, wrong ${Math.round((1 - p) * 10)} in 10; trees misses 21,000; 3 replicates; up. {literal}`,
    );
  });
});

describe('filters', () => {
  const render = (text: string, value: number | string) => renderTemplate(parseTemplate(text, 'test'), () => value);
  it.each([
    ['{v|percent}', 0.4231, '42%'],
    ['{v|percent}', 0.001, '0.1%'],
    ['{v|percent:3}', 0.4231, '42.3%'],
    ['{v|fixed:2}', 0.4, '0.40'],
    ['{v|count}', 1312.4, '1,312'],
    ['{v|words}', 4, 'four'],
    ['{v|words}', 25, '25'],
    ['{v|outOf:10}', 0.58, '6'],
    ['{v|complement|outOf:5}', 0.21, '4'],
    ['{v|strength}', 0.95, 'very strong'],
    ['{v|sign:flatter:understate}', -0.1, 'understate'],
    ['{v|sign:flatter:understate:match}', 0, 'match'],
    ['{v|abs|fixed:1}', -2.25, '2.3'],
    ['{v}', 0.123456, '0.123'],
    ['{v}', 350000, '350000'],
    ['{v|fixed:2}', NaN, 'not defined'],
    ['{v|fixed:2}', 'text', 'text'],
  ])('%s of %s is %s', (template, value, expected) => {
    expect(render(template, value)).toBe(expected);
  });
});

describe('checked when the experiment is resolved: one line naming the field and the known names', () => {
  const finding = (over: Record<string, unknown>) => ({ id: 'f', claim: 'c', select: { scenario: 'north', cell: 'low', model: 'logistic', label: 'yTrue', metric: 'precision' }, ...over });
  const sel = (over: Record<string, unknown>) => finding({ select: { scenario: 'north', cell: 'low', model: 'logistic', label: 'yTrue', metric: 'precision', ...over } });
  const cases: [string, Record<string, unknown>, string][] = [
    ['a model', { findings: [sel({ model: 'logistc' })] }, x.unknown('findings[0].select.model', 'logistc', MODELS)],
    ['a cell', { findings: [sel({ cell: 'medium' })] }, x.unknown('findings[0].select.cell', 'medium', ['low', 'high'])],
    ['a scenario', { findings: [sel({ scenario: 'east' })] }, x.unknown('findings[0].select.scenario', 'east', ['north', 'south'])],
    ['a metric', { findings: [sel({ metric: 'ppv' })] }, 'findings[0].select.metric names "ppv"'],
    ['an operating point', { findings: [sel({ operatingPoint: 'topK=1000' })] }, x.unknown('findings[0].select.operatingPoint', 'topK=1000', ['topK=100', 'threshold=0.5'])],
    ['an attribute', { findings: [sel({ attribute: 'ethnicity', group: 'white' })] }, x.unknown('findings[0].select.attribute', 'ethnicity', ['all', 'sex'])],
    ['a group', { findings: [sel({ attribute: 'sex', group: 'girls' })] }, x.unknown('findings[0].select.group', 'girls', ['female', 'male'])],
    ['a derivation side', { findings: [finding({ derive: { kind: 'difference', of: { model: 'svm' }, minus: {} } })] }, x.unknown('findings[0].derive.of.model', 'svm', MODELS)],
    ['an attribution cell', { findings: [finding({ derive: { kind: 'attribution', from: 'low', to: 'mid' } })] }, x.unknown('findings[0].derive.to.cell', 'mid', ['low', 'high'])],
    ['several rows per replicate', { findings: [finding({ select: { label: 'yTrue', metric: 'precision' } })] }, x.manyRows('findings[0].select', 8, '2 scenarios × 2 grid cells × 2 models')],
    ['no label', { findings: [sel({ label: undefined })] }, x.needsLabel('findings[0].select', 'precision')],
    ['a claim placeholder', { findings: [finding({ claim: '{modle}' })] }, 'findings[0].claim: {modle} is not a known placeholder'],
    ['a filter', { findings: [finding({ claim: '{median|percnt}' })] }, 'findings[0].claim: |percnt is not a known filter'],
    ['a filter on text', { findings: [finding({ claim: '{model|percent}' })] }, x.filterOnText('findings[0].claim', 'model', 'percent')],
    ['a winner without highest', { findings: [finding({ claim: '{winner.model}' })] }, 'findings[0].claim: {winner.model} is not a known placeholder'],
    ['a config path', { findings: [finding({ claim: '{config.population.colour}' })] }, x.badConfigPath('findings[0].claim', 'config.population.colour')],
    ['a config value that differs', { findings: [finding({ select: { cell: 'low', model: 'logistic', label: 'yTrue', metric: 'precision' }, reduce: 'median', claim: '{config.population.size}' })] }, x.notOneValue('findings[0].claim', 'config.population.size', ['1000', '2000'])],
    ['a headline id', { findings: [sel({})], headline: 'about {F|percent}' }, 'headline: {F} is not a known placeholder; known: replicates, f'],
    ['an unclosed brace', { findings: [sel({})], headline: 'about {f' }, x.badTemplate('headline', 'the "{" at character 7 is never closed')],
    ['a duplicate id', { findings: [sel({}), sel({})] }, x.duplicate('findings[].id', 'f')],
    ['a criterion', { criteria: ['precision >= 0.5', 'precsion ≥ 0.6'] }, 'criteria[1]: criterion metric must name a metric'],
    ['a wildcard label', { scenarios: [{ label: '*', preset: 'neutral' }] }, x.reserved('scenarios[].label')],
  ];
  it.each(cases)('%s', (_name, extra, message) => {
    expect(() => resolve(extra)).toThrow(RisklabError);
    expect(() => resolve(extra)).toThrow(message);
  });

  it('criteria are parsed into structured criteria; the default is none', () => {
    expect(resolve({}).criteria).toEqual([]);
    expect(resolve({ criteria: ['recall >= 0.5'] }).criteria).toEqual([{ metric: 'recall', comparison: '>=', bar: 0.5, text: 'recall ≥ 0.5' }]);
  });
});
