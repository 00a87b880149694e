/**
 * `npm run bench:memory` — measure the bytes per child behind the memory
 * estimates in src/memory.ts.
 *
 * Each measurement runs in its own process (peak RSS is a high-water mark)
 * at two sizes; the figure is the slope, (RSS(n₂) − RSS(n₁)) / (n₂ − n₁), so
 * the fixed cost of Node and the loaded modules cancels out.
 *
 * - generate: one cohort drawn and recorded in memory (`simulateCohort`).
 * - stream: `risklab generate --out x.csv` through the compiled CLI (peak RSS
 *   of the whole command).
 * - task:<model>: one task of a one-cell experiment (holdout 30%, neutral
 *   preset) with only that model, everything the task holds at its peak:
 *   cohort, records, features, the fitted model, scores and metrics.
 *   `task:none` runs the oracle alone (the pipeline without a fitted model);
 *   a model's own cost is its slope minus that of `task:none`, per training
 *   child.
 * - result: main-thread heap per task result kept for aggregation.
 *
 * Usage: npx tsx bench/memory.bench.ts [what…]; BENCH_N1 / BENCH_N2 set the sizes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = join(self, '..', '..');
const MODELS: Record<string, unknown> = {
  none: { name: 'oracle' },
  logistic: { name: 'logistic' },
  points: { name: 'points' },
  forest: { name: 'forest', params: { nTrees: 100, minLeafSize: 1, maxDepth: 40 } },
  boosting: { name: 'boosting', params: { rounds: 200 } },
  neural: { name: 'neural', params: { epochs: 2 } },
};

async function child(what: string, n: number): Promise<void> {
  if (what === 'generate') {
    const { simulateCohort } = await import('../src/experiment/simulate.js');
    const { resolveScenario } = await import('../src/scenario/index.js');
    const kept = simulateCohort(resolveScenario({ seed: 1, population: { size: n } }), 1);
    process.stdout.write(`${process.resourceUsage().maxRSS * 1024} ${kept.population.size}\n`);
    return;
  }
  if (what === 'result') {
    const { runTask } = await import('../src/experiment/task.js');
    const v8 = await import('node:v8');
    const resolved = await resolvedFor('logistic', 2000, n);
    const gc = () => (globalThis as { gc?: () => void }).gc?.();
    gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const kept = [];
    for (let r = 0; r < n; r++) kept.push(await runTask(resolved, { index: r, cell: 0, replicate: r }, {}));
    gc();
    process.stdout.write(`${v8.getHeapStatistics().used_heap_size - before} ${kept.length}\n`);
    return;
  }
  const model = what.slice('task:'.length);
  const { runTask } = await import('../src/experiment/task.js');
  const resolved = await resolvedFor(model, n, 1);
  await runTask(resolved, { index: 0, cell: 0, replicate: 0 }, {});
  process.stdout.write(`${process.resourceUsage().maxRSS * 1024} 1\n`);
}

async function resolvedFor(model: string, size: number, replicates: number) {
  const { resolveExperiment } = await import('../src/experiment/resolve.js');
  const { loadScenarioInput } = await import('../src/io/scenario-files.js');
  return resolveExperiment(
    {
      name: 'memory',
      question: 'How much memory does one task take?',
      sources: ['bench/memory.bench.ts'],
      seed: 1,
      scenarios: [{ label: 'neutral', preset: 'neutral', overrides: { population: { size } } }],
      models: [MODELS[model]],
      split: { kind: 'holdout', testShare: 0.3 },
      operatingPoints: [{ rule: 'topShare', value: 0.05 }],
      replicates,
      quick: { replicates: 1, size: 1000 },
    },
    { loadPreset: (p) => loadScenarioInput(p) },
  );
}

function measure(what: string, n: number): number {
  if (what === 'stream') {
    const dir = mkdtempSync(join(tmpdir(), 'risklab-bench-'));
    try {
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin', 'risklab.js'), 'generate', 'neutral', '--size', String(n), '--out', join(dir, 'x.csv')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return Number(r.stderr.trim().split('\n').pop()) * 1024;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', what, String(n)], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`${what} at ${n}: ${r.stderr}`);
  return Number(r.stdout.trim().split(' ')[0]);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]));
} else {
  const n1 = Number(process.env.BENCH_N1 ?? 50_000);
  const n2 = Number(process.env.BENCH_N2 ?? 150_000);
  const whats = process.argv.slice(2).length ? process.argv.slice(2) : ['generate', 'stream', ...Object.keys(MODELS).map((m) => `task:${m}`), 'result'];
  console.log(`bench:memory — slopes between ${n1.toLocaleString('en-GB')} and ${n2.toLocaleString('en-GB')} children (node ${process.version})`);
  for (const what of whats) {
    if (what === 'result') {
      const a = measure('result', 2);
      const b = measure('result', 12);
      console.log(`${what.padEnd(16)} ${((b - a) / 10 / 1024).toFixed(0).padStart(8)} kB of heap per task result (logistic, 2,000 children, 1 operating point)`);
      continue;
    }
    const big = what === 'stream' ? 10 : 1;
    const a = measure(what, n1 * big);
    const b = measure(what, n2 * big);
    console.log(`${what.padEnd(16)} ${((b - a) / ((n2 - n1) * big)).toFixed(1).padStart(8)} bytes per child  (peak RSS ${(a / 1e6).toFixed(0)} MB → ${(b / 1e6).toFixed(0)} MB)`);
  }
}
