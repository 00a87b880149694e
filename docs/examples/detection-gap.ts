/**
 * Detection gap: the worked example of docs/writing-an-experiment.md (the
 * end-to-end test runs this very file). When only some of the cases that
 * really happen are ever recorded, a model trained and judged on the
 * records is judged against the wrong answers.
 */
import type { ExperimentInput } from '../../src/experiment/schema.js';

const HALF = 'half recorded';

export default {
  name: 'detection-gap',
  question:
    'When only half of the children who are truly harmed are ever recorded as harmed, how different does a risk model look against the records from how it does against the truth?',
  sources: ['docs/writing-an-experiment.md: an illustrative example; every number is an assumption of the neutral preset'],
  seed: 7,
  scenarios: [{ label: 'county', preset: 'neutral', overrides: { population: { size: 20000 } } }],
  grid: [
    { label: 'all recorded', value: 1, overrides: {} },
    { label: HALF, value: 0.5, overrides: { recording: { outcome: { detection: 0.5 } } } },
  ],
  gridLabel: 'share of true cases recorded',
  models: [
    { name: 'logistic' },
    { name: 'boosting', params: { rounds: 100 }, quickParams: { rounds: 20 } },
  ],
  split: { kind: 'holdout', testShare: 0.3 },
  operatingPoints: [{ rule: 'topShare', value: 0.1 }],
  groups: ['sex'],
  replicates: 5,
  criteria: ['recall ≥ 0.3'],
  findings: [
    {
      id: 'same',
      claim: '{cell}: precision of the {model} model against the truth minus against the records',
      select: { cell: 'all recorded', model: 'logistic', metric: 'precision' },
      derive: { kind: 'difference', of: { label: 'yTrue' }, minus: { label: 'yRecorded' } },
      band: { min: 0, max: 0, source: 'the neutral preset records every case, so the records and the truth agree' },
    },
    {
      id: 'gap',
      claim: '{cell}: precision of the {model} model against the truth minus against the records',
      select: { cell: HALF, model: 'logistic', metric: 'precision' },
      derive: { kind: 'difference', of: { label: 'yTrue' }, minus: { label: 'yRecorded' } },
      band: { above: 0, source: 'arithmetic: a flagged child whose harm went unrecorded counts as a false alarm against the records' },
    },
    {
      id: 'missed',
      claim: '{cell}: children truly harmed whom the {model} model leaves off its top {op.value|percent}',
      forEach: 'model',
      select: { cell: HALF, label: 'yTrue', metric: 'fn' },
    },
  ],
  headline:
    'With {gap.cellValue|percent} of harm recorded, the records {gap|sign:understate:overstate} the precision of the logistic model by {gap|abs|fixed:2}; its list of the top {gap.op.value|percent} of {gap.config.population.size|count} children still leaves off about {missed[logistic]|count} children truly harmed.',
  quick: { replicates: 2, size: 6000 },
} satisfies ExperimentInput;
