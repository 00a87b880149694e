import type { GroupColumn } from '../../columns.js';
import type { LabelName } from '../../metrics/index.js';
import { intersect } from '../../metrics/index.js';

/**
 * The breakdowns a list is measured in — everyone, every level of every
 * group attribute and every intersection, exactly as `evaluate` names them —
 * as numbered slots, so that counting a list of k children costs O(k) per
 * breakdown instead of a pass over the whole test set. Slot 0 is everyone.
 */
export interface GroupSlots {
  /** Slot s is `attribute`/`group` (slot 0: "all"/"all"). */
  readonly slots: readonly { readonly attribute: string; readonly group: string }[];
  /** The columns (groups then intersections), aligned with the test set. */
  readonly columns: readonly GroupColumn[];
  /** First slot of column c (its level l is slot `offset[c] + l`). */
  readonly offset: readonly number[];
  /** Test children per slot. */
  readonly n: Int32Array;
  /** Children with label 1 per slot, per label. */
  readonly positives: Readonly<Record<LabelName, Int32Array>>;
}

/** Slot numbering of a test set's groups and intersections, with each slot's size and positives. */
export function groupSlots(
  groups: readonly GroupColumn[],
  intersections: readonly (readonly string[])[],
  labels: Readonly<Record<LabelName, Uint8Array>>,
): GroupSlots {
  const columns = [...groups, ...intersections.map((names) => intersect(names.map((a) => groups.find((g) => g.attribute === a)!)))];
  const slots = [{ attribute: 'all', group: 'all' }];
  const offset: number[] = [];
  for (const c of columns) {
    offset.push(slots.length);
    for (const level of c.levels) slots.push({ attribute: c.attribute, group: level });
  }
  const n = new Int32Array(slots.length);
  const positives = { yRecorded: new Int32Array(slots.length), yTrue: new Int32Array(slots.length) };
  const size = labels.yTrue.length;
  for (let i = 0; i < size; i++) {
    n[0]++;
    positives.yRecorded[0] += labels.yRecorded[i];
    positives.yTrue[0] += labels.yTrue[i];
    for (let c = 0; c < columns.length; c++) {
      const s = offset[c] + columns[c].codes[i];
      n[s]++;
      positives.yRecorded[s] += labels.yRecorded[i];
      positives.yTrue[s] += labels.yTrue[i];
    }
  }
  return { slots, columns, offset, n, positives };
}

/** Add `amount` to `into[s]` for every slot s test child i is in (everyone and one level per column). */
export function addToSlots(g: GroupSlots, i: number, into: Float64Array | Int32Array, amount = 1): void {
  into[0] += amount;
  for (let c = 0; c < g.columns.length; c++) into[g.offset[c] + g.columns[c].codes[i]] += amount;
}
