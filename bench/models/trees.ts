/**
 * Speed (and held-out AUC) of the tree ensembles, `forest` and `boosting`,
 * and of the `ml-random-forest` 2.1 comparator on sizes it can finish.
 *
 * Called by bench/models.bench.ts (`benchForest`, `benchBoosting`,
 * `benchMlRandomForest`, each given `{ train }`); run alone with
 *
 *   npx tsx bench/models/trees.ts [--rows 100000] [--synthetic] [--quick]
 *
 * which makes seeded data (the lab's generator, default scenario; or with
 * `--synthetic` the tree tests' record-like generator, 40 features, 5 %
 * prevalence), fits on `rows` children, predicts as many, scores a held-out
 * set and prints a table. Times are wall-clock seconds (what the targets are
 * about) and, beside them, CPU seconds of this process (less disturbed by
 * other work on a shared machine).
 */
import { RandomForestClassifier } from 'ml-random-forest';
import { boosting, type BoostingParams, type FittedBoosting } from '../../src/models/boosting.js';
import { forest, type FittedForest, type ForestParams } from '../../src/models/forest.js';
import { leafCount, treeDepth } from '../../src/models/tree/tree.js';
import type { Classifier, FeatureMatrix, TrainingSet } from '../../src/models/types.js';
import { createRandom } from '../../src/random/index.js';
import { aucOf } from '../../tests/fixtures/models/trees/auc.js';
import { sliceRows, syntheticChildren } from '../../tests/fixtures/models/trees/synthetic.js';
import { labTrainingSet, median, type BenchFigures } from './linear.js';

/** Bench figures of a tree model: the shared columns plus CPU time, AUC and tree sizes. */
export interface TreeBenchFigures extends BenchFigures {
  /** CPU seconds (user + system) of the fit. */
  readonly fitCpuSeconds: number;
  /** CPU seconds of one predictProba (median of 3). */
  readonly predictCpuSeconds: number;
  /** Held-out AUC against yRecorded, when a held-out set was given. */
  readonly auc?: number;
  /** Trees kept, mean leaves and mean depth per tree. */
  readonly trees: number;
  readonly meanLeaves: number;
  readonly meanDepth: number;
}

/** Options of every bench function here. */
export interface TreeBenchOptions {
  /** Training children. */
  readonly train: TrainingSet;
  /** Held-out children to score AUC on (optional). */
  readonly test?: { readonly x: FeatureMatrix; readonly yRecorded: Uint8Array };
  /** Seed of the model's random stream. Default 1. */
  readonly seed?: number;
}

interface Timing<T> {
  readonly value: T;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** Wall-clock and CPU seconds of `f`. */
async function measure<T>(f: () => T | Promise<T>): Promise<Timing<T>> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The first `rows` rows of a training set. */
export function headRows(train: TrainingSet, rows: number): TrainingSet {
  return { x: sliceRows(train.x, 0, rows), yRecorded: train.yRecorded.slice(0, rows) };
}

/** Fit once (after a small warm-up fit for the JIT), predict the training rows three times, score the held-out set. */
async function benchTreeModel(
  label: string,
  make: () => Classifier<unknown>,
  options: TreeBenchOptions,
  note: string,
): Promise<TreeBenchFigures> {
  const { train, test } = options;
  const random = createRandom(options.seed ?? 1).fork(`model:${label}`);
  const warm = await make().fit(headRows(train, Math.min(5000, train.x.nRows)), random);
  warm.predictProba(sliceRows(train.x, 0, Math.min(5000, train.x.nRows)));
  const fit = await measure(() => make().fit(train, random));
  const fitted = fit.value as FittedForest | FittedBoosting;
  const predicts: Timing<Float64Array>[] = [];
  for (let k = 0; k < 3; k++) predicts.push(await measure(() => fitted.predictProba(train.x)));
  const trees = fitted.trees;
  return {
    model: label,
    rows: train.x.nRows,
    features: train.x.names.length,
    fitSeconds: fit.seconds,
    predictSeconds: median(predicts.map((p) => p.seconds)),
    predictRows: train.x.nRows,
    fitCpuSeconds: fit.cpuSeconds,
    predictCpuSeconds: median(predicts.map((p) => p.cpuSeconds)),
    auc: test ? aucOf(fitted.predictProba(test.x), test.yRecorded) : undefined,
    trees: trees.length,
    meanLeaves: trees.reduce((s, t) => s + leafCount(t), 0) / trees.length,
    meanDepth: trees.reduce((s, t) => s + treeDepth(t), 0) / trees.length,
    note,
  };
}

/**
 * `forest` with 100 trees (defaults otherwise, or `params`): fit on
 * `train`, predict as many rows. Target (issue 3, 100,000 rows, one core):
 * fit ≤ 15 s, predict ≤ 0.5 s.
 */
export function benchForest(options: TreeBenchOptions & { readonly params?: Partial<ForestParams> }): Promise<TreeBenchFigures> {
  const params = { nTrees: 100, ...options.params };
  return benchTreeModel(`forest (${params.nTrees} trees)`, () => forest(params) as Classifier<unknown>, options, describeParams(params));
}

/**
 * `boosting` with 200 rounds and early stopping off (so every round runs;
 * defaults otherwise, or `params`). Target: fit ≤ 15 s, predict ≤ 0.5 s.
 */
export function benchBoosting(
  options: TreeBenchOptions & { readonly params?: Partial<BoostingParams> },
): Promise<TreeBenchFigures> {
  const params = { rounds: 200, validationFraction: 0, ...options.params };
  const note = params.validationFraction === 0 ? 'early stopping off: all rounds run' : describeParams(params);
  return benchTreeModel(`boosting (${params.rounds} rounds)`, () => boosting(params) as Classifier<unknown>, options, note);
}

function describeParams(params: object): string {
  const text = Object.entries(params)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return text ? `${text}; defaults otherwise` : 'defaults';
}

/** ml-random-forest's classifier, as far as used here. */
type MlForest = InstanceType<typeof RandomForestClassifier>;

/**
 * `ml-random-forest` 2.1 (RandomForestClassifier, its default tree options:
 * gainThreshold 0.01, minNumSamples 3; √d features per tree, bagging) on the
 * first `sizes` rows of `train`, with `trees` trees, beside our `forest`
 * (100 trees) on the same rows. AUC is scored on `test` if given, else on the
 * last 20,000 rows of `train` (never used for fitting here).
 *
 * The point: with its defaults ml-random-forest grows a single leaf on a 5 %
 * outcome (AUC 0.50), and its fit time per tree grows steeply with rows.
 */
export async function benchMlRandomForest(
  options: TreeBenchOptions & { readonly sizes?: readonly number[]; readonly trees?: readonly number[] },
): Promise<TreeBenchFigures[]> {
  const { train } = options;
  const sizes = options.sizes ?? [2000, 8000];
  const treeCounts = options.trees ?? [10, 3];
  const heldOut = options.test ?? {
    x: sliceRows(train.x, Math.max(0, train.x.nRows - 20_000), train.x.nRows),
    yRecorded: train.yRecorded.slice(Math.max(0, train.x.nRows - 20_000)),
  };
  const out: TreeBenchFigures[] = [];
  for (let s = 0; s < sizes.length; s++) {
    const rows = sizes[s];
    const nTrees = treeCounts[Math.min(s, treeCounts.length - 1)];
    const small = headRows(train, rows);
    const d = small.x.names.length;
    const matrix = toRows(small.x);
    const model: MlForest = new RandomForestClassifier({
      nEstimators: nTrees,
      maxFeatures: Math.floor(Math.sqrt(d)) / d,
      replacement: true,
      useSampleBagging: true,
      seed: 1,
      noOOB: true,
    } as ConstructorParameters<typeof RandomForestClassifier>[0]);
    const fit = await measure(() => model.train(matrix, Array.from(small.yRecorded)));
    const predictRows = toRows(small.x);
    const predict = await measure(() => model.predictProbability(predictRows, 1));
    const heldOutScores = model.predictProbability(toRows(heldOut.x), 1);
    const leaves = (model.estimators ?? []).map((e) => countMlLeaves((e as unknown as { root: MlNode }).root));
    out.push({
      model: `ml-random-forest (${nTrees} trees)`,
      rows,
      features: d,
      fitSeconds: fit.seconds,
      predictSeconds: predict.seconds,
      predictRows: rows,
      fitCpuSeconds: fit.cpuSeconds,
      predictCpuSeconds: predict.cpuSeconds,
      auc: aucOf(heldOutScores, heldOut.yRecorded),
      trees: nTrees,
      meanLeaves: leaves.reduce((a, b) => a + b, 0) / Math.max(1, leaves.length),
      meanDepth: NaN,
      note: `${(fit.seconds / nTrees).toFixed(2)} s a tree at ${rows.toLocaleString('en-GB')} rows; default tree options`,
    });
    out.push(await benchForest({ train: small, test: heldOut, seed: options.seed }));
  }
  return out;
}

interface MlNode {
  left?: MlNode;
  right?: MlNode;
}

function countMlLeaves(node: MlNode | undefined): number {
  if (!node) return 0;
  if (!node.left && !node.right) return 1;
  return countMlLeaves(node.left) + countMlLeaves(node.right);
}

function toRows(x: FeatureMatrix): number[][] {
  return Array.from({ length: x.nRows }, (_, i) => x.columns.map((c) => c[i]));
}

/** Seeded data for the standalone run: `rows` to fit and `rows` held out. */
function benchData(rows: number, synthetic: boolean): { train: TrainingSet; test: TrainingSet; source: string } {
  if (synthetic) {
    const data = syntheticChildren(createRandom(1).fork('bench:trees'), { nRows: 2 * rows });
    const train = { x: sliceRows(data.x, 0, rows), yRecorded: data.yRecorded.slice(0, rows) };
    const test = { x: sliceRows(data.x, rows, 2 * rows), yRecorded: data.yRecorded.slice(rows) };
    return { train, test, source: 'tests/fixtures/models/trees/synthetic.ts (seed 1)' };
  }
  return {
    train: labTrainingSet(rows, 1),
    test: labTrainingSet(rows, 2),
    source: "the lab's generator, default scenario (seed 1 to fit, seed 2 held out)",
  };
}

function printTable(figures: readonly TreeBenchFigures[]): void {
  const header = ['model', 'rows × features', 'fit s', 'fit cpu s', 'predict s', 'predict cpu s', 'AUC', 'trees', 'leaves', 'depth', 'note'];
  const lines = figures.map((f) => [
    f.model,
    `${f.rows.toLocaleString('en-GB')} × ${f.features}`,
    f.fitSeconds.toFixed(3),
    f.fitCpuSeconds.toFixed(3),
    f.predictSeconds.toFixed(3),
    f.predictCpuSeconds.toFixed(3),
    f.auc === undefined ? '—' : f.auc.toFixed(4),
    String(f.trees),
    f.meanLeaves.toFixed(1),
    Number.isNaN(f.meanDepth) ? '—' : f.meanDepth.toFixed(1),
    f.note,
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  const render = (cells: string[]) =>
    cells.map((c, j) => (j === cells.length - 1 ? c : j === 0 || j === 1 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  console.log(render(header));
  for (const line of lines) console.log(render(line));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const k = args.indexOf('--rows');
  const rows = k >= 0 ? Number(args[k + 1]) : 100_000;
  const { train, test, source } = benchData(rows, args.includes('--synthetic'));
  console.log(`bench/models/trees.ts — ${rows.toLocaleString('en-GB')} rows × ${train.x.names.length} features from ${source}`);
  const prevalence = train.yRecorded.reduce((s, v) => s + v, 0) / rows;
  console.log(`yRecorded prevalence ${(100 * prevalence).toFixed(2)} %; Node ${process.version}; one thread\n`);
  const figures: TreeBenchFigures[] = [];
  const run = async (f: Promise<TreeBenchFigures | TreeBenchFigures[]>) => {
    for (const one of [await f].flat()) {
      figures.push(one);
      console.log(`  ${one.model} on ${one.rows}: fit ${one.fitSeconds.toFixed(2)} s, predict ${one.predictSeconds.toFixed(3)} s, AUC ${one.auc?.toFixed(4)}`);
    }
  };
  await run(benchForest({ train, test }));
  await run(benchBoosting({ train, test }));
  await run(benchBoosting({ train, test, params: { rounds: 200, validationFraction: 0.1 } }));
  if (!args.includes('--quick')) await run(benchMlRandomForest({ train, test }));
  console.log('');
  printTable(figures);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
