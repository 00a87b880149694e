import { SingleBar, Presets } from 'cli-progress';

/**
 * Progress on stderr: a bar on a terminal (cli-progress), otherwise a line
 * every few seconds and at the end, so logs stay short.
 */
export function progressOnStderr(name: string, unit: string, mode: 'auto' | 'none' = 'auto'): { update: (done: number, total: number) => void; stop: () => void } {
  if (mode === 'none') return { update: () => {}, stop: () => {} };
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${name} [{bar}] {value}/{total} ${unit} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    let started = false;
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  const start = Date.now();
  let last = 0;
  return {
    update: (done, total) => {
      const now = Date.now();
      if (done < total && done > 0 && now - last < 3000) return;
      last = now;
      process.stderr.write(`${name}: ${done}/${total} ${unit}, ${((now - start) / 1000).toFixed(1)} s\n`);
    },
    stop: () => {},
  };
}
