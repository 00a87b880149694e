import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * One place that turns TensorFlow.js into a ready module for the models.
 *
 * Order of preference:
 *  1. `@tensorflow/tfjs-node` (backend `tensorflow`, native libtensorflow) if
 *     it can be imported — it is an optional dependency whose install script
 *     downloads libtensorflow, so on most machines it is simply absent;
 *  2. `@tensorflow/tfjs` on the WebAssembly backend (`wasm`, SIMD where the
 *     runtime has it; single-threaded in Node), with the `.wasm` binaries read
 *     straight from `node_modules/@tensorflow/tfjs-backend-wasm/dist/`;
 *  3. the pure-JavaScript `cpu` backend, only if wasm fails to initialise.
 *
 * Initialisation happens once per process (the promise is memoised). Nothing is
 * printed: tfjs's own notices ("install our node backend…") are silenced by
 * putting tfjs in production mode, and a failed attempt is reported in
 * `TfRuntime.notes` instead of on the console.
 *
 * @example
 * const { tf, backend } = await loadTf();
 * backend; // 'wasm' on a machine without tfjs-node
 */

/** The tfjs module type (tfjs-node re-exports the same API). */
export type Tf = typeof import('@tensorflow/tfjs');

/** Backend names as tfjs reports them. */
export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

/** A ready tfjs module and the backend it runs on. */
export interface TfRuntime {
  readonly tf: Tf;
  /** The backend selected at initialisation (the one `tf.getBackend()` returned then). */
  readonly backend: TfBackendName;
  /** Why a preferred backend was not used, for reports and benches (never printed). */
  readonly notes: readonly string[];
}

const TFJS_NODE = '@tensorflow/tfjs-node';

let runtime: Promise<TfRuntime> | undefined;

/** The ready tfjs runtime; initialised on first call and shared afterwards. */
export function loadTf(): Promise<TfRuntime> {
  runtime ??= initialise();
  return runtime;
}

/**
 * Switch the process-wide tfjs backend (`'wasm'` or `'cpu'`), e.g. for a bench
 * comparison; returns the runtime now in force. tfjs has one global engine, so
 * this affects every later fit until switched back.
 */
export async function useTfBackend(name: 'wasm' | 'cpu'): Promise<TfRuntime> {
  const { tf, notes } = await loadTf();
  if (name === 'wasm') await registerWasm();
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
  return { tf, backend: name, notes };
}

async function initialise(): Promise<TfRuntime> {
  const notes: string[] = [];
  const native = await tryTfjsNode(notes);
  if (native) return { tf: native, backend: 'tensorflow', notes };
  const tf: Tf = await import('@tensorflow/tfjs');
  tf.enableProdMode(); // silences tfjs's console notices; changes no numbers
  if (await tryWasm(tf, notes)) return { tf, backend: 'wasm', notes };
  if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to initialise');
  await tf.ready();
  return { tf, backend: 'cpu', notes };
}

async function tryTfjsNode(notes: string[]): Promise<Tf | undefined> {
  try {
    // A variable specifier: the package is optional, so neither tsc nor a bundler may insist on it.
    const specifier = TFJS_NODE;
    const mod = (await import(specifier)) as Tf & { default?: Tf };
    const tf = typeof mod.setBackend === 'function' ? mod : (mod.default as Tf);
    tf.enableProdMode();
    if (!(await tf.setBackend('tensorflow'))) throw new Error('backend tensorflow did not initialise');
    await tf.ready();
    return tf;
  } catch (error) {
    notes.push(`${TFJS_NODE} unavailable: ${firstLine(error)}`);
    return undefined;
  }
}

let wasmRegistered: Promise<void> | undefined;

/** Register the wasm backend (importing it does) and point it at its binaries; once per process. */
function registerWasm(): Promise<void> {
  wasmRegistered ??= import('@tensorflow/tfjs-backend-wasm').then((wasm) => {
    // In Node the Emscripten loader reads the binary with fs.readFileSync, so a
    // plain directory path (with its trailing separator) is what works here;
    // the default (a path relative to the bundled script) does not resolve.
    wasm.setWasmPaths(wasmDirectory());
  });
  return wasmRegistered;
}

async function tryWasm(tf: Tf, notes: string[]): Promise<boolean> {
  try {
    await registerWasm();
    if (!(await tf.setBackend('wasm'))) throw new Error('backend wasm did not initialise');
    await tf.ready();
    return true;
  } catch (error) {
    notes.push(`wasm backend unavailable, using cpu: ${firstLine(error)}`);
    return false;
  }
}

/** Folder holding `tfjs-backend-wasm*.wasm`, with a trailing separator. */
function wasmDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
  return text.split('\n')[0];
}
