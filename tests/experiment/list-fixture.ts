/** A small experiment for the list tests (tests/experiment/list*.test.ts, tests/report/list.test.ts). */

/** Many false police records and much leakage, so every kind of reason occurs. */
export const LIST_EXPERIMENT = {
  name: 'list-test',
  question: 'Who is on the list, and why?',
  seed: 'list',
  scenarios: [
    {
      label: 'trap',
      preset: 'trap',
      overrides: {
        population: { size: 12000 },
        recording: { domains: { police: { visibility: 0.5, falseRecordRate: 0.03 } }, outcome: { leakage: { probability: 0.9 } } },
      },
    },
  ],
  models: [
    { name: 'points', params: { mode: 'expert' } },
    { name: 'logistic' },
    { name: 'boosting', params: { rounds: 15 } },
    { name: 'neural', params: { epochs: 1 } },
    { name: 'oracle' },
  ],
  groups: ['ethnicity', 'deprivation'],
  intersections: [['ethnicity', 'deprivation']],
  operatingPoints: [{ rule: 'topK', value: 150 }, { rule: 'threshold', value: 0.5 }],
  replicates: 1,
};
