import { flagsAt, type Cut } from '../../metrics/operating-points.js';
import { displayIdentity } from '../../population/identity.js';
import type { SplitPlan } from '../../split/index.js';
import { groupSlots, addToSlots, type GroupSlots } from '../list/groups.js';
import { listReasons, type ChildReasons, type ListReason, type ReasonsKind } from '../list/reasons.js';
import { reviewDraws, reviewList } from '../list/review.js';
import { perSlotRatio, pointRows } from '../list/rows.js';
import { planList, type ListPlan } from '../list/settings.js';
import { weeklyListRows } from '../list/weekly.js';
import type { ResolvedExperiment } from '../resolve.js';
import type { ModelRow, Task } from '../task.js';
import type { TaskCohorts } from './cohorts.js';
import type { ScoredModel } from './score.js';
import type { TestSet } from './test-set.js';

/**
 * Stage 5 of a task: the list as it is circulated (issue 17). For each
 * model of `list.models`, at the list's operating point (see
 * src/experiment/list/settings.ts):
 * - the children on it, in list order, with the reasons the model gives
 *   for each, every reason checked against the truth (replicate 0 only:
 *   list.csv);
 * - rows of the list's reasons by group: how many listed children's top
 *   reason is a false record, or one created after a concern (every
 *   replicate, so findings have their spread);
 * - for each reviewer, the reviewed list's rows;
 * - with weekly lists, the year's lists' rows (src/experiment/list/weekly.ts).
 * The list is exactly the one the metrics rows count: the cut is read from
 * the evaluation rows and applied with the metrics module's one tie rule
 * (`flagsAt`).
 */

/** One child on the list, as list.csv writes them. */
export interface ListEntry {
  /** Place on the list: 1 = highest score (ties in test-set order, as the list's tie rule takes them). */
  readonly rank: number;
  readonly id: number;
  /** A made-up display name (faker, en_GB; src/population/identity.ts): never a real child's. */
  readonly name: string;
  readonly age: number;
  /** Group attribute → the child's level. */
  readonly groups: Readonly<Record<string, string>>;
  readonly score: number;
  /** The model's reasons (null when it gives none). */
  readonly explained: Omit<ChildReasons, 'reasons'> | null;
  readonly reasons: readonly ListReason[];
  /** Per reviewer (the list's `reviewers` order): 1 confirmed, 0 removed. */
  readonly reviewed: readonly number[];
  readonly yTrue: number;
  readonly yRecorded: number;
  readonly pTrue: number;
}

/** One model's list in one task (replicate 0). */
export interface ModelList {
  readonly model: string;
  readonly operatingPoint: string;
  /** Children the list was drawn from. */
  readonly testSize: number;
  readonly reasons: ReasonsKind;
  readonly reviewers: readonly string[];
  /**
   * Children who share the score at the list's end: how many of them are on
   * the list, and how many were left off it (0 unless the cut split a tie,
   * which the list's tie rule breaks by test-set order, not by anything
   * about the children).
   */
  readonly tied: { readonly onList: number; readonly leftOff: number };
  readonly entries: readonly ListEntry[];
}

/** What the list stage gives a task: its rows (every replicate) and the lists themselves (replicate 0). */
export interface ListStageResult {
  readonly rows: readonly ModelRow[];
  readonly lists: readonly ModelList[];
}

/** The cut a model's evaluation rows used at an operating point (NaN cut: none). */
function cutOf(rows: readonly ModelRow[], model: string, point: string): Cut | null {
  const r = rows.find((x) => x.model === model && x.label === 'yRecorded' && x.attribute === 'all' && x.operatingPoint === point && x.metric === 'precision');
  return r && !Number.isNaN(r.cutThreshold) ? { threshold: r.cutThreshold, tieRowLimit: r.cutTieRowLimit } : null;
}

/** Test indices flagged by `cut`, in list order: highest score first, ties in test-set order. */
export function listOrder(scores: Float64Array, cut: Cut): Int32Array {
  const flags = flagsAt(scores, cut);
  const listed: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) listed.push(i);
  listed.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(listed);
}

/** Fold of each test index (null for a single fold). */
function foldsOf(plan: SplitPlan, testSize: number): Int32Array | null {
  if (plan.folds.length === 1) return null;
  const position = new Map<number, number>();
  plan.testRows.forEach((r, j) => position.set(r, j));
  const out = new Int32Array(testSize);
  plan.folds.forEach((fold, f) => fold.test.forEach((r) => (out[position.get(r)!] = f)));
  return out;
}

/** Rows of the list's reasons per slot: counts of top reasons that are false or leaked, and their shares. */
function reasonRows(slots: GroupSlots, listed: Int32Array, children: readonly (ChildReasons | null)[], available: boolean) {
  const S = slots.slots.length;
  const explained = new Int32Array(S);
  const topFalse = new Int32Array(S);
  const topLeaked = new Int32Array(S);
  const anyUntrue = new Int32Array(S);
  children.forEach((c, j) => {
    if (!c) return;
    const i = listed[j];
    addToSlots(slots, i, explained);
    const top = c.reasons[0]?.mark;
    if (top === 'false') addToSlots(slots, i, topFalse);
    if (top === 'leaked') addToSlots(slots, i, topLeaked);
    if (c.reasons.some((r) => r.mark === 'false' || r.mark === 'leaked')) addToSlots(slots, i, anyUntrue);
  });
  const untrue = Int32Array.from(topFalse, (v, s) => v + topLeaked[s]);
  return [
    { metric: 'topReasonFalse' as const, values: available ? topFalse : new Float64Array(S).fill(NaN) },
    { metric: 'topReasonLeaked' as const, values: available ? topLeaked : new Float64Array(S).fill(NaN) },
    { metric: 'topReasonFalseShare' as const, values: perSlotRatio(topFalse, explained) },
    { metric: 'topReasonLeakedShare' as const, values: perSlotRatio(topLeaked, explained) },
    { metric: 'topReasonFalseOrLeakedShare' as const, values: perSlotRatio(untrue, explained) },
    { metric: 'anyReasonFalseOrLeakedShare' as const, values: perSlotRatio(anyUntrue, explained) },
  ];
}

/** The list stage (see the module doc). */
export function listStage(
  resolved: ResolvedExperiment,
  task: Task,
  cohorts: TaskCohorts,
  plan: SplitPlan,
  test: TestSet,
  scored: readonly ScoredModel[],
  evaluation: readonly ModelRow[],
  listPlan: ListPlan = planList(resolved.experiment),
): ListStageResult {
  const point = listPlan.list;
  if (!point) return { rows: [], lists: [] };
  const { experiment } = resolved;
  const { population, records } = cohorts.test;
  const labels = { yRecorded: test.yRecorded, yTrue: test.yTrue };
  const slots = groupSlots(test.groups, experiment.intersections, labels);
  const foldOf = foldsOf(plan, test.rows.length);
  const features = { groups: experiment.includeGroups };
  const rows: ModelRow[] = [];
  const lists: ModelList[] = [];
  for (const label of listPlan.models) {
    const m = scored.find((s) => s.label === label)!;
    const cut = cutOf(evaluation, label, point.name);
    if (!cut) continue;
    const listed = listOrder(m.scores, cut);
    const listedRows = Int32Array.from(listed, (j) => test.rows[j]);
    const explained = listReasons({ population, records, testRows: test.rows, listed, fitted: m.fitted, foldOf, features, top: listPlan.reasons });
    const common = { model: label, baseline: m.baseline, slots, labels };
    rows.push(...pointRows({ ...common, operatingPoint: point.name, cut, listed, rates: false, extra: reasonRows(slots, listed, explained.children, explained.kind.available) }));
    const draws = listPlan.reviewers.length ? reviewDraws(cohorts.seed, Array.from(listedRows, (r) => records.ids[r]), records.circumstances.length) : [];
    const reviewed = listPlan.reviewers.map((reviewer) => {
      const confirmed = reviewList({
        population,
        records,
        rows: listedRows,
        fold: foldOf ? Int32Array.from(listed, (j) => foldOf[j]) : null,
        fitted: m.fitted,
        features,
        draws,
        accuracy: reviewer.accuracy,
        cutScore: cut.threshold,
      });
      const kept = listed.filter((_, j) => confirmed[j] === 1);
      const before = new Int32Array(slots.slots.length);
      const removed = new Int32Array(slots.slots.length);
      listed.forEach((i, j) => {
        addToSlots(slots, i, before);
        if (!confirmed[j]) addToSlots(slots, i, removed);
      });
      const name = listPlan.derived.find((d) => d.kind === 'review' && d.reviewer === reviewer.label)!.name;
      rows.push(
        ...pointRows({
          ...common,
          operatingPoint: name,
          listed: kept,
          extra: [
            { metric: 'removed', values: removed },
            { metric: 'removedShare', values: perSlotRatio(removed, before) },
          ],
        }),
      );
      return confirmed;
    });
    if (task.replicate === 0) lists.push(listOf(cohorts.seed, population, m.scores, listed, listedRows, test, explained, listPlan, reviewed, label, point.name));
  }
  const models = listPlan.models.map((label) => scored.find((s) => s.label === label)!).map((m) => ({ label: m.label, baseline: m.baseline, scorer: { fitted: m.fitted, fold: foldOf }, scores: m.scores }));
  rows.push(...weeklyListRows({ seed: cohorts.seed, records, testRows: test.rows, labels, slots, features, models, plan: listPlan }));
  return { rows, lists };
}

/** A model's list as list.csv writes it. */
function listOf(
  seed: string,
  population: TaskCohorts['test']['population'],
  scores: Float64Array,
  listed: Int32Array,
  listedRows: Int32Array,
  test: TestSet,
  explained: ReturnType<typeof listReasons>,
  listPlan: ListPlan,
  reviewed: readonly Uint8Array[],
  model: string,
  operatingPoint: string,
): ModelList {
  const sex = population.groups.find((g) => g.attribute === 'sex');
  const entries = Array.from(listed, (i, j): ListEntry => {
    const row = listedRows[j];
    const id = population.ids[row];
    const who = displayIdentity(seed, id, { age: population.age[row], sex: sex ? sex.levels[sex.codes[row]] : undefined });
    const c = explained.children[j];
    return {
      rank: j + 1,
      id,
      name: who.name,
      age: population.age[row],
      groups: Object.fromEntries(test.groups.map((g) => [g.attribute, g.levels[g.codes[i]]])),
      score: scores[i],
      explained: c ? { scaleScore: c.scaleScore, base: c.base, other: c.other } : null,
      reasons: c ? c.reasons : [],
      reviewed: reviewed.map((r) => r[j]),
      yTrue: test.yTrue[i],
      yRecorded: test.yRecorded[i],
      pTrue: test.pTrue[i],
    };
  });
  const last = listed.length ? scores[listed[listed.length - 1]] : NaN;
  let tiedAll = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] === last) tiedAll++;
  let onList = 0;
  for (let j = listed.length - 1; j >= 0 && scores[listed[j]] === last; j--) onList++;
  const tied = { onList, leftOff: tiedAll - onList };
  return { model, operatingPoint, testSize: test.rows.length, reasons: explained.kind, reviewers: listPlan.reviewers.map((r) => r.label), tied, entries };
}
