import { createRandom, type RandomSource } from '../random/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Population } from '../population/types.js';
import type { Records } from './types.js';
import { detectionRates, domainRates, groupCells } from './visibility.js';

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

/**
 * A recorder for one cohort: call it on successive chunks of the cohort's
 * children, in order (a whole population is one chunk). Every stream is
 * consumed child by child and carries on from one chunk to the next, so the
 * records are the same whatever the chunk sizes.
 */
export function createRecorder(scenario: Scenario, cohort: number): (population: Population) => Records {
  const stream = recordingStream(scenario, cohort);
  const boost = scenario.recording.contact.visibilityBoost;
  const circumstanceStreams = scenario.circumstances.map((c) => stream.fork(`circumstance:${c.name}`));
  const outcomeStream = stream.fork('outcome');
  const leakage = stream.fork('leakage');
  const leakStreams = new Map(scenario.recording.outcome.leakage.circumstances.map((name) => [name, leakage.fork(`circumstance:${name}`)]));
  return (population) => {
    const n = population.size;
    const cells = groupCells(population.groups, n);
    const scratch = { buffer: new Float64Array(n) };
    const boosted = new Float64Array(n);
    for (let i = 0; i < n; i++) boosted[i] = boost * population.contact[i];
    const rateCache = new Map<string, ReturnType<typeof domainRates>>();
    const recorded = population.circumstances.map((c, k) => {
      let rates = rateCache.get(c.domain);
      if (!rates) {
        rates = domainRates(scenario, c.domain, population.cohort, population.groups, cells);
        rateCache.set(c.domain, rates);
      }
      return recordCircumstance(population.truth[k], c.type, rates, boosted, circumstanceStreams[k], scratch);
    });
    const yRecorded = recordOutcome(scenario, population, cells, outcomeStream, scratch);
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

/**
 * One recorded circumstance. Binary: one uniform per child. Count: one per
 * true episode, then one for a false record — drawn a chunk at a time
 * (Σ episodes + n uniforms), consumed in child order.
 */
function recordCircumstance(
  truth: Uint8Array,
  type: 'binary' | 'count',
  rates: ReturnType<typeof domainRates>,
  boosted: Float64Array,
  source: RandomSource,
  scratch: { buffer: Float64Array },
): Uint8Array {
  const n = truth.length;
  const out = new Uint8Array(n);
  const { cell, visibility, falseRecordRate } = rates;
  if (type === 'binary') {
    const u = source.fill(uniforms(scratch, n), n);
    for (let i = 0; i < n; i++) {
      const c = cell[i];
      const v = visibility[c];
      const p = truth[i] > 0 ? v + (1 - v) * boosted[i] : falseRecordRate[c];
      out[i] = u[i] < p ? 1 : 0;
    }
    return out;
  }
  let episodes = 0;
  for (let i = 0; i < n; i++) episodes += truth[i];
  const u = source.fill(uniforms(scratch, episodes + n), episodes + n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = cell[i];
    const x = truth[i];
    let r = 0;
    if (x > 0) {
      const v = visibility[c];
      const vis = v + (1 - v) * boosted[i];
      for (let e = 0; e < x; e++) if (u[j++] < vis) r++;
    }
    if (u[j++] < falseRecordRate[c]) r++;
    out[i] = Math.min(255, r);
  }
  return out;
}

/** A scratch buffer of at least `m` numbers (grown when needed). */
function uniforms(scratch: { buffer: Float64Array }, m: number): Float64Array {
  if (scratch.buffer.length < m) scratch.buffer = new Float64Array(Math.max(m, 2 * scratch.buffer.length));
  return scratch.buffer;
}

function recordOutcome(
  scenario: Scenario,
  population: Population,
  cells: ReturnType<typeof groupCells>,
  source: RandomSource,
  scratch: { buffer: Float64Array },
): Uint8Array {
  const o = scenario.recording.outcome;
  const detection = detectionRates(scenario, population.cohort, population.groups, cells);
  const n = population.size;
  const out = new Uint8Array(n);
  const u = source.fill(uniforms(scratch, n), n);
  const { yTrue, contact } = population;
  const boost = o.detectionContactBoost;
  const falseRate = o.falseRecordRate;
  for (let i = 0; i < n; i++) {
    if (yTrue[i] === 1) {
      const d = detection[cells.cell[i]];
      out[i] = u[i] < d + (1 - d) * boost * contact[i] ? 1 : 0;
    } else {
      out[i] = u[i] < falseRate ? 1 : 0;
    }
  }
  return out;
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
