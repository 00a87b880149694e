import { createRandom, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { cohortBaseRate } from './cohort-rate.js';
import { TruthDrawer, type TruthChunk } from './draw.js';
import { sigmoid } from './math.js';
import { calibrateIntercept, calibrateScale } from './outcome.js';
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
 * Calibrate a cohort's true risk on the scores z of all its children:
 * separability on the first `calibrationSampleSize` children, then the
 * intercept on the whole cohort, so mean(pTrue) equals the cohort's base rate
 * (`outcome.baseRate` × any drift `baseRateMultiplier` in force) to 1e-6.
 */
export function calibrateCohort(scenario: Scenario, cohort: number, z: Float64Array): Calibration {
  const baseRate = cohortBaseRate(scenario.outcome.baseRate, scenario.cohorts.drift, cohort);
  const { scale } = calibrateScale(z, baseRate, scenario.outcome.oracleAuc);
  return { scale, intercept: calibrateIntercept(z, scale, baseRate, z.length) };
}

/** Children whose outcome uniforms `completeChunk` draws at a time. */
const OUTCOME_BLOCK = 4096;

/**
 * Complete a chunk of truth into a Population of its children: pTrue =
 * sigmoid(intercept + scale·z), yTrue ~ Bernoulli(pTrue) from `outcomeDraw`
 * (the stream `outcome:draw`, one uniform per child, in child order), ids
 * offset by (cohort − 1)·size so they are unique across cohorts. pTrue is
 * written over the chunk's scores `z` (which are not needed after it).
 */
export function completeChunk(
  scenario: Scenario,
  cohort: number,
  chunk: TruthChunk,
  calibration: Calibration,
  outcomeDraw: RandomSource,
): Population {
  const m = chunk.size;
  const offset = (cohort - 1) * scenario.population.size;
  const pTrue = chunk.z;
  const yTrue = new Uint8Array(m);
  const ids = new Int32Array(m);
  const { intercept, scale } = calibration;
  const u = new Float64Array(Math.min(m, OUTCOME_BLOCK));
  for (let start = 0; start < m; start += OUTCOME_BLOCK) {
    const end = Math.min(m, start + OUTCOME_BLOCK);
    outcomeDraw.fill(u, end - start);
    for (let i = start; i < end; i++) {
      const p = sigmoid(intercept + scale * pTrue[i]);
      pTrue[i] = p;
      yTrue[i] = Math.ceil(p - u[i - start]); // 1 when u < p, else 0, without a branch
      ids[i] = offset + chunk.start + i;
      chunk.household[i] += offset;
    }
  }
  return {
    size: m,
    cohort,
    ids,
    household: chunk.household,
    age: chunk.age,
    groups: chunk.groups,
    circumstances: scenario.circumstances.map(({ name, domain, type, label }) => ({ name, domain, type, label })),
    truth: chunk.truth,
    contact: chunk.contact,
    pTrue,
    yTrue,
  };
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
 * `streamCohort` draws the same children chunk by chunk.
 *
 * @example
 * const pop = generatePopulation(resolveScenario({ seed: 1 }), 1);
 * pop.size; // 10000
 */
export function generatePopulation(scenario: Scenario, cohort = 1): Population & { calibration: Calibration } {
  const stream = populationStream(scenario, cohort);
  const chunk = new TruthDrawer(scenario, stream).draw(scenario.population.size);
  const calibration = calibrateCohort(scenario, cohort, chunk.z);
  return { ...completeChunk(scenario, cohort, chunk, calibration, stream.fork('outcome:draw')), calibration };
}

/**
 * A cohort drawn chunk by chunk, for output larger than memory: the same
 * children, byte for byte, as `generatePopulation`, whatever the chunk size.
 *
 * The intercept needs the scores of the whole cohort, so the truth is drawn
 * twice: a first pass keeps only each child's score z (8 bytes a child) and
 * calibrates; `chunks()` then draws the cohort again from the start with the
 * same streams and completes each chunk. `pTrue` (the same array, overwritten
 * with pTrue as chunks pass) holds every child's pTrue once `chunks()` is done.
 */
export class CohortStream {
  readonly calibration: Calibration;
  readonly pTrue: Float64Array;
  constructor(
    private readonly scenario: Scenario,
    readonly cohort: number,
    private readonly chunkSize: number,
  ) {
    const n = scenario.population.size;
    this.pTrue = new Float64Array(n);
    const drawer = new TruthDrawer(scenario, populationStream(scenario, cohort));
    while (drawer.count < n) {
      const chunk = drawer.draw(Math.min(chunkSize, n - drawer.count), true);
      this.pTrue.set(chunk.z, chunk.start);
    }
    this.calibration = calibrateCohort(scenario, cohort, this.pTrue);
  }

  /** The cohort's children, `chunkSize` at a time. */
  *chunks(): Generator<Population> {
    const n = this.scenario.population.size;
    const stream = populationStream(this.scenario, this.cohort);
    const drawer = new TruthDrawer(this.scenario, stream);
    const outcome = stream.fork('outcome:draw');
    while (drawer.count < n) {
      const chunk = drawer.draw(Math.min(this.chunkSize, n - drawer.count));
      const population = completeChunk(this.scenario, this.cohort, chunk, this.calibration, outcome);
      this.pTrue.set(population.pTrue, chunk.start);
      yield population;
    }
  }
}
