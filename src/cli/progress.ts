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
      process.stderr.write(`${name}: ${done}/${total} ${unit}, ${elapsed.toFixed(0)} s elapsed${toGo(done, total, elapsed)}\n`);
    },
    stop: () => {},
  };
}

/**
 * ", about 12 s to go" from the pace so far; nothing when there is no pace
 * yet (nothing done: the first line of a run) or nothing left.
 *
 * @example
 * toGo(0, 9, 0); // ''
 * toGo(3, 9, 6); // ', about 12 s to go'
 */
export function toGo(done: number, total: number, elapsed: number): string {
  if (!(done > 0) || done >= total) return '';
  return `, about ${((elapsed / done) * (total - done)).toFixed(0)} s to go`;
}
