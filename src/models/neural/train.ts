import { shuffleInPlace, type RandomSource } from '../../random/index.js';
import { stratifiedHoldout } from '../sampling.js';
import { meanLogLoss, Scorer, type DenseWeights, type Network } from './forward.js';
import type { NeuralParams, TrainLog } from './params.js';
import type { SparseRows } from './rows.js';

/**
 * The training loop of the neural model, shared by both gradient engines
 * (`typed.ts`, `tfjs.ts`): the seeded validation split, the initial weights,
 * each epoch's batch order, each dropout mask, Adam and early stopping live
 * here, so the two engines see the same batches and take the same steps and
 * differ only in how (and how precisely) they compute each batch's gradient.
 * The weights are Float64Arrays updated in place by Adam; an engine only
 * reads them.
 *
 * Streams (forks of the model's random source): `split` (the stratified
 * validation rows), `init` (Glorot-uniform kernels, rounded to float32 so
 * both engines start from the same numbers), `shuffle` (each epoch's order),
 * `dropout` (each batch's masks, hidden layer by layer, row-major).
 */

/** What computes a batch's gradients. */
export interface GradientEngine {
  /** `typed` or the tfjs backend (`tensorflow`, `wasm`, `cpu`). */
  readonly name: string;
  /**
   * Gradients of the batch's mean (row-weighted) log-loss with respect to
   * every kernel and bias, written into `out` in layer order (kernel₁, bias₁,
   * kernel₂, …). `batch` holds training row indices; `masks[l]` holds the
   * inverted-dropout mask of hidden layer l, `batch.length × units` entries
   * row-major (empty without dropout).
   */
  gradients(layers: readonly DenseWeights[], batch: Int32Array, masks: readonly Float64Array[], out: readonly Float64Array[]): void;
}

/** The training rows as the loop needs them. */
export interface TrainData {
  readonly nIn: number;
  /** Raw rows (non-zero entries), for the validation loss. */
  readonly rows: SparseRows;
  readonly yRecorded: Uint8Array;
  readonly means: Float64Array;
  /** Standard deviations (1 for a constant column). */
  readonly sds: Float64Array;
  /** Each row's weight in the loss (class weights), or null for 1. */
  readonly rowWeight: Float64Array | null;
}

/** Adam's constants (Kingma & Ba 2015, Algorithm 1). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/**
 * Glorot-uniform kernels (Glorot & Bengio 2010): U(−r, r) with
 * r = √(6 / (fan_in + fan_out)), drawn row-major layer by layer from
 * `random` and rounded to float32; biases 0.
 */
export function initialLayers(nIn: number, s: Pick<NeuralParams, 'hiddenLayers' | 'activation'>, random: RandomSource): DenseWeights[] {
  const widths = [nIn, ...s.hiddenLayers, 1];
  return widths.slice(1).map((units, l) => {
    const fanIn = widths[l];
    const limit = Math.sqrt(6 / (fanIn + units));
    const kernel = new Float64Array(fanIn * units);
    for (let i = 0; i < kernel.length; i++) kernel[i] = Math.fround((2 * random.next() - 1) * limit);
    return { nIn: fanIn, units, activation: l === widths.length - 2 ? 'sigmoid' : s.activation, kernel, bias: new Float64Array(units) };
  });
}

/** Train a network; returns the kept weights (the best epoch's) and what happened. */
export function trainNetwork(
  makeEngine: (layers: readonly DenseWeights[]) => GradientEngine,
  data: TrainData,
  s: NeuralParams,
  random: RandomSource,
): { network: Network; log: TrainLog; engine: string } {
  const { fit, holdout: validation } = stratifiedHoldout(random.fork('split'), data.yRecorded, s.validationFraction);
  const layers = initialLayers(data.nIn, s, random.fork('init'));
  const engine = makeEngine(layers);
  const adam = new Adam(layers.flatMap((l) => [l.kernel, l.bias]), s.learningRate);
  const grads = layers.flatMap((l) => [new Float64Array(l.kernel.length), new Float64Array(l.bias.length)]);
  const masks = s.dropout > 0 ? layers.slice(0, -1).map((l) => new Float64Array(s.batchSize * l.units)) : [];
  const order = fit.slice();
  const shuffle = random.fork('shuffle');
  const dropout = random.fork('dropout');
  const losses: number[] = [];
  let best = { loss: Infinity, epoch: 0, network: snapshot(layers, data) };
  let epoch = 0;
  while (epoch < s.epochs) {
    epoch += 1;
    shuffleInPlace(shuffle, order);
    for (let start = 0; start < order.length; start += s.batchSize) {
      const batch = order.subarray(start, Math.min(order.length, start + s.batchSize));
      const views = masks.map((m) => drawMask(dropout, m.subarray(0, (batch.length * m.length) / s.batchSize), s.dropout));
      engine.gradients(layers, batch, views, grads);
      adam.step(grads);
    }
    const network = snapshot(layers, data);
    if (validation.length === 0) {
      best = { loss: NaN, epoch, network };
      continue;
    }
    const loss = validationLoss(network, data, validation);
    losses.push(loss);
    if (loss < best.loss) best = { loss, epoch, network };
    else if (epoch - best.epoch >= s.patience) break;
  }
  const log = { epochsRun: epoch, bestEpoch: best.epoch, validationLoss: losses, fitRows: fit.length, validationRows: validation.length };
  return { network: best.network, log, engine: engine.name };
}

/** Fill `mask` for inverted dropout: each entry 0 with probability `rate`, else 1 / (1 − rate). */
function drawMask(random: RandomSource, mask: Float64Array, rate: number): Float64Array {
  const keep = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = random.next() < rate ? 0 : keep;
  return mask;
}

/** Adam on plain arrays (Kingma & Ba 2015, Algorithm 1), updating `params` in place. */
class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(
    private readonly params: readonly Float64Array[],
    private readonly learningRate: number,
  ) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }

  step(grads: readonly Float64Array[]): void {
    this.t += 1;
    const c1 = 1 - BETA1 ** this.t;
    const c2 = 1 - BETA2 ** this.t;
    const rate = this.learningRate;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      const g = grads[i];
      const m = this.m[i];
      const v = this.v[i];
      for (let k = 0; k < p.length; k++) {
        const gk = g[k];
        m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
        v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
        p[k] -= (rate * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + EPSILON);
      }
    }
  }
}

/** A copy of the current weights (training goes on updating the originals). */
function snapshot(layers: readonly DenseWeights[], data: TrainData): Network {
  return { means: data.means, sds: data.sds, layers: layers.map((l) => ({ ...l, kernel: l.kernel.slice(), bias: l.bias.slice() })) };
}

/** Mean (row-weighted) log-loss of `network` on the validation rows. */
function validationLoss(network: Network, data: TrainData, rows: Int32Array): number {
  const z = new Float64Array(rows.length);
  new Scorer(network).logits(data.rows, rows, z);
  const labels = Uint8Array.from(rows, (r) => data.yRecorded[r]);
  const weights = data.rowWeight === null ? undefined : Float64Array.from(rows, (r) => data.rowWeight![r]);
  return meanLogLoss(z, labels, weights);
}
