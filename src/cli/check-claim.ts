import { RisklabError, messages } from '../messages.js';
import { claimMessages as m, searchWords } from '../claim-messages.js';
import { FIGURE_NAMES, parseClaim, type Figure } from '../claims/figures.js';
import { checkConsistency, type ConsistencyCheck } from '../claims/check.js';
import { outcomeReference, plausibility, type Plausibility } from '../claims/plausibility.js';
import { claimText } from '../claims/report.js';
import { runSearchUnit, searchTargets, searchUnits, summarizeSearch, type SearchCell, type SearchSettings, type SearchSummary, type SearchTarget, type SearchUnit } from '../claims/search.js';
import { readKeyFile } from '../io/claim-file.js';
import { loadScenarioInput } from '../io/scenario-files.js';
import { progressOnStderr } from './progress.js';
import { availableParallelism } from 'node:os';
import { startModuleWorker } from '../runtime.js';
import { runJobsInWorkers, type PoolData } from '../worker-pool.js';

/** Flags of `risklab check-claim` (figure flags are camelCase figure names). */
export interface CheckClaimFlags {
  readonly [figure: string]: unknown;
  json?: boolean;
  outcome?: string;
  search?: boolean;
  seed?: number | string;
  preset?: string;
  gridAuc?: number[];
  gridDetection?: number[];
  gridLeakage?: number[];
  children?: number;
  tolerance?: number;
  progress?: 'auto' | 'none';
  /** Worker threads for the search (default: the machine's cores). */
  workers?: number;
}

/** The whole answer, as `--json` prints it. */
export interface ClaimReport {
  readonly figures: readonly Figure[];
  readonly consistency: ConsistencyCheck;
  readonly plausibility: Plausibility | null;
  readonly search: { readonly settings: Omit<SearchSettings, 'preset'>; readonly targets: readonly SearchTarget[]; readonly cells: readonly SearchCell[]; readonly summary: SearchSummary } | { readonly skipped: string } | null;
}

/** Default grid of the search (documented in the README). */
export const DEFAULT_GRID = { oracleAuc: [0.7, 0.8, 0.9], detection: [0.3, 0.6, 1], leakage: [0, 0.5, 0.95] } as const;
export const DEFAULT_SEARCH_SEED = 2020;

/** Children per search cell: about 300 recorded cases, between 20,000 and 100,000. */
export function searchChildren(recordedBaseRate: number): number {
  return Math.min(100_000, Math.max(20_000, Math.round(300 / recordedBaseRate / 1000) * 1000));
}

/**
 * Run the units of a search and return every cell, in unit order, on
 * `workers` worker threads (src/claims/search-worker.ts through
 * src/worker-pool.ts; default the machine's cores, never more than the
 * units; 1 runs in this thread). Each unit is seeded from the search seed
 * and its own settings, so the cells are identical whatever the number of
 * workers. `onProgress` counts settings (cells) done.
 */
export async function runSearchUnits(
  settings: SearchSettings,
  targets: readonly SearchTarget[],
  units: readonly SearchUnit[],
  onProgress: (done: number, total: number) => void,
  workers: number = availableParallelism(),
): Promise<SearchCell[]> {
  const perUnit = settings.leakage.length;
  const total = units.length * perUnit;
  onProgress(0, total);
  if (Math.min(workers, units.length) <= 1) {
    const out: SearchCell[] = [];
    for (const unit of units) {
      out.push(...(await runSearchUnit(settings, targets, unit)));
      onProgress(out.length, total);
    }
    return out;
  }
  const start = (pool: PoolData<SearchUnit>) => startModuleWorker(new URL('../claims/search-worker.js', import.meta.url), { settings, targets, pool });
  const byUnit = await runJobsInWorkers<SearchUnit, SearchCell[]>(start, units, workers, (done) => onProgress(done * perUnit, total));
  return byUnit.flat();
}

/** The claim from a file (optional) and flags (which win). */
export function claimInput(file: string | undefined, flags: CheckClaimFlags): Record<string, unknown> {
  const fromFile = file ? readKeyFile(file, 'claim file') : {};
  const input: Record<string, unknown> = { ...fromFile };
  for (const name of FIGURE_NAMES) if (flags[name] !== undefined) input[name] = flags[name];
  if (flags.outcome === undefined && typeof input.outcome === 'string') flags.outcome = input.outcome;
  delete input.outcome;
  return input;
}

function recordedRateForSearch(check: ConsistencyCheck, outcome?: string): number | null {
  const r = check.implied?.baseRate;
  if (r && r.hi <= 3 * r.lo) return Math.sqrt(r.lo * r.hi);
  if (outcome) {
    const f = outcomeReference(outcome).figures[0];
    return Math.sqrt(f.lo * f.hi);
  }
  return null;
}

/** `risklab check-claim`: returns the text (or JSON) to print. */
export async function runCheckClaim(file: string | undefined, flags: CheckClaimFlags): Promise<string> {
  const figures = parseClaim(claimInput(file, flags));
  if (figures.length === 0) throw new RisklabError(m.noFigures, 'claim');
  if (flags.outcome !== undefined) outcomeReference(flags.outcome);
  const consistency = checkConsistency(figures);
  const plaus = consistency.consistent ? plausibility(figures, consistency, flags.outcome) : null;
  let search: ClaimReport['search'] = null;
  if (consistency.consistent && flags.search !== false) search = await searchFor(figures, consistency, flags);
  const report: ClaimReport = { figures, consistency, plausibility: plaus, search };
  if (flags.json) return JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity') : v), 2);
  return claimText(figures, consistency, plaus, search ? searchWords.section(search) : []).trimEnd();
}

async function searchFor(figures: readonly Figure[], check: ConsistencyCheck, flags: CheckClaimFlags): Promise<NonNullable<ClaimReport['search']>> {
  const targets = searchTargets(figures, check);
  if (targets.length === 0) return { skipped: searchWords.noTargets };
  const recordedBaseRate = recordedRateForSearch(check, flags.outcome);
  if (recordedBaseRate === null) return { skipped: searchWords.noBaseRate };
  for (const [flag, values] of [['--grid-auc', flags.gridAuc], ['--grid-detection', flags.gridDetection], ['--grid-leakage', flags.gridLeakage]] as const) {
    for (const v of values ?? []) {
      const ok = flag === '--grid-auc' ? v > 0.5 && v < 1 : flag === '--grid-detection' ? v > 0 && v <= 1 : v >= 0 && v <= 1;
      if (!ok) throw new RisklabError(messages.invalid(flag, flag === '--grid-auc' ? 'numbers in (0.5, 1)' : flag === '--grid-detection' ? 'numbers in (0, 1]' : 'numbers in [0, 1]', v), flag);
    }
  }
  const presetName = flags.preset ?? 'think-family';
  const settings: SearchSettings = {
    preset: loadScenarioInput(presetName) as Record<string, unknown>,
    presetName,
    seed: flags.seed ?? DEFAULT_SEARCH_SEED,
    oracleAuc: flags.gridAuc ?? DEFAULT_GRID.oracleAuc,
    detection: flags.gridDetection ?? DEFAULT_GRID.detection,
    leakage: flags.gridLeakage ?? DEFAULT_GRID.leakage,
    children: flags.children ?? searchChildren(recordedBaseRate),
    tolerance: flags.tolerance ?? 0.02,
    recordedBaseRate,
  };
  const progress = progressOnStderr('check-claim search', 'settings', flags.progress ?? 'auto');
  let cells: SearchCell[];
  try {
    cells = await runSearchUnits(settings, targets, searchUnits(settings), progress.update, flags.workers);
  } finally {
    progress.stop();
  }
  const { preset: _preset, ...shown } = settings;
  return { settings: shown, targets, cells, summary: summarizeSearch(cells) };
}

