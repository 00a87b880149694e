import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { hostname, cpus } from 'node:os';
import { RisklabError, messages } from '../messages.js';
import { cleanStaleTemporaries, releaseTemporary, removeTemporary, temporaryPath } from './atomic.js';
import { REPO_ROOT } from './paths.js';

/** A results folder's files: relative path → text (or text chunks), or bytes (brief.pdf). */
export type FolderFiles = Record<string, string | Iterable<string> | Uint8Array>;

/** A results folder being written: its temporary folder exists until `commit` or `abort`. */
export interface PendingFolder {
  /** The temporary folder (a sibling of the target, see src/io/atomic.ts). */
  readonly tmp: string;
  /** Write every file into the temporary folder, then replace the target with it. */
  commit(files: FolderFiles): void;
  /** Remove the temporary folder; the target is untouched. */
  abort(): void;
}

function unwritable(target: string, e: unknown): RisklabError {
  return e instanceof RisklabError ? e : new RisklabError(messages.unwritable('--out', target, (e as Error).message), '--out');
}

/**
 * Start writing the results folder `target`: clean up after dead runs in its
 * parent (src/io/atomic.ts), then create the temporary folder now — so an
 * output location that cannot be written fails before any work, and a signal
 * during the run removes it (src/cli/signals.ts).
 */
export function openFolderAtomic(target: string): PendingFolder {
  const full = resolve(target);
  const parent = dirname(full);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new RisklabError(messages.unwritable('--out', parent, (e as Error).message), '--out');
  }
  cleanStaleTemporaries(parent);
  const tmp = temporaryPath(full, 'new');
  try {
    mkdirSync(tmp);
  } catch (e) {
    releaseTemporary(tmp);
    throw unwritable(target, e);
  }
  let open = true;
  return {
    tmp,
    commit(files) {
      if (!open) throw new Error('results folder already committed or aborted');
      open = false;
      try {
        for (const [rel, content] of Object.entries(files)) {
          const path = join(tmp, rel);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, typeof content === 'string' || content instanceof Uint8Array ? content : [...content].join(''));
        }
        replaceFolder(tmp, full);
      } catch (e) {
        removeTemporary(tmp);
        throw unwritable(target, e);
      }
    },
    abort() {
      open = false;
      removeTemporary(tmp);
    },
  };
}

/**
 * Put folder `tmp` in place of `full`. Node has no atomic exchange of two
 * folders (Linux's renameat2 RENAME_EXCHANGE is not exposed) and a rename
 * cannot replace a non-empty folder, so the previous folder is first renamed
 * aside to an `old` temporary, then `tmp` is renamed into place, then the old
 * one is removed. Both renames are synchronous, so a SIGINT/SIGTERM handler
 * (which runs only between JavaScript tasks) can never run between them;
 * only a SIGKILL or a power cut can, and then the next run's
 * `cleanStaleTemporaries` renames the old folder back.
 */
function replaceFolder(tmp: string, full: string): void {
  const old = temporaryPath(full, 'old');
  const hadOld = existsSync(full);
  try {
    if (hadOld) renameSync(full, old);
  } catch (e) {
    releaseTemporary(old);
    throw e;
  }
  try {
    renameSync(tmp, full);
  } catch (e) {
    if (hadOld) renameSync(old, full);
    releaseTemporary(old);
    throw e;
  }
  releaseTemporary(tmp);
  if (hadOld) removeTemporary(old);
  else releaseTemporary(old);
}

/**
 * Write a whole results folder atomically: everything goes into a temporary
 * sibling folder, which is renamed into place only when complete. A failed
 * or interrupted run never leaves a half-written folder over a good one.
 */
export function writeFolderAtomic(target: string, files: FolderFiles): void {
  openFolderAtomic(target).commit(files);
}

/** The package version and the versions of the libraries results depend on. */
export function versions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const dep = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'not installed';
    }
  };
  return {
    risklab: pkg.version,
    node: process.version,
    '@tensorflow/tfjs': dep('@tensorflow/tfjs'),
    '@tensorflow/tfjs-node': tfjsNodeVersion(dep('@tensorflow/tfjs-node')),
    vega: dep('vega'),
    'vega-lite': dep('vega-lite'),
  };
}

/**
 * tfjs-node's version, and whether it can be used: npm can place the package
 * while its install script (which downloads libtensorflow) never ran, and
 * then models use @tensorflow/tfjs with the wasm backend instead.
 */
function tfjsNodeVersion(version: string): string {
  if (version === 'not installed') return version;
  const lib = join(REPO_ROOT, 'node_modules', '@tensorflow/tfjs-node', 'lib');
  const binding = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
  return binding ? version : `${version} (installed without its native binding: not used)`;
}

/** manifest.json's `git`: the commit a run's code came from (src/io/stamp.ts reads it) and whether its tracked code had local changes. */
export function gitOfStamp(stamp: { commit: string | null; localChanges: boolean }): { commit: string | null; dirty: boolean } {
  return { commit: stamp.commit, dirty: stamp.localChanges };
}

/** The exact command line of this process: the Node binary, the script and every argument, and the folder it ran in. */
export function commandLine(): { argv: string[]; cwd: string } {
  return { argv: [...process.argv], cwd: process.cwd() };
}

/** manifest.json: the one file that records time, versions and host (and so differs between identical runs). */
export function manifest(extra: Record<string, unknown>): string {
  return `${JSON.stringify(
    {
      createdAt: new Date().toISOString(),
      git: null,
      command: commandLine(),
      versions: versions(),
      host: { hostname: hostname(), platform: process.platform, arch: process.arch, cpus: cpus().length, cpu: cpus()[0]?.model ?? '' },
      ...extra,
    },
    null,
    2,
  )}\n`;
}
