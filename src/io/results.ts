import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { hostname, cpus } from 'node:os';
import { RisklabError, messages } from '../messages.js';
import { REPO_ROOT } from './paths.js';

/** A results folder's files: relative path → text (or text chunks). */
export type FolderFiles = Record<string, string | Iterable<string>>;

/**
 * Write a whole results folder atomically: everything goes into a temporary
 * sibling folder, which is renamed into place only when complete. A failed
 * or interrupted run never leaves a half-written folder over a good one.
 */
export function writeFolderAtomic(target: string, files: FolderFiles): void {
  const full = resolve(target);
  const parent = dirname(full);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new RisklabError(messages.unwritable('--out', parent, (e as Error).message), '--out');
  }
  const tmp = join(parent, `.risklab-tmp-${process.pid}-${Date.now()}`);
  const old = `${tmp}-old`;
  try {
    for (const [rel, content] of Object.entries(files)) {
      const path = join(tmp, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof content === 'string' ? content : [...content].join(''));
    }
    if (existsSync(full)) renameSync(full, old);
    renameSync(tmp, full);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(full)) renameSync(old, full);
    throw new RisklabError(messages.unwritable('--out', target, (e as Error).message), '--out');
  }
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
    seedrandom: dep('seedrandom'),
    '@tensorflow/tfjs': dep('@tensorflow/tfjs'),
    '@tensorflow/tfjs-node': dep('@tensorflow/tfjs-node'),
    vega: dep('vega'),
    'vega-lite': dep('vega-lite'),
  };
}

/** manifest.json: the one file that records time, versions and host (and so differs between identical runs). */
export function manifest(extra: Record<string, unknown>): string {
  return `${JSON.stringify(
    {
      createdAt: new Date().toISOString(),
      versions: versions(),
      host: { hostname: hostname(), platform: process.platform, arch: process.arch, cpus: cpus().length, cpu: cpus()[0]?.model ?? '' },
      ...extra,
    },
    null,
    2,
  )}\n`;
}
