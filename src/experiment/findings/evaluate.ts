import { METRIC_NAMES, differenceOf, equalRiskGap, median, ratioOf, summarizeReplicates, suppression, type SuppressibleMetric } from '../../metrics/index.js';
import type { ResultIndex } from '../result-index.js';
import type { BandConfig } from '../schema.js';
import { bandText, COUNT_NAMES, type Combination, type Computation, type FindingPlan, type FindingsPlan, type Read } from './plan.js';
import { isListMetric, listSuppression, type ListMetricName } from '../list/metrics.js';
import { renderTemplate, renderTemplateParts, type RenderedPart, type TemplateValue } from './template.js';

/**
 * The one generic evaluator: a planned finding in, its number out — one
 * value per replicate, their median and 2.5–97.5% points, and whether the
 * median lies in the declared band. Every experiment's answer is computed
 * here; nothing in src/ knows any experiment.
 */

/** A finding as reports show it. */
export interface Finding {
  readonly id: string;
  /** The claim with its placeholders filled. */
  readonly claim: string;
  /** One value per replicate, in replicate order (NaN where undefined). */
  readonly values: readonly number[];
  /** Median across replicates (NaN ones left out), and the 2.5–97.5% points. */
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
  /** Replicates with a defined value. */
  readonly count: number;
  /** The band asked for, in words, with its source. */
  readonly band?: { readonly text: string; readonly source: string };
  /** Whether the median lies in the band: null when the median is undefined; absent without a band. */
  readonly holds?: boolean | null;
  /** For a highest / lowest reduction: which combination won. */
  readonly winner?: { readonly scenario: string; readonly cell: string; readonly model: string };
  /**
   * Why the finding's number rests on too few children to print (a rate
   * whose median denominator is below the experiment's minCount; see
   * src/metrics/suppression.ts); absent when it does not. Pages show
   * "suppressed" with this reason instead of the number.
   */
  readonly suppressed?: string;
  /** True when the number is a count of children (tp, fn, n, … or a difference or sum of counts): pages print it in whole children. */
  readonly children: boolean;
}

/** The experiment's answer: its headline sentence and its findings. */
export interface Findings {
  readonly headline: string;
  /** The headline piece by piece: each number with the placeholder path it came from ("precision", "onList[logistic].op.value"). */
  readonly headlineParts: readonly HeadlinePart[];
  readonly findings: readonly Finding[];
}

/** A piece of the headline; a number's piece says which finding (id) and value it shows, and whether that finding is suppressed. */
export type HeadlinePart = RenderedPart & { readonly finding?: string; readonly suppressed?: string };

const COUNTS: readonly string[] = COUNT_NAMES;

/** One number of one replicate. */
function read(index: ResultIndex, r: Read, replicate: number): number {
  if (r.metric === 'brier') return index.brier(r.cell, r.model, r.label)[replicate] ?? NaN;
  const point = index.points(r)[replicate];
  if (!point) return NaN;
  if (COUNTS.includes(r.metric)) return point[r.metric as (typeof COUNT_NAMES)[number]];
  return point.values[r.metric] ?? NaN;
}

/** precision − R·π/(R·π + FPR·(1 − π)) at one point. */
function closedForm(index: ResultIndex, r: Read, replicate: number): number {
  const v = index.points(r)[replicate]?.values;
  if (!v) return NaN;
  const { precision, recall, fpr, prevalence } = v;
  return precision - (recall * prevalence) / (recall * prevalence + fpr * (1 - prevalence));
}

/** One combination's value in one replicate. */
function valueOf(index: ResultIndex, c: Computation, replicate: number): number {
  switch (c.kind) {
    case 'read':
      return read(index, c.read, replicate);
    case 'difference':
      return differenceOf(read(index, c.a, replicate), read(index, c.b, replicate));
    case 'ratio':
    case 'share':
      return ratioOf(read(index, c.a, replicate), read(index, c.b, replicate));
    case 'attribution': {
      const from = read(index, c.a, replicate);
      const gone = differenceOf(from, read(index, c.b, replicate));
      return c.relative ? ratioOf(gone, from) : gone;
    }
    case 'equalRiskGap':
      return equalRiskGap(index.equalRisk(c.cell, c.model)[replicate] ?? [], c.attribute, c.of, c.minus);
    case 'closedFormCheck':
      return closedForm(index, c.read, replicate);
    case 'gapShare':
      return (c.from - read(index, c.read, replicate)) / (c.from - c.to);
  }
}

const defined = (xs: readonly number[]) => xs.filter((v) => !Number.isNaN(v));
const REDUCERS: Readonly<Record<string, (xs: readonly number[]) => number>> = {
  median: (xs) => median(xs),
  mean: (xs) => (defined(xs).length ? defined(xs).reduce((a, b) => a + b, 0) / defined(xs).length : NaN),
  sum: (xs) => (defined(xs).length ? defined(xs).reduce((a, b) => a + b, 0) : NaN),
  min: (xs) => (defined(xs).length ? Math.min(...defined(xs)) : NaN),
  max: (xs) => (defined(xs).length ? Math.max(...defined(xs)) : NaN),
};

const RATES: readonly string[] = METRIC_NAMES;

/** Whether a combination's number is a count of children: counts read, or differenced (a ratio or share of counts is not). */
function isCount(c: Computation): boolean {
  if (c.kind === 'read') return COUNTS.includes(c.read.metric);
  if (c.kind === 'difference' || c.kind === 'attribution') return COUNTS.includes(c.a.metric) && COUNTS.includes(c.b.metric) && !(c.kind === 'attribution' && c.relative);
  return false;
}

/** Why one read rests on too few children (its median counts across replicates), or null. Counts and Brier scores are never suppressed; the list's shares are, by the children they rest on. */
function readSuppression(index: ResultIndex, r: Read, minCount: number): string | null {
  const list = isListMetric(r.metric);
  if (!RATES.includes(r.metric) && !list) return null;
  const points = index.points(r).filter((p) => Number.isFinite(p.tp));
  if (points.length === 0) return null;
  const m = (f: (p: (typeof points)[number]) => number) => median(points.map(f));
  const counts = { tp: m((p) => p.tp), fp: m((p) => p.fp), fn: m((p) => p.fn), tn: m((p) => p.tn) };
  // The list's own shares rest on the listed children (src/experiment/list/metrics.ts); its counts are never suppressed.
  const verdict = list ? listSuppression(r.metric as ListMetricName, counts, minCount) : suppression(r.metric as SuppressibleMetric, counts, minCount);
  return verdict.suppressed ? verdict.reason! : null;
}

/** Why one combination's number rests on too few children, or null: any rate it reads (both sides of a derivation) decides. */
function combinationSuppression(index: ResultIndex, c: Computation, minCount: number): string | null {
  switch (c.kind) {
    case 'read':
    case 'gapShare':
      return readSuppression(index, c.read, minCount);
    case 'closedFormCheck':
      return ['precision', 'recall', 'fpr'].map((metric) => readSuppression(index, { ...c.read, metric }, minCount)).find((s) => s !== null) ?? null;
    case 'equalRiskGap':
      return null;
    default:
      return readSuppression(index, c.a, minCount) ?? readSuppression(index, c.b, minCount);
  }
}

/**
 * Per replicate values of a finding, the winning combination for highest /
 * lowest, and why it is suppressed. A combination resting on too few
 * children never wins a highest / lowest (a list of 3 children all at risk
 * is not the "best precision"); a reduction across combinations is
 * suppressed only when every combination is.
 */
function findingValues(index: ResultIndex, plan: FindingPlan, replicates: number, minCount: number): { values: number[]; winner: Combination | null; suppressed: string | null } {
  const perCombination = plan.combinations.map((c) => Array.from({ length: replicates }, (_, r) => valueOf(index, c.computation, r)));
  const reasons = plan.combinations.map((c) => combinationSuppression(index, c.computation, minCount));
  const allSuppressed = reasons.every((s) => s !== null) ? reasons[0] : null;
  if (plan.reduce === 'highest' || plan.reduce === 'lowest') {
    const sign = plan.reduce === 'highest' ? 1 : -1;
    let best = -1;
    let bestMedian = NaN;
    perCombination.forEach((values, k) => {
      if (reasons[k] !== null && allSuppressed === null) return;
      const m = median(values);
      if (!Number.isNaN(m) && (best < 0 || sign * m > sign * bestMedian)) [best, bestMedian] = [k, m];
    });
    return best < 0
      ? { values: perCombination[0].map(() => NaN), winner: null, suppressed: allSuppressed }
      : { values: perCombination[best], winner: plan.combinations[best], suppressed: reasons[best] };
  }
  if (plan.reduce) return { values: Array.from({ length: replicates }, (_, r) => REDUCERS[plan.reduce!](perCombination.map((v) => v[r]))), winner: null, suppressed: allSuppressed };
  return { values: perCombination[0], winner: null, suppressed: reasons[0] };
}

/** Whether a median lies in a band (null when it is undefined). */
export function inBand(b: BandConfig, value: number): boolean | null {
  if (Number.isNaN(value)) return null;
  return (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max) && (b.above === undefined || value > b.above) && (b.below === undefined || value < b.below);
}

/** Evaluate one planned finding. */
function evaluateFinding(index: ResultIndex, plan: FindingPlan, replicates: number, minCount: number): Finding & { vars: Record<string, TemplateValue> } {
  const { values, winner, suppressed } = findingValues(index, plan, replicates, minCount);
  const s = summarizeReplicates(values);
  const m = s.median;
  const vars: Record<string, TemplateValue> = { ...plan.vars, median: m, lower: s.lower, upper: s.upper };
  if (winner) Object.assign(vars, { 'winner.scenario': winner.scenario ?? '', 'winner.cell': winner.cell ?? '', 'winner.model': winner.model ?? '' });
  const w = winner ? { scenario: winner.scenario ?? '', cell: winner.cell ?? '', model: winner.model ?? '' } : undefined;
  return {
    id: plan.id,
    claim: renderTemplate(plan.claim, (path) => vars[path]),
    values,
    median: m,
    lower: s.lower,
    upper: s.upper,
    count: s.count,
    ...(plan.band ? { band: { text: bandText(plan.band), source: plan.band.source }, holds: inBand(plan.band, m) } : {}),
    ...(w ? { winner: w } : {}),
    ...(suppressed ? { suppressed } : {}),
    children: plan.combinations.every((c) => isCount(c.computation)) && plan.reduce !== 'mean',
    vars,
  };
}

/** "left[logistic].median" → ["left[logistic]", "median"]. */
function splitRef(path: string): [string, string] {
  const m = /^([A-Za-z][A-Za-z0-9_-]*(?:\[[^\]]*\])*)(?:\.(.+))?$/.exec(path)!;
  return [m[1], m[2] ?? 'median'];
}

/**
 * Evaluate every finding of a plan on a run's replicate tables, then fill
 * the headline from them.
 *
 * @example
 * const { headline, findings } = evaluateFindings(planFindings(resolved), indexTables(result), resolved.replicates);
 */
export function evaluateFindings(plan: FindingsPlan, index: ResultIndex, replicates: number): Findings {
  const evaluated = plan.findings.map((p) => evaluateFinding(index, p, replicates, plan.minCount));
  const byId = new Map(evaluated.map((f) => [f.id, f]));
  const lookup = (path: string): TemplateValue => {
    if (path === 'replicates') return replicates;
    const [id, key] = splitRef(path);
    return byId.get(id)!.vars[key];
  };
  const headlineParts: HeadlinePart[] = renderTemplateParts(plan.headline, lookup).map((part) => {
    if (!('path' in part) || part.path === 'replicates') return part;
    const [id, key] = splitRef(part.path);
    const f = byId.get(id)!;
    // Only the finding's own numbers can rest on too few children; names and settings never do.
    const suppressed = f.suppressed && ['median', 'lower', 'upper'].includes(key) ? f.suppressed : undefined;
    return { ...part, finding: id, ...(suppressed ? { suppressed } : {}) };
  });
  const headline = renderTemplate(plan.headline, lookup);
  return { headline, headlineParts, findings: evaluated.map(({ vars: _vars, ...f }) => f) };
}
