import { show } from './messages.js';

/**
 * Texts of `risklab check-claim` and `risklab audit`: error lines and the
 * words of their reports. A sibling of src/messages.ts (each area keeps its
 * own section), so tests compare against these functions.
 */

// ==== check-claim: errors ====

export const claimMessages = {
  badFigure: (figure: string, got: string, expected: string) =>
    `${figure} must be ${expected}, written as 0.42, 42%, 0.40-0.45, 0.42±0.01, >1000 or ~350000; got ${show(got)}`,
  badRange: (figure: string, got: string) => `${figure} must be a range from low to high; got ${show(got)}`,
  unknownFigure: (name: string, known: readonly string[]) => `${show(name)} is not a figure a claim can state; known: ${known.join(', ')}`,
  badOutcome: (got: string, known: readonly string[]) => `--outcome must be one of ${known.join(', ')} or a prevalence such as 0.2%; got ${show(got)}`,
  noFigures: 'check-claim needs at least one figure: give flags such as --precision 0.42 --recall 0.21, or a claim file',
  badClaimFile: (path: string, reason: string) => `claim file ${show(path)} ${reason}`,
};

// ==== check-claim: the words of the answer ====

const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : x < 0.1 ? 1 : 0)}%`;

export const claimWords = {
  undefinedRange: 'not defined',
  figure: {
    precision: 'precision', recall: 'recall', specificity: 'specificity', fpr: 'false-positive rate', accuracy: 'accuracy', f1: 'F1', mcc: 'MCC', auc: 'AUC',
    baseRate: 'base rate', flaggedShare: 'share flagged', population: 'population', flagged: 'children flagged', trueCases: 'children with the outcome',
  } as Record<string, string>,
  quantity: {
    population: 'children in all', trueCases: 'children with the outcome', flagged: 'children flagged', tp: 'flagged, with the outcome (tp)',
    fp: 'flagged, without it (fp)', fn: 'missed (fn)', tn: 'not flagged, without it (tn)', baseRate: 'base rate', flaggedShare: 'share flagged',
    flagsPerTrueCase: 'flags per true case', listToPool: 'list size ÷ children with the outcome', precision: 'precision', recall: 'recall',
    specificity: 'specificity', fpr: 'false-positive rate', npv: 'negative predictive value', accuracy: 'accuracy', f1: 'F1', mcc: 'MCC',
    balancedAccuracy: 'balanced accuracy', aucBinormal: 'AUC (binormal, through this point)', aucConcaveMin: 'least AUC of a concave ROC curve',
    aucAnyMin: 'least AUC of any ROC curve', aucAnyMax: 'largest AUC of any ROC curve',
  } as Record<string, string>,
  claimLine: (parts: readonly string[]) => `Claim: ${parts.join(', ')}. A published figure stands for every value that rounds to it.`,
  consistencyHeading: '1. Can these figures come from one table?',
  consistent: (method: string) =>
    method === 'whole children'
      ? 'Yes. Every table of whole children that fits was checked; the ranges below are exact.'
      : 'Yes. The ranges below are over every table that fits (found by search over base rate and recall, exact in the rest).',
  inconsistent: 'No. No 2×2 table gives all of these figures at once, whatever the rounding.',
  conflictSet: (names: readonly string[]) => `These cannot hold together: ${names.join(', ')}.`,
  conflictPart: (name: string, published: string, allowed: string, direction: 'high' | 'low', gap: string) =>
    `  ${name} is ${published}; with the others it could only be ${allowed} — ${gap} too ${direction}.`,
  whatItWouldTake: (names: readonly string[]) => {
    const counts = names.some((n) => ['population', 'flagged', 'trueCases', 'baseRate'].includes(n));
    const rates = names.filter((n) => !['population', 'flagged', 'trueCases', 'baseRate'].includes(n)).length >= 2;
    const ways = [
      'another label: some figures may be measured against a different outcome (recorded concerns, confirmed cases, escalation)',
      ...(rates ? ['several tables pooled: averages of rates over models, areas or years need not come from any one table'] : []),
      ...(counts ? ['a different population: the counts or base rate may describe another area, age group or period than the rates'] : []),
      'a misprint or other rounding: the figure would need to lie in the range the others allow (above)',
    ];
    return `  What it would take: ${ways.join('; or ')}.`;
  },
  listToPool: (range: string, r: { lo: number; hi: number }) => {
    const mid = (r.lo + r.hi) / 2;
    const words = mid < 0.7 && mid > 0.35 ? ' — about half the size of the positive pool' : mid >= 0.9 && mid <= 1.1 ? ' — about the size of the positive pool' : '';
    return `The list holds ${range} children for each child with the outcome${words}.`;
  },
  f1: (range: string) => `F1 is ${range}.`,
  precisionAtMost: (hi: number) =>
    `Precision is at most ${hi.toFixed(2)}: even if every child with the outcome were on the list, at least ${Math.round(1000 * (1 - hi)).toLocaleString('en-GB')} of every 1,000 children on it would not have the outcome.`,
  recallAtMost: (hi: number) => `Recall is at most ${hi.toFixed(2)}: at least ${Math.round(1000 * (1 - hi)).toLocaleString('en-GB')} of every 1,000 children with the outcome are not on the list.`,
  flagsPerCase: (lo: number) => `At least ${lo.toFixed(1)} children are flagged for each child on the list who has the outcome.`,
  tableHeading: (perThousand: boolean) => (perThousand ? 'The table they imply, per 1,000 children (no count was given):' : 'The table they imply:'),
  plausibilityHeading: '2. Is it plausible against what is published?',
  publishedAuc: (range: string, verdict: string) =>
    `The published AUC ${range} is ${verdictWords(verdict)} (published child-welfare models: 0.69–0.91, most 0.76–0.88; Hall et al. 2023).`,
  impliedAuc: (binormal: string, concave: string, verdict: string) =>
    `This operating point implies an AUC of ${binormal} on a binormal ROC curve (at least ${concave} on any concave one): ${verdictWords(verdict)}.`,
  baseRateAgainst: (range: string, label: string, c: { what: string; lo: number; hi: number; ratioLo: number; ratioHi: number; confidence: string }) =>
    `The base rate ${range} is ${c.ratioLo.toFixed(1)}–${c.ratioHi.toFixed(1)} times the published ${label} among ${c.what} (${c.lo === c.hi ? pct(c.lo) : `${pct(c.lo)}–${pct(c.hi)}`}; confidence ${c.confidence}).`,
  atReference: (what: string, baseRate: string, auc: string, share: string) =>
    `At the base rate among ${what} (${baseRate}), the figures imply an AUC of ${auc} (binormal) and ${share} of children flagged.`,
};

function verdictWords(verdict: string): string {
  return {
    below: 'below every published child-welfare model',
    inside: 'within the published range',
    typical: 'within the range most published models reach',
    above: 'above every published child-welfare model',
    spans: 'not pinned down by these figures (the range runs past the published band)',
  }[verdict] ?? verdict;
}

// ==== check-claim: the search ====

type SearchSection = {
  settings: { presetName: string; seed: number | string; oracleAuc: readonly number[]; detection: readonly number[]; leakage: readonly number[]; children: number; tolerance: number; recordedBaseRate: number };
  summary: {
    cells: number; matching: number;
    closest: { oracleAuc: number; detection: number; leakage: number; distance: number; recorded: Record<string, number>; truth: Record<string, number> } | null;
    leakage: { lo: number; hi: number } | null; oracleAuc: { lo: number; hi: number } | null; detection: { lo: number; hi: number } | null;
    truePrecision: { lo: number; hi: number } | null; trueRecall: { lo: number; hi: number } | null;
  };
} | { skipped: string };

const span2 = (r: { lo: number; hi: number }) => (r.lo.toFixed(2) === r.hi.toFixed(2) ? r.lo.toFixed(2) : `${r.lo.toFixed(2)}–${r.hi.toFixed(2)}`);
const inTen = (x: number) => `${Math.round(10 * x)} in 10`;

export const searchWords = {
  noTargets: 'the claim states no rate or AUC to reproduce against records',
  noBaseRate: 'the claim leaves the base rate open: give --base-rate, a count with --population, or --outcome',
  section: (s: SearchSection): string[] => {
    const lines = ['', '3. What would the lab need to reproduce it?'];
    if ('skipped' in s) return [...lines, `Not searched: ${s.skipped}.`];
    const t = s.settings;
    lines.push(
      `Searched ${s.summary.cells} settings (oracle AUC ${t.oracleAuc.join(', ')}; detection ${t.detection.join(', ')}; leakage ${t.leakage.join(', ')}) on the ${t.presetName} preset, ${t.children.toLocaleString('en-GB')} children each at a recorded base rate of ${pct(t.recordedBaseRate)}, a logistic model fitted on records (seed ${t.seed}).`,
    );
    const m = s.summary;
    if (m.matching === 0) {
      const c = m.closest;
      lines.push(`No setting reproduces the claim against records within ±${t.tolerance}.`);
      if (c) lines.push(`The closest (oracle AUC ${c.oracleAuc}, detection ${c.detection}, leakage ${c.leakage}) misses by ${c.distance.toFixed(3)}: against records precision ${c.recorded.precision.toFixed(2)} and recall ${c.recorded.recall.toFixed(2)}; against the truth precision ${c.truth.precision.toFixed(2)} and recall ${c.truth.recall.toFixed(2)}.`);
      return lines;
    }
    lines.push(
      `${m.matching} of ${m.cells} settings reproduce it against records within ±${t.tolerance}: they need leakage of at least ${m.leakage!.lo} (records created because of the outcome), an oracle AUC of ${span2(m.oracleAuc!)} and detection of ${span2(m.detection!)}.`,
      `Against the truth the same model finds about ${inTen(m.trueRecall!.lo)}${m.trueRecall!.hi - m.trueRecall!.lo >= 0.05 ? ` to ${inTen(m.trueRecall!.hi)}` : ''} children truly at risk (recall ${span2(m.trueRecall!)}), and ${span2(m.truePrecision!)} of the children it flags are truly at risk (precision).`,
    );
    return lines;
  },
};

// ==== audit: errors ====

export const auditMessages = {
  noFile: (path: string, code?: string) => `${show(path)} cannot be read${code ? ` (${code})` : ''}: expected a CSV file of scores, one row per child`,
  emptyFile: (path: string) => `${show(path)} is empty: expected a header line naming the columns, then one row per child`,
  noRows: (path: string) => `${show(path)} has a header but no rows: expected one row per child`,
  noRowsKept: (path: string, read: number) => `${show(path)}: none of its ${read} rows match --where`,
  semicolons: (path: string) =>
    `${show(path)} line 1: the header is one column holding ";" — a semicolon-separated export (Excel with decimal commas); expected comma-separated values: save as "CSV UTF-8 (comma delimited)"`,
  duplicateHeader: (path: string, name: string, first: number, second: number) =>
    `${show(path)} line 1: column ${show(name)} appears twice (columns ${first} and ${second}); expected each column name once`,
  missingColumn: (path: string, flag: string, name: string, header: readonly string[]) =>
    `${show(path)} line 1: no column ${show(name)} (named by ${flag}); the columns are ${header.map((h) => show(h)).join(', ')}`,
  badScore: (path: string, line: number, column: string, got: string) =>
    `${show(path)} line ${line}, column ${show(column)}: expected a score, a number in [0, 1]; got ${show(got)}`,
  badLabel: (path: string, line: number, column: string, got: string) =>
    `${show(path)} line ${line}, column ${show(column)}: expected the recorded outcome, 0 or 1; got ${show(got)}`,
  tooManyLevels: (path: string, line: number, column: string, max: number) =>
    `${show(path)} line ${line}, column ${show(column)}: more than ${max} different values; expected a group column with at most ${max} levels`,
  badCsv: (path: string, line: number, reason: string) => `${show(path)} line ${line}: not valid CSV: ${reason}`,
  badWhere: (got: string) => `--where must be column=value; got ${show(got)}`,
  badMinCell: (got: unknown) => `--min-cell must be a whole number ≥ 1 (counts below it are suppressed; 10 is the default); got ${show(got)}`,
  badOperatingPoint: (got: string) => `--at must be threshold=t, topK=k, topShare=s, recall=r or precision=p; got ${show(got)}`,
  badDetection: (got: string) => `--detection must be a number in (0, 1], or attribute:level=d,level=d (e.g. deprivation:high=0.8,low=0.4); got ${show(got)}`,
  badContactShare: (got: unknown) => `--contact-share must be a comma-separated list of numbers in [0, 1); got ${show(got)}`,
  unknownDetectionLevel: (attribute: string, level: string, known: readonly string[]) =>
    `--detection names level ${show(level)} of ${show(attribute)}, which is not in the file; known: ${known.join(', ')}`,
  unknownDetectionAttribute: (attribute: string, known: readonly string[]) =>
    `--detection names ${show(attribute)}, which is not a --group column; known: ${known.join(', ') || 'none'}`,
  unknownConfigKey: (key: string, known: readonly string[]) => `audit config key ${show(key)} is not known; known: ${known.join(', ')}`,
};

// ==== audit: the words of the report ====

export const auditWords = {
  title: (file: string) => `Audit of ${file}`,
  fileLine: (sha: string, rows: string) => `File SHA-256 ${sha} · ${rows} rows audited`,
  recordsOnly:
    'Every number here is judged against the recorded outcome only. The file holds no truth: children whose outcome was never recorded count as negatives, and recorded cases created by contact with services count as positives.',
  headlineHeading: 'In plain words',
  headline: (op: string, flagged: number, precision: number, recall: number) =>
    `At ${op}, ${flagged.toLocaleString('en-GB')} children are flagged; ${Number.isFinite(precision) ? `about ${Math.round(1000 * precision).toLocaleString('en-GB')} of every 1,000 of them have the outcome on record` : 'none is flagged'}, and the list finds ${Number.isFinite(recall) ? `about ${Math.round(10 * recall)} in 10` : 'none'} of the recorded cases.`,
  headlineSuppressed: (k: number) => `Some counts for everyone are below ${k}, so no headline is given.`,
  resultsHeading: 'Results against the records',
  suppressionNote: (k: number) =>
    `Counts below ${k} are shown as "<${k}" and the rates of their row are withheld (UK statistical disclosure practice). Intervals: 95% Poisson bootstrap at each cut.`,
  groupColumns: ['operating point', 'group', 'children', 'flagged', 'flagged with a record', 'precision', 'recall', 'false-positive rate', 'share flagged'],
  sensitivityHeading: 'What the records cannot show',
  sensitivityIntro:
    'For an assumed detection rate (the share of true cases that ever get recorded, by group if given) and an assumed share of recorded cases created by contact with services, the range of true precision and true recall that the observed table allows: where the unrecorded cases and the false records fall cannot be seen in the file.',
  sensitivityColumns: ['operating point', 'detection assumed', 'contact share assumed', 'group', 'true precision could be', 'true recall could be'],
  caveat: 'These are bounds under stated assumptions, not estimates: the file cannot say which assumption is right.',
  suppressed: 'suppressed',
  impossible: 'impossible (more unrecorded cases than children without a record)',
  notDefined: 'not defined',
  everyone: 'everyone',
  footer: (sha: string, seed: string) => `risklab audit · file SHA-256 ${sha} · bootstrap seed ${seed}`,
};
