/**
 * The models: one contract (`Classifier` → `FittedClassifier`), a feature
 * builder that reads records only, the models, the baselines and the
 * registry that names them.
 */
export type { Classifier, FittedClassifier, FeatureMatrix, TrainingSet } from './types.js';
export {
  buildFeatures,
  buildTrainingSet,
  featureNames,
  checkFeatureNames,
  assertFeatureMatrix,
  assertTrainingSet,
  assertRecordsOnly,
  isTruthName,
  groupColumnName,
  type FeatureOptions,
} from './features.js';
export {
  logistic,
  loadLogistic,
  fitLogistic,
  resolveLogisticParams,
  type LogisticParams,
  type ResolvedLogisticParams,
  type LogisticCoefficient,
  type FittedLogistic,
  type LogisticJson,
} from './logistic.js';
export {
  points,
  loadPoints,
  poolAdjacentViolators,
  TRAP_FLAGS,
  type PointsParams,
  type FittedPoints,
  type FlagPoints,
  type ScoreRow,
  type PointsJson,
} from './points.js';
export {
  random,
  randomModel,
  loadRandom,
  oracle,
  loadOracle,
  truthLookup,
  hashUniform,
  type TruthLookup,
  type OracleOptions,
  type FittedBaseline,
} from './baselines.js';
export {
  createModel,
  loadModel,
  modelNames,
  modelEntry,
  isBaseline,
  isSeeded,
  type ModelContext,
  type ModelEntry,
  type ModelName,
} from './registry.js';
export { forest, loadForest, type ForestParams } from './forest.js';
export { boosting, loadBoosting, type BoostingParams } from './boosting.js';
export { neural, loadNeural, type NeuralParams } from './neural.js';
