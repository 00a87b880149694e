import { pairMessages as t } from '../messages.js';
import { buildFeatures, type FeatureOptions } from '../models/features.js';
import type { FittedClassifier } from '../models/types.js';
import type { Domain, Population } from '../population/types.js';
import type { Records } from '../recording/types.js';
import type { Scenario } from '../scenario/validate.js';

/**
 * The "same child, different record" pair, chosen rather than found, and the
 * leaked-record card (issue 11 §2). Pure: values in, values out; names and
 * places are the caller's (the reports use `displayIdentity`, the explorer
 * its own made-up list), so nothing here needs faker.
 *
 * **The pair.** Two test children of different visibility groups — the more
 * visible level (`visible`, e.g. group B, the most deprived families) and the
 * other (`other`) — with
 * 1. exactly the same true circumstances (every circumstance, every count),
 * 2. the same true risk within a relative tolerance:
 *    |pTrue₁ − pTrue₂| ≤ tolerance · max(pTrue₁, pTrue₂) (default 5%),
 * 3. the more visible child on the list and the other not, and
 * 4. more of that same truth on record for the more visible child where its
 *    group is more visible: in those domains (`visibilityContrast`), agencies
 *    recorded more of the visible child's true circumstances than of the
 *    other's (Σ min(true, recorded) over the domains' circumstances). So the
 *    records — what agencies saw — tell them apart, not a false record or
 *    chance in an agency that sees both groups alike.
 * `visible` must be more visible than `other` in the scenario's settings
 * (`visibilityContrast`); otherwise there is no story to tell and no pair.
 * Among all such pairs, the chosen one is, in order of preference: the one
 * whose children share the same true outcome, both harmed first (one was
 * found, the other missed); then the higher true risk; then the closer true
 * risk; then the lower ids. When no pair meets 1–4 the result is
 * `{ kind: 'none', reason, explanation }` and says which condition failed
 * and what the data show instead (for example, that the list only ever
 * picks the less visible child of a pair) — never a pair that contradicts the
 * story.
 *
 * **The leaked-record card.** A test child whose records include one created
 * because a concern was recorded (`Records.leaked`), re-scored by the same
 * fitted model with the leaked records taken away. Preferred: a child on the
 * list who falls off it without them, then the largest fall in score, then
 * the lowest id.
 *
 * Indices: `testRows[j]` is the row (in `population` and `records`) of test
 * child j; `scores[j]` and `listed[j]` belong to test child j.
 *
 * @example
 * const listed = flagsAt(scores, point.cut);
 * const pair = choosePair({ scenario, population, records, testRows, scores, listed, attribute: 'group', visible: 'B', other: 'A' });
 * if (pair.kind === 'pair') pair.children[0].listed; // true: the more visible child is on the list
 * else pair.explanation;                             // why there is none
 */

/** One circumstance of one child: what was true and what was recorded. */
export interface CircumstanceEntry {
  readonly name: string;
  readonly label: string;
  readonly type: 'binary' | 'count';
  readonly truth: number;
  readonly recorded: number;
  /** Of `recorded`, how much leakage created (0 or 1; see `Records.leaked`). */
  readonly leaked: number;
}

/** One agency (data domain) and what it held about the child: only circumstances true or recorded. */
export interface DomainEntry {
  readonly domain: Domain;
  readonly entries: readonly CircumstanceEntry[];
}

/** A child as a card shows them. */
export interface CardChild {
  /** Row in the population and records. */
  readonly row: number;
  /** Index among the test children (into `scores`). */
  readonly testIndex: number;
  readonly id: number;
  readonly age: number;
  /** Every group attribute → the child's level. */
  readonly groups: Readonly<Record<string, string>>;
  /** The child's level of the pair's attribute (the leaked card: of the first group attribute). */
  readonly group: string;
  readonly pTrue: number;
  readonly yTrue: number;
  readonly yRecorded: number;
  readonly score: number;
  /** 1 = the highest score among the test children; tied children share the best rank. */
  readonly rank: number;
  readonly listed: boolean;
  /** Per agency, in the catalogue's domain order; agencies with nothing true and nothing recorded are left out. */
  readonly domains: readonly DomainEntry[];
  /** Sum of true circumstances (counts as counts). */
  readonly trueTotal: number;
  /** Sum of recorded circumstances (counts as counts). */
  readonly recordedTotal: number;
}

export interface PairInput {
  /** The scenario the children were drawn and recorded under: `visible` must be more visible in it (`compareVisibility`). */
  readonly scenario: Scenario;
  readonly population: Population;
  readonly records: Records;
  readonly testRows: Int32Array;
  readonly scores: Float64Array;
  /** 1 when test child j is on the list (e.g. `flagsAt(scores, cut)`). */
  readonly listed: Uint8Array;
  readonly attribute: string;
  /** The more visible level (see `compareVisibility`). */
  readonly visible: string;
  /** The less visible level. */
  readonly other: string;
  /** Relative tolerance on pTrue. Default 0.05. */
  readonly tolerance?: number;
}

export type NoPairReason =
  | 'unknown-group'
  | 'not-more-visible'
  | 'empty-group'
  | 'empty-list'
  | 'full-list'
  | 'no-equal-truth'
  | 'list-does-not-split'
  | 'only-reversed'
  | 'records-contradict';

/** How many pairs of the two groups met each condition (for the explanation, and for tests). */
export interface PairCounts {
  /** Pairs with the same truth and risk within tolerance. */
  readonly equalTruth: number;
  /** … of which exactly one child is on the list. */
  readonly split: number;
  /** … of which the listed one is the less visible child. */
  readonly reversed: number;
  /** … of which the listed one is the more visible child but agencies where it is more visible saw no more of its truth. */
  readonly contradicting: number;
  /** Pairs meeting every condition (the candidates the pair was chosen from). */
  readonly candidates: number;
}

export type PairResult =
  | {
      readonly kind: 'pair';
      readonly attribute: string;
      readonly visible: string;
      readonly other: string;
      readonly tolerance: number;
      /** Domains where `visible` is more visible than `other` (condition 4 is judged there). */
      readonly moreVisibleIn: readonly Domain[];
      /** [the more visible child (listed), the other (not listed)]. */
      readonly children: readonly [CardChild, CardChild];
      /** |pTrue₁ − pTrue₂| / max(pTrue₁, pTrue₂): at most `tolerance`. */
      readonly riskDifference: number;
      readonly testSize: number;
      readonly listSize: number;
      readonly counts: PairCounts;
    }
  | {
      readonly kind: 'none';
      readonly reason: NoPairReason;
      readonly explanation: string;
      readonly attribute: string;
      readonly tolerance: number;
      readonly counts: PairCounts;
    };

const NO_COUNTS: PairCounts = { equalTruth: 0, split: 0, reversed: 0, contradicting: 0, candidates: 0 };

/** Default relative tolerance on pTrue for "the same true risk". */
export const PAIR_TOLERANCE = 0.05;

/** Choose the pair (see the module note). */
export function choosePair(input: PairInput): PairResult {
  const { population, testRows, listed, attribute, visible, other } = input;
  const tolerance = input.tolerance ?? PAIR_TOLERANCE;
  const none = (reason: NoPairReason, explanation: string, counts = NO_COUNTS): PairResult => ({ kind: 'none', reason, explanation, attribute, tolerance, counts });
  const column = population.groups.find((g) => g.attribute === attribute);
  const vCode = column ? column.levels.indexOf(visible) : -1;
  const oCode = column ? column.levels.indexOf(other) : -1;
  if (!column || vCode < 0) return none('unknown-group', t.unknownGroup(attribute, visible));
  if (oCode < 0) return none('unknown-group', t.unknownGroup(attribute, other));
  const contrast = visibilityContrast(input.scenario, attribute, visible, other);
  if (contrast.order !== 'first') return none('not-more-visible', t.notMoreVisible(attribute, visible, other, contrast.order));
  const listSize = listed.reduce((a, b) => a + b, 0);
  const sizes = [0, 0];
  for (const r of testRows) {
    if (column.codes[r] === vCode) sizes[0]++;
    else if (column.codes[r] === oCode) sizes[1]++;
  }
  if (sizes[0] === 0) return none('empty-group', t.emptyGroup(attribute, visible));
  if (sizes[1] === 0) return none('empty-group', t.emptyGroup(attribute, other));
  if (listSize === 0) return none('empty-list', t.emptyList);
  if (listSize === testRows.length) return none('full-list', t.fullList);
  const seenIn = population.circumstances.map((c) => contrast.domains.includes(c.domain));
  const found = scanPairs(input, column.codes, vCode, oCode, tolerance, seenIn);
  const { counts, best } = found;
  if (best) {
    const [v, o] = best;
    const children = [cardChild(input, v, attribute), cardChild(input, o, attribute)] as const;
    const pv = children[0].pTrue;
    const po = children[1].pTrue;
    return {
      kind: 'pair',
      attribute,
      visible,
      other,
      tolerance,
      moreVisibleIn: contrast.domains,
      children,
      riskDifference: Math.abs(pv - po) / Math.max(pv, po),
      testSize: testRows.length,
      listSize,
      counts,
    };
  }
  if (counts.equalTruth === 0) return none('no-equal-truth', t.noEqualTruth(attribute, `${Math.round(tolerance * 100)}%`), counts);
  if (counts.split === 0) return none('list-does-not-split', t.notSplit(counts.equalTruth), counts);
  if (counts.contradicting === 0) return none('only-reversed', t.onlyReversed(counts.split, other), counts);
  return none('records-contradict', t.recordsContradict(counts.contradicting, contrast.domains, contrast.domains.length === Object.keys(input.scenario.recording.domains).length), counts);
}

interface Side {
  /** Test indices, sorted by pTrue ascending. */
  readonly index: number[];
  readonly p: number[];
}

/** Group test children by their whole truth vector; within a bucket, by side, sorted by pTrue. */
function buckets(input: PairInput, codes: Uint8Array, vCode: number, oCode: number): Map<string, [Side, Side]> {
  const { population, testRows } = input;
  const map = new Map<string, [Side, Side]>();
  const truth = population.truth;
  for (let j = 0; j < testRows.length; j++) {
    const r = testRows[j];
    if (codes[r] !== vCode && codes[r] !== oCode) continue;
    const side = codes[r] === vCode ? 0 : 1;
    let key = '';
    for (let k = 0; k < truth.length; k++) key += String.fromCharCode(truth[k][r]);
    let b = map.get(key);
    if (!b) map.set(key, (b = [{ index: [], p: [] }, { index: [], p: [] }]));
    b[side].index.push(j);
  }
  for (const b of map.values()) {
    for (const s of b) {
      s.index.sort((x, y) => population.pTrue[testRows[x]] - population.pTrue[testRows[y]] || x - y);
      for (const j of s.index) s.p.push(population.pTrue[testRows[j]]);
    }
  }
  return map;
}

/** First position in ascending `xs` with value ≥ v. */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Σ min(true, recorded) over the circumstances flagged in `seenIn`: how much of a child's truth agencies there recorded. */
function seen(population: Population, records: Records, row: number, seenIn: readonly boolean[]): number {
  let s = 0;
  for (let k = 0; k < seenIn.length; k++) if (seenIn[k]) s += Math.min(population.truth[k][row], records.recorded[k][row]);
  return s;
}

function recordedTotal(records: Records, row: number): number {
  let s = 0;
  for (const col of records.recorded) s += col[row];
  return s;
}

/** Preference order among candidates (negative: a is better). */
function prefer(input: PairInput, a: [number, number], b: [number, number]): number {
  const { population, testRows } = input;
  const y = (j: number) => population.yTrue[testRows[j]];
  const p = (j: number) => population.pTrue[testRows[j]];
  const sameOutcome = (c: [number, number]) => (y(c[0]) === y(c[1]) ? 1 + y(c[0]) : 0);
  const risk = (c: [number, number]) => Math.min(p(c[0]), p(c[1]));
  const gap = (c: [number, number]) => Math.abs(p(c[0]) - p(c[1])) / Math.max(p(c[0]), p(c[1]));
  const id = (c: [number, number]) => Math.min(population.ids[testRows[c[0]]], population.ids[testRows[c[1]]]);
  return sameOutcome(b) - sameOutcome(a) || risk(b) - risk(a) || gap(a) - gap(b) || id(a) - id(b);
}

/**
 * Walk every pair of the two sides with the same truth and risk within
 * tolerance (pTrue windows found by binary search, so a large bucket of
 * children with nothing true costs its size times the log, not its square),
 * counting each condition and keeping the preferred candidate.
 */
function scanPairs(input: PairInput, codes: Uint8Array, vCode: number, oCode: number, tolerance: number, seenIn: readonly boolean[]) {
  const { population, records, testRows, listed } = input;
  let equalTruth = 0;
  let split = 0;
  let reversed = 0;
  let contradicting = 0;
  let candidates = 0;
  let best: [number, number] | null = null;
  for (const [vs, os] of buckets(input, codes, vCode, oCode).values()) {
    if (vs.index.length === 0 || os.index.length === 0) continue;
    for (let a = 0; a < vs.index.length; a++) {
      const pv = vs.p[a];
      // |pv − po| ≤ tol·max(pv, po)  ⟺  po ∈ [pv·(1 − tol), pv / (1 − tol)].
      const from = lowerBound(os.p, pv * (1 - tolerance));
      const hiValue = tolerance >= 1 ? Infinity : pv / (1 - tolerance);
      const v = vs.index[a];
      for (let b = from; b < os.p.length && os.p[b] <= hiValue; b++) {
        const po = os.p[b];
        if (Math.abs(pv - po) > tolerance * Math.max(pv, po)) continue;
        equalTruth++;
        const o = os.index[b];
        if (listed[v] === listed[o]) continue;
        split++;
        if (listed[o] === 1) {
          reversed++;
          continue;
        }
        if (seen(population, records, testRows[v], seenIn) <= seen(population, records, testRows[o], seenIn)) {
          contradicting++;
          continue;
        }
        candidates++;
        const c: [number, number] = [v, o];
        if (best === null || prefer(input, c, best) < 0) best = c;
      }
    }
  }
  return { counts: { equalTruth, split, reversed, contradicting, candidates }, best };
}

/** Rank of a score among the test children: 1 + how many score strictly higher. */
export function rankAmong(scores: Float64Array, score: number): number {
  let higher = 0;
  for (let j = 0; j < scores.length; j++) if (scores[j] > score) higher++;
  return higher + 1;
}

/** Per-domain view of one child's truth and records, in the population's circumstance order. */
export function domainEntries(population: Population, records: Records, row: number): DomainEntry[] {
  const byDomain = new Map<Domain, CircumstanceEntry[]>();
  population.circumstances.forEach((c, k) => {
    const truth = population.truth[k][row];
    const recorded = records.recorded[k][row];
    if (truth === 0 && recorded === 0) return;
    const leaked = records.leaked?.[k]?.[row] ?? 0;
    const list = byDomain.get(c.domain) ?? [];
    list.push({ name: c.name, label: c.label, type: c.type, truth, recorded, leaked });
    byDomain.set(c.domain, list);
  });
  return [...byDomain].map(([domain, entries]) => ({ domain, entries }));
}

function cardChild(input: { population: Population; records: Records; testRows: Int32Array; scores: Float64Array; listed: Uint8Array }, j: number, attribute: string): CardChild {
  const { population, records, testRows, scores, listed } = input;
  const row = testRows[j];
  const groups = Object.fromEntries(population.groups.map((g) => [g.attribute, g.levels[g.codes[row]]]));
  let trueTotal = 0;
  for (const col of population.truth) trueTotal += col[row];
  return {
    row,
    testIndex: j,
    id: population.ids[row],
    age: population.age[row],
    groups,
    group: groups[attribute] ?? '',
    pTrue: population.pTrue[row],
    yTrue: population.yTrue[row],
    yRecorded: records.yRecorded[row],
    score: scores[j],
    rank: rankAmong(scores, scores[j]),
    listed: listed[j] === 1,
    domains: domainEntries(population, records, row),
    trueTotal,
    recordedTotal: recordedTotal(records, row),
  };
}

/**
 * Records restricted to `rows` (in that order), with every record leakage
 * created taken away (`recorded − leaked`): what agencies held before any
 * concern was recorded. `leaked` of the result is all null.
 */
export function recordsWithoutLeakage(records: Records, rows: Int32Array): Records {
  const recorded = records.recorded.map((col, k) => {
    const out = Uint8Array.from(rows, (r) => col[r]);
    const mark = records.leaked?.[k];
    if (mark) rows.forEach((r, i) => (out[i] -= mark[r]));
    return out;
  });
  return {
    size: rows.length,
    cohort: records.cohort,
    ids: Int32Array.from(rows, (r) => records.ids[r]),
    household: Int32Array.from(rows, (r) => records.household[r]),
    age: Uint8Array.from(rows, (r) => records.age[r]),
    groups: records.groups.map((g) => ({ attribute: g.attribute, levels: g.levels, codes: Uint8Array.from(rows, (r) => g.codes[r]) })),
    circumstances: records.circumstances,
    recorded,
    yRecorded: Uint8Array.from(rows, (r) => records.yRecorded[r]),
    leaked: records.circumstances.map(() => null),
  };
}

export interface LeakInput {
  readonly population: Population;
  readonly records: Records;
  readonly testRows: Int32Array;
  readonly scores: Float64Array;
  readonly listed: Uint8Array;
  /** The fitted model that made `scores`, and the feature options it was fitted with (rows are set here). */
  readonly model: FittedClassifier;
  readonly features?: Omit<FeatureOptions, 'rows'>;
  /** The list's cut score: a child scoring ≥ it would be on the list (for a capacity list, the lowest listed score). */
  readonly cutScore: number;
}

export type LeakResult =
  | {
      readonly kind: 'leaked';
      readonly child: CardChild;
      /** The leaked records: circumstance names and labels. */
      readonly leakedRecords: readonly { readonly name: string; readonly label: string; readonly domain: Domain }[];
      /** The same model's score for the same child with the leaked records taken away. */
      readonly scoreWithout: number;
      /** Rank of that score among the other test children's scores as they are. */
      readonly rankWithout: number;
      readonly listedWithout: boolean;
      /** Test children with at least one leaked record. */
      readonly childrenWithLeaks: number;
    }
  | { readonly kind: 'none'; readonly reason: 'no-leakage'; readonly explanation: string };

/** Choose the leaked-record card's child (see the module note). */
export function chooseLeakedChild(input: LeakInput): LeakResult {
  const { population, records, testRows, scores, listed } = input;
  const marks = (records.leaked ?? []).map((m, k) => ({ m, k })).filter((x): x is { m: Uint8Array; k: number } => x.m !== null);
  const withLeaks: number[] = [];
  for (let j = 0; j < testRows.length; j++) if (marks.some(({ m }) => m[testRows[j]] === 1)) withLeaks.push(j);
  if (withLeaks.length === 0) return { kind: 'none', reason: 'no-leakage', explanation: t.noLeakage };
  const rows = Int32Array.from(withLeaks, (j) => testRows[j]);
  const without = input.model.predictProba(buildFeatures(recordsWithoutLeakage(records, rows), { ...input.features }));
  const order = withLeaks.map((j, i) => ({ j, i, drop: scores[j] - without[i], falls: listed[j] === 1 && without[i] < input.cutScore }));
  order.sort((a, b) => Number(b.falls) - Number(a.falls) || listed[b.j] - listed[a.j] || b.drop - a.drop || population.ids[testRows[a.j]] - population.ids[testRows[b.j]]);
  const { j, i } = order[0];
  const row = testRows[j];
  const child = cardChild(input, j, population.groups[0]?.attribute ?? '');
  const others = scores.filter((_, x) => x !== j);
  return {
    kind: 'leaked',
    child,
    leakedRecords: marks.filter(({ m }) => m[row] === 1).map(({ k }) => ({ name: population.circumstances[k].name, label: population.circumstances[k].label, domain: population.circumstances[k].domain })),
    scoreWithout: without[i],
    rankWithout: rankAmong(others, without[i]),
    listedWithout: without[i] >= input.cutScore,
    childrenWithLeaks: withLeaks.length,
  };
}

/**
 * How two levels of an attribute differ in visibility to agencies, from the
 * scenario's settings (not from a sample): per domain, the product of every
 * `recording.groups` visibility multiplier that names the level, and the
 * level's agency-contact shift (`recording.contact.groupShift`, which raises
 * visibility in every domain). `order` is 'first' when the first level is at
 * least as visible everywhere and more visible somewhere, 'second' the other
 * way round, 'equal' when they are the same and 'mixed' when each is more
 * visible somewhere; `domains` lists where the first is more visible (every
 * domain when its contact shift is higher). Multipliers are compared as set,
 * before any cap at 1.
 *
 * @example
 * visibilityContrast(scenario, 'group', 'B', 'A'); // { order: 'first', domains: ['police', 'socialCare'] } when B is ×2 there
 */
export function visibilityContrast(scenario: Scenario, attribute: string, first: string, second: string): { order: 'first' | 'second' | 'equal' | 'mixed'; domains: Domain[] } {
  const all = Object.keys(scenario.recording.domains) as Domain[];
  const multiplier = (level: string, d: Domain) =>
    scenario.recording.groups
      .filter((g) => g.attribute === attribute && g.level === level && (!g.domains || g.domains.includes(d)))
      .reduce((m, g) => m * g.visibilityMultiplier, 1);
  const shift = (level: string) => scenario.recording.contact.groupShift[attribute]?.[level] ?? 0;
  const contact = scenario.recording.contact.visibilityBoost > 0 ? shift(first) - shift(second) : 0;
  const byDomain = all.map((d) => multiplier(first, d) - multiplier(second, d));
  const diffs = [...byDomain, contact];
  const more = diffs.some((x) => x > 0);
  const less = diffs.some((x) => x < 0);
  const order = more && less ? 'mixed' : more ? 'first' : less ? 'second' : 'equal';
  return { order, domains: contact > 0 ? all : all.filter((_, i) => byDomain[i] > 0) };
}

/** `visibilityContrast(…).order`: which level the settings make more visible. */
export function compareVisibility(scenario: Scenario, attribute: string, first: string, second: string): 'first' | 'second' | 'equal' | 'mixed' {
  return visibilityContrast(scenario, attribute, first, second).order;
}
