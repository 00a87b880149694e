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
  /**
   * Which records leakage created (records made because a concern was
   * recorded), aligned with `circumstances`: `leaked[k]` is null for a
   * circumstance that receives no leakage; otherwise `leaked[k][i]` is 1 when
   * leakage created child i's record of circumstance k (a binary flag set
   * from 0, or a count raised by one) and 0 otherwise. Subtracting it from
   * `recorded[k]` gives the records as they were before the concern.
   * Real records carry no such mark; the lab keeps it so that a report can
   * point at a leaked record and re-score the child without it. The feature
   * builder never reads it. `recordPopulation` always sets it; records built
   * by hand (test fixtures) may leave it out, meaning nothing is marked.
   */
  readonly leaked?: readonly (Uint8Array | null)[];
}
