/**
 * What every reference row gets: the exported data (the same numbers both
 * sides read), our side's matrices, and CPU-time helpers.
 */
import type { FeatureMatrix, TrainingSet } from '../../src/models/types.js';

export interface ReferenceContext {
  /** Folder of the export: features.f64 (row-major, all rows), labels.u8, scores.f64, meta.json. */
  readonly exportDir: string;
  /** Rows and features: the first `nTrain` rows train, the rest test. */
  readonly nRows: number;
  readonly nTrain: number;
  readonly train: TrainingSet;
  readonly test: FeatureMatrix;
  readonly testYRecorded: Uint8Array;
  /** Every row (for predicting all of them). */
  readonly all: FeatureMatrix;
  readonly allYRecorded: Uint8Array;
  /** Timed repeats per job (medians are shown). */
  readonly repeats: number;
}

/** CPU seconds (user + system, all threads of this process) of `f()`, and its value. */
export async function cpuSeconds<T>(f: () => T | Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.cpuUsage();
  const value = await f();
  const used = process.cpuUsage(start);
  return { seconds: (used.user + used.system) / 1e6, value };
}

/** CPU seconds per call of a fast `f`, as the median over batches of calls lasting at least ~50 ms. */
export async function cpuSecondsPerCall(f: () => unknown, batches = 5): Promise<number[]> {
  let calls = 1;
  for (;;) {
    const { seconds } = await cpuSeconds(() => {
      for (let k = 0; k < calls; k++) f();
    });
    if (seconds >= 0.05 || calls >= 1 << 16) break;
    calls *= 2;
  }
  const out: number[] = [];
  for (let b = 0; b < batches; b++) {
    const { seconds } = await cpuSeconds(() => {
      for (let k = 0; k < calls; k++) f();
    });
    out.push(seconds / calls);
  }
  return out;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
