import { createRandom } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Records } from './types.js';

/**
 * When each record is written, week by week within a year (issue 17 §2):
 * a separate pass over finished `Records`, from its own stream, so the
 * records themselves — and every other stream — are untouched.
 *
 * Each recorded unit — a recorded flag, or one recorded episode of a count —
 * is either already on file when the year begins (with probability
 * `carriedOver`: written in an earlier year) or written in a week drawn
 * uniformly from 1 … `weeks`. A recorded outcome (a concern) is written in
 * a week drawn uniformly from the year: it is this year's concern. A record
 * that leakage created follows its cause: it is written 0 … `leakDelay`
 * weeks (uniformly) after the child's concern, and never after the last
 * week. By the last week every record is written, so the records "as of the
 * last week" are exactly `Records.recorded`.
 *
 * Streams: `root/recording:week/cohort:K`, forked per circumstance
 * (`circumstance:<name>`, one uniform per recorded unit, children in order,
 * a count's units one after another, the leaked unit last) and for the
 * concerns (`outcome`, one uniform per child with a recorded outcome). One
 * uniform per unit decides both whether it was carried over and, if not,
 * its week (u < c: carried over; else week 1 + ⌊(u − c)/(1 − c) · weeks⌋).
 */

export interface WeekSettings {
  /** Weeks in the year (≥ 1). */
  readonly weeks: number;
  /** Probability that a recorded unit was written before the year began. */
  readonly carriedOver: number;
  /** Most weeks a leaked record is written after its concern. */
  readonly leakDelay: number;
}

/** The records of a cohort as they accumulate over a year. */
export interface RecordTimeline {
  readonly weeks: number;
  /** `start[k][i]`: recorded circumstance k of child i when the year begins (week 0). */
  readonly start: readonly Uint8Array[];
  /** Records written during the year, week by week: the child (row) of each… */
  readonly child: Int32Array;
  /** …and its circumstance (each adds one to that recorded value: a flag set, or one more episode). */
  readonly circumstance: Uint16Array;
  /** The records written in week w (1-based) are entries `offsets[w − 1]` … `offsets[w] − 1`. */
  readonly offsets: Int32Array;
  /** The week each child's recorded outcome was written (0: no recorded outcome). */
  readonly concernWeek: Uint16Array;
}

/** The week stream of one cohort: `root/recording:week/cohort:K`. */
export function weekStream(scenario: Pick<Scenario, 'seed'>, cohort: number) {
  return createRandom(scenario.seed).fork('recording:week').fork(`cohort:${cohort}`);
}

/**
 * Draw the week every record of `records` was written (see the module doc).
 *
 * @example
 * const t = recordTimeline(scenario, records, { weeks: 52, carriedOver: 0.5, leakDelay: 4 });
 * t.child.length; // records written during the year
 */
export function recordTimeline(scenario: Pick<Scenario, 'seed'>, records: Records, settings: WeekSettings): RecordTimeline {
  const { weeks, carriedOver: c, leakDelay } = settings;
  const n = records.size;
  const stream = weekStream(scenario, records.cohort);
  const weekOf = (u: number) => Math.min(weeks, 1 + Math.floor(((u - c) / (1 - c)) * weeks));
  const concernWeek = new Uint16Array(n);
  const concerns = stream.fork('outcome');
  for (let i = 0; i < n; i++) if (records.yRecorded[i] === 1) concernWeek[i] = Math.min(weeks, 1 + Math.floor(concerns.next() * weeks));
  const start = records.circumstances.map(() => new Uint8Array(n));
  const perWeek = new Int32Array(weeks + 1);
  const events: { child: number[]; k: number[]; week: number[] } = { child: [], k: [], week: [] };
  records.circumstances.forEach((info, k) => {
    const s = stream.fork(`circumstance:${info.name}`);
    const column = records.recorded[k];
    const leaked = records.leaked?.[k] ?? null;
    for (let i = 0; i < n; i++) {
      const r = column[i];
      if (r === 0) continue;
      const leak = leaked ? leaked[i] : 0;
      for (let unit = 0; unit < r; unit++) {
        const u = s.next();
        let week: number;
        if (unit === r - 1 && leak > 0) week = Math.min(weeks, Math.max(1, concernWeek[i]) + Math.floor(u * (leakDelay + 1)));
        else if (u < c) {
          start[k][i]++;
          continue;
        } else week = weekOf(u);
        events.child.push(i);
        events.k.push(k);
        events.week.push(week);
        perWeek[week]++;
      }
    }
  });
  const offsets = new Int32Array(weeks + 1);
  for (let w = 1; w <= weeks; w++) offsets[w] = offsets[w - 1] + perWeek[w];
  const cursor = offsets.slice(0, weeks);
  const child = new Int32Array(events.child.length);
  const circumstance = new Uint16Array(events.child.length);
  for (let e = 0; e < events.child.length; e++) {
    const at = cursor[events.week[e] - 1]++;
    child[at] = events.child[e];
    circumstance[at] = events.k[e];
  }
  return { weeks, start, child, circumstance, offsets, concernWeek };
}

/**
 * The recorded values as of the end of week `week` (0: the start of the
 * year): `start` plus every record written in weeks 1 … `week`. A direct
 * (slow) reading, for tests and for a single week; the weekly lists apply
 * the weeks one after another instead.
 */
export function recordedAsOf(timeline: RecordTimeline, week: number): Uint8Array[] {
  const out = timeline.start.map((c) => Uint8Array.from(c));
  for (let e = 0; e < timeline.offsets[Math.min(week, timeline.weeks)]; e++) out[timeline.circumstance[e]][timeline.child[e]]++;
  return out;
}
