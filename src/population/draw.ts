import { categoricalFromCumulative, normal, poissonDraw, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import { circumstanceKernel, type CircumstanceKernel } from './circumstances.js';
import { groupCumulative } from './groups.js';
import { contactLevel } from './latent.js';
import { riskScoreInto } from './outcome.js';
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

/**
 * The truth of one cohort drawn in order, any number of children at a time.
 *
 * Every part has its own named stream (`households`, `groups/group:<a>`,
 * `age`, `latent/family`, `latent/child`, `circumstance:<name>`,
 * `outcome:unobserved`), and each stream is consumed child by child — or, for
 * household-level parts, at the first child of each household — carrying
 * over from one chunk to the next what the next child needs (the current
 * household, its size so far, its family factor, its shared levels and
 * circumstances). So the children drawn are the same whatever the chunk
 * sizes: `draw(n)` once, or `draw(1)` n times.
 */
export class TruthDrawer {
  private drawn = 0;
  private household = -1;
  private householdLeft = 0;
  private family = 0;
  private readonly householdStream: RandomSource;
  private readonly ageStream: RandomSource;
  private readonly familyNormal: () => number;
  private readonly childNormal: () => number;
  private readonly unobserved: () => number;
  private readonly groupStreams: { stream: RandomSource; cumulative: Float64Array; shared: boolean; code: number }[];
  private readonly kernels: CircumstanceKernel[];

  constructor(
    private readonly scenario: Scenario,
    stream: RandomSource,
  ) {
    this.householdStream = stream.fork('households');
    const groups = stream.fork('groups');
    this.groupStreams = scenario.population.groups.map((g) => ({
      stream: groups.fork(`group:${g.attribute}`),
      cumulative: groupCumulative(g.levels),
      shared: g.level !== 'child',
      code: 0,
    }));
    this.ageStream = stream.fork('age');
    const latent = stream.fork('latent');
    this.familyNormal = normal(latent.fork('family'));
    this.childNormal = normal(latent.fork('child'));
    this.kernels = scenario.circumstances.map((c) => circumstanceKernel(c, stream.fork(`circumstance:${c.name}`)));
    this.unobserved = normal(stream.fork('outcome:unobserved'));
  }

  /** Children drawn so far. */
  get count(): number {
    return this.drawn;
  }

  /** Draw the next `size` children. */
  draw(size: number): TruthChunk {
    const sc = this.scenario;
    const start = this.drawn;
    const household = new Int32Array(size);
    // first[i] = 1 when child i opens a new household: household-level draws happen there.
    const first = new Uint8Array(size);
    const family = new Float64Array(size);
    let households = 0;
    const nextHousehold = this.householdStream.next;
    const meanExtra = sc.population.householdSize - 1;
    for (let i = 0; i < size; i++) {
      if (this.householdLeft === 0) {
        this.household++;
        this.householdLeft = 1 + poissonDraw(nextHousehold(), meanExtra);
        this.family = this.familyNormal();
        first[i] = 1;
        households++;
      }
      this.householdLeft--;
      household[i] = this.household;
      family[i] = this.family;
    }
    const scratch = new Float64Array(size);
    const groups = sc.population.groups.map((g, j) => this.drawGroup(j, first, households, scratch, g.attribute, g.levels.map((l) => l.name)));
    const age = new Uint8Array(size);
    const { ageMin, ageMax } = sc.population;
    const span = ageMax - ageMin + 1;
    const ageU = this.ageStream.fill(scratch, size);
    for (let i = 0; i < size; i++) age[i] = ageMin + Math.floor(ageU[i] * span);
    const child = new Float64Array(size);
    const a = Math.sqrt(sc.population.familyCorrelation);
    const b = Math.sqrt(1 - sc.population.familyCorrelation);
    const zc = this.childNormal;
    for (let i = 0; i < size; i++) child[i] = a * family[i] + b * zc();
    const contact = contactLevel(sc.recording.contact, family, groups);
    const truth = this.kernels.map((k) => k.draw(first, households, family, child, groups, scratch));
    const z = new Float64Array(size);
    riskScoreInto(z, sc, truth, child, age, groups, this.unobserved);
    this.drawn += size;
    return { start, size, household, age, groups, truth, contact, z };
  }

  private drawGroup(j: number, first: Uint8Array, households: number, scratch: Float64Array, attribute: string, levels: string[]): GroupColumn {
    const g = this.groupStreams[j];
    const codes = new Uint8Array(first.length);
    const u = g.stream.fill(scratch, g.shared ? households : first.length);
    let code = g.code;
    for (let i = 0, k = 0; i < first.length; i++) {
      if (!g.shared || first[i] === 1) code = categoricalFromCumulative(u[k++], g.cumulative);
      codes[i] = code;
    }
    g.code = code;
    return { attribute, levels, codes };
  }
}
