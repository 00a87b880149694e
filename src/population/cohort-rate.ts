/**
 * The true base rate of cohort k: `outcome.baseRate` × every drift
 * `baseRateMultiplier` in force from its `fromCohort` on.
 *
 * @example
 * cohortBaseRate(0.02, [{ fromCohort: 2, baseRateMultiplier: 0.5 }], 2); // 0.01
 */
export function cohortBaseRate(baseRate: number, drift: readonly { fromCohort: number; baseRateMultiplier: number }[], cohort: number): number {
  return drift.reduce((rate, d) => (cohort >= d.fromCohort ? rate * d.baseRateMultiplier : rate), baseRate);
}
