import { RATE_FORMULAS, flagsAt, intersect, type RateName } from '../../metrics/index.js';
import type { GroupColumn } from '../../columns.js';
import { recordPopulation, type Records } from '../../recording/index.js';
import { cardsStage } from '../stages/cards.js';
import { everPointName } from '../names.js';
import { modelLabel, type ResolvedExperiment } from '../resolve.js';
import type { Cohort } from '../simulate.js';
import { drawCohorts, type TaskCohorts } from '../stages/cohorts.js';
import { drawFolds } from '../stages/folds.js';
import { headlinePointName, measureModels } from '../stages/measure.js';
import { scoreTable, taskSizes } from '../stages/output.js';
import { scoreModels, type ScoredModel } from '../stages/score.js';
import { testSet } from '../stages/test-set.js';
import type { ModelRow, Task, TaskResult } from '../task.js';
import { correctedLabels, keepProbability } from './correction.js';
import { nextExtraContact, reachedBy, roundPopulation } from './effect.js';
import { isBaseline } from '../../models/registry.js';

/**
 * Rounds: a feedback loop between a list and the records it is drawn from
 * (issue 13). An experiment with `rounds: { count, list }` runs each task
 * (one grid cell, one replicate) as `count` rounds — years — of:
 *
 *   records as they stand → fit every model on them → score every child →
 *   the list (model `list` at the headline operating point) → extra contact
 *   for the children it reached → the next round's records.
 *
 * **The same children, followed.** A loop needs the children a list
 * reached to be the ones whose next records it changes, so a round is not
 * a new cohort: it is the same cohort-1 children, with the same households,
 * ages, true circumstances and true risk (the truth changes only by an
 * intervention effect the scenario states, src/experiment/rounds/effect.ts).
 * The children do not age, arrive or leave: a stylised panel that isolates
 * the loop. A real caseload turns over, and each newcomer arrives without
 * the list's contact, so turnover would weaken the loop this shows.
 *
 * **Records as they stand, with common random numbers.** Each round's
 * records are drawn by src/recording exactly as a one-round run draws them —
 * the same streams, so the same uniform per child and circumstance, and per
 * child outcome — from a copy of the population whose contact column is
 * raised for the children the list reached. A circumstance is on record in
 * a round when its uniform lies below that round's visibility: so a child
 * the list brings into contact has more of what is true about them on
 * record, and keeps it while the contact lasts. Models are fitted on the
 * records of the round (what the council's database says about each child
 * now), not on a stack of every year's rows. Two things follow. With the
 * loop switched off (no `feedback`, or `listContact` 0 and no intervention
 * effect) every round is the first round, number for number: the same as a
 * one-round run of the same seed with `split: { kind: 'all' }` (tested).
 * And a difference between rounds, or between a cell with the loop and one
 * without, is the loop's doing, never sampling noise. Every model uses its
 * own stream `model:<label>` in every round, for the same reason.
 *
 * **In sample.** Every round fits on every child's records and scores every
 * child (`split: { kind: 'all' }`), as a council scoring its own database
 * does: the list must be able to reach a child whose records the next fit
 * learns from. The streams the loop adds are `rounds/intervention` and
 * `rounds/correction`, one uniform per child each, drawn once.
 *
 * **What each round gives.** The rows of every round are measured as any
 * task's are (both labels, everyone and each group, every operating point,
 * with counts), each tagged with its `round`; and an extra operating point
 * `ever:<headline>` whose flagged children are those listed in any round so
 * far: its `fn` against the truth is the children truly at risk never yet
 * listed. The Brier scores, curves, scores at equal risk, sizes, trainers' cards
 * and saved scores are those of the last round.
 */

/** Metrics of the `ever:` rows (the others need a score, and "ever listed" is a yes or no). */
const EVER_METRICS: readonly RateName[] = ['precision', 'recall', 'selectionRate', 'prevalence', 'flagsPerTrueCase'];

/** The label of the model whose list feeds back: `rounds.list`, else the first model that is not a baseline (else the first model). */
export function listModelLabel(resolved: ResolvedExperiment): string {
  const { models, rounds } = resolved.experiment;
  return rounds?.list ?? modelLabel(models.find((m) => !isBaseline(m.name)) ?? models[0]);
}

/** Each model's list in a round: a 0/1 flag per test child at the headline cut, read from the model's own rows. */
function listsOf(scored: readonly ScoredModel[], rows: readonly ModelRow[], headline: string): Map<string, Uint8Array> {
  const lists = new Map<string, Uint8Array>();
  for (const m of scored) {
    const row = rows.find((r) => r.model === m.label && r.label === 'yRecorded' && r.attribute === 'all' && r.operatingPoint === headline)!;
    const cut = { threshold: row.cutThreshold, tieRowLimit: row.cutTieRowLimit };
    lists.set(m.label, Number.isNaN(cut.threshold) ? new Uint8Array(m.scores.length) : flagsAt(m.scores, cut));
  }
  return lists;
}

/**
 * The `ever:` rows of one model in one round: "flagged" = listed in any
 * round so far, counted directly per group (a yes-or-no decision needs no
 * sweep), in the order and shape `evaluate` gives its rows: each label,
 * everyone, then each group and intersection; the cut is "score ≥ 1" on
 * the ever-listed flag.
 */
function everRows(ever: Uint8Array, test: ReturnType<typeof testSet>, resolved: ResolvedExperiment, model: ScoredModel, round: number, name: string): ModelRow[] {
  const columns: GroupColumn[] = [{ attribute: 'all', levels: ['all'], codes: new Uint8Array(ever.length) }, ...test.groups];
  for (const names of resolved.experiment.intersections) columns.push(intersect(names.map((a) => test.groups.find((g) => g.attribute === a)!)));
  const rows: ModelRow[] = [];
  for (const label of ['yRecorded', 'yTrue'] as const) {
    const y = test[label];
    for (const column of columns) {
      const k = column.levels.length;
      const [n, positives, tp, fp] = [new Float64Array(k), new Float64Array(k), new Float64Array(k), new Float64Array(k)];
      for (let i = 0; i < ever.length; i++) {
        const g = column.codes[i];
        n[g]++;
        positives[g] += y[i];
        if (ever[i] === 1) (y[i] === 1 ? tp : fp)[g]++;
      }
      column.levels.forEach((level, g) => {
        const counts = { n: n[g], positives: positives[g], flagged: tp[g] + fp[g], tp: tp[g], fp: fp[g], fn: positives[g] - tp[g], tn: n[g] - positives[g] - fp[g] };
        for (const metric of EVER_METRICS) {
          rows.push({
            label,
            attribute: column.attribute,
            group: level,
            operatingPoint: name,
            cutThreshold: 1,
            cutTieRowLimit: Infinity,
            ...counts,
            metric,
            value: RATE_FORMULAS[metric].f(counts.tp, counts.fp, counts.fn, counts.tn),
            model: model.label,
            baseline: model.baseline,
            round,
          });
        }
      });
    }
  }
  return rows;
}

/** The cohorts of one round: the round's children and records; models train on `trainRecords` (corrected labels) and are judged on the records as they stand. */
function roundCohorts(cohorts: TaskCohorts, population: Cohort['population'], records: Records, trainRecords: Records): TaskCohorts {
  return { seed: cohorts.seed, random: cohorts.random, train: { population, records: trainRecords }, test: { population, records } };
}

/**
 * Run one task of an experiment with rounds (see the module note): every
 * round's rows tagged with their round, and the last round's other tables.
 */
export async function runRounds(resolved: ResolvedExperiment, task: Task, options: { saveScores?: boolean } = {}): Promise<TaskResult> {
  const count = resolved.experiment.rounds!.count;
  const cohorts = drawCohorts(resolved, task);
  const plan = drawFolds(resolved, task, cohorts);
  const cell = resolved.cells[task.cell];
  const scenario = { ...cell.scenario, seed: cohorts.seed };
  const feedback = scenario.feedback;
  const base = cohorts.train.population;
  const n = base.size;
  const loop = cohorts.random.fork('rounds');
  const stay = loop.fork('intervention').fill(new Float64Array(n));
  const keepU = loop.fork('correction').fill(new Float64Array(n));
  const headline = headlinePointName(resolved);
  const ever = everPointName(headline);
  const listModel = listModelLabel(resolved);
  const everListed = new Map<string, Uint8Array>();
  let extra: Float64Array = new Float64Array(n);
  const rows: ModelRow[] = [];
  const warnings = new Set<string>();
  let first: ReturnType<typeof testSet> | undefined;
  let baseRound: { scored: ScoredModel[]; measured: ReturnType<typeof measureModels> | null } | undefined;
  let last: Omit<TaskResult, 'task' | 'rows'> | null = null;
  for (let round = 1; round <= count; round++) {
    const population = { ...roundPopulation(base, extra, feedback, stay), calibration: base.calibration };
    const changed = population.contact !== base.contact;
    const records = changed ? recordPopulation(scenario, population) : cohorts.train.records;
    const trainRecords =
      changed && feedback?.correction === 'inverse-propensity'
        ? { ...records, yRecorded: correctedLabels(records.yRecorded, keepProbability(scenario, base, population.contact), keepU) }
        : records;
    const here = roundCohorts(cohorts, population, records, trainRecords);
    // The split is in sample (test rows 0…n−1 in order), so a round's test set is the first one's with this round's labels and risk.
    first ??= testSet(resolved, here, plan);
    const test = { ...first, yRecorded: records.yRecorded, yTrue: population.yTrue, pTrue: population.pTrue };
    const isLast = round === count;
    // A round in which no child has extra contact is the first round, number for number (common random numbers):
    // its fit and measurement are made once (with everything the last round reports) and reused.
    const unchanged = changed ? null : (baseRound ??= { scored: await scoreModels(resolved, here, plan), measured: null });
    const scored = unchanged?.scored ?? (await scoreModels(resolved, here, plan));
    const measured = unchanged
      ? (unchanged.measured ??= measureModels(resolved, task, test, scored, { curves: task.replicate === 0, equalRisk: true }))
      : measureModels(resolved, task, test, scored, { curves: isLast && task.replicate === 0, equalRisk: isLast });
    for (const r of measured.rows) rows.push({ ...r, round });
    for (const m of scored) for (const w of m.warnings) warnings.add(round === 1 ? w : `round ${round}: ${w}`);
    const lists = listsOf(scored, measured.rows, headline);
    for (const m of scored) {
      const list = lists.get(m.label)!;
      const so = everListed.get(m.label) ?? new Uint8Array(n);
      for (let i = 0; i < n; i++) so[i] |= list[i];
      everListed.set(m.label, so);
      rows.push(...everRows(so, test, resolved, m, round, ever));
    }
    if (feedback) extra = nextExtraContact(extra, reachedBy(lists.get(listModel)!, population.household, feedback.households), feedback);
    if (isLast) {
      last = {
        cards: cardsStage(resolved, task, here, test.rows, scored, measured.rows, headline),
        // No list stage: resolve refuses `list` settings with rounds (each round's list feeds the loop instead).
        lists: [],
        brier: measured.brier,
        curves: measured.curves,
        equalRisk: measured.equalRisk,
        sizes: taskSizes(plan, n, test),
        warnings: [...warnings],
        scores: options.saveScores ? scoreTable(records.ids, base.cohort, plan.scoreKind, test, scored) : null,
      };
    }
  }
  return { task, rows, ...last! };
}
