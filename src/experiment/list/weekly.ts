import { buildFeatures, type FeatureOptions } from '../../models/features.js';
import type { FeatureMatrix, FittedClassifier } from '../../models/types.js';
import { recordTimeline } from '../../recording/weeks.js';
import type { Records } from '../../recording/types.js';
import type { LabelName } from '../../metrics/index.js';
import type { OperatingPointConfig } from '../schema.js';
import { addToSlots, type GroupSlots } from './groups.js';
import { subRecords } from './records.js';
import { pointRows, perSlotRatio } from './rows.js';
import { everPointName, type ListPlan, type NamedPoint } from './settings.js';
import type { ModelRow } from '../task.js';
import type { WeeklyConfig } from './schema.js';

/**
 * Week-by-week lists within the test cohort (issue 17 §2). Every record is
 * written in a week of the year (src/recording/weeks.ts). The models are
 * fitted once, on the training cohort, as in the rest of the run; every
 * `every` weeks (and in the last week) each model scores every test child
 * on the records written so far, and each list operating point's list is
 * redrawn with the same rule as the single list (topK and topShare: the
 * k highest scores, ties in test-set order; threshold: every score at or
 * above it). Only children whose records changed since the last list are
 * scored again; the others keep their score, which is the same number (a
 * model scores a child from the child's own record alone).
 *
 * In the last week every record is written, so the last list is the single
 * list of the rest of the run; with `weeks: 1` it is the only list.
 *
 * The rows (at operating point `<point>+ever`): the confusion table of
 * every child on at least one list (recall: the share of all children with
 * the outcome that the lists ever reach), and the lists' churn — mean list
 * size and hits, children joining and leaving per list, weeks on the list,
 * the length of an unbroken stay — in every group.
 *
 * Why fit once: a council refits its model rarely (a year's records are the
 * training set), and refitting weekly on records that are themselves
 * accumulating would mix two questions; the weekly list changes because
 * the records do. Refitting 52 times would also multiply the run's cost by
 * 52 for no difference in what the issue asks.
 */

/** How a model scores a few test children (its fold models; `fold[j]` for test index j, null for one fold). */
interface Scorer {
  readonly fitted: readonly FittedClassifier[];
  readonly fold: Int32Array | null;
}

/** One list drawn in one week (for tests and readers' tools). */
export interface WeeklyList {
  readonly model: string;
  readonly point: string;
  readonly week: number;
  /** Test indices on the list, ascending. */
  readonly members: Int32Array;
}

export interface WeeklyInput {
  readonly seed: string;
  readonly records: Records;
  /** `testRows[j]`: the row of test child j in `records`. */
  readonly testRows: Int32Array;
  readonly labels: Readonly<Record<LabelName, Uint8Array>>;
  readonly slots: GroupSlots;
  readonly features: FeatureOptions;
  /**
   * The models, each with its scores on the whole records (the single list's):
   * a child whose records are already complete in a week has that score —
   * every model scores a child from the child's own record alone — so only
   * the others are scored in the first list week.
   */
  readonly models: readonly { readonly label: string; readonly baseline: boolean; readonly scorer: Scorer; readonly scores: Float64Array }[];
  readonly points: readonly NamedPoint[];
  readonly weekly: WeeklyConfig;
  /** Called with every list drawn (tests). */
  readonly onList?: (list: WeeklyList) => void;
}

/** The weeks a list is drawn in: every `every` weeks, and the last week. */
export function listWeeks(weeks: number, every: number): number[] {
  const out: number[] = [];
  for (let w = every; w < weeks; w += every) out.push(w);
  out.push(weeks);
  return out;
}

/**
 * Score test indices `which` on `current`: the test children's records in
 * test order, holding the records written so far (the feature builder
 * gathers just those rows).
 */
function scoreSome(current: Records, which: Int32Array, scorer: Scorer, features: FeatureOptions, into: Float64Array, built: WeekFeatures): void {
  for (let f = 0; f < scorer.fitted.length; f++) {
    const { rows, x } = weekFeatures(built, current, which, scorer.fold, f, features);
    if (rows.length === 0) continue;
    const s = scorer.fitted[f].predictProba(x!);
    for (let q = 0; q < rows.length; q++) into[rows[q]] = s[q];
  }
}

/**
 * The features of one week's rescored children, per fold assignment and fold:
 * built for the first model that asks and shared by the others (every list
 * model reads the same records with the same feature options; a
 * FeatureMatrix is frozen and models only read it). One map per week.
 */
type WeekFeatures = Map<Int32Array | null, Map<number, { rows: Int32Array; x: FeatureMatrix | null }>>;

function weekFeatures(built: WeekFeatures, current: Records, which: Int32Array, fold: Int32Array | null, f: number, features: FeatureOptions): { rows: Int32Array; x: FeatureMatrix | null } {
  let byFold = built.get(fold);
  if (!byFold) built.set(fold, (byFold = new Map()));
  let entry = byFold.get(f);
  if (!entry) {
    let rows = which;
    if (fold) {
      const mine: number[] = [];
      for (let q = 0; q < which.length; q++) if (fold[which[q]] === f) mine.push(which[q]);
      rows = Int32Array.from(mine);
    }
    entry = { rows, x: rows.length === 0 ? null : buildFeatures(current, { ...features, rows }) };
    byFold.set(f, entry);
  }
  return entry;
}

/** The list size a capacity rule asks for among n children (the metrics module's topK / topShare). */
function capacityOf(spec: OperatingPointConfig, n: number): number | null {
  if (spec.rule === 'topK') return Math.min(spec.value, n);
  if (spec.rule === 'topShare') return Math.min(n, Math.floor(spec.value * n + 1e-9));
  return null;
}

/**
 * The members (ascending test indices) of the top-k list for each k, with
 * the metrics module's tie rule: the k highest scores, children tied at the
 * k-th score taken in test-set order. `previous` is the largest list drawn
 * the week before (or null) and `changed` the children whose scores have
 * changed since: at least kMax children score at or above the kMax-th
 * highest score among them now, so only the children scoring that or more
 * need sorting — it saves work and never changes the lists.
 */
export function topLists(
  scores: Float64Array,
  ks: readonly number[],
  previous: Int32Array | null = null,
  scratch: TopScratch = newScratch(scores.length),
  changed: Int32Array | null = null,
): Int32Array[] {
  const n = scores.length;
  const kMax = Math.max(0, ...ks);
  if (kMax === 0) return ks.map(() => new Int32Array(0));
  if (scratch.candidates.length < n) Object.assign(scratch, newScratch(n));
  const { candidates, above, mark } = scratch;
  let tau = -Infinity;
  if (previous && previous.length >= kMax) {
    // The kMax-th highest score among distinct children of last week's list and those whose score changed: at least kMax children score that or more.
    let c = 0;
    for (const i of previous) {
      mark[i] = 1;
      above[c++] = scores[i];
    }
    if (changed) for (const i of changed) if (!mark[i]) above[c++] = scores[i];
    for (const i of previous) mark[i] = 0;
    tau = kthSmallest(above.subarray(0, c), c - kMax);
  }
  // Candidates: every child scoring at least tau (at least kMax of them).
  let m = 0;
  for (let i = 0; i < n; i++) if (scores[i] >= tau) candidates[m++] = i;
  // The candidates' scores, highest first: those above tau sorted, then those at tau (often a large tied block, left unsorted).
  let a = 0;
  for (let q = 0; q < m; q++) {
    const v = scores[candidates[q]];
    if (v > tau) above[a++] = v;
  }
  const sortedAbove = above.subarray(0, a).sort().reverse();
  return ks.map((k) => {
    if (k === 0) return new Int32Array(0);
    const t = k <= a ? sortedAbove[k - 1] : tau;
    // Children above the k-th score are all on the list; of those at it, the first in test-set order until the list is full.
    let room = k;
    for (let q = 0; q < k && q < a && sortedAbove[q] > t; q++) room--;
    const out = new Int32Array(k);
    let o = 0;
    for (let q = 0; q < m && o < k; q++) {
      const i = candidates[q];
      const v = scores[i];
      if (v > t) out[o++] = i;
      else if (v === t && room > 0) {
        out[o++] = i;
        room--;
      }
    }
    return out;
  });
}

/**
 * The value a native ascending sort would put at index `k` of `a` (0-based),
 * found by quickselect (Hoare's FIND, with a median-of-three pivot) in
 * linear expected time; `a` is reordered. Only the value is used, and an
 * order statistic is one value whatever the order of ties.
 *
 * Reference: C. A. R. Hoare (1961), "Algorithm 65: FIND", CACM 4(7).
 *
 * @example
 * kthSmallest(Float64Array.from([5, 1, 4, 2, 3]), 1); // 2
 */
export function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of a[lo], a[mid], a[hi] as the pivot.
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and every index strictly between j and i holds the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Working arrays of `topLists`, reused from week to week (a year of lists would otherwise allocate two arrays of every child per list). */
export interface TopScratch {
  candidates: Int32Array;
  above: Float64Array;
  mark: Uint8Array;
}

const newScratch = (n: number): TopScratch => ({ candidates: new Int32Array(n), above: new Float64Array(n), mark: new Uint8Array(n) });

/** Running sums of one model's lists at one operating point, per slot. */
class Churn {
  readonly stamp: Int32Array;
  readonly ever: Uint8Array;
  readonly weeksOn: Float64Array;
  readonly spells: Int32Array;
  previous: Int32Array = new Int32Array(0);
  lists = 0;
  readonly flagged: Float64Array;
  readonly tp: Record<LabelName, Float64Array>;
  readonly precision: Record<LabelName, Float64Array>;
  readonly precisionLists: Record<LabelName, Int32Array>;
  readonly entering: Float64Array;
  readonly leaving: Float64Array;
  constructor(n: number, private readonly slots: GroupSlots, private readonly labels: Readonly<Record<LabelName, Uint8Array>>) {
    const S = slots.slots.length;
    this.stamp = new Int32Array(n).fill(-2);
    this.ever = new Uint8Array(n);
    this.weeksOn = new Float64Array(n);
    this.spells = new Int32Array(n);
    this.flagged = new Float64Array(S);
    this.tp = { yRecorded: new Float64Array(S), yTrue: new Float64Array(S) };
    this.precision = { yRecorded: new Float64Array(S), yTrue: new Float64Array(S) };
    this.precisionLists = { yRecorded: new Int32Array(S), yTrue: new Int32Array(S) };
    this.entering = new Float64Array(S);
    this.leaving = new Float64Array(S);
  }

  /** Count list number `this.lists` (members ascending), which stands `span` weeks. */
  add(members: Int32Array, span: number): void {
    const j = this.lists++;
    const S = this.slots.slots.length;
    const flagged = new Int32Array(S);
    const tp = { yRecorded: new Int32Array(S), yTrue: new Int32Array(S) };
    const recordedLabel = this.labels.yRecorded;
    const trueLabel = this.labels.yTrue;
    for (const i of members) {
      addToSlots(this.slots, i, flagged);
      if (recordedLabel[i]) addToSlots(this.slots, i, tp.yRecorded);
      if (trueLabel[i]) addToSlots(this.slots, i, tp.yTrue);
      if (this.stamp[i] !== j - 1) {
        this.spells[i]++;
        if (j > 0) addToSlots(this.slots, i, this.entering);
      }
      this.stamp[i] = j;
      this.ever[i] = 1;
      this.weeksOn[i] += span;
    }
    if (j > 0) for (const i of this.previous) if (this.stamp[i] !== j) addToSlots(this.slots, i, this.leaving);
    this.previous = members;
    for (let s = 0; s < S; s++) {
      this.flagged[s] += flagged[s];
      for (const label of ['yRecorded', 'yTrue'] as const) {
        this.tp[label][s] += tp[label][s];
        if (flagged[s] > 0) {
          this.precision[label][s] += tp[label][s] / flagged[s];
          this.precisionLists[label][s]++;
        }
      }
    }
  }

  /** The rows of the year at `point+ever`. */
  rows(model: string, baseline: boolean, point: string): ModelRow[] {
    const S = this.slots.slots.length;
    const ever: number[] = [];
    for (let i = 0; i < this.ever.length; i++) if (this.ever[i]) ever.push(i);
    const weeks = new Float64Array(S);
    const spells = new Float64Array(S);
    const everCount = new Float64Array(S);
    for (const i of ever) {
      addToSlots(this.slots, i, weeks, this.weeksOn[i]);
      addToSlots(this.slots, i, spells, this.spells[i]);
      addToSlots(this.slots, i, everCount);
    }
    const mean = (sum: Float64Array, count: number) => Float64Array.from(sum, (v) => (count === 0 ? NaN : v / count));
    const byLabel = (label: LabelName) => [
      { metric: 'weeklyTp' as const, values: mean(this.tp[label], this.lists) },
      { metric: 'weeklyPrecision' as const, values: perSlotRatio(this.precision[label], this.precisionLists[label]) },
      { metric: 'weeklyRecall' as const, values: perSlotRatio(mean(this.tp[label], this.lists), this.slots.positives[label]) },
    ];
    return pointRows({
      model,
      baseline,
      operatingPoint: everPointName(point),
      slots: this.slots,
      labels: this.labels,
      listed: ever,
      extra: [
        { metric: 'weeklyFlagged', values: mean(this.flagged, this.lists) },
        { metric: 'enteringPerList', values: mean(this.entering, this.lists - 1) },
        { metric: 'leavingPerList', values: mean(this.leaving, this.lists - 1) },
        { metric: 'weeksOnList', values: perSlotRatio(weeks, everCount) },
        { metric: 'spellWeeks', values: perSlotRatio(weeks, spells) },
      ],
      extraByLabel: { yRecorded: byLabel('yRecorded'), yTrue: byLabel('yTrue') },
    });
  }
}

/**
 * Draw the year's lists for every model and list operating point, and give
 * their rows (see the module doc). The lists are drawn from the last week
 * back: in the last week every record is written, so the scores are those
 * of the single list; going back a list takes away the records written
 * since, and only the children they belong to are scored again. The lists
 * are then counted in week order.
 */
export function drawWeeklyLists(input: WeeklyInput): ModelRow[] {
  const { records, testRows, weekly, points } = input;
  const n = testRows.length;
  const timeline = recordTimeline({ seed: input.seed }, records, weekly);
  const position = new Int32Array(records.size).fill(-1);
  testRows.forEach((r, j) => (position[r] = j));
  // The test children's records in test order, as they stand at the end of the year.
  const current = subRecords(records, testRows);
  const recorded = current.recorded as Uint8Array[];
  const scores = input.models.map((m) => Float64Array.from(m.scores));
  const weeks = listWeeks(weekly.weeks, weekly.every);
  const ks = points.map((p) => capacityOf(p.spec, n) ?? 0);
  const largest = ks.indexOf(Math.max(...ks));
  const drawn = input.models.map(() => points.map(() => new Array<Int32Array>(weeks.length)));
  const changed = new Uint8Array(n);
  const scratch = newScratch(n);
  for (let w = weeks.length - 1; w >= 0; w--) {
    let which: Int32Array | null = null;
    if (w < weeks.length - 1) {
      // Take away the records written after this list's week, up to the next list's.
      const touched: number[] = [];
      for (let e = timeline.offsets[weeks[w]]; e < timeline.offsets[weeks[w + 1]]; e++) {
        const j = position[timeline.child[e]];
        if (j < 0) continue;
        recorded[timeline.circumstance[e]][j]--;
        if (!changed[j]) {
          changed[j] = 1;
          touched.push(j);
        }
      }
      for (const j of touched) changed[j] = 0;
      const rescored = Int32Array.from(touched).sort();
      which = rescored;
      const built: WeekFeatures = new Map();
      if (rescored.length) input.models.forEach((m, mi) => scoreSome(current, rescored, m.scorer, input.features, scores[mi], built));
    }
    input.models.forEach((_, mi) => {
      const previous = w < weeks.length - 1 && largest >= 0 ? drawn[mi][largest][w + 1] : null;
      const tops = topLists(scores[mi], ks, previous, scratch, which);
      points.forEach((p, pi) => {
        if (p.spec.rule !== 'threshold') drawn[mi][pi][w] = tops[pi];
        else {
          const out: number[] = [];
          for (let i = 0; i < n; i++) if (scores[mi][i] >= p.spec.value) out.push(i);
          drawn[mi][pi][w] = Int32Array.from(out);
        }
      });
    });
  }
  return input.models.flatMap((m, mi) =>
    points.flatMap((p, pi) => {
      const churn = new Churn(n, input.slots, input.labels);
      weeks.forEach((week, w) => {
        churn.add(drawn[mi][pi][w], (weeks[w + 1] ?? weekly.weeks + 1) - week);
        input.onList?.({ model: m.label, point: p.name, week, members: drawn[mi][pi][w] });
      });
      return churn.rows(m.label, m.baseline, p.name);
    }),
  );
}

/** The weekly lists of a task's list models (the list stage's part; see `drawWeeklyLists`). */
export function weeklyListRows(input: Omit<WeeklyInput, 'points' | 'weekly'> & { readonly plan: ListPlan }): ModelRow[] {
  if (!input.plan.weekly || input.plan.weeklyPoints.length === 0) return [];
  return drawWeeklyLists({ ...input, points: input.plan.weeklyPoints, weekly: input.plan.weekly });
}
