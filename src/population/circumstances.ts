import { poissonDraw, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { NORM_CDF_TABLE, normCdfFast, normCdfTable, normInv } from './math.js';
import { groupMultiplier } from './groups.js';
import type { GroupColumn } from './types.js';

type Circumstance = Scenario['circumstances'][number];

/** Highest prevalence a group ratio may push a binary circumstance to. */
export const MAX_GROUP_PREVALENCE = 0.99;

/** Draws one circumstance for successive chunks of children (see TruthDrawer). */
export interface CircumstanceKernel {
  /**
   * The circumstance of each child of a chunk. `first[i]` marks the first
   * child of a household (household-level circumstances are drawn there and
   * copied to its siblings, also across chunk boundaries; `households` counts
   * them), `family[i]` and `child[i]` are the child's latent factors F and V.
   * `scratch` holds at least one number per child.
   */
  draw(first: Uint8Array, households: number, family: Float64Array, child: Float64Array, groups: readonly GroupColumn[], scratch: Float64Array): Uint8Array;
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
 * child (per family for household-level ones), drawn a chunk at a time.
 */
export function circumstanceKernel(c: Circumstance, source: RandomSource): CircumstanceKernel {
  const lambda = c.loading;
  const scale = Math.sqrt(1 + lambda * lambda);
  const shared = c.level === 'household';
  const binary = c.type === 'binary';
  const baseThreshold = binary ? normInv(Math.min(c.prevalence, MAX_GROUP_PREVALENCE)) * scale : 0;
  const countBase = c.prevalence * Math.exp((-lambda * lambda) / 2);
  const thresholdCache = new Map<number, number>();
  const thresholdFor = (r: number): number => {
    let t = thresholdCache.get(r);
    if (t === undefined) {
      t = normInv(Math.min(c.prevalence * r, MAX_GROUP_PREVALENCE)) * scale;
      thresholdCache.set(r, t);
    }
    return t;
  };
  /** The circumstance of one child (or family) from its uniform u, latent factor l and group ratio r. */
  const one = (u: number, l: number, r: number): number =>
    binary
      ? u < normCdfFast((r === 1 ? baseThreshold : thresholdFor(r)) + lambda * l)
        ? 1
        : 0
      : Math.min(255, poissonDraw(u, countBase * r * Math.exp(lambda * l)));
  let carried = 0; // the value of the last child drawn: siblings in the next chunk copy it
  return {
    draw(first, households, family, child, groups, scratch) {
      const n = first.length;
      const out = new Uint8Array(n);
      if (binary && c.prevalence === 0) return out;
      const ratio = groupMultiplier(c.groupRatios, groups, n);
      if (!shared) {
        const u = source.fill(scratch, n);
        if (binary && ratio === null) binaryLoop(out, u, child, baseThreshold, lambda);
        else for (let i = 0; i < n; i++) out[i] = one(u[i], child[i], ratio === null ? 1 : ratio[i]);
        return out;
      }
      const u = source.fill(scratch, households);
      let value = carried;
      for (let i = 0, j = 0; i < n; i++) {
        if (first[i] === 1) value = one(u[j++], family[i], ratio === null ? 1 : ratio[i]);
        out[i] = value;
      }
      carried = value;
      return out;
    },
  };
}

/**
 * out[i] = 1 when u[i] < Φ(threshold + λ·l[i]): the common case (a child-level
 * binary circumstance without group ratios) with `normCdfFast` inlined.
 */
function binaryLoop(out: Uint8Array, u: Float64Array, l: Float64Array, threshold: number, lambda: number): void {
  const table = normCdfTable();
  const { lo, hi, perStep } = NORM_CDF_TABLE;
  for (let i = 0; i < out.length; i++) {
    const x = threshold + lambda * l[i];
    let p: number;
    if (x <= lo) p = 0;
    else if (x >= hi) p = 1;
    else {
      const t = (x - lo) * perStep;
      const j = t | 0;
      p = table[j] + (t - j) * (table[j + 1] - table[j]);
    }
    out[i] = u[i] < p ? 1 : 0;
  }
}
