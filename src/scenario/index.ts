export { resolveScenario, formatIssue, formatPath, type Scenario } from './validate.js';
export { scenarioSchema, type ScenarioInput, DEFAULT_GROUPS, DEFAULT_DOMAIN_RECORDING } from './schema.js';
export { DEFAULT_CATALOGUE, DOMAINS, TRAP_FLAGS, type CatalogueEntry } from './catalogue.js';
export { configHash, canonicalJson } from './hash.js';
