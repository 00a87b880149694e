import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { trainerCard } from '../../experiment/card.js';
import { operatingPointWords } from '../../experiment/names.js';
import { iconArray, rates, roundToTotal, suppression, type Confusion } from '../../metrics/index.js';
import { pageMessages as p } from '../../messages.js';
import { briefCells } from '../brief/experiment.js';
import { cellName, headlinePoint } from '../charts/common.js';
import { equalRiskAttributes } from '../charts/equal-risk.js';
import { recordedTrueGap } from '../charts/gap.js';
import { metricAcrossGrid } from '../charts/grid.js';
import { groupErrorRates } from '../charts/group-rates.js';
import { precisionRecallByThreshold } from '../charts/threshold.js';
import { findingsTable } from '../findings-table.js';
import { pooledConfusion } from '../html/headline.js';
import { stampLine, type RunStamp } from '../stamp.js';
import { direction, modelNoun, questionTitle } from '../words.js';
import { slideCard } from './card.js';
import { cardSvg, findingsSvg, iconArraysSvg, type IconPanel } from './pictures.js';
import { chartSlideSvg, type SlideSvg, type SvgRenderer } from './projector.js';
import { slideMessages as m } from './texts.js';

/**
 * The slide deck of an experiment, as data (issue 11 §3): 6–8 slides, each
 * with one message in its title (from the experiment's declared headline
 * and findings, with this run's numbers), a picture, and speaker notes.
 * Pure: `experimentDeck` turns a result into slide content and
 * `deckImages` draws each slide's picture as a 1920 × 1080 SVG; src/io/
 * slides.ts turns them into PNGs and slides.pptx.
 *
 * The slides, in order:
 * 1. the question, with the declared headline (the answer) under it;
 * 2. the records-versus-truth chart ("Looks 9 in 10 on the records; really finds 6 in 10");
 * 3. the icon arrays: 1,000 children as the records see them and as they truly are, at the real base rate;
 * 4. the declared findings, with their ranges and targets;
 * 5. the detail: a finding's measure across the grid (several settings) or precision and recall at every threshold (one);
 * 6. error rates by group (when the experiment has groups);
 * 7. the "same child, different record" card (when the experiment asks for an example pair);
 * 8. questions to ask a supplier.
 */

/** What a slide's picture is drawn from. */
export type SlidePicture =
  | { readonly kind: 'chart'; readonly spec: TopLevelSpec }
  | { readonly kind: 'svg'; readonly draw: () => SlideSvg };

/** One slide. */
export interface SlideContent {
  /** File-name safe, unique in the deck: the picture is slides/<index>-<id>.png. */
  readonly id: string;
  /** The slide's one message. */
  readonly title: string;
  /** Text under the title (the first slide's answer); empty on picture slides. */
  readonly body: readonly string[];
  /** Speaker notes. */
  readonly notes: string;
  /** The picture, with its text alternative; null on a text slide. */
  readonly picture: { readonly alt: string; readonly source: SlidePicture } | null;
}

/** A deck. */
export interface Deck {
  readonly title: string;
  /** The run it came from (date, version, commit; experiment, seed, config), on every slide's foot. */
  readonly trace: string;
  /** The run's date (YYYY-MM-DD) or null: the deck's document dates are set from it, never the clock. */
  readonly date: string | null;
  readonly slides: readonly SlideContent[];
}

/** "6" of 10 (rounded so the two add up to 10); "fewer than 1" when real children round to none. */
function of10(a: number, other: number): string {
  const n = roundToTotal([a, other], 10)[0];
  return n === 0 && a > 0 ? m.iconsFewer : String(n);
}

/** The brief's model and settings (the experiment's `brief`), pooled: the confusion tables every slide's numbers come from. */
function focusOf(result: ExperimentResult) {
  const op = headlinePoint(result);
  const cells = briefCells(result);
  const model = result.brief.model;
  return {
    op,
    opWords: operatingPointWords(op),
    cells,
    model,
    noun: modelNoun(result, model),
    where: cells.length === 1 ? cellName(result, cells[0]) : p.brief.focusAll(cells.length),
    records: pooledConfusion(result, cells, { model, label: 'yRecorded', operatingPoint: op }),
    truth: pooledConfusion(result, cells, { model, label: 'yTrue', operatingPoint: op }),
  };
}

type Focus = ReturnType<typeof focusOf>;

const visible = (c: Confusion | null, rate: 'precision' | 'recall', minCount: number): c is Confusion =>
  c !== null && c.n > 0 && !suppression(rate, c, minCount).suppressed && Number.isFinite(rates(c)[rate]);

function answerSlide(result: ExperimentResult, f: Focus): SlideContent {
  const { title, rest } = questionTitle(result.question);
  const headline = result.findings.headline || p.noHeadline;
  return {
    id: 'answer',
    title: m.deckTitle(title),
    body: [headline, ...(rest ? [rest] : []), m.madeUp],
    notes: m.answerNotes(headline, p.brief.focus(f.noun, f.where, f.opWords)),
    picture: null,
  };
}

function gapSlide(result: ExperimentResult, f: Focus): SlideContent {
  const chart = recordedTrueGap(result, result.cells.length > 1 ? { cell: null } : { cell: 0 });
  const ok = visible(f.records, 'recall', result.minCount) && visible(f.truth, 'recall', result.minCount);
  const rec = ok ? of10(f.records!.tp, f.records!.fn) : '';
  const tru = ok ? of10(f.truth!.tp, f.truth!.fn) : '';
  return {
    id: 'records-and-truth',
    title: ok ? m.gapTitle(rec, tru) : m.gapTitleNone,
    body: [],
    notes: m.gapNotes(f.noun, f.opWords, rec || p.notDefined, tru || p.notDefined, result.outcome),
    picture: { alt: m.imageAlt(chart.title, chart.description), source: { kind: 'chart', spec: chart.spec } },
  };
}

function iconsSlide(result: ExperimentResult, f: Focus): SlideContent {
  const o = result.outcome;
  const arrays = [f.records, f.truth].map((c) => (c && c.n > 0 ? iconArray(c, { size: 1000, columns: 40 }) : null));
  const [rec, tru] = arrays;
  const count = (icons: typeof rec, kinds: number[]) => (icons ? kinds.reduce((a, k) => a + icons.counts[k], 0) : NaN);
  const panels: [IconPanel, IconPanel] = [
    { heading: m.iconsHeading.records, icons: rec, kinds: m.iconKinds.records, fewer: m.iconsFewer, empty: p.notDefined },
    { heading: m.iconsHeading.truth, icons: tru, kinds: m.iconKinds.truth(o), fewer: m.iconsFewer, empty: p.notDefined },
  ];
  const title = rec && tru ? m.iconsTitle(String(count(rec, [0, 1])), String(count(rec, [0])), String(count(tru, [0]))) : m.gapTitleNone;
  const zero = arrays.some((a) => a && a.roundedToZero.length > 0) ? m.iconsRoundedToZero : '';
  return {
    id: 'icon-arrays',
    title,
    body: [],
    notes: m.iconsNotes(f.noun, f.opWords, f.where, String(count(rec, [0, 2])), String(count(tru, [0, 2])), o, zero),
    picture: { alt: `${m.iconsHeading.records} · ${m.iconsHeading.truth}: ${title}`, source: { kind: 'svg', draw: () => iconArraysSvg(panels) } },
  };
}

/** At most this many findings on the findings slide (the rest are in report.html). */
const FINDINGS_SHOWN = 6;

function findingsSlide(result: ExperimentResult): SlideContent {
  const findings = result.findings.findings;
  const banded = findings.filter((x) => x.band);
  // Banded findings first (the targets the title counts), then the rest, in declared order.
  const ordered = [...banded, ...findings.filter((x) => !x.band)];
  const table = findingsTable(ordered);
  // The verdict in words only (✓ and ✗ are not in the slide font).
  const verdict = (v: string) => v.replace(/^[✓✗?]\s*/u, '');
  const rows = table.rows.slice(0, FINDINGS_SHOWN).map((r) => (r.cells.length > 3 ? [r.cells[0], r.cells[1], r.cells[2], r.cells[3], verdict(r.cells[5])] : r.cells));
  const columns = table.columns.length > 3 ? m.findingsColumns : m.findingsColumns.slice(0, 3);
  const first = table.rows[0];
  const title = banded.length
    ? m.findingsTitleTargets(banded.filter((x) => x.holds === true).length, banded.length)
    : first
      ? m.findingsTitle(first.cells[0], first.cells[1])
      : m.findingsTitleNone;
  return {
    id: 'findings',
    title,
    body: [],
    notes: m.findingsNotes(Math.min(FINDINGS_SHOWN, findings.length), findings.length),
    picture: { alt: title, source: { kind: 'svg', draw: () => findingsSvg(columns, rows) } },
  };
}

function detailSlide(result: ExperimentResult, f: Focus, gridMetrics: readonly string[]): SlideContent {
  if (result.cells.length > 1) {
    const metric = gridMetrics[0] ?? 'recall';
    const chart = metricAcrossGrid(result, { metric, labels: ['yRecorded', 'yTrue'] });
    const values = result.summary.filter((r) => r.attribute === 'all' && r.label === 'yTrue' && r.operatingPoint === f.op && r.metric === metric && r.model === f.model && Number.isFinite(r.median)).map((r) => r.median);
    const words = metricWords(metric);
    const fmt = (v: number) => (metric === 'flagsPerTrueCase' ? v.toFixed(1) : v.toFixed(2));
    const title = values.length ? m.gridTitle(words, fmt(Math.min(...values)), fmt(Math.max(...values)), result.gridLabel) : chart.title;
    return { id: 'across-the-grid', title, body: [], notes: m.gridNotes(words, result.gridLabel), picture: { alt: m.imageAlt(chart.title, chart.description), source: { kind: 'chart', spec: chart.spec } } };
  }
  const chart = precisionRecallByThreshold(result, { cell: 0 });
  const ok = visible(f.records, 'precision', result.minCount) && visible(f.truth, 'precision', result.minCount);
  const title = ok ? m.thresholdTitle(f.opWords, rates(f.records!).precision.toFixed(2), rates(f.truth!).precision.toFixed(2)) : chart.title;
  return { id: 'thresholds', title, body: [], notes: m.thresholdNotes(f.noun), picture: { alt: m.imageAlt(chart.title, chart.description), source: { kind: 'chart', spec: chart.spec } } };
}

function metricWords(metric: string): string {
  return metric === 'flagsPerTrueCase' ? 'children flagged per true case' : metric === 'fpr' ? 'the false-positive rate' : metric;
}

function groupsSlide(result: ExperimentResult, f: Focus): SlideContent | null {
  const cell = f.cells[0] ?? 0;
  const attributes = [...new Set(result.summary.filter((r) => r.cell === cell && r.attribute !== 'all' && !r.attribute.includes(' × ')).map((r) => r.attribute))];
  if (attributes.length === 0) return null;
  const chart = groupErrorRates(result, { cell });
  // The attribute the example pair or the equal-risk charts are about, else the first.
  const attribute = (trainerCard(result)?.attribute || undefined) ?? equalRiskAttributes(result, cell)[0] ?? attributes[0];
  const rows = result.summary.filter((r) => r.cell === cell && r.attribute === attribute && r.label === 'yTrue' && r.operatingPoint === f.op && r.metric === 'fpr' && r.model === f.model && Number.isFinite(r.median) && r.n - r.positives >= result.minCount);
  const sorted = [...rows].sort((a, b) => b.median - a.median || a.group.localeCompare(b.group));
  const per100 = (v: number) => String(Math.round(v * 100) === 0 && v > 0 ? m.iconsFewer : Math.round(v * 100));
  const title = sorted.length >= 2 ? m.groupsTitle(attribute, sorted[0].group, per100(sorted[0].median), sorted[sorted.length - 1].group, per100(sorted[sorted.length - 1].median)) : m.groupsTitleNone;
  return { id: 'groups', title, body: [], notes: m.groupsNotes(f.noun, cellName(result, cell)), picture: { alt: m.imageAlt(chart.title, chart.description), source: { kind: 'chart', spec: chart.spec } } };
}

function cardSlide(result: ExperimentResult, f: Focus): SlideContent | null {
  const card = slideCard(result);
  if (card === null) return null;
  if (card.kind === 'none') return { id: 'same-child', title: m.cardTitleNone, body: [card.explanation], notes: m.cardNotesNone(card.explanation), picture: null };
  const [a, b] = card.children;
  return {
    id: 'same-child',
    title: m.cardTitle(a.name, a.rank, b.name, b.rank),
    body: [],
    notes: m.cardNotes(card.cell, card.model, card.listSize, card.testSize),
    picture: {
      alt: m.cardTitle(a.name, a.rank, b.name, b.rank),
      source: {
        kind: 'svg',
        draw: () =>
          cardSvg({
            truthHeading: m.cardTruth,
            truth: card.truth.join(', ') || m.cardNone,
            recordsHeading: m.cardRecords,
            note: m.madeUp,
            children: [a, b].map((c) => ({ who: c.who, group: c.group, onList: c.onList, listWords: m.cardList(c.onList), score: m.cardScore(c.score, c.rank, card.testSize), risk: c.risk, recorded: c.recorded.length ? c.recorded : [m.cardNothing] })) as [never, never],
          }),
      },
    },
  };
}

function questionsSlide(result: ExperimentResult, f: Focus): SlideContent {
  const b = p.brief;
  const ok = visible(f.records, 'precision', result.minCount) && visible(f.truth, 'precision', result.minCount);
  let title = m.questionsTitlePlain;
  if (ok) {
    const [rr, tr] = [rates(f.records!), rates(f.truth!)];
    const points = Math.abs(roundToTotal([f.records!.tp, f.records!.fp], 100)[0] - roundToTotal([f.truth!.tp, f.truth!.fp], 100)[0]);
    title = m.questionsTitle(f.noun, direction(rr.precision, tr.precision), points);
  }
  const body = [b.questionLabel('').trim(), b.questionLeakage, b.questionBaseRate('').trim(), b.questionCapacity('').trim()];
  return { id: 'questions', title, body, notes: m.questionsNotes(b.doesNotShowItems), picture: null };
}

/**
 * The deck of an experiment: slide content as data, titles and notes with
 * this run's numbers.
 *
 * `gridMetrics`: the measures the findings are about (folder.ts
 * `findingMetrics`); with several settings the detail slide draws the first
 * across the grid (default recall).
 *
 * @example
 * const deck = experimentDeck(result, stamp, { gridMetrics: ['precision'] });
 * deck.slides.map((s) => s.title); // ["Does a tool …?", "Looks 9 in 10 on the records; really finds 6 in 10", …]
 */
export function experimentDeck(result: ExperimentResult, stamp: RunStamp, options: { readonly gridMetrics?: readonly string[] } = {}): Deck {
  const f = focusOf(result);
  const slides = [answerSlide(result, f), gapSlide(result, f), iconsSlide(result, f), findingsSlide(result), detailSlide(result, f, options.gridMetrics ?? []), groupsSlide(result, f), cardSlide(result, f), questionsSlide(result, f)].filter((s): s is SlideContent => s !== null);
  return {
    title: questionTitle(result.question).title,
    trace: m.trace(stampLine(stamp), p.brief.footer(result.name, String(result.seed), result.configHash) + (result.quick ? ` · ${p.quickRun}` : '')),
    date: stamp.date,
    slides,
  };
}

/** The file name of a slide's picture, in the deck's order: "02-records-and-truth.png". */
export function pictureName(deck: Deck, slide: SlideContent): string {
  return `${String(deck.slides.indexOf(slide) + 1).padStart(2, '0')}-${slide.id}.png`;
}

/** A picture of a deck: its file name (pictureName), its slide's index, the id prefix of its SVG, and what it is drawn from. */
export interface DeckPicture {
  readonly name: string;
  readonly slide: number;
  readonly idPrefix: string;
  readonly source: SlidePicture;
}

/** Every picture of a deck, in slide order (nothing rendered yet). */
export function deckPictures(deck: Deck): DeckPicture[] {
  return deck.slides.flatMap((slide, i) => (slide.picture ? [{ name: pictureName(deck, slide), slide: i, idPrefix: `slide${i + 1}`, source: slide.picture.source }] : []));
}

/** Every picture of a deck as a 1920 × 1080 SVG, by file name (pictureName), in slide order. */
export async function deckImages(deck: Deck, render?: SvgRenderer): Promise<{ name: string; slide: number; image: SlideSvg }[]> {
  // Charts render at once (on a render pool's threads when `render` is its `render`), in slide order in the output.
  return Promise.all(
    deckPictures(deck).map(async ({ name, slide, idPrefix, source }) => ({ name, slide, image: source.kind === 'chart' ? await chartSlideSvg(source.spec, idPrefix, render) : source.draw() })),
  );
}
