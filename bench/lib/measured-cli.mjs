// Runs the built command line (bin/risklab.js) in this process and, when it
// exits, writes what `bench/start.bench.ts` measures to the file named by
// RISKLAB_BENCH_OUT as JSON: wall and CPU time (user + system, this process
// with its worker threads; and waited-for children such as chromium, from
// /proc/self/stat), peak RSS, and the time and CPU when each experiment's
// last task finished, with the main thread's own CPU (/proc/self/task) (the progress line "<name>: N/N tasks" on stderr).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const t0 = performance.now();
const out = process.env.RISKLAB_BENCH_OUT;
const lastTask = {};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** CPU seconds of waited-for children (cutime + cstime, clock ticks of 1/100 s on Linux); null elsewhere. */
function childrenCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}
/** CPU seconds of the main thread alone (/proc/self/task/<pid>/stat); null elsewhere. */
function mainCpu() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  const m = /^(\S+): (\d+)\/(\d+) tasks/.exec(String(chunk));
  if (m && m[2] === m[3]) lastTask[m[1]] = { seconds: (performance.now() - t0) / 1000, cpu: cpu(), mainCpu: mainCpu() };
  return write(chunk, ...rest);
};
process.on('exit', () => {
  if (!out) return;
  writeFileSync(out, JSON.stringify({ wall: (performance.now() - t0) / 1000, cpu: cpu(), mainCpu: mainCpu(), childrenCpu: childrenCpu(), maxRssMb: process.resourceUsage().maxRSS / 1024, lastTask }));
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.argv.splice(1, 1, join(root, 'bin', 'risklab.js'));
await import(pathToFileURL(join(root, 'bin', 'risklab.js')).href);
