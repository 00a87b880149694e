import { poissonDraw, streamState, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { NORM_CDF_TABLE, normCdfFast, normCdfTable, normInv } from './math.js';
import { CellCache, groupTable } from './groups.js';
import { LATENT_BINS, latentBin, latentBinBottom, latentBinTop, type Block } from './block.js';

/** 2⁻³²: a 32-bit output times it is the stream's uniform (see `streamState`). */
const INV_TWO_32 = 1 / 4294967296;

type Circumstance = Scenario['circumstances'][number];

/** Highest prevalence a group ratio may push a binary circumstance to. */
export const MAX_GROUP_PREVALENCE = 0.99;

/** Counts enter the true risk capped at this many (a tenth missing episode adds little). */
export const COUNT_EFFECT_CAP = 5;

/** Draws one circumstance for successive blocks of children (see TruthDrawer). */
export interface CircumstanceKernel {
  /**
   * The circumstance of each child of `block` into `out[offset + i]`, and
   * its effect on the true risk added to `block.z[offset + i]`.
   * Household-level circumstances are drawn at each household's first child
   * and copied to its siblings, also across block and chunk boundaries.
   */
  draw(block: Block, out: Uint8Array): void;
}

/**
 * One true circumstance, drawn from its own stream.
 *
 * Binary: P(x = 1 | L) = Φ(c + λL) with c = Φ⁻¹(p)·√(1 + λ²), where L ~ N(0, 1)
 * is the latent vulnerability (the child's V, or the family's F for
 * household-level circumstances) and λ the loading. Averaged over L this gives
 * exactly prevalence p (a liability-threshold model), so loadings change
 * co-occurrence, not prevalence.
 *
 * Count: Poisson with mean μ·exp(λL − λ²/2), whose average over L is μ.
 *
 * p (or μ) is `prevalence` × the child's group ratios, capped at
 * MAX_GROUP_PREVALENCE for binary circumstances. Household-level
 * circumstances are drawn once per family (using the first child's group
 * levels) and shared by siblings. Counts are capped at 255. One uniform per
 * child (per family for household-level ones), drawn a block at a time.
 *
 * The circumstance adds effect·min(x, COUNT_EFFECT_CAP) to the child's
 * unscaled risk score z (src/population/outcome.ts) in the same pass.
 */
export function circumstanceKernel(
  c: Circumstance,
  source: RandomSource,
  groups: Scenario['population']['groups'],
): CircumstanceKernel {
  const lambda = c.loading;
  const scale = Math.sqrt(1 + lambda * lambda);
  const ratios = groupTable(c.groupRatios, groups);
  const effects = new Float64Array(256);
  // effects[x] = effect·min(x, cap), 0 for x = 0.
  for (let x = 1; x < 256; x++) effects[x] = c.effect * Math.min(x, COUNT_EFFECT_CAP);
  if (c.type === 'binary') {
    if (c.prevalence === 0) return { draw: () => {} }; // never present, no draws, adds nothing
    const base = normInv(Math.min(c.prevalence, MAX_GROUP_PREVALENCE)) * scale;
    const thresholds = ratios && new CellCache(ratios.count, (cell) => normInv(Math.min(c.prevalence * ratios.value(cell), MAX_GROUP_PREVALENCE)) * scale);
    if (thresholds === null) {
      const bound = binaryBounds(base, lambda);
      if (c.level === 'child') return { draw: (block, out) => binaryChildren(block, source, out, base, lambda, c.effect, bound) };
      let carried = 0;
      return { draw: (block, out) => void (carried = binaryFamilies(block, source, out, base, lambda, c.effect, bound, carried)) };
    }
    const value = (u: number, l: number, cell: number): number => (u < normCdfFast((thresholds === null ? base : thresholds.get(cell)) + lambda * l) ? 1 : 0);
    return perChildOrFamily(c.level === 'household', source, ratios, value, effects);
  }
  const countBase = c.prevalence * Math.exp((-lambda * lambda) / 2);
  const means = ratios && new CellCache(ratios.count, (cell) => countBase * ratios.value(cell));
  const bounds = means === null ? poissonBounds(countBase, lambda) : null;
  if (bounds !== null && c.level === 'child') return { draw: (block, out) => countChildren(block, source, out, countBase, lambda, bounds, effects) };
  /** The count of one child (or family): Poisson inversion of u at mean μ·r·e^{λl}, capped at 255. */
  const value = (u: number, l: number, cell: number): number => {
    const k = bounds === null ? -1 : countFromBounds(u, bounds, latentBin(l));
    return k >= 0 ? k : Math.min(255, poissonDraw(u, (means === null ? countBase : means.get(cell)) * Math.exp(lambda * l)));
  };
  return perChildOrFamily(c.level === 'household', source, ratios, value, effects);
}

/** Counts `poissonBounds` decides without the exact inversion: 0 … POISSON_DECIDED − 1. */
const POISSON_DECIDED = 4;

/**
 * Bounds of the Poisson CDF P(X ≤ k) at mean μ(l) = mean·e^{λl}, for
 * k < POISSON_DECIDED, on each LATENT_BINS cell of l: the CDF falls as μ
 * (and so l, λ ≥ 0) grows, so on a cell it lies between its values at the
 * cell's upper and lower edges — accumulated exactly as `poissonDraw` does,
 * then widened by a relative 1e-9 and an absolute 1e-12 against rounding.
 * `table[(b·K + k)·2]` is the lower bound, `+ 1` the upper (K = POISSON_DECIDED).
 */
function poissonBounds(mean: number, lambda: number): Float64Array {
  const K = POISSON_DECIDED;
  const table = new Float64Array(LATENT_BINS.count * K * 2);
  const cdfAt = (mu: number, out: Float64Array): void => {
    if (!Number.isFinite(mu)) return void out.fill(0);
    let p = Math.exp(-mu);
    let cdf = p;
    for (let k = 0; k < K; k++) {
      if (k > 0) {
        p *= mu / k;
        cdf += p;
      }
      out[k] = cdf;
    }
  };
  const low = new Float64Array(K);
  const high = new Float64Array(K);
  for (let b = 0; b < LATENT_BINS.count; b++) {
    cdfAt(lambda === 0 ? mean : mean * Math.exp(lambda * latentBinTop(b)), low);
    cdfAt(lambda === 0 ? mean : mean * Math.exp(lambda * latentBinBottom(b)), high);
    for (let k = 0; k < K; k++) {
      table[(b * K + k) * 2] = low[k] * (1 - 1e-9) - 1e-12;
      table[(b * K + k) * 2 + 1] = high[k] * (1 + 1e-9) + 1e-12;
    }
  }
  return table;
}

/**
 * The count for uniform u in latent cell b when `poissonBounds` settle it,
 * −1 otherwise: the exact inversion returns the first k with u ≤ P(X ≤ k);
 * u below k's lower bound, after being at or above every smaller k's upper
 * bound, is certainly that k.
 */
function countFromBounds(u: number, bounds: Float64Array, b: number): number {
  const base = b * POISSON_DECIDED * 2;
  for (let k = 0; k < POISSON_DECIDED; k++) {
    if (u < bounds[base + 2 * k]) return k;
    if (u < bounds[base + 2 * k + 1]) return -1;
  }
  return -1;
}

/**
 * A kernel that draws one uniform per child (or, household-level, per
 * family at its first child, sibling copies carried across blocks) and turns
 * it into a value with `value(u, latent, cell)`.
 */
function perChildOrFamily(
  shared: boolean,
  source: RandomSource,
  ratios: ReturnType<typeof groupTable>,
  value: (u: number, l: number, cell: number) => number,
  effects: Float64Array,
): CircumstanceKernel {
  let carried = 0; // the value of the last child drawn: siblings in the next block copy it
  return {
    draw(block, out) {
      const { m, offset, z, cells, first } = block;
      if (ratios) ratios.cellsInto(cells, block.groups, offset, m);
      if (!shared) {
        const u = source.fill(block.u, m);
        const child = block.child;
        for (let i = 0; i < m; i++) {
          const x = value(u[i], child[i], cells[i]);
          out[offset + i] = x;
          z[offset + i] += effects[x];
        }
        return;
      }
      const u = source.fill(block.u, block.households);
      const family = block.family;
      let x = carried;
      for (let i = 0, j = 0; i < m; i++) {
        if (first[i] === 1) x = value(u[j++], family[i], cells[i]);
        out[offset + i] = x;
        z[offset + i] += effects[x];
      }
      carried = x;
    },
  };
}

/**
 * Upper bounds of P(x = 1 | L) = Φ(threshold + λL) (as `normCdfFast` gives
 * it) on each LATENT_BINS cell of L: its value at the cell's upper edge —
 * the probability rises with L — raised by a relative 1e-9 and an absolute
 * 1e-12 against rounding. A uniform at or above its cell's bound is
 * certainly a 0, without the table lookup.
 */
function binaryBounds(threshold: number, lambda: number): Float64Array {
  const bound = new Float64Array(LATENT_BINS.count);
  for (let b = 0; b < bound.length; b++) {
    const top = latentBinTop(b);
    const p = lambda === 0 ? normCdfFast(threshold) : normCdfFast(threshold + lambda * top);
    bound[b] = p * (1 + 1e-9) + 1e-12;
  }
  return bound;
}

/**
 * The common case — a child-level binary circumstance without group ratios:
 * x = 1 when u < Φ(threshold + λ·V), with `normCdfFast` inlined, decided
 * first against the bound of V's cell (`binaryBounds`): most children are a
 * certain 0 after one comparison, and only the others look Φ up. The
 * effect is added to z for the children who have it.
 */
function binaryChildren(block: Block, source: RandomSource, out: Uint8Array, threshold: number, lambda: number, effect: number, bound: Float64Array): void {
  const table = normCdfTable();
  const { lo, hi, perStep } = NORM_CDF_TABLE;
  const { m, offset, z, child, bin } = block;
  out.fill(0, offset, offset + m);
  // The stream's uniforms drawn in the loop (see `streamState`): one per child, in child order.
  const state = streamState(source);
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  for (let i = 0; i < m; i++) {
    const t0 = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t0) | 0;
    const ui = (t0 >>> 0) * INV_TWO_32;
    if (ui < bound[bin[i]]) {
      const x = threshold + lambda * child[i];
      let p: number;
      if (x <= lo) p = 0;
      else if (x >= hi) p = 1;
      else {
        const t = (x - lo) * perStep;
        const j = t | 0;
        p = table[j] + (t - j) * (table[j + 1] - table[j]);
      }
      if (ui < p) {
        out[offset + i] = 1;
        z[offset + i] += effect;
      }
    }
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

/**
 * A household-level binary circumstance without group ratios: drawn at
 * each household's first child from the family factor F — one uniform per
 * household opened in the block, `binaryBounds` on F's cell first, then Φ —
 * and written to the run of children of each household that has it (the
 * rest of the block is zeroed at once). `carried` is the value of the
 * household the block starts in, if it was opened before; the value of the
 * block's last household is returned for the next block.
 */
function binaryFamilies(
  block: Block,
  source: RandomSource,
  out: Uint8Array,
  threshold: number,
  lambda: number,
  effect: number,
  bound: Float64Array,
  carried: number,
): number {
  const table = normCdfTable();
  const { lo, hi, perStep } = NORM_CDF_TABLE;
  const { m, offset, z, family, opener, familyBin, households } = block;
  out.fill(0, offset, offset + m);
  if (carried === 1) setRun(out, z, offset, 0, households === 0 ? m : opener[0], effect);
  let last = carried;
  // The stream's uniforms drawn in the loop (see `streamState`): one per household, in order.
  const state = streamState(source);
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  for (let j = 0; j < households; j++) {
    const t0 = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t0) | 0;
    const u = (t0 >>> 0) * INV_TWO_32;
    let v = 0;
    if (u < bound[familyBin[j]]) {
      const x = threshold + lambda * family[opener[j]];
      let p: number;
      if (x <= lo) p = 0;
      else if (x >= hi) p = 1;
      else {
        const t = (x - lo) * perStep;
        const k = t | 0;
        p = table[k] + (t - k) * (table[k + 1] - table[k]);
      }
      if (u < p) {
        v = 1;
        setRun(out, z, offset, opener[j], j + 1 === households ? m : opener[j + 1], effect);
      }
    }
    last = v;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
  return last;
}

/** Children [from, to) of the block have the circumstance: out = 1, z gains the effect. */
function setRun(out: Uint8Array, z: Float64Array, offset: number, from: number, to: number, effect: number): void {
  for (let i = from; i < to; i++) {
    out[offset + i] = 1;
    z[offset + i] += effect;
  }
}

/**
 * A child-level count without group ratios: settled by `countFromBounds` on
 * V's cell for most children, by the exact inversion for the rest — so the
 * counts are exactly `poissonDraw`'s.
 */
function countChildren(
  block: Block,
  source: RandomSource,
  out: Uint8Array,
  mean: number,
  lambda: number,
  bounds: Float64Array,
  effects: Float64Array,
): void {
  const { m, offset, z, child, bin } = block;
  const u = source.fill(block.u, m);
  for (let i = 0; i < m; i++) {
    let x = countFromBounds(u[i], bounds, bin[i]);
    if (x < 0) x = Math.min(255, poissonDraw(u[i], mean * Math.exp(lambda * child[i])));
    out[offset + i] = x;
    z[offset + i] += effects[x];
  }
}
