import { pageMessages as t } from '../messages.js';

/**
 * Where a run's pages say they came from: version, commit and a date that
 * is NOT the clock's (see src/io/stamp.ts for how it is chosen), so pages
 * stay byte-identical between two runs of the same config.
 */
export interface RunStamp {
  /** risklab's version (package.json). */
  readonly version: string;
  /** The git commit of the code (40 hex digits), or null when unknown. */
  readonly commit: string | null;
  /** True when the code's tracked files differ from that commit. */
  readonly localChanges: boolean;
  /** YYYY-MM-DD, or null when no date is known. */
  readonly date: string | null;
  /** Where the date came from. */
  readonly dateSource: 'SOURCE_DATE_EPOCH' | 'commit' | 'none';
}

/** A stamp for pages made outside a run (tests, previews): the version only. */
export function versionOnly(version: string): RunStamp {
  return { version, commit: null, localChanges: false, date: null, dateSource: 'none' };
}

/** "commit 1a2b3c4d5e6f (with local changes)" or "commit not recorded". */
export function commitWords(stamp: RunStamp): string {
  if (!stamp.commit) return t.stamp.noCommit;
  return t.stamp.commit(stamp.commit.slice(0, 12), stamp.localChanges);
}

/** "2025-06-01 (the date of the code's commit)" or "not recorded". */
export function dateWords(stamp: RunStamp): string {
  if (stamp.date === null) return t.stamp.noDate;
  return t.stamp.date(stamp.date, stamp.dateSource);
}

/** The date with why it is that date (for "Where these numbers come from"). */
export function dateWordsLong(stamp: RunStamp): string {
  if (stamp.date === null) return t.stamp.noDate;
  return t.stamp.dateLong(stamp.date, stamp.dateSource);
}

/** One line: "run of 2025-06-01 (…) · risklab 0.1.0 · commit 1a2b3c4d5e6f". */
export function stampLine(stamp: RunStamp): string {
  return t.stamp.line(dateWords(stamp), stamp.version, commitWords(stamp));
}
