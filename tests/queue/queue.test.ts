/**
 * BullMQ over a real Redis (tests/queue/redis-server.ts: .ci/run's server or
 * one started here; never a mock). Workers are real `risklab worker`
 * processes — one through bin/risklab.js (compiled), one from the
 * TypeScript sources — so both ways the processor loads are exercised.
 * Each test has its own queue name.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { runAndWrite, resolveFromRef } from '../../src/cli/run.js';
import { main } from '../../src/cli/main.js';
import { startTestRedis, testQueueName, type TestRedis } from './redis-server.js';
import { buildDist, doneIndices, sameResults, startRisklab, stopProcess, TINY, type RisklabProcess } from './helpers.js';

let redis: TestRedis;
let dir: string;
/** Local-thread runs of the tiny experiment, by replicates: the reference every queue run must equal. */
const local = new Map<number, string>();
const processes: RisklabProcess[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  buildDist();
  dir = mkdtempSync(join(tmpdir(), 'risklab-queue-'));
  for (const replicates of [100, 10]) {
    const { dir: out } = await runAndWrite(TINY, { replicates, out: join(dir, `local-${replicates}`), workers: 2, progress: 'none' });
    local.set(replicates, out);
  }
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => stopProcess(p, 2000)));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await redis?.stop();
});

function worker(queue: string, via: 'bin' | 'source', extra: string[] = [], env?: Record<string, string>): RisklabProcess {
  const p = startRisklab(['worker', '--queue', redis.url, '--queue-name', queue, '--concurrency', '1', ...extra], { via, env });
  processes.push(p);
  return p;
}

async function hashOf(replicates: number): Promise<string> {
  return (await resolveFromRef(TINY, { replicates })).configHash;
}

/** Every key Redis holds for a queue. */
async function keysOf(queue: string): Promise<string[]> {
  const client = new Redis(redis.url);
  try {
    return await client.keys(`bull:${queue}:*`);
  } finally {
    client.disconnect();
  }
}

describe('risklab run --queue with risklab worker processes', () => {
  it('200 tiny tasks across two worker processes give results byte-identical to risklab run with local threads, each task done once', async () => {
    const queue = testQueueName('two');
    const a = worker(queue, 'bin');
    const b = worker(queue, 'source');
    await Promise.all([a.waitFor(/^worker on queue .*\(compiled\)/m), b.waitFor(/^worker on queue .*\(from source\)/m)]);
    const { dir: out } = await runAndWrite(TINY, { queue: redis.url, queueName: queue, out: join(dir, 'two'), progress: 'none' });
    const same = sameResults(out, local.get(100)!);
    expect(same.names).toContain('metrics.csv');
    expect(same.differing).toEqual([]);
    const hash = await hashOf(100);
    const done = [...doneIndices(a.output(), hash), ...doneIndices(b.output(), hash)].sort((x, y) => x - y);
    expect(done).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(doneIndices(a.output(), hash).length).toBeGreaterThan(0);
    expect(doneIndices(b.output(), hash).length).toBeGreaterThan(0);
    // The run is removed from Redis once its folder is written: no job, result or plan of it is left.
    expect((await keysOf(queue)).filter((k) => k.includes(hash))).toEqual([]);
    // SIGTERM stops a worker cleanly (nothing running: at once), exit code 0.
    const started = Date.now();
    a.child.kill('SIGTERM');
    expect(await a.exited()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(a.output()).toMatch(/SIGTERM: finishing the running tasks[^\n]*\nworker stopped\n$/);
  });

  it('a worker killed with SIGKILL mid-task: its job is recovered by another worker and the results are identical, with no task twice', async () => {
    const queue = testQueueName('kill');
    const hash = await hashOf(10);
    const quick = ['--lock-duration', '1000', '--stalled-interval', '500'];
    // Worker a holds task 5 long enough to be killed in the middle of it.
    const a = worker(queue, 'bin', quick, { RISKLAB_QUEUE_TEST_HOOK: JSON.stringify({ sleep: { 5: 60_000 } }) });
    await a.waitFor(/^worker on queue/m);
    const submitted = runAndWrite(TINY, { replicates: 10, queue: redis.url, queueName: queue, out: join(dir, 'kill'), progress: 'none' });
    await a.waitFor(new RegExp(`^started ${hash}-5$`, 'm'));
    a.child.kill('SIGKILL');
    await a.exited();
    const b = worker(queue, 'source', quick);
    const { dir: out } = await submitted;
    expect(sameResults(out, local.get(10)!).differing).toEqual([]);
    const byA = doneIndices(a.output(), hash);
    const byB = doneIndices(b.output(), hash);
    expect(byA).toEqual([0, 1, 2, 3, 4]);
    expect(byB).toContain(5);
    expect([...byA, ...byB].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('a task that fails once succeeds on its retry', async () => {
    const queue = testQueueName('retry');
    const hash = await hashOf(10);
    const w = worker(queue, 'source', [], { RISKLAB_QUEUE_TEST_HOOK: JSON.stringify({ fail: { 3: 1 } }) });
    await w.waitFor(/^worker on queue/m);
    const { dir: out } = await runAndWrite(TINY, { replicates: 10, queue: redis.url, queueName: queue, out: join(dir, 'retry'), progress: 'none', attempts: 3, backoff: 100 });
    expect(sameResults(out, local.get(10)!).differing).toEqual([]);
    expect(w.output()).toMatch(new RegExp(`^failed ${hash}-3 \\(attempt 1\\): test hook: task 3 fails on attempt 1$`, 'm'));
    expect(doneIndices(w.output(), hash).filter((i) => i === 3)).toEqual([3]);
  });

  it('a task that always fails: named with its error, exit 2, and no results folder', async () => {
    const queue = testQueueName('fail');
    const w = worker(queue, 'source', [], { RISKLAB_QUEUE_TEST_HOOK: JSON.stringify({ fail: { 3: 'always' } }) });
    await w.waitFor(/^worker on queue/m);
    const out = join(dir, 'fail');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['run', TINY, '--replicates', '10', '--queue', redis.url, '--queue-name', queue, '--out', out, '--attempts', '2', '--backoff', '50']);
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(2);
    const line = errors.find((l) => l.includes('failed after'));
    expect(line).toMatch(/^risklab: task 3 \(scenario "county", cell "half recorded", replicate 1\) failed after 2 attempts: test hook: task 3 fails on attempt 2; no results folder was written/);
    expect(existsSync(join(out, 'queue-tiny'))).toBe(false);
    // Nothing half-written is left beside it either.
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('submitting the same run again adds no job twice and runs no task twice', async () => {
    const queue = testQueueName('dedup');
    const hash = await hashOf(10);
    const args = ['run', TINY, '--replicates', '10', '--queue', redis.url, '--queue-name', queue, '--keep'];
    // A first submission with no worker yet, stopped (Ctrl-C) once its jobs are in.
    const first = startRisklab([...args, '--out', join(dir, 'dedup-1')], { via: 'bin' });
    processes.push(first);
    await first.waitFor(/20 tasks on queue/);
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(143);
    // The same run again: its 20 jobs are already there.
    const second = runAndWrite(TINY, { replicates: 10, queue: redis.url, queueName: queue, out: join(dir, 'dedup-2'), progress: 'none', keep: true });
    const bullQueue = new Queue(queue, { connection: { url: redis.url } });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const counts = await bullQueue.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed', 'prioritized');
      expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(20);
      const w = worker(queue, 'source');
      const { dir: out } = await second;
      expect(sameResults(out, local.get(10)!).differing).toEqual([]);
      expect(doneIndices(w.output(), hash)).toHaveLength(20);
      // A third submission, after the run has finished (kept with --keep): nothing runs, same results.
      const { dir: again } = await runAndWrite(TINY, { replicates: 10, queue: redis.url, queueName: queue, out: join(dir, 'dedup-3'), progress: 'none' });
      expect(sameResults(again, local.get(10)!).differing).toEqual([]);
      expect(doneIndices(w.output(), hash)).toHaveLength(20);
      const total = await bullQueue.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed', 'prioritized');
      expect(Object.values(total).reduce((s, n) => s + n, 0)).toBe(0);
    } finally {
      await bullQueue.close();
    }
  });
});

describe('bad queue settings', () => {
  const run = (extra: string[]) => main(['run', TINY, '--replicates', '1', '--out', join(dir, 'bad'), ...extra]);
  const capture = async (extra: string[]) => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    try {
      return { code: await run(extra), stderr: errors.join('') };
    } finally {
      process.stderr.write = write;
    }
  };

  it('a Redis that does not answer: one line, exit 2, nothing written', async () => {
    const r = await capture(['--queue', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^risklab: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\); is redis-server running there/);
    expect(existsSync(join(dir, 'bad', 'queue-tiny'))).toBe(false);
  });

  it('a --queue that is not a Redis URL, and --workers with --queue', async () => {
    expect((await capture(['--queue', 'http://example.org'])).stderr).toMatch(/--queue must be a Redis URL such as redis:\/\/127\.0\.0\.1:6379/);
    const both = await capture(['--queue', redis.url, '--workers', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--workers does not apply with --queue/);
  });
});
