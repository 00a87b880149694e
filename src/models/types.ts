import type { RandomSource } from '../random/index.js';
import type { Reasons, ReasonsOptions } from './reasons.js';

/**
 * Model inputs built from *records only* (see `src/models/features.ts`).
 *
 * Column-major: `columns[j][i]` is feature `names[j]` for row `i`. Every
 * column has `nRows` entries. `rowIds` are the children's ids in the
 * population the rows came from (used by the oracle baseline and by reports to
 * join scores back to children; never a model input).
 */
export interface FeatureMatrix {
  readonly nRows: number;
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly rowIds: Int32Array;
  /** Brand: only the feature builder makes these, so a truth column cannot slip in. */
  readonly source: 'records';
}

/** Rows a model is fitted on: record features and the *recorded* label. */
export interface TrainingSet {
  readonly x: FeatureMatrix;
  /** 0/1 per row: the outcome as recorded by agencies. */
  readonly yRecorded: Uint8Array;
}

/** A fitted model: scores rows, serialises itself. Thresholds never live here. */
export interface FittedClassifier {
  readonly kind: string;
  /** P(yRecorded = 1) per row, each in [0, 1]. */
  predictProba(x: FeatureMatrix): Float64Array;
  /**
   * Why the model scored rows `rows` of `x` as it did: for each row, a base
   * value and one contribution per feature on the model's own additive scale
   * (points, logit or probability), adding up to the model's score of the
   * row; or `available: false` with why, for a model without an additive
   * scale of its own (see `src/models/reasons.ts` for each model's method).
   */
  reasons(x: FeatureMatrix, rows: ArrayLike<number>, options?: ReasonsOptions): Reasons;
  /** Plain JSON that `registry.load` turns back into identical predictions. */
  toJSON(): unknown;
}

/**
 * A model factory holding hyper-parameters. `fit` returns a new fitted object;
 * nothing mutates, and an unfitted model cannot predict.
 */
export interface Classifier<P = unknown> {
  readonly kind: string;
  readonly params: Readonly<P>;
  fit(train: TrainingSet, random: RandomSource): Promise<FittedClassifier>;
}
