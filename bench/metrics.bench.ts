/**
 * Speed of the metrics sweep (issue 4). Run: `npm run bench:metrics`.
 *
 * On 1,000,000 seeded scores it times, interleaved round by round after
 * warm-up, and reports the median of each:
 *   sort      — copy the Float64Array and sort it natively (the yardstick);
 *   sweep     — `sweep(scores, labels)`: the full distinct-threshold table
 *               with AUC and AP (both accumulated in the same pass);
 *   by group  — `sweepByGroup` over 5 groups (every group's full sweep).
 * Targets: sweep < 1.5 × sort; by group (5 groups) < 2 × one sweep.
 * Also shown: the same with heavily tied scores (100 distinct values).
 * Pass `--strict` to exit non-zero when a target is missed.
 */
import { createRandom } from '../src/random/index.js';
import { sweep, sweepByGroup } from '../src/metrics/index.js';
import type { GroupColumn } from '../src/population/types.js';

const N = 1_000_000;
const WARMUP = 3;
const ROUNDS = 15;

function data(seed: number, distinct: number) {
  const random = createRandom(seed).fork('bench:metrics');
  const scores = new Float64Array(N);
  const labels = new Uint8Array(N);
  const codes = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const u = random.next();
    const s = distinct === 0 ? u : Math.floor(u * distinct) / distinct;
    scores[i] = s;
    labels[i] = random.next() < 0.02 + 0.3 * u * u ? 1 : 0;
    codes[i] = Math.min(4, Math.floor(random.next() * random.next() * 10));
  }
  const group: GroupColumn = { attribute: 'group', levels: ['a', 'b', 'c', 'd', 'e'], codes };
  return { scores, labels, group };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

let sink = 0;
function time(f: () => number): number {
  const t0 = process.hrtime.bigint();
  sink += f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function run(label: string, distinct: number) {
  const { scores, labels, group } = data(20240601, distinct);
  const tasks: Record<string, () => number> = {
    sort: () => Float64Array.from(scores).sort()[0],
    sweep: () => {
      const s = sweep(scores, labels);
      return s.auc + s.averagePrecision;
    },
    byGroup: () => sweepByGroup(scores, labels, group).groups.reduce((a, s) => a + s.auc, 0),
  };
  const times: Record<string, number[]> = { sort: [], sweep: [], byGroup: [] };
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = Object.keys(tasks);
    for (let j = 0; j < order.length; j++) {
      const name = order[(j + r) % order.length];
      const ms = time(tasks[name]);
      if (r >= WARMUP) times[name].push(ms);
    }
  }
  const m = { sort: median(times.sort), sweep: median(times.sweep), byGroup: median(times.byGroup) };
  const s = sweep(scores, labels);
  const sizes = Array.from(sweepByGroup(scores, labels, group).sizes);
  console.log(`\n${label}: n = ${N.toLocaleString('en-GB')}, ${s.thresholds.length.toLocaleString('en-GB')} distinct thresholds, ` +
    `prevalence ${(s.positives / N).toFixed(4)}, AUC ${s.auc.toFixed(4)}, AP ${s.averagePrecision.toFixed(4)}; group sizes ${sizes.join(' / ')}`);
  console.log(`  median of ${ROUNDS} runs after ${WARMUP} warm-up rounds (min–max in brackets)`);
  const range = (k: string) => `[${Math.min(...times[k]).toFixed(1)}–${Math.max(...times[k]).toFixed(1)}]`;
  console.log(`  sort Float64Array copy     ${m.sort.toFixed(1).padStart(7)} ms ${range('sort')}`);
  console.log(`  sweep + AUC + AP           ${m.sweep.toFixed(1).padStart(7)} ms ${range('sweep')}`);
  console.log(`  by-group sweep, 5 groups   ${m.byGroup.toFixed(1).padStart(7)} ms ${range('byGroup')}`);
  const r1 = m.sweep / m.sort;
  const r2 = m.byGroup / m.sweep;
  console.log(`  sweep / sort      = ${r1.toFixed(2)}×  (target < 1.5×) ${r1 < 1.5 ? 'PASS' : 'MISS'}`);
  console.log(`  by group / sweep  = ${r2.toFixed(2)}×  (target < 2×)   ${r2 < 2 ? 'PASS' : 'MISS'}`);
  return r1 < 1.5 && r2 < 2;
}

console.log(`risklab metrics bench — node ${process.version}, ${process.platform}/${process.arch}`);
const ok = [run('continuous scores', 0), run('tied scores (100 distinct values)', 100)].every(Boolean);
if (sink === 42) console.log('');
if (process.argv.includes('--strict') && !ok) process.exitCode = 1;
