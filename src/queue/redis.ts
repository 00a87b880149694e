/**
 * Redis connections and the keys risklab keeps beside BullMQ's. With
 * src/queue/submit.ts, worker.ts and processor.ts, the only code that talks
 * to Redis.
 *
 * Keys (prefix `bull`, as BullMQ's own, so `Queue.obliterate` removes them too):
 * - `bull:<queue>:<configHash>-<index>` … BullMQ's job of one task;
 * - `bull:<queue>:risklab:plan:<configHash>` the plan (plan.json's text, gzipped);
 * - `bull:<queue>:risklab:results:<configHash>` a hash, field = task index,
 *   value = the task's result file (as `risklab task` writes it), gzipped.
 *
 * Results are kept beside the jobs rather than as BullMQ return values:
 * a task of what-works is 1.8–2.0 MB of JSON (90–120 kB gzipped), and a
 * return value is copied into the queue's event stream (up to 10,000 events
 * kept), which would hold a second copy of the last 10,000 results.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RisklabError } from '../messages.js';
import { queueMessages } from '../messages-queue.js';

export const PREFIX = 'bull';
export const DEFAULT_QUEUE = 'risklab';

/** The job id of a task: its config hash and index, so adding the same task twice adds it once. */
export function jobId(hash: string, index: number): string {
  return `${hash}-${index}`;
}

/** The task index of one of a run's job ids, or null for another run's job. */
export function jobIndex(hash: string, id: string | undefined): number | null {
  if (id === undefined || !id.startsWith(`${hash}-`)) return null;
  const index = Number(id.slice(hash.length + 1));
  return Number.isSafeInteger(index) && index >= 0 ? index : null;
}

export function planKey(queue: string, hash: string): string {
  return `${PREFIX}:${queue}:risklab:plan:${hash}`;
}

export function resultsKey(queue: string, hash: string): string {
  return `${PREFIX}:${queue}:risklab:results:${hash}`;
}

/** A URL with any password hidden, for messages and logs. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * A connection for BullMQ and for risklab's own keys: retries forever
 * (BullMQ requires `maxRetriesPerRequest: null` for workers), errors reported
 * through `onError` rather than as unhandled events.
 */
export function connect(url: string, onError: (e: Error) => void = () => {}, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  redis.on('error', onError);
  return redis;
}

/**
 * Check that Redis answers at `url` within `timeoutMs`, so a wrong address
 * fails in one line at once instead of retrying for ever.
 */
export async function checkReachable(url: string, timeoutMs = 5000): Promise<void> {
  let last: Error | undefined;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', (e: Error) => {
    last = e;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new RisklabError(queueMessages.unreachable(shownUrl(url), (last ?? (e as Error)).message), '--queue');
  } finally {
    probe.disconnect();
  }
}
