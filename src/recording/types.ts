import type { CircumstanceInfo, GroupColumn } from '../population/types.js';

/**
 * What agencies wrote down: the only view of a child a model may use.
 * Same row order and ids as the `Population` it was recorded from.
 * Group attributes are recorded (councils know a child's sex and ethnicity);
 * whether a model may use them is the feature builder's choice.
 */
export interface Records {
  readonly size: number;
  readonly cohort: number;
  readonly ids: Int32Array;
  readonly household: Int32Array;
  readonly age: Uint8Array;
  readonly groups: readonly GroupColumn[];
  readonly circumstances: readonly CircumstanceInfo[];
  /** `recorded[k][i]`: recorded circumstance k for child i (0/1, or a count capped at 255). */
  readonly recorded: readonly Uint8Array[];
  /** The outcome as recorded by agencies (what a council would train on). */
  readonly yRecorded: Uint8Array;
}
