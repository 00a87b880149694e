/**
 * Speed of the linear models (`logistic`, `points`) and of the
 * `ml-logistic-regression` comparator, on data from the lab's own generator.
 *
 * Called by bench/models.bench.ts; run alone with
 *   npx tsx bench/models/linear.ts [rows]
 */
// @ts-expect-error — ml-logistic-regression 2.0 ships no type declarations; its shape is typed below.
import UntypedLogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { buildTrainingSet } from '../../src/models/features.js';
import { logistic, type FittedLogistic } from '../../src/models/logistic.js';
import { points } from '../../src/models/points.js';
import type { TrainingSet } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { resolveScenario } from '../../src/scenario/index.js';

/** The part of ml-logistic-regression 2.0's API used here. */
interface MlLogisticRegression {
  train(x: Matrix, y: Matrix): void;
  readonly classifiers: readonly { testScores(x: Matrix): number[] }[];
}
const LogisticRegression = UntypedLogisticRegression as new (options: { numSteps: number; learningRate: number }) => MlLogisticRegression;

/** One line of the bench table. */
export interface BenchFigures {
  readonly model: string;
  readonly rows: number;
  readonly features: number;
  /** Wall-clock seconds of one fit (median of `repeats` when repeated). */
  readonly fitSeconds: number;
  /** Wall-clock seconds of predictProba on `predictRows` rows (median of 3). */
  readonly predictSeconds: number;
  readonly predictRows: number;
  /** Held-out AUC against yRecorded, when a held-out set was given. */
  readonly auc?: number;
  readonly note: string;
}

/** Held-out children to score AUC on. */
export interface HeldOut {
  readonly x: TrainingSet['x'];
  readonly yRecorded: Uint8Array;
}

/** AUC by the rank-sum formula with average ranks for ties (as scikit-learn's roc_auc_score). */
export function rankAuc(scores: ArrayLike<number>, yRecorded: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      if (yRecorded[order[k]] === 1) {
        rankSum += (i + j) / 2 + 1;
        positives++;
      }
    }
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * (n - positives));
}

/**
 * `rows` children from the lab's generator (default scenario, default
 * catalogue of 32 circumstances, seed `seed`), as a training set with every
 * recorded circumstance, age and the group attributes (≈ 40 features).
 */
export function labTrainingSet(rows: number, seed = 1): TrainingSet {
  const scenario = resolveScenario({ seed, population: { size: rows } });
  const { records } = simulateCohort(scenario, 1);
  return buildTrainingSet(records, { groups: true });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Seconds taken by `f`, and its result. */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { seconds: (performance.now() - t) / 1000, value };
}

/** Fit `repeats` times (after one warm-up) and predict three times; medians. */
async function benchClassifier(
  name: string,
  make: () => { fit: (t: TrainingSet, r: ReturnType<typeof createRandom>) => Promise<{ predictProba: (x: TrainingSet['x']) => Float64Array }> },
  train: TrainingSet,
  repeats: number,
  note: (fitted: unknown) => string,
  test?: HeldOut,
): Promise<BenchFigures> {
  const random = createRandom(1).fork(`model:${name}`);
  let fitted = await make().fit(train, random); // warm-up (JIT)
  const fits: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const run = await timed(() => make().fit(train, random));
    fits.push(run.seconds);
    fitted = run.value;
  }
  const predicts: number[] = [];
  for (let k = 0; k < 3; k++) predicts.push((await timed(() => fitted.predictProba(train.x))).seconds);
  return {
    model: name,
    rows: train.x.nRows,
    features: train.x.names.length,
    fitSeconds: median(fits),
    predictSeconds: median(predicts),
    predictRows: train.x.nRows,
    auc: test ? rankAuc(fitted.predictProba(test.x), test.yRecorded) : undefined,
    note: note(fitted),
  };
}

/** `logistic` with default settings (no penalty, standardised, tol 1e-8). */
export function benchLogistic(train: TrainingSet, test?: HeldOut): Promise<BenchFigures> {
  const note = (f: unknown) => {
    const fitted = f as FittedLogistic;
    return `${fitted.iterations} Newton steps, converged ${fitted.converged}${fitted.warnings.length ? `; ${fitted.warnings.length} warnings` : ''}`;
  };
  return benchClassifier('logistic', () => logistic(), train, 3, note, test);
}

/** `points` in expert (TRAP) and fitted (scorecard) modes. */
export async function benchPoints(train: TrainingSet, test?: HeldOut): Promise<BenchFigures[]> {
  return [
    await benchClassifier('points (expert)', () => points(), train, 3, () => 'TRAP flags, 1 point each', test),
    await benchClassifier('points (fitted)', () => points({ mode: 'fitted' }), train, 3, () => 'scorecard from a logistic fit on the flags', test),
  ];
}

/** Standardised features with a leading column of ones, as ml-logistic-regression needs (it fits no intercept). */
function mlMatrix(train: TrainingSet, rows: number, apply?: HeldOut): Matrix {
  const n = rows;
  const z = train.x.columns.map((c) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i];
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c[i] - m) ** 2;
    const s = Math.sqrt(ss / n) || 1;
    return { c, m, s };
  });
  if (apply) {
    const cols = apply.x.columns;
    return new Matrix(Array.from({ length: apply.x.nRows }, (_, i) => [1, ...z.map(({ m, s }, j) => (cols[j][i] - m) / s)]));
  }
  return new Matrix(Array.from({ length: n }, (_, i) => [1, ...z.map(({ c, m, s }) => (c[i] - m) / s)]));
}

/**
 * `ml-logistic-regression` 2.0 (plain gradient descent on the summed
 * gradient; one classifier per class, so two for a 0/1 label) on the first
 * `rows` training rows, standardised so it can converge at all, for `steps`
 * steps. The note gives its log-likelihood gap to our exact fit on the same
 * rows: how far from the maximum it still is.
 */
export async function benchMlLogistic(train: TrainingSet, rows: number, steps: number, learningRate = 5e-4, test?: HeldOut): Promise<BenchFigures> {
  const subset: TrainingSet = {
    x: { ...train.x, nRows: rows, columns: train.x.columns.map((c) => c.subarray(0, rows)), rowIds: train.x.rowIds.subarray(0, rows) },
    yRecorded: train.yRecorded.subarray(0, rows),
  };
  const X = mlMatrix(subset, rows);
  const Y = Matrix.columnVector(Array.from(subset.yRecorded));
  const model = new LogisticRegression({ numSteps: steps, learningRate });
  const fit = await timed(() => model.train(X, Y));
  const predict = await timed(() => model.classifiers[0].testScores(X));
  const exact = (await logistic().fit(subset, createRandom(1))) as FittedLogistic;
  const scores = predict.value;
  let ll = 0;
  for (let i = 0; i < rows; i++) ll += subset.yRecorded[i] ? Math.log(scores[i]) : Math.log(1 - scores[i]);
  const perStep = fit.seconds / steps / 2;
  return {
    model: 'ml-logistic-regression',
    rows,
    features: train.x.names.length,
    fitSeconds: fit.seconds,
    predictSeconds: predict.seconds,
    predictRows: rows,
    auc: test ? rankAuc(model.classifiers[0].testScores(mlMatrix(subset, rows, test)), test.yRecorded) : undefined,
    note:
      `${steps} gradient steps × 2 classifiers (${(perStep * 1000).toFixed(1)} ms a step each); ` +
      `log-likelihood ${ll.toFixed(1)} vs exact ${exact.logLikelihood.toFixed(1)}`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 100_000);
  const train = labTrainingSet(rows);
  const test = labTrainingSet(20_000, 2);
  for (const f of [await benchLogistic(train, test), ...(await benchPoints(train, test))]) {
    console.log(`${f.model}: ${f.rows} × ${f.features}: fit ${f.fitSeconds.toFixed(3)} s, predict ${f.predictSeconds.toFixed(3)} s, AUC ${f.auc?.toFixed(4)} — ${f.note}`);
  }
}
