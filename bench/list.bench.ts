/**
 * What the list costs (issue 17): one task of an experiment at full size,
 * stage by stage, in CPU seconds of this thread — and the list stage split
 * into its parts (reasons and reviews; the weekly lists).
 *
 *   npm run bench:list                      # capacity-list, replicate 0
 *   npm run bench:list -- what-works 1      # another experiment, replicate 1
 *   npm run bench:list -- capacity-list 0 3 # three repeats of the list stage (median shown)
 *
 * A full run's wall time is about (Σ task CPU) / workers + the time to write
 * the folder: `risklab run <name> --workers 2` prints it.
 */
import { loadExperimentInput } from '../src/io/experiment-files.js';
import { loadScenarioInput } from '../src/io/scenario-files.js';
import { resolveExperiment } from '../src/experiment/resolve.js';
import { drawCohorts } from '../src/experiment/stages/cohorts.js';
import { drawFolds } from '../src/experiment/stages/folds.js';
import { testSet } from '../src/experiment/stages/test-set.js';
import { scoreModels } from '../src/experiment/stages/score.js';
import { measureModels } from '../src/experiment/stages/measure.js';
import { listStage } from '../src/experiment/stages/list.js';
import { planList } from '../src/experiment/list/settings.js';

const [name = 'capacity-list', replicate = '0', repeats = '1'] = process.argv.slice(2);
const resolved = resolveExperiment(await loadExperimentInput(name), { loadPreset: loadScenarioInput });
const task = { index: 0, cell: 0, replicate: Number(replicate) };
const cpu = () => process.cpuUsage().user / 1e6;
const rows: [string, number][] = [];
let t = cpu();
const lap = (what: string) => {
  const now = cpu();
  rows.push([what, now - t]);
  t = now;
};
const cohorts = drawCohorts(resolved, task);
lap('cohorts (truth and records, train and test)');
const plan = drawFolds(resolved, task, cohorts);
const test = testSet(resolved, cohorts, plan);
lap('folds and test set');
const scored = await scoreModels(resolved, cohorts, plan);
lap('fit and score every model');
const measured = measureModels(resolved, task, test, scored);
lap('measure (every operating point, group, label)');
const full = planList(resolved.experiment);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => void) => {
  const xs: number[] = [];
  for (let r = 0; r < Number(repeats); r++) {
    const s = cpu();
    f();
    xs.push(cpu() - s);
  }
  return median(xs);
};
const withoutWeekly = time(() => listStage(resolved, task, cohorts, plan, test, scored, measured.rows, { ...full, weekly: null, weeklyPoints: [], derived: full.derived.filter((d) => d.kind !== 'ever') }));
const whole = time(() => listStage(resolved, task, cohorts, plan, test, scored, measured.rows, full));
rows.push(['list: reasons and reviews', withoutWeekly], ['list: weekly lists', whole - withoutWeekly]);
const total = rows.reduce((s, [, v]) => s + v, 0) - withoutWeekly - (whole - withoutWeekly) + whole;
console.log(`${name}, replicate ${replicate}: ${test.rows.length.toLocaleString('en-GB')} test children, ${full.models.length} list models, ${full.reviewers.length} reviewers, ${full.weeklyPoints.length} weekly list sizes × ${full.weekly?.weeks ?? 0} weeks`);
for (const [what, v] of rows) console.log(`${v.toFixed(2).padStart(6)} s  ${what}`);
console.log(`${total.toFixed(2).padStart(6)} s  the task (list stage ${(whole / total * 100).toFixed(0)}%)`);
