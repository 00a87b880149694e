import type { RandomSource } from '../random/index.js';
import { categoricalFromCumulative } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import type { GroupColumn } from './types.js';

/**
 * Draw each child's level of every group attribute. Household-level
 * attributes (ethnicity, deprivation) are drawn once per family and shared by
 * siblings; child-level ones (sex) per child. Each attribute has its own
 * stream, so adding an attribute does not move another's draws.
 */
export function drawGroups(
  groups: Scenario['population']['groups'],
  household: Int32Array,
  source: RandomSource,
): GroupColumn[] {
  return groups.map((g) => {
    const stream = source.fork(`group:${g.attribute}`);
    const cumulative = new Float64Array(g.levels.length);
    let total = 0;
    g.levels.forEach((l, j) => {
      total += l.share;
      cumulative[j] = total;
    });
    const codes = new Uint8Array(household.length);
    let last = -1;
    let code = 0;
    for (let i = 0; i < household.length; i++) {
      if (g.level === 'child' || household[i] !== last) {
        code = categoricalFromCumulative(stream.next(), cumulative);
        last = household[i];
      }
      codes[i] = code;
    }
    return { attribute: g.attribute, levels: g.levels.map((l) => l.name), codes };
  });
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
