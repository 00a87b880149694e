import { parseFigure, type Figure } from './figures.js';
import { impliedRanges, type ConsistencyCheck, type Implied } from './check.js';
import { OUTCOMES, PUBLISHED_AUC, type SourcedFigure } from './sources.js';
import { RisklabError } from '../messages.js';
import { claimMessages as m } from '../claim-messages.js';

/**
 * Plausibility of a consistent claim against what is published: its
 * separability against child-welfare AUCs, and its base rate against the
 * prevalence of the outcome the user names.
 *
 * Separability of one operating point (f, R) is read two ways: the AUC of
 * the equal-variance binormal ROC curve through it, Φ((Φ⁻¹(R) − Φ⁻¹(f))/√2),
 * and the least AUC of any concave ROC curve through it, (1 + R − f)/2
 * (the triangle (0,0)–(f,R)–(1,1)). When the claim leaves the base rate
 * open, both depend on it; with an outcome named, they are also given at
 * the outcome's published prevalence.
 */

/** Where a value sits against the published AUC band. */
export type AucVerdict = 'below' | 'inside' | 'typical' | 'above' | 'spans';

/** Place an AUC range against the published band (0.69–0.91, most 0.76–0.88). */
export function aucVerdict(r: Implied): AucVerdict {
  const { range, typical } = PUBLISHED_AUC;
  if (r.lo > range.hi) return 'above';
  if (r.hi < range.lo) return 'below';
  if (r.lo >= typical.lo && r.hi <= typical.hi) return 'typical';
  if (r.lo >= range.lo && r.hi <= range.hi) return 'inside';
  return 'spans';
}

/** A reference prevalence and how the claim's base rate compares (ratio of the claim's to the reference). */
export interface BaseRateComparison extends SourcedFigure {
  readonly ratioLo: number;
  readonly ratioHi: number;
}

/** Separability at a stated base rate. */
export interface SeparabilityAt {
  readonly what: string;
  readonly baseRate: Implied;
  readonly aucBinormal: Implied;
  readonly aucConcaveMin: Implied;
  readonly precision: Implied;
  readonly flaggedShare: Implied;
}

export interface Plausibility {
  readonly publishedAuc: { readonly value: Implied; readonly verdict: AucVerdict } | null;
  /** Separability implied by the operating point over every table that fits. */
  readonly impliedAuc: { readonly binormal: Implied; readonly concaveMin: Implied; readonly verdict: AucVerdict } | null;
  readonly outcome: { readonly key: string; readonly label: string; readonly comparisons: readonly BaseRateComparison[] } | null;
  /** When the claim leaves the base rate open: separability at each reference prevalence. */
  readonly atReference: readonly SeparabilityAt[];
}

/** The reference figures for `--outcome`: a known key (cse, escalation) or a prevalence. */
export function outcomeReference(outcome: string | number): { key: string; label: string; figures: readonly SourcedFigure[] } {
  const key = String(outcome).trim().toLowerCase();
  if (OUTCOMES[key]) return { key, ...OUTCOMES[key] };
  let f: Figure;
  try {
    f = parseFigure('baseRate', String(outcome));
  } catch {
    throw new RisklabError(m.badOutcome(String(outcome), Object.keys(OUTCOMES)), '--outcome');
  }
  return { key: 'given', label: 'the outcome', figures: [{ what: 'the prevalence given with --outcome', lo: f.lo, hi: f.hi, source: 'given by the user', confidence: 'assumption' }] };
}

const WIDE = 0.2;

/**
 * Compare a consistent claim with what is published.
 *
 * @example
 * plausibility(figures, checkConsistency(figures), 'cse').outcome.comparisons[0].ratioLo;
 */
export function plausibility(figures: readonly Figure[], check: ConsistencyCheck, outcome?: string | number): Plausibility {
  const auc = figures.find((f) => f.name === 'auc');
  const publishedAuc = auc ? { value: { lo: auc.lo, hi: auc.hi }, verdict: aucVerdict(auc) } : null;
  const implied = check.implied;
  const impliedAuc = implied && Number.isFinite(implied.aucBinormal.lo)
    ? { binormal: implied.aucBinormal, concaveMin: implied.aucConcaveMin, verdict: aucVerdict(implied.aucBinormal) }
    : null;
  if (!outcome || !implied) return { publishedAuc, impliedAuc, outcome: null, atReference: [] };
  const ref = outcomeReference(outcome);
  const comparisons = ref.figures.map((f) => ({ ...f, ratioLo: implied.baseRate.lo / f.hi, ratioHi: implied.baseRate.hi / f.lo }));
  const open = implied.baseRate.hi - implied.baseRate.lo > WIDE * Math.max(implied.baseRate.hi, 1e-12) && !figures.some((f) => f.name === 'baseRate');
  const atReference = open
    ? ref.figures.map((f) => {
        const at = [...figures.filter((x) => x.name !== 'baseRate'), { name: 'baseRate' as const, text: '', lo: f.lo, hi: f.hi }];
        const r = impliedRanges(at, ['baseRate', 'aucBinormal', 'aucConcaveMin', 'precision', 'flaggedShare']).ranges;
        return { what: f.what, baseRate: r.baseRate, aucBinormal: r.aucBinormal, aucConcaveMin: r.aucConcaveMin, precision: r.precision, flaggedShare: r.flaggedShare };
      })
    : [];
  return { publishedAuc, impliedAuc, outcome: { key: ref.key, label: ref.label, comparisons }, atReference };
}
