import { createRandom, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { cohortBaseRate } from './cohort-rate.js';
import { drawCircumstance } from './circumstances.js';
import { drawGroups } from './groups.js';
import { drawHouseholds } from './households.js';
import { contactLevel, drawLatent } from './latent.js';
import { sigmoid } from './math.js';
import { calibrateIntercept, calibrateScale, riskScore } from './outcome.js';
import type { Population } from './types.js';

/** How the true risk was calibrated for a cohort (reported in summaries). */
export interface Calibration {
  /** Multiplier on the risk score that sets separability (oracle AUC). */
  readonly scale: number;
  /** Intercept that makes mean(pTrue) equal the base rate. */
  readonly intercept: number;
}

/** The population stream of one cohort: `root/population/cohort:K`. */
export function populationStream(scenario: Scenario, cohort: number): RandomSource {
  return createRandom(scenario.seed).fork('population').fork(`cohort:${cohort}`);
}

/**
 * Draw one cohort of children and their true circumstances, pTrue and yTrue.
 *
 * Each cohort is a fresh draw from the same world (same parameters, own
 * stream); child and household ids are offset by (cohort − 1)·size so they
 * are unique across cohorts. The intercept is calibrated on the whole cohort,
 * so mean(pTrue) equals `outcome.baseRate` (times any drift
 * `baseRateMultiplier` in force for the cohort) to 1e-6; the realised
 * prevalence of yTrue then varies only by binomial noise.
 *
 * @example
 * const pop = generatePopulation(resolveScenario({ seed: 1 }), 1);
 * pop.size; // 10000
 */
export function generatePopulation(scenario: Scenario, cohort = 1): Population & { calibration: Calibration } {
  const n = scenario.population.size;
  const stream = populationStream(scenario, cohort);
  const offset = (cohort - 1) * n;
  const { household, count } = drawHouseholds(n, scenario.population.householdSize, stream.fork('households'));
  const groups = drawGroups(scenario.population.groups, household, stream.fork('groups'));
  const age = drawAges(n, scenario.population.ageMin, scenario.population.ageMax, stream.fork('age'));
  const latent = drawLatent(household, count, scenario.population.familyCorrelation, stream.fork('latent'));
  const contact = contactLevel(scenario.recording.contact, latent.family, household, groups);
  const truth = scenario.circumstances.map((c) =>
    drawCircumstance(c, latent, household, groups, stream.fork(`circumstance:${c.name}`)),
  );
  const z = riskScore(scenario, truth, latent.child, age, groups, stream.fork('outcome:unobserved'));
  const baseRate = cohortBaseRate(scenario.outcome.baseRate, scenario.cohorts.drift, cohort);
  const sample = calibrateScale(z, baseRate, scenario.outcome.oracleAuc);
  const scale = sample.scale;
  const intercept = calibrateIntercept(z, scale, baseRate, n, sample.intercept);
  const pTrue = new Float64Array(n);
  const yTrue = new Uint8Array(n);
  const draw = stream.fork('outcome:draw');
  for (let i = 0; i < n; i++) {
    pTrue[i] = sigmoid(intercept + scale * z[i]);
    yTrue[i] = draw.next() < pTrue[i] ? 1 : 0;
  }
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = offset + i;
    household[i] += offset;
  }
  return {
    size: n,
    cohort,
    ids,
    household,
    age,
    groups,
    circumstances: scenario.circumstances.map(({ name, domain, type, label }) => ({ name, domain, type, label })),
    truth,
    contact,
    pTrue,
    yTrue,
    calibration: { scale, intercept },
  };
}

function drawAges(n: number, min: number, max: number, source: RandomSource): Uint8Array {
  const age = new Uint8Array(n);
  const span = max - min + 1;
  for (let i = 0; i < n; i++) age[i] = min + Math.floor(source.next() * span);
  return age;
}
