/**
 * What an experiment's tasks cost outside the tree models (issue 15): a few
 * tasks of each named experiment, run in this one thread, in CPU seconds
 * (user + system) per task and, for experiments without rounds, per stage
 * (cohorts, folds and test set, fit and score, measure, cards, list).
 * Experiments with rounds run the whole task through `runTask`.
 *
 *   npm run bench:tasks                                   # base-rate, capacity-list, bristol-mirroring; 3 tasks each
 *   npm run bench:tasks -- base-rate 5                    # five tasks of one experiment
 *   npm run bench:tasks -- base-rate,capacity-list 2      # a list of experiments, 2 tasks each
 *
 * Tasks are taken spread over the plan (every `⌈tasks / count⌉`-th task, so
 * several cells and replicates are covered); a warm-up task runs first and
 * is not counted. A full run's task CPU is about (this per-task mean) × the
 * experiment's task count; `/usr/bin/time -v node bin/risklab.js run <name>`
 * gives the whole run's user + system CPU.
 */
import { loadExperimentInput } from '../src/io/experiment-files.js';
import { loadScenarioInput } from '../src/io/scenario-files.js';
import { resolveExperiment, type ResolvedExperiment } from '../src/experiment/resolve.js';
import { planTasks } from '../src/experiment/runner.js';
import { runTask, type Task } from '../src/experiment/task.js';
import { drawCohorts } from '../src/experiment/stages/cohorts.js';
import { drawFolds } from '../src/experiment/stages/folds.js';
import { testSet } from '../src/experiment/stages/test-set.js';
import { scoreModels } from '../src/experiment/stages/score.js';
import { headlinePointName, measureModels } from '../src/experiment/stages/measure.js';
import { cardsStage } from '../src/experiment/stages/cards.js';
import { listStage } from '../src/experiment/stages/list.js';

const [names = 'base-rate,capacity-list,bristol-mirroring', count = '3'] = process.argv.slice(2);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const STAGES = ['cohorts', 'folds+test', 'fit+score', 'measure', 'cards', 'list'] as const;

/** One task stage by stage (as runTask runs it), CPU seconds per stage. */
async function stagedTask(resolved: ResolvedExperiment, task: Task): Promise<number[]> {
  const laps: number[] = [];
  let t = cpu();
  const lap = () => {
    const now = cpu();
    laps.push(now - t);
    t = now;
  };
  const cohorts = drawCohorts(resolved, task);
  lap();
  const plan = drawFolds(resolved, task, cohorts);
  const test = testSet(resolved, cohorts, plan);
  lap();
  const scored = await scoreModels(resolved, cohorts, plan);
  lap();
  const measured = measureModels(resolved, task, test, scored);
  lap();
  cardsStage(resolved, task, cohorts, test.rows, scored, measured.rows, headlinePointName(resolved));
  lap();
  listStage(resolved, task, cohorts, plan, test, scored, measured.rows);
  lap();
  return laps;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const f = (v: number) => v.toFixed(2).padStart(6);
for (const name of names.split(',')) {
  const resolved = resolveExperiment(await loadExperimentInput(name), { loadPreset: loadScenarioInput });
  const all = planTasks(resolved);
  const step = Math.max(1, Math.ceil(all.length / Number(count)));
  const picked = all.filter((_, i) => i % step === 0).slice(0, Number(count));
  const rounds = Boolean(resolved.experiment.rounds);
  await (rounds ? runTask(resolved, picked[0]) : stagedTask(resolved, picked[0])); // warm-up, not counted
  const perTask: number[][] = [];
  for (const task of picked) {
    const s = cpu();
    perTask.push(rounds ? (await runTask(resolved, task), [cpu() - s]) : await stagedTask(resolved, task));
  }
  const totals = perTask.map((l) => l.reduce((a, b) => a + b, 0));
  console.log(`${name}: ${all.length} tasks in a full run; ${picked.length} timed (tasks ${picked.map((t) => t.index).join(', ')}), one thread`);
  console.log(`${f(mean(totals))} s  mean CPU per task (${totals.map((v) => v.toFixed(2)).join(', ')}) → about ${(mean(totals) * all.length).toFixed(0)} s for the run's tasks`);
  if (!rounds) STAGES.forEach((stage, k) => console.log(`${f(mean(perTask.map((l) => l[k])))} s    ${stage}`));
}
