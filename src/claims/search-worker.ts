import { workerData } from 'node:worker_threads';
import { serveJobs } from '../worker-pool.js';
import { runSearchUnit, type SearchSettings, type SearchTarget, type SearchUnit } from './search.js';

/**
 * Worker thread of the reproduction search (src/cli/check-claim.ts
 * `runSearchUnits`): holds the search's settings and targets (workerData)
 * and runs each (oracle AUC, detection) unit it is sent. Each unit is seeded
 * from the search seed and the unit alone, so the cells are the same on any
 * thread.
 */
const { settings, targets } = workerData as { settings: SearchSettings; targets: readonly SearchTarget[] };
serveJobs((unit: SearchUnit) => runSearchUnit(settings, targets, unit));
