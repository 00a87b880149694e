/**
 * Published numbers a claim is compared with, each with its source and how
 * sure we are (copied from ../shared/SOURCES.md; keep the two in step).
 */

/** A published figure with its provenance. */
export interface SourcedFigure {
  /** What the figure describes, in words. */
  readonly what: string;
  readonly lo: number;
  readonly hi: number;
  readonly source: string;
  readonly confidence: 'high' | 'medium' | 'low' | 'assumption';
}

/** Published AUCs of child-welfare models (SOURCES.md, "How well do real child-welfare models rank?"). */
export const PUBLISHED_AUC = {
  range: { what: 'published child-welfare model AUCs', lo: 0.69, hi: 0.91, source: 'Hall, Sage, Scott and Joseph (2023), systematic review', confidence: 'high' },
  typical: { what: 'most published child-welfare model AUCs', lo: 0.76, hi: 0.88, source: 'Hall, Sage, Scott and Joseph (2023), systematic review', confidence: 'high' },
} as const satisfies Record<string, SourcedFigure>;

/** Reference prevalences by outcome, for `--outcome`. */
export const OUTCOMES: Readonly<Record<string, { readonly label: string; readonly figures: readonly SourcedFigure[] }>> = {
  cse: {
    label: 'recorded child sexual exploitation',
    figures: [
      { what: 'all children in England in a year', lo: 0.001, hi: 0.001, source: "SOURCES.md: 12,120 children's social-care assessments recording CSE in England 2024-25, over all children (derived)", confidence: 'medium' },
      { what: 'children aged 10–17 in a year', lo: 0.002, hi: 0.002, source: 'SOURCES.md (derived from the same assessments; 81% of CSE cases are aged 10 or over)', confidence: 'medium' },
      { what: 'children in need', lo: 0.03, hi: 0.03, source: 'SOURCES.md (derived)', confidence: 'medium' },
    ],
  },
  escalation: {
    label: 'social-care cases that escalate',
    figures: [{ what: 'social-care caseloads', lo: 0.05, hi: 0.25, source: 'SOURCES.md, What Works for Children’s Social Care (2020): per-authority base rates not published', confidence: 'assumption' }],
  },
};

/** The worked examples of the README and the tests. */
export const WORKED_EXAMPLES = {
  /** What Works for Children's Social Care (Sept 2020): 58% false positives among flags, 79% of escalating cases missed. */
  whatWorks: { precision: '0.42', recall: '0.21' },
  /** Bristol, June 2020: more than 1,000 children on a list in a force area of about 350,000; recorded CSE about 0.1% a year. */
  bristol: { flagged: '>1000', population: '~350000', baseRate: '0.1%' },
  /** A claim of the kind the lab exists to question: very high precision and recall against records at a rare base rate. */
  veryStrong: { precision: '0.95', recall: '0.90', baseRate: '0.4%' },
} as const;
