/**
 * `npm run bench:tail [name…]` — what a run does after its last task (issue
 * 15: "no experiment spends more than 5% of its wall time after its last
 * task"), phase by phase, on the main thread.
 *
 * For each experiment (default: what-works and bristol-mirroring) the tasks
 * are run once on 2 worker threads and kept in a cache file (os.tmpdir(),
 * keyed by the config hash; delete it or pass --fresh to rerun them), then
 * the tail is measured `--repeat` times (default 3; medians printed): the
 * whole tail into a temporary folder — exactly what `risklab run` does after
 * its last task (`earlyWork`'s finish, then `commitResults`), with chart
 * threads and a browser opened before, as `startRun` does — and, apart, the
 * main-thread phases of a tail without early work: `aggregate`, the
 * folder's files without charts (`resultFiles` with a pool that renders
 * nothing), the chart specs, the slides; and `brief`, the wall time of
 * printing brief.pdf alone in a warm browser with nothing else running —
 * a floor under any tail, since the brief needs every replicate.
 *
 * Wall is milliseconds of the tail; "main CPU" is the main thread's own CPU
 * (/proc/self/task), the part that cannot overlap anything in a lone run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { commitResults, earlyWork, openResultsFolder, resolveFromRef } from '../src/cli/run.js';
import { aggregate } from '../src/experiment/aggregate.js';
import { runTasks } from '../src/experiment/runner.js';
import type { TaskResult } from '../src/experiment/task.js';
import { openPdfPrinter, printBrief } from '../src/io/pdf.js';
import { experimentCharts, openRenderPool } from '../src/report/charts/index.js';
import { briefFile, findingMetrics, resultFiles } from '../src/report/folder.js';
import { experimentDeck } from '../src/report/slides/index.js';
import { versionOnly } from '../src/report/stamp.js';
import { slideFiles } from '../src/io/slides.js';

const args = process.argv.slice(2);
const fresh = args.includes('--fresh');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 3;
const names = args.filter((a, i) => !a.startsWith('--') && !(repeatAt >= 0 && i === repeatAt + 1));
const list = names.length > 0 ? names : ['what-works', 'bristol-mirroring'];

/** CPU seconds of the main thread alone (Linux), else of the process. */
function mainCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
}

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const c0 = mainCpu();
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0, cpuMs: (mainCpu() - c0) * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`bench:tail — after the last task, median of ${repeat} (ms; main = the main thread's own CPU)\n`);
console.log(`${'experiment'.padEnd(20)} ${'tail wall'.padStart(9)} ${'tail main'.padStart(9)} ${'aggregate'.padStart(9)} ${'files'.padStart(9)} ${'specs'.padStart(9)} ${'slides'.padStart(9)} ${'brief'.padStart(9)}`);
for (const name of list) {
  const resolved = await resolveFromRef(name, {});
  const cache = join(tmpdir(), `risklab-bench-tail-${name}-${resolved.configHash}.v8`);
  if (fresh || !existsSync(cache)) {
    const tasks = await runTasks(resolved, { workers: 2 });
    writeFileSync(cache, serialize(tasks));
  }
  const tasks = deserialize(readFileSync(cache)) as TaskResult[];
  const figures: Record<string, number[]> = { wall: [], main: [], aggregate: [], files: [], specs: [], slides: [], brief: [] };
  for (let r = 0; r < repeat; r++) {
    const out = mkdtempSync(join(tmpdir(), 'risklab-bench-tail-'));
    const printer = openPdfPrinter();
    const charts = openRenderPool(2);
    try {
      await printer;
      const { pending } = openResultsFolder(resolved, out, printer);
      // As `risklab run`: each task's share of the work done as it arrived (not timed), the rest after the last task.
      const early = earlyWork(resolved);
      for (const t of tasks) early.add(t);
      const whole = await timed(() => {
        const done = early.finish();
        return commitResults(pending, resolved, [...tasks], { started: Date.now(), workers: 2, printer, charts, result: done.result, metricsRows: done.metricsRows });
      });
      figures.wall.push(whole.ms);
      figures.main.push(whole.cpuMs);
      const agg = await timed(() => aggregate(resolved, tasks));
      figures.aggregate.push(agg.cpuMs);
      const result = agg.value;
      const specs = await timed(() => experimentCharts(result, { gridMetrics: findingMetrics(resolved) }));
      figures.specs.push(specs.cpuMs);
      const nothing = { render: async () => '<svg/>', close: async () => {} } as unknown as Parameters<typeof resultFiles>[3]['charts'];
      const files = await timed(() => resultFiles(resolved, result, tasks, { version: 'bench', charts: nothing }));
      figures.files.push(files.cpuMs);
      const slides = await timed(() => slideFiles(experimentDeck(result, versionOnly('bench'), { gridMetrics: findingMetrics(resolved) })));
      figures.slides.push(slides.cpuMs);
      const brief = briefFile(result, versionOnly('bench'));
      const printed = await timed(() => printBrief(brief, null, printer));
      figures.brief.push(printed.ms);
    } finally {
      await charts.close();
      await (await printer).close();
      rmSync(out, { recursive: true, force: true });
    }
  }
  const f = (k: string) => median(figures[k]).toFixed(0).padStart(9);
  console.log(`${name.padEnd(20)} ${f('wall')} ${f('main')} ${f('aggregate')} ${f('files')} ${f('specs')} ${f('slides')} ${f('brief')}`);
}
process.exit(0);
