/**
 * `npm run bench:generate` — draw 1,000,000 children with the default
 * catalogue (truth and records) and report time and peak memory.
 * Targets (issue 2): under 2 s on one core of a 2-core machine, peak RSS
 * under 600 MB. Runs three times after a warm-up at 100,000 children and
 * reports the median; run it on a quiet machine.
 */
import { generatePopulation } from '../src/population/index.js';
import { recordPopulation } from '../src/recording/index.js';
import { resolveScenario } from '../src/scenario/index.js';

const size = Number(process.env.BENCH_SIZE ?? 1_000_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

function once(n: number, seed: number) {
  const scenario = resolveScenario({ seed, population: { size: n } });
  const t0 = performance.now();
  const population = generatePopulation(scenario, 1);
  const t1 = performance.now();
  const records = recordPopulation(scenario, population);
  const t2 = performance.now();
  return { truth: (t1 - t0) / 1000, records: (t2 - t1) / 1000, total: (t2 - t0) / 1000, check: records.yRecorded.length };
}

once(100_000, 0);
const runs = Array.from({ length: repeats }, (_, i) => once(size, i + 1)).sort((a, b) => a.total - b.total);
const median = runs[Math.floor(runs.length / 2)];
const peakMb = process.resourceUsage().maxRSS / 1024;
const fmt = (x: number) => x.toFixed(2);
console.log(`bench:generate — ${size.toLocaleString('en-GB')} children, ${resolveScenario({ seed: 1 }).circumstances.length} circumstances, node ${process.version}`);
console.log(`median of ${repeats}: truth ${fmt(median.truth)} s + records ${fmt(median.records)} s = ${fmt(median.total)} s (target < 2 s)`);
console.log(`all runs (s): ${runs.map((r) => fmt(r.total)).join(', ')}`);
console.log(`peak RSS ${peakMb.toFixed(0)} MB (target < 600 MB)`);
