export { generatePopulation, populationStream, type Calibration } from './generate.js';
export { expectedAuc, calibrateIntercept, calibrateScale, COUNT_EFFECT_CAP, CALIBRATION_SAMPLE, calibrationSampleSize } from './outcome.js';
export { normCdf, normInv, sigmoid, logit } from './math.js';
export { displayIdentity, type DisplayIdentity } from './identity.js';
export { cohortBaseRate } from './cohort-rate.js';
export type { Population, GroupColumn, CircumstanceInfo, Domain, CircumstanceType } from './types.js';
