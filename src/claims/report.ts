import type { Figure } from './figures.js';
import type { ConsistencyCheck, Implied } from './check.js';
import type { Plausibility } from './plausibility.js';
import { COUNT_QUANTITIES, type QuantityName } from './quantities.js';
import { claimWords as w } from '../claim-messages.js';

/**
 * The words of `risklab check-claim` (pure: returns text). Numbers are
 * ranges: a rate to three decimals ("0.482–0.518"), a count to whole
 * children, and one number when both ends round alike.
 */

/** A rate or ratio range as text. */
export function rangeText(r: Implied, digits = 3): string {
  if (!Number.isFinite(r.lo) && !Number.isFinite(r.hi)) return w.undefinedRange;
  const f = (x: number) => (x === Infinity ? '∞' : x.toFixed(digits));
  const a = f(r.lo);
  const b = f(r.hi);
  return a === b ? a : `${a}–${b}`;
}

/** A count range as text (whole children, thousands separated). */
export function countText(r: Implied, perThousand: boolean): string {
  const f = (x: number) => (x === Infinity ? '∞' : perThousand ? x.toFixed(1) : Math.round(x).toLocaleString('en-GB'));
  const a = f(r.lo);
  const b = f(r.hi);
  return a === b ? a : `${a}–${b}`;
}

/** Rows of the implied table, in print order. */
export const TABLE_ROWS: readonly QuantityName[] = [
  'population', 'trueCases', 'flagged', 'tp', 'fp', 'fn', 'tn', 'baseRate', 'flaggedShare', 'flagsPerTrueCase', 'listToPool',
  'precision', 'recall', 'specificity', 'fpr', 'npv', 'accuracy', 'f1', 'mcc',
];

function figureText(f: Figure): string {
  const exact = f.lo === f.hi;
  const isCount = f.name === 'population' || f.name === 'flagged' || f.name === 'trueCases';
  const r = isCount ? countText(f, false) : rangeText(f, 4);
  return exact ? `${w.figure[f.name]} ${f.text}` : `${w.figure[f.name]} ${f.text} (${r})`;
}

/** The headline sentences a consistent claim supports. */
export function keySentences(figures: readonly Figure[], check: ConsistencyCheck): string[] {
  const r = check.implied;
  if (!r) return [];
  const given = new Set(figures.map((f) => f.name));
  const out: string[] = [];
  if (Number.isFinite(r.listToPool.hi) && r.listToPool.hi - r.listToPool.lo < 0.5) out.push(w.listToPool(rangeText(r.listToPool, 2), r.listToPool));
  if (Number.isFinite(r.f1.lo) && !given.has('f1') && r.f1.hi - r.f1.lo < 0.1) out.push(w.f1(rangeText(r.f1, 2)));
  if (!given.has('precision') && r.precision.hi < 0.999) out.push(w.precisionAtMost(r.precision.hi));
  if (!given.has('recall') && r.recall.hi < 0.999) out.push(w.recallAtMost(r.recall.hi));
  if (Number.isFinite(r.flagsPerTrueCase.lo) && r.flagsPerTrueCase.lo > 1.05 && !given.has('precision')) out.push(w.flagsPerCase(r.flagsPerTrueCase.lo));
  return out;
}

/** The whole plain-words answer. */
export function claimText(figures: readonly Figure[], check: ConsistencyCheck, plaus: Plausibility | null, extra: readonly string[] = []): string {
  const lines: string[] = [w.claimLine(figures.map(figureText))];
  lines.push('', w.consistencyHeading);
  if (!check.consistent) {
    lines.push(w.inconsistent);
    for (const c of check.conflicts) {
      lines.push(w.conflictSet(c.figures.map((f) => w.figure[f])));
      for (const p of c.parts) {
        if (p.direction === 'none') continue;
        const isCount = ['population', 'flagged', 'trueCases'].includes(p.figure);
        const show = (x: Implied) => (isCount ? countText(x, false) : rangeText(x));
        lines.push(w.conflictPart(w.figure[p.figure], show(p.published), show(p.allowed), p.direction, isCount ? Math.round(p.gap).toLocaleString('en-GB') : p.gap.toFixed(3)));
      }
      lines.push(w.whatItWouldTake(c.figures));
    }
    return `${lines.join('\n')}\n`;
  }
  lines.push(w.consistent(check.method));
  for (const s of keySentences(figures, check)) lines.push(s);
  lines.push('', w.tableHeading(check.perThousand));
  const r = check.implied!;
  for (const q of TABLE_ROWS) {
    const value = COUNT_QUANTITIES.includes(q) ? countText(r[q], check.perThousand) : rangeText(r[q]);
    lines.push(`  ${w.quantity[q].padEnd(34)} ${value}`);
  }
  if (plaus) {
    lines.push('', w.plausibilityHeading);
    if (plaus.publishedAuc) lines.push(w.publishedAuc(rangeText(plaus.publishedAuc.value), plaus.publishedAuc.verdict));
    if (plaus.impliedAuc) lines.push(w.impliedAuc(rangeText(plaus.impliedAuc.binormal, 2), rangeText(plaus.impliedAuc.concaveMin, 2), plaus.impliedAuc.verdict));
    if (plaus.outcome) {
      for (const c of plaus.outcome.comparisons) lines.push(w.baseRateAgainst(rangeText(r.baseRate, 4), plaus.outcome.label, c));
      for (const a of plaus.atReference) lines.push(w.atReference(a.what, rangeText(a.baseRate, 3), rangeText(a.aucBinormal, 2), rangeText(a.flaggedShare, 3)));
    }
  }
  lines.push(...extra);
  return `${lines.join('\n')}\n`;
}
