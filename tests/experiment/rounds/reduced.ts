import { resolveExperiment } from '../../../src/experiment/resolve.js';
import { runExperiment } from '../../../src/experiment/runner.js';
import { loadScenarioInput } from '../../../src/io/scenario-files.js';

/**
 * The lab's loop reduced to Ensign et al.'s setting: two groups ("regions")
 * that the model can tell apart and little else about each child (their age
 * and one attendance count); exploitation found mostly where agencies look
 * (5% of cases without contact, nearly all at full contact); each round the
 * top 10% of children are listed and get extra contact. What the urn holds —
 * where the system believes the incidents are — is, in the lab, the model's
 * expected share of cases in each group: Σ score over a group ÷ Σ score.
 */
export interface ReducedSetting {
  /** Log-odds shift of group B's true risk (0: equal rates). */
  readonly bRisk: number;
  /** Multiplier on group B's detection without contact: the "prior" (1: none). */
  readonly bDetection: number;
  readonly seeds: number;
  readonly rounds: number;
  readonly size: number;
}

/** Per seed (replicate) and cell: group B's share of the model's expected cases in the last round, and B's true share of cases. */
export async function reducedLoop(setting: ReducedSetting): Promise<Record<'no loop' | 'loop' | 'corrected', { share: number; trueShare: number }[]>> {
  const feedback = { listContact: 0.9, persistence: 0.5 };
  const input = {
    name: 'ensign-reduced',
    question: 'Does the lab’s loop, reduced to a two-region urn, run away as the urn does?',
    seed: 2018,
    scenarios: [
      {
        label: 'regions',
        preset: 'two-groups',
        overrides: {
          population: { size: setting.size },
          circumstances: [{ name: 'absence_days', domain: 'education', type: 'count', prevalence: 3, effect: 0.1 }],
          outcome: { oracleAuc: 0.65, ageEffect: 0.25, groupEffects: { group: { B: setting.bRisk } } },
          recording: {
            contact: { baseline: -1.5, visibilityBoost: 0.5 },
            outcome: { detection: 0.05, detectionContactBoost: 1, falseRecordRate: 0.001, detectionByGroup: { group: { B: setting.bDetection } } },
          },
        },
      },
    ],
    grid: [
      { label: 'no loop', overrides: {} },
      { label: 'loop', overrides: { feedback } },
      { label: 'corrected', overrides: { feedback: { ...feedback, correction: 'inverse-propensity' } } },
    ],
    models: [{ name: 'logistic' }],
    split: { kind: 'all' },
    includeGroups: true,
    rounds: { count: setting.rounds },
    operatingPoints: [{ rule: 'topShare', value: 0.1 }],
    groups: ['group'],
    replicates: setting.seeds,
  };
  const resolved = resolveExperiment(input, { loadPreset: (p) => loadScenarioInput(p) });
  const { tasks } = await runExperiment(resolved, { workers: 1, saveScores: true });
  const out = { 'no loop': [], loop: [], corrected: [] } as Record<'no loop' | 'loop' | 'corrected', { share: number; trueShare: number }[]>;
  for (const t of tasks) {
    const s = t.scores!;
    const codes = s.groups[0].codes;
    const b = s.groups[0].levels.indexOf('B');
    let scoreB = 0, score = 0, casesB = 0, cases = 0;
    s.byModel.logistic.forEach((v, i) => {
      score += v;
      cases += s.yTrue[i];
      if (codes[i] === b) {
        scoreB += v;
        casesB += s.yTrue[i];
      }
    });
    out[resolved.cells[t.task.cell].gridLabel as 'loop'].push({ share: scoreB / score, trueShare: casesB / cases });
  }
  return out;
}
