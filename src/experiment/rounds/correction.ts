import type { Population } from '../../population/types.js';
import { detectionRates, groupCells } from '../../recording/index.js';
import type { Scenario } from '../../scenario/index.js';

/**
 * The inverse-propensity correction of the training labels (the scenario's
 * `feedback.correction: 'inverse-propensity'`).
 *
 * A true outcome of a child in group cell g with contact level c is
 * recorded with probability p(c) = d_g + (1 − d_g)·β·c (d_g the cell's
 * detection, β `recording.outcome.detectionContactBoost`; see
 * src/recording/record.ts). The list raised some children's contact from c
 * to c′, so their outcomes were recorded with p₁ = p(c′) instead of
 * p₀ = p(c). Keeping each of their recorded outcomes with probability
 * p₀/p₁ (and treating the rest as unrecorded) gives training labels whose
 * expected rate is, child by child, the rate the records would have had
 * without the list: p·p₁·p₀/p₁ = p·p₀.
 *
 * This is Ensign et al.'s (2018, "Runaway feedback loops in predictive
 * policing", PMLR 81) correction — count what attention found in inverse
 * proportion to how likely the attention made finding it — done as a
 * seeded thinning rather than as weights, so every model can fit it. The
 * council is granted the best case: it knows how much its own attention
 * raised each child's chance of being recorded. It corrects for the list
 * only; any visibility gap that was there before the first list stays.
 */

/**
 * Each child's probability that a recorded outcome is kept in training:
 * p₀/p₁ where the list raised the contact, 1 elsewhere.
 *
 * @example
 * keepProbability(scenario, base, raised); // Float64Array, 1 for children the list never reached
 */
export function keepProbability(scenario: Scenario, base: Population, raised: Float64Array): Float64Array {
  const cells = groupCells(base.groups, base.size);
  const detection = detectionRates(scenario, base.cohort, base.groups, cells);
  const boost = scenario.recording.outcome.detectionContactBoost;
  const out = new Float64Array(base.size);
  for (let i = 0; i < base.size; i++) {
    const d = detection[cells.cell[i]];
    const p0 = d + (1 - d) * boost * base.contact[i];
    const p1 = d + (1 - d) * boost * raised[i];
    out[i] = p1 > p0 ? p0 / p1 : 1;
  }
  return out;
}

/**
 * The training labels after the correction: a recorded outcome is kept when
 * the child's uniform `u[i]` (fixed per child for the whole run) is below
 * its keep probability; every other label is the record itself.
 *
 * @example
 * correctedLabels(Uint8Array.of(1, 1, 0), Float64Array.of(0.5, 1, 0.5), Float64Array.of(0.7, 0.7, 0.1)); // [0, 1, 0]
 */
export function correctedLabels(yRecorded: Uint8Array, keep: Float64Array, u: Float64Array): Uint8Array {
  return Uint8Array.from(yRecorded, (y, i) => (y === 1 && u[i] < keep[i] ? 1 : 0));
}
