import { COUNT_FIGURES, type Figure, type FigureName } from './figures.js';
import type { ConsistencyCheck, Implied } from './check.js';
import type { Plausibility } from './plausibility.js';
import { COUNT_QUANTITIES, type QuantityName } from './quantities.js';
import { children, decimal, percent, perHundred, plain, ratio, span, times } from './format.js';
import { claimWords as w } from '../claim-messages.js';

/**
 * The words of `risklab check-claim` (pure: returns text), for a reader who
 * is not a statistician. Every number is a range over the tables that fit,
 * printed as one number when both ends round alike: rates to three
 * decimals in the table and two in sentences, shares as percentages,
 * counts in whole children, and "not pinned down" when the figures leave a
 * rate anywhere in its range.
 */

/** Shares printed as percentages. */
const SHARES: readonly QuantityName[] = ['baseRate', 'flaggedShare'];

/** Is a rate left anywhere in its whole range? */
function isOpen(r: Implied, q: QuantityName): boolean {
  const floor = q === 'mcc' ? -0.999 : 0.001;
  return r.lo <= floor && r.hi >= 0.999;
}

/** One implied quantity as the table prints it. */
export function quantityText(q: QuantityName, r: Implied, perThousand: boolean): string {
  if (!Number.isFinite(r.lo) && !Number.isFinite(r.hi)) return w.open;
  if (COUNT_QUANTITIES.includes(q)) return span(r, (x) => children(x, perThousand && r.hi < 10));
  if (SHARES.includes(q)) return span(r, percent);
  if (q === 'flagsPerTrueCase' || q === 'listToPool') return span(r, ratio);
  return isOpen(r, q) ? w.open : span(r, (x) => decimal(x, 3));
}

/** A published figure: as written, then the interval it stands for in the same style. */
function figureText(f: Figure): string {
  const name = w.figure[f.name];
  if (f.lo === f.hi) return w.figureShown(name, f.text, null);
  const one = COUNT_FIGURES.includes(f.name) ? (x: number) => children(x) : f.text.includes('%') ? percent : plain;
  return w.figureShown(name, f.text, span(f, one));
}

/** The range a figure of a conflict is shown as. */
function conflictText(figure: FigureName, r: Implied): string {
  if (COUNT_FIGURES.includes(figure)) return span(r, (x) => children(x));
  if (figure === 'baseRate' || figure === 'flaggedShare') return span(r, percent);
  return span(r, (x) => decimal(x, 2));
}

/** The headline sentences a consistent claim supports. */
export function keySentences(figures: readonly Figure[], check: ConsistencyCheck): string[] {
  const r = check.implied;
  if (!r) return [];
  const given = new Set(figures.map((f) => f.name));
  const out: string[] = [];
  const complement = (x: Implied) => ({ lo: 1 - x.hi, hi: 1 - x.lo });
  if (given.has('precision') && r.precision.hi - r.precision.lo <= 0.1) out.push(w.perHundredOnList(perHundred(r.precision), perHundred(complement(r.precision))));
  if (given.has('recall') && r.recall.hi - r.recall.lo <= 0.1) out.push(w.perHundredWithIt(perHundred(r.recall), perHundred(complement(r.recall))));
  if (Number.isFinite(r.listToPool.hi) && r.listToPool.hi - r.listToPool.lo < 0.5) out.push(w.listToPool(span(r.listToPool, (x) => decimal(x, 2)), (r.listToPool.lo + r.listToPool.hi) / 2));
  if (Number.isFinite(r.f1.lo) && !given.has('f1') && r.f1.hi - r.f1.lo < 0.1) out.push(w.f1(span(r.f1, (x) => decimal(x, 2))));
  const per1000 = (x: number) => children(Math.round(1000 * (1 - x)));
  if (!given.has('precision') && r.precision.hi < 0.999) out.push(w.precisionAtMost(decimal(r.precision.hi, 2), per1000(r.precision.hi)));
  if (!given.has('recall') && r.recall.hi < 0.999) out.push(w.recallAtMost(decimal(r.recall.hi, 2), per1000(r.recall.hi)));
  return out;
}

/** Rows of the implied table, in print order. */
export const TABLE_ROWS: readonly QuantityName[] = [
  'population', 'trueCases', 'flagged', 'tp', 'fp', 'fn', 'tn', 'baseRate', 'flaggedShare', 'listToPool', 'flagsPerTrueCase',
  'precision', 'recall', 'specificity', 'fpr', 'npv', 'accuracy', 'f1', 'mcc',
];

/** Do the figures leave the base rate open (and with it most of the table)? */
function baseRateOpen(figures: readonly Figure[], r: Implied): boolean {
  return !figures.some((f) => f.name === 'baseRate') && r.hi - r.lo > 0.2 * Math.max(r.hi, 1e-12);
}

function conflictLines(figures: readonly Figure[], check: ConsistencyCheck): string[] {
  const lines = [w.inconsistent];
  for (const c of check.conflicts) {
    const names = c.figures.map((f) => w.figure[f]);
    lines.push(w.conflictSet(names));
    for (const p of c.parts) {
      if (p.direction === 'none') continue;
      const others = c.figures.filter((f) => f !== p.figure).map((f) => w.figure[f]);
      const gap = COUNT_FIGURES.includes(p.figure) ? children(p.gap) : SHARES.includes(p.figure as QuantityName) ? percent(p.gap) : decimal(p.gap, 2);
      const text = figures.find((f) => f.name === p.figure)?.text ?? conflictText(p.figure, p.published);
      lines.push(w.conflictPart(w.figure[p.figure], others, text, conflictText(p.figure, p.allowed), p.direction, gap));
    }
    lines.push(...w.whatItWouldTake(c.figures));
  }
  return lines;
}

function tableLines(figures: readonly Figure[], check: ConsistencyCheck): string[] {
  const r = check.implied!;
  const lines = [w.tableHeading(check.perThousand)];
  if (baseRateOpen(figures, r.baseRate)) lines.push(w.baseRateOpen(span(r.baseRate, percent)));
  const width = Math.max(...TABLE_ROWS.map((q) => w.quantity[q].length));
  for (const q of TABLE_ROWS) lines.push(`  ${w.quantity[q].padEnd(width)}  ${quantityText(q, r[q], check.perThousand)}`);
  return lines;
}

function plausibilityLines(figures: readonly Figure[], r: Record<QuantityName, Implied>, plaus: Plausibility): string[] {
  const lines = [w.plausibilityHeading];
  const two = (x: number) => decimal(x, 2);
  const open = baseRateOpen(figures, r.baseRate);
  if (plaus.publishedAuc) lines.push(w.publishedAuc(span(plaus.publishedAuc.value, plain), plaus.publishedAuc.verdict));
  const a = plaus.impliedAuc;
  if (a) lines.push(a.binormal.hi - a.binormal.lo > 0.3 ? w.impliedAucOpen(open) : w.impliedAuc(span(a.binormal, two), two(a.concaveMin.lo), a.verdict));
  if (plaus.outcome) {
    const { label } = plaus.outcome;
    if (open) lines.push(w.baseRateNotCompared(label));
    else for (const c of plaus.outcome.comparisons) lines.push(w.baseRateAgainst(span(r.baseRate, percent), label, c.what, span(c, percent), times({ lo: c.ratioLo, hi: c.ratioHi }), c.confidence));
    for (const at of plaus.atReference) lines.push(w.atReference(at.what, span(at.baseRate, percent), span(at.aucBinormal, two), span(at.flaggedShare, percent)));
  }
  return lines;
}

/** The whole plain-words answer. */
export function claimText(figures: readonly Figure[], check: ConsistencyCheck, plaus: Plausibility | null, extra: readonly string[] = []): string {
  const lines: string[] = [w.claimLine(figures.map(figureText)), '', w.consistencyHeading];
  if (!check.consistent) return `${[...lines, ...conflictLines(figures, check)].join('\n')}\n`;
  lines.push(w.consistent(check.method), ...keySentences(figures, check), '', ...tableLines(figures, check));
  if (plaus) lines.push('', ...plausibilityLines(figures, check.implied!, plaus));
  lines.push(...extra);
  return `${lines.join('\n')}\n`;
}
