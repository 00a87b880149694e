import type { Scenario } from '../scenario/index.js';
import type { Domain, GroupColumn } from '../population/types.js';

/**
 * The recording rates one domain applies in each group cell, before agency
 * contact: visibility (P(recorded | true)) and false-record rate
 * (P(recorded | not true)), both after group multipliers and cohort drift,
 * capped at 1.
 *
 * Rates depend on the child only through its group levels, so they are held
 * per combination of levels ("cell", `groupCells`) rather than per child.
 */
export interface DomainRates {
  readonly visibility: Float64Array;
  readonly falseRecordRate: Float64Array;
}

/** The combinations of group levels: how many, and a cell's level of attribute g. */
export interface CellSpace {
  readonly count: number;
  readonly levelOf: (cell: number, g: number) => number;
}

/** The cells of these group attributes (mixed radix, last attribute fastest). */
export function cellSpace(groups: readonly GroupColumn[]): CellSpace & { radix: number[] } {
  const radix = groups.map((g) => g.levels.length);
  const count = radix.reduce((a, r) => a * r, 1);
  const levelOf = (c: number, g: number): number => {
    let rest = c;
    for (let h = groups.length - 1; h > g; h--) rest = Math.floor(rest / radix[h]);
    return rest % radix[g];
  };
  return { count, levelOf, radix };
}

/** `out[i]` = the cell of child `offset + i` (i < m). */
export function cellsInto(out: Uint32Array, groups: readonly GroupColumn[], radix: readonly number[], offset: number, m: number): void {
  out.fill(0, 0, m);
  for (let g = 0; g < groups.length; g++) {
    const codes = groups[g].codes;
    const r = radix[g];
    for (let i = 0; i < m; i++) out[i] = out[i] * r + codes[offset + i];
  }
}

/** Index every child by its combination of group levels (mixed radix). */
export function groupCells(groups: readonly GroupColumn[], n: number): CellSpace & { cell: Uint32Array } {
  const space = cellSpace(groups);
  const cell = new Uint32Array(n);
  cellsInto(cell, groups, space.radix, 0, n);
  return { cell, count: space.count, levelOf: space.levelOf };
}

/**
 * Does a group rule (attribute/level, optional domain list) apply to this
 * cell, and to `domain` (null: a rule about the outcome, where domains do not
 * matter)?
 */
function applies(
  rule: { attribute?: string; level?: string; domains?: readonly Domain[] },
  domain: Domain | null,
  groups: readonly GroupColumn[],
  levelOf: (cell: number, g: number) => number,
  cell: number,
): boolean {
  if (domain !== null && rule.domains && !rule.domains.includes(domain)) return false;
  if (rule.attribute === undefined) return true;
  const g = groups.findIndex((x) => x.attribute === rule.attribute);
  return g >= 0 && groups[g].levels[levelOf(cell, g)] === rule.level;
}

/**
 * Visibility and false-record rate for `domain` in every group cell of
 * `cohort`: the domain's rates × every matching `recording.groups` multiplier
 * × every matching drift multiplier in force for the cohort, capped at 1.
 */
export function domainRates(
  scenario: Scenario,
  domain: Domain,
  cohort: number,
  groups: readonly GroupColumn[],
  cells: CellSpace,
): DomainRates {
  const base = scenario.recording.domains[domain];
  const visibility = new Float64Array(cells.count);
  const falseRecordRate = new Float64Array(cells.count);
  for (let c = 0; c < cells.count; c++) {
    let v = base.visibility;
    let f = base.falseRecordRate;
    for (const rule of scenario.recording.groups) {
      if (!applies(rule, domain, groups, cells.levelOf, c)) continue;
      v *= rule.visibilityMultiplier;
      f *= rule.falseRecordMultiplier;
    }
    for (const d of scenario.cohorts.drift) {
      if (cohort >= d.fromCohort && applies(d, domain, groups, cells.levelOf, c)) v *= d.visibilityMultiplier;
    }
    visibility[c] = Math.min(1, v);
    falseRecordRate[c] = Math.min(1, f);
  }
  return { visibility, falseRecordRate };
}

/**
 * Outcome detection per group cell for `cohort`: `detection` × matching
 * `detectionByGroup` multipliers × drift detection multipliers, capped at 1.
 */
export function detectionRates(
  scenario: Scenario,
  cohort: number,
  groups: readonly GroupColumn[],
  cells: CellSpace,
): Float64Array {
  const o = scenario.recording.outcome;
  const out = new Float64Array(cells.count);
  for (let c = 0; c < cells.count; c++) {
    let d = o.detection;
    groups.forEach((g, gi) => {
      const m = o.detectionByGroup[g.attribute]?.[g.levels[cells.levelOf(c, gi)]];
      if (m !== undefined) d *= m;
    });
    for (const drift of scenario.cohorts.drift) {
      if (cohort >= drift.fromCohort && applies(drift, null, groups, cells.levelOf, c)) {
        d *= drift.detectionMultiplier;
      }
    }
    out[c] = Math.min(1, d);
  }
  return out;
}
