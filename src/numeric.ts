/**
 * Numerical helpers shared by the simulation and the models.
 */

/**
 * Logistic function 1 / (1 + e^-x).
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Log-odds log(p / (1 − p)), the inverse of `sigmoid`.
 *
 * @example
 * logit(0.5); // 0
 */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * log(1 + eˣ) without overflow: x + log1p(e⁻ˣ) for x > 0, log1p(eˣ) otherwise.
 *
 * @example
 * softplus(0);    // log 2 ≈ 0.693
 * softplus(1000); // 1000 (not Infinity)
 */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * The log-loss (binary cross-entropy) of one row from its score on the logit
 * scale: −[y log σ(t) + (1 − y) log(1 − σ(t))], computed as softplus(−t)
 * for y = 1 and softplus(t) for y = 0, so it never overflows, never takes
 * log 0 and loses no digits to cancellation (a confident correct score
 * costs about e^−|t|, a confident mistake about |t|). The one log-loss of
 * the models (logistic regression's likelihood, boosting's early stopping,
 * the neural network's loss and validation).
 *
 * Reference: Bishop, *Pattern Recognition and Machine Learning* (2006), eq. 4.90.
 *
 * @example
 * logLoss(0, 1);    // log 2 ≈ 0.693
 * logLoss(-800, 1); // 800
 */
export function logLoss(t: number, y: number): number {
  return y === 1 ? softplus(-t) : softplus(t);
}

/**
 * The log-loss of one row from a probability p (scikit-learn's `log_loss`
 * convention): p is clipped to [eps, 1 − eps] so a confident mistake costs a
 * large but finite amount; default eps = 2⁻⁵² (`Number.EPSILON`, scikit-learn
 * 1.2's "auto" for float64). Use `logLoss` when the logit is at hand.
 *
 * @example
 * probabilityLogLoss(0.8, 1); // −log 0.8 ≈ 0.223
 * probabilityLogLoss(0, 1);   // −log 2⁻⁵² ≈ 36.04
 */
export function probabilityLogLoss(p: number, y: number, eps: number = Number.EPSILON): number {
  const q = Math.min(Math.max(p, eps), 1 - eps);
  return y === 1 ? -Math.log(q) : -Math.log(1 - q);
}
