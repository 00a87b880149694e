/**
 * Base rate.
 *
 * Question: at a fixed ability to rank children, how does precision change as
 * the outcome gets rarer? Sexual exploitation is rare (roughly 0.1–0.2% of
 * children a year; about 3% among children in need), so even an excellent
 * ranking flags many children who are not at risk.
 *
 * The oracle's precision is checked against the closed form
 * recall·π / (recall·π + FPR·(1 − π)) computed from its own rates.
 */
import type { ExperimentInput } from '../src/experiment/schema.js';

const rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
const label = (r: number) => `${Number((r * 100).toPrecision(3))}%`;
const [lowest, highest] = [label(rates[0]), label(rates[rates.length - 1])];

export default {
  name: 'base-rate',
  question:
    'At a fixed separability (oracle AUC 0.80), how many children are flagged for each child truly at risk as the base rate runs from 0.1% to 30%?',
  sources: ['SOURCES.md: CSE roughly 0.1% of all children a year, about 0.2% of 10–17 year olds, about 3% among children in need (medium)'],
  seed: 2023,
  scenarios: [{ label: 'neutral', preset: 'neutral', overrides: { population: { size: 200000 } } }],
  grid: rates.map((r) => ({ label: label(r), value: r, overrides: { outcome: { baseRate: r, oracleAuc: 0.8 } } })),
  gridLabel: 'base rate',
  models: [{ name: 'logistic' }, { name: 'oracle' }],
  split: { kind: 'holdout', testShare: 0.5 },
  operatingPoints: [{ rule: 'recall', value: 0.5 }],
  groups: [],
  replicates: 10,
  criteria: ['precision ≥ 0.65'],
  findings: [
    {
      id: 'oraclePrecision',
      claim: 'base rate {cellValue|percent}: oracle precision at recall {op.value}',
      forEach: 'cell',
      select: { model: 'oracle', label: 'yTrue', metric: 'precision' },
    },
    {
      id: 'oracleFlags',
      claim: 'base rate {cellValue|percent}: children flagged per true case (oracle)',
      forEach: 'cell',
      select: { model: 'oracle', label: 'yTrue', metric: 'flagsPerTrueCase' },
    },
    {
      id: 'modelPrecision',
      claim: 'base rate {cellValue|percent}: precision of the {model} model at recall {op.value}',
      forEach: ['cell', 'model'],
      select: { label: 'yTrue', metric: 'precision' },
    },
    {
      id: 'modelFlags',
      claim: 'base rate {cellValue|percent}: children flagged per true case (the {model} model)',
      forEach: ['cell', 'model'],
      select: { label: 'yTrue', metric: 'flagsPerTrueCase' },
    },
    {
      id: 'recordsGap',
      claim: 'base rate {cellValue|percent}: oracle precision against {of.label} minus against {minus.label}',
      forEach: 'cell',
      select: { model: 'oracle', metric: 'precision' },
      derive: { kind: 'difference', of: { label: 'yRecorded' }, minus: { label: 'yTrue' } },
    },
    {
      id: 'closedForm',
      claim: 'base rate {cellValue|percent}: oracle precision − closed form recall·π/(recall·π + FPR·(1 − π))',
      forEach: 'cell',
      select: { model: 'oracle', label: 'yTrue' },
      derive: { kind: 'closedFormCheck' },
    },
  ],
  headline: `Even the best possible model (the oracle, AUC {oracleFlags[${lowest}].config.outcome.oracleAuc|fixed:2}), set to find half of the cases, flags about {oracleFlags[${lowest}]|round} children for each child truly at risk when the base rate is {oracleFlags[${lowest}].cellValue|percent}: of every 1,000 children it flags, about {oraclePrecision[${lowest}]|times:1000|round} are at risk. At {oracleFlags[${highest}].cellValue|percent} it flags about {oracleFlags[${highest}]|fixed:1} per true case. Here the records {recordsGap[${lowest}]|sign:flatter the model:understate the model:agree with the truth}: the rarity of the outcome alone makes most flags false alarms.`,
  brief: { cell: lowest },
  quick: { replicates: 2, size: 20000 },
} satisfies ExperimentInput;
