import type { GroupColumn } from './types.js';

/**
 * Cumulative shares of a group attribute's levels, for
 * `categoricalFromCumulative`. Levels are drawn per child (sex) or once per
 * family and shared by siblings (ethnicity, deprivation) by the TruthDrawer
 * (src/population/draw.ts), each attribute from its own stream
 * (`groups/group:<attribute>`), so adding an attribute does not move
 * another's draws.
 */
export function groupCumulative(levels: readonly { share: number }[]): Float64Array {
  const cumulative = new Float64Array(levels.length);
  let total = 0;
  levels.forEach((l, j) => {
    total += l.share;
    cumulative[j] = total;
  });
  return cumulative;
}

/**
 * A group map (`attribute → level → number`, e.g. prevalence ratios or
 * probit shifts) as a table over the combinations of levels of the
 * attributes it names: `cell` indexes a child's combination (mixed radix over
 * those attributes, in the order of `groups`), and `value(cell)` is the
 * product (or sum) of the numbers for the child's levels — 1 (or 0) for a
 * level the map does not mention. Multiplied (added) in the order of
 * `groups`, starting from 1 (0).
 *
 * Anything a kernel derives from the value (a probit threshold, a mean) is
 * then computed once per cell (`CellCache`) rather than once per child.
 * Null when the map names none of the attributes.
 *
 * @example
 * const t = groupTable({ deprivation: { high: 2 } }, groups, 'product');
 * t.cellsInto(cells, groups, 0, n); t.value(cells[0]); // 2 for a child of a high-deprivation family
 */
export interface GroupTable {
  /** Number of cells (the product of the named attributes' level counts). */
  readonly count: number;
  /** The value of a cell. */
  value(cell: number): number;
  /** `out[i]` = the cell of child `offset + i`, for i < m. */
  cellsInto(out: Float64Array, groups: readonly GroupColumn[], offset: number, m: number): void;
}

export function groupTable(
  map: Record<string, Record<string, number>>,
  groups: readonly { attribute: string; levels: readonly ({ name: string } | string)[] }[],
  combine: 'product' | 'sum' = 'product',
): GroupTable | null {
  const used = groups.flatMap((g, j) => (map[g.attribute] === undefined ? [] : [j]));
  if (used.length === 0) return null;
  const neutral = combine === 'product' ? 1 : 0;
  const byLevel = used.map((j) => groups[j].levels.map((l) => map[groups[j].attribute][typeof l === 'string' ? l : l.name] ?? neutral));
  const radix = byLevel.map((b) => b.length);
  const count = radix.reduce((a, r) => a * r, 1);
  return {
    count,
    value(cell) {
      // Decode the mixed-radix cell, last attribute fastest, then combine in order.
      const levels = new Array<number>(used.length);
      for (let u = used.length - 1; u >= 0; u--) {
        levels[u] = cell % radix[u];
        cell = Math.floor(cell / radix[u]);
      }
      let out = neutral;
      for (let u = 0; u < used.length; u++) out = combine === 'product' ? out * byLevel[u][levels[u]] : out + byLevel[u][levels[u]];
      return out;
    },
    cellsInto(out, columns, offset, m) {
      out.fill(0, 0, m);
      for (let u = 0; u < used.length; u++) {
        const codes = columns[used[u]].codes;
        const r = radix[u];
        for (let i = 0; i < m; i++) out[i] = out[i] * r + codes[offset + i];
      }
    },
  };
}

/**
 * Values derived from a group table's cells, computed on first use: a dense
 * array for up to 65,536 cells, a Map beyond (many named attributes with many
 * levels).
 */
export class CellCache {
  private readonly dense: Float64Array | null;
  private readonly sparse = new Map<number, number>();
  constructor(
    count: number,
    private readonly compute: (cell: number) => number,
  ) {
    this.dense = count <= 65_536 ? new Float64Array(count).fill(NaN) : null;
  }
  get(cell: number): number {
    const dense = this.dense;
    if (dense !== null) {
      const v = dense[cell];
      if (v === v) return v; // not NaN: already computed
      return (dense[cell] = this.compute(cell));
    }
    let v = this.sparse.get(cell);
    if (v === undefined) this.sparse.set(cell, (v = this.compute(cell)));
    return v;
  }
}
