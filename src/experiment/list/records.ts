import type { Records } from '../../recording/types.js';

/**
 * The records of some children only — rows `rows` of `records`, in that
 * order — optionally with other recorded values (`recorded[k][j]` for child
 * j), for scoring a few children again without copying a whole cohort: what
 * a reviewer knows of the listed children, or the records written so far in
 * a week. Ids, households, ages and groups are those of the rows; leakage
 * marks are dropped (the feature builder never reads them).
 */
export function subRecords(records: Records, rows: Int32Array, recorded?: readonly Uint8Array[]): Records {
  const take = <T extends Uint8Array | Int32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(rows.length);
    for (let j = 0; j < rows.length; j++) out[j] = a[rows[j]];
    return out;
  };
  return {
    size: rows.length,
    cohort: records.cohort,
    ids: take(records.ids),
    household: take(records.household),
    age: take(records.age),
    groups: records.groups.map((g) => ({ attribute: g.attribute, levels: g.levels, codes: take(g.codes) })),
    circumstances: records.circumstances,
    recorded: recorded ?? records.recorded.map(take),
    yRecorded: take(records.yRecorded),
  };
}
