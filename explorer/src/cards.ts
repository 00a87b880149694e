import { choosePair, chooseLeakedChild, type LeakResult, type PairResult } from '../../src/experiment/pair.js';
import { flagsAt, type Cut } from '../../src/metrics/index.js';
import { madeUpName, pairNames } from './names.js';
import type { Simulation } from './simulation.js';

/**
 * The two cards at one operating point: the "same child, different record"
 * pair (group B, the more visible, against group A) and the child with a
 * record created after a concern was recorded, re-scored without it — both
 * chosen by src/experiment/pair.ts, with made-up first names added here.
 */
export interface Cards {
  readonly pair: PairResult;
  /** Made-up names, aligned with `pair.children` when there is a pair. */
  readonly pairNames: readonly string[];
  readonly leak: LeakResult;
  readonly leakName: string;
}

export function cardsAt(sim: Simulation, cut: Cut): Cards {
  const listed = flagsAt(sim.scores, cut);
  const { population, records, testRows, scores, scenario, preset } = sim;
  const pair = choosePair({ scenario, population, records, testRows, scores, listed, attribute: preset.groups.attribute, visible: preset.groups.b, other: preset.groups.a });
  // A list's cut score is its lowest listed score; a threshold's is the threshold.
  const leak = chooseLeakedChild({ population, records, testRows, scores, listed, model: sim.model, cutScore: cut.threshold });
  const names =
    pair.kind === 'pair'
      ? pairNames(scenario.seed, [pair.children[0].id, pair.children[1].id], [pair.children[0].groups.sex, pair.children[1].groups.sex])
      : [];
  const leakName = leak.kind === 'leaked' ? madeUpName(scenario.seed, leak.child.id, leak.child.groups.sex) : '';
  return { pair, pairNames: names, leak, leakName };
}
