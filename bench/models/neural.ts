/**
 * Speed of the `neural` model: fit (10 epochs) and predict on seeded data of
 * 100,000 rows × 40 record-like features (binary flags and counts, correlated
 * through two latent needs, ≈ 5% positives).
 *
 * `benchNeural()` is called by bench/models.bench.ts; run this file alone to
 * print the typed-array engine and the tfjs engine (wasm, pure-JS cpu) side
 * by side, and where `engine: 'auto'` should switch from one to the other
 * (wider layers, fewer rows):
 *   npx tsx bench/models/neural.ts [rows]
 * Targets (one core): fit ≤ 10 s, predict 100,000 rows ≤ 0.5 s. The
 * comparison with scikit-learn is bench/reference/compare.ts.
 */
import { neural, type NeuralParams } from '../../src/models/neural.js';
import { loadTf, useTfBackend } from '../../src/models/tf-backend.js';
import type { FeatureMatrix, TrainingSet } from '../../src/models/types.js';
import { createRandom, normal, poissonDraw } from '../../src/random/index.js';

export interface NeuralBenchOptions {
  /** Training rows (also the rows scored). Default 100,000. */
  readonly rows?: number;
  /** Feature columns. Default 40. */
  readonly features?: number;
  /** Seed of the data and of the model. Default 1. */
  readonly seed?: number;
  /** The gradient engine (`auto`: the model's own choice). Default `'auto'`. */
  readonly engine?: 'auto' | 'typed' | 'tfjs';
  /** tfjs backend for the tfjs engine: the one `loadTf()` picks, or force wasm / cpu. Default `'default'`. */
  readonly backend?: 'default' | 'wasm' | 'cpu';
  /** Model hyper-parameters. Default: `neural()`'s, with patience = epochs so every epoch runs. */
  readonly params?: Partial<NeuralParams>;
}

export interface NeuralBenchFigures {
  readonly model: 'neural';
  readonly backend: string;
  readonly rows: number;
  readonly features: number;
  readonly epochsRun: number;
  /** Wall-clock seconds of `fit` (tfjs already initialised). */
  readonly fitSeconds: number;
  /** CPU seconds (user + system) of this process during `fit`: close to the wall time on an idle core, steadier on a busy machine. */
  readonly fitCpuSeconds: number;
  /** Wall-clock seconds of `predictProba` on all rows (median of 3). */
  readonly predictSeconds: number;
  /** CPU seconds of the same predict run. */
  readonly predictCpuSeconds: number;
}

/** Wall and CPU seconds of `f()`. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** Fit and predict once on seeded data; returns the timings. Restores the tfjs backend it found. */
export async function benchNeural(options: NeuralBenchOptions = {}): Promise<NeuralBenchFigures> {
  const rows = options.rows ?? 100_000;
  const features = options.features ?? 40;
  const seed = options.seed ?? 1;
  const epochs = options.params?.epochs ?? 10;
  const train = benchData(rows, features, seed);
  const { tf } = await loadTf();
  const before = tf.getBackend();
  try {
    if (options.backend === 'wasm' || options.backend === 'cpu') await useTfBackend(options.backend);
    const model = neural({ patience: epochs, ...options.params, epochs, engine: options.engine ?? 'auto' });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const fitted = await model.fit(train, createRandom(seed).fork('model:neural'));
    const fitSeconds = (performance.now() - t0) / 1000;
    const fitCpu = process.cpuUsage(cpu0);
    const predicts = [0, 1, 2].map(() => timed(() => fitted.predictProba(train.x))).sort((a, b) => a.wall - b.wall);
    return {
      model: 'neural',
      backend: fitted.training.engine,
      rows,
      features,
      epochsRun: fitted.training.epochsRun,
      fitSeconds,
      fitCpuSeconds: (fitCpu.user + fitCpu.system) / 1e6,
      predictSeconds: predicts[1].wall,
      predictCpuSeconds: predicts[1].cpu,
    };
  } finally {
    if (tf.getBackend() !== before) await tf.setBackend(before);
  }
}

/** Seeded record-like rows: half binary flags, half counts, driven by two correlated latents. */
export function benchData(rows: number, features: number, seed: number): TrainingSet {
  const random = createRandom(seed).fork('bench:neural');
  const z = normal(random.fork('latent'));
  const u = random.fork('draws');
  const columns = Array.from({ length: features }, () => new Float64Array(rows));
  const yRecorded = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const need = z();
    const home = 0.5 * need + Math.sqrt(0.75) * z();
    for (let k = 0; k < features; k++) {
      const load = 0.3 + (0.5 * (k % 7)) / 6;
      const latent = k % 3 === 0 ? home : need;
      columns[k][i] = k % 2 === 0
        ? Number(u.next() < 1 / (1 + Math.exp(2.5 - load * latent)))
        : poissonDraw(u.next(), Math.exp(-0.5 + 0.4 * load * latent));
    }
    const logit = -3.6 + 0.8 * need + 0.5 * home + 0.3 * need * home;
    yRecorded[i] = Number(u.next() < 1 / (1 + Math.exp(-logit)));
  }
  const x: FeatureMatrix = {
    nRows: rows,
    names: columns.map((_, k) => `f${k}`),
    columns,
    rowIds: Int32Array.from({ length: rows }, (_, i) => i),
    source: 'records',
  };
  return { x, yRecorded };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 100_000);
  const { backend, notes } = await loadTf();
  const line = (f: NeuralBenchFigures, label = '') =>
    `neural ${label.padEnd(12)} ${f.backend.padEnd(6)} ${f.rows} rows × ${f.features} features, ${f.epochsRun} epochs: ` +
    `fit ${f.fitSeconds.toFixed(2)} s (cpu ${f.fitCpuSeconds.toFixed(2)} s), ` +
    `predict ${f.predictSeconds.toFixed(3)} s (cpu ${f.predictCpuSeconds.toFixed(3)} s)`;
  console.log(`tfjs backend chosen: ${backend}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  console.log(line(await benchNeural({ rows, engine: 'typed' }), '[32, 16]'));
  console.log(line(await benchNeural({ rows, engine: 'tfjs' }), '[32, 16]'));
  console.log(line(await benchNeural({ rows, engine: 'tfjs', backend: 'cpu' }), '[32, 16]'));
  // Where 'auto' switches: wider layers, 2 epochs on 20,000 rows, typed against tfjs.
  for (const hiddenLayers of [[64, 32], [128, 64], [256, 128], [512, 256]]) {
    const params = { hiddenLayers, epochs: 2 };
    const label = `[${hiddenLayers.join(', ')}]`;
    console.log(line(await benchNeural({ rows: 20_000, engine: 'typed', params }), label));
    console.log(line(await benchNeural({ rows: 20_000, engine: 'tfjs', params }), label));
  }
}
