/**
 * `npm run bench:generate` — draw 1,000,000 children with the default
 * catalogue (truth and records), and compare with the cost of the random
 * draws alone in numpy.
 *
 * Targets (issue 15): at least 1,000,000 children a second, and at most 2.5×
 * the numpy draw floor measured beside it. Times are CPU seconds of this
 * process (user + system: the work is single-threaded, and CPU time is less
 * disturbed than wall time by other work on a shared machine); the wall time
 * is printed too. Median of BENCH_REPEATS (3) runs after a warm-up at 100,000
 * children.
 *
 * The numpy floor: the same number and kinds of random values per child as
 * risklab draws — uniforms counted here with `countDraws` during a run
 * (every stream but the three normal ones), and the normals themselves: one
 * family factor per household (`latent/family`), one child factor and one
 * unobserved risk per child (`latent/child`, `outcome:unobserved`; drawn by
 * a ziggurat that takes about 1.01 outputs a normal — the extra outputs are
 * not counted, so the floor is the cost of the variates, not of our method) —
 * drawn with numpy's default generator (PCG64: `random()` and
 * `standard_normal()`, itself a ziggurat) in chunks of 65,536 children. It
 * runs with /usr/bin/python3 when that has numpy, and is skipped with a line
 * saying so when not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { countDraws } from '../src/random/index.js';
import { generatePopulation } from '../src/population/index.js';
import { recordPopulation } from '../src/recording/index.js';
import { resolveScenario } from '../src/scenario/index.js';

const size = Number(process.env.BENCH_SIZE ?? 1_000_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const NORMAL_STREAMS = /\/(latent\/family|latent\/child|outcome:unobserved)$/;

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function once(n: number, seed: number) {
  const scenario = resolveScenario({ seed, population: { size: n } });
  const w0 = performance.now();
  const c0 = cpuSeconds();
  const population = generatePopulation(scenario, 1);
  const c1 = cpuSeconds();
  const records = recordPopulation(scenario, population);
  const c2 = cpuSeconds();
  return { truth: c1 - c0, records: c2 - c1, total: c2 - c0, wall: (performance.now() - w0) / 1000, check: records.yRecorded.length };
}

/** Uniforms and normals per child. */
function drawsPerChild(n: number): { uniforms: number; normals: number } {
  const scenario = resolveScenario({ seed: 99, population: { size: n } });
  let households = 0;
  const counts = countDraws(() => {
    const population = generatePopulation(scenario, 1);
    households = population.household[n - 1] - population.household[0] + 1;
    recordPopulation(scenario, population);
  });
  let uniforms = 0;
  for (const [label, k] of counts) if (!NORMAL_STREAMS.test(label)) uniforms += k;
  return { uniforms: uniforms / n, normals: (households + 2 * n) / n };
}

const NUMPY = `
import sys, time, numpy as np
n, u, z, repeats = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(1)
chunk = 65536
def once():
    t = time.process_time()
    done = 0
    while done < n:
        m = min(chunk, n - done)
        rng.random(int(round(u * m)))
        rng.standard_normal(int(round(z * m)))
        done += m
    return time.process_time() - t
once()
runs = sorted(once() for _ in range(repeats))
print(runs[len(runs) // 2], np.__version__)
`;

function numpyFloor(n: number, perChild: { uniforms: number; normals: number }): { seconds: number; version: string } | string {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return 'numpy comparison skipped: /usr/bin/python3 not found';
  const r = spawnSync(python, ['-c', NUMPY, String(n), String(perChild.uniforms), String(perChild.normals), String(repeats)], { encoding: 'utf8' });
  if (r.status !== 0) return `numpy comparison skipped: ${python} could not run it (${(r.stderr || '').trim().split('\n').pop() || `exit ${r.status}`})`;
  const [seconds, version] = r.stdout.trim().split(' ');
  return { seconds: Number(seconds), version };
}

once(100_000, 0);
const runs = Array.from({ length: repeats }, (_, i) => once(size, i + 1)).sort((a, b) => a.total - b.total);
const median = runs[Math.floor(runs.length / 2)];
const peakMb = process.resourceUsage().maxRSS / 1024;
const perChild = drawsPerChild(200_000);
const floor = numpyFloor(size, perChild);
const fmt = (x: number) => x.toFixed(2);
const rate = size / median.total;
console.log(`bench:generate — ${size.toLocaleString('en-GB')} children, ${resolveScenario({ seed: 1 }).circumstances.length} circumstances, node ${process.version}`);
console.log(`median of ${repeats} (CPU): truth ${fmt(median.truth)} s + records ${fmt(median.records)} s = ${fmt(median.total)} s; wall ${fmt(median.wall)} s`);
console.log(`all runs (CPU s): ${runs.map((r) => fmt(r.total)).join(', ')}`);
console.log(`children per second (CPU): ${Math.round(rate).toLocaleString('en-GB')} (target ≥ 1,000,000)`);
console.log(`random draws per child: ${(perChild.uniforms + perChild.normals).toFixed(2)} (${perChild.uniforms.toFixed(2)} uniforms + ${perChild.normals.toFixed(2)} normals)`);
if (typeof floor === 'string') console.log(floor);
else {
  console.log(`numpy ${floor.version} draw floor (same draws, PCG64, CPU): ${fmt(floor.seconds)} s`);
  console.log(`ratio to the numpy floor: ${(median.total / floor.seconds).toFixed(2)}× (target ≤ 2.5×)`);
}
console.log(`peak RSS ${peakMb.toFixed(0)} MB`);
