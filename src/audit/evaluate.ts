import { METRIC_NAMES, RATE_FORMULAS, brierScore, confusionAtCut, intersect, resolveOperatingPoint, scoreOrder, summarizeReplicates, sweep, sweepByGroup, sweepOrdered } from '../metrics/index.js';
import { checkLabels } from '../metrics/validate.js';
import type { Confusion, Cut, MetricName, OperatingPointSpec, Sweep } from '../metrics/index.js';
import type { GroupColumn } from '../population/types.js';
import { poissonDraw, normal } from '../random/distributions.js';
import { createRandom } from '../random/index.js';
import { truthBounds, type Assumption } from '../claims/bounds.js';
import { rankingIntervals } from './ranking-intervals.js';

/**
 * The evaluation of an audit: the lab's evaluation of one score column
 * against the recorded label only (there is no truth in a real file), at the
 * chosen operating points, for everyone, every group and every pair of
 * groups; seeded bootstrap intervals; and the truth bounds of
 * src/claims/bounds.ts under stated assumptions.
 *
 * Operating points resolve on everyone's sweep exactly as `evaluate` in
 * src/metrics does (same functions, same tie rule), and every value comes
 * from the same formulas, so a lab run's `scores.csv` audited here gives the
 * run's metrics against the records exactly.
 *
 * Intervals: a Poisson bootstrap at the cut (each child's weight drawn from
 * Poisson(1), so each cell's count is Poisson with its observed count as
 * mean — normal approximation above 30, as src/random's `poissonDraw`); the
 * cut is held where it resolved on the whole file, so the interval shows the
 * sampling variation of the counts at that cut, not of where a list's cut
 * would fall. AUC and average precision get intervals from the same
 * Poisson bootstrap (same replicate count and seed, one draw per score value
 * and label: src/audit/ranking-intervals.ts), once per group since they do
 * not depend on the cut. Each interval is marginal: the rates and the
 * ranking metrics are not drawn from shared resamples, which matters only
 * for joint statements no output makes.
 *
 * Reference: Hanley & MacGibbon (2006) "Creating non-parametric bootstrap
 * samples using Poisson frequencies", Computer Methods and Programs in
 * Biomedicine 83:57–62.
 */

/** Options of an audit evaluation. */
export interface AuditOptions {
  readonly operatingPoints: readonly OperatingPointSpec[];
  /** Add every pair of group attributes as an intersection. Default true. */
  readonly intersections?: boolean;
  readonly bootstrap: number;
  readonly seed: number | string;
  readonly confidence?: number;
  /** Sensitivity rows: detection assumptions (everyone alike, or per level of one attribute) × contact shares. */
  readonly detection: readonly DetectionAssumption[];
  readonly contactShares: readonly number[];
}

/** A detection assumption: one rate for everyone, or a rate per level of one attribute. */
export type DetectionAssumption = { readonly all: number } | { readonly attribute: string; readonly levels: Readonly<Record<string, number>>; readonly otherwise: number };

/** One row of the evaluation: a group at an operating point, with its counts and every metric. */
export interface AuditRow {
  readonly attribute: string;
  readonly group: string;
  readonly operatingPoint: string;
  readonly cutThreshold: number;
  readonly confusion: Confusion;
  readonly values: Readonly<Record<MetricName, number>>;
  /** Bootstrap interval (lower, upper) per metric: every rate at the cut, and AUC and average precision. */
  readonly intervals: Readonly<Record<string, readonly [number, number]>>;
}

/** One row of the sensitivity table. */
export interface SensitivityRow {
  readonly operatingPoint: string;
  readonly detection: string;
  readonly contactShare: number;
  readonly attribute: string;
  readonly group: string;
  readonly observed: Confusion;
  readonly bounds: ReturnType<typeof truthBounds>;
}

export interface AuditEvaluation {
  readonly n: number;
  readonly positives: number;
  readonly auc: number;
  readonly averagePrecision: number;
  readonly brier: number;
  readonly rows: readonly AuditRow[];
  readonly sensitivity: readonly SensitivityRow[];
}

const RATE_METRICS = METRIC_NAMES.filter((x) => x !== 'auc' && x !== 'averagePrecision') as Exclude<MetricName, 'auc' | 'averagePrecision'>[];

function valuesOf(c: Confusion | null, s: Sweep): Record<MetricName, number> {
  const out = {} as Record<MetricName, number>;
  for (const metric of METRIC_NAMES) {
    out[metric] = metric === 'auc' ? s.auc : metric === 'averagePrecision' ? s.averagePrecision : c === null ? NaN : RATE_FORMULAS[metric].f(c.tp, c.fp, c.fn, c.tn);
  }
  return out;
}

/** Poisson-bootstrap intervals of every rate at one cut. */
function intervalsOf(c: Confusion, replicates: number, random: ReturnType<typeof createRandom>, confidence: number): Record<string, [number, number]> {
  const z = normal(random);
  const draws: Record<string, Float64Array> = {};
  for (const metric of RATE_METRICS) draws[metric] = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const tp = poissonDraw(random.next(), c.tp, z);
    const fp = poissonDraw(random.next(), c.fp, z);
    const fn = poissonDraw(random.next(), c.fn, z);
    const tn = poissonDraw(random.next(), c.tn, z);
    for (const metric of RATE_METRICS) draws[metric][r] = RATE_FORMULAS[metric].f(tp, fp, fn, tn);
  }
  const out: Record<string, [number, number]> = {};
  for (const metric of RATE_METRICS) {
    const s = summarizeReplicates(draws[metric], { confidence });
    out[metric] = [s.lower, s.upper];
  }
  return out;
}

function pairs(groups: readonly GroupColumn[]): GroupColumn[] {
  const out: GroupColumn[] = [];
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      if (groups[a].levels.length * groups[b].levels.length <= 256) out.push(intersect([groups[a], groups[b]]));
    }
  }
  return out;
}

/** Text of a detection assumption ("0.5", or "deprivation: high 0.8, low 0.4, others 0.6"). */
export function detectionText(d: DetectionAssumption): string {
  if ('all' in d) return String(d.all);
  return `${d.attribute}: ${Object.entries(d.levels).map(([l, v]) => `${l} ${v}`).join(', ')}; others ${d.otherwise}`;
}

/**
 * Evaluate scores against the recorded label, as an experiment would, with
 * intervals and the sensitivity table.
 *
 * @example
 * auditEvaluation(scores, labels, groups, { operatingPoints: [{ rule: 'threshold', value: 0.5 }], bootstrap: 1000, seed: 1, detection: [{ all: 0.5 }], contactShares: [0] });
 */
export function auditEvaluation(scores: Float64Array, labels: Uint8Array, groups: readonly GroupColumn[], options: AuditOptions): AuditEvaluation {
  const { operatingPoints, intersections = true, bootstrap, seed, confidence = 0.95 } = options;
  const columns = [...groups, ...(intersections ? pairs(groups) : [])];
  // Sorted once (after the labels are checked, as the overall sweep checked them first): every group's sweep is read off that order.
  checkLabels(labels, scores.length, 'labels');
  const ordered = scoreOrder(scores);
  const overall = ordered === null ? sweep(scores, labels) : sweepOrdered(ordered, labels);
  const byColumn = columns.map((c) => sweepByGroup(scores, labels, c, ordered));
  const random = createRandom(seed).fork('audit:bootstrap');
  const ranking = new Map<string, Record<string, [number, number]>>();
  const rank = (attribute: string, group: string, s: Sweep) =>
    ranking.set(`${attribute}\u0000${group}`, rankingIntervals(s, bootstrap, random.fork(`ranking/${attribute}/${group}`), confidence));
  rank('all', 'all', overall);
  byColumn.forEach((g) => g.groups.forEach((s, code) => rank(g.attribute, g.levels[code], s)));
  const rows: AuditRow[] = [];
  const sensitivity: SensitivityRow[] = [];
  for (const spec of operatingPoints) {
    const { name, point } = resolveOperatingPoint(overall, spec);
    const cut: Cut | null = point?.cut ?? null;
    const emit = (attribute: string, group: string, s: Sweep) => {
      const c = cut === null ? null : confusionAtCut(s, cut);
      const confusion = c ?? confusionAtCut(s, { threshold: Infinity, tieRowLimit: Infinity });
      const intervals = { ...(c === null ? {} : intervalsOf(c, bootstrap, random.fork(`${name}/${attribute}/${group}`), confidence)), ...ranking.get(`${attribute}\u0000${group}`) };
      rows.push({ attribute, group, operatingPoint: name, cutThreshold: cut === null ? NaN : cut.threshold, confusion, values: valuesOf(c, s), intervals });
      return c;
    };
    const all = emit('all', 'all', overall);
    const tables = byColumn.map((g) => g.groups.map((s, code) => emit(g.attribute, g.levels[code], s)));
    if (all === null) continue;
    for (const d of options.detection) {
      for (const contactShare of options.contactShares) {
        const at = (attribute: string, level: string): Assumption => {
          if ('all' in d) return { detection: d.all, contactShare };
          return { detection: attribute === d.attribute ? (d.levels[level] ?? d.otherwise) : d.otherwise, contactShare };
        };
        const detection = detectionText(d);
        if ('all' in d) {
          sensitivity.push({ operatingPoint: name, detection, contactShare, attribute: 'all', group: 'all', observed: all, bounds: truthBounds([{ table: all, assumption: at('all', 'all') }]) });
        } else {
          const g = groups.findIndex((x) => x.attribute === d.attribute);
          const parts = byColumn[g].levels.map((level, code) => ({ table: tables[g][code]!, assumption: at(d.attribute, level) }));
          sensitivity.push({ operatingPoint: name, detection, contactShare, attribute: 'all', group: 'all', observed: all, bounds: truthBounds(parts) });
        }
        byColumn.forEach((g, gi) => {
          if (!('all' in d) && g.attribute !== d.attribute) return;
          g.levels.forEach((level, code) => {
            const table = tables[gi][code]!;
            sensitivity.push({ operatingPoint: name, detection, contactShare, attribute: g.attribute, group: level, observed: table, bounds: truthBounds([{ table, assumption: at(g.attribute, level) }]) });
          });
        });
      }
    }
  }
  return { n: overall.n, positives: overall.positives, auc: overall.auc, averagePrecision: overall.averagePrecision, brier: brierScore(scores, labels), rows, sensitivity };
}
