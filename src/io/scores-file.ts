import { createReadStream, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import { RisklabError } from '../messages.js';
import { auditMessages as m } from '../claim-messages.js';

/**
 * Read a file of scores for `risklab audit`: one row per child, streamed
 * through csv-parse (RFC 4180), so memory grows with the columns kept (a
 * score as 8 bytes, a label and each group as 1), not with the file.
 *
 * A UTF-8 byte-order mark (Excel's "CSV UTF-8") is accepted and skipped.
 * Every problem stops the read with one line naming the line of the file
 * (the header is line 1) and the column: a missing column, a duplicate
 * header, a file with no rows, a score that is not a number in [0, 1], a
 * label that is not 0 or 1, a row with the wrong number of cells, a
 * semicolon-separated export (Excel in a locale with decimal commas).
 * The SHA-256 of the bytes read is computed on the way.
 */

/** Which columns to read. */
export interface ScoresColumns {
  readonly score: string;
  readonly label: string;
  readonly groups: readonly string[];
  /** A cohort or date column, read as one more group (optional). */
  readonly cohort?: string;
  /** Keep only rows where each named column equals the value (e.g. model=logistic). */
  readonly where?: Readonly<Record<string, string>>;
}

/** A group column as read: its levels in order of first appearance and a code per kept row. */
export interface ReadGroup {
  readonly attribute: string;
  readonly levels: readonly string[];
  readonly codes: Uint8Array;
}

/** The columns of a scores file. */
export interface ScoresData {
  readonly path: string;
  readonly sha256: string;
  /** Data rows in the file (the header not counted). */
  readonly rowsRead: number;
  /** Rows kept after `where` (the rows audited). */
  readonly rows: number;
  readonly scores: Float64Array;
  readonly labels: Uint8Array;
  readonly groups: readonly ReadGroup[];
}

/** A growable typed column. */
class Column<T extends Float64Array | Uint8Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1 << 16);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const MAX_LEVELS = 255;

function checkHeader(path: string, header: readonly string[], want: ScoresColumns): Map<string, number> {
  if (header.length === 1 && header[0].includes(';')) throw new RisklabError(m.semicolons(path), 'file');
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (index.has(name)) throw new RisklabError(m.duplicateHeader(path, name, index.get(name)! + 1, i + 1), 'file');
    index.set(name, i);
  });
  const needed = [['--score', want.score], ['--label', want.label], ...want.groups.map((g) => ['--group', g]), ...(want.cohort ? [['--cohort', want.cohort]] : []), ...Object.keys(want.where ?? {}).map((k) => ['--where', k])];
  for (const [flag, name] of needed) {
    if (!index.has(name)) throw new RisklabError(m.missingColumn(path, flag, name, header), flag);
  }
  return index;
}

/**
 * Stream a scores file into columns.
 *
 * @example
 * const data = await readScoresFile('scores.csv', { score: 'risk', label: 'escalated', groups: ['sex'] });
 * data.rows; data.sha256;
 */
export async function readScoresFile(path: string, want: ScoresColumns): Promise<ScoresData> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new RisklabError(m.noFile(path), 'file');
  const hash = createHash('sha256');
  const input = createReadStream(path);
  input.on('data', (chunk) => hash.update(chunk));
  const parser = input.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true }));
  const scores = new Column((n) => new Float64Array(n));
  const labels = new Column((n) => new Uint8Array(n));
  const groupNames = [...want.groups, ...(want.cohort ? [want.cohort] : [])];
  const codes = groupNames.map(() => new Column((n) => new Uint8Array(n)));
  const levels = groupNames.map(() => new Map<string, number>());
  const where = Object.entries(want.where ?? {});
  let index: Map<string, number> | null = null;
  let line = 0;
  let rowsRead = 0;
  let columns: { score: number; label: number; groups: number[]; where: [number, string][] } | null = null;
  const onRecord = (record: string[]) => {
    line++;
    if (!index) {
      index = checkHeader(path, record, want);
      columns = {
        score: index.get(want.score)!,
        label: index.get(want.label)!,
        groups: groupNames.map((g) => index!.get(g)!),
        where: where.map(([k, v]) => [index!.get(k)!, v]),
      };
      return;
    }
    rowsRead++;
    const c = columns!;
    for (const [col, value] of c.where) if (record[col] !== value) return;
    const rawScore = record[c.score];
    const score = rawScore.trim() === '' ? NaN : Number(rawScore);
    if (!(score >= 0 && score <= 1)) throw new RisklabError(m.badScore(path, line, want.score, rawScore), '--score');
    const rawLabel = record[c.label].trim();
    if (rawLabel !== '0' && rawLabel !== '1') throw new RisklabError(m.badLabel(path, line, want.label, record[c.label]), '--label');
    scores.push(score);
    labels.push(rawLabel === '1' ? 1 : 0);
    for (let g = 0; g < c.groups.length; g++) {
      const value = record[c.groups[g]];
      let code = levels[g].get(value);
      if (code === undefined) {
        code = levels[g].size;
        if (code >= MAX_LEVELS) throw new RisklabError(m.tooManyLevels(path, line, groupNames[g], MAX_LEVELS), '--group');
        levels[g].set(value, code);
      }
      codes[g].push(code);
    }
  };
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      input.destroy();
      parser.destroy();
      reject(e);
    };
    parser.on('readable', () => {
      let record: string[] | null;
      try {
        while ((record = parser.read()) !== null) onRecord(record);
      } catch (e) {
        fail(e);
      }
    });
    parser.on('error', (e: Error & { code?: string; lines?: number }) => fail(new RisklabError(m.badCsv(path, e.lines ?? line + 1, e.message), 'file')));
    input.on('error', (e: NodeJS.ErrnoException) => fail(new RisklabError(m.noFile(path, e.code), 'file')));
    parser.on('end', () => resolve());
  });
  if (index === null) throw new RisklabError(m.emptyFile(path), 'file');
  if (scores.length === 0) throw new RisklabError(rowsRead === 0 ? m.noRows(path) : m.noRowsKept(path, rowsRead), 'file');
  return {
    path,
    sha256: hash.digest('hex'),
    rowsRead,
    rows: scores.length,
    scores: scores.done(),
    labels: labels.done(),
    groups: groupNames.map((attribute, g) => ({ attribute, levels: [...levels[g].keys()], codes: codes[g].done() })),
  };
}
