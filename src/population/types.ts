/**
 * The simulated truth. Columnar typed arrays, one entry per child, so a
 * million children fit in a few tens of megabytes. Models never see this
 * object; they see `Records` (src/recording/types.ts).
 */

export type Domain =
  | 'education'
  | 'police'
  | 'socialCare'
  | 'health'
  | 'housing'
  | 'welfare'
  | 'family'
  | 'missing';

export type CircumstanceType = 'binary' | 'count';

/** Descriptor of one circumstance column (true and recorded share it). */
export interface CircumstanceInfo {
  readonly name: string;
  readonly domain: Domain;
  readonly type: CircumstanceType;
  readonly label: string;
}

/** One group attribute (sex, ethnicity, deprivation…): its levels and each child's level code. */
export interface GroupColumn {
  readonly attribute: string;
  readonly levels: readonly string[];
  /** `codes[i]` indexes `levels` for child i. */
  readonly codes: Uint8Array;
}

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
