import { RisklabError, experimentMessages as x, reportMessages, roundsMessages as rm } from '../../messages.js';
import { METRIC_NAMES, type LabelName } from '../../metrics/index.js';
import { isBaseline } from '../../models/registry.js';
import type { ExperimentCell, ResolvedExperiment } from '../resolve.js';
import type { BandConfig, FindingConfig, SelectConfig, SideConfig } from '../schema.js';
import { everPointName, operatingPointName, operatingPointWords } from '../names.js';
import { checkFilters, parseTemplate, placeholders, type Template, type TemplateValue } from './template.js';
import { LIST_METRIC_NAMES } from '../list/metrics.js';
import { basePointName, planList } from '../list/settings.js';
import { LIST_METRIC_DEFINITIONS } from '../../messages-list.js';

/**
 * Findings planned from the experiment file: every name resolved against
 * the experiment (scenarios, grid cells, models, operating points, metrics,
 * attributes and levels), `forEach` expanded, each combination of the
 * selection turned into what to read per replicate, and every template
 * placeholder checked. Runs when the experiment is resolved (so a typo fails
 * before any simulation) and again when the results are gathered.
 */

/** Counts of children a selection can read like a metric. */
export const COUNT_NAMES = ['tp', 'fp', 'fn', 'tn', 'n', 'positives', 'flagged'] as const;
/** Everything a selection's `metric` can name. */
export const READABLE: readonly string[] = [...METRIC_NAMES, 'brier', ...COUNT_NAMES, ...LIST_METRIC_NAMES];

/** One number to read per replicate: one cell, one model, one label, group and operating point. */
export interface Read {
  readonly cell: number;
  readonly model: string;
  readonly label: LabelName;
  readonly operatingPoint: string;
  readonly metric: string;
  readonly attribute: string;
  readonly group: string;
  /** In an experiment with rounds, the round (1-based); absent otherwise. */
  readonly round?: number;
}

/** How one combination of a selection gives its number per replicate. */
export type Computation =
  | { readonly kind: 'read'; readonly read: Read }
  | { readonly kind: 'difference' | 'ratio' | 'share'; readonly a: Read; readonly b: Read }
  | { readonly kind: 'attribution'; readonly a: Read; readonly b: Read; readonly relative: boolean }
  | { readonly kind: 'equalRiskGap'; readonly cell: number; readonly model: string; readonly attribute: string; readonly of: string; readonly minus: string }
  /** Reads precision, recall, fpr and prevalence at `read`'s point (its metric is precision). */
  | { readonly kind: 'closedFormCheck'; readonly read: Read }
  /** (from − the value read) ÷ (from − to). */
  | { readonly kind: 'gapShare'; readonly read: Read; readonly from: number; readonly to: number };

/** One combination (scenario × grid cell × model, less what a derivation pins) of a finding's selection. */
export interface Combination {
  readonly scenario: string | null;
  readonly cell: string | null;
  readonly model: string | null;
  readonly computation: Computation;
}

/** A finding ready to evaluate. */
export interface FindingPlan {
  /** The id, with one [value] per forEach dimension ("left[logistic]"). */
  readonly id: string;
  /** Where it was declared ("findings[3]"), for messages. */
  readonly field: string;
  readonly claim: Template;
  readonly combinations: readonly Combination[];
  readonly reduce: FindingConfig['reduce'] | null;
  readonly band: BandConfig | null;
  /** Placeholder values known before the run (names, sizes from the resolved config). */
  readonly vars: Readonly<Record<string, TemplateValue>>;
}

/** Every finding of an experiment, and its headline. */
export interface FindingsPlan {
  readonly findings: readonly FindingPlan[];
  readonly headline: Template;
  /** Rates resting on fewer children than this are suppressed (the experiment's `minCount`). */
  readonly minCount: number;
}

/** Placeholders a finding's own numbers fill, and those only a highest/lowest reduction has. */
const DYNAMIC_NUMBERS = ['median', 'lower', 'upper'];
const WINNER = ['winner.scenario', 'winner.cell', 'winner.model'];

/** What a selection resolved to: matching cells and models, and the rest of its fields. */
interface Selection {
  readonly cells: readonly ExperimentCell[];
  readonly models: readonly string[];
  readonly label: LabelName | undefined;
  readonly operatingPoint: string;
  readonly metric: string | undefined;
  readonly attribute: string;
  readonly group: string;
  /** The round read (experiments with rounds only). */
  readonly round: number | undefined;
}

/** The experiment's names, for checking selections. */
interface Names {
  readonly resolved: ResolvedExperiment;
  readonly scenarios: readonly string[];
  readonly grid: readonly string[];
  readonly models: readonly string[];
  readonly nonBaseline: readonly string[];
  readonly operatingPoints: readonly string[];
  /** Rounds of the experiment, or null for a one-round experiment. */
  readonly rounds: number | null;
}

function namesOf(resolved: ResolvedExperiment): Names {
  const e = resolved.experiment;
  const models = e.models.map((m) => ({ label: m.label ?? m.name, baseline: isBaseline(m.name) }));
  return {
    resolved,
    scenarios: e.scenarios.map((s) => s.label),
    grid: e.grid.map((g) => g.label),
    models: models.map((m) => m.label),
    nonBaseline: models.filter((m) => !m.baseline).map((m) => m.label),
    // The experiment's own, the `ever:` point of an experiment with rounds, then those its list adds (reviewed lists, the year's weekly lists).
    operatingPoints: [...e.operatingPoints.map(operatingPointName), ...(e.rounds ? [everPointName(operatingPointName(e.operatingPoints[0]))] : []), ...planList(e).derived.map((d) => d.name)],
    rounds: e.rounds?.count ?? null,
  };
}

/** A selection's `round` as a number: "last" or absent is the last round; refused in an experiment without rounds or past its last round. */
function roundOf(names: Names, field: string, round: number | 'last' | undefined): number | undefined {
  if (names.rounds === null) {
    if (round !== undefined) fail(rm.noRounds(`${field}.round`), field);
    return undefined;
  }
  if (round === undefined || round === 'last') return names.rounds;
  if (round > names.rounds) fail(x.unknown(`${field}.round`, String(round), Array.from({ length: names.rounds }, (_, i) => String(i + 1))), field);
  return round;
}

const fail = (message: string, field: string): never => {
  throw new RisklabError(message, field);
};

/** A name, a list of names or "*": the names it stands for, each checked against `known`. */
function pick(field: string, value: string | readonly string[], known: readonly string[], every: readonly string[] = known): string[] {
  if (value === '*') return [...every];
  const list = typeof value === 'string' ? [value] : [...value];
  for (const v of list) if (!known.includes(v)) fail(x.unknown(field, v, known), field);
  return list;
}

/** Group attributes evaluated in a cell (intersections included) and their levels. */
function groupLevels(resolved: ResolvedExperiment, cell: ExperimentCell): Map<string, string[]> {
  const all = new Map(cell.scenario.population.groups.map((g) => [g.attribute, g.levels.map((l) => l.name)]));
  const out = new Map<string, string[]>([['all', ['all']]]);
  for (const a of resolved.experiment.groups ?? [...all.keys()]) out.set(a, all.get(a) ?? []);
  for (const pair of resolved.experiment.intersections) {
    let levels = [''];
    for (const a of pair) levels = levels.flatMap((p) => (all.get(a) ?? []).map((l) => (p ? `${p} × ${l}` : l)));
    out.set(pair.join(' × '), levels);
  }
  return out;
}

function checkGroup(names: Names, field: string, cells: readonly ExperimentCell[], attribute: string, group: string): void {
  for (const cell of cells) {
    const levels = groupLevels(names.resolved, cell);
    if (!levels.has(attribute)) fail(x.unknown(`${field}.attribute`, attribute, [...levels.keys()]), field);
    if (!levels.get(attribute)!.includes(group)) fail(x.unknown(`${field}.group`, group, levels.get(attribute)!), field);
  }
}

/** Resolve a finding's `select` by name. */
function resolveSelection(names: Names, field: string, s: SelectConfig): Selection {
  const scenarios = pick(`${field}.scenario`, s.scenario, names.scenarios);
  const grid = pick(`${field}.cell`, s.cell, names.grid);
  const models = pick(`${field}.model`, s.model, names.models, names.nonBaseline);
  if (models.length === 0) fail(x.unknown(`${field}.model`, '*', names.models), field);
  const operatingPoint = s.operatingPoint ?? names.operatingPoints[0];
  pick(`${field}.operatingPoint`, operatingPoint, names.operatingPoints);
  if (s.metric !== undefined) pick(`${field}.metric`, s.metric, READABLE);
  const cells = names.resolved.cells.filter((c) => scenarios.includes(c.scenarioLabel) && grid.includes(c.gridLabel));
  // attribute and group are checked on each read (a derivation's sides may set them).
  return { cells, models, label: s.label, operatingPoint, metric: s.metric, attribute: s.attribute, group: s.group, round: roundOf(names, field, s.round) };
}

/** The values of one dimension in a selection, in the experiment's order (rounds: every round, "1" to the last). */
function valuesOf(sel: Selection, dim: 'scenario' | 'cell' | 'model' | 'round', rounds: number | null = null): string[] {
  if (dim === 'model') return [...sel.models];
  if (dim === 'round') return Array.from({ length: rounds ?? 0 }, (_, i) => String(i + 1));
  const seen: string[] = [];
  for (const c of sel.cells) {
    const v = dim === 'scenario' ? c.scenarioLabel : c.gridLabel;
    if (!seen.includes(v)) seen.push(v);
  }
  return seen;
}

/** Expand `forEach`: one selection per value (per combination of values), with its id. */
function expand(names: Names, field: string, finding: FindingConfig, sel: Selection): { id: string; sel: Selection }[] {
  const dims = finding.forEach === undefined ? [] : typeof finding.forEach === 'string' ? [finding.forEach] : finding.forEach;
  let out = [{ id: finding.id, sel }];
  if (dims.includes('round') && names.rounds === null) fail(rm.noRounds(`${field}.forEach`), field);
  for (const dim of dims) {
    out = out.flatMap(({ id, sel: s }) =>
      valuesOf(s, dim, names.rounds).map((v) => ({
        id: `${id}[${v}]`,
        sel:
          dim === 'model'
            ? { ...s, models: [v] }
            : dim === 'round'
              ? { ...s, round: Number(v) }
              : { ...s, cells: s.cells.filter((c) => (dim === 'scenario' ? c.scenarioLabel : c.gridLabel) === v) },
      })),
    );
  }
  return out;
}

/** Sides of a derivation, as patches of the selection. */
function sidesOf(finding: FindingConfig): [string, SideConfig][] {
  const d = finding.derive;
  if (!d) return [];
  if (d.kind === 'difference') return [['of', d.of], ['minus', d.minus]];
  if (d.kind === 'ratio') return [['of', d.of], ['over', d.over]];
  if (d.kind === 'share') return [['part', d.part], ['whole', d.whole]];
  if (d.kind === 'attribution') return [['from', { cell: d.from }], ['to', { cell: d.to }]];
  return [];
}

/** One name from a side's field (a derivation side names one scenario, cell or model). */
function one(field: string, dim: string, v: string | readonly string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v === '*' || (typeof v !== 'string' && v.length !== 1)) fail(x.sideNotOne(field, dim), field);
  return typeof v === 'string' ? v : v[0];
}

/** A fully named read, checked. */
function makeRead(names: Names, field: string, at: { scenario: string; cell: string; model: string }, base: Selection, patch: SideConfig): Read {
  const cell = names.resolved.cells.find((c) => c.scenarioLabel === at.scenario && c.gridLabel === at.cell)!;
  const label = patch.label ?? base.label;
  const metric = patch.metric ?? base.metric;
  const operatingPoint = patch.operatingPoint ?? base.operatingPoint;
  const attribute = patch.attribute ?? base.attribute;
  const group = patch.group ?? base.group;
  const round = patch.round === undefined ? base.round : roundOf(names, field, patch.round);
  if (metric === undefined) return fail(x.needsMetric(field), field);
  pick(`${field}.metric`, metric, READABLE);
  pick(`${field}.operatingPoint`, operatingPoint, names.operatingPoints);
  checkGroup(names, field, [cell], attribute, group);
  if (label === undefined) return fail(x.needsLabel(field, metric), field);
  if (metric === 'brier' && attribute !== 'all') fail(x.conflict(`${field}.attribute`, 'must be "all" to read brier (Brier scores are for everyone)'), field);
  return { cell: cell.index, model: at.model, label, operatingPoint, metric, attribute, group, ...(round === undefined ? {} : { round }) };
}

/** The combinations of a selection and what each computes. */
function combinations(names: Names, field: string, finding: FindingConfig, sel: Selection): Combination[] {
  const sides = sidesOf(finding).map(([name, patch]) => ({
    name,
    scenario: one(`${field}.derive.${name}`, 'scenario', patch.scenario),
    cell: one(`${field}.derive.${name}`, 'cell', patch.cell),
    model: one(`${field}.derive.${name}`, 'model', patch.model),
    patch,
  }));
  for (const s of sides) {
    if (s.scenario !== undefined) pick(`${field}.derive.${s.name}.scenario`, s.scenario, names.scenarios);
    if (s.cell !== undefined) pick(`${field}.derive.${s.name}.cell`, s.cell, names.grid);
    if (s.model !== undefined) pick(`${field}.derive.${s.name}.model`, s.model, names.models);
  }
  const pinned = (dim: 'scenario' | 'cell' | 'model') => sides.length > 0 && sides.every((s) => s[dim] !== undefined);
  const scenarios = pinned('scenario') ? [null] : valuesOf(sel, 'scenario');
  const grid = pinned('cell') ? [null] : valuesOf(sel, 'cell');
  const models = pinned('model') ? [null] : sel.models;
  const out: Combination[] = [];
  for (const scenario of scenarios) {
    for (const cell of grid) {
      if (scenario !== null && cell !== null && !sel.cells.some((c) => c.scenarioLabel === scenario && c.gridLabel === cell)) continue;
      for (const model of models) out.push({ scenario, cell, model, computation: compute(names, field, finding, sel, { scenario, cell, model }, sides) });
    }
  }
  return out;
}

type Side = { name: string; scenario?: string; cell?: string; model?: string; patch: SideConfig };

function compute(names: Names, field: string, finding: FindingConfig, sel: Selection, at: { scenario: string | null; cell: string | null; model: string | null }, sides: Side[]): Computation {
  const d = finding.derive;
  const here = (s?: Side) => ({ scenario: s?.scenario ?? at.scenario!, cell: s?.cell ?? at.cell!, model: s?.model ?? at.model! });
  if (!d) return { kind: 'read', read: makeRead(names, `${field}.select`, here(), sel, {}) };
  if (d.kind === 'equalRiskGap') {
    const cell = sel.cells.find((c) => c.scenarioLabel === at.scenario && c.gridLabel === at.cell)!;
    checkGroup(names, `${field}.derive`, [cell], d.attribute, d.of);
    checkGroup(names, `${field}.derive`, [cell], d.attribute, d.minus);
    if (d.attribute === 'all' || d.attribute.includes(' × ')) fail(x.conflict(`${field}.derive.attribute`, 'must name a group attribute (not "all" or an intersection)'), field);
    return { kind: 'equalRiskGap', cell: cell.index, model: at.model!, attribute: d.attribute, of: d.of, minus: d.minus };
  }
  if (d.kind === 'closedFormCheck') {
    return { kind: 'closedFormCheck', read: makeRead(names, `${field}.select`, here(), { ...sel, metric: 'precision' }, {}) };
  }
  if (d.kind === 'gapShare') return { kind: 'gapShare', read: makeRead(names, `${field}.select`, here(), sel, {}), from: d.from, to: d.to };
  const [a, b] = sides.map((s) => makeRead(names, `${field}.derive.${s.name}`, here(s), sel, s.patch));
  if (d.kind === 'attribution') return { kind: 'attribution', a, b, relative: d.relative };
  return { kind: d.kind, a, b };
}

/** "a, b and c". */
function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const LABEL_WORDS: Readonly<Record<LabelName, string>> = { yRecorded: 'the records', yTrue: 'the truth' };

/** Placeholder values known from the selection and the resolved config. */
function staticVars(names: Names, finding: FindingConfig, id: string, sel: Selection): Record<string, TemplateValue> {
  const scenarios = valuesOf(sel, 'scenario');
  const grid = valuesOf(sel, 'cell');
  const values = [...new Set(sel.cells.map((c) => c.gridValue))];
  const ops = names.resolved.experiment.operatingPoints;
  // A list's derived points (reviewed, the year's) have their base point's rule and value; the `ever:` point of an experiment with rounds has the headline's value and the rule "ever".
  const op = ops[names.operatingPoints.indexOf(basePointName(sel.operatingPoint))] ?? { rule: 'ever', value: ops[0].value };
  const vars: Record<string, TemplateValue> = {
    id,
    model: listWords(sel.models),
    modelCount: sel.models.length,
    scenario: listWords(scenarios),
    scenarioCount: scenarios.length,
    cell: listWords(grid),
    cellCount: sel.cells.length,
    op: operatingPointWords(sel.operatingPoint),
    'op.name': sel.operatingPoint,
    'op.rule': op.rule,
    'op.value': op.value,
    attribute: sel.attribute,
    group: sel.group,
    replicates: names.resolved.replicates,
  };
  if (values.length === 1 && values[0] !== null) vars.cellValue = values[0];
  if (sel.round !== undefined) Object.assign(vars, { round: sel.round, rounds: names.rounds! });
  if (sel.label) vars.label = LABEL_WORDS[sel.label];
  if (sel.metric) vars.metric = (LIST_METRIC_DEFINITIONS as Record<string, { words: string }>)[sel.metric]?.words ?? reportMessages.metricName(sel.metric);
  if (finding.band) vars.band = bandText(finding.band);
  for (const [name, patch] of sidesOf(finding)) Object.assign(vars, sideVars(name, patch, vars, sel));
  if (finding.derive?.kind === 'equalRiskGap') Object.assign(vars, { 'of.group': finding.derive.of, 'minus.group': finding.derive.minus, attribute: finding.derive.attribute });
  return vars;
}

/** A derivation side's placeholders ({of.group}, {from.cell}, …): what the side sets, else the finding's own. */
function sideVars(name: string, patch: SideConfig, own: Readonly<Record<string, TemplateValue>>, sel: Selection): Record<string, TemplateValue> {
  const out: Record<string, TemplateValue> = {};
  for (const key of ['scenario', 'cell', 'model', 'attribute', 'group'] as const) {
    const v = patch[key];
    out[`${name}.${key}`] = v === undefined ? own[key] : typeof v === 'string' ? v : listWords(v);
  }
  const label = patch.label ?? sel.label;
  if (label) out[`${name}.label`] = LABEL_WORDS[label];
  const metric = patch.metric ?? sel.metric;
  if (metric) out[`${name}.metric`] = reportMessages.metricName(metric);
  const round = patch.round === 'last' ? own.rounds : (patch.round ?? own.round);
  if (round !== undefined) out[`${name}.round`] = round;
  return out;
}

/** A band in words: "0.35–0.5", "= 0", "≥ 0.8", "< 0.7", "> 0 and < 0.1". */
export function bandText(b: BandConfig): string {
  if (b.min !== undefined && b.max !== undefined) return b.min === b.max ? `= ${b.min}` : `${b.min}–${b.max}`;
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`≥ ${b.min}`);
  if (b.above !== undefined) parts.push(`> ${b.above}`);
  if (b.max !== undefined) parts.push(`≤ ${b.max}`);
  if (b.below !== undefined) parts.push(`< ${b.below}`);
  return parts.join(' and ');
}

/** A setting of the resolved scenario by dotted path, when it is one value and the same in every cell of the selection. */
function configVar(field: string, path: string, cells: readonly ExperimentCell[]): TemplateValue {
  const read = (c: ExperimentCell) => path.split('.').slice(1).reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), c.scenario);
  const values = [...new Set(cells.map(read))];
  for (const v of values) if (typeof v !== 'number' && typeof v !== 'string') fail(x.badConfigPath(field, path), field);
  if (values.length !== 1) fail(x.notOneValue(field, path, values.map(String)), field);
  return values[0] as TemplateValue;
}

/** Check one placeholder of a finding against what it will know; fills config placeholders into `vars`. */
function checkPlaceholder(field: string, plan: { vars: Record<string, TemplateValue>; reduce: FindingConfig['reduce'] | null; cells: readonly ExperimentCell[] }, path: string, filters: Parameters<typeof checkFilters>[3]): void {
  let kind: 'number' | 'text';
  if (DYNAMIC_NUMBERS.includes(path)) kind = 'number';
  else if (WINNER.includes(path) && (plan.reduce === 'highest' || plan.reduce === 'lowest')) kind = 'text';
  else if (path.startsWith('config.')) {
    plan.vars[path] ??= configVar(field, path, plan.cells);
    kind = typeof plan.vars[path] === 'number' ? 'number' : 'text';
  } else if (path in plan.vars) kind = typeof plan.vars[path] === 'number' ? 'number' : 'text';
  else {
    const known = [...DYNAMIC_NUMBERS, ...Object.keys(plan.vars), 'config.<setting>', ...(plan.reduce === 'highest' || plan.reduce === 'lowest' ? WINNER : [])];
    return fail(x.unknownPlaceholder(field, path, known), field);
  }
  checkFilters(field, path, kind, filters);
}

/** Plan one declared finding (one plan per forEach expansion). */
function planFinding(names: Names, finding: FindingConfig, i: number): (FindingPlan & { cells: readonly ExperimentCell[] })[] {
  const field = `findings[${i}]`;
  const base = resolveSelection(names, `${field}.select`, finding.select);
  const claim = parseTemplate(finding.claim, `${field}.claim`);
  return expand(names, field, finding, base).map(({ id, sel }) => {
    const combos = combinations(names, field, finding, sel);
    if (combos.length > 1 && !finding.reduce) {
      const what = [
        ...(valuesOf(sel, 'scenario').length > 1 ? [`${valuesOf(sel, 'scenario').length} scenarios`] : []),
        ...(valuesOf(sel, 'cell').length > 1 ? [`${valuesOf(sel, 'cell').length} grid cells`] : []),
        ...(sel.models.length > 1 ? [`${sel.models.length} models`] : []),
      ].join(' × ');
      fail(x.manyRows(`${field}.select`, combos.length, what), field);
    }
    const plan = { id, field, claim, combinations: combos, reduce: finding.reduce ?? null, band: finding.band ?? null, vars: staticVars(names, finding, id, sel), cells: sel.cells };
    for (const p of placeholders(claim)) checkPlaceholder(`${field}.claim`, plan, p.path, p.filters);
    return plan;
  });
}

/** "onList[logistic].config.population.size" → the finding reference and the placeholder inside it. */
const HEADLINE_REF = /^([A-Za-z][A-Za-z0-9_-]*(?:\[[^\]]*\])*)(?:\.(.+))?$/;

/**
 * Plan every finding and the headline of a resolved experiment. Throws a
 * `RisklabError` naming the field and the known names on the first problem.
 *
 * @example
 * planFindings(resolveExperiment(input, { loadPreset })).findings.map((f) => f.id); // ["precision", "left[logistic]", …]
 */
export function planFindings(resolved: ResolvedExperiment): FindingsPlan {
  const names = namesOf(resolved);
  const planned = resolved.experiment.findings.flatMap((f, i) => planFinding(names, f, i));
  const byId = new Map(planned.map((p) => [p.id, p]));
  const headline = parseTemplate(resolved.experiment.headline, 'headline');
  for (const p of placeholders(headline)) {
    if (p.path === 'replicates') continue;
    const m = HEADLINE_REF.exec(p.path);
    const target = m ? byId.get(m[1]) : undefined;
    if (!m || !target) fail(x.unknownPlaceholder('headline', p.path, ['replicates', ...byId.keys()]), 'headline');
    checkPlaceholder('headline', target!, m![2] ?? 'median', p.filters);
  }
  return { findings: planned.map(({ cells: _cells, ...plan }) => plan), headline, minCount: resolved.experiment.minCount };
}
