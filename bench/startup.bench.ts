/**
 * `npm run bench:startup` — start-up cost of the command line.
 *
 * 1. `risklab scenarios` wall time, median of 10 runs, through the built
 *    bin/risklab.js (target < 0.3 s), beside `node -e 0`.
 * 2. Module-loading CPU of one `risklab run what-works --quick --workers 2`,
 *    compiled (bin/risklab.js) and from source (tsx src/cli/main.ts, how every
 *    command and worker ran before the build): a CPU profile of every thread
 *    (`--cpu-prof`), counting the samples whose stack is inside module loading
 *    (node:internal/modules, tsx, esbuild, V8's module compiler) plus all the
 *    busy time of threads that only load modules (tsx's loader-hook threads).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const bin = join(root, 'bin', 'risklab.js');

function wall(args: string[], runs = 10): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: tmpdir(), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

interface ProfileNode { id: number; callFrame: { url: string; functionName: string }; children?: number[] }

/** Seconds of module loading, and of all busy time, in the CPU profiles in `dir`. */
function loading(dir: string): { load: number; busy: number } {
  let load = 0;
  let busy = 0;
  for (const f of readdirSync(dir)) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const isLoad = (n: ProfileNode) => /^node:internal\/modules|\/tsx\/|esbuild/.test(n.callFrame.url) || /^compile(Function|SourceTextModule)$/.test(n.callFrame.functionName);
    const memo = new Map<number, boolean>();
    const under = (id: number): boolean => {
      if (memo.has(id)) return memo.get(id)!;
      const r = isLoad(byId.get(id)!) || (parent.has(id) && under(parent.get(id)!));
      memo.set(id, r);
      return r;
    };
    const onlyLoads = !p.nodes.some((n) => n.callFrame.url.includes(`${root}/src/`) || n.callFrame.url.includes(`${root}/dist/`));
    let l = 0;
    let b = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const n = byId.get(p.samples[i])!;
      if (n.callFrame.functionName === '(idle)') continue;
      const d = p.timeDeltas[i] / 1e6;
      b += d;
      if (onlyLoads || under(p.samples[i])) l += d;
    }
    load += l;
    busy += b;
  }
  return { load, busy };
}

function profiled(args: string[]): { load: number; busy: number } {
  const dir = mkdtempSync(join(tmpdir(), 'risklab-prof-'));
  const out = mkdtempSync(join(tmpdir(), 'risklab-out-'));
  try {
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...args, 'run', 'what-works', '--quick', '--workers', '2', '--out', out], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return loading(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

const scenarios = wall([bin, 'scenarios']);
const node = wall(['-e', '0']);
console.log(`risklab scenarios (built): ${(scenarios * 1000).toFixed(0)} ms wall, median of 10 (target < 300 ms); node -e 0: ${(node * 1000).toFixed(0)} ms`);
const compiled = profiled([bin]);
const source = profiled(['--import', 'tsx', join(root, 'src', 'cli', 'main.ts')]);
console.log(`module loading in run what-works --quick --workers 2 (CPU, all threads): built ${compiled.load.toFixed(2)} s of ${compiled.busy.toFixed(2)} s busy; from source through tsx ${source.load.toFixed(2)} s of ${source.busy.toFixed(2)} s`);
