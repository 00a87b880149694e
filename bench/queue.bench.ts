/**
 * `npm run bench:queue` — the figures of docs/running-on-a-queue.md.
 *
 * 1. Per-task time and result size of what-works (its full config), in this
 *    process: median over a sample of tasks; JSON bytes and gzipped bytes.
 * 2. Redis round trip per task: the tiny test experiment (200 tasks of
 *    ~50 ms) through `run --queue` and one `risklab worker --concurrency 1`,
 *    against the same tasks run one after another in one thread; the
 *    difference per task is what the queue adds (job fetch, lock, result
 *    gzip + HSET, completion, event).
 * 3. BullMQ's own throughput on this Redis: 5,000 empty jobs, one worker
 *    process with an in-process (not sandboxed) processor, concurrency 50.
 * 4. Speed-up: what-works (full, 40 tasks) with `risklab run --workers 2`
 *    against `run --queue` with 2 `risklab worker --concurrency 1`
 *    processes on this machine: wall time to the last task and to the
 *    written folder; peak RSS of each worker process (VmHWM).
 * 5. Redis memory per stored result (used_memory, with --keep).
 *
 * Starts its own redis-server (tests/queue/redis-server.ts); writes
 * bench/out/queue.json. Other engineers share the cores: read the load.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { resolveFromRef, runAndWrite } from '../src/cli/run.js';
import { planTasks } from '../src/experiment/runner.js';
import { runTask } from '../src/experiment/task.js';
import { taskFileText } from '../src/queue/plan.js';
import { startTestRedis, testQueueName } from '../tests/queue/redis-server.js';
import { buildDist, startRisklab, stopProcess, TINY, type RisklabProcess } from '../tests/queue/helpers.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out: Record<string, unknown> = { load: loadavg()[0] };
const tmp = mkdtempSync(join(tmpdir(), 'risklab-bench-queue-'));

function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function startWorkers(url: string, queue: string, count: number, extra: string[] = []): Promise<RisklabProcess[]> {
  const workers = Array.from({ length: count }, () => startRisklab(['worker', '--queue', url, '--queue-name', queue, '--concurrency', '1', '--quiet', ...extra], { via: 'bin' }));
  await Promise.all(workers.map((w) => w.waitFor(/^worker on queue/m)));
  return workers;
}

async function perTask(): Promise<void> {
  const resolved = await resolveFromRef('what-works', {});
  const tasks = planTasks(resolved);
  const sample = [0, 1, 2, 3, 5, 10, 20, 39].filter((i) => i < tasks.length);
  const seconds: number[] = [];
  const bytes: number[] = [];
  const gz: number[] = [];
  for (const i of sample) {
    const t = performance.now();
    const r = await runTask(resolved, tasks[i]);
    seconds.push((performance.now() - t) / 1000);
    const text = taskFileText(resolved.configHash, r);
    bytes.push(Buffer.byteLength(text));
    gz.push(gzipSync(text).length);
  }
  out.whatWorks = { tasks: tasks.length, sample: sample.length, medianTaskSeconds: median(seconds), medianJsonBytes: median(bytes), medianGzipBytes: median(gz), maxJsonBytes: Math.max(...bytes), maxGzipBytes: Math.max(...gz) };
  console.log('what-works per task', out.whatWorks);
}

async function roundTrip(url: string): Promise<void> {
  const queue = testQueueName('bench-rt');
  const [w] = await startWorkers(url, queue, 1);
  await runAndWrite(TINY, { queue: url, queueName: queue, out: join(tmp, 'rt'), progress: 'none', keep: true });
  // The queue's own record of the jobs (one worker, one at a time): from the
  // first one's start to the last one's end, against the time the tasks
  // themselves took (measured in the processor around runTask).
  const q = new Queue(queue, { connection: { url } });
  const jobs = (await q.getCompleted(0, -1)).sort((a, b) => a.processedOn! - b.processedOn!);
  const span = (jobs[jobs.length - 1].finishedOn! - jobs[0].processedOn!) / 1000;
  const taskSeconds = jobs.reduce((s, j) => s + (j.returnvalue as { taskSeconds: number }).taskSeconds, 0);
  const client = new Redis(url);
  const hash = String(jobs[0].data.hash);
  const resultsBytes = Number(await client.memory('USAGE', `bull:${queue}:risklab:results:${hash}`));
  const jobBytes = Number(await client.memory('USAGE', `bull:${queue}:${jobs[0].id}`));
  client.disconnect();
  await q.obliterate({ force: true });
  await q.close();
  await stopProcess(w);
  out.roundTrip = {
    tasks: jobs.length,
    queueSpanSeconds: span,
    taskSeconds,
    overheadMsPerTask: ((span - taskSeconds) / jobs.length) * 1000,
    meanGzipBytes: jobs.reduce((s, j) => s + (j.returnvalue as { gzipBytes: number }).gzipBytes, 0) / jobs.length,
    redisResultBytesPerTask: resultsBytes / jobs.length,
    redisJobBytes: jobBytes,
  };
  console.log('round trip', out.roundTrip);
}

async function throughput(url: string): Promise<void> {
  const name = testQueueName('bench-empty');
  const n = 5000;
  const queue = new Queue(name, { connection: { url } });
  await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'empty', data: { i }, opts: { jobId: `x-${i}` } })));
  let done = 0;
  const t = performance.now();
  await new Promise<void>((resolve) => {
    const worker = new Worker(name, async () => ({ ok: 1 }), { connection: { url }, concurrency: 50 });
    worker.on('completed', () => {
      if (++done === n) void worker.close().then(() => resolve());
    });
  });
  const seconds = (performance.now() - t) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  out.throughput = { jobs: n, seconds, jobsPerSecond: n / seconds };
  console.log('BullMQ throughput', out.throughput);
}

async function speedUp(url: string): Promise<void> {
  const t0 = performance.now();
  await runAndWrite('what-works', { out: join(tmp, 'local'), workers: 2, progress: 'none' });
  const localSeconds = (performance.now() - t0) / 1000;
  const queue = testQueueName('bench-speed');
  const workers = await startWorkers(url, queue, 2);
  const t1 = performance.now();
  await runAndWrite('what-works', { queue: url, queueName: queue, out: join(tmp, 'queue'), progress: 'none', keep: true });
  const queueSeconds = (performance.now() - t1) / 1000;
  const q = new Queue(queue, { connection: { url } });
  const jobs = await q.getCompleted(0, -1);
  const inWorkers = jobs.map((j) => (j.returnvalue as { taskSeconds: number }).taskSeconds);
  await q.obliterate({ force: true });
  await q.close();
  const rss = workers.map((w) => peakRss(w.child.pid!));
  await Promise.all(workers.map((w) => stopProcess(w)));
  const manifest = (dir: string) => JSON.parse(readFileSync(join(tmp, dir, 'what-works', 'manifest.json'), 'utf8')) as { seconds: number };
  out.speedUp = {
    localWorkers2Seconds: localSeconds,
    queue2WorkerProcessesSeconds: queueSeconds,
    ratio: localSeconds / queueSeconds,
    manifestSeconds: { local: manifest('local').seconds, queue: manifest('queue').seconds },
    workerPeakRssBytes: rss,
    medianTaskSecondsInWorkers: median(inWorkers),
  };
  console.log('speed-up', out.speedUp);
}

buildDist();
const redis = await startTestRedis();
try {
  await perTask();
  await roundTrip(redis.url);
  await throughput(redis.url);
  await speedUp(redis.url);
} finally {
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
}
out.loadAfter = loadavg()[0];
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
writeFileSync(join(root, 'bench', 'out', 'queue.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
process.exit(0);
