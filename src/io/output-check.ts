import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RisklabError, cliMessages, messages } from '../messages.js';

/**
 * Checks of an output location made before any work, so that a `--out` that
 * is a file, lies under a file, or cannot be written is reported in one line
 * at once, not after minutes of computation. Only this module and the writers
 * (atomic.ts, results.ts) touch the output location.
 */

/** A Node error code in words. */
function failure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'it is on a read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a file of that name is in the way',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many symbolic links',
  };
  return (code && words[code]) ?? (e instanceof Error ? e.message : String(e));
}

/** The nearest part of `path` (itself or a parent) that exists. */
function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/**
 * Make sure `dir` is (or can be made) a writable folder: no part of it is a
 * file, it is created if missing, and a temporary folder can be created and
 * written in it (then removed; its name `.risklab-tmp-<pid>-check-*` is the
 * writers' pattern, so a stale one is cleaned like theirs).
 */
export function checkOutputFolder(dir: string, field = '--out', shown = dir): void {
  const full = resolve(dir);
  const existing = nearestExisting(full);
  if (!statSync(existing).isDirectory()) {
    throw new RisklabError(messages.unwritable(field, shown, existing === full ? 'it is a file, not a folder' : `${existing} is a file, not a folder`), field);
  }
  let probe: string | undefined;
  try {
    mkdirSync(full, { recursive: true });
    probe = mkdtempSync(join(full, `.risklab-tmp-${process.pid}-check-`));
    writeFileSync(join(probe, 'probe'), 'risklab checks that it can write here\n');
  } catch (e) {
    throw new RisklabError(messages.unwritable(field, shown, `folder ${full}: ${failure(e)}`), field);
  } finally {
    if (probe) rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * Before a run: the results folder `target` (`<--out>/<name>`) can be
 * written, and replacing it loses nothing risklab did not write: if it
 * exists it must be a folder that is empty or holds a results folder's
 * config.json or manifest.json.
 */
export function checkResultsTarget(target: string, field = '--out', shown = dirname(target)): void {
  checkOutputFolder(dirname(target), field, shown);
  const full = resolve(target);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) throw new RisklabError(messages.unwritable(field, shown, `${full} is a file, not a results folder`), field);
  const entries = readdirSync(full);
  if (entries.length > 0 && !entries.includes('config.json') && !entries.includes('manifest.json')) {
    throw new RisklabError(cliMessages.notResultsFolder(field, full), field);
  }
}

/**
 * Before writing one file (generate --out, an index page): its folder exists,
 * is a folder and can be written, and the file is not itself a folder.
 */
export function checkOutputFile(path: string, field = '--out'): void {
  const full = resolve(path);
  const dir = dirname(full);
  const existing = nearestExisting(dir);
  if (existing !== dir) {
    const why = statSync(existing).isDirectory() ? `folder ${dir} does not exist` : `${existing} is a file, not a folder`;
    throw new RisklabError(messages.unwritable(field, path, why), field);
  }
  if (!statSync(dir).isDirectory()) throw new RisklabError(messages.unwritable(field, path, `${dir} is a file, not a folder`), field);
  if (existsSync(full) && statSync(full).isDirectory()) throw new RisklabError(messages.unwritable(field, path, 'it is a folder'), field);
  checkOutputFolder(dir, field, path);
}
