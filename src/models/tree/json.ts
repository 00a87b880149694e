import type { StateReader } from '../envelope.js';
import { binningFromJSON, type Binning } from './binning.js';
import { treeFromJSON, type Tree, type TreeJSON } from './tree.js';

/** What every saved tree ensemble's state holds (forest, boosting). */
export interface TreeEnsembleState {
  featureNames: string[];
  /** Cut points per feature (see `Binning`). */
  cuts: number[][];
  trees: TreeJSON[];
}

/** Read a tree ensemble's state: feature names, binning and `min` to `max` trees. */
export function readEnsemble(state: StateReader, maxBins: number, min: number, max: number): { featureNames: string[]; binning: Binning; trees: Tree[] } {
  const { featureNames, binning } = readBinnedFeatures(state, maxBins);
  return { featureNames, binning, trees: readTrees(state, binning, min, max) };
}

/**
 * The parts of a saved forest or boosting state that both share: the
 * feature names, one ascending cut list per feature (at most `maxBins` − 1
 * cuts each) and the trees. Each reader throws the one load error naming
 * the field (`state.trees[3] …`).
 */
export function readBinnedFeatures(state: StateReader, maxBins: number): { featureNames: string[]; binning: Binning } {
  const featureNames = state.strings('featureNames');
  const binning = binningFromJSON(state.raw('cuts'), maxBins);
  if (binning === null || binning.cuts.length !== featureNames.length) {
    state.bad('cuts', `must hold one ascending list of at most ${maxBins - 1} numbers per feature`);
  }
  return { featureNames, binning: binning! };
}

/** Between `min` and `max` trees, each consistent with the binning. */
export function readTrees(state: StateReader, binning: Binning, min: number, max: number): Tree[] {
  const raw = state.list('trees');
  if (raw.length < min || raw.length > max) {
    state.bad('trees', min === max ? `must hold ${min} trees; got ${raw.length}` : `must hold ${min} to ${max} trees; got ${raw.length}`);
  }
  const nBins = binning.cuts.map((c) => c.length + 1);
  return raw.map((t, k) => {
    const tree = treeFromJSON(t, nBins);
    return typeof tree === 'string' ? state.bad(`trees[${k}]`, tree) : tree;
  });
}
