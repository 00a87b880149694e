import { readFileSync } from 'node:fs';

/** Other processes, seen through signals and Linux's /proc (undefined where there is no /proc). */

/**
 * Is process `pid` alive? (EPERM: it exists but belongs to someone else.) A
 * zombie — dead, waiting for its parent to collect its exit status — counts
 * as dead.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return statField(pid, 0) !== 'Z';
}

/** Field k after the command name in /proc/<pid>/stat (0: state, 1: ppid); undefined without /proc. */
function statField(pid: number, k: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[k];
  } catch {
    return undefined;
  }
}

/** A process's command name from /proc (Linux); undefined elsewhere. */
export function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** A process's parent pid from /proc/<pid>/stat (Linux); undefined elsewhere. */
export function parentOf(pid: number): number | undefined {
  const ppid = Number(statField(pid, 1));
  return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
}
