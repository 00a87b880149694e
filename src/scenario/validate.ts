import type { z } from 'zod';
import { RisklabError, cliMessages, messages } from '../messages.js';
import { DOMAINS } from './catalogue.js';
import { cohortBaseRate } from '../population/cohort-rate.js';
import { RESERVED_COLUMNS, UNSAFE_NAMES, isReservedAttribute, isUnsafeName } from './reserved.js';
import { DEFAULT_DOMAIN_RECORDING, scenarioSchema, type ParsedScenario } from './schema.js';
import type { Domain } from '../population/types.js';

type Circumstance = ParsedScenario['circumstances'][number];

/**
 * A fully resolved scenario: every default filled in, circumstance overrides
 * applied, every domain's recording present. This is what `config.json`
 * stores and what the config hash is computed from.
 */
export type Scenario = Omit<ParsedScenario, 'circumstanceOverrides' | 'recording'> & {
  circumstanceOverrides: Record<string, never>;
  recording: Omit<ParsedScenario['recording'], 'domains'> & {
    domains: Record<Domain, { visibility: number; falseRecordRate: number }>;
  };
};

/** `population.groups[0].levels` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = { object: 'an object { … }', array: 'a list [ … ]', string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', record: 'an object { … }' };

/**
 * What was expected, in words: the schema's own `error` text, or — where a
 * schema gives none and zod falls back on its default English ("Invalid
 * input: expected object, received null") — words built from the issue.
 */
function expectedWords(issue: z.core.$ZodIssue): string {
  if (!/^(Invalid input|Too small|Too big|Invalid option)\b/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return TYPE_WORDS[issue.expected] ?? `a value of type ${issue.expected}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    const cmp = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
    if (issue.origin === 'string') return issue.code === 'too_small' && Number(bound) === 1 ? 'a non-empty string' : `a string of length ${cmp} ${bound}`;
    if (issue.origin === 'array' || issue.origin === 'set') return `a list with ${cmp} ${bound} entries`;
    return `a number ${cmp} ${bound}`;
  }
  return issue.message.replace(/^Invalid option: expected one of /, 'one of ');
}

/** One zod issue → one line naming the field, the value and what was expected. */
export function formatIssue(issue: z.core.$ZodIssue & { input?: unknown }): string {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') return messages.unknownKey(field, issue.keys[0]);
  if (issue.input === undefined) return messages.required(field, expectedWords(issue));
  return messages.invalid(field || 'scenario', expectedWords(issue), issue.input);
}

function fail(message: string, field?: string): never {
  throw new RisklabError(message, field);
}

/**
 * Parse and resolve a scenario from plain data (already read from JSON).
 * Throws `RisklabError` with a one-line message on the first problem.
 *
 * @example
 * resolveScenario({ seed: 1, outcome: { baseRate: 0.01 } }).population.size; // 10000
 */
export function resolveScenario(input: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(formatIssue(issue), formatPath(issue.path));
  }
  const s = parsed.data;
  checkPopulation(s);
  const circumstances = applyOverrides(s.circumstances, s.circumstanceOverrides);
  checkCircumstances(s, circumstances);
  checkRecording(s, circumstances);
  const domains = {} as Record<Domain, { visibility: number; falseRecordRate: number }>;
  for (const d of DOMAINS) domains[d] = { ...DEFAULT_DOMAIN_RECORDING[d], ...(s.recording.domains[d] ?? {}) };
  return {
    ...s,
    circumstances,
    circumstanceOverrides: {},
    recording: { ...s.recording, domains },
  };
}

function checkPopulation(s: ParsedScenario): void {
  const p = s.population;
  if (p.ageMin > p.ageMax) fail(messages.invalid('population.ageMax', `≥ population.ageMin (${p.ageMin})`, p.ageMax));
  const seen = new Set<string>();
  p.groups.forEach((g, i) => {
    const f = `population.groups[${i}]`;
    if (isReservedAttribute(g.attribute)) fail(cliMessages.reservedAttribute(`${f}.attribute`, g.attribute, RESERVED_COLUMNS), `${f}.attribute`);
    if (isUnsafeName(g.attribute)) fail(cliMessages.unsafeName(`${f}.attribute`, g.attribute, UNSAFE_NAMES), `${f}.attribute`);
    if (seen.has(g.attribute)) fail(messages.invalid(`${f}.attribute`, 'a name not used by another attribute', g.attribute));
    seen.add(g.attribute);
    if (g.levels.length > 255) fail(messages.invalid(`${f}.levels`, 'at most 255 levels', g.levels.length));
    const names = new Set(g.levels.map((l) => l.name));
    if (names.size !== g.levels.length) fail(messages.invalid(`${f}.levels`, 'levels with distinct names', g.levels.map((l) => l.name)));
    g.levels.forEach((l, j) => {
      if (isUnsafeName(l.name)) fail(cliMessages.unsafeName(`${f}.levels[${j}].name`, l.name, UNSAFE_NAMES), `${f}.levels[${j}].name`);
    });
    const total = g.levels.reduce((a, l) => a + l.share, 0);
    if (Math.abs(total - 1) > 1e-6) fail(messages.sharesSum(`${f}.levels[].share`, total));
  });
}

function applyOverrides(list: Circumstance[], overrides: ParsedScenario['circumstanceOverrides']): Circumstance[] {
  const byName = new Map(list.map((c) => [c.name, c]));
  for (const key of Object.keys(overrides)) {
    if (!byName.has(key)) fail(messages.unknownName('circumstanceOverrides key', key, [...byName.keys()]), `circumstanceOverrides.${key}`);
  }
  return list.map((c) => {
    const o = overrides[c.name];
    const merged = o ? { ...c, ...stripUndefined(o) } : { ...c };
    if (!merged.label) merged.label = merged.name.replace(/_/g, ' ');
    return merged;
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Check that `attribute → level → x` maps name real groups. */
function checkGroupMap(s: ParsedScenario, field: string, map: Record<string, Record<string, number>>): void {
  for (const [attribute, levels] of Object.entries(map)) {
    const g = s.population.groups.find((x) => x.attribute === attribute);
    if (!g) fail(messages.unknownName(`${field} attribute`, attribute, s.population.groups.map((x) => x.attribute)), field);
    for (const level of Object.keys(levels)) {
      if (!g.levels.some((l) => l.name === level)) {
        fail(messages.unknownName(`${field}.${attribute} level`, level, g.levels.map((l) => l.name)), field);
      }
    }
  }
}

function checkGroupRef(s: ParsedScenario, field: string, attribute: string | undefined, level: string | undefined): void {
  if (attribute === undefined && level === undefined) return;
  if (attribute === undefined || level === undefined) fail(messages.invalid(field, 'both attribute and level, or neither', { attribute, level }));
  checkGroupMap(s, field, { [attribute]: { [level]: 1 } });
}

const NAME_RE = /^[a-z][a-z0-9_]*$/;

function checkCircumstances(s: ParsedScenario, list: Circumstance[]): void {
  const names = new Set<string>();
  list.forEach((c, i) => {
    const f = `circumstances[${i}]`;
    if (!NAME_RE.test(c.name)) fail(messages.invalid(`${f}.name`, 'snake_case (a–z, 0–9, _; starting with a letter)', c.name));
    if (names.has(c.name)) fail(messages.invalid(`${f}.name`, 'a name not used by another circumstance', c.name));
    names.add(c.name);
    if (c.type === 'binary' && c.prevalence >= 1) fail(messages.invalid(`${f}.prevalence`, 'a number in [0, 1) for a binary circumstance', c.prevalence));
    if (c.type === 'count' && c.prevalence > 20) fail(messages.invalid(`${f}.prevalence`, 'a mean count in [0, 20]', c.prevalence));
    checkGroupMap(s, `${f}.groupRatios`, c.groupRatios);
    for (const levels of Object.values(c.groupRatios)) {
      for (const [level, r] of Object.entries(levels)) {
        if (!(r > 0)) fail(messages.invalid(`${f}.groupRatios.${level}`, 'a positive multiplier', r));
      }
    }
  });
  if (list.length > 200) fail(messages.invalid('circumstances', 'at most 200 circumstances', list.length));
  checkGroupMap(s, 'outcome.groupEffects', s.outcome.groupEffects);
}

function checkRecording(s: ParsedScenario, list: Circumstance[]): void {
  const r = s.recording;
  r.groups.forEach((g, i) => checkGroupRef(s, `recording.groups[${i}]`, g.attribute, g.level));
  checkGroupMap(s, 'recording.contact.groupShift', r.contact.groupShift);
  checkGroupMap(s, 'recording.outcome.detectionByGroup', r.outcome.detectionByGroup);
  const names = list.map((c) => c.name);
  if (r.outcome.leakage.probability > 0 && r.outcome.leakage.circumstances.length === 0) {
    fail(messages.invalid('recording.outcome.leakage.circumstances', 'at least one circumstance when leakage.probability > 0', []));
  }
  r.outcome.leakage.circumstances.forEach((name, i) => {
    if (!names.includes(name)) fail(messages.unknownName(`recording.outcome.leakage.circumstances[${i}]`, name, names));
  });
  s.cohorts.drift.forEach((d, i) => {
    const f = `cohorts.drift[${i}]`;
    if (d.fromCohort > s.cohorts.count) fail(messages.invalid(`${f}.fromCohort`, `a cohort in [2, ${s.cohorts.count}] (cohorts.count)`, d.fromCohort));
    checkGroupRef(s, f, d.attribute, d.level);
    if (d.baseRateMultiplier !== 1 && d.attribute !== undefined) {
      fail(messages.invalid(`${f}.baseRateMultiplier`, '1 when the drift names a group (a change of base rate applies to everyone)', d.baseRateMultiplier));
    }
  });
  for (let k = 2; k <= s.cohorts.count; k++) {
    const rate = cohortBaseRate(s.outcome.baseRate, s.cohorts.drift, k);
    if (!(rate < 1)) fail(messages.invalid('cohorts.drift[].baseRateMultiplier', `multipliers that keep cohort ${k}'s base rate below 1`, rate));
  }
}
