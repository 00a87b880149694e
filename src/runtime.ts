import { Worker } from 'node:worker_threads';

/**
 * How this code is running: as the compiled JavaScript in dist/ (the built
 * command line, `bin/risklab.js`), or as the TypeScript in src/ (vitest,
 * `npx tsx src/cli/main.ts`). Decided once, by this module's own file name,
 * so every module of one process agrees.
 */
export const compiled: boolean = import.meta.url.endsWith('.js');

/**
 * Start a worker thread on a module of this code base, given by its URL as
 * compiled (`new URL('./worker.js', import.meta.url)`). Compiled: the worker
 * runs that JavaScript file directly. From source: the worker first registers
 * tsx's loader and then imports the `.ts` file next to it — the only place
 * worker threads need tsx.
 */
export function startModuleWorker(url: URL, workerData: unknown): Worker {
  if (compiled) return new Worker(url, { workerData });
  const entry = url.href.replace(/\.js$/, '.ts');
  const loader = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * For a library that starts its own worker threads on a file of ours (BullMQ's
 * sandboxed processors): the file to give it. Compiled: the `.js` file as it
 * is. From source: `<name>-from-source.mjs` next to the `.ts` file, a plain
 * JavaScript file that registers tsx's loader in the thread (a worker thread
 * does not inherit it) and re-exports the `.ts` module's default export.
 */
export function moduleWorkerFile(url: URL): URL {
  return compiled ? url : new URL(url.href.replace(/\.js$/, '-from-source.mjs'));
}

/**
 * Import a module by absolute file URL. A TypeScript file (an experiment in
 * experiments/ or a user's own `my.ts`) goes through tsx's scoped `tsImport`,
 * which compiles that file and what it imports without changing how anything
 * else loads; tsx is loaded only then. That holds for the compiled command
 * line and for the TypeScript run through tsx alike (tsx's global loader
 * fails on a .ts file outside an ESM package, such as /tmp/my.ts); under
 * vitest, whose own loader understands TypeScript, a plain `import()` is used.
 */
export async function importModule(url: string): Promise<Record<string, unknown>> {
  let mod: Record<string, unknown>;
  // vitest marks its own workers with this global (an environment variable would reach child processes too).
  const underVitest = '__vitest_worker__' in globalThis;
  if (!underVitest && /\.[mc]?ts$/.test(new URL(url).pathname)) {
    const { tsImport } = (await import('tsx/esm/api')) as typeof import('tsx/esm/api');
    mod = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  } else mod = (await import(url)) as Record<string, unknown>;
  return esModuleExports(mod);
}

/**
 * A `.ts` file outside an ESM package (no `"type": "module"` above it, e.g.
 * `/tmp/my.ts`) is compiled as CommonJS, and importing CommonJS gives its
 * `module.exports` as `default`; the file's own exports are then found on
 * that object, marked `__esModule` (Babel's and esbuild's convention).
 */
function esModuleExports(mod: Record<string, unknown>): Record<string, unknown> {
  const inner = mod.default as { __esModule?: unknown } | undefined;
  return inner !== null && typeof inner === 'object' && inner.__esModule === true ? (inner as Record<string, unknown>) : mod;
}
