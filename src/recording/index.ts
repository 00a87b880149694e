export { recordPopulation, recordingStream, createRecorder } from './record.js';
export { simulateInChunks, type CohortChunks } from './stream.js';
export { groupCells, domainRates, detectionRates } from './visibility.js';
export { summarise, summaryAccumulator, type PopulationSummary } from './summary.js';
export type { Records } from './types.js';
