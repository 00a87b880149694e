import { normCdfFast } from './math.js';
import type { Scenario } from '../scenario/index.js';
import type { Block } from './block.js';
import { CellCache, groupTable } from './groups.js';

/**
 * Shared latent vulnerability: a family factor F ~ N(0, 1) per household and
 * a child factor V = √ρ·F + √(1 − ρ)·ε, ρ = `population.familyCorrelation`
 * (drawn by the TruthDrawer, src/population/draw.ts, from the streams
 * `latent/family` and `latent/child`, by the ziggurat of
 * src/random/ziggurat.ts). Circumstances load on V (or on F for
 * household-level ones), so they co-occur as real ones do.
 */

/**
 * A family's agency-contact level in [0, 1]: Φ(baseline + loading·F + group
 * shifts), Φ by `normCdfFast` (error below 3e-8). Families already known to services are recorded more in every
 * domain, and their children's outcomes are detected more.
 *
 * Returns a function that writes the level of each child of a block into
 * `out[offset + i]`. Siblings share F, so without group shifts Φ is
 * evaluated once per family; with them, only when the argument differs from
 * the previous child's.
 */
export function contactLevels(
  contact: Scenario['recording']['contact'],
  groups: Scenario['population']['groups'],
): (block: Block, out: Float64Array) => void {
  const table = groupTable(contact.groupShift, groups, 'sum');
  const shifts = table && new CellCache(table.count, (cell) => table.value(cell));
  let lastX = NaN;
  let lastLevel = 0;
  let carried = 0; // the level of the last family drawn: its children in the next block copy it
  return (block, out) => {
    const { m, offset, family, cells } = block;
    if (table === null || shifts === null) {
      // Φ once per family, at its first child.
      const { opener, values, home, households } = block;
      values[0] = carried;
      for (let j = 0; j < households; j++) values[1 + j] = normCdfFast(contact.baseline + contact.latentLoading * family[opener[j]]);
      for (let i = 0; i < m; i++) out[offset + i] = values[home[i]];
      carried = values[households];
      return;
    }
    table.cellsInto(cells, block.groups, offset, m);
    for (let i = 0; i < m; i++) {
      const x = contact.baseline + contact.latentLoading * family[i] + shifts.get(cells[i]);
      if (x !== lastX) {
        lastX = x;
        lastLevel = normCdfFast(x);
      }
      out[offset + i] = lastLevel;
    }
  };
}
