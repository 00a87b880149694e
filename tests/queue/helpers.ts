import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const BIN = join(ROOT, 'bin', 'risklab.js');
export const TINY = join(here, 'fixtures', 'tiny.json');

/** Make dist/ current, so `node bin/risklab.js` runs the compiled CLI (what `npm ci` builds). */
export function buildDist(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'tsconfig.build.json')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tsc -b failed: ${build.stdout}${build.stderr}`);
}

/** Every file of a folder, by relative path. */
export function folderFiles(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(d, f.name), `${prefix}${f.name}/`);
      else out[`${prefix}${f.name}`] = readFileSync(join(d, f.name), 'utf8');
    }
  };
  walk(path, '');
  return out;
}

/** Two results folders hold the same files with the same bytes, manifest.json apart. */
export function sameResults(a: string, b: string): { names: string[]; differing: string[] } {
  const fa = folderFiles(a);
  const fb = folderFiles(b);
  const names = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  return { names, differing: names.filter((n) => n !== 'manifest.json' && fa[n] !== fb[n]) };
}

/** A risklab process: its output so far, and a wait for a line. */
export interface RisklabProcess {
  readonly child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited(): Promise<number | null>;
}

/**
 * Start `risklab <args>` as its own process: through bin/risklab.js (the
 * compiled CLI when dist/ is current) or from the TypeScript sources
 * (`node --import tsx src/cli/main.ts`). One process either way, so a
 * signal reaches risklab itself.
 */
export function startRisklab(args: string[], options: { via: 'bin' | 'source'; env?: Record<string, string> }): RisklabProcess {
  const argv = options.via === 'bin' ? [BIN, ...args] : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args];
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const add = (chunk: Buffer) => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    waitFor(pattern, ms = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`risklab ${args[0]} exited (${child.exitCode}) before printing ${pattern}:\n${text}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${ms} ms:\n${text}`));
        }, ms);
        listeners.add(check);
        void exit.then(check);
        check();
      });
    },
    exited: () => exit,
  };
}

/** Stop a process: SIGTERM (a worker finishes its task), then SIGKILL if it is still there after `ms`. */
export async function stopProcess(p: RisklabProcess, ms = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), ms);
  await p.exited();
  clearTimeout(timer);
}

/** The task indices a worker's log says it finished, in order. */
export function doneIndices(log: string, hash: string): number[] {
  return [...log.matchAll(new RegExp(`^done ${hash}-(\\d+) `, 'gm'))].map((m) => Number(m[1]));
}
