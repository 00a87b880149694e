import { normal, type RandomSource } from '../random/index.js';
import { normCdf } from './math.js';
import type { Scenario } from '../scenario/index.js';
import type { GroupColumn } from './types.js';
import { groupMultiplier } from './groups.js';

/**
 * Shared latent vulnerability: a family factor F ~ N(0, 1) per household and
 * a child factor V = √ρ·F + √(1 − ρ)·ε, ρ = `population.familyCorrelation`.
 * Circumstances load on V (or on F for household-level ones), so they
 * co-occur as real ones do.
 */
export function drawLatent(
  household: Int32Array,
  householdCount: number,
  rho: number,
  source: RandomSource,
): { family: Float64Array; child: Float64Array } {
  const zf = normal(source.fork('family'));
  const family = new Float64Array(householdCount);
  for (let h = 0; h < householdCount; h++) family[h] = zf();
  const zc = normal(source.fork('child'));
  const child = new Float64Array(household.length);
  const a = Math.sqrt(rho);
  const b = Math.sqrt(1 - rho);
  for (let i = 0; i < household.length; i++) child[i] = a * family[household[i]] + b * zc();
  return { family, child };
}

/**
 * A family's agency-contact level in [0, 1]: Φ(baseline + loading·F + group
 * shifts). Families already known to services are recorded more in every
 * domain, and their children's outcomes are detected more.
 */
export function contactLevel(
  contact: Scenario['recording']['contact'],
  family: Float64Array,
  household: Int32Array,
  groups: readonly GroupColumn[],
): Float64Array {
  const n = household.length;
  const shift = groupMultiplier(contact.groupShift, groups, n, 'sum');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = normCdf(contact.baseline + contact.latentLoading * family[household[i]] + (shift ? shift[i] : 0));
  }
  return out;
}
