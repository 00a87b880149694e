import { modelMessages, RisklabError } from '../messages.js';
import type { FeatureMatrix } from './types.js';

/**
 * Reasons: why a fitted model gave a row its score, in the form the model can
 * honestly give (issue 17). A model that has an additive scale of its own
 * splits each requested row's score on that scale into a base value and one
 * contribution per feature:
 *
 *     score = base + Σ contributions (+ other, what `top` left out)
 *
 * to rounding (the conformance suite checks 1e-9). The scale is the model's:
 *
 * | model      | scale         | base                                  | a feature's contribution                              |
 * | ---------- | ------------- | ------------------------------------- | ----------------------------------------------------- |
 * | `points`   | `points`      | 0                                     | its points, when its flag is recorded (value > 0)     |
 * | `logistic` | `logit`       | logit at the training means           | coefficient × (value − training mean)                 |
 * | `forest`   | `probability` | mean over trees of the root's value   | mean over trees of the changes along the row's path (Saabas) |
 * | `boosting` | `logit`       | initial score + Σ trees' root values  | Σ over trees of the changes along the row's path (Saabas) |
 *
 * The neural network and the baselines give no reasons (`available: false`,
 * with why): they have no additive scale of their own to split, and reasons
 * a model cannot stand behind are not given.
 */

/** The scale a model's reasons add up on. */
export type ReasonScale = 'points' | 'logit' | 'probability';

/** One feature's part in a row's score. */
export interface FeatureContribution {
  readonly feature: string;
  /** The row's value of the feature (as recorded). */
  readonly value: number;
  /** Its contribution on the model's scale. */
  readonly contribution: number;
}

/** A row's reasons. */
export interface RowReasons {
  /** The row index in the matrix given. */
  readonly row: number;
  /** The model's score of the row on `scale` (not yet turned into a probability). */
  readonly score: number;
  readonly base: number;
  /** The non-zero contributions, largest |contribution| first (ties in feature order); at most `top`. */
  readonly contributions: readonly FeatureContribution[];
  /** Σ of the non-zero contributions left out by `top` (0 without it). */
  readonly other: number;
}

/** What `FittedClassifier.reasons` answers. */
export type Reasons =
  | {
      readonly available: true;
      readonly scale: ReasonScale;
      /** The method, in a few words (for tables and data dictionaries). */
      readonly method: string;
      readonly rows: readonly RowReasons[];
    }
  | {
      readonly available: false;
      /** Why this model gives no reasons. */
      readonly why: string;
    };

export interface ReasonsOptions {
  /** Keep only the `top` largest contributions per row (the rest summed in `other`). Default: all. */
  readonly top?: number;
}

/** The row indices asked for, checked against the matrix (the error names the model and the bad entry). */
export function reasonRows(model: string, x: FeatureMatrix, rows: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (!(Number.isInteger(r) && r >= 0 && r < x.nRows)) throw new RisklabError(modelMessages.badReasonRow(model, k, r, x.nRows), `${model}.reasons`);
    out.push(r);
  }
  return out;
}

/**
 * A row's reasons from its per-feature contributions (`contribution[j]` for
 * feature j; zeros are dropped): largest |contribution| first, ties in
 * feature order, cut to `top` with the rest in `other`.
 */
export function rowReasons(
  x: FeatureMatrix,
  row: number,
  score: number,
  base: number,
  contribution: ArrayLike<number>,
  options: ReasonsOptions = {},
): RowReasons {
  const all: FeatureContribution[] = [];
  for (let j = 0; j < contribution.length; j++) {
    if (contribution[j] !== 0) all.push({ feature: x.names[j], value: x.columns[j][row], contribution: contribution[j] });
  }
  const order = all.map((c, j) => ({ c, j })).sort((a, b) => Math.abs(b.c.contribution) - Math.abs(a.c.contribution) || a.j - b.j);
  const top = options.top === undefined ? order.length : Math.max(0, Math.floor(options.top));
  let other = 0;
  for (const { c } of order.slice(top)) other += c.contribution;
  return Object.freeze({ row, score, base, contributions: Object.freeze(order.slice(0, top).map(({ c }) => Object.freeze(c))), other });
}

/** The answer of a model that gives no reasons. */
export function noReasons(why: string): Reasons {
  return Object.freeze({ available: false as const, why });
}
