import { buildFeatures, type FeatureOptions } from '../../models/features.js';
import type { Reasons } from '../../models/reasons.js';
import type { FittedClassifier } from '../../models/types.js';
import type { Population } from '../../population/types.js';
import type { Records } from '../../recording/types.js';

/**
 * A listed child's reasons, as the model can honestly give them, each
 * checked against the truth.
 *
 * The reasons are the child's largest contributions that *raised* the score
 * — the recorded factors that put the child on the list — from the fitted
 * model's own `reasons()` (src/models/reasons.ts: points → the flags that
 * scored and their points; logistic → coefficient × (value − training mean);
 * forest and boosting → Saabas path contributions; the neural network and
 * the baselines → "no reasons available", never invented ones), largest
 * first, at most `top` of them.
 *
 * Each reason is marked by what the lab knows and a real list does not:
 * - `leaked`: a record created because a concern was already recorded
 *   (`Records.leaked`; for a count, one of its episodes was) — it mirrors
 *   the concern rather than a circumstance that led to it;
 * - `false`: recorded but not true (more recorded than truly happened:
 *   a flag with nothing behind it, or a count above the true count);
 * - `true`: a record of a true circumstance (recorded and true, or the
 *   child's age, or a group the records hold);
 * - `missed`: the reason is the *absence* of a record (the model scores a
 *   missing flag) while the circumstance was in fact true.
 * `leaked` is checked first: a record made after a concern is marked so even
 * where the circumstance also happens to be true.
 */

/** What a reason is, in truth. */
export type RecordMark = 'true' | 'false' | 'leaked' | 'missed';

/** The marks, in the order tables count them. */
export const RECORD_MARKS: readonly RecordMark[] = ['true', 'false', 'leaked', 'missed'];

/** One reason of one listed child. */
export interface ListReason {
  /** The feature's name (a circumstance as in the catalogue, `age`, or `group:<attribute>=<level>`). */
  readonly feature: string;
  /** The feature in words: the catalogue's label of a circumstance ("Missing episodes (count)"), "Age", or "<attribute>: <level>". */
  readonly label: string;
  /** Its value on the child's record. */
  readonly value: number;
  /** Its contribution, on the model's scale (points, logit or probability). */
  readonly contribution: number;
  readonly mark: RecordMark;
}

/** A child's reasons, with the model's score on its own scale. */
export interface ChildReasons {
  /** The score on the model's scale (points, logit or probability) = base + Σ every contribution. */
  readonly scaleScore: number;
  readonly base: number;
  /** Σ of the contributions not given as reasons (the negative ones and those past `top`). */
  readonly other: number;
  readonly reasons: readonly ListReason[];
}

/** How a model gives reasons: its scale and method, or why it gives none. */
export type ReasonsKind = { readonly available: true; readonly scale: string; readonly method: string } | { readonly available: false; readonly why: string };

/** Mark one reason of test child at `row` (a row of `population` and `records`). */
export function markReason(population: Population, records: Records, row: number, feature: string, value: number): RecordMark {
  const k = records.circumstances.findIndex((c) => c.name === feature);
  if (k < 0) return 'true';
  const truth = population.truth[k][row];
  if (value > 0) {
    if ((records.leaked?.[k]?.[row] ?? 0) > 0) return 'leaked';
    return value > truth ? 'false' : 'true';
  }
  return truth > 0 ? 'missed' : 'true';
}

/** A feature's name in words (see `ListReason.label`). */
export function featureLabel(records: Records, feature: string): string {
  const c = records.circumstances.find((x) => x.name === feature);
  if (c) return c.label;
  if (feature === 'age') return 'Age';
  const group = /^group:(.*)=(.*)$/.exec(feature);
  return group ? `${group[1]}: ${group[2]}` : feature;
}

/**
 * The reasons of the listed children `listed` (test indices; `testRows[j]`
 * is test child j's row), each asked of the fold model that scored it
 * (`foldOf[j]`; every child is fold 0 for a single fold).
 */
export function listReasons(input: {
  readonly population: Population;
  readonly records: Records;
  readonly testRows: Int32Array;
  readonly listed: ArrayLike<number>;
  readonly fitted: readonly FittedClassifier[];
  readonly foldOf: Int32Array | null;
  readonly features: FeatureOptions;
  readonly top: number;
}): { kind: ReasonsKind; children: (ChildReasons | null)[] } {
  const { population, records, testRows, listed, fitted, foldOf } = input;
  const children: (ChildReasons | null)[] = new Array(listed.length).fill(null);
  let kind: ReasonsKind | null = null;
  for (let f = 0; f < fitted.length; f++) {
    const mine: number[] = [];
    for (let j = 0; j < listed.length; j++) if ((foldOf ? foldOf[listed[j]] : 0) === f) mine.push(j);
    if (mine.length === 0 && kind !== null) continue;
    const rows = Int32Array.from(mine, (j) => testRows[listed[j]]);
    const x = buildFeatures(records, { ...input.features, rows });
    const answer: Reasons = fitted[f].reasons(x, mine.map((_, q) => q));
    if (!answer.available) {
      kind ??= { available: false, why: answer.why };
      continue;
    }
    kind ??= { available: true, scale: answer.scale, method: answer.method };
    answer.rows.forEach((r, q) => {
      const row = rows[q];
      const raised = r.contributions.filter((c) => c.contribution > 0).slice(0, input.top);
      let shown = 0;
      for (const c of raised) shown += c.contribution;
      let all = 0;
      for (const c of r.contributions) all += c.contribution;
      children[mine[q]] = {
        scaleScore: r.score,
        base: r.base,
        other: all + r.other - shown,
        reasons: raised.map((c) => ({ feature: c.feature, label: featureLabel(records, c.feature), value: c.value, contribution: c.contribution, mark: markReason(population, records, row, c.feature, c.value) })),
      };
    });
  }
  return { kind: kind ?? { available: false, why: 'no children on the list' }, children };
}
