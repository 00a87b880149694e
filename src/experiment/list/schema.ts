import { z } from 'zod';

/**
 * The `list` field of an experiment file (issue 17): the list as police and
 * councils circulate it — who is on it and the reasons it gives (list.csv),
 * what a reviewer with wider information does to it, and how it changes
 * week by week. Every field has its meaning and its default beside it.
 *
 * The whole field is optional, and leaving it out means every default below:
 * an experiment whose operating points include a list rule (topK, topShare or
 * a threshold) then writes list.csv with three reasons a child, no reviewer
 * and no weekly lists — and its resolved config (and config hash) is the
 * same as before the field existed.
 */

const E = {
  name: 'a non-empty name',
  rate: 'a number in [0, 1]',
};
const name = () => z.string({ error: E.name }).min(1, { error: E.name });
const rate = () => z.number({ error: E.rate }).min(0, { error: E.rate }).max(1, { error: E.rate });
const whole = (min: number, max: number) =>
  z.int({ error: `a whole number from ${min} to ${max}` }).min(min, { error: `a whole number from ${min} to ${max}` }).max(max, { error: `a whole number from ${min} to ${max}` });

/** A reviewer's label: it names the reviewed list's operating point ("topK=1000+review:<label>"), so no "+" in it. */
const reviewerLabel = () => name().regex(/^[^+]+$/, { error: 'a non-empty name without "+"' });

/**
 * A reviewer: professionals look at each listed child with "wider
 * information" and confirm or remove them (src/experiment/list/review.ts).
 * For each of the child's circumstances the reviewer finds out the truth with
 * probability `accuracy`, and otherwise has only the record; the child stays
 * on the list when the model, scoring what the reviewer now knows, still puts
 * them at or above the list's cut.
 */
export const reviewerSchema = z.strictObject({
  /** Names the reviewed list in tables and findings: operating point "<list>+review:<label>". Required. */
  label: reviewerLabel(),
  /**
   * The chance that the reviewer finds out the truth about any one
   * circumstance of the child (a false record struck out, a missed one
   * added). 0: a reviewer who sees only the records. Default 0.8 — an
   * ASSUMPTION (no published figure measures what a multi-agency review
   * finds out): a professional who looks finds the truth four times in five.
   */
  accuracy: rate().default(0.8),
});

/**
 * Week-by-week lists within the test cohort (src/experiment/list/weekly.ts):
 * every record is written in a week of the year, the model (fitted once, on
 * the training cohort) scores every child every `every` weeks on the records
 * written so far, and each list operating point's list is redrawn.
 */
export const weeklySchema = z.strictObject({
  /** Weeks in the year. Default 52. With 1, the year has one list: the single list of the rest of the run. */
  weeks: whole(1, 520).default(52),
  /** A new list every this many weeks (1: weekly; 4: Bristol's four-weekly victim list), and always in the last week. Default 1. */
  every: whole(1, 520).default(1),
  /**
   * The share of a child's records already on file when the year begins
   * (written in an earlier year); the rest are written in a week drawn
   * uniformly from the year. Default 0.5 — an ASSUMPTION: half of what
   * agencies hold about a child predates the year the list is drawn in.
   */
  carriedOver: rate().default(0.5),
  /**
   * A record created because a concern was recorded (leakage) is written
   * 0 to `leakDelay` weeks after the concern (uniformly; never after the
   * year's last week); the concern itself is written in a week drawn
   * uniformly from the year. Default 4 — an ASSUMPTION.
   */
  leakDelay: whole(0, 52).default(4),
});

export const listSchema = z.strictObject({
  /**
   * The operating point whose list is "the list" (list.csv, the reasons, the
   * review), by name ("topK=1000"). Default: the headline (first) operating
   * point when it is a list rule (topK, topShare or threshold), else the first
   * operating point that is; with none, no list is written.
   */
  operatingPoint: name().optional(),
  /** Models whose lists are written and measured, by label. Default: every model that is not a baseline (oracle, random). */
  models: z.array(name(), { error: 'a list of model labels' }).min(1, { error: 'at least one model' }).optional(),
  /** Reasons given for each listed child: its largest contributions that raised the score, largest first. Default 3. */
  reasons: whole(1, 10).default(3),
  /** Rows of the list the report shows (at evenly spaced places on it, first and last included). Default 5. */
  sample: whole(1, 20).default(5),
  /** The model whose list the report samples. Default: the first of `models` that gives reasons. */
  sampleModel: name().optional(),
  /** Reviewers of the list, each giving a reviewed list. Default none. */
  review: z.array(reviewerSchema, { error: 'a list of { label, accuracy }' }).default([]),
  /** Week-by-week lists. Default none (no weekly lists). */
  weekly: weeklySchema.optional(),
});

export type ListConfig = z.output<typeof listSchema>;
export type ReviewerConfig = z.output<typeof reviewerSchema>;
export type WeeklyConfig = z.output<typeof weeklySchema>;
