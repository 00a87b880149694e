import type { GroupColumn } from './types.js';

/**
 * Children drawn at a time inside one `TruthDrawer.draw` call: every
 * per-child intermediate (latent factors, uniforms, group cells) lives in
 * arrays of this length, which stay in the processor's cache while all 30-odd
 * circumstances are drawn for the block, instead of one cohort-sized array
 * per intermediate. Blocks are internal: the children drawn are the same
 * whatever the block and chunk sizes (every stream is consumed in child
 * order and what the next child needs is carried over).
 */
export const BLOCK = 2048;

/** The working state of one block of a chunk (reused from block to block). */
export interface Block {
  /** Children in the block. */
  m: number;
  /** Where the block starts in the chunk's columns. */
  offset: number;
  /** Households opened in the block (their first child is in it). */
  households: number;
  /** `first[i]` = 1 when child i of the block opens a household. */
  readonly first: Uint8Array;
  /** `opener[j]`: the block index of the first child of the j-th household opened in the block (j < households). */
  readonly opener: Int32Array;
  /** `familyBin[j]`: the `LATENT_BINS` cell of the j-th opened household's F. */
  readonly familyBin: Int32Array;
  /**
   * `home[i]`: 1 + the number, among the households opened in the block, of
   * child i's household; 0 for a child of a household opened in an earlier
   * block. So a household-level value computed into `values[1 + j]` for each
   * household j opened here, with the value carried from the last block in
   * `values[0]`, reaches child i as `values[home[i]]` — without a branch.
   */
  readonly home: Int32Array;
  /** Scratch for one value per household (`values[home[i]]`). */
  readonly values: Float64Array;
  /** The family latent factor F of each child of the block. */
  readonly family: Float64Array;
  /** The child latent factor V of each child of the block. */
  readonly child: Float64Array;
  /** `bin[i]`: the `LATENT_BINS` cell of child i's V (see `latentBin`). */
  readonly bin: Int32Array;
  /** Scratch for uniforms (or normals). */
  readonly u: Float64Array;
  /** Scratch for group cells (`GroupTable.cellsInto`). */
  readonly cells: Float64Array;
  /** The chunk's group columns (index with offset + i). */
  groups: GroupColumn[];
  /** The chunk's unscaled risk scores (index with offset + i). */
  z: Float64Array;
}

/** A block's working arrays, allocated once per drawer. */
export function newBlock(): Block {
  return {
    m: 0,
    offset: 0,
    households: 0,
    first: new Uint8Array(BLOCK),
    opener: new Int32Array(BLOCK),
    familyBin: new Int32Array(BLOCK),
    home: new Int32Array(BLOCK),
    values: new Float64Array(BLOCK + 1),
    family: new Float64Array(BLOCK),
    child: new Float64Array(BLOCK),
    bin: new Int32Array(BLOCK),
    u: new Float64Array(BLOCK),
    cells: new Float64Array(BLOCK),
    groups: [],
    z: new Float64Array(0),
  };
}

/**
 * A grid over a latent factor (V or F): cells of width 1/8 from −8 to 8, the
 * first and last open-ended. Kernels keep, per cell, bounds of a
 * probability that rises (or falls) with the factor, so that most draws are
 * decided by one comparison with a bound and only the rest by the exact
 * computation (src/population/circumstances.ts).
 */
export const LATENT_BINS = { lo: -8, perUnit: 8, count: 128 } as const;

/** The LATENT_BINS cell of latent value l (0 below −8 + 1/8, count − 1 from 8 − 1/8 up). */
export function latentBin(l: number): number {
  const b = Math.floor((l - LATENT_BINS.lo) * LATENT_BINS.perUnit);
  return b < 0 ? 0 : b >= LATENT_BINS.count ? LATENT_BINS.count - 1 : b;
}

/** The upper edge of cell b (Infinity for the last). */
export function latentBinTop(b: number): number {
  return b === LATENT_BINS.count - 1 ? Infinity : LATENT_BINS.lo + (b + 1) / LATENT_BINS.perUnit;
}

/** The lower edge of cell b (−Infinity for the first). */
export function latentBinBottom(b: number): number {
  return b === 0 ? -Infinity : LATENT_BINS.lo + b / LATENT_BINS.perUnit;
}
