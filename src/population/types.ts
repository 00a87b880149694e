/**
 * The simulated truth. Columnar typed arrays, one entry per child, so a
 * million children fit in a few tens of megabytes. Models never see this
 * object; they see `Records` (src/recording/types.ts).
 */

/** The data domains a family database joins, in the order tables print them (the one definition of `Domain`). */
export const DOMAINS = ['education', 'missing', 'police', 'socialCare', 'health', 'housing', 'welfare', 'family'] as const;

/** A source of records: one of `DOMAINS`. */
export type Domain = (typeof DOMAINS)[number];

export type CircumstanceType = 'binary' | 'count';

/** Descriptor of one circumstance column (true and recorded share it). */
export interface CircumstanceInfo {
  readonly name: string;
  readonly domain: Domain;
  readonly type: CircumstanceType;
  readonly label: string;
}

export type { GroupColumn } from '../columns.js';
import type { GroupColumn } from '../columns.js';

export interface Population {
  readonly size: number;
  /** Cohort number, 1-based (successive yearly cohorts from one world). */
  readonly cohort: number;
  /** Child id, unique within a scenario across cohorts. */
  readonly ids: Int32Array;
  /** Household (family) id; children in one household share family-level circumstances. */
  readonly household: Int32Array;
  readonly age: Uint8Array;
  readonly groups: readonly GroupColumn[];
  readonly circumstances: readonly CircumstanceInfo[];
  /** `truth[k][i]`: circumstance k for child i (0/1, or a count capped at 255). */
  readonly truth: readonly Uint8Array[];
  /** Family agency-contact level in [0, 1], copied to each child (raises visibility everywhere). */
  readonly contact: Float64Array;
  /** A child's true probability of the outcome. */
  readonly pTrue: Float64Array;
  /** The outcome that actually happened (0/1). */
  readonly yTrue: Uint8Array;
}
