import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RisklabError, messages } from '../messages.js';

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
 * interrupted write never leaves a damaged file at `path`.
 */
export function writeFileAtomic(path: string, chunks: Iterable<string>, field = '--out'): void {
  checkWritable(path, field);
  const full = resolve(path);
  const tmp = join(dirname(full), `.risklab-tmp-${process.pid}-${basename(full)}`);
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
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (e instanceof RisklabError) throw e;
    throw new RisklabError(messages.unwritable(field, path, (e as Error).message), field);
  }
}

/** Make a folder (and parents) if missing. */
export function ensureDir(path: string): void {
  mkdirSync(path, { recursive: true });
}
