#!/usr/bin/env node
// The `risklab` command. Runs the CLI in this process (no child process, so
// a signal sent to this process reaches the run itself), from the compiled
// JavaScript in dist/ that `npm ci` builds (the `prepare` script). When dist/
// is missing or older than a file in src/ (someone edited the TypeScript and
// has not run `npm run build`), it runs the TypeScript instead through tsx's
// loader: slower to start, never out of date.
//
// Paths are taken from this file's real location, so the command works from
// any working directory and through the symlink npm makes for an installed bin.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(realpathSync(fileURLToPath(import.meta.url))), '..');
const built = join(root, 'dist', 'cli', 'main.js');
const stamp = join(root, 'dist', '.tsbuildinfo');

/** Newest modification time (ms) of any file under `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function builtIsCurrent() {
  if (!existsSync(built) || !existsSync(stamp)) return false;
  const src = join(root, 'src');
  return !existsSync(src) || newest(src) <= statSync(stamp).mtimeMs;
}

let cli;
if (builtIsCurrent()) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
await cli.runCli(process.argv.slice(2));
