/**
 * Small numeric helpers shared by the metrics module (internal).
 */

/**
 * Compensated (Neumaier) running sum: accurate to about one rounding of the
 * total whatever the order, so long sums agree with other libraries' pairwise
 * sums to well under 1e-12.
 *
 * Reference: Neumaier (1974) ZAMM 54:39–51.
 */
export class CompensatedSum {
  private sum = 0;
  private c = 0;
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.c += this.sum - t + x;
    else this.c += x - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.c;
  }
}
