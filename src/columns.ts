/**
 * Column types shared by the simulation, the models and the metrics, kept
 * here so that `src/metrics` can use them without importing the simulation
 * (`src/population`), and the simulation without importing the metrics.
 */

/** One group attribute (sex, ethnicity, deprivation…): its levels and each child's level code. */
export interface GroupColumn {
  readonly attribute: string;
  readonly levels: readonly string[];
  /** `codes[i]` indexes `levels` for child i. */
  readonly codes: Uint8Array;
}
