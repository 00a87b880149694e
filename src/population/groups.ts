import type { GroupColumn } from './types.js';

/**
 * Cumulative shares of a group attribute's levels, for
 * `categoricalFromCumulative`. Levels are drawn per child (sex) or once per
 * family and shared by siblings (ethnicity, deprivation) by the TruthDrawer
 * (src/population/draw.ts), each attribute from its own stream
 * (`groups/group:<attribute>`), so adding an attribute does not move
 * another's draws.
 */
export function groupCumulative(levels: readonly { share: number }[]): Float64Array {
  const cumulative = new Float64Array(levels.length);
  let total = 0;
  levels.forEach((l, j) => {
    total += l.share;
    cumulative[j] = total;
  });
  return cumulative;
}

/**
 * Per-child product of `attribute → level → multiplier` over the child's
 * levels (1 where an attribute or level is not mentioned).
 */
export function groupMultiplier(
  map: Record<string, Record<string, number>>,
  groups: readonly GroupColumn[],
  n: number,
  combine: 'product' | 'sum' = 'product',
): Float64Array | null {
  const used = groups.filter((g) => map[g.attribute] !== undefined);
  if (used.length === 0) return null;
  const neutral = combine === 'product' ? 1 : 0;
  const out = new Float64Array(n).fill(neutral);
  for (const g of used) {
    const byLevel = g.levels.map((l) => map[g.attribute][l] ?? neutral);
    for (let i = 0; i < n; i++) {
      if (combine === 'product') out[i] *= byLevel[g.codes[i]];
      else out[i] += byLevel[g.codes[i]];
    }
  }
  return out;
}
