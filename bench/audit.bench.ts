/**
 * Audit benchmark: writes a 5,000,000-row scores file (score, label, two
 * groups), audits it with `risklab audit` in a child process and reports
 * wall time and peak RSS (GNU time when present, else the child's own
 * report). Target: under 30 s and under 2 GB. Run: npx tsx bench/audit.bench.ts [rows]
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';

const rows = Number(process.argv[2] ?? 5_000_000);
const dir = mkdtempSync(join(tmpdir(), 'risklab-audit-bench-'));
const file = join(dir, 'scores.csv');
const out = createWriteStream(file);
let s = 12345;
const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
out.write('id,score,y_recorded,sex,area\n');
let buf = '';
for (let i = 0; i < rows; i++) {
  const score = r();
  buf += `${i},${score.toFixed(6)},${r() < 0.02 + 0.1 * score ? 1 : 0},${r() < 0.5 ? 'female' : 'male'},${['north', 'south', 'east', 'west', 'centre'][Math.floor(r() * 5)]}\n`;
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await once(out, 'drain');
    buf = '';
  }
}
out.end(buf);
await once(out, 'finish');
const args = ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli', 'main.ts'), 'audit', file, '--group', 'sex', '--group', 'area', '--at', 'threshold=0.5', '--at', 'topK=10000', '--out', join(dir, 'audit')];
const time = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8' });
if (time.error) {
  const t = Date.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  console.log(`audit of ${rows} rows: ${((Date.now() - t) / 1000).toFixed(1)} s (peak RSS: install GNU time to measure); exit ${run.status}`);
} else {
  const wall = /Elapsed \(wall clock\) time.*: (.*)/.exec(time.stderr)?.[1];
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(time.stderr)?.[1]) / 1024;
  // CPU time as well as wall time: on a shared machine the wall time says more about the other work than about the audit.
  const cpu = ['User', 'System'].map((k) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(time.stderr)?.[1]));
  console.log(`audit of ${rows.toLocaleString('en-GB')} rows: wall ${wall}, CPU ${cpu[0].toFixed(1)} s user + ${cpu[1].toFixed(1)} s system, peak RSS ${rss.toFixed(0)} MB, exit ${time.status}`);
  if (time.status !== 0) console.log(time.stderr.split('\n').slice(0, 3).join('\n'));
}
rmSync(dir, { recursive: true, force: true });
