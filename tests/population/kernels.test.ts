import { describe, expect, it } from 'vitest';
import { createRandom, poissonDraw } from '../../src/random/index.js';
import { resolveScenario, type Scenario } from '../../src/scenario/index.js';
import { BLOCK, latentBin, newBlock, type Block } from '../../src/population/block.js';
import { circumstanceKernel, COUNT_EFFECT_CAP, MAX_GROUP_PREVALENCE } from '../../src/population/circumstances.js';
import { normCdfFast, normInv } from '../../src/population/math.js';

/**
 * The kernels decide most children against bounds on cells of the latent
 * factor (src/population/circumstances.ts) and only the rest exactly; these
 * tests check that the result is exactly the plain definition — for
 * binary circumstances x = [u < Φ(c + λL)] with `normCdfFast`, for counts
 * the Poisson inversion `poissonDraw(u, μ·e^{λL})` — on latent values piled
 * up at the cell edges (where a wrong bound would show first), beyond the
 * grid, and spread out; for child- and household-level circumstances, with
 * and without group ratios, over several blocks.
 */

const AREAS = ['low', 'high'];

function scenarioWith(circumstances: object[]): Scenario {
  return resolveScenario({
    seed: 1,
    population: { groups: [{ attribute: 'area', level: 'household', levels: AREAS.map((name) => ({ name, share: 0.5 })) }] },
    circumstances,
  });
}

/** Latent values: every cell edge and its neighbours, values beyond ±8, and a spread. */
function latentValues(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  const u = createRandom(seed).fork('latent');
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    const edge = -8 + Math.floor(u.next() * 129) / 8;
    if (kind === 0) out[i] = edge;
    else if (kind === 1) out[i] = edge - 1e-12 * u.next();
    else if (kind === 2) out[i] = (u.next() - 0.5) * 24; // −12 … 12: beyond the grid too
    else out[i] = (u.next() - 0.5) * 6;
  }
  return out;
}

/** One block: households of 1–3 children (the first child continues the last block's household), area codes per household. */
function fillBlock(block: Block, offset: number, m: number, latent: Float64Array, codes: Uint8Array, seed: number): void {
  const u = createRandom(seed).fork('households');
  block.m = m;
  block.offset = offset;
  let households = 0;
  let family = latent[offset];
  for (let i = 0; i < m; i++) {
    const opens = i > 0 && u.next() < 0.55;
    if (opens) {
      family = latent[offset + i];
      block.opener[households] = i;
      block.familyBin[households++] = latentBin(family);
    }
    block.first[i] = opens ? 1 : 0;
    block.home[i] = households;
    block.family[i] = family;
    block.child[i] = latent[offset + i];
    block.bin[i] = latentBin(latent[offset + i]);
    if (i > 0 && !opens) codes[offset + i] = codes[offset + i - 1];
  }
  block.households = households;
}

function expected(c: Scenario['circumstances'][number], u: number, l: number, ratio: number): number {
  const lambda = c.loading;
  if (c.type === 'binary') {
    const threshold = normInv(Math.min(c.prevalence * ratio, MAX_GROUP_PREVALENCE)) * Math.sqrt(1 + lambda * lambda);
    return u < normCdfFast(threshold + lambda * l) ? 1 : 0;
  }
  const mean = c.prevalence * Math.exp((-lambda * lambda) / 2) * ratio;
  return Math.min(255, poissonDraw(u, mean * Math.exp(lambda * l)));
}

const cases = [
  { name: 'rare', prevalence: 0.002, loading: 1.3 },
  { name: 'common', prevalence: 0.2, loading: 0.8 },
  { name: 'very_common', prevalence: 0.7, loading: 1 },
  { name: 'capped', prevalence: 0.995, loading: 0.5 },
  { name: 'flat', prevalence: 0.05, loading: 0 },
  { name: 'steep', prevalence: 0.03, loading: 3 },
  { name: 'count_rare', type: 'count', prevalence: 0.08, loading: 1.2 },
  { name: 'count_common', type: 'count', prevalence: 0.9, loading: 0.6 },
  { name: 'count_many', type: 'count', prevalence: 6, loading: 0.4 },
  { name: 'count_flat', type: 'count', prevalence: 0.3, loading: 0 },
];

describe('circumstance kernels decide exactly as the plain definition', () => {
  const variants = cases.flatMap((c) => [
    { ...c, level: 'child' },
    { ...c, name: `${c.name}_household`, level: 'household' },
    { ...c, name: `${c.name}_ratio`, level: 'child', groupRatios: { area: { high: 1.7 } } },
    { ...c, name: `${c.name}_household_ratio`, level: 'household', groupRatios: { area: { high: 1.7 } } },
  ]);
  const scenario = scenarioWith(variants.map((v) => ({ domain: 'police', effect: 0.7, ...v })));
  const blocks = 8;
  const n = blocks * BLOCK - 5; // the last block is partial

  it.each(scenario.circumstances.map((c, k) => ({ k, name: c.name })))('$name', ({ k }) => {
    const c = scenario.circumstances[k];
    const latent = latentValues(n, 7 + k);
    const codes = new Uint8Array(n);
    const area = createRandom(9 + k).fork('area');
    for (let i = 0; i < n; i++) codes[i] = area.next() < 0.5 ? 1 : 0;
    const kernel = circumstanceKernel(c, createRandom(3).fork(`k:${c.name}`), scenario.population.groups);
    const uniforms = createRandom(3).fork(`k:${c.name}`);
    const out = new Uint8Array(n);
    const z = new Float64Array(n);
    const block = newBlock();
    block.groups = [{ attribute: 'area', levels: AREAS, codes }];
    block.z = z;
    let carried = 0;
    let mismatches = 0;
    for (let offset = 0, b = 0; offset < n; offset += BLOCK, b++) {
      const m = Math.min(BLOCK, n - offset);
      fillBlock(block, offset, m, latent, codes, 100 * k + b);
      kernel.draw(block, out);
      const shared = c.level === 'household';
      const u = uniforms.fill(new Float64Array(shared ? block.households : m));
      for (let i = 0, j = 0; i < m; i++) {
        const ratio = codes[offset + i] === 1 && c.groupRatios.area ? 1.7 : 1;
        let want: number;
        if (!shared) want = expected(c, u[i], latent[offset + i], ratio);
        else {
          if (block.first[i] === 1) carried = expected(c, u[j++], block.family[i], ratio);
          want = carried;
        }
        if (out[offset + i] !== want) mismatches++;
        if (z[offset + i] !== (want === 0 ? 0 : 0.7 * Math.min(want, COUNT_EFFECT_CAP))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    // The draws were not all zeros or all ones: the comparison means something.
    const ones = out.reduce((a, x) => a + (x > 0 ? 1 : 0), 0);
    expect(ones).toBeGreaterThan(0);
    expect(ones).toBeLessThan(n);
  });
});
