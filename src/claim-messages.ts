import { show } from './messages.js';
import { decimal, percent, span, type Span } from './claims/format.js';
import { formatCount } from './metrics/natural-frequencies.js';

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
// Sentences take numbers already printed by src/claims/format.ts (or the
// numbers they print), so every rounding rule lives in one place.

const PUBLISHED_BAND = '0.69–0.91, most 0.76–0.88; Hall et al. 2023';
const joinAnd = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export const claimWords = {
  open: 'not pinned down by these figures',
  figure: {
    precision: 'precision', recall: 'recall', specificity: 'specificity', fpr: 'false-positive rate', accuracy: 'accuracy', f1: 'F1', mcc: 'MCC', auc: 'AUC',
    baseRate: 'base rate', flaggedShare: 'share flagged', population: 'population', flagged: 'children flagged', trueCases: 'children with the outcome',
  } as Record<string, string>,
  quantity: {
    population: 'children in all', trueCases: 'children with the outcome', flagged: 'children on the list (flagged)', tp: '  on the list, with the outcome',
    fp: '  on the list, without it', fn: '  not on the list, with the outcome (missed)', tn: '  not on the list, without it', baseRate: 'base rate (share with the outcome)',
    flaggedShare: 'share of children on the list', flagsPerTrueCase: 'children on the list for each one on it with the outcome',
    listToPool: 'children on the list for each child with the outcome', precision: 'precision (share of the list with the outcome)',
    recall: 'recall (share of children with the outcome on the list)', specificity: 'specificity (share without it not on the list)',
    fpr: 'false-positive rate (share without it on the list)', npv: 'share of children not on the list without the outcome', accuracy: 'accuracy (share classified right)',
    f1: 'F1 (precision and recall in one score, 0 to 1)', mcc: 'MCC (correlation of list and outcome, −1 to 1)',
  } as Record<string, string>,
  figureShown: (name: string, text: string, range: string | null) => (range === null ? `${name} ${text}` : `${name} ${text} (${range})`),
  claimLine: (parts: readonly string[]) => `Claim: ${parts.join(', ')}. A published figure stands for every value that rounds to it (in brackets).`,
  consistencyHeading: '1. Can these figures come from one table?',
  consistent: (method: string) =>
    method === 'whole children'
      ? 'Yes: at least one table of children gives all of them. Every table of whole children that fits was checked, so the ranges below are exact.'
      : 'Yes: at least one table of children gives all of them. Each number below is the range over every table that fits.',
  inconsistent: 'No. No table of children gives all of these figures at once, however they were rounded.',
  conflictSet: (names: readonly string[]) => `These cannot all be true together: ${joinAnd(names)}.`,
  conflictPart: (name: string, others: readonly string[], published: string, allowed: string, direction: 'high' | 'low', gap: string) =>
    `  With ${joinAnd(others)} as published, ${name} could only be ${allowed}; the published ${published} is at least ${gap} too ${direction}.`,
  whatItWouldTake: (names: readonly string[]): string[] => {
    const counts = names.some((n) => ['population', 'flagged', 'trueCases', 'baseRate'].includes(n));
    const rates = names.filter((n) => !['population', 'flagged', 'trueCases', 'baseRate'].includes(n)).length >= 2;
    return [
      '  What could explain it:',
      '  - the figures were measured against different outcomes (for example recorded concerns for one, confirmed cases for another);',
      ...(rates ? ['  - they are averages over several models, areas or years, which need not come from any one table;'] : []),
      ...(counts ? ['  - the counts or the base rate describe another area, age group or period than the rates;'] : []),
      '  - a misprint, or unusual rounding: a figure would have to lie in the range the others allow (above).',
    ];
  },
  perHundredOnList: (withIt: string, without: string) => `Of every 100 children on the list, ${withIt} have the outcome and ${without} do not.`,
  perHundredWithIt: (found: string, missed: string) => `Of every 100 children with the outcome, ${found} are on the list and ${missed} are missed.`,
  listToPool: (range: string, mid: number) => {
    const size = mid > 0.35 && mid < 0.7 ? 'about half the size of' : mid >= 0.9 && mid <= 1.1 ? 'about the same size as' : null;
    return size
      ? `The list is ${size} the group of children who have the outcome: ${range} children on it for each child with the outcome.`
      : `The list holds ${range} children for each child with the outcome.`;
  },
  f1: (range: string) => `F1, one score from 0 to 1 that combines precision and recall, is ${range}.`,
  precisionAtMost: (hi: string, notPer1000: string) =>
    `Precision is at most ${hi}: even if every child with the outcome were on the list, at least ${notPer1000} of every 1,000 children on it would not have the outcome.`,
  recallAtMost: (hi: string, missedPer1000: string) => `Recall is at most ${hi}: at least ${missedPer1000} of every 1,000 children with the outcome are not on the list.`,
  tableHeading: (perThousand: boolean) => (perThousand ? 'The table they imply, per 1,000 children (no count was given):' : 'The table they imply:'),
  baseRateOpen: (range: string) =>
    `  These figures leave the base rate open (${range}), and most of the table with it: give --base-rate, --population or --outcome to narrow it.`,
  plausibilityHeading: '2. Is it plausible against what is published?',
  publishedAuc: (range: string, verdict: string) => `The AUC given (${range}) is ${verdictWords(verdict)} (${PUBLISHED_BAND}).`,
  impliedAucOpen: (baseRateOpen: boolean) =>
    `How well the model ranks children (its AUC) cannot be told from these figures alone${baseRateOpen ? ': it depends on the base rate, which they leave open' : ''}.`,
  impliedAuc: (binormal: string, least: string, verdict: string) =>
    `To reach these figures a model must rank children with an AUC of about ${binormal} (0.5 is chance, 1 is perfect; at least ${least} on any concave ROC curve): ${verdictWords(verdict)} (${PUBLISHED_BAND}).`,
  baseRateAgainst: (range: string, label: string, what: string, published: string, times: string, confidence: string) =>
    `The base rate (${range}) is ${times} the published figure for ${label} among ${what} (${published}; ${confidence} confidence).`,
  baseRateNotCompared: (label: string) => `The base rate cannot be compared with the published figures for ${label}: these figures leave it open.`,
  atReference: (what: string, baseRate: string, auc: string, share: string) =>
    `If the base rate were the published one among ${what} (${baseRate}), these figures would mean an AUC of about ${auc} and ${share} of children on the list.`,
};

function verdictWords(verdict: string): string {
  return {
    below: 'below every published child-welfare model',
    inside: 'within the range of published child-welfare models, though outside where most fall',
    typical: 'within the range most published child-welfare models reach',
    above: 'above every published child-welfare model',
    spans: 'partly outside the range of published child-welfare models',
  }[verdict] ?? verdict;
}

// ==== check-claim: the search ====

type SearchSection = {
  settings: { presetName: string; seed: number | string; oracleAuc: readonly number[]; detection: readonly number[]; leakage: readonly number[]; children: number; tolerance: number; recordedBaseRate: number };
  summary: {
    cells: number; matching: number;
    closest: { oracleAuc: number; detection: number; leakage: number; distance: number; recorded: Record<string, number>; truth: Record<string, number> } | null;
    leakage: Span | null; oracleAuc: Span | null; detection: Span | null;
    truePrecision: Span | null; trueRecall: Span | null;
  };
} | { skipped: string };

const list = (xs: readonly number[], one: (x: number) => string) => xs.map(one).join(', ');
const auc = (x: number) => decimal(x, 2);
const inTen = (r: Span) => {
  const [a, b] = [Math.round(10 * r.lo), Math.round(10 * r.hi)];
  return a === b ? `about ${a} in every 10` : `about ${a} to ${b} in every 10`;
};

/** What the matching settings need of leakage, in words. */
function leakageNeed(r: Span, one: boolean): string {
  if (r.hi === 0) return one ? 'It has no leakage (records created because of the outcome): none is needed.' : 'None of them has leakage (records created because of the outcome): none is needed.';
  if (r.lo === 0) return `No leakage is needed (records created because of the outcome): some have none, others up to ${percent(r.hi)}.`;
  return one
    ? `It needs leakage of ${percent(r.lo)}: that share of recorded cases create records because of the outcome, which makes the records easy to predict.`
    : `All of them need leakage of at least ${percent(r.lo)}: that share of recorded cases create records because of the outcome, which makes the records easy to predict.`;
}

export const searchWords = {
  noTargets: 'the claim gives no rate or AUC to reproduce',
  noBaseRate: 'the claim leaves the base rate open: give --base-rate, a count with --population, or --outcome',
  section: (s: SearchSection): string[] => {
    const lines = ['', '3. What would the lab need to reproduce it?'];
    if ('skipped' in s) return [...lines, `Not searched: ${s.skipped}.`];
    const t = s.settings;
    const m = s.summary;
    lines.push(
      `The lab simulated ${m.cells} settings of its ${t.presetName} scenario, ${formatCount(t.children)} children each with ${percent(t.recordedBaseRate)} of them recorded with the outcome, varying how predictable the outcome truly is (oracle AUC ${list(t.oracleAuc, auc)}), the share of true cases that get recorded (detection ${list(t.detection, percent)}) and leakage (${list(t.leakage, percent)}). Each time a logistic model was trained on the records (seed ${t.seed}).`,
    );
    if (m.matching === 0) {
      const c = m.closest;
      lines.push(`None of them gives the claimed figures against the records (each within ${t.tolerance}).`);
      if (c) {
        lines.push(
          `The closest (oracle AUC ${auc(c.oracleAuc)}, detection ${percent(c.detection)}, leakage ${percent(c.leakage)}) misses by ${decimal(c.distance, 2)}: against the records precision ${decimal(c.recorded.precision, 2)} and recall ${decimal(c.recorded.recall, 2)}; against the truth precision ${decimal(c.truth.precision, 2)} and recall ${decimal(c.truth.recall, 2)}.`,
        );
      }
      return lines;
    }
    const one = m.matching === 1;
    lines.push(
      `${m.matching} of the ${m.cells} settings ${one ? 'gives' : 'give'} the claimed figures against the records (each within ${t.tolerance}).`,
      leakageNeed(m.leakage!, one),
      `${one ? 'It has' : 'They have'} an oracle AUC of ${span(m.oracleAuc!, auc)} and detection of ${span(m.detection!, percent)}.`,
      `Against the truth the same model finds ${inTen(m.trueRecall!)} children who truly have the outcome (recall ${span(m.trueRecall!, (x) => decimal(x, 2))}), and ${span(m.truePrecision!, percent)} of the children it flags truly have it (precision ${span(m.truePrecision!, (x) => decimal(x, 2))}).`,
    );
    if (m.trueRecall!.hi - m.trueRecall!.lo >= 0.2 || m.truePrecision!.hi - m.truePrecision!.lo >= 0.2) {
      lines.push('The records cannot tell these settings apart, so the truth could lie anywhere in these ranges.');
    }
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
  /** `opWords`: the operating point in words ("flagging the top 10% of children", src/experiment/names.ts). */
  headline: (opWords: string, flagged: number, precision: number, recall: number) =>
    `${opWords.charAt(0).toUpperCase()}${opWords.slice(1)}: ${flagged.toLocaleString('en-GB')} children are flagged; ${Number.isFinite(precision) ? `about ${Math.round(1000 * precision).toLocaleString('en-GB')} of every 1,000 of them have the outcome on record` : 'none is flagged'}, and the list finds ${Number.isFinite(recall) ? `about ${Math.round(10 * recall)} in 10` : 'none'} of the recorded cases.`,
  headlineSuppressed: (k: number) => `Some counts for everyone are below ${k}, so no headline is given.`,
  resultsHeading: 'Results against the records',
  suppressionNote: (k: number) =>
    `Counts below ${k} are shown as "<${k}"; the rates of their row are withheld, and so are its other counts but the number of children, so that a hidden count cannot be worked out from them (UK statistical disclosure practice). Intervals: 95% Poisson bootstrap: the rates with the cut held where it resolved; AUC and average precision (in the CSVs) with the same number of replicates and seed.`,
  groupColumns: ['operating point', 'group', 'children', 'flagged', 'flagged with a record', 'precision', 'recall', 'false-positive rate', 'share flagged'],
  sensitivityHeading: 'What the records cannot show',
  sensitivityIntro:
    'For an assumed detection rate (the share of true cases that ever get recorded, by group if given) and an assumed share of recorded cases created by contact with services, the range of true precision and true recall that the observed table allows: where the unrecorded cases and the false records fall cannot be seen in the file.',
  sensitivityColumns: ['operating point', 'detection assumed', 'contact share assumed', 'group', 'true precision could be', 'true recall could be'],
  caveat: 'These are bounds under stated assumptions, not estimates: the file cannot say which assumption is right.',
  suppressed: 'suppressed',
  withheld: 'withheld',
  impossible: 'impossible (more unrecorded cases than children without a record)',
  notDefined: 'not defined',
  everyone: 'everyone',
  footer: (sha: string, seed: string) => `risklab audit · file SHA-256 ${sha} · bootstrap seed ${seed}`,
  pairsFolded: (rows: number) => `Pairs of groups (${rows} rows)`,
  groupsFolded: (rows: number) => `By group (${rows} rows)`,
  briefLink: 'One-page brief (to print)',
  readmeLink: 'What is in this folder',
  // ---- the banner on every page of an audit (report, brief, summary, README) ----
  bannerLead: 'Against your recorded outcome only.',
  banner: (file: string, label: string, sha: string, rows: string) =>
    `Every number here judges the scores in ${file} against the recorded label (column ${label}) and nothing else: the file holds no truth, so a child whose outcome was never recorded counts as a negative. File SHA-256 ${sha}; ${rows} rows audited.`,
  // ---- the one-page brief ----
  brief: {
    lead: 'What the scores in your file do against your own records, and what the records cannot show.',
    outcome: { cases: 'children with the outcome on record', case: 'a child with the outcome on record', nonCases: 'children without it on record' },
    focus: (opWords: string) => `Pictures and numbers: everyone in the file, ${opWords}.`,
    flaggedRecords: (shown: string) => `${shown} with the outcome on record`,
    casesRecords: (shown: string) => `${shown} of 100 recorded cases flagged`,
    standsFor: (children: string, what: string) => `stands for ${children} ${what}`,
    flaggedWhat: 'children flagged',
    recordedWhat: 'recorded cases',
    withheld: (k: number) => `fewer than ${k} children behind it`,
    numberPrecision: 'Precision against the records: of the children flagged, the share with the outcome on record.',
    numberRecall: 'Recall against the records: of the children with the outcome on record, the share flagged.',
    numberFlagsPerCase: 'Children flagged per recorded case: how many are flagged for each recorded case found.',
    baseRate: (per1000: string) => `${per1000} of every 1,000 children in the file have the outcome on record.`,
    spread: (lowest: string, lowGroup: string, highest: string, highGroup: string, attribute: string) =>
      `By ${attribute}, the share flagged runs from ${lowest} (${lowGroup}) to ${highest} (${highGroup}).`,
    bounds: (detection: string, contact: string, precision: string, recall: string) =>
      `If only ${detection} of true cases were ever recorded and ${contact} of recorded cases came from contact with services, true precision could be ${precision} and true recall ${recall}: bounds under those assumptions, not estimates.`,
    doesNotShow: [
      'How many children have the outcome but no record: the file holds the records only. The full report gives bounds under stated assumptions, not estimates.',
      'Whether two children of equal true risk get the same score: that needs the truth, which only a simulation has.',
      'What happens to a child after a flag: help, harm or nothing.',
    ] as readonly string[],
    questionLabel: 'How much of the outcome goes unrecorded, and for which groups? The records cannot say; the sensitivity table shows what each answer would mean.',
    questionLeakage: 'Were any inputs created after a concern was raised (a referral, a strategy meeting)? Such records make a model look better against the records without foreseeing anything.',
    questionBaseRate: (here: string) => `Is the base rate in these records the one in your area? ${here}`,
    questionCapacity: (here: string) => `How many children can be seen for each one flagged? ${here}`,
    baseRateHere: (value: string) => `Here: ${value} on record.`,
    capacityHere: (value: string) => `Here: ${value} flagged per recorded case found.`,
    notes: (k: number) => `Counts below ${k} are withheld, with every rate resting on them (UK statistical disclosure practice); no row of the file is copied into any output.`,
    trace: (sha: string, rows: string, seed: string) => `File SHA-256 ${sha} · ${rows} rows · bootstrap seed ${seed}`,
  },
};
