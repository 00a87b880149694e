import { poissonDraw, type RandomSource } from '../random/index.js';

/**
 * Children grouped into families, as in a family database. Household sizes
 * are 1 + Poisson(meanSize − 1); children of one household are contiguous.
 *
 * @returns `household[i]`: the 0-based household of child i, and the count.
 */
export function drawHouseholds(
  size: number,
  meanSize: number,
  source: RandomSource,
): { household: Int32Array; count: number } {
  const household = new Int32Array(size);
  let i = 0;
  let h = 0;
  while (i < size) {
    const k = 1 + poissonDraw(source.next(), meanSize - 1);
    const end = Math.min(size, i + k);
    for (; i < end; i++) household[i] = h;
    h += 1;
  }
  return { household, count: h };
}
