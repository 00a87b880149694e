import type { RandomSource } from '../random/index.js';
import { TRAP_FLAGS } from '../scenario/catalogue.js';
import { messages, modelMessages, RisklabError } from '../messages.js';
import { reasonRows, rowReasons, type Reasons, type ReasonsOptions } from './reasons.js';
import { loadSaved, savedModel, type SavedFormat, type SavedModel, type StateReader } from './envelope.js';
import { assertTrainingSet, checkFeatureNames } from './features.js';
import { fitLogistic, LOGISTIC_PARAMS, type ResolvedLogisticParams } from './logistic.js';
import {
  choice,
  classWeightField,
  classWeights,
  defineParams,
  integer,
  isUnweighted,
  nested,
  numberRecord,
  stringList,
  type ClassWeight,
  type ParamsInput,
} from './params.js';
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
/** One point for each TRAP flag: the default expert weights. */
const TRAP_WEIGHTS: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(TRAP_FLAGS.map((name) => [name, 1])));

/** The hyper-parameters of `points`, each with its default; the fitted-mode options are refused in expert mode and vice versa. */
export const POINTS_PARAMS = defineParams(
  'points',
  {
    mode: choice(['expert', 'fitted'], { default: 'expert', doc: '`expert` (hand-set weights) or `fitted` (a scorecard from logistic regression).' }),
    weights: numberRecord({
      default: undefined,
      expected: 'an object of points per flag name, e.g. { drugs: 2 }',
      entry: 'a finite number of points',
      doc: 'Expert mode: points per named recorded flag. Default: 1 for each of `TRAP_FLAGS` (those not among the features are left out with a warning).',
    }),
    flags: stringList({ default: undefined, expected: 'a non-empty list of feature names', doc: 'Fitted mode: the features to turn into flags. Default: every feature except `age`.' }),
    maxPoints: integer({ default: 10, min: 1, doc: 'Fitted mode: points for the strongest flag.' }),
    logistic: nested(LOGISTIC_PARAMS, { doc: 'Fitted mode: options of the logistic fit on the flags (default: no penalty).' }),
    /**
     * Fitted mode: class weights of the logistic fit (so the points) and of
     * the score table (each score's probability is then the class-weighted
     * share of recorded outcomes, as the rebalanced training data would give:
     * not calibrated to the base rate).
     */
    classWeight: classWeightField('Fitted mode: weight of each training row by its recorded class (see `ClassWeight`).'),
  },
  {
    check: (v, given, fail) => {
      if (v.mode === 'fitted' && v.weights !== undefined) fail('weights', "absent in mode 'fitted' (the fit sets the points)", v.weights);
      if (v.logistic.classWeight !== 'none') fail('logistic.classWeight', "'none' (give points.params.classWeight instead)", v.logistic.classWeight);
      for (const key of ['flags', 'maxPoints', 'logistic', 'classWeight'] as const) {
        if (v.mode === 'expert' && given.has(key)) fail(key, "absent in mode 'expert' (it sets the fitted mode; name the flags and their points in weights)", v[key]);
      }
    },
    normalise: (v): ResolvedPointsParams =>
      v.mode === 'expert'
        ? { mode: 'expert', weights: v.weights ?? TRAP_WEIGHTS }
        : { mode: 'fitted', ...(v.flags ? { flags: v.flags } : {}), maxPoints: v.maxPoints, logistic: v.logistic, classWeight: v.classWeight },
  },
);

/** What `points(…)` accepts. */
export type PointsParams = ParamsInput<typeof POINTS_PARAMS>;

/** Points hyper-parameters with the defaults filled in: in expert mode the weights (the default TRAP weights written out), in fitted mode `flags` when given, `maxPoints` and the logistic options. */
export type ResolvedPointsParams =
  | { readonly mode: 'expert'; readonly weights: Readonly<Record<string, number>> }
  | {
      readonly mode: 'fitted';
      readonly flags?: readonly string[];
      readonly maxPoints: number;
      readonly logistic: ResolvedLogisticParams;
      readonly classWeight: ClassWeight;
    };

/**
 * The TRAP factors (IICSA, *Child sexual exploitation by organised networks*,
 * H.7 §20) on the catalogue: sexual offences, violent offences, antisocial
 * behaviour, drugs, criminality with children, links to missing persons
 * (missing episodes), gang / organised-crime links, trafficking. The one list
 * lives with the catalogue it names.
 */
export { TRAP_FLAGS };

/** Whether `weights` are the default TRAP weights (then flags absent from the features are left out with a warning, not refused). */
function isTrapDefault(weights: Readonly<Record<string, number>>): boolean {
  const names = Object.keys(weights);
  return names.length === TRAP_FLAGS.length && TRAP_FLAGS.every((name) => weights[name] === 1);
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
  readonly params: ResolvedPointsParams;
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

/** The saved state of a fitted `points` model (inside the envelope; the mode is in its params). */
export interface PointsState {
  readonly featureNames: string[];
  readonly points: FlagPoints[];
  readonly scoreTable: ScoreRow[];
  /** Fitted mode only (null in expert mode). */
  readonly basis: { name: string; coefficient: number }[] | null;
  readonly warnings: string[];
}

/** The saved form of a fitted `points` model: the envelope around `PointsState`. */
export type PointsJson = SavedModel<PointsState>;

const KIND = 'points';
const VERSION = 1;

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

/**
 * The score table on the training rows: distinct scores, counts, recorded
 * outcomes, pooled probabilities. With class weights [w₀, w₁] each score's
 * share is w₁·recorded / (w₁·recorded + w₀·(children − recorded)) and the
 * pooling weighs scores by w₁·recorded + w₀·(children − recorded).
 */
function buildScoreTable(score: Float64Array, yRecorded: Uint8Array, weight: Float64Array | null): ScoreRow[] {
  const tally = new Map<number, { children: number; recorded: number }>();
  for (let i = 0; i < score.length; i++) {
    const t = tally.get(score[i]) ?? { children: 0, recorded: 0 };
    t.children++;
    t.recorded += yRecorded[i];
    tally.set(score[i], t);
  }
  const scores = [...tally.keys()].sort((a, b) => a - b);
  const rows = scores.map((s) => ({ score: s, ...tally.get(s)! }));
  const mass = (r: { children: number; recorded: number }) => (weight === null ? r.children : weight[1] * r.recorded + weight[0] * (r.children - r.recorded));
  const pooled = poolAdjacentViolators(
    rows.map((r) => (weight === null ? r.recorded / r.children : (weight[1] * r.recorded) / mass(r))),
    rows.map(mass),
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

function makeFitted(params: ResolvedPointsParams, state: PointsState): FittedPoints {
  const names = Object.freeze([...state.featureNames]);
  const table = Object.freeze(state.scoreTable.map((r) => Object.freeze({ ...r })));
  const flagPoints = Object.freeze(state.points.map((p) => Object.freeze({ ...p })));
  const score = (x: FeatureMatrix) => {
    checkFeatureNames('points', names, x);
    return scoreRows(x, names, flagPoints);
  };
  return Object.freeze({
    kind: 'points' as const,
    params,
    mode: params.mode,
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
    /** Reasons on the points scale: the flags that scored and their points (base 0; they add up to the score exactly). */
    reasons(x: FeatureMatrix, rows: ArrayLike<number>, options?: ReasonsOptions): Reasons {
      checkFeatureNames(KIND, names, x);
      const list = reasonRows(KIND, x, rows);
      const at = flagPoints.map((p) => names.indexOf(p.name));
      return Object.freeze({
        available: true as const,
        scale: 'points' as const,
        method: modelMessages.reasonMethod.points,
        rows: list.map((r) => {
          const contribution = new Float64Array(names.length);
          let total = 0;
          flagPoints.forEach((p, k) => {
            if (x.columns[at[k]][r] > 0) {
              contribution[at[k]] = p.points;
              total += p.points;
            }
          });
          return rowReasons(x, r, total, 0, contribution, options);
        }),
      });
    },
    toJSON: () => savedModel(KIND, VERSION, params, structuredClone(state)),
  });
}

/** Expert mode: check the weights' names against the features; default to the TRAP flags present. */
function expertPoints(x: FeatureMatrix, weights: Readonly<Record<string, number>>, warnings: string[]): FlagPoints[] {
  if (!isTrapDefault(weights)) {
    return Object.entries(weights).map(([name, points]) => {
      if (!x.names.includes(name)) throw new RisklabError(messages.unknownFeature('points', 'params.weights', name, x.names), `points.params.weights.${name}`);
      return { name, points };
    });
  }
  const present = TRAP_FLAGS.filter((name) => x.names.includes(name));
  if (present.length === 0) {
    throw new RisklabError(messages.unknownFeature('points', 'params.weights', TRAP_FLAGS.join(', '), x.names), 'points.params.weights');
  }
  const missing = TRAP_FLAGS.filter((name) => !x.names.includes(name));
  if (missing.length > 0) warnings.push(`points: TRAP flags not among the features and left out: ${missing.join(', ')}`);
  return present.map((name) => ({ name, points: 1 }));
}

/** Fitted mode: logistic regression on the flags, coefficients scaled to integer points. */
function fittedPoints(train: TrainingSet, params: Extract<ResolvedPointsParams, { mode: 'fitted' }>, warnings: string[]) {
  const { x } = train;
  const flags = params.flags ?? x.names.filter((name) => name !== 'age');
  const columns = flags.map((name) => {
    const j = x.names.indexOf(name);
    if (j < 0) throw new RisklabError(messages.unknownFeature('points', 'params.flags', name, x.names), 'points.params.flags');
    return x.columns[j].map((v) => (v > 0 ? 1 : 0));
  });
  const flagMatrix: FeatureMatrix = { nRows: x.nRows, names: flags, columns, rowIds: x.rowIds, source: 'records' };
  const fit = fitLogistic({ x: flagMatrix, yRecorded: train.yRecorded }, { ...params.logistic, classWeight: params.classWeight }, 'points');
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
export function points(params: PointsParams = {}): Classifier<ResolvedPointsParams> {
  const resolved = POINTS_PARAMS.resolve(params);
  return Object.freeze({
    kind: KIND,
    params: resolved,
    fit: async (train: TrainingSet, _random: RandomSource): Promise<FittedPoints> => {
      assertTrainingSet(KIND, train);
      const warnings: string[] = [];
      const { flagPoints, basis } =
        resolved.mode === 'expert'
          ? { flagPoints: expertPoints(train.x, resolved.weights, warnings), basis: null }
          : fittedPoints(train, resolved, warnings);
      const cw = resolved.mode === 'fitted' ? resolved.classWeight : 'none';
      const weight = isUnweighted(cw) ? null : classWeights(cw, train.yRecorded);
      const scoreTable = buildScoreTable(scoreRows(train.x, train.x.names, flagPoints), train.yRecorded, weight);
      return makeFitted(resolved, { featureNames: [...train.x.names], points: flagPoints, scoreTable, basis, warnings });
    },
  });
}

/** Read a saved state back (the envelope is checked by `loadSaved`). */
function readState(state: StateReader, params: ResolvedPointsParams): FittedPoints {
  const featureNames = state.strings('featureNames');
  const flagPoints = state.list('points');
  if (!flagPoints.every((p) => isNamedNumber(p, 'points') && featureNames.includes(p.name))) {
    state.bad('points', 'must list { name, points } for features the model was fitted on');
  }
  const table = state.list('scoreTable');
  const fields = ['score', 'children', 'recorded', 'probability'] as const;
  const rowOk = (r: unknown) => r !== null && typeof r === 'object' && fields.every((f) => Number.isFinite((r as Record<string, unknown>)[f]));
  if (table.length === 0 || !table.every(rowOk)) state.bad('scoreTable', 'must list { score, children, recorded, probability }, one row per score');
  const basis = state.raw('basis');
  if (!(basis === null || (Array.isArray(basis) && basis.every((b) => isNamedNumber(b, 'coefficient'))))) {
    state.bad('basis', 'must be null or a list of { name, coefficient }');
  }
  return makeFitted(params, {
    featureNames,
    points: flagPoints as FlagPoints[],
    scoreTable: table as ScoreRow[],
    basis: basis as PointsState['basis'],
    warnings: state.strings('warnings'),
  });
}

function isNamedNumber(value: unknown, key: string): value is { name: string } {
  const v = value as Record<string, unknown> | null;
  return v !== null && typeof v === 'object' && typeof v.name === 'string' && Number.isFinite(v[key]);
}

/** How a fitted `points` model is saved and read back. */
export const POINTS_FORMAT: SavedFormat<ResolvedPointsParams, FittedPoints> = {
  kind: KIND,
  version: VERSION,
  params: POINTS_PARAMS,
  read: readState,
};

/** Reload a fitted `points` model from its `toJSON()` output. */
export function loadPoints(json: unknown): FittedPoints {
  return loadSaved(POINTS_FORMAT, json, undefined);
}
