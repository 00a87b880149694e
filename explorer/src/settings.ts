import type { PresetName } from './presets.js';

/**
 * The explorer's settings: everything a change of which refits the model.
 * The threshold or list size is not here — moving it never refits.
 *
 * Each setting maps onto one field of the scenario schema
 * (src/scenario/schema.ts); scenario.ts merges them over the preset. This
 * module holds only types and constants, so the page's own bundle stays free
 * of the scenario schema (zod), which only the worker needs.
 */
export interface ExplorerSettings {
  readonly preset: PresetName;
  /** The scenario seed: a whole number, or any other text (as `--seed` takes). */
  readonly seed: number | string;
  /** `outcome.baseRate`: the true share of children at risk. */
  readonly baseRate: number;
  /** Multiplier on group B's visibility in the preset's visibility domains (`recording.groups`). 1 = as visible as group A. */
  readonly visibilityB: number;
  /** `recording.outcome.detection`: chance a true outcome is recorded, before agency contact. */
  readonly detection: number;
  /** `recording.outcome.detectionContactBoost`: share of the undetected gap closed at full agency contact. */
  readonly detectionContactBoost: number;
  /** `recording.outcome.leakage.probability` > 0: records created because a concern was recorded. */
  readonly leakage: boolean;
}

/** Children per cohort in the explorer (a holdout keeps 30% of them as test children). */
export const POPULATION_SIZE = 20_000;

/** Base rates the control steps through (each preset's own rate is one of them). */
export const BASE_RATES: readonly number[] = [0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.14, 0.2, 0.3];

/** Ranges of the other controls. */
export const RANGES = {
  visibilityB: { min: 1, max: 4, step: 0.1 },
  detection: { min: 0.05, max: 1, step: 0.05 },
  detectionContactBoost: { min: 0, max: 1, step: 0.05 },
} as const;

/** Group code of each test child in the explorer's comparison: 0 = group A, 1 = group B, 2 = neither. */
export const GROUP_A = 0;
export const GROUP_B = 1;
export const GROUP_NEITHER = 2;
