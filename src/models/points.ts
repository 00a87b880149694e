import type { RandomSource } from '../random/index.js';
import { TRAP_FLAGS } from '../scenario/catalogue.js';
import { messages, RisklabError } from '../messages.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { choiceParam, integerParam, isNumberArray, isStringArray, jsonCheck, paramsObject } from './linear/params.js';
import { fitLogistic, resolveLogisticParams, type LogisticParams, type ResolvedLogisticParams } from './logistic.js';
import type { Classifier, FeatureMatrix, FittedClassifier, TrainingSet } from './types.js';

/**
 * `points` — an additive flag score of the kind police forces and councils
 * use: each recorded flag present adds its points; the total is the score.
 * A flag is "recorded circumstance > 0" (a count of 1 or more is one flag).
 *
 * Modes:
 * - `expert` (default): points set by hand in `weights`. The default is one
 *   point for each factor IICSA lists for Avon and Somerset Police's TRAP
 *   score, mapped onto the catalogue (`TRAP_FLAGS`).
 * - `fitted`: integer points from a logistic regression on the flags,
 *   scorecard style: the flag with the largest |coefficient| gets `maxPoints`
 *   points and every other flag round(maxPoints · βⱼ / max|β|) — so points
 *   are proportional to log-odds, a protective flag can score negative, and
 *   a flag whose points round to 0 drops out.
 *
 * Score → probability (what `predictProba` returns): on the training rows,
 * the share of children with each score whose outcome was recorded
 * ("of the children who scored 3, 12% had a recorded outcome"), made
 * non-decreasing in the score by pooling adjacent scores that violate the
 * order (pool-adjacent-violators, i.e. isotonic regression weighted by the
 * number of children). A score never seen in training takes the linear
 * interpolation of its neighbours' probabilities (the end value beyond the
 * range). The mapping never reverses the score's ranking; scores pooled
 * together share one probability, because the training records showed no
 * difference between them. Reference for pooling: Barlow, Bartholomew,
 * Bremner & Brunk, *Statistical Inference under Order Restrictions* (1972).
 *
 * @example
 * const trap = await points().fit(train, random);            // TRAP flags, 1 point each
 * const card = await points({ mode: 'fitted' }).fit(train, random);
 * card.points; // [{ name: 'missing_episodes', points: 10 }, { name: 'drugs', points: 7 }, …]
 */
export interface PointsParams {
  /** `expert` (hand-set weights) or `fitted` (scorecard from logistic regression). Default: `expert`. */
  readonly mode?: 'expert' | 'fitted';
  /** Expert mode: points per named recorded flag. Default: 1 for each of `TRAP_FLAGS`. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Fitted mode: the features to turn into flags. Default: every feature except `age`. */
  readonly flags?: readonly string[];
  /** Fitted mode: points for the strongest flag (integer ≥ 1). Default: `10`. */
  readonly maxPoints?: number;
  /** Fitted mode: options for the logistic fit (see `LogisticParams`). Default: `{}` (no penalty). */
  readonly logistic?: LogisticParams;
}

/**
 * The TRAP factors (IICSA, *Child sexual exploitation by organised networks*,
 * H.7 §20) on the catalogue: sexual offences, violent offences, antisocial
 * behaviour, drugs, criminality with children, links to missing persons
 * (missing episodes), gang / organised-crime links, trafficking. The one list
 * lives with the catalogue it names.
 */
export { TRAP_FLAGS };

/** Points hyper-parameters with the defaults filled in (expert mode: `weights`; fitted mode: `flags` when given, `maxPoints`, `logistic`). */
export interface ResolvedPointsParams {
  readonly mode: 'expert' | 'fitted';
  readonly weights?: Readonly<Record<string, number>>;
  readonly flags?: readonly string[];
  readonly maxPoints?: number;
  readonly logistic?: ResolvedLogisticParams;
}

interface ResolvedPoints {
  readonly mode: 'expert' | 'fitted';
  readonly weights?: Readonly<Record<string, number>>;
  readonly flags?: readonly string[];
  readonly maxPoints: number;
  readonly logistic: ResolvedLogisticParams;
}

/** What `points(params).params` reports: the settings that apply in the chosen mode, defaults filled in. */
function publicParams(r: ResolvedPoints): ResolvedPointsParams {
  if (r.mode === 'expert') {
    return Object.freeze({ mode: r.mode, weights: Object.freeze(r.weights ?? Object.fromEntries(TRAP_FLAGS.map((name) => [name, 1]))) });
  }
  return Object.freeze({ mode: r.mode, ...(r.flags ? { flags: Object.freeze([...r.flags]) } : {}), maxPoints: r.maxPoints, logistic: r.logistic });
}

function resolvePointsParams(params: unknown): ResolvedPoints {
  const p = paramsObject('points', params, ['mode', 'weights', 'flags', 'maxPoints', 'logistic']);
  const mode = choiceParam('points', 'mode', p.mode, 'expert', ['expert', 'fitted'] as const);
  let weights: Record<string, number> | undefined;
  if (p.weights !== undefined) {
    if (p.weights === null || typeof p.weights !== 'object' || Array.isArray(p.weights) || Object.keys(p.weights).length === 0) {
      throw new RisklabError(messages.badParam('points', 'weights', 'an object of points per flag name, e.g. { drugs: 2 }', p.weights), 'points.weights');
    }
    weights = {};
    for (const [name, w] of Object.entries(p.weights as Record<string, unknown>)) {
      if (typeof w !== 'number' || !Number.isFinite(w)) {
        throw new RisklabError(messages.badParam('points', `weights.${name}`, 'a finite number of points', w), `points.weights.${name}`);
      }
      weights[name] = w;
    }
  }
  if (p.flags !== undefined && (!isStringArray(p.flags) || p.flags.length === 0)) {
    throw new RisklabError(messages.badParam('points', 'flags', 'a non-empty list of feature names', p.flags), 'points.flags');
  }
  if (mode === 'fitted' && weights !== undefined) {
    throw new RisklabError(messages.badParam('points', 'weights', "absent in mode 'fitted' (the fit sets the points)", p.weights), 'points.weights');
  }
  if (mode === 'expert' && p.flags !== undefined) {
    throw new RisklabError(messages.badParam('points', 'flags', "absent in mode 'expert' (name the flags in weights)", p.flags), 'points.flags');
  }
  return {
    mode,
    weights,
    flags: p.flags as readonly string[] | undefined,
    maxPoints: integerParam('points', 'maxPoints', p.maxPoints, 10, 1),
    logistic: resolveLogisticParams(p.logistic, 'points.logistic'),
  };
}

/** One flag's points. */
export interface FlagPoints {
  readonly name: string;
  readonly points: number;
}

/** One line of the score table: how many training children had the score, how many had a recorded outcome, and the probability given. */
export interface ScoreRow {
  readonly score: number;
  readonly children: number;
  readonly recorded: number;
  readonly probability: number;
}

/** A fitted `points` model. */
export interface FittedPoints extends FittedClassifier {
  readonly kind: 'points';
  readonly mode: 'expert' | 'fitted';
  readonly featureNames: readonly string[];
  /** The points per flag (flags with 0 points are left out). */
  readonly points: readonly FlagPoints[];
  /** Score → probability, from the training rows (see the module comment). */
  readonly scoreTable: readonly ScoreRow[];
  /** Fitted mode: the logistic coefficients the points were scaled from (name, coefficient). */
  readonly basis?: readonly { readonly name: string; readonly coefficient: number }[];
  readonly warnings: readonly string[];
  /** The raw additive score per row. */
  score(x: FeatureMatrix): Float64Array;
}

/** The saved form of a fitted `points` model. */
export interface PointsJson {
  readonly kind: 'points';
  readonly version: 1;
  readonly mode: 'expert' | 'fitted';
  readonly featureNames: string[];
  readonly points: FlagPoints[];
  readonly scoreTable: ScoreRow[];
  readonly basis?: { name: string; coefficient: number }[];
  readonly warnings: string[];
}

/** Additive score: Σ points over the flags present (value > 0). */
function scoreRows(x: FeatureMatrix, featureNames: readonly string[], flagPoints: readonly FlagPoints[]): Float64Array {
  const score = new Float64Array(x.nRows);
  for (const { name, points } of flagPoints) {
    const col = x.columns[featureNames.indexOf(name)];
    for (let i = 0; i < score.length; i++) if (col[i] > 0) score[i] += points;
  }
  return score;
}

/**
 * Pool adjacent violators: weighted isotonic (non-decreasing) fit of
 * `rate` with weights `weight`, both in score order.
 */
export function poolAdjacentViolators(rate: readonly number[], weight: readonly number[]): number[] {
  const blocks: { value: number; weight: number; size: number }[] = [];
  rate.forEach((r, k) => {
    blocks.push({ value: r, weight: weight[k], size: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].value > blocks[blocks.length - 1].value) {
      const b = blocks.pop()!;
      const a = blocks[blocks.length - 1];
      const total = a.weight + b.weight;
      a.value = (a.value * a.weight + b.value * b.weight) / total;
      a.weight = total;
      a.size += b.size;
    }
  });
  return blocks.flatMap((b) => new Array<number>(b.size).fill(b.value));
}

/** The score table on the training rows: distinct scores, counts, recorded outcomes, pooled probabilities. */
function buildScoreTable(score: Float64Array, yRecorded: Uint8Array): ScoreRow[] {
  const tally = new Map<number, { children: number; recorded: number }>();
  for (let i = 0; i < score.length; i++) {
    const t = tally.get(score[i]) ?? { children: 0, recorded: 0 };
    t.children++;
    t.recorded += yRecorded[i];
    tally.set(score[i], t);
  }
  const scores = [...tally.keys()].sort((a, b) => a - b);
  const rows = scores.map((s) => ({ score: s, ...tally.get(s)! }));
  const pooled = poolAdjacentViolators(
    rows.map((r) => r.recorded / r.children),
    rows.map((r) => r.children),
  );
  return rows.map((r, k) => ({ ...r, probability: pooled[k] }));
}

/** Probability for a score: the table's value, interpolated between neighbouring scores, clamped at the ends. */
function probabilityOf(table: readonly ScoreRow[], s: number): number {
  if (s <= table[0].score) return table[0].probability;
  const last = table[table.length - 1];
  if (s >= last.score) return last.probability;
  let lo = 0;
  let hi = table.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (table[mid].score <= s) lo = mid;
    else hi = mid;
  }
  const a = table[lo];
  const b = table[hi];
  if (s === a.score) return a.probability;
  return a.probability + ((s - a.score) / (b.score - a.score)) * (b.probability - a.probability);
}

function makeFitted(state: PointsJson): FittedPoints {
  const names = Object.freeze([...state.featureNames]);
  const table = Object.freeze(state.scoreTable.map((r) => Object.freeze({ ...r })));
  const flagPoints = Object.freeze(state.points.map((p) => Object.freeze({ ...p })));
  const score = (x: FeatureMatrix) => {
    checkFeatureNames('points', names, x);
    return scoreRows(x, names, flagPoints);
  };
  return Object.freeze({
    kind: 'points' as const,
    mode: state.mode,
    featureNames: names,
    points: flagPoints,
    scoreTable: table,
    basis: state.basis ? Object.freeze(state.basis.map((b) => Object.freeze({ ...b }))) : undefined,
    warnings: Object.freeze([...state.warnings]),
    score,
    predictProba(x: FeatureMatrix): Float64Array {
      const s = score(x);
      for (let i = 0; i < s.length; i++) s[i] = probabilityOf(table, s[i]);
      return s;
    },
    toJSON: () => structuredClone(state),
  });
}

/** Expert mode: check the weights' names against the features; default to the TRAP flags present. */
function expertPoints(x: FeatureMatrix, weights: Readonly<Record<string, number>> | undefined, warnings: string[]): FlagPoints[] {
  if (weights !== undefined) {
    return Object.entries(weights).map(([name, points]) => {
      if (!x.names.includes(name)) throw new RisklabError(messages.unknownFeature('points', 'weights', name, x.names), `points.weights.${name}`);
      return { name, points };
    });
  }
  const present = TRAP_FLAGS.filter((name) => x.names.includes(name));
  if (present.length === 0) {
    throw new RisklabError(messages.unknownFeature('points', 'weights', TRAP_FLAGS.join(', '), x.names), 'points.weights');
  }
  const missing = TRAP_FLAGS.filter((name) => !x.names.includes(name));
  if (missing.length > 0) warnings.push(`points: TRAP flags not among the features and left out: ${missing.join(', ')}`);
  return present.map((name) => ({ name, points: 1 }));
}

/** Fitted mode: logistic regression on the flags, coefficients scaled to integer points. */
function fittedPoints(train: TrainingSet, params: ResolvedPoints, warnings: string[]) {
  const { x } = train;
  const flags = params.flags ?? x.names.filter((name) => name !== 'age');
  const columns = flags.map((name) => {
    const j = x.names.indexOf(name);
    if (j < 0) throw new RisklabError(messages.unknownFeature('points', 'flags', name, x.names), 'points.flags');
    return x.columns[j].map((v) => (v > 0 ? 1 : 0));
  });
  const flagMatrix: FeatureMatrix = { nRows: x.nRows, names: flags, columns, rowIds: x.rowIds, source: 'records' };
  const fit = fitLogistic({ x: flagMatrix, yRecorded: train.yRecorded }, params.logistic, 'points');
  warnings.push(...fit.warnings);
  const basis = fit.coefficients.map((c) => ({ name: c.name, coefficient: c.coefficient }));
  const largest = Math.max(...basis.map((b) => Math.abs(b.coefficient)));
  if (!(largest > 0)) warnings.push('points: every fitted coefficient is 0, so every child scores 0');
  const flagPoints = basis
    .map((b) => ({ name: b.name, points: largest > 0 ? Math.round((params.maxPoints * b.coefficient) / largest) : 0 }))
    .map((p) => ({ ...p, points: p.points === 0 ? 0 : p.points })) // no -0 in saved files
    .filter((p) => p.points !== 0);
  return { flagPoints, basis };
}

/**
 * The `points` model factory. `params` on the result are resolved (the
 * default TRAP weights written out). Not seeded: `random` is accepted for the
 * contract and ignored.
 */
export function points(params: PointsParams = {}): Classifier<PointsParams> {
  const resolved = resolvePointsParams(params);
  return Object.freeze({
    kind: 'points',
    params: publicParams(resolved),
    fit: async (train: TrainingSet, _random: RandomSource): Promise<FittedPoints> => {
      assertTrainingSet('points', train);
      const warnings: string[] = [];
      const { flagPoints, basis } =
        resolved.mode === 'expert'
          ? { flagPoints: expertPoints(train.x, resolved.weights, warnings), basis: undefined }
          : fittedPoints(train, resolved, warnings);
      const scoreTable = buildScoreTable(scoreRows(train.x, train.x.names, flagPoints), train.yRecorded);
      return makeFitted({
        kind: 'points',
        version: 1,
        mode: resolved.mode,
        featureNames: [...train.x.names],
        points: flagPoints,
        scoreTable,
        ...(basis ? { basis } : {}),
        warnings,
      });
    },
  });
}

/** Reload a fitted `points` model from its `toJSON()` output. */
export function loadPoints(json: unknown): FittedPoints {
  const j = json as Partial<PointsJson> | null;
  jsonCheck('points', j !== null && typeof j === 'object' && j.kind === 'points', 'kind is not "points"');
  jsonCheck('points', j.version === 1, `unknown version ${String(j.version)}`);
  jsonCheck('points', j.mode === 'expert' || j.mode === 'fitted', 'mode must be expert or fitted');
  jsonCheck('points', isStringArray(j.featureNames), 'featureNames must be a list of names');
  const names = j.featureNames;
  jsonCheck(
    'points',
    Array.isArray(j.points) && j.points.every((p) => names.includes(p?.name) && Number.isFinite(p?.points)),
    'points must list { name, points } for known features',
  );
  jsonCheck(
    'points',
    Array.isArray(j.scoreTable) &&
      j.scoreTable.length > 0 &&
      isNumberArray(j.scoreTable.flatMap((r) => [r?.score, r?.probability, r?.children, r?.recorded])),
    'scoreTable must list { score, children, recorded, probability }',
  );
  return makeFitted({
    kind: 'points',
    version: 1,
    mode: j.mode,
    featureNames: names,
    points: j.points,
    scoreTable: j.scoreTable,
    ...(Array.isArray(j.basis) ? { basis: j.basis } : {}),
    warnings: isStringArray(j.warnings) ? j.warnings : [],
  });
}
