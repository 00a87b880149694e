import { messages, RisklabError } from '../../messages.js';
import { binningFromJSON, type Binning } from './binning.js';

/** The parts every saved tree model shares, checked. */
export interface TreeModelHeader<P> {
  readonly params: P;
  readonly featureNames: string[];
  readonly binning: Binning;
  /** Throws the model's "not a saved model" error with a reason. */
  readonly bad: (reason: string) => never;
}

/**
 * Check the header of a saved forest or boosting model — an object of the
 * right kind and format version, valid hyper-parameters, feature names, and
 * one ascending cut list per feature — and return its parts. Each loader then
 * checks its own trees.
 */
export function readTreeModelHeader<P extends { readonly maxBins: number }>(
  kind: string,
  version: number,
  json: unknown,
  validate: (params: unknown) => P,
): TreeModelHeader<P> & { readonly value: Record<string, unknown> } {
  const bad = (reason: string): never => {
    throw new RisklabError(messages.badModelJson(kind, reason));
  };
  if (json === null || typeof json !== 'object') bad('it is not an object');
  const v = json as Record<string, unknown>;
  if (v.kind !== kind) bad(`kind is ${JSON.stringify(v.kind)}, not "${kind}"`);
  if (v.version !== version) bad(`format version ${JSON.stringify(v.version)} is not ${version}`);
  const params = validate(v.params);
  const names = v.featureNames;
  if (!Array.isArray(names) || !names.every((s) => typeof s === 'string')) bad('featureNames must be an array of strings');
  const featureNames = (names as string[]).slice();
  const binning = binningFromJSON(v.cuts, params.maxBins);
  if (binning === null || binning.cuts.length !== featureNames.length) bad('cuts must hold one ascending array of numbers per feature');
  return { value: v, params, featureNames, binning: binning!, bad };
}
