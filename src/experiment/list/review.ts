import { buildFeatures, type FeatureOptions } from '../../models/features.js';
import type { FittedClassifier } from '../../models/types.js';
import type { Population } from '../../population/types.js';
import { createRandom } from '../../random/index.js';
import type { Records } from '../../recording/types.js';
import { subRecords } from './records.js';

/**
 * The review step: professionals look at each listed child with "wider
 * information" and confirm or remove them (issue 17 §3; IICSA H.7: Bristol's
 * "risk level is then reviewed with wider information", TRAP's officers
 * decide "based on that score and other intelligence").
 *
 * The model of a review. For each circumstance of a listed child the
 * reviewer finds out the truth with probability `accuracy`; otherwise they
 * have only what was recorded. Where they find out, a false record is
 * struck out and a missed circumstance is added (a count becomes its true
 * count); a record created because a concern was recorded (leakage) stays —
 * it documents a concern already on file, which a reviewer does not undo.
 * The reviewer then asks the same fitted model to score what they now know,
 * and keeps the child on the list when that score is still at or above the
 * list's cut (the score the list stopped at); otherwise the child is removed.
 * A review only removes: nobody is added.
 *
 * So a reviewer with accuracy 0 — one who sees only the records — re-scores
 * exactly the records the list was drawn from, and confirms every child:
 * review then changes nothing, against the records or against the truth.
 *
 * Randomness: whether the reviewer finds out circumstance k of child `id` is
 * `u < accuracy` for the k-th uniform of the stream `review/child:<id>`
 * (forked from the task's seed). The same uniforms serve every reviewer and
 * every model, so a more accurate reviewer finds out everything a less
 * accurate one did, and more (reviews are coupled, and their differences are
 * owed to accuracy alone).
 */

/** The uniforms of the review of each listed child (one per circumstance), from `review/child:<id>`. */
export function reviewDraws(seed: string, ids: ArrayLike<number>, circumstances: number): Float64Array[] {
  const review = createRandom(seed).fork('review');
  return Array.from({ length: ids.length }, (_, j) => review.fork(`child:${ids[j]}`).fill(new Float64Array(circumstances)));
}

/**
 * What a reviewer of the given accuracy knows of each listed child: records
 * for the rows `rows` (of `population`/`records`) with every circumstance the
 * reviewer found out replaced by its truth, leaked records kept.
 */
export function reviewedRecords(population: Population, records: Records, rows: Int32Array, draws: readonly Float64Array[], accuracy: number): Records {
  const recorded = records.circumstances.map((c, k) => {
    const out = new Uint8Array(rows.length);
    const truth = population.truth[k];
    const column = records.recorded[k];
    const leaked = records.leaked?.[k] ?? null;
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j];
      if (!(draws[j][k] < accuracy)) {
        out[j] = column[r];
        continue;
      }
      const leak = leaked ? leaked[r] : 0;
      out[j] = c.type === 'binary' ? Math.max(truth[r], leak) : Math.min(255, truth[r] + leak);
    }
    return out;
  });
  return subRecords(records, rows, recorded);
}

/**
 * Review a list: 1 where the reviewer confirms listed child j, 0 where they
 * remove them. `rows[j]` is the row of listed child j, `fold[j]` the fold
 * model that scored them, `cutScore` the list's cut.
 */
export function reviewList(input: {
  readonly population: Population;
  readonly records: Records;
  readonly rows: Int32Array;
  readonly fold: Int32Array | null;
  readonly fitted: readonly FittedClassifier[];
  readonly features: FeatureOptions;
  readonly draws: readonly Float64Array[];
  readonly accuracy: number;
  readonly cutScore: number;
}): Uint8Array {
  const seen = reviewedRecords(input.population, input.records, input.rows, input.draws, input.accuracy);
  const confirmed = new Uint8Array(input.rows.length);
  for (let f = 0; f < input.fitted.length; f++) {
    const mine: number[] = [];
    for (let j = 0; j < input.rows.length; j++) if ((input.fold ? input.fold[j] : 0) === f) mine.push(j);
    if (mine.length === 0) continue;
    const scores = input.fitted[f].predictProba(buildFeatures(seen, { ...input.features, rows: Int32Array.from(mine) }));
    mine.forEach((j, q) => (confirmed[j] = scores[q] >= input.cutScore ? 1 : 0));
  }
  return confirmed;
}
