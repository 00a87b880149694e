import { confusionAtCut, sweep, type Sweep } from '../metrics/index.js';
import { RATE_FORMULAS } from '../metrics/rates.js';
import { buildFeatures, buildTrainingSet } from '../models/features.js';
import { createModel } from '../models/registry.js';
import { generatePopulation } from '../population/index.js';
import { createRandom } from '../random/index.js';
import { recordPopulation } from '../recording/index.js';
import { resolveScenario } from '../scenario/index.js';
import { kFold } from '../split/index.js';
import type { Figure } from './figures.js';
import type { ConsistencyCheck } from './check.js';

/**
 * "What the lab would need to reproduce it": a seeded, coarse search of the
 * scenario space for settings whose *recorded* figures match a claim, and
 * what the same settings give against the *truth*.
 *
 * The grid varies three things: the oracle AUC (how predictable the outcome
 * truly is), detection (the share of true cases that get recorded, the same
 * for every child) and leakage (the probability that a recorded case creates
 * records in the preset's leakage circumstances — records that mirror the
 * label). The true base rate of each cell is the claim's recorded base rate
 * divided by detection, so every cell records about the claimed share;
 * outcome false records are off. A logistic model is fitted on records with
 * two-fold cross-fitting by household (every child is scored by the model
 * that did not see it), the cut that comes closest to the claimed figures is
 * chosen on the records, and the same cut is judged against the truth.
 *
 * A cell's distance is the largest gap between a claimed figure's interval
 * and the cell's value (0 when every figure lies in its interval); a cell
 * matches when the distance is at most the tolerance.
 *
 * Each (oracle AUC, detection) pair is one unit of work (its population is
 * drawn once and recorded at every leakage level), seeded from the search
 * seed and the pair, so the result does not depend on how units are spread
 * over threads.
 */

/** The grid and the model setting of a search. */
export interface SearchSettings {
  /** The scenario the grid modifies (a preset's JSON). */
  readonly preset: Readonly<Record<string, unknown>>;
  readonly presetName: string;
  readonly seed: number | string;
  /** Default [0.7, 0.8, 0.9]. */
  readonly oracleAuc: readonly number[];
  /** Default [0.3, 0.6, 1]. */
  readonly detection: readonly number[];
  /** Default [0, 0.5, 0.95]. */
  readonly leakage: readonly number[];
  /** Children per cell. */
  readonly children: number;
  /** Largest gap for a cell to match. Default 0.02. */
  readonly tolerance: number;
  /** The recorded base rate every cell is built to give. */
  readonly recordedBaseRate: number;
}

/** A figure to match: a metric name of RATE_FORMULAS (or auc) and its interval. */
export interface SearchTarget {
  readonly metric: 'precision' | 'recall' | 'specificity' | 'fpr' | 'accuracy' | 'f1' | 'mcc' | 'selectionRate' | 'auc';
  readonly lo: number;
  readonly hi: number;
}

/** What one cell gave against the records and against the truth. */
export interface SearchCell {
  readonly oracleAuc: number;
  readonly detection: number;
  readonly leakage: number;
  readonly children: number;
  readonly trueBaseRate: number;
  readonly recordedBaseRate: number;
  /** Share of true cases recorded, as drawn. */
  readonly realisedDetection: number;
  readonly threshold: number;
  readonly distance: number;
  readonly matches: boolean;
  readonly recorded: Readonly<Record<'precision' | 'recall' | 'selectionRate' | 'auc', number>>;
  readonly truth: Readonly<Record<'precision' | 'recall' | 'selectionRate' | 'auc', number>>;
  /** Why the cell could not be run (a true base rate of 1 or more), else null. */
  readonly skipped: string | null;
}

/** The claim's figures that a search can match against records. */
export function searchTargets(figures: readonly Figure[], check: ConsistencyCheck): SearchTarget[] {
  const out: SearchTarget[] = [];
  for (const f of figures) {
    if (['precision', 'recall', 'specificity', 'fpr', 'accuracy', 'f1', 'mcc', 'auc'].includes(f.name)) {
      out.push({ metric: f.name as SearchTarget['metric'], lo: f.lo, hi: f.hi });
    } else if (f.name === 'flaggedShare') out.push({ metric: 'selectionRate', lo: f.lo, hi: f.hi });
  }
  const share = check.implied?.flaggedShare;
  if (share && !figures.some((f) => f.name === 'flaggedShare') && figures.some((f) => f.name === 'flagged') && share.hi < 2 * share.lo) {
    out.push({ metric: 'selectionRate', lo: share.lo, hi: share.hi });
  }
  return out;
}

/** One (oracle AUC, detection) pair of the grid. */
export interface SearchUnit {
  readonly oracleAuc: number;
  readonly detection: number;
}

/** The units of a search, in a fixed order. */
export function searchUnits(s: SearchSettings): SearchUnit[] {
  return s.oracleAuc.flatMap((oracleAuc) => s.detection.map((detection) => ({ oracleAuc, detection })));
}

const gap = (v: number, t: SearchTarget) => (Number.isNaN(v) ? Infinity : Math.max(0, t.lo - v, v - t.hi));

/** The sweep row whose figures come closest to the targets, and its distance. */
function closestCut(s: Sweep, targets: readonly SearchTarget[]): { index: number; distance: number } {
  let best = { index: -1, distance: Infinity };
  const aucGap = Math.max(0, ...targets.filter((t) => t.metric === 'auc').map((t) => gap(s.auc, t)));
  const rates = targets.filter((t) => t.metric !== 'auc');
  for (let i = 0; i < s.thresholds.length; i++) {
    const tp = s.tp[i];
    const fp = s.fp[i];
    let d = aucGap;
    for (const t of rates) d = Math.max(d, gap(RATE_FORMULAS[t.metric as Exclude<SearchTarget['metric'], 'auc'>].f(tp, fp, s.positives - tp, s.negatives - fp), t));
    if (d < best.distance) best = { index: i, distance: d };
  }
  return best;
}

function figuresAt(s: Sweep, threshold: number) {
  const c = confusionAtCut(s, { threshold, tieRowLimit: Infinity });
  const f = (name: 'precision' | 'recall' | 'selectionRate') => RATE_FORMULAS[name].f(c.tp, c.fp, c.fn, c.tn);
  return { precision: f('precision'), recall: f('recall'), selectionRate: f('selectionRate'), auc: s.auc };
}

/** Leakage circumstances: the preset's, or the default catalogue's records that a recorded concern typically creates. */
function leakageCircumstances(preset: Readonly<Record<string, unknown>>): string[] {
  const rec = preset.recording as { outcome?: { leakage?: { circumstances?: string[] } } } | undefined;
  const own = rec?.outcome?.leakage?.circumstances ?? [];
  return own.length > 0 ? own : ['missing_episodes', 'police_cse_marker', 'sexual_health'];
}

/**
 * Run one unit: draw its population once, record it at every leakage level,
 * fit, score out of fold, and measure. Pure apart from the CPU it uses.
 */
export async function runSearchUnit(s: SearchSettings, targets: readonly SearchTarget[], unit: SearchUnit): Promise<SearchCell[]> {
  const trueBaseRate = s.recordedBaseRate / unit.detection;
  const base = { oracleAuc: unit.oracleAuc, detection: unit.detection, children: s.children, trueBaseRate, recordedBaseRate: NaN, realisedDetection: NaN, threshold: NaN, distance: Infinity, matches: false };
  const nan = { precision: NaN, recall: NaN, selectionRate: NaN, auc: NaN };
  if (!(trueBaseRate < 0.5)) return s.leakage.map((leakage) => ({ ...base, leakage, recorded: nan, truth: nan, skipped: 'true base rate ≥ 0.5' }));
  const seed = `${s.seed}/check-claim/auc=${unit.oracleAuc}/detection=${unit.detection}`;
  const preset = s.preset as Record<string, any>;
  const scenarioAt = (leakage: number) =>
    resolveScenario({
      ...preset,
      seed,
      population: { ...(preset.population ?? {}), size: s.children },
      outcome: { ...(preset.outcome ?? {}), baseRate: trueBaseRate, oracleAuc: unit.oracleAuc },
      recording: {
        ...(preset.recording ?? {}),
        outcome: { detection: unit.detection, detectionContactBoost: 0, detectionByGroup: {}, falseRecordRate: 0, leakage: { probability: leakage, circumstances: leakageCircumstances(preset) } },
      },
    });
  const population = generatePopulation(scenarioAt(0), 1);
  let trueCases = 0;
  for (let i = 0; i < population.size; i++) trueCases += population.yTrue[i];
  const out: SearchCell[] = [];
  for (const leakage of s.leakage) {
    const records = recordPopulation(scenarioAt(leakage), population);
    const random = createRandom(seed).fork(`leakage=${leakage}`);
    const folds = kFold(records.household, 2, random.fork('split'));
    const scores = new Float64Array(records.size);
    for (let f = 0; f < folds.length; f++) {
      const fitted = await createModel('logistic', {}).fit(buildTrainingSet(records, { rows: folds[f].train }), random.fork(`model:logistic:fold:${f}`));
      const part = fitted.predictProba(buildFeatures(records, { rows: folds[f].test }));
      folds[f].test.forEach((row, i) => (scores[row] = part[i]));
    }
    let detected = 0;
    let recordedCases = 0;
    for (let i = 0; i < records.size; i++) {
      recordedCases += records.yRecorded[i];
      detected += records.yRecorded[i] & population.yTrue[i];
    }
    const onRecords = sweep(scores, records.yRecorded);
    const onTruth = sweep(scores, population.yTrue);
    const best = closestCut(onRecords, targets);
    const threshold = best.index < 0 ? Infinity : onRecords.thresholds[best.index];
    out.push({
      ...base,
      leakage,
      recordedBaseRate: recordedCases / records.size,
      realisedDetection: trueCases === 0 ? NaN : detected / trueCases,
      threshold,
      distance: best.distance,
      matches: best.distance <= s.tolerance,
      recorded: figuresAt(onRecords, threshold),
      truth: figuresAt(onTruth, threshold),
      skipped: null,
    });
  }
  return out;
}

/** What the matching cells have in common. */
export interface SearchSummary {
  readonly cells: number;
  readonly matching: number;
  readonly closest: SearchCell | null;
  /** Ranges over the matching cells (null when none matches). */
  readonly leakage: { lo: number; hi: number } | null;
  readonly oracleAuc: { lo: number; hi: number } | null;
  readonly detection: { lo: number; hi: number } | null;
  readonly truePrecision: { lo: number; hi: number } | null;
  readonly trueRecall: { lo: number; hi: number } | null;
}

const spanOf = (xs: number[]) => (xs.length === 0 ? null : { lo: Math.min(...xs), hi: Math.max(...xs) });

/** Summarise a search. */
export function summarizeSearch(cells: readonly SearchCell[]): SearchSummary {
  const run = cells.filter((c) => c.skipped === null);
  const m = run.filter((c) => c.matches);
  const closest = run.reduce<SearchCell | null>((b, c) => (b === null || c.distance < b.distance ? c : b), null);
  return {
    cells: cells.length,
    matching: m.length,
    closest,
    leakage: spanOf(m.map((c) => c.leakage)),
    oracleAuc: spanOf(m.map((c) => c.oracleAuc)),
    detection: spanOf(m.map((c) => c.detection)),
    truePrecision: spanOf(m.map((c) => c.truth.precision)),
    trueRecall: spanOf(m.map((c) => c.truth.recall)),
  };
}
