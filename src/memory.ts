import { RisklabError } from './messages.js';
import { runtimeMessages } from './messages-runtime.js';

/**
 * Memory estimates, checked before any work so that a size that cannot fit
 * is refused in one line instead of ending in a crash minutes later. Pure:
 * the caller passes the limit (src/io/memory-limit.ts reads it).
 *
 * The constants are measured by `npm run bench:memory` (bench/memory.bench.ts):
 * the slope of peak RSS between 50,000 and 150,000 children, each in its own
 * process, Node 20.20 on x86-64 (2026-12). They are rounded up, and a margin
 * is added on top, so an estimate errs on the generous side.
 */
export const MEMORY = {
  /**
   * `risklab generate` without --out: the cohort drawn and recorded in memory
   * (`simulateCohort`: measured 85 bytes a child) and its summary, whose AUCs
   * sort pTrue — measured 142 bytes a child for the whole command between
   * 1 and 3 million children (`/usr/bin/time -f %M`).
   */
  generatePerChild: 160,
  /**
   * `generate --out`, streamed: 8 bytes a child for the scores then pTrue, 2
   * for the summary's labels, and the AUCs' sort; measured 19 bytes a child
   * for the whole command between 1 and 3 million children (bench `stream`).
   */
  streamPerChild: 25,
  /** Children per chunk when streaming `generate --out`. */
  streamChunk: 65_536,
  /**
   * One task without a fitted model (oracle only): its cohort, records,
   * features, scores, sweeps and metrics — measured 586 bytes per simulated
   * child (a cohort split holds two cohorts).
   */
  taskPerChild: 650,
  /**
   * What fitting one model adds, per simulated child of the task, over the
   * task without it: measured (task slope − 586) logistic 160, points 11,
   * boosting 240 (200 rounds), neural 181, forest 309 (100 trees, depth 40).
   * Models are fitted one after another, so a task adds the largest.
   */
  fitPerChild: { logistic: 200, points: 50, boosting: 300, neural: 250, forest: 400, oracle: 0, baseline: 50 } as Record<string, number>,
  /** Main-thread heap per task result kept until the end, per model: measured 263 kB (logistic, one operating point). */
  resultPerTaskModel: 300_000,
  /** Node, the loaded modules and the V8 heap before any work: measured about 170 MB; per worker thread about 90 MB. */
  base: 200e6,
  perWorker: 100e6,
} as const;

/** A memory limit and the words that name it in a message. */
export interface MemoryLimit {
  readonly bytes: number;
  /** e.g. "of memory this machine has", "the cgroup memory limit". */
  readonly name: string;
}

/** What an estimate is about: the setting that drives it and its value. */
export interface Estimate {
  readonly bytes: number;
  readonly field: string;
  readonly value: unknown;
  /** What to do instead, for the message. */
  readonly hint: string;
  /** Bytes of it that live on the JavaScript heap of the main thread (checked against the V8 heap limit too). */
  readonly heapBytes?: number;
}

/**
 * Memory for `risklab generate` of `size` children: streamed to a file
 * (`--out`) it needs `streamPerChild` a child, in memory `generatePerChild`.
 *
 * @example
 * estimateGenerate(100_000_000, false).bytes; // 1.62e10 in memory; streamed (true): 2.7e9
 */
export function estimateGenerate(size: number, streamed: boolean, field = 'population.size'): Estimate {
  const perChild = streamed ? MEMORY.streamPerChild : MEMORY.generatePerChild;
  return {
    bytes: MEMORY.base + size * perChild,
    field,
    value: size,
    hint: streamed ? 'use a smaller size' : 'use a smaller size, or write the children to a file with --out (streamed, about 25 bytes a child)',
  };
}

/** The shape of an experiment the run estimate needs (a ResolvedExperiment has it). */
export interface RunShape {
  readonly replicates: number;
  readonly cells: readonly { readonly scenario: { readonly population: { readonly size: number } } }[];
  readonly experiment: {
    readonly models: readonly { readonly name: string }[];
    readonly split: { readonly kind: string };
  };
}

/**
 * Memory for `risklab run`: every worker holds one task at a time (its
 * cohorts, records, features, the largest model being fitted), and the main
 * thread keeps every task's result until the report is written. Names the
 * field that drives the estimate: the population size when one task cannot
 * fit, the replicates when the results cannot.
 */
export function estimateRun(shape: RunShape, workers: number, options: { saveScores?: boolean } = {}): Estimate {
  const size = Math.max(...shape.cells.map((c) => c.scenario.population.size));
  const cohorts = shape.experiment.split.kind === 'cohort' ? 2 : 1;
  const models = shape.experiment.models;
  const fit = Math.max(0, ...models.map((m) => MEMORY.fitPerChild[m.name] ?? MEMORY.fitPerChild.baseline));
  const task = size * (cohorts * MEMORY.taskPerChild + fit + 8 * models.length);
  const tasks = shape.replicates * shape.cells.length;
  const scores = options.saveScores ? tasks * size * 8 * (models.length + 3) : 0;
  const results = tasks * models.length * MEMORY.resultPerTaskModel;
  const parallel = Math.max(1, Math.min(workers, tasks));
  const bytes = MEMORY.base + parallel * (MEMORY.perWorker + task) + results + scores;
  const byResults = results + scores > parallel * task;
  return byResults
    ? { bytes, field: 'replicates', value: shape.replicates, hint: 'use fewer replicates (--replicates) or fewer cells', heapBytes: results }
    : { bytes, field: 'population.size', value: size, hint: `use a smaller population${parallel > 1 ? ' or fewer --workers' : ''}`, heapBytes: results };
}

/**
 * Throw the one-line refusal when an estimate does not fit in `limit` (or
 * its heap part in the V8 heap limit `heapLimit`).
 *
 * @example
 * checkFits(estimateGenerate(1e12, false), { bytes: 24e9, name: 'of memory this machine has' });
 * // RisklabError: population.size = 1000000000000 needs about 100 TB of memory, more than the 24 GB of memory this machine has; …
 */
export function checkFits(estimate: Estimate, limit: MemoryLimit, heapLimit?: MemoryLimit): void {
  const over = (bytes: number, l: MemoryLimit) =>
    new RisklabError(runtimeMessages.tooLarge(estimate.field, estimate.value, bytes, l.bytes, l.name, estimate.hint), estimate.field);
  if (!(estimate.bytes <= limit.bytes)) throw over(estimate.bytes, limit);
  if (heapLimit && estimate.heapBytes !== undefined && !(estimate.heapBytes <= heapLimit.bytes)) throw over(estimate.heapBytes, heapLimit);
}
