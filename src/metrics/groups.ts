import type { GroupColumn } from '../columns.js';
import { RisklabError, metricsMessages as m } from '../messages.js';
import type { Confusion, ConfusionCounts } from './confusion.js';
import { confusionAtCut, type Cut } from './operating-points.js';
import { RATE_FORMULAS, RATE_NAMES, type RateName } from './rates.js';
import { mergeSorted, type ScoreOrder, type Sweep } from './sweep.js';
import { checkWhole } from './validate.js';

/**
 * Metrics by group, in Fairlearn's vocabulary: `overall`, `byGroup`,
 * `difference`, `ratio`. A group's number is always the same function applied
 * to that group's rows alone (tests recompute it that way), evaluated at the
 * same `Cut` as the whole population: a capacity list is drawn once, for
 * everybody, and each group is judged on its share of that list.
 */

/** Names a metric can have in group tables and criteria: every rate, plus the two ranking measures. */
export const METRIC_NAMES = [...RATE_NAMES, 'auc', 'averagePrecision'] as const;

/** One of `METRIC_NAMES`. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** A sweep per level of one group attribute. */
export interface GroupSweep {
  readonly attribute: string;
  readonly levels: readonly string[];
  /** Children per level, aligned with `levels`. */
  readonly sizes: Int32Array;
  /** One sweep per level (an empty sweep for an empty level). */
  readonly groups: readonly Sweep[];
}

/**
 * Sweep every level of a group attribute in one go: one pass counts, one pass
 * scatters each score into a (level, label) slice of a single buffer, each
 * slice is sorted natively, and each level is merged as in `sweep`. Costs
 * about one overall sweep whatever the number of levels. Given the column's
 * `scoreOrder`, the scatter walks the scores in ascending order and no slice
 * needs sorting (the same sweeps to the bit; `evaluate` sorts each score
 * column once for every label and attribute).
 *
 * @example
 * const bySex = sweepByGroup(scores, yRecorded, population.groups[0]);
 * bySex.groups[1].auc; // the AUC among level-1 children only
 */
export function sweepByGroup(scores: Float64Array, labels: Uint8Array, column: GroupColumn, ordered: ScoreOrder | null = null): GroupSweep {
  if (ordered !== null && ordered.scores !== scores) throw new Error('sweepByGroup: the score order is of another score column');
  const n = scores.length;
  const { attribute, levels, codes } = column;
  const L = levels.length;
  if (labels.length !== n) throw new RisklabError(m.lengthMismatch('labels', n, labels.length), 'labels');
  if (codes.length !== n) throw new RisklabError(m.lengthMismatch(`group ${attribute} codes`, n, codes.length), 'codes');
  const counts = new Int32Array(2 * L);
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    const label = labels[i];
    if (g >= L) throw new RisklabError(m.badGroupCode(attribute, i, g, L), 'codes');
    if (label > 1) throw new RisklabError(m.notBinary('labels', i, label), 'labels');
    counts[2 * g + label]++;
  }
  const offsets = new Int32Array(2 * L + 1);
  for (let c = 0; c < 2 * L; c++) offsets[c + 1] = offsets[c] + counts[c];
  const cursor = offsets.slice(0, 2 * L);
  const buffer = new Float64Array(n);
  if (ordered === null) {
    for (let i = 0; i < n; i++) {
      const v = scores[i];
      if (v - v !== 0) throw new RisklabError(m.notFinite('scores', i, v), 'scores');
      buffer[cursor[2 * codes[i] + labels[i]]++] = v;
    }
    for (let c = 0; c < 2 * L; c++) buffer.subarray(offsets[c], offsets[c + 1]).sort();
  } else {
    // Scattered in ascending score order, each slice comes out sorted (the scores were checked when ordered).
    const { order, sorted } = ordered;
    for (let q = 0; q < n; q++) {
      const i = order[q];
      buffer[cursor[2 * codes[i] + labels[i]]++] = sorted[q];
    }
  }
  const sizes = new Int32Array(L);
  const groups: Sweep[] = [];
  for (let g = 0; g < L; g++) {
    const neg = buffer.subarray(offsets[2 * g], offsets[2 * g + 1]);
    const pos = buffer.subarray(offsets[2 * g + 1], offsets[2 * g + 2]);
    sizes[g] = pos.length + neg.length;
    groups.push(mergeSorted(pos, neg, { scores, labels, codes, code: g }));
  }
  return { attribute, levels, sizes, groups };
}

/**
 * The intersection of several group attributes (e.g. sex × ethnicity) as one
 * new group column. Levels are every combination, first attribute slowest,
 * joined by " × "; empty combinations are kept (size 0 is printed, rates are
 * NaN) unless `dropEmpty` is set. At most 256 combinations (a Uint8Array code).
 *
 * @example
 * intersect([sex, ethnicity]).levels; // ["female × Asian", "female × Black", …]
 */
export function intersect(
  columns: readonly GroupColumn[],
  options: { dropEmpty?: boolean } = {},
): GroupColumn {
  const { dropEmpty = false } = options;
  const attributes = columns.map((c) => c.attribute);
  const cells = columns.reduce((product, c) => product * c.levels.length, 1);
  if (cells > 256) throw new RisklabError(m.tooManyCells(attributes, cells), 'groups');
  const n = columns.length === 0 ? 0 : columns[0].codes.length;
  const codes = new Uint8Array(n);
  for (const c of columns) {
    if (c.codes.length !== n) throw new RisklabError(m.lengthMismatch(`group ${c.attribute} codes`, n, c.codes.length), 'codes');
  }
  const used = new Uint8Array(cells);
  for (let i = 0; i < n; i++) {
    let code = 0;
    for (const c of columns) {
      const g = c.codes[i];
      if (g >= c.levels.length) throw new RisklabError(m.badGroupCode(c.attribute, i, g, c.levels.length), 'codes');
      code = code * c.levels.length + g;
    }
    codes[i] = code;
    used[code] = 1;
  }
  let levels: string[] = [''];
  for (const c of columns) levels = levels.flatMap((prefix) => c.levels.map((l) => (prefix ? `${prefix} × ${l}` : l)));
  const attribute = attributes.join(' × ');
  if (!dropEmpty) return { attribute, levels, codes };
  const recode = new Uint8Array(cells);
  const kept: string[] = [];
  for (let c = 0; c < cells; c++) if (used[c]) recode[c] = kept.push(levels[c]) - 1;
  for (let i = 0; i < n; i++) codes[i] = recode[codes[i]];
  return { attribute, levels: kept, codes };
}

/**
 * The confusion table of each level at one cut, aligned with `levels`.
 *
 * @example
 * confusionByGroup(bySex, topK(overall, 1000).cut)[0].flagged; // level-0 children on the list
 */
export function confusionByGroup(groups: GroupSweep, cut: Cut): Confusion[] {
  return groups.groups.map((s) => confusionAtCut(s, cut));
}

/** One metric, overall and per level, with the sizes printed beside it. */
export interface MetricByGroup {
  readonly metric: MetricName;
  readonly attribute: string;
  readonly levels: readonly string[];
  readonly sizes: readonly number[];
  readonly overall: number;
  readonly overallSize: number;
  readonly byGroup: readonly number[];
}

/** A metric's value on one sweep at one cut. */
function metricOf(s: Sweep, cut: Cut, metric: MetricName): number {
  if (metric === 'auc') return s.auc;
  if (metric === 'averagePrecision') return s.averagePrecision;
  const c = confusionAtCut(s, cut);
  return RATE_FORMULAS[metric].f(c.tp, c.fp, c.fn, c.tn);
}

/**
 * One metric overall and by group at one cut (the cut is ignored for `auc`
 * and `averagePrecision`, which use every threshold).
 *
 * @example
 * const ppv = metricByGroup(overall, bySex, topK(overall, 1000).cut, 'precision');
 * ppv.byGroup; // precision of the list among girls, among boys
 */
export function metricByGroup(overall: Sweep, groups: GroupSweep, cut: Cut, metric: MetricName): MetricByGroup {
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new RisklabError(m.unknownMetric('metric', metric, METRIC_NAMES), 'metric');
  }
  return {
    metric,
    attribute: groups.attribute,
    levels: groups.levels,
    sizes: Array.from(groups.sizes),
    overall: metricOf(overall, cut, metric),
    overallSize: overall.n,
    byGroup: groups.groups.map((s) => metricOf(s, cut, metric)),
  };
}

/** Index of a reference level, or a RisklabError naming the known levels. */
function levelIndex(mg: MetricByGroup, reference: string): number {
  const r = mg.levels.indexOf(reference);
  if (r < 0) throw new RisklabError(m.unknownLevel(mg.attribute, reference, mg.levels), 'reference');
  return r;
}

/**
 * One value minus another: NaN when either is NaN. The scalar that
 * `difference` applies per group, and that results tables and findings use
 * for any difference between two numbers.
 *
 * @example
 * differenceOf(0.3, 0.2); // 0.1 (to rounding)
 */
export function differenceOf(value: number, reference: number): number {
  return value - reference;
}

/**
 * One value divided by another, with the module's one zero-denominator
 * rule: NaN when the reference is 0 or NaN (never Infinity). The scalar that
 * `ratio` applies per group, and that results tables and findings use.
 *
 * @example
 * ratioOf(0.3, 0.2); // 1.5
 * ratioOf(0.3, 0);   // NaN
 */
export function ratioOf(value: number, reference: number): number {
  return reference === 0 || Number.isNaN(reference) ? NaN : value / reference;
}

/**
 * Each group's metric minus the reference group's (the reference gets 0).
 * NaN wherever either value is NaN.
 *
 * Reference: Fairlearn `MetricFrame.difference` (here per group, against a named reference).
 *
 * @example
 * difference(ppv, 'White'); // [ppv(Asian) − ppv(White), …, 0, …]
 */
export function difference(mg: MetricByGroup, reference: string): number[] {
  const ref = mg.byGroup[levelIndex(mg, reference)];
  return mg.byGroup.map((v) => differenceOf(v, ref));
}

/**
 * Each group's metric divided by the reference group's (the reference gets
 * 1). NaN when the reference value is 0 or NaN (zero-denominator rule).
 *
 * Reference: Fairlearn `MetricFrame.ratio`; the "four-fifths rule" reads the
 * selection-rate ratio against 0.8 (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)).
 *
 * @example
 * ratio(selection, 'White'); // [sr(Asian) / sr(White), …, 1, …]
 */
export function ratio(mg: MetricByGroup, reference: string): number[] {
  const ref = mg.byGroup[levelIndex(mg, reference)];
  return mg.byGroup.map((v) => ratioOf(v, ref));
}

/** The widest gap between any two groups. */
export interface WidestGap {
  readonly lowest: string;
  readonly highest: string;
  /** highest − lowest (Fairlearn `difference(method="between_groups")`). */
  readonly difference: number;
  /** lowest / highest (Fairlearn `ratio(method="between_groups")`); NaN when highest is 0. */
  readonly ratio: number;
}

/**
 * The widest gap across groups, over groups with at least one child and a
 * defined (non-NaN) value; null when fewer than two such groups exist.
 *
 * @example
 * widestGap(ppv); // { lowest: "Black", highest: "White", difference: 0.12, ratio: 0.8 }
 */
export function widestGap(mg: MetricByGroup): WidestGap | null {
  let lo = -1;
  let hi = -1;
  let defined = 0;
  mg.byGroup.forEach((v, g) => {
    if (mg.sizes[g] === 0 || Number.isNaN(v)) return;
    defined++;
    if (lo < 0 || v < mg.byGroup[lo]) lo = g;
    if (hi < 0 || v > mg.byGroup[hi]) hi = g;
  });
  if (defined < 2) return null;
  const low = mg.byGroup[lo];
  const high = mg.byGroup[hi];
  return { lowest: mg.levels[lo], highest: mg.levels[hi], difference: high - low, ratio: high === 0 ? NaN : low / high };
}

/** One row of a wide group table: the counts always beside the metrics. */
export interface GroupRow extends ConfusionCounts {
  /** The attribute, or "all" for the whole population. */
  readonly attribute: string;
  /** The level, or "all". */
  readonly group: string;
  /** The requested metrics, by name. */
  readonly values: Readonly<Record<string, number>>;
}

/**
 * A wide table at one cut: a row for everyone, then a row per level of each
 * attribute, each with n, positives, flagged and the four cells beside the
 * metrics (default: every metric in `METRIC_NAMES`).
 *
 * @example
 * groupTable(overall, [bySex, byEthnicity], topK(overall, 1000).cut, { metrics: ['precision', 'recall'] });
 */
export function groupTable(
  overall: Sweep,
  attributes: readonly GroupSweep[],
  cut: Cut,
  options: { metrics?: readonly MetricName[] } = {},
): GroupRow[] {
  const { metrics = METRIC_NAMES } = options;
  for (const name of metrics) {
    if (!(METRIC_NAMES as readonly string[]).includes(name)) {
      throw new RisklabError(m.unknownMetric('metrics', name, METRIC_NAMES), 'metrics');
    }
  }
  const row = (attribute: string, group: string, s: Sweep): GroupRow => {
    const c = confusionAtCut(s, cut);
    const values: Record<string, number> = {};
    for (const name of metrics) {
      values[name] =
        name === 'auc' ? s.auc : name === 'averagePrecision' ? s.averagePrecision : RATE_FORMULAS[name as RateName].f(c.tp, c.fp, c.fn, c.tn);
    }
    return { attribute, group, n: c.n, positives: c.positives, flagged: c.flagged, tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn, values };
  };
  const rows = [row('all', 'all', overall)];
  for (const a of attributes) a.groups.forEach((s, g) => rows.push(row(a.attribute, a.levels[g], s)));
  return rows;
}

/** A group row ready to publish: small counts replaced by "<k", and the metrics of such a row withheld. */
export interface PublishedRow {
  readonly attribute: string;
  readonly group: string;
  readonly n: number | string;
  readonly positives: number | string;
  readonly flagged: number | string;
  readonly tp: number | string;
  readonly fp: number | string;
  readonly fn: number | string;
  readonly tn: number | string;
  /** The metrics, or null for each when any count of the row is suppressed. */
  readonly values: Readonly<Record<string, number | null>>;
  readonly suppressed: boolean;
}

/**
 * Small-cell suppression for published tables: every count below `k`
 * (including 0) is shown as the string "<k", and when any count of a row is
 * suppressed all of that row's metrics are withheld (null), since a rate and
 * the counts still shown could reveal the hidden one. Off by default
 * (`k = 0` changes nothing); synthetic data needs none. This is primary
 * suppression only: it does not stop a hidden count being recovered by
 * subtracting the other groups from the "all" row.
 *
 * Reference: ONS (2021) "Statistical disclosure control" guidance; NHS Digital
 * small-number suppression (counts 1–7 shown as "*").
 *
 * @example
 * suppressSmallCells(groupTable(overall, [byEthnicity], cut), 10)[3].tp; // "<10"
 */
export function suppressSmallCells(rows: readonly GroupRow[], k = 0): PublishedRow[] {
  checkWhole('suppressBelow', k, 0);
  const mark = `<${k}`;
  return rows.map((r) => {
    const cells = [r.n, r.positives, r.flagged, r.tp, r.fp, r.fn, r.tn];
    const suppressed = cells.some((c) => c < k);
    const show = (c: number): number | string => (c < k ? mark : c);
    const values: Record<string, number | null> = {};
    for (const [name, v] of Object.entries(r.values)) values[name] = suppressed ? null : v;
    return {
      attribute: r.attribute,
      group: r.group,
      n: show(r.n),
      positives: show(r.positives),
      flagged: show(r.flagged),
      tp: show(r.tp),
      fp: show(r.fp),
      fn: show(r.fn),
      tn: show(r.tn),
      values,
      suppressed,
    };
  });
}
