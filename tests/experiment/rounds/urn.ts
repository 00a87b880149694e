import { createRandom, poissonDraw } from '../../../src/random/index.js';

/**
 * Ensign, Friedler, Neville, Scheidegger and Venkatasubramanian (2018),
 * "Runaway feedback loops in predictive policing", PMLR 81: the two-region
 * Pólya urn, as a small reference model for the tests (never used by the
 * lab itself).
 *
 * The urn holds the incidents discovered so far in regions A and B (it
 * starts with the prior counts). Each round, police go to region A with
 * probability equal to A's share of the urn, else to B; there they
 * discover Poisson(λ) incidents (λ the region's true rate), and only
 * discovered incidents go back into the urn. That is the loop: attention
 * goes where incidents were discovered, and incidents are discovered only
 * where attention goes.
 *
 * The correction (their §5): weight each discovered incident by the inverse
 * of the probability that police were there to discover it — 1/share of
 * the visited region — so that the expected addition per round is the
 * region's true rate, whatever the allocation.
 *
 * SOURCES.md ("Feedback loops"): in their Oakland setting (rates 3.685 and
 * 2.816, true share of A 0.567, prior 609:379, 1,000 rounds) a rerun of the
 * authors' code over 300 runs gives a final share to A of 0.93 (5–95%
 * 0.82–0.995) with discovered incidents only and 0.568 (0.49–0.65) with the
 * correction; with equal rates the share stays near the prior, 0.64
 * (0.31–0.90), instead of returning to 0.5, and 0.50 with the correction.
 */
export interface UrnSetting {
  /** True incident rates of A and B (Poisson means per visit). */
  readonly rates: readonly [number, number];
  /** Prior counts of A and B. */
  readonly prior: readonly [number, number];
  readonly rounds: number;
  readonly correction: boolean;
}

/** The share of the urn in region A after each round (index 0 = the prior), for one seed. */
export function urnShares(setting: UrnSetting, seed: string): number[] {
  const random = createRandom(seed).fork('urn');
  const visit = random.fork('visit');
  const found = random.fork('found');
  let a = setting.prior[0];
  let b = setting.prior[1];
  const shares = [a / (a + b)];
  for (let t = 0; t < setting.rounds; t++) {
    const shareA = a / (a + b);
    const toA = visit.next() < shareA;
    const discovered = poissonDraw(found.next(), setting.rates[toA ? 0 : 1]);
    const weight = setting.correction ? 1 / (toA ? shareA : 1 - shareA) : 1;
    if (toA) a += discovered * weight;
    else b += discovered * weight;
    shares.push(a / (a + b));
  }
  return shares;
}
