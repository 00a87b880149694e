import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { MemoryLimit } from '../memory.js';

/** A cgroup memory limit (v2 `memory.max`, or v1 `memory.limit_in_bytes`), if one is set below the machine's memory. */
function cgroupLimit(): number | undefined {
  const read = (path: string): number | undefined => {
    try {
      const text = readFileSync(path, 'utf8').trim();
      const v = Number(text);
      return text === 'max' || !Number.isFinite(v) || v <= 0 ? undefined : v;
    } catch {
      return undefined;
    }
  };
  let group = '';
  try {
    // cgroup v2: "0::/path"
    group = /^0::(.*)$/m.exec(readFileSync('/proc/self/cgroup', 'utf8'))?.[1] ?? '';
  } catch {
    // no /proc: not Linux
  }
  const candidates = [read(`/sys/fs/cgroup${group}/memory.max`), read('/sys/fs/cgroup/memory.max'), read('/sys/fs/cgroup/memory/memory.limit_in_bytes')];
  const limits = candidates.filter((v): v is number => v !== undefined);
  return limits.length ? Math.min(...limits) : undefined;
}

/**
 * The memory risklab may plan to use: the machine's memory, or a cgroup
 * (container) limit when that is lower. `RISKLAB_MEMORY_LIMIT` (bytes)
 * overrides both — for tests, and for sharing a machine.
 */
export function memoryLimit(): MemoryLimit {
  const override = Number(process.env.RISKLAB_MEMORY_LIMIT);
  if (process.env.RISKLAB_MEMORY_LIMIT !== undefined && Number.isFinite(override) && override > 0) {
    return { bytes: override, name: 'set by RISKLAB_MEMORY_LIMIT' };
  }
  const machine = totalmem();
  const cgroup = cgroupLimit();
  return cgroup !== undefined && cgroup < machine ? { bytes: cgroup, name: 'of the cgroup memory limit' } : { bytes: machine, name: 'of memory this machine has' };
}

/** The main thread's JavaScript heap limit (results are JavaScript objects and live there). */
export function heapLimit(): MemoryLimit {
  return { bytes: getHeapStatistics().heap_size_limit, name: 'JavaScript heap limit (node --max-old-space-size)' };
}
