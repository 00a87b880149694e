/**
 * CPU of the tree grower on the lab's own tasks: the forest and boosting
 * models of `what-works` (council 1, 8,000 children a cohort) and
 * `bristol-mirroring` (think-family), each fitted as the experiment fits it
 * (its params, its first task's first fold), and a checksum of the test
 * scores so that a faster grower can be shown to give the same numbers.
 *
 *   npm run bench:trees [-- --repeats 3] [--only what-works]
 *
 * Prints, per experiment and model: the fit CPU seconds of this process
 * (median of `repeats` fits after one warm-up fit), and an FNV-1a hash of
 * the test scores' bytes (it must not change when the grower is made
 * faster). Also prints the recorded flags' densities (the share of training
 * rows with the flag set), which decide how much summing flags by their set
 * bits saves.
 */
import { loadExperimentInput } from '../src/io/experiment-files.js';
import { loadScenarioInput } from '../src/io/scenario-files.js';
import { drawCohorts } from '../src/experiment/stages/cohorts.js';
import { drawFolds } from '../src/experiment/stages/folds.js';
import { resolveExperiment, modelLabel } from '../src/experiment/resolve.js';
import { buildFeatures, buildTrainingSet } from '../src/models/features.js';
import { createModel } from '../src/models/registry.js';
import { binColumns, fitBinning } from '../src/models/tree/binning.js';
import type { TrainingSet } from '../src/models/types.js';

interface Row {
  readonly experiment: string;
  readonly model: string;
  readonly rows: number;
  readonly cpu: number;
  readonly hash: string;
}

function cpuSeconds(f: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  return Promise.resolve(f()).then(() => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  });
}

/** FNV-1a (32-bit) over the bytes of a Float64Array. */
function hashScores(scores: Float64Array): string {
  const bytes = new Uint8Array(scores.buffer, scores.byteOffset, scores.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Flags (two-bin features) of a training set and their densities. */
function flagDensities(train: TrainingSet): { flags: number; features: number; mean: number; setPerRow: number; min: number; max: number } {
  const binning = fitBinning(train.x, 255);
  const bins = binColumns(train.x, binning);
  const n = train.x.nRows;
  const densities: number[] = [];
  bins.forEach((column, j) => {
    if (binning.cuts[j].length !== 1) return;
    let s = 0;
    for (let i = 0; i < n; i++) s += column[i];
    densities.push(s / n);
  });
  const sum = densities.reduce((s, d) => s + d, 0);
  return {
    flags: densities.length,
    features: bins.length,
    mean: sum / Math.max(1, densities.length),
    setPerRow: sum,
    min: Math.min(...densities),
    max: Math.max(...densities),
  };
}

async function benchExperiment(name: string, repeats: number): Promise<Row[]> {
  const resolved = resolveExperiment(await loadExperimentInput(name), { loadPreset: (p) => loadScenarioInput(p) });
  const task = { index: 0, cell: 0, replicate: 0 };
  const cohorts = drawCohorts(resolved, task);
  const plan = drawFolds(resolved, task, cohorts);
  const fold = plan.folds[0];
  const features = { groups: resolved.experiment.includeGroups };
  const train = buildTrainingSet(cohorts.train.records, { ...features, rows: fold.train });
  const test = buildFeatures(cohorts.test.records, { ...features, rows: fold.test });
  const d = flagDensities(train);
  console.log(
    `${name}: ${train.x.nRows} training rows, ${d.features} features of which ${d.flags} flags; ` +
      `flag density mean ${d.mean.toFixed(3)} (min ${d.min.toFixed(3)}, max ${d.max.toFixed(3)}), ${d.setPerRow.toFixed(2)} flags set per row`,
  );
  const out: Row[] = [];
  for (const spec of resolved.experiment.models) {
    if (spec.name !== 'forest' && spec.name !== 'boosting') continue;
    const label = modelLabel(spec);
    const model = createModel(spec.name, spec.params, {});
    const random = () => cohorts.random.fork(`model:${label}`);
    await model.fit(train, random()); // warm-up (JIT)
    const cpus: number[] = [];
    let scores: Float64Array = new Float64Array(0);
    for (let r = 0; r < repeats; r++) {
      let fitted: Awaited<ReturnType<typeof model.fit>> | undefined;
      cpus.push(await cpuSeconds(async () => (fitted = await model.fit(train, random()))));
      scores = fitted!.predictProba(test);
    }
    cpus.sort((a, b) => a - b);
    out.push({ experiment: name, model: label, rows: train.x.nRows, cpu: cpus[cpus.length >> 1], hash: hashScores(scores) });
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const repeats = Number(at('--repeats') ?? 3);
  const only = at('--only');
  const names = ['what-works', 'bristol-mirroring'].filter((n) => only === undefined || n === only);
  const rows: Row[] = [];
  for (const name of names) rows.push(...(await benchExperiment(name, repeats)));
  console.log('\n| experiment | model | training rows | fit CPU s (median) | test-score hash |');
  console.log('| --- | --- | ---: | ---: | --- |');
  for (const r of rows) console.log(`| ${r.experiment} | ${r.model} | ${r.rows} | ${r.cpu.toFixed(3)} | ${r.hash} |`);
}

await main();
