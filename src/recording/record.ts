import { createRandom, streamState, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Population } from '../population/types.js';
import type { Records } from './types.js';
import { cellSpace, cellsInto, detectionRates, domainRates, type DomainRates } from './visibility.js';

/** The recording stream of one cohort: `root/recording/cohort:K`. */
export function recordingStream(scenario: Scenario, cohort: number): RandomSource {
  return createRandom(scenario.seed).fork('recording').fork(`cohort:${cohort}`);
}

/**
 * What agencies write down about a population.
 *
 * For a circumstance in domain d, a child in group cell g with agency-contact
 * level c (0–1):
 * - visibility v' = v + (1 − v)·boost·c, where v is the domain's visibility
 *   after group and drift multipliers and boost is `contact.visibilityBoost`;
 * - binary: recorded with probability v' if true, with the false-record rate
 *   f if not (so with boost 0 the recorded prevalence is v·p + f·(1 − p));
 * - count: each true episode recorded with probability v', plus one false
 *   record with probability f.
 *
 * The outcome: a true outcome is detected with d' = d + (1 − d)·detectionBoost·c;
 * a child without it is recorded with it at `outcome.falseRecordRate`.
 * Leakage: each recorded outcome creates, with `leakage.probability`, a
 * record in each leakage circumstance (a binary flag set, a count raised by
 * one) — records that mirror the label. `Records.leaked` marks the records
 * leakage created (a flag that was already set is not a new record).
 *
 * Every circumstance, the outcome and the leakage draw from their own streams.
 * `createRecorder` records a cohort chunk by chunk with the same streams.
 */
export function recordPopulation(scenario: Scenario, population: Population): Records {
  return createRecorder(scenario, population.cohort)(population);
}

const TWO_32 = 4294967296;
/** 2⁻³²: a 32-bit output times it is the stream's uniform (see `streamState`). */
const INV_TWO_32 = 1 / TWO_32;

/** Children recorded at a time (per-child rates and uniforms stay in the processor's cache). */
const BLOCK = 2048;

/**
 * A recorder for one cohort: call it on successive chunks of the cohort's
 * children, in order (a whole population is one chunk). Every stream is
 * consumed child by child and carries on from one chunk to the next, so the
 * records are the same whatever the chunk sizes. Inside a chunk, children
 * are recorded `BLOCK` at a time: each block's rates per domain first, then
 * every circumstance and the outcome.
 */
export function createRecorder(scenario: Scenario, cohort: number): (population: Population) => Records {
  const stream = recordingStream(scenario, cohort);
  const circumstanceStreams = scenario.circumstances.map((c) => stream.fork(`circumstance:${c.name}`));
  const outcomeStream = stream.fork('outcome');
  const leakage = stream.fork('leakage');
  const leakStreams = new Map(scenario.recording.outcome.leakage.circumstances.map((name) => [name, leakage.fork(`circumstance:${name}`)]));
  const domains = [...new Set(scenario.circumstances.map((c) => c.domain))];
  const domainOf = scenario.circumstances.map((c) => domains.indexOf(c.domain));
  const block: RecordingBlock = {
    m: 0,
    offset: 0,
    cell: new Uint32Array(BLOCK),
    visible: domains.map(() => new Float64Array(BLOCK)),
    rates: domains.map(() => new Float64Array(2 * BLOCK)),
    uniform: domains.map(() => null),
    contact: new Float64Array(0),
    boost: scenario.recording.contact.visibilityBoost,
    u: new Float64Array(BLOCK),
  };
  return (population) => {
    const n = population.size;
    const space = cellSpace(population.groups);
    const rates = domains.map((d) => domainRates(scenario, d, population.cohort, population.groups, space));
    const detection = detectionRates(scenario, population.cohort, population.groups, space);
    rates.forEach((r, d) => (block.uniform[d] = uniformRates(r)));
    const needCells = block.uniform.some((u) => u === null) || !detection.every((x) => x === detection[0]);
    block.contact = population.contact;
    const recorded = population.circumstances.map(() => new Uint8Array(n));
    const yRecorded = new Uint8Array(n);
    for (let offset = 0; offset < n; offset += BLOCK) {
      block.offset = offset;
      block.m = Math.min(BLOCK, n - offset);
      if (needCells) cellsInto(block.cell, population.groups, space.radix, offset, block.m);
      else block.cell.fill(0);
      rates.forEach((r, d) => block.uniform[d] === null && blockRates(block, r, d));
      population.circumstances.forEach((c, k) => {
        const d = domainOf[k];
        if (c.type === 'binary') recordBinary(block, population.truth[k], recorded[k], circumstanceStreams[k], d);
        else recordCount(block, population.truth[k], recorded[k], circumstanceStreams[k], d);
      });
      recordOutcome(block, scenario, population, detection, yRecorded, outcomeStream);
    }
    block.contact = new Float64Array(0);
    const leaked = applyLeakage(scenario, population, recorded, yRecorded, leakStreams);
    return {
      size: n,
      cohort: population.cohort,
      ids: population.ids,
      household: population.household,
      age: population.age,
      groups: population.groups,
      circumstances: population.circumstances,
      recorded,
      yRecorded,
      leaked,
    };
  };
}

/** The working arrays of one block of children (reused from block to block). */
interface RecordingBlock {
  m: number;
  offset: number;
  /** Each child's group cell. */
  readonly cell: Uint32Array;
  /** Per domain: each child's visibility after agency contact, v' = v + (1 − v)·boost·contact. */
  readonly visible: Float64Array[];
  /**
   * Per domain: each child's recording probability given the truth, at
   * `rates[2i + x]` for x = 0 (the false-record rate) or 1 (v') — a select
   * without a branch for binary circumstances.
   */
  readonly rates: Float64Array[];
  /**
   * Per domain: its rates when every group cell has the same ones (no group
   * or drift rule touches the domain) — then no per-child rates are made —
   * and null otherwise.
   */
  readonly uniform: ({ visibility: number; falseRecordRate: number } | null)[];
  /** The chunk's agency-contact levels, and the visibility boost at full contact. */
  contact: Float64Array;
  readonly boost: number;
  /** Uniforms (grown for counts: one per true episode plus one per child). */
  u: Float64Array;
}

/** The one pair of rates of a domain whose cells all share them, else null. */
function uniformRates(rates: DomainRates): { visibility: number; falseRecordRate: number } | null {
  const { visibility, falseRecordRate } = rates;
  for (let c = 1; c < visibility.length; c++) {
    if (visibility[c] !== visibility[0] || falseRecordRate[c] !== falseRecordRate[0]) return null;
  }
  return { visibility: visibility[0], falseRecordRate: falseRecordRate[0] };
}

/** Domain `d`'s rates for each child of the block (a domain whose rates differ by group cell). */
function blockRates(block: RecordingBlock, rates: DomainRates, d: number): void {
  const { m, offset, cell, contact, boost } = block;
  const visible = block.visible[d];
  const pair = block.rates[d];
  const { visibility, falseRecordRate } = rates;
  for (let i = 0; i < m; i++) {
    const c = cell[i];
    const v = visibility[c];
    const boosted = v + (1 - v) * (boost * contact[offset + i]);
    visible[i] = boosted;
    pair[2 * i] = falseRecordRate[c];
    pair[2 * i + 1] = boosted;
  }
}

/** A recorded binary circumstance: one uniform per child — recorded with v' if true, with the false-record rate if not. */
function recordBinary(block: RecordingBlock, truth: Uint8Array, out: Uint8Array, source: RandomSource, d: number): void {
  const { m, offset } = block;
  const uniform = block.uniform[d];
  // The stream's uniforms drawn in the loop (see `streamState`): one per child, in child order.
  const state = streamState(source);
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let e = state[3];
  if (uniform !== null) {
    // One domain-wide pair of rates: v' is needed only for the (few) children with the circumstance.
    const { visibility: v, falseRecordRate: f } = uniform;
    const { contact, boost } = block;
    // u < f compared on the 32-bit output: u = k·2⁻³² < f ⇔ k < f·2³² (exact), no conversion for most children.
    const f32 = f * TWO_32;
    for (let i = 0; i < m; i++) {
      const t = (((a + b) | 0) + e) | 0;
      e = (e + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      if (truth[offset + i] > 0) out[offset + i] = Math.ceil(v + (1 - v) * (boost * contact[offset + i]) - (t >>> 0) * INV_TWO_32);
      else out[offset + i] = (t >>> 0) < f32 ? 1 : 0;
    }
  } else {
    const pair = block.rates[d];
    // (x + 255) >> 8 is 1 for a present circumstance (x ≥ 1), 0 for x = 0; ⌈p − u⌉ is 1 when u < p,
    // else 0 (see binaryChildren in src/population/circumstances.ts): no branch on the truth or the draw.
    for (let i = 0; i < m; i++) {
      const t = (((a + b) | 0) + e) | 0;
      e = (e + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[offset + i] = Math.ceil(pair[2 * i + ((truth[offset + i] + 255) >> 8)] - (t >>> 0) * INV_TWO_32);
    }
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = e;
}

/**
 * A recorded count: each true episode recorded with v', then one false
 * record with the false-record rate — one uniform per true episode and one
 * per child, consumed in child order.
 */
function recordCount(block: RecordingBlock, truth: Uint8Array, out: Uint8Array, source: RandomSource, d: number): void {
  const { m, offset, contact, boost } = block;
  const uniform = block.uniform[d];
  const visible = block.visible[d];
  const pair = block.rates[d];
  // The stream's uniforms drawn in the loop (see `streamState`): x + 1 per child, in child order.
  const state = streamState(source);
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let e = state[3];
  for (let i = 0; i < m; i++) {
    const x = truth[offset + i];
    const falseRate = uniform === null ? pair[2 * i] : uniform.falseRecordRate;
    const vis = x === 0 ? 0 : uniform === null ? visible[i] : uniform.visibility + (1 - uniform.visibility) * (boost * contact[offset + i]);
    let r = 0;
    // Draws 0 … x − 1 record the true episodes (each with v'), draw x a false record.
    for (let k = 0; k <= x; k++) {
      const t = (((a + b) | 0) + e) | 0;
      e = (e + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      if ((t >>> 0) * INV_TWO_32 < (k < x ? vis : falseRate)) r++;
    }
    out[offset + i] = Math.min(255, r);
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = e;
}

/**
 * The recorded outcome: a true outcome detected with d' = d + (1 − d)·boost·contact
 * (d by group cell), a child without it recorded at the false-record rate.
 * One uniform per child.
 */
function recordOutcome(
  block: RecordingBlock,
  scenario: Scenario,
  population: Population,
  detection: Float64Array,
  out: Uint8Array,
  source: RandomSource,
): void {
  const o = scenario.recording.outcome;
  const { m, offset, cell } = block;
  const u = source.fill(block.u, m);
  const { yTrue, contact } = population;
  const boost = o.detectionContactBoost;
  const falseRate = o.falseRecordRate;
  for (let i = 0; i < m; i++) {
    if (yTrue[offset + i] === 1) {
      const d = detection[cell[i]];
      out[offset + i] = u[i] < d + (1 - d) * boost * contact[offset + i] ? 1 : 0;
    } else {
      out[offset + i] = u[i] < falseRate ? 1 : 0;
    }
  }
}

/** Apply leakage to `recorded` in place; returns the marks of the records it created (see `Records.leaked`). */
function applyLeakage(
  scenario: Scenario,
  population: Population,
  recorded: Uint8Array[],
  yRecorded: Uint8Array,
  streams: ReadonlyMap<string, RandomSource>,
): (Uint8Array | null)[] {
  const leaked: (Uint8Array | null)[] = population.circumstances.map(() => null);
  const leak = scenario.recording.outcome.leakage;
  if (leak.probability === 0) return leaked;
  for (const name of leak.circumstances) {
    const k = population.circumstances.findIndex((c) => c.name === name);
    const column = recorded[k];
    const mark = (leaked[k] ??= new Uint8Array(population.size));
    const binary = population.circumstances[k].type === 'binary';
    const s = streams.get(name)!;
    for (let i = 0; i < population.size; i++) {
      if (yRecorded[i] === 1 && s.next() < leak.probability) {
        const before = column[i];
        column[i] = binary ? 1 : Math.min(255, before + 1);
        if (column[i] !== before) mark[i] = 1;
      }
    }
  }
  return leaked;
}
