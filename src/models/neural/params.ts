import { choice, classWeightField, defineParams, integer, integerList, number, type ParamsInput, type ParamsOf } from '../params.js';

/**
 * The hyper-parameters of `neural`, each with its default (the shape and the
 * optimiser follow scikit-learn's `MLPClassifier`: Glorot init, Adam with
 * step 0.001, batches of 256; dropout and patience are Keras-style).
 * Kept apart from `neural.ts` so that the saved-state code (`json.ts`) and
 * the training loops can use the types without importing the model.
 */
export const NEURAL_PARAMS = defineParams('neural', {
  hiddenLayers: integerList({ default: [32, 16], min: 1, doc: 'Units per hidden layer, input side first; [] gives logistic regression.' }),
  activation: choice(['relu', 'tanh'], { default: 'relu', doc: 'Hidden-layer activation.' }),
  dropout: number({ default: 0.1, min: 0, max: 1, maxExclusive: true, doc: 'Share of hidden units dropped at each training step (inverted dropout).' }),
  epochs: integer({ default: 10, min: 1, doc: 'Most passes over the training rows.' }),
  batchSize: integer({ default: 256, min: 1, doc: 'Rows per Adam step.' }),
  learningRate: number({ default: 0.001, min: 0, minExclusive: true, doc: 'Adam step size.' }),
  validationFraction: number({ default: 0.1, min: 0, max: 0.5, doc: 'Share of training rows held out (stratified) for early stopping; 0 trains every epoch.' }),
  patience: integer({ default: 3, min: 1, doc: 'Epochs without a lower validation loss before stopping.' }),
  /**
   * Both engines follow the same seeded batches, masks and Adam steps and
   * give the same predictions to a stated tolerance (tests/models/neural-engines.test.ts);
   * they differ in speed and rounding (typed: float64, bit-identical on every
   * machine; tfjs: float32 kernels, which vary in the last bits by backend).
   */
  /**
   * Class weights multiply each row's log-loss (Keras's `class_weight`: the
   * batch loss is the mean of weighted row losses; the validation loss is the
   * class-weighted mean). Probabilities are then those of the reweighted
   * data, not calibrated to the base rate.
   */
  classWeight: classWeightField(),
  engine: choice(['auto', 'typed', 'tfjs'], {
    default: 'auto',
    doc: "What computes the gradients: 'typed' (fused Float64Array passes, fast for small layers), 'tfjs' (TensorFlow.js: tfjs-node when installed, else WebAssembly), or 'auto' (typed unless a layer has more than 65,536 weights).",
  }),
});

/** The resolved hyper-parameters of `neural`. */
export type NeuralParams = ParamsOf<typeof NEURAL_PARAMS>;

/** What `neural(…)` accepts. */
export type NeuralParamsInput = ParamsInput<typeof NEURAL_PARAMS>;

/** What training produced besides the weights. */
export interface TrainLog {
  readonly epochsRun: number;
  /** 1-based epoch whose weights were kept (the last one when there is no validation set). */
  readonly bestEpoch: number;
  /** Mean log loss on the validation rows after each epoch (empty without validation). */
  readonly validationLoss: readonly number[];
  readonly fitRows: number;
  readonly validationRows: number;
}

/** Training summary kept with a fitted model (informative; not needed to predict). */
export interface NeuralTraining extends TrainLog {
  /** What computed the gradients: `typed`, or the tfjs backend (`tensorflow`, `wasm` or `cpu`). */
  readonly engine: string;
}
