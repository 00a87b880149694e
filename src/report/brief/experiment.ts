import type { ExperimentResult } from '../../experiment/aggregate.js';
import { operatingPointWords } from '../../experiment/names.js';
import { rates, roundToTotal, suppression, type Confusion } from '../../metrics/index.js';
import { pageMessages as p, suppressionMessages as s } from '../../messages.js';
import { cellName, headlinePoint } from '../charts/common.js';
import { pooledConfusion } from '../html/headline.js';
import { modelStyle } from '../palette.js';
import { stampLine, type RunStamp } from '../stamp.js';
import { childrenCount, direction, modelNoun, questionTitle } from '../words.js';
import type { BriefInput, BriefList, BriefNumber, BriefPanel } from './input.js';
import { listSectionContent, sampledList, samplePlaces } from '../list-section.js';
import { briefListMessages as lb, SHORT_MARK_WORDS } from '../../messages-list.js';

const b = p.brief;

/**
 * The list's sample for the brief (issue 17): the report's five rows
 * (src/report/list-section.ts), in one table so the page stays one page —
 * the columns as circulated, then (shaded) the same rows with the truth
 * revealed: what each reason is in truth, and whether the child was truly
 * at risk. The reviewers' decisions are left to the report. Only for an
 * experiment whose file sets `list` (ListPlan.onBrief); others show their
 * list in the report alone.
 */
function briefList(result: ExperimentResult): BriefList | null {
  if (!result.list.onBrief) return null;
  const list = sampledList(result);
  if (!list) return null;
  const ranks = samplePlaces(list.entries.length, result.list?.sample ?? 5);
  const entries = ranks.map((r) => list.entries[r - 1]);
  const content = listSectionContent(result)!;
  const circulated = content.circulated;
  const truth = (e: (typeof entries)[number]) =>
    !list.reasons.available ? lb.noReasons : e.reasons.length === 0 ? '—' : e.reasons.map((r) => SHORT_MARK_WORDS[r.mark]).join('; ');
  const table = {
    caption: lb.caption,
    columns: [...circulated.columns, lb.inTruth, lb.atRisk],
    numeric: circulated.numeric,
    truthFrom: circulated.columns.length,
    rows: entries.map((e, i) => [...circulated.rows[i], truth(e), e.yTrue ? lb.yes : lb.no]),
  };
  const model = result.models.find((m) => m.label === list.model)?.label ?? list.model;
  return { heading: lb.heading, intro: lb.intro(entries.length, list.entries.length, model, ranks, list.reviewers.length > 0), tables: [table] };
}

/** The cells the brief's pictures add up: the experiment's `brief` selection ("*" for every scenario or cell). */
export function briefCells(result: ExperimentResult): number[] {
  const { scenario, cell } = result.brief;
  return result.cells.filter((c) => (scenario === '*' || c.scenario === scenario) && (cell === '*' || c.grid === cell)).map((c) => c.index);
}

/** The marked share of 100 (the first of two counts, rounded so the two add up to 100). */
const of100 = (a: number, other: number) => roundToTotal([a, other], 100)[0];

/** The same, in words: "fewer than 1" when real children round to no icon. */
const of100Words = (a: number, other: number) => (of100(a, other) === 0 && a > 0 ? p.fewerThanOne : String(of100(a, other)));

/** A panel of 100 icons, or why there is none (too few children for the rate it pictures). */
function panel(c: Confusion | null, rate: 'precision' | 'recall', minCount: number, caption: (marked: number, shown: string) => string, standsFor: (children: string) => string): BriefPanel | null {
  if (c === null) return null;
  const verdict = suppression(rate, c, minCount);
  if (verdict.suppressed) return { marked: 0, caption: '', standsFor: '', withheld: verdict.reason };
  const [a, other, whole] = rate === 'precision' ? [c.tp, c.fp, c.flagged] : [c.tp, c.fn, c.positives];
  const marked = of100(a, other);
  // Real children that round to no icon are "fewer than 1", never 0 (the natural-frequency rule).
  const shown = marked === 0 && a > 0 ? p.fewerThanOne : String(marked);
  return { marked, caption: caption(marked, shown), standsFor: standsFor(childrenCount(whole)) };
}

/** "44%" (whole percent; one decimal below 10%, two below 1%), or the suppression mark. */
function percent(value: number, why: string | undefined): string {
  if (why) return why.startsWith('not defined') ? p.notDefined : s.mark;
  const pc = value * 100;
  return `${Number(pc.toFixed(pc < 1 ? 2 : pc < 10 ? 1 : 0))}%`;
}

/** "2.3" (one decimal from 1 up, whole from 100 up), or the suppression mark. */
function perCase(value: number, why: string | undefined): string {
  if (why) return why.startsWith('not defined') ? p.notDefined : s.mark;
  return value >= 100 ? childrenCount(value) : value.toFixed(1);
}

/** Why a rate is withheld at these counts, or undefined. */
function why(rate: 'precision' | 'recall' | 'flagsPerTrueCase' | 'prevalence', c: Confusion | null, minCount: number): string | undefined {
  if (c === null) return s.notDefined(s.share.all);
  const v = suppression(rate, c, minCount);
  return v.suppressed ? v.reason : undefined;
}

/**
 * The brief of an experiment: its question, its declared answer, and the
 * pictures and three numbers of the model and settings its `brief` names
 * (their counts added up across the settings, medians across replicates),
 * at the headline operating point, as the records see them and as they
 * truly are.
 *
 * @example
 * briefHtml(experimentBrief(result, stamp));
 */
export function experimentBrief(result: ExperimentResult, stamp: RunStamp): BriefInput {
  const op = headlinePoint(result);
  const opWords = operatingPointWords(op);
  const model = result.brief.model;
  const noun = modelNoun(result, model);
  const cells = briefCells(result);
  const o = result.outcome;
  const minCount = result.minCount;
  const truth = pooledConfusion(result, cells, { model, label: 'yTrue', operatingPoint: op });
  const records = pooledConfusion(result, cells, { model, label: 'yRecorded', operatingPoint: op });
  const tr = truth ? rates(truth) : null;
  const rr = records ? rates(records) : null;
  const where = cells.length === 1 ? b.focusOne(cellName(result, cells[0])) : b.focusAll(cells.length);
  const points: string[] = [];
  const shown = (c: Confusion | null, rate: 'precision' | 'recall') => c !== null && !suppression(rate, c, minCount).suppressed;
  if (shown(truth, 'precision') && shown(records, 'precision')) {
    points.push(b.pointRecords(noun, direction(rr!.precision, tr!.precision), of100Words(records!.tp, records!.fp), of100Words(truth!.tp, truth!.fp), o));
  }
  if (shown(truth, 'recall') && shown(records, 'recall')) points.push(b.pointCases(noun, of100Words(truth!.tp, truth!.fn), of100Words(records!.tp, records!.fn), o));
  const banded = result.findings.findings.filter((f) => f.band);
  if (banded.length) points.push(b.pointTargets(banded.filter((f) => f.holds === true).length, banded.length));
  const numbers: BriefNumber[] = [
    {
      value: percent(tr?.precision ?? NaN, why('precision', truth, minCount)),
      definition: b.numberPrecision(o),
      ...(rr && !why('precision', records, minCount) ? { records: b.recordsSay(percent(rr.precision, undefined)) } : {}),
    },
    {
      value: percent(tr?.recall ?? NaN, why('recall', truth, minCount)),
      definition: b.numberRecall(o),
      ...(rr && !why('recall', records, minCount) ? { records: b.recordsSay(percent(rr.recall, undefined)) } : {}),
    },
    {
      value: perCase(tr?.flagsPerTrueCase ?? NaN, why('flagsPerTrueCase', truth, minCount)),
      definition: b.numberFlagsPerCase,
      ...(rr && !why('flagsPerTrueCase', records, minCount) ? { records: b.recordsSay(perCase(rr.flagsPerTrueCase, undefined)) } : {}),
    },
  ];
  const gap = tr && rr && !why('precision', truth, minCount) && !why('precision', records, minCount) ? b.gapWords(noun, direction(rr.precision, tr.precision), Math.abs(of100(records!.tp, records!.fp) - of100(truth!.tp, truth!.fp))) : '';
  const baseRate = tr && !why('prevalence', truth, minCount) ? b.baseRateHere(percent(tr.prevalence, undefined)) : '';
  const capacity = tr && !why('flagsPerTrueCase', truth, minCount) ? b.capacityHere(noun, opWords, perCase(tr.flagsPerTrueCase, undefined)) : '';
  const { title, rest } = questionTitle(result.question);
  const list = briefList(result);
  const modelIndex = Math.max(0, result.models.findIndex((m) => m.label === model));
  return {
    title,
    lead: rest,
    synthetic: true,
    answer: result.findings.headline ? result.findings.headlineParts : p.noHeadline,
    mainPoints: points,
    focus: b.focus(noun, where, opWords),
    flagged: {
      heading: b.flaggedHeading,
      records: panel(records, 'precision', minCount, b.flaggedRecords, (c) => b.standsFor(c, b.flaggedWhat)),
      truth: panel(truth, 'precision', minCount, (n, shown) => b.flaggedTruth(n, shown, o), (c) => b.standsFor(c, b.flaggedWhat)),
    },
    cases: {
      heading: b.casesHeading(o),
      records: panel(records, 'recall', minCount, b.casesRecords, (c) => b.standsFor(c, b.recordedWhat)),
      truth: panel(truth, 'recall', minCount, b.casesTruth, (c) => b.standsFor(c, b.casesWhat(o))),
    },
    numbers,
    doesNotShow: b.doesNotShowItems,
    questions: [b.questionLabel(gap), b.questionLeakage, b.questionBaseRate(baseRate), b.questionCapacity(capacity)].map((q) => q.trim()),
    outcome: o,
    colour: modelStyle(modelIndex).colour,
    reportHref: 'report.html',
    sourcesHref: 'report.html#sources',
    glossaryHref: (id) => `report.html#g-${id}`,
    notes: [b.notes(minCount)],
    trace: [stampLine(stamp), b.footer(result.name, String(result.seed), result.configHash) + (result.quick ? ` · ${p.quickRun}` : '')],
    ...(list ? { list } : {}),
  };
}
