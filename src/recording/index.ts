export { recordPopulation, recordingStream } from './record.js';
export { groupCells, domainRates, detectionRates } from './visibility.js';
export { summarise, type PopulationSummary } from './summary.js';
export type { Records } from './types.js';
