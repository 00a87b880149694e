import type { ExperimentResult } from '../experiment/aggregate.js';
import { csvLine } from './csv.js';

/**
 * list.csv: the list as it is circulated, with the truth beside it (issue
 * 17). One row per child on the list at the list's operating point, for
 * replicate 0 of each cell and each list model, in list order — so the file
 * is as long as the lists are (a list of 1,000 and two models: 2,000 rows),
 * whatever the size of the population.
 *
 * The first columns are what a force or council circulates: who (a
 * synthetic id and a made-up name), their groups, score, place on the list,
 * and the reasons the model gives. The last columns are what only the lab
 * knows: whether each reason is true, and whether the child was truly at
 * risk.
 */

/** A documented column of list.csv, in the data dictionary's form (name, Table Schema type, meaning). */
export interface ListColumn {
  readonly name: string;
  readonly type: 'string' | 'number' | 'integer' | 'boolean';
  readonly description: string;
  /** False when a cell may be empty. Default true. */
  readonly required?: boolean;
}

const MARKS = 'true (a record of a true circumstance, or the age or group on record), false (recorded but not true), leaked (a record created because a concern was already recorded), missed (the reason is a record\'s absence, and the circumstance was in fact true)';

/** The columns of list.csv (name → meaning); `<attribute>`, `reason_<n>…` and `review_<label>` stand for one column each. */
export const LIST_COLUMNS = {
  experiment: 'experiment name',
  config_hash: 'hash of the resolved config (config.json)',
  scenario: 'scenario label within the experiment',
  grid: 'grid cell label',
  grid_value: 'the value the grid varies (empty when none)',
  model: 'the model whose list this is (its label in the experiment)',
  operating_point: 'the operating point that makes the list ("topK=1000": the top 1,000; "threshold=0.5": every child scored 0.5 or more)',
  rank: 'place on the list: 1 = highest score; children with equal scores are taken in test-set order, as the list\'s tie rule takes them',
  id: 'the synthetic child\'s id (unique across cohorts; no real child)',
  made_up_name: 'a made-up display name (faker, en_GB), for reading the list as a commissioner would: never a real person\'s, never a model input',
  age: 'age in years',
  '<attribute>': 'one column per group attribute of the scenario (e.g. sex, ethnicity, deprivation): the child\'s level',
  score: 'the model\'s score, P(recorded outcome), in [0, 1]',
  reasons_available: 'true when the model gives reasons; false for models that cannot (the neural network, the baselines), whose reason columns are empty — no reasons are invented',
  reasons_method: 'how the reasons were computed (points: the flags that scored; logistic: coefficient × (value − training mean); forest, boosting: Saabas path contributions), or why there are none',
  reasons_scale: 'the scale reasons add up on: points, logit or probability (empty without reasons)',
  scale_score: 'the score on that scale: scale_base + the contributions of every feature (shown and not)',
  scale_base: 'the base value on that scale (points: 0; logistic: the logit at the training means; trees: the root values)',
  scale_other: 'the sum of every contribution not shown as a reason (those that lowered the score, and those past the last reason)',
  'reason_<n>': 'the n-th reason (n = 1 … the experiment\'s list.reasons, default 3): the feature whose contribution raised the score n-th most — a recorded circumstance as in the catalogue, age, or group:<attribute>=<level>; empty when there are fewer',
  'reason_<n>_value': 'its value on the child\'s record (a 0/1 flag or a count)',
  'reason_<n>_contribution': 'its contribution on reasons_scale (the points it scored, for points)',
  'reason_<n>_truth': `what the reason is, in truth (known only in simulation): ${MARKS}`,
  'review_<label>': 'one column per reviewer of the experiment: confirmed or removed (what reviewer <label> decided with wider information)',
  y_true: 'TRUTH: 1 when the child was truly at risk (the outcome happened), 0 when not — known only in simulation',
  p_true: 'TRUTH: the child\'s true probability of the outcome',
  y_recorded: '1 when the outcome was recorded by agencies (what the model was trained to predict)',
} as const;

/** The concrete columns of a result's list.csv, in header order, each with its type and meaning. */
export function listColumns(result: ExperimentResult): ListColumn[] {
  const plan = result.list;
  const d = LIST_COLUMNS;
  const col = (name: string, type: ListColumn['type'], description: string, required = true): ListColumn => ({ name, type, description, required });
  const reasonColumns = Array.from({ length: plan.reasons }, (_, k) => {
    const n = k + 1;
    const say = (s: string) => s.replace(/n-th/, ordinal(n));
    return [
      col(`reason_${n}`, 'string', say(d['reason_<n>']), false),
      col(`reason_${n}_value`, 'number', d['reason_<n>_value'], false),
      col(`reason_${n}_contribution`, 'number', d['reason_<n>_contribution'], false),
      col(`reason_${n}_truth`, 'string', d['reason_<n>_truth'], false),
    ];
  }).flat();
  return [
    col('experiment', 'string', d.experiment),
    col('config_hash', 'string', d.config_hash),
    col('scenario', 'string', d.scenario),
    col('grid', 'string', d.grid),
    col('grid_value', 'number', d.grid_value, false),
    col('model', 'string', d.model),
    col('operating_point', 'string', d.operating_point),
    col('rank', 'integer', d.rank),
    col('id', 'integer', d.id),
    col('made_up_name', 'string', d.made_up_name),
    col('age', 'integer', d.age),
    ...listAttributes(result).map((a) => col(a, 'string', `the child's level of ${a}, a group attribute of the scenario`, false)),
    col('score', 'number', d.score),
    col('reasons_available', 'boolean', d.reasons_available),
    col('reasons_method', 'string', d.reasons_method),
    col('reasons_scale', 'string', d.reasons_scale, false),
    col('scale_score', 'number', d.scale_score, false),
    col('scale_base', 'number', d.scale_base, false),
    col('scale_other', 'number', d.scale_other, false),
    ...reasonColumns,
    ...plan.reviewers.map((r) => col(`review_${r.label}`, 'string', d['review_<label>'].replace('<label>', r.label))),
    col('y_true', 'integer', d.y_true),
    col('p_true', 'number', d.p_true),
    col('y_recorded', 'integer', d.y_recorded),
  ];
}

function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
}

/** Group attributes on any list, in first-seen order. */
function listAttributes(result: ExperimentResult): string[] {
  const seen: string[] = [];
  for (const l of result.lists) for (const e of l.entries.slice(0, 1)) for (const a of Object.keys(e.groups)) if (!seen.includes(a)) seen.push(a);
  return seen;
}

/** list.csv, as text chunks (see the module doc; columns in `LIST_COLUMNS`). Nothing when the experiment has no list. */
export function* listCsv(result: ExperimentResult): Generator<string> {
  if (result.lists.length === 0) return;
  const plan = result.list;
  yield csvLine(listColumns(result).map((c) => c.name));
  const attributes = listAttributes(result);
  for (const list of result.lists) {
    const c = result.cells[list.cell];
    const lead = [result.name, result.configHash, c.scenario, c.grid, c.gridValue, list.model, list.operatingPoint];
    const method = list.reasons.available ? list.reasons.method : `no reasons available: ${list.reasons.why}`;
    const scale = list.reasons.available ? list.reasons.scale : '';
    let chunk = '';
    for (const e of list.entries) {
      const reasons: (string | number)[] = [];
      for (let k = 0; k < plan.reasons; k++) {
        const r = e.reasons[k];
        reasons.push(...(r ? [r.feature, r.value, r.contribution, r.mark] : ['', '', '', '']));
      }
      chunk += csvLine([
        ...lead,
        e.rank,
        e.id,
        e.name,
        e.age,
        ...attributes.map((a) => e.groups[a] ?? ''),
        e.score,
        list.reasons.available,
        method,
        scale,
        e.explained?.scaleScore ?? '',
        e.explained?.base ?? '',
        e.explained?.other ?? '',
        ...reasons,
        ...e.reviewed.map((v) => (v ? 'confirmed' : 'removed')),
        e.yTrue,
        e.pTrue,
        e.yRecorded,
      ]);
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
}
