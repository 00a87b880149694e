import { poissonDraw, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { normCdfFast, normInv } from './math.js';
import { groupMultiplier } from './groups.js';
import type { GroupColumn } from './types.js';

type Circumstance = Scenario['circumstances'][number];

/** Highest prevalence a group ratio may push a binary circumstance to. */
export const MAX_GROUP_PREVALENCE = 0.99;

/**
 * Draw one true circumstance for every child.
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
 * levels) and shared by siblings. Counts are capped at 255.
 */
export function drawCircumstance(
  c: Circumstance,
  latent: { family: Float64Array; child: Float64Array },
  household: Int32Array,
  groups: readonly GroupColumn[],
  source: RandomSource,
): Uint8Array {
  const n = household.length;
  const out = new Uint8Array(n);
  const ratio = groupMultiplier(c.groupRatios, groups, n);
  const lambda = c.loading;
  const scale = Math.sqrt(1 + lambda * lambda);
  const shared = c.level === 'household';
  const baseThreshold = c.type === 'binary' ? normInv(Math.min(c.prevalence, MAX_GROUP_PREVALENCE)) * scale : 0;
  const countDamp = Math.exp((-lambda * lambda) / 2);
  const thresholdCache = new Map<number, number>();
  const thresholdFor = (r: number): number => {
    let t = thresholdCache.get(r);
    if (t === undefined) {
      t = normInv(Math.min(c.prevalence * r, MAX_GROUP_PREVALENCE)) * scale;
      thresholdCache.set(r, t);
    }
    return t;
  };
  const next = source.next;
  const hasRatio = ratio !== null;
  let lastHousehold = -1;
  let value = 0;
  if (c.type === 'binary') {
    if (c.prevalence === 0) return out;
    for (let i = 0; i < n; i++) {
      const h = household[i];
      if (shared && h === lastHousehold) {
        out[i] = value;
        continue;
      }
      const l = shared ? latent.family[h] : latent.child[i];
      const threshold = hasRatio && ratio![i] !== 1 ? thresholdFor(ratio![i]) : baseThreshold;
      value = next() < normCdfFast(threshold + lambda * l) ? 1 : 0;
      out[i] = value;
      lastHousehold = h;
    }
  } else {
    const base = c.prevalence * countDamp;
    for (let i = 0; i < n; i++) {
      const h = household[i];
      if (shared && h === lastHousehold) {
        out[i] = value;
        continue;
      }
      const l = shared ? latent.family[h] : latent.child[i];
      const mean = base * (hasRatio ? ratio![i] : 1) * Math.exp(lambda * l);
      value = Math.min(255, poissonDraw(next(), mean));
      out[i] = value;
      lastHousehold = h;
    }
  }
  return out;
}
