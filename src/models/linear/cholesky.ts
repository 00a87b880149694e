/**
 * Dense Cholesky factorisation and solves for the small symmetric systems of
 * Newton's method (a few dozen unknowns). Matrices are row-major
 * `Float64Array`s of size `n × n`; only the upper triangle of the input is read.
 */

/** Result of `choleskyFactor`: the lower factor and the columns found to be linear combinations of earlier ones. */
export interface CholeskyResult {
  /** Lower-triangular L with A = L·Lᵀ on the kept columns; dropped columns have L[j][j] = 1 and zeros elsewhere. */
  readonly lower: Float64Array;
  /** Indices whose pivot fell below `relTol × A[j][j]` (dependent on earlier columns); excluded from the solve. */
  readonly dropped: number[];
}

/**
 * Cholesky–Banachiewicz factorisation of the symmetric positive
 * (semi-)definite `a` (n × n, upper triangle used). A column whose pivot is
 * below `relTol` times its diagonal is a linear combination of the earlier
 * ones: it is dropped (its unknown is fixed at 0), as R's `lm`/`glm` do for
 * aliased coefficients. Reference: Golub & Van Loan, *Matrix Computations*
 * (4th ed.) §4.2.
 *
 * @example
 * const { lower } = choleskyFactor(new Float64Array([4, 2, 2, 3]), 2);
 * // lower = [2, 0, 1, √2]
 */
export function choleskyFactor(a: Float64Array, n: number, relTol = 1e-9, keep?: readonly boolean[]): CholeskyResult {
  const l = new Float64Array(n * n);
  const dropped: number[] = [];
  for (let j = 0; j < n; j++) {
    const diag = a[j * n + j];
    let s = diag;
    for (let k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
    if ((keep !== undefined && !keep[j]) || !(s > relTol * Math.abs(diag)) || !(diag > 0)) {
      dropped.push(j);
      l[j * n + j] = 1;
      continue;
    }
    const ljj = Math.sqrt(s);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = a[j * n + i];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / ljj;
    }
  }
  // A dropped column must not feed later rows: zero its entries below the diagonal.
  for (const j of dropped) for (let i = j + 1; i < n; i++) l[i * n + j] = 0;
  return { lower: l, dropped };
}

/**
 * Solve L·Lᵀ·x = b given the factor from `choleskyFactor`; unknowns in
 * `dropped` are set to 0.
 */
export function choleskySolve(factor: CholeskyResult, b: Float64Array, n: number): Float64Array {
  const { lower: l, dropped } = factor;
  const isDropped = new Uint8Array(n);
  for (const j of dropped) isDropped[j] = 1;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (isDropped[i]) continue;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * z[k];
    z[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (isDropped[i]) continue;
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** The inverse of A (row-major) from its factor; rows and columns of dropped unknowns are 0. */
export function choleskyInverse(factor: CholeskyResult, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(factor, e, n);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}
