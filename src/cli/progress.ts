import { SingleBar, Presets } from 'cli-progress';

/**
 * Progress on stderr: a bar on a terminal (cli-progress), otherwise a line
 * at the start, every 5 s and at the end, so logs stay short. Used by
 * `risklab run` (unit "tasks"), check-claim and audit.
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
      if (done < total && now - last < 5000) return;
      last = now;
      const elapsed = (now - start) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
      process.stderr.write(`${name}: ${done}/${total} ${unit}, ${elapsed.toFixed(0)} s elapsed${done < total ? `, about ${eta.toFixed(0)} s to go` : ''}\n`);
    },
    stop: () => {},
  };
}
