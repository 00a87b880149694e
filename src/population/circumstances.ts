import { poissonDraw, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { NORM_CDF_TABLE, normCdfFast, normCdfTable, normInv } from './math.js';
import { CellCache, groupTable } from './groups.js';
import type { Block } from './block.js';

type Circumstance = Scenario['circumstances'][number];

/** Highest prevalence a group ratio may push a binary circumstance to. */
export const MAX_GROUP_PREVALENCE = 0.99;

/** Counts enter the true risk capped at this many (a tenth missing episode adds little). */
export const COUNT_EFFECT_CAP = 5;

/** Draws one circumstance for successive blocks of children (see TruthDrawer). */
export interface CircumstanceKernel {
  /**
   * The circumstance of each child of `block` into `out[offset + i]`, and
   * its effect on the true risk added to `block.z[offset + i]`.
   * Household-level circumstances are drawn at each household's first child
   * and copied to its siblings, also across block and chunk boundaries.
   */
  draw(block: Block, out: Uint8Array): void;
}

/**
 * One true circumstance, drawn from its own stream.
 *
 * Binary: P(x = 1 | L) = Φ(c + λL) with c = Φ⁻¹(p)·√(1 + λ²), where L ~ N(0, 1)
 * is the latent vulnerability (the child's V, or the family's F for
 * household-level circumstances) and λ the loading. Averaged over L this gives
 * exactly prevalence p (a liability-threshold model), so loadings change
 * co-occurrence, not prevalence.
 *
 * Count: Poisson with mean μ·exp(λL − λ²/2), whose average over L is μ.
 *
 * p (or μ) is `prevalence` × the child's group ratios, capped at
 * MAX_GROUP_PREVALENCE for binary circumstances. Household-level
 * circumstances are drawn once per family (using the first child's group
 * levels) and shared by siblings. Counts are capped at 255. One uniform per
 * child (per family for household-level ones), drawn a block at a time.
 *
 * The circumstance adds effect·min(x, COUNT_EFFECT_CAP) to the child's
 * unscaled risk score z (src/population/outcome.ts) in the same pass.
 */
export function circumstanceKernel(
  c: Circumstance,
  source: RandomSource,
  groups: Scenario['population']['groups'],
): CircumstanceKernel {
  const lambda = c.loading;
  const scale = Math.sqrt(1 + lambda * lambda);
  const ratios = groupTable(c.groupRatios, groups);
  const effects = new Float64Array(256);
  // effects[x] = effect·min(x, cap), 0 for x = 0.
  for (let x = 1; x < 256; x++) effects[x] = c.effect * Math.min(x, COUNT_EFFECT_CAP);
  if (c.type === 'binary') {
    if (c.prevalence === 0) return { draw: () => {} }; // never present, no draws, adds nothing
    const base = normInv(Math.min(c.prevalence, MAX_GROUP_PREVALENCE)) * scale;
    const thresholds = ratios && new CellCache(ratios.count, (cell) => normInv(Math.min(c.prevalence * ratios.value(cell), MAX_GROUP_PREVALENCE)) * scale);
    if (thresholds === null) {
      if (c.level === 'child') return { draw: (block, out) => binaryChildren(block, source, out, base, lambda, c.effect) };
      let carried = 0;
      return { draw: (block, out) => void (carried = binaryFamilies(block, source, out, base, lambda, c.effect, carried)) };
    }
    const value = (u: number, l: number, cell: number): number => (u < normCdfFast((thresholds === null ? base : thresholds.get(cell)) + lambda * l) ? 1 : 0);
    return perChildOrFamily(c.level === 'household', source, ratios, value, effects);
  }
  const countBase = c.prevalence * Math.exp((-lambda * lambda) / 2);
  const means = ratios && new CellCache(ratios.count, (cell) => countBase * ratios.value(cell));
  if (means === null) {
    const zeroBelow = poissonZeroTable(countBase, lambda);
    if (c.level === 'child') return { draw: (block, out) => countChildren(block, source, out, countBase, lambda, zeroBelow, effects) };
  }
  const zeroBelow = means === null ? poissonZeroTable(countBase, lambda) : null;
  /** The count of one child (or family): Poisson inversion of u at mean μ·r·e^{λl}, capped at 255. */
  const value = (u: number, l: number, cell: number): number => {
    if (zeroBelow !== null) {
      const j = Math.floor((l - ZERO_TABLE.lo) * ZERO_TABLE.perStep);
      if (j >= 0 && j < ZERO_TABLE.size && u < zeroBelow[j + 1]) return 0;
    }
    return Math.min(255, poissonDraw(u, (means === null ? countBase : means.get(cell)) * Math.exp(lambda * l)));
  };
  return perChildOrFamily(c.level === 'household', source, ratios, value, effects);
}

/** The grid of `poissonZeroTable`: l from −8 to 8 in steps of 1/64. */
const ZERO_TABLE = { lo: -8, perStep: 64, size: 1024 } as const;

/**
 * Lower bounds of P(X = 0) = exp(−μ·e^{λl}) on the cells of a grid of l, so
 * that most zero counts are decided without an exponential: P(X = 0) falls
 * as l grows (λ ≥ 0), so on the cell [l_j, l_{j+1}) it is at least its value
 * at l_{j+1} — `table[j + 1]`, lowered by a relative 1e-9 against rounding.
 * A uniform below that is certainly a zero of the exact inversion
 * (`poissonDraw`); any other goes through the exact inversion, so the counts
 * are exactly those of `poissonDraw(u, μ·e^{λl})`.
 */
function poissonZeroTable(mean: number, lambda: number): Float64Array {
  const table = new Float64Array(ZERO_TABLE.size + 1);
  for (let j = 0; j <= ZERO_TABLE.size; j++) {
    const l = ZERO_TABLE.lo + j / ZERO_TABLE.perStep;
    table[j] = Math.exp(-mean * Math.exp(lambda * l)) * (1 - 1e-9);
  }
  return table;
}

/**
 * A kernel that draws one uniform per child (or, household-level, per
 * family at its first child, sibling copies carried across blocks) and turns
 * it into a value with `value(u, latent, cell)`.
 */
function perChildOrFamily(
  shared: boolean,
  source: RandomSource,
  ratios: ReturnType<typeof groupTable>,
  value: (u: number, l: number, cell: number) => number,
  effects: Float64Array,
): CircumstanceKernel {
  let carried = 0; // the value of the last child drawn: siblings in the next block copy it
  return {
    draw(block, out) {
      const { m, offset, z, cells, first } = block;
      if (ratios) ratios.cellsInto(cells, block.groups, offset, m);
      if (!shared) {
        const u = source.fill(block.u, m);
        const child = block.child;
        for (let i = 0; i < m; i++) {
          const x = value(u[i], child[i], cells[i]);
          out[offset + i] = x;
          z[offset + i] += effects[x];
        }
        return;
      }
      const u = source.fill(block.u, block.households);
      const family = block.family;
      let x = carried;
      for (let i = 0, j = 0; i < m; i++) {
        if (first[i] === 1) x = value(u[j++], family[i], cells[i]);
        out[offset + i] = x;
        z[offset + i] += effects[x];
      }
      carried = x;
    },
  };
}

/**
 * The common case — a child-level binary circumstance without group ratios
 * — with `normCdfFast` inlined: x = 1 when u < Φ(threshold + λ·V).
 * Branch-free where the outcome is random: for p, u in [0, 1],
 * ⌈p − u⌉ is 1 when u < p and 0 (or −0) otherwise, exactly (a difference of
 * two unequal doubles is never 0), so a mispredicted branch per child is
 * avoided; the effect is added as effect·x.
 */
function binaryChildren(block: Block, source: RandomSource, out: Uint8Array, threshold: number, lambda: number, effect: number): void {
  const table = normCdfTable();
  const { lo, hi, perStep } = NORM_CDF_TABLE;
  const { m, offset, z, child } = block;
  const u = source.fill(block.u, m);
  for (let i = 0; i < m; i++) {
    const x = threshold + lambda * child[i];
    let p: number;
    if (x <= lo) p = 0;
    else if (x >= hi) p = 1;
    else {
      const t = (x - lo) * perStep;
      const j = t | 0;
      p = table[j] + (t - j) * (table[j + 1] - table[j]);
    }
    const v = Math.ceil(p - u[i]);
    out[offset + i] = v;
    z[offset + i] += effect * v;
  }
}

/**
 * A household-level binary circumstance without group ratios, `normCdfFast`
 * inlined: drawn at each household's first child from the family factor F
 * (one uniform per household opened in the block), and given to every child
 * through `block.home` without a branch. Returns the value the next block's
 * first siblings copy.
 */
function binaryFamilies(
  block: Block,
  source: RandomSource,
  out: Uint8Array,
  threshold: number,
  lambda: number,
  effect: number,
  carried: number,
): number {
  const table = normCdfTable();
  const { lo, hi, perStep } = NORM_CDF_TABLE;
  const { m, offset, z, family, opener, home, values, households } = block;
  const u = source.fill(block.u, households);
  values[0] = carried;
  for (let j = 0; j < households; j++) {
    const x = threshold + lambda * family[opener[j]];
    let p: number;
    if (x <= lo) p = 0;
    else if (x >= hi) p = 1;
    else {
      const t = (x - lo) * perStep;
      const k = t | 0;
      p = table[k] + (t - k) * (table[k + 1] - table[k]);
    }
    values[1 + j] = Math.ceil(p - u[j]) + 0; // + 0: −0 → 0
  }
  for (let i = 0; i < m; i++) {
    const v = values[home[i]];
    out[offset + i] = v;
    z[offset + i] += effect * v;
  }
  return values[households];
}

/**
 * A child-level count without group ratios: zeros decided on the
 * `poissonZeroTable` bound where it is certain, every other child by the
 * exact inversion (so the counts are exactly `poissonDraw`'s).
 */
function countChildren(
  block: Block,
  source: RandomSource,
  out: Uint8Array,
  mean: number,
  lambda: number,
  zeroBelow: Float64Array,
  effects: Float64Array,
): void {
  const { lo, perStep, size } = ZERO_TABLE;
  const { m, offset, z, child } = block;
  const u = source.fill(block.u, m);
  for (let i = 0; i < m; i++) {
    const l = child[i];
    const j = Math.floor((l - lo) * perStep);
    let x = 0;
    if (!(j >= 0 && j < size && u[i] < zeroBelow[j + 1])) x = Math.min(255, poissonDraw(u[i], mean * Math.exp(lambda * l)));
    out[offset + i] = x;
    z[offset + i] += effects[x];
  }
}
