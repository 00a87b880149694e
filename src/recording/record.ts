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
 */
export function recordPopulation(scenario: Scenario, population: Population): Records {
  const n = population.size;
  const stream = recordingStream(scenario, population.cohort);
  const cells = groupCells(population.groups, n);
  const boost = scenario.recording.contact.visibilityBoost;
  const contact = population.contact;
  const rateCache = new Map<string, ReturnType<typeof domainRates>>();
  const recorded = population.circumstances.map((c, k) => {
    let rates = rateCache.get(c.domain);
    if (!rates) {
      rates = domainRates(scenario, c.domain, population.cohort, population.groups, cells);
      rateCache.set(c.domain, rates);
    }
    return recordCircumstance(population.truth[k], c.type, rates, contact, boost, stream.fork(`circumstance:${c.name}`));
  });
  const yRecorded = recordOutcome(scenario, population, cells, stream.fork('outcome'));
  const leaked = applyLeakage(scenario, population, recorded, yRecorded, stream.fork('leakage'));
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
}

function recordCircumstance(
  truth: Uint8Array,
  type: 'binary' | 'count',
  rates: ReturnType<typeof domainRates>,
  contact: Float64Array,
  boost: number,
  source: RandomSource,
): Uint8Array {
  const n = truth.length;
  const out = new Uint8Array(n);
  const { cell, visibility, falseRecordRate } = rates;
  const next = source.next;
  if (type === 'binary') {
    for (let i = 0; i < n; i++) {
      const c = cell[i];
      let p: number;
      if (truth[i] > 0) {
        const v = visibility[c];
        p = v + (1 - v) * boost * contact[i];
      } else p = falseRecordRate[c];
      out[i] = next() < p ? 1 : 0;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const c = cell[i];
    const x = truth[i];
    let r = 0;
    if (x > 0) {
      const v = visibility[c];
      const vis = v + (1 - v) * boost * contact[i];
      for (let e = 0; e < x; e++) if (next() < vis) r++;
    }
    if (next() < falseRecordRate[c]) r++;
    out[i] = Math.min(255, r);
  }
  return out;
}

function recordOutcome(
  scenario: Scenario,
  population: Population,
  cells: ReturnType<typeof groupCells>,
  source: RandomSource,
): Uint8Array {
  const o = scenario.recording.outcome;
  const detection = detectionRates(scenario, population.cohort, population.groups, cells);
  const out = new Uint8Array(population.size);
  for (let i = 0; i < population.size; i++) {
    const u = source.next();
    if (population.yTrue[i] === 1) {
      const d = detection[cells.cell[i]];
      out[i] = u < d + (1 - d) * o.detectionContactBoost * population.contact[i] ? 1 : 0;
    } else {
      out[i] = u < o.falseRecordRate ? 1 : 0;
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
  source: RandomSource,
): (Uint8Array | null)[] {
  const leaked: (Uint8Array | null)[] = population.circumstances.map(() => null);
  const leak = scenario.recording.outcome.leakage;
  if (leak.probability === 0) return leaked;
  for (const name of leak.circumstances) {
    const k = population.circumstances.findIndex((c) => c.name === name);
    const column = recorded[k];
    const mark = (leaked[k] ??= new Uint8Array(population.size));
    const binary = population.circumstances[k].type === 'binary';
    const s = source.fork(`circumstance:${name}`);
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
