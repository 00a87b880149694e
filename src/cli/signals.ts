import { removeOwnTemporaries } from '../io/atomic.js';
import { commandName, parentOf, processAlive } from '../io/processes.js';
import { runtimeMessages } from '../messages-runtime.js';

/** Exit codes of a command stopped by a signal: 128 + the signal's number, as shells report. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

let installed = false;
let stopping = false;
let firstSignal: ((signal: string) => void) | undefined;

/**
 * Let a long-running command (`risklab worker`) wind down on the first
 * SIGINT/SIGTERM/SIGHUP instead of stopping at once: `handler` gets that
 * first signal, and a second one stops as usual. Returns a function that
 * removes the handler.
 */
export function onFirstSignal(handler: (signal: string) => void): () => void {
  firstSignal = handler;
  return () => {
    if (firstSignal === handler) firstSignal = undefined;
  };
}

/**
 * Stop the command on SIGINT (Ctrl-C), SIGTERM (`kill`, a supervisor) or
 * SIGHUP (the terminal closed): remove this process's temporary files and
 * folders and put back any results folder that was moved aside
 * (src/io/atomic.ts), print one line, and exit with 130 / 143 / 129. Worker
 * threads end with the process. The previous results are never replaced:
 * the only step that replaces them is synchronous, so this handler runs
 * either before it starts or after it has finished.
 *
 * When risklab was started by npm or npx (`npm start`, `npx risklab`), npm
 * sits between the caller and this process; if npm itself is killed
 * (SIGKILL cannot be forwarded) this process would run on as an orphan. So
 * it also watches its parent and stops like on SIGTERM when the parent has
 * gone.
 */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as (keyof typeof SIGNAL_EXIT_CODES)[]) {
    process.on(signal, () => {
      const handler = firstSignal;
      firstSignal = undefined;
      if (handler) handler(signal);
      else stop(runtimeMessages.stopped(signal), SIGNAL_EXIT_CODES[signal]);
    });
  }
  if (startedByNpm()) watchParent();
}

function stop(line: string, code: number): void {
  if (stopping) return;
  stopping = true;
  removeOwnTemporaries();
  process.stderr.write(`risklab: ${line}\n`);
  process.exit(code);
}

/** npm sets npm_lifecycle_event for `npm run`/`npm start` and `npm exec`/`npx` alike. */
function startedByNpm(): boolean {
  return process.env.npm_lifecycle_event !== undefined || process.env.npm_command !== undefined;
}

/**
 * Stop when the launching npm process has gone: this process was re-parented
 * (its parent died), or — npm runs a command through `sh -c`, and a killed
 * npm leaves that shell waiting for us — the shell's own parent died.
 */
function watchParent(): void {
  const parent = process.ppid;
  const watched = [parent];
  if (isShell(commandName(parent))) {
    const grand = parentOf(parent);
    if (grand !== undefined && grand > 1) watched.push(grand);
  }
  const timer = setInterval(() => {
    if (process.ppid !== parent || !watched.every(processAlive)) stop(runtimeMessages.parentGone, SIGNAL_EXIT_CODES.SIGTERM);
  }, 250);
  timer.unref();
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh']);
function isShell(name: string | undefined): boolean {
  return name !== undefined && SHELLS.has(name);
}
