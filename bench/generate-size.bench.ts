/**
 * `npm run bench:generate-size` — peak memory of `risklab generate` at large
 * sizes, through the built command line (bin/risklab.js):
 * - 10,000,000 children in memory (no --out): target under 2 GB;
 * - 20,000,000 children streamed to a CSV (--out): target under 1 GB.
 * Peak RSS is read with /usr/bin/time -f %M (GNU time); BENCH_IN_MEMORY and
 * BENCH_STREAMED change the sizes. The CSV goes to the system temp folder
 * (about 3.8 GB at 20,000,000 children) and is removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(fileURLToPath(import.meta.url), '..', '..', 'bin', 'risklab.js');
const inMemory = Number(process.env.BENCH_IN_MEMORY ?? 10_000_000);
const streamed = Number(process.env.BENCH_STREAMED ?? 20_000_000);

function run(args: string[]): { rssMb: number; seconds: number; cpu: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e %U %S', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`risklab ${args.join(' ')} failed: ${r.stderr}`);
  const [kb, wall, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { rssMb: kb / 1024, seconds: wall, cpu: user + sys };
}

if (!existsSync('/usr/bin/time')) {
  console.log('bench:generate-size skipped: /usr/bin/time (GNU time) not found (apt-get install time)');
} else {
  const a = run(['generate', 'neutral', '--size', String(inMemory)]);
  console.log(`generate ${inMemory.toLocaleString('en-GB')} children in memory: peak RSS ${a.rssMb.toFixed(0)} MB (target < 2,048 MB), ${a.seconds.toFixed(1)} s wall, ${a.cpu.toFixed(1)} s CPU`);
  const dir = mkdtempSync(join(tmpdir(), 'risklab-bench-'));
  try {
    const out = join(dir, 'children.csv');
    const b = run(['generate', 'neutral', '--size', String(streamed), '--out', out]);
    console.log(`generate ${streamed.toLocaleString('en-GB')} children --out CSV (streamed): peak RSS ${b.rssMb.toFixed(0)} MB (target < 1,024 MB), ${b.seconds.toFixed(1)} s wall, ${b.cpu.toFixed(1)} s CPU, ${(statSync(out).size / 1e9).toFixed(2)} GB written`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
