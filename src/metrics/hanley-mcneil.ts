/**
 * Standard error of an AUC from its value and the two class sizes alone, by
 * Hanley and McNeil's exponential approximation:
 *
 *   SE² = [A(1 − A) + (n₁ − 1)(Q₁ − A²) + (n₀ − 1)(Q₂ − A²)] / (n₁·n₀),
 *   Q₁ = A / (2 − A),  Q₂ = 2A² / (1 + A),
 *
 * with n₁ children of label 1 and n₀ of label 0. It is the sampling error of
 * an AUC measured on one draw of the labels: what `risklab generate` prints
 * next to the realised oracle AUC. NaN when a class is empty.
 *
 * Reference: Hanley, J. A. and McNeil, B. J. (1982) "The meaning and use of
 * the area under a receiver operating characteristic (ROC) curve",
 * Radiology 143:29–36, equation (2) and Table 2.
 *
 * @example
 * aucStandardError(0.8, 5000, 95000); // ≈ 0.00381
 */
export function aucStandardError(auc: number, nPositive: number, nNegative: number): number {
  if (!(nPositive > 0 && nNegative > 0)) return NaN;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const a2 = auc * auc;
  return Math.sqrt((auc * (1 - auc) + (nPositive - 1) * (q1 - a2) + (nNegative - 1) * (q2 - a2)) / (nPositive * nNegative));
}
