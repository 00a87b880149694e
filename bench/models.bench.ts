/**
 * Speed of the models (issue 3). Run: `npm run bench:models`.
 *
 * On 100,000 training children from the lab's generator (default scenario and
 * catalogue: 32 recorded circumstances, age and the group attributes, 40
 * features), on one core, it times `fit` and `predictProba` (100,000 rows) for
 * logistic, points, forest (100 trees), boosting (200 rounds, early stopping
 * off so every round runs) and neural (10 epochs), and prints them against
 * the targets. The comparators run on sizes they can finish:
 * ml-logistic-regression (plain gradient descent) and ml-random-forest.
 *
 * Forest, boosting and ml-random-forest figures come from bench/models/trees.ts
 * (`benchForest`, `benchBoosting`, `benchMlRandomForest`; forest and boosting
 * fall back to the registry if it is absent). Neural comes from
 * bench/models/neural.ts (its own seeded record-like data, 40 features). The
 * AUC column is held out: 20,000 other children from the same scenario
 * (seed 2), against yRecorded.
 *
 * Options: `--rows N` (default 100000), `--quick` (skip the slow comparators),
 * `--strict` (exit 1 when a target is missed). Figures are also written to
 * bench/out/models.json (not committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createModel } from '../src/models/registry.js';
import type { TrainingSet } from '../src/models/types.js';
import { createRandom } from '../src/random/index.js';
import {
  benchLogistic,
  benchMlLogistic,
  benchPoints,
  labTrainingSet,
  median,
  rankAuc,
  timed,
  type BenchFigures,
  type HeldOut,
} from './models/linear.js';
import { benchNeural } from './models/neural.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const ROWS = option('--rows', 100_000);

/** Targets from the issue (seconds), for the full 100,000-row runs. */
const TARGETS: Record<string, { fit?: number; predict?: number }> = {
  logistic: { fit: 1, predict: 0.5 },
  'points (expert)': { predict: 0.5 },
  'points (fitted)': { predict: 0.5 },
  'forest (100 trees)': { fit: 15, predict: 0.5 },
  'boosting (200 rounds)': { fit: 15, predict: 0.5 },
  'neural (10 epochs)': { fit: 10, predict: 0.5 },
};

/** Fit once and predict three times through the registry (used when bench/models/trees.ts is absent). */
async function benchRegistry(label: string, name: string, params: unknown, train: TrainingSet, test: HeldOut, note: string): Promise<BenchFigures> {
  const fit = await timed(() => createModel(name, params).fit(train, createRandom(1).fork(`model:${name}`)));
  const predicts: number[] = [];
  for (let k = 0; k < 3; k++) predicts.push((await timed(() => fit.value.predictProba(train.x))).seconds);
  return {
    model: label,
    rows: train.x.nRows,
    features: train.x.names.length,
    fitSeconds: fit.seconds,
    predictSeconds: median(predicts),
    predictRows: train.x.nRows,
    auc: rankAuc(fit.value.predictProba(test.x), test.yRecorded),
    note,
  };
}

type TreesBench = {
  benchForest?: (o: { train: TrainingSet; test?: HeldOut }) => Promise<BenchFigures>;
  benchBoosting?: (o: { train: TrainingSet; test?: HeldOut }) => Promise<BenchFigures>;
  benchMlRandomForest?: (o: { train: TrainingSet; test?: HeldOut }) => Promise<BenchFigures[]>;
};

/** bench/models/trees.ts (the tree models' own bench functions), if present. */
async function treesBench(): Promise<TreesBench> {
  const path = './models/trees.js';
  try {
    return (await import(path)) as TreesBench;
  } catch {
    return {};
  }
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function verdict(f: BenchFigures): string {
  const t = TARGETS[f.model];
  if (!t || f.rows !== 100_000) return '';
  const fitOk = t.fit === undefined || f.fitSeconds <= t.fit;
  const predictOk = t.predict === undefined || f.predictSeconds <= t.predict;
  return fitOk && predictOk ? 'ok' : 'MISSED';
}

function printTable(rows: readonly BenchFigures[]): void {
  const header = ['model', 'rows × features', 'fit s', 'target', 'predict s', 'target', '', 'AUC', 'note'];
  const lines = rows.map((f) => {
    const t = TARGETS[f.model] ?? {};
    const full = f.rows === 100_000;
    return [
      f.model,
      `${f.rows.toLocaleString('en-GB')} × ${f.features}`,
      f.fitSeconds.toFixed(3),
      full && t.fit !== undefined ? `≤ ${t.fit}` : '—',
      f.predictSeconds.toFixed(3),
      full && t.predict !== undefined ? `≤ ${t.predict}` : '—',
      verdict(f),
      f.auc === undefined ? '—' : f.auc.toFixed(4),
      f.note,
    ];
  });
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  const numeric = new Set([2, 3, 4, 5, 7]);
  const render = (cells: string[]) => cells.map((c, j) => pad(c, j === cells.length - 1 ? 0 : widths[j], numeric.has(j))).join('  ');
  console.log(render(header));
  console.log(widths.map((w) => '-'.repeat(Math.max(w, 4))).join('  '));
  for (const l of lines) console.log(render(l));
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`bench:models — ${ROWS.toLocaleString('en-GB')} training children from the lab's generator (seed 1), one core, Node ${process.version}`);
  const train = labTrainingSet(ROWS);
  const test = labTrainingSet(20_000, 2);
  const figures: BenchFigures[] = [];
  const show = (f: BenchFigures | BenchFigures[]) => {
    for (const one of Array.isArray(f) ? f : [f]) {
      figures.push(one);
      console.log(`  ${one.model} on ${one.rows}: fit ${one.fitSeconds.toFixed(3)} s, predict ${one.predictSeconds.toFixed(3)} s`);
    }
  };
  show(await benchLogistic(train, test));
  show(await benchPoints(train, test));
  const trees = await treesBench();
  show(
    trees.benchForest
      ? await trees.benchForest({ train, test })
      : await benchRegistry('forest (100 trees)', 'forest', { nTrees: 100 }, train, test, 'registry defaults otherwise'),
  );
  show(
    trees.benchBoosting
      ? await trees.benchBoosting({ train, test })
      : await benchRegistry('boosting (200 rounds)', 'boosting', { rounds: 200, validationFraction: 0 }, train, test, 'early stopping off: all 200 rounds'),
  );
  const nn = await benchNeural({ rows: ROWS });
  show({
    model: 'neural (10 epochs)',
    rows: nn.rows,
    features: nn.features,
    fitSeconds: nn.fitSeconds,
    predictSeconds: nn.predictSeconds,
    predictRows: nn.rows,
    note: `engine ${nn.backend}, ${nn.epochsRun} epochs; bench/models/neural.ts data`,
  });
  if (!flag('--quick')) {
    show(await benchMlLogistic(train, 10_000, 500, 5e-4, test));
    show(await benchMlLogistic(train, ROWS, 10, 5e-4, test));
    if (trees.benchMlRandomForest) show(await trees.benchMlRandomForest({ train, test }));
    else console.log('  (ml-random-forest: bench/models/trees.ts not found)');
  }
  console.log('');
  printTable(figures);
  console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./out/models.json', import.meta.url), `${JSON.stringify({ rows: ROWS, node: process.version, figures }, null, 2)}\n`);
  if (flag('--strict') && figures.some((f) => verdict(f) === 'MISSED')) process.exitCode = 1;
}

await main();
