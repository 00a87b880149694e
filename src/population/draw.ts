import { categoricalFromCumulative, zigguratNormals, type NormalSource, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { BLOCK, latentBin, newBlock, type Block } from './block.js';
import { circumstanceKernel, type CircumstanceKernel } from './circumstances.js';
import { groupCumulative } from './groups.js';
import { contactLevels } from './latent.js';
import { riskScoreStart } from './outcome.js';
import type { GroupColumn } from './types.js';

/** The truth of children [start, start + size) of a cohort, before pTrue and yTrue. */
export interface TruthChunk {
  readonly start: number;
  readonly size: number;
  /** 0-based household of each child within the cohort (ids are offset later). */
  readonly household: Int32Array;
  readonly age: Uint8Array;
  readonly groups: GroupColumn[];
  readonly truth: Uint8Array[];
  readonly contact: Float64Array;
  /** The unscaled true-risk score (src/population/outcome.ts). */
  readonly z: Float64Array;
}

/** One group attribute's stream and the level carried to the next sibling. */
interface GroupStream {
  readonly stream: RandomSource;
  readonly cumulative: Float64Array;
  readonly shared: boolean;
  code: number;
}

/**
 * The truth of one cohort drawn in order, any number of children at a time.
 *
 * Every part has its own named stream (`households`, `groups/group:<a>`,
 * `age`, `latent/family`, `latent/child`, `circumstance:<name>`,
 * `outcome:unobserved`), and each stream is consumed child by child — or, for
 * household-level parts, at the first child of each household — carrying
 * over from one chunk to the next what the next child needs (the current
 * household, its size so far, its family factor, its shared levels and
 * circumstances, a normal pair's second value). So the children drawn are
 * the same whatever the chunk sizes: `draw(n)` once, or `draw(1)` n times.
 *
 * Inside `draw`, children are drawn `BLOCK` at a time, every part of a block
 * before the next block (src/population/block.ts). The normals (F, V's own
 * part and U) come from the ziggurat (src/random/ziggurat.ts); household
 * sizes from a Poisson CDF table; circumstances from the kernels of
 * src/population/circumstances.ts, which add their effects to z as they go.
 */
export class TruthDrawer {
  private drawn = 0;
  private household = -1;
  private householdLeft = 0;
  private family = 0;
  private readonly householdStream: RandomSource;
  /** P(extra children ≤ k), for the household sizes 1 + Poisson(householdSize − 1). */
  private readonly householdCdf: Float64Array;
  private readonly ageStream: RandomSource;
  private readonly familyNormal: () => number;
  private readonly childNormal: NormalSource;
  private readonly groupStreams: GroupStream[];
  private readonly kernels: CircumstanceKernel[];
  private readonly contact: ReturnType<typeof contactLevels>;
  private readonly riskScore: ReturnType<typeof riskScoreStart>;
  private readonly block: Block = newBlock();

  constructor(
    private readonly scenario: Scenario,
    stream: RandomSource,
  ) {
    const { population } = scenario;
    this.householdStream = stream.fork('households');
    this.householdCdf = poissonCdf(population.householdSize - 1);
    const groups = stream.fork('groups');
    this.groupStreams = population.groups.map((g) => ({
      stream: groups.fork(`group:${g.attribute}`),
      cumulative: groupCumulative(g.levels),
      shared: g.level !== 'child',
      code: 0,
    }));
    this.ageStream = stream.fork('age');
    const latent = stream.fork('latent');
    this.familyNormal = zigguratNormals(latent.fork('family')).next;
    this.childNormal = zigguratNormals(latent.fork('child'));
    this.kernels = scenario.circumstances.map((c) => circumstanceKernel(c, stream.fork(`circumstance:${c.name}`), population.groups));
    this.riskScore = riskScoreStart(scenario, zigguratNormals(stream.fork('outcome:unobserved')));
    this.contact = contactLevels(scenario.recording.contact, population.groups);
  }

  /** Children drawn so far. */
  get count(): number {
    return this.drawn;
  }

  /**
   * Draw the next `size` children. With `reuse`, the columns are views of
   * arrays this drawer keeps and overwrites at the next reusing call (for a
   * pass that only reads the chunk before drawing the next one, such as
   * CohortStream's first pass over the scores).
   */
  draw(size: number, reuse = false): TruthChunk {
    const start = this.drawn;
    const { household, age, groups, truth, contact, z } = reuse ? this.reusable(size) : this.columns(size);
    const block = this.block;
    block.groups = groups;
    block.z = z;
    for (let offset = 0; offset < size; offset += BLOCK) {
      block.offset = offset;
      block.m = Math.min(BLOCK, size - offset);
      this.households(household);
      for (let g = 0; g < groups.length; g++) this.drawGroup(this.groupStreams[g], groups[g].codes);
      this.ages(age);
      this.children();
      this.contact(block, contact);
      this.riskScore(block, age);
      for (let k = 0; k < this.kernels.length; k++) this.kernels[k].draw(block, truth[k]);
    }
    block.groups = [];
    block.z = new Float64Array(0);
    this.drawn += size;
    return { start, size, household, age, groups, truth, contact, z };
  }

  /** New columns for `size` children. */
  private columns(size: number): Omit<TruthChunk, 'start' | 'size'> {
    return {
      household: new Int32Array(size),
      age: new Uint8Array(size),
      groups: this.scenario.population.groups.map((g) => ({ attribute: g.attribute, levels: g.levels.map((l) => l.name), codes: new Uint8Array(size) })),
      truth: this.kernels.map(() => new Uint8Array(size)),
      contact: new Float64Array(size),
      z: new Float64Array(size),
    };
  }

  private kept: Omit<TruthChunk, 'start' | 'size'> | null = null;

  /** Views of `size` children on columns kept from one reusing call to the next. */
  private reusable(size: number): Omit<TruthChunk, 'start' | 'size'> {
    if (this.kept === null || this.kept.z.length < size) this.kept = this.columns(size);
    const k = this.kept;
    return {
      household: k.household.subarray(0, size),
      age: k.age.subarray(0, size),
      groups: k.groups.map((g) => ({ ...g, codes: g.codes.subarray(0, size) })),
      truth: k.truth.map((t) => t.subarray(0, size)),
      contact: k.contact.subarray(0, size),
      z: k.z.subarray(0, size),
    };
  }

  /** Households: a new one (size 1 + Poisson, family factor F) when the last is full. */
  private households(household: Int32Array): void {
    const { m, offset, first, family, opener, familyBin, home } = this.block;
    const next = this.householdStream.next;
    const cdf = this.householdCdf;
    let households = 0;
    for (let i = 0; i < m; i++) {
      if (this.householdLeft === 0) {
        this.household++;
        this.householdLeft = 1 + poissonFromCdf(next(), cdf);
        this.family = this.familyNormal();
        first[i] = 1;
        opener[households] = i;
        familyBin[households++] = latentBin(this.family);
      } else first[i] = 0;
      this.householdLeft--;
      household[offset + i] = this.household;
      family[i] = this.family;
      home[i] = households;
    }
    this.block.households = households;
  }

  /** One group attribute: a level per child, or per household (siblings share it). */
  private drawGroup(g: GroupStream, codes: Uint8Array): void {
    const { m, offset, households, values, home } = this.block;
    if (!g.shared) {
      const u = g.stream.fill(this.block.u, m);
      levelsInto(codes, offset, u, m, g.cumulative);
      return;
    }
    const u = g.stream.fill(this.block.u, households);
    values[0] = g.code;
    levelsInto(values, 1, u, households, g.cumulative);
    for (let i = 0; i < m; i++) codes[offset + i] = values[home[i]];
    g.code = values[households];
  }

  /** Ages, uniform over the whole years ageMin … ageMax. */
  private ages(age: Uint8Array): void {
    const { m, offset } = this.block;
    const { ageMin, ageMax } = this.scenario.population;
    const span = ageMax - ageMin + 1;
    const u = this.ageStream.fill(this.block.u, m);
    for (let i = 0; i < m; i++) age[offset + i] = ageMin + Math.floor(u[i] * span);
  }

  /** The child factor V = √ρ·F + √(1 − ρ)·ε. */
  private children(): void {
    const { m, family, child } = this.block;
    const rho = this.scenario.population.familyCorrelation;
    const a = Math.sqrt(rho);
    const b = Math.sqrt(1 - rho);
    const e = this.childNormal.fill(this.block.u, m);
    const bin = this.block.bin;
    for (let i = 0; i < m; i++) {
      const v = a * family[i] + b * e[i];
      child[i] = v;
      bin[i] = latentBin(v);
    }
  }
}

/**
 * out[offset + i] = the level `categoricalFromCumulative(u[i], cumulative)`
 * gives, for i < m. Two levels whose shares sum to at most 1 (so that
 * cumulative[0] − target > −1): 1 − ⌈cumulative[0] − target⌉, which is 0
 * exactly when target < cumulative[0], without a branch on the draw.
 */
function levelsInto(out: Uint8Array | Float64Array, offset: number, u: Float64Array, m: number, cumulative: Float64Array): void {
  const total = cumulative[cumulative.length - 1];
  if (cumulative.length === 2 && total <= 1) {
    const first = cumulative[0];
    for (let i = 0; i < m; i++) out[offset + i] = 1 - Math.ceil(first - u[i] * total);
    return;
  }
  for (let i = 0; i < m; i++) out[offset + i] = categoricalFromCumulative(u[i], cumulative);
}

/**
 * P(X ≤ k) for X ~ Poisson(mean), k = 0 … 1000, accumulated exactly as
 * `poissonDraw` accumulates it, so `poissonFromCdf(u, poissonCdf(mean))`
 * equals `poissonDraw(u, mean)` without an exponential per draw.
 */
function poissonCdf(mean: number): Float64Array {
  const cdf = new Float64Array(1001);
  if (mean <= 0) return cdf.fill(1);
  let p = Math.exp(-mean);
  cdf[0] = p;
  for (let k = 1; k <= 1000; k++) {
    p *= mean / k;
    cdf[k] = cdf[k - 1] + p;
  }
  return cdf;
}

/** The smallest k with u ≤ cdf[k] (1000 at most), as `poissonDraw`'s sequential inversion. */
function poissonFromCdf(u: number, cdf: Float64Array): number {
  let k = 0;
  while (k < 1000 && u > cdf[k]) k++;
  return k;
}
