/**
 * A real Redis for the queue tests — never a mock. `.ci/run` starts one and
 * sets RISKLAB_TEST_REDIS_URL; otherwise each test file starts its own
 * redis-server (from PATH) on a free loopback port and stops it afterwards.
 * With neither, the tests FAIL with a line saying how to install it: they
 * never skip silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    if (child && child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} before answering PING`);
    if (Date.now() > deadline) throw new Error(`no Redis answered PING at ${url} within 10 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The Redis of this test file: .ci/run's, or a fresh redis-server. */
export async function startTestRedis(): Promise<TestRedis> {
  const given = process.env.RISKLAB_TEST_REDIS_URL;
  if (given) {
    await waitForPing(given);
    return { url: given, stop: async () => {} };
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('the queue tests need a real Redis: no redis-server on PATH and RISKLAB_TEST_REDIS_URL is not set; install it with `apt-get install -y redis-server` (.ci/run does)');
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url, child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

let counter = 0;
/** A queue name of its own for each test (no two tests, files or runs share one). */
export function testQueueName(label: string): string {
  return `test-${label}-${process.pid}-${Date.now()}-${++counter}`;
}
