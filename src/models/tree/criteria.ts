/**
 * Split criteria for the histogram grower. Every row carries two statistics
 * `a` and `b` and a count of 1; a histogram holds their sums per bin.
 *
 * - Classification (forest): `a` = the row's weight (bootstrap count × class
 *   weight), `b` = weight × yRecorded. A node's leaf value is `b / a`, the
 *   weighted frequency of yRecorded = 1.
 * - Gradient (boosting): `a` = gradient, `b` = hessian of the logistic loss
 *   at the current score. A node's leaf value is `−η·G / (H + λ)`.
 *
 * A histogram interleaves the three sums: bin t of a feature whose entries
 * start at `off` is `h[off + 3t]` (Σa), `h[off + 3t + 1]` (Σb),
 * `h[off + 3t + 2]` (rows).
 *
 * `scan` walks the bins of one feature left to right, trying each threshold
 * "bin ≤ t" whose left and right sides both meet the leaf constraints, and
 * records the best one in `best` when it beats `best.score`.
 */

/** The best split found so far at a node (mutable scratch, one per grower). */
export interface SplitCandidate {
  /** Criterion score of the split (higher is better); starts at `Criterion.initialScore`. */
  score: number;
  feature: number;
  /** Rows with bin ≤ `bin` go left. */
  bin: number;
}

export interface Criterion {
  /** Score a split must beat: −∞ (any valid split) for impurity, 0 (strictly positive gain) for gradients. */
  readonly initialScore: number;
  /** Smallest number of rows in a leaf. */
  readonly minLeafSize: number;
  /** Whether a node with these sums may be split at all (beyond size and depth). */
  canSplit(sumA: number, sumB: number, count: number): boolean;
  /**
   * Try every threshold of one feature's histogram (`nBins` bins, entries
   * from `off`). Returns false when the feature is constant in the node (one
   * non-empty bin).
   */
  scan(
    h: Float64Array,
    off: number,
    nBins: number,
    sumA: number,
    sumB: number,
    count: number,
    feature: number,
    best: SplitCandidate,
  ): boolean;
  /** Value stored at a leaf with these sums. */
  leafValue(sumA: number, sumB: number, count: number): number;
}

/**
 * CART impurity criteria on weighted class counts. A split is scored by the
 * proxy scikit-learn's tree uses (the parent's impurity is the same for every
 * candidate): for Gini, Σ_side Σ_class w_c² / w_side; for entropy,
 * Σ_side Σ_class w_c · ln(w_c / w_side). Higher is better; any valid split
 * beats none, as in scikit-learn (no minimum decrease).
 *
 * Reference: Breiman, Friedman, Olshen & Stone (1984), *Classification and
 * Regression Trees*, ch. 4; scikit-learn `sklearn/tree/_criterion.pyx`.
 */
export class ImpurityCriterion implements Criterion {
  readonly initialScore = -Infinity;
  constructor(
    readonly kind: 'gini' | 'entropy',
    readonly minLeafSize: number,
  ) {}

  canSplit(sumA: number, sumB: number): boolean {
    // Pure nodes (all weight on one class) are leaves.
    return sumB > 0 && sumB < sumA;
  }

  scan(
    h: Float64Array,
    off: number,
    nBins: number,
    sumA: number,
    sumB: number,
    count: number,
    feature: number,
    best: SplitCandidate,
  ): boolean {
    const minLeaf = this.minLeafSize;
    const entropy = this.kind === 'entropy';
    let lA = 0;
    let lB = 0;
    let lC = 0;
    let varies = false;
    for (let t = 0; t < nBins - 1; t++) {
      const e = off + 3 * t;
      const c = h[e + 2];
      if (c === 0) continue; // same partition as the previous threshold
      lA += h[e];
      lB += h[e + 1];
      lC += c;
      if (lC === count) break;
      varies = true;
      if (lC < minLeaf) continue;
      if (count - lC < minLeaf) break;
      const rA = sumA - lA;
      const rB = sumB - lB;
      const score = entropy ? entropyProxy(lA, lB) + entropyProxy(rA, rB) : giniProxy(lA, lB) + giniProxy(rA, rB);
      if (score > best.score) {
        best.score = score;
        best.feature = feature;
        best.bin = t;
      }
    }
    return varies;
  }

  leafValue(sumA: number, sumB: number): number {
    const p = sumA > 0 ? sumB / sumA : 0;
    return p < 0 ? 0 : p > 1 ? 1 : p;
  }
}

/** Σ_class w_c² / w for one side (larger is purer). */
function giniProxy(w: number, wPositive: number): number {
  if (w <= 0) return 0;
  const wNegative = w - wPositive;
  return (wPositive * wPositive + wNegative * wNegative) / w;
}

/** Σ_class w_c · ln(w_c / w) for one side (larger is purer; 0·ln 0 = 0). */
function entropyProxy(w: number, wPositive: number): number {
  if (w <= 0) return 0;
  const wNegative = w - wPositive;
  let s = 0;
  if (wPositive > 0) s += wPositive * Math.log(wPositive / w);
  if (wNegative > 0) s += wNegative * Math.log(wNegative / w);
  return s;
}

/**
 * Second-order gain for gradient boosting (Chen & Guestrin 2016, *XGBoost*,
 * eq. 7; scikit-learn `_hist_gradient_boosting/splitting.pyx`):
 * gain = ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], where G, H are the sums
 * of gradients and hessians. A split must have positive gain and each side at
 * least `minLeafSize` rows and `minLeafHessian` hessian.
 * Leaf value: −η·G/(H+λ) (η the learning rate).
 */
export class GradientCriterion implements Criterion {
  readonly initialScore = 0;
  constructor(
    readonly minLeafSize: number,
    readonly minLeafHessian: number,
    readonly l2: number,
    readonly learningRate: number,
  ) {}

  canSplit(_sumA: number, sumB: number, count: number): boolean {
    return count >= 2 * this.minLeafSize && sumB >= 2 * this.minLeafHessian;
  }

  scan(
    h: Float64Array,
    off: number,
    nBins: number,
    sumA: number,
    sumB: number,
    count: number,
    feature: number,
    best: SplitCandidate,
  ): boolean {
    const { minLeafSize: minLeaf, minLeafHessian: minHessian, l2 } = this;
    const parent = (sumA * sumA) / (sumB + l2);
    let lG = 0;
    let lH = 0;
    let lC = 0;
    let varies = false;
    for (let t = 0; t < nBins - 1; t++) {
      const e = off + 3 * t;
      const c = h[e + 2];
      if (c === 0) continue;
      lG += h[e];
      lH += h[e + 1];
      lC += c;
      if (lC === count) break;
      varies = true;
      if (lC < minLeaf || lH < minHessian) continue;
      const rH = sumB - lH;
      if (count - lC < minLeaf || rH < minHessian) break;
      const rG = sumA - lG;
      const gain = 0.5 * ((lG * lG) / (lH + l2) + (rG * rG) / (rH + l2) - parent);
      if (gain > best.score) {
        best.score = gain;
        best.feature = feature;
        best.bin = t;
      }
    }
    return varies;
  }

  leafValue(sumA: number, sumB: number): number {
    const denominator = sumB + this.l2;
    return denominator > 0 ? (-this.learningRate * sumA) / denominator : 0;
  }
}
