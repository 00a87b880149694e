import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RisklabError, messages } from '../messages.js';
import { processAlive } from './processes.js';

/**
 * Temporary files and folders, and how they are cleaned up.
 *
 * Everything risklab writes goes first to a temporary sibling of its target
 * named `.risklab-tmp-<pid>-<n>-<role>-<target name>` (hidden by .gitignore),
 * where role is `new` (the output being written), `old` (the previous
 * output, moved aside for the moment it takes to rename the new one into
 * place) or `file` (a single file). The name says who made it and what it
 * stands for, so that:
 *
 * - on SIGINT/SIGTERM, `removeOwnTemporaries` (called by src/cli/signals.ts)
 *   removes this process's temporaries and puts any `old` folder back;
 * - after a SIGKILL or a power cut, the next run in the same folder
 *   (`cleanStaleTemporaries`) removes the temporaries of processes that are no
 *   longer alive, and puts back an `old` folder whose target is missing — the
 *   one state (killed between the two renames of a folder replacement) in
 *   which neither the previous nor the new output is in place.
 */
export const TMP_PREFIX = '.risklab-tmp-';
const TMP_NAME = /^\.risklab-tmp-(\d+)-(\d+)-(new|old|file)-(.+)$/;

export type TempRole = 'new' | 'old' | 'file';

/** This process's temporaries that exist now: path → target. */
const ours = new Map<string, { role: TempRole; target: string }>();
let counter = 0;

/** A fresh temporary path beside `target` for `role`, registered for clean-up on a signal. */
export function temporaryPath(target: string, role: TempRole): string {
  const full = resolve(target);
  const path = join(dirname(full), `${TMP_PREFIX}${process.pid}-${++counter}-${role}-${basename(full)}`);
  ours.set(path, { role, target: full });
  return path;
}

/** Forget a temporary that has been renamed into place or removed. */
export function releaseTemporary(path: string): void {
  ours.delete(path);
}

/** Remove a temporary file or folder and forget it. */
export function removeTemporary(path: string): void {
  rmSync(path, { recursive: true, force: true });
  ours.delete(path);
}

/**
 * Undo this process's unfinished writes, synchronously (for a signal
 * handler): every temporary is removed, except that an `old` folder whose
 * target is missing is renamed back over it.
 */
export function removeOwnTemporaries(): void {
  for (const [path, { role, target }] of [...ours]) {
    try {
      if (role === 'old' && existsSync(path) && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: the next run's cleanStaleTemporaries finishes the job.
    }
    ours.delete(path);
  }
}

/**
 * Clean up after risklab processes that died in `dir` without cleaning up
 * (SIGKILL, power cut): remove their temporaries, and put back a previous
 * output they had moved aside when its replacement never arrived. Temporaries
 * of live processes (a run in progress) are left alone. Returns what was done,
 * one entry per temporary. A missing or unreadable `dir` is not an error.
 */
export function cleanStaleTemporaries(dir: string): { path: string; action: 'removed' | 'restored' }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const done: { path: string; action: 'removed' | 'restored' }[] = [];
  // `old` entries last, so that a stale `new` beside it is gone first.
  const stale = names
    .map((name) => ({ name, m: TMP_NAME.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null && !processAlive(Number(e.m[1])))
    .sort((a, b) => Number(a.m[3] === 'old') - Number(b.m[3] === 'old'));
  for (const { name, m } of stale) {
    const path = join(dir, name);
    const target = join(dir, m[4]);
    try {
      if (m[3] === 'old' && !existsSync(target)) {
        renameSync(path, target);
        done.push({ path, action: 'restored' });
      } else {
        rmSync(path, { recursive: true, force: true });
        done.push({ path, action: 'removed' });
      }
    } catch {
      // Another process got there first, or no permission: leave it.
    }
  }
  return done;
}

/**
 * Check before doing any work that `path` can be written: its folder exists
 * and is writable, and it is not itself a folder.
 */
export function checkWritable(path: string, field = '--out'): void {
  const full = resolve(path);
  const dir = dirname(full);
  if (!existsSync(dir)) throw new RisklabError(messages.unwritable(field, path, `folder ${dir} does not exist`), field);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new RisklabError(messages.unwritable(field, path, `folder ${dir} is not writable`), field);
  }
  if (existsSync(full) && statSync(full).isDirectory()) {
    throw new RisklabError(messages.unwritable(field, path, 'it is a folder'), field);
  }
}

/**
 * Write a file from string chunks through a temporary file in the same
 * folder, renamed into place only when every chunk is written: a failed or
 * interrupted write never leaves a damaged file at `path`. Chunks are pulled
 * one at a time, so a generator can stream output far larger than memory.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string>, field = '--out'): void {
  checkWritable(path, field);
  const full = resolve(path);
  cleanStaleTemporaries(dirname(full));
  const tmp = temporaryPath(full, 'file');
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, full);
    releaseTemporary(tmp);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    removeTemporary(tmp);
    if (e instanceof RisklabError) throw e;
    throw new RisklabError(messages.unwritable(field, path, (e as Error).message), field);
  }
}

/** Make a folder (and parents) if missing. */
export function ensureDir(path: string): void {
  mkdirSync(path, { recursive: true });
}
