import { RisklabError, messages } from '../../messages.js';
import type { NeuralParams, NeuralTraining } from '../neural.js';
import type { Activation, DenseWeights, Network } from './forward.js';

/**
 * The saved form of a fitted `neural` model: plain JSON of the architecture,
 * the standardisation and the float32 weights. A float32 value written as a
 * JSON number reads back as the same float32, so a reloaded model predicts
 * bit-identically.
 *
 * `layers[l].kernel` is row-major `[nIn][units]`: entry `k * units + j` joins
 * input `k` to unit `j`. The last layer has one unit and `activation:
 * 'sigmoid'`.
 */
export interface NeuralJson {
  readonly kind: 'neural';
  readonly format: 1;
  readonly params: NeuralParams;
  readonly features: { readonly names: string[]; readonly means: number[]; readonly sds: number[] };
  readonly layers: {
    readonly units: number;
    readonly activation: Activation;
    readonly kernel: number[];
    readonly bias: number[];
  }[];
  readonly training: NeuralTraining;
}

export function networkToJson(
  params: NeuralParams,
  names: readonly string[],
  network: Network,
  training: NeuralTraining,
): NeuralJson {
  return {
    kind: 'neural',
    format: 1,
    params: { ...params, hiddenLayers: [...params.hiddenLayers] },
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

const WHERE = 'neural model JSON';

/** Check and rebuild a network from `networkToJson` output. */
export function networkFromJson(
  json: unknown,
  resolveParams: (p: Partial<NeuralParams>) => NeuralParams,
): { params: NeuralParams; names: string[]; network: Network; training: NeuralTraining } {
  const o = record(json, WHERE);
  if (o.kind !== 'neural') fail('kind', '"neural"', o.kind);
  if (o.format !== 1) fail('format', '1', o.format);
  const params = resolveParams(record(o.params, `${WHERE}.params`) as Partial<NeuralParams>);
  const f = record(o.features, `${WHERE}.features`);
  const names = f.names;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) fail('features.names', 'an array of strings', names);
  const d = names.length;
  const means = numbers(f.means, d, 'features.means');
  const sds = numbers(f.sds, d, 'features.sds');
  const widths = [d, ...params.hiddenLayers, 1];
  if (!Array.isArray(o.layers) || o.layers.length !== widths.length - 1) {
    fail('layers', `an array of ${widths.length - 1} layers`, o.layers);
  }
  const layers = (o.layers as unknown[]).map((raw, l) => layer(raw, l, widths, params.activation));
  const training = record(o.training, `${WHERE}.training`) as unknown as NeuralTraining;
  return {
    params,
    names: names as string[],
    network: { means: Float64Array.from(means), sds: Float64Array.from(sds), layers },
    training,
  };
}

function layer(raw: unknown, l: number, widths: number[], activation: Activation): DenseWeights {
  const o = record(raw, `${WHERE}.layers[${l}]`);
  const nIn = widths[l];
  const units = widths[l + 1];
  const expectedActivation = l === widths.length - 2 ? 'sigmoid' : activation;
  if (o.units !== units) fail(`layers[${l}].units`, String(units), o.units);
  if (o.activation !== expectedActivation) fail(`layers[${l}].activation`, show(expectedActivation), o.activation);
  return {
    nIn,
    units,
    activation: expectedActivation,
    kernel: Float32Array.from(numbers(o.kernel, nIn * units, `layers[${l}].kernel`)),
    bias: Float32Array.from(numbers(o.bias, units, `layers[${l}].bias`)),
  };
}

function record(v: unknown, field: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new RisklabError(messages.invalid(field, 'an object', v), field);
  }
  return v as Record<string, unknown>;
}

function numbers(v: unknown, length: number, field: string): number[] {
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail(field, `an array of ${length} finite numbers`, v);
  }
  return v as number[];
}

function fail(field: string, expected: string, got: unknown): never {
  throw new RisklabError(messages.invalid(`${WHERE}.${field}`, expected, got), `${WHERE}.${field}`);
}

function show(s: string): string {
  return JSON.stringify(s);
}
