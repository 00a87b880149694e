/**
 * `npm run bench:start [name…]` — where the time of `npm start` goes (issue 15).
 *
 * 1. Every experiment in experiments/ (or the names given), run alone in full
 *    (`risklab run <name>`, 10 replicates, the default workers), each in its
 *    own process: wall, CPU (user + system of the process and its worker
 *    threads; chromium's apart), peak RSS, the time after its last task and
 *    that share of its wall (target ≤ 5%).
 * 2. `risklab start` itself (skip with --runs-only): the same figures for the
 *    whole job, the time after the last experiment's last task, and peak RSS.
 *
 * The machine may be shared, so wall time is noisy; the bench also prints
 * the wall the run would take on `cores` idle cores: the CPU spent up to the
 * last task divided by the cores, plus the time after it — the larger of the
 * main thread's CPU after it and all threads' CPU after it divided by the
 * cores (charts render on two threads; chromium prints in its own process
 * alongside). Target: the
 * whole `start` under 120 s, the five experiments of issue 15 ≤ 60–70 s.
 *
 * Output goes to a temporary folder (never results/). Needs the build
 * (`npm run build`) and Debian's chromium.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentNames } from '../src/io/experiment-files.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const wrapper = join(root, 'bench', 'lib', 'measured-cli.mjs');
const cores = 2;

interface Measured {
  wall: number;
  cpu: number;
  childrenCpu: number | null;
  mainCpu: number | null;
  maxRssMb: number;
  lastTask: Record<string, { seconds: number; cpu: number; mainCpu: number | null }>;
}

function measure(args: string[], scratch: string): Promise<Measured> {
  const file = join(scratch, `measure-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapper, ...args], { cwd: root, env: { ...process.env, RISKLAB_BENCH_OUT: file }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`risklab ${args.join(' ')} exited ${code}\n${stderr}`));
      resolve(JSON.parse(readFileSync(file, 'utf8')) as Measured);
    });
  });
}

const s = (x: number) => x.toFixed(1).padStart(6);

/** Seconds after the last task on idle cores: the main thread's CPU after it, or all threads' CPU after it spread over the cores, whichever is more. */
function tailOnIdle(m: Measured, last: { cpu: number; mainCpu: number | null }): number {
  const all = m.cpu - last.cpu;
  const main = m.mainCpu !== null && last.mainCpu !== null ? m.mainCpu - last.mainCpu : all;
  return Math.max(main, all / cores);
}
const args = process.argv.slice(2);
const runsOnly = args.includes('--runs-only');
const names = args.filter((a) => !a.startsWith('--'));
const list = names.length > 0 ? names : experimentNames();
const scratch = mkdtempSync(join(tmpdir(), 'risklab-bench-start-'));
console.log(`bench:start on ${availableParallelism()} cores (load average ${loadavg()[0].toFixed(1)} at start); idle2 = wall on ${cores} idle cores (CPU up to the last task / ${cores} + after2, the time after it, as a share of idle2)\n`);
console.log(`${'experiment'.padEnd(20)} ${'wall s'.padStart(6)} ${'CPU s'.padStart(6)} ${'chrome'.padStart(6)} ${'tasks'.padStart(6)} ${'after'.padStart(6)} ${'share'.padStart(6)} ${'idle2'.padStart(6)} ${'after2'.padStart(6)} ${'RSS MB'.padStart(7)}`);
let idleTotal = 0;
try {
  for (const name of list) {
    const m = await measure(['run', name, '--out', join(scratch, 'runs')], scratch);
    const last = m.lastTask[name];
    const after = m.wall - last.seconds;
    const tailCpu = tailOnIdle(m, last);
    const idle = last.cpu / cores + tailCpu;
    idleTotal += idle;
    console.log(
      `${name.padEnd(20)} ${s(m.wall)} ${s(m.cpu)} ${s(m.childrenCpu ?? NaN)} ${s(last.seconds)} ${s(after)} ${`${((100 * after) / m.wall).toFixed(1)}%`.padStart(6)} ${s(idle)} ${`${((100 * tailCpu) / idle).toFixed(1)}%`.padStart(6)} ${m.maxRssMb.toFixed(0).padStart(7)}`,
    );
  }
  console.log(`${'sum of runs'.padEnd(20)} ${''.padStart(48)} ${s(idleTotal)}`);
  if (!runsOnly && names.length === 0) {
    const m = await measure(['start', '--out', join(scratch, 'start')], scratch);
    const lastName = list[list.length - 1];
    const last = m.lastTask[lastName];
    const after = m.wall - last.seconds;
    const tailCpu = tailOnIdle(m, last);
    console.log(
      `\nrisklab start: wall ${m.wall.toFixed(1)} s, CPU ${m.cpu.toFixed(1)} s (chromium ${(m.childrenCpu ?? NaN).toFixed(1)} s), after the last task ${after.toFixed(1)} s (${((100 * after) / m.wall).toFixed(1)}%; on idle cores ${tailCpu.toFixed(1)} s), peak RSS ${m.maxRssMb.toFixed(0)} MB; on ${cores} idle cores about ${(last.cpu / cores + tailCpu).toFixed(0)} s`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`\nload average at the end ${loadavg()[0].toFixed(1)}: wall figures are only meaningful on an idle machine; the idle-core columns are the CPU-based estimate.`);
