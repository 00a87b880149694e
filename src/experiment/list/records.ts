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
  return {
    size: rows.length,
    cohort: records.cohort,
    ids: gather32(records.ids, rows),
    household: gather32(records.household, rows),
    age: gather8(records.age, rows),
    groups: records.groups.map((g) => ({ attribute: g.attribute, levels: g.levels, codes: gather8(g.codes, rows) })),
    circumstances: records.circumstances,
    recorded: recorded ?? records.recorded.map((c) => gather8(c, rows)),
    yRecorded: gather8(records.yRecorded, rows),
  };
}

/** `a[rows[j]]` for each j (one loop per array type keeps each loop monomorphic and fast). */
export function gather8(a: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = a[rows[j]];
  return out;
}

function gather32(a: Int32Array, rows: ArrayLike<number>): Int32Array {
  const out = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = a[rows[j]];
  return out;
}
