import seedrandom from 'seedrandom';

/**
 * A seeded stream of uniform numbers in [0, 1), named by the path of labels
 * it was forked along (`root/population/cohort:1`).
 *
 * Streams are independent by construction: each is seeded from the root seed
 * and its own label path, so drawing more numbers from one stream never moves
 * another. The generator is seedrandom's Alea (about 6 ns a draw here).
 *
 * @example
 * const root = createRandom(42);
 * const a = root.fork('population').next(); // same value whatever `recording` draws
 */
export interface RandomSource {
  /** The root seed the stream descends from. */
  readonly seed: string;
  /** Label path from the root, joined with `/`. */
  readonly label: string;
  /** Next uniform number in [0, 1). */
  next(): number;
  /** A new independent stream for a sub-task, seeded from this stream's path and `label`. */
  fork(label: string): RandomSource;
}

/** Separator used between the root seed and the label path; not a printable character. */
const SEP = '\u001f';

class AleaSource implements RandomSource {
  readonly next: () => number;
  constructor(readonly seed: string, readonly label: string) {
    const prng = seedrandom.alea(`${seed}${SEP}${label}`);
    this.next = prng as () => number;
  }
  fork(label: string): RandomSource {
    if (label.length === 0) throw new Error('random stream label must be a non-empty string');
    return new AleaSource(this.seed, `${this.label}/${label}`);
  }
}

/**
 * The root stream for a run. Every run takes an explicit seed: there is no
 * default and no `Math.random` anywhere in `src/`.
 */
export function createRandom(seed: number | string): RandomSource {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new Error(`seed must be a finite number or a string; got ${seed}`);
  }
  return new AleaSource(String(seed), 'root');
}
