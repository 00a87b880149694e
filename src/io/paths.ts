import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root (two levels above src/io). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PRESET_DIR = join(REPO_ROOT, 'synthetic');
export const EXPERIMENT_DIR = join(REPO_ROOT, 'experiments');
export const RESULTS_DIR = join(REPO_ROOT, 'results');
/** Where `risklab run --quick` writes without --out: never over the committed full results (gitignored). */
export const QUICK_RESULTS_DIR = join(REPO_ROOT, 'results-quick');
