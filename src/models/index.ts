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
  defineParams,
  classWeights,
  type ClassWeight,
  type ParamField,
  type ParamSpec,
  type AnyParamSpec,
  type ParamRow,
} from './params.js';
export { loadSaved, savedModel, type SavedModel, type SavedFormat } from './envelope.js';
export type { Reasons, ReasonsOptions, RowReasons, FeatureContribution, ReasonScale } from './reasons.js';
export {
  logistic,
  loadLogistic,
  fitLogistic,
  resolveLogisticParams,
  LOGISTIC_PARAMS,
  type LogisticParams,
  type ResolvedLogisticParams,
  type LogisticCoefficient,
  type FittedLogistic,
  type LogisticJson,
  type LogisticState,
} from './logistic.js';
export {
  points,
  loadPoints,
  POINTS_PARAMS,
  poolAdjacentViolators,
  TRAP_FLAGS,
  type PointsParams,
  type FittedPoints,
  type FlagPoints,
  type ScoreRow,
  type PointsJson,
  type PointsState,
  type ResolvedPointsParams,
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
  resolveModelParams,
  modelNames,
  modelEntry,
  isBaseline,
  isSeeded,
  type ModelContext,
  type ModelEntry,
  type ModelName,
} from './registry.js';
export { forest, loadForest, FOREST_PARAMS, type ForestParams } from './forest.js';
export { boosting, loadBoosting, BOOSTING_PARAMS, type BoostingParams } from './boosting.js';
export { neural, loadNeural, chooseEngine, type NeuralParams, type FittedNeural } from './neural.js';
export { NEURAL_PARAMS } from './neural/params.js';
