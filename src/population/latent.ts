import { normCdf } from './math.js';
import type { Scenario } from '../scenario/index.js';
import type { GroupColumn } from './types.js';
import { groupMultiplier } from './groups.js';

/**
 * Shared latent vulnerability: a family factor F ~ N(0, 1) per household and
 * a child factor V = √ρ·F + √(1 − ρ)·ε, ρ = `population.familyCorrelation`
 * (drawn by the TruthDrawer, src/population/draw.ts, from the streams
 * `latent/family` and `latent/child`). Circumstances load on V (or on F for
 * household-level ones), so they co-occur as real ones do.
 */

/**
 * A family's agency-contact level in [0, 1]: Φ(baseline + loading·F + group
 * shifts). Families already known to services are recorded more in every
 * domain, and their children's outcomes are detected more.
 */
export function contactLevel(
  contact: Scenario['recording']['contact'],
  family: Float64Array,
  groups: readonly GroupColumn[],
): Float64Array {
  const n = family.length;
  const shift = groupMultiplier(contact.groupShift, groups, n, 'sum');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = normCdf(contact.baseline + contact.latentLoading * family[i] + (shift ? shift[i] : 0));
  }
  return out;
}
