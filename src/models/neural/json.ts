import type { StateReader } from '../envelope.js';
import type { Activation, DenseWeights, Network } from './forward.js';
import type { NeuralParams, NeuralTraining } from './params.js';

/**
 * The saved state of a fitted `neural` model (inside the envelope): the
 * feature names, the standardisation and the weights as plain JSON numbers.
 * A float32 or float64 value written as a JSON number reads back as the same
 * number, so a reloaded model predicts bit-identically.
 *
 * `layers[l].kernel` is row-major `[nIn][units]`: entry `k * units + j` joins
 * input `k` to unit `j`. The last layer has one unit and `activation:
 * 'sigmoid'`.
 */
export interface NeuralState {
  readonly features: { readonly names: string[]; readonly means: number[]; readonly sds: number[] };
  readonly layers: {
    readonly units: number;
    readonly activation: Activation;
    readonly kernel: number[];
    readonly bias: number[];
  }[];
  readonly training: NeuralTraining;
}

export function networkToState(names: readonly string[], network: Network, training: NeuralTraining): NeuralState {
  return {
    features: { names: [...names], means: Array.from(network.means), sds: Array.from(network.sds) },
    layers: network.layers.map((l) => ({
      units: l.units,
      activation: l.activation,
      kernel: Array.from(l.kernel),
      bias: Array.from(l.bias),
    })),
    training: { ...training, validationLoss: [...training.validationLoss] },
  };
}

/** Check and rebuild a network from `networkToState` output; errors name the field (`state.layers[1].kernel …`). */
export function networkFromState(state: StateReader, params: NeuralParams): { names: string[]; network: Network; training: NeuralTraining } {
  const f = record(state, 'features', state.raw('features'));
  const names = f.names;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) state.bad('features.names', 'must be a list of names');
  const d = (names as string[]).length;
  const means = numbers(state, 'features.means', f.means, d);
  const sds = numbers(state, 'features.sds', f.sds, d);
  const widths = [d, ...params.hiddenLayers, 1];
  const raw = state.list('layers');
  if (raw.length !== widths.length - 1) state.bad('layers', `must hold ${widths.length - 1} layers for hiddenLayers ${JSON.stringify(params.hiddenLayers)}; got ${raw.length}`);
  const layers = raw.map((r, l) => layer(state, r, l, widths, params.activation));
  return {
    names: names as string[],
    network: { means: Float64Array.from(means), sds: Float64Array.from(sds), layers },
    training: training(state, state.raw('training')),
  };
}

function layer(state: StateReader, raw: unknown, l: number, widths: number[], activation: Activation): DenseWeights {
  const where = `layers[${l}]`;
  const o = record(state, where, raw);
  const nIn = widths[l];
  const units = widths[l + 1];
  const expected = l === widths.length - 2 ? 'sigmoid' : activation;
  if (o.units !== units) state.bad(`${where}.units`, `must be ${units}; got ${JSON.stringify(o.units)}`);
  if (o.activation !== expected) state.bad(`${where}.activation`, `must be "${expected}"; got ${JSON.stringify(o.activation)}`);
  return {
    nIn,
    units,
    activation: expected,
    kernel: Float64Array.from(numbers(state, `${where}.kernel`, o.kernel, nIn * units)),
    bias: Float64Array.from(numbers(state, `${where}.bias`, o.bias, units)),
  };
}

function training(state: StateReader, raw: unknown): NeuralTraining {
  const o = record(state, 'training', raw);
  const count = (key: string) => {
    const v = o[key];
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : state.bad(`training.${key}`, 'must be a whole number ≥ 0');
  };
  if (typeof o.engine !== 'string') state.bad('training.engine', 'must be a name');
  const losses = o.validationLoss;
  if (!Array.isArray(losses) || !losses.every((v) => typeof v === 'number')) state.bad('training.validationLoss', 'must be a list of numbers');
  return {
    engine: o.engine as string,
    epochsRun: count('epochsRun'),
    bestEpoch: count('bestEpoch'),
    validationLoss: [...(losses as number[])],
    fitRows: count('fitRows'),
    validationRows: count('validationRows'),
  };
}

function record(state: StateReader, field: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return state.bad(field, 'must be an object');
  return v as Record<string, unknown>;
}

function numbers(state: StateReader, field: string, v: unknown, length: number): number[] {
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return state.bad(field, `must be a list of ${length} finite numbers`);
  }
  return v as number[];
}
