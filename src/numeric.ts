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
