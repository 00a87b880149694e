import { RisklabError, trainCutMessages as tc } from '../../messages.js';
import { listMessages as t } from '../../messages-list.js';
import { isBaseline } from '../../models/registry.js';
import { operatingPointName } from '../names.js';
import type { ExperimentConfig, OperatingPointConfig } from '../schema.js';
import { listSchema, type ListConfig, type ReviewerConfig, type WeeklyConfig } from './schema.js';

/**
 * An experiment's list settings, resolved: which operating point is "the
 * list", whose lists, how many reasons, the reviewers and the weekly lists,
 * and the names of the operating points they add to the result tables.
 *
 * "The list" is the experiment's headline (first) operating point when that
 * is a list rule — topK, topShare or a threshold: rules that flag children
 * by their scores alone, as a circulated list does — else the first
 * operating point that is one. A target recall or precision is not a list a
 * force would circulate (its length is set by the records it is judged
 * on), so it never is "the list" unless named.
 *
 * Added operating points (rows of metrics.csv, selectable by findings):
 * - `<list>+review:<label>`: the list after reviewer `<label>` (its
 *   confusion tables, every rate, and `removed`, `removedShare`);
 * - `<point>+ever`: for every list-rule operating point, with weekly lists,
 *   every child on the list at least once in the year (tp = children truly
 *   at risk the list ever reaches) and the churn metrics.
 */

/** Rules whose list is a function of the scores alone. */
export const LIST_RULES: readonly OperatingPointConfig['rule'][] = ['topK', 'topShare', 'threshold'];

/**
 * Whether an operating point can be "the list": a list rule, drawn on the
 * year it is used (a point chosen on the training rows, `on: 'train'`, is
 * never the list: weekly lists and reviews redraw a list on the test
 * year's scores by its rule).
 */
export function isListPoint(spec: OperatingPointConfig): boolean {
  return LIST_RULES.includes(spec.rule) && spec.on !== 'train';
}

/** A named operating point of the experiment. */
export interface NamedPoint {
  readonly spec: OperatingPointConfig;
  readonly name: string;
}

/** An operating point the list adds. */
export interface DerivedPoint {
  readonly name: string;
  /** The operating point it derives from. */
  readonly base: NamedPoint;
  readonly kind: 'review' | 'ever';
  /** The reviewer's label (kind "review"). */
  readonly reviewer?: string;
}

export interface ListPlan {
  /** The list's operating point; null when the experiment has no list rule. */
  readonly list: NamedPoint | null;
  /** Model labels whose lists are written and measured, in experiment order. */
  readonly models: readonly string[];
  readonly reasons: number;
  readonly sample: number;
  /** The model the report samples (null: the first of `models` that gives reasons, decided from the run). */
  readonly sampleModel: string | null;
  readonly reviewers: readonly ReviewerConfig[];
  readonly weekly: WeeklyConfig | null;
  /** Operating points with weekly lists: every list rule (none without `weekly`). */
  readonly weeklyPoints: readonly NamedPoint[];
  /** Operating points the list adds to the result tables. */
  readonly derived: readonly DerivedPoint[];
  /**
   * Whether the one-page brief shows the list's five rows: when the
   * experiment file sets `list` (its question is about the list). Otherwise
   * the report alone shows them, and the brief stays one page.
   */
  readonly onBrief: boolean;
}

/** The defaults of every list setting (the schema's, parsed from nothing). */
export function listConfig(experiment: Pick<ExperimentConfig, 'list'>): ListConfig {
  return experiment.list ?? listSchema.parse({});
}

/** The name of the reviewed list. */
export const reviewedPointName = (list: string, reviewer: string) => `${list}+review:${reviewer}`;
/** The name of "on the list at least once in the year". */
export const everPointName = (point: string) => `${point}+ever`;

const labelOf = (m: { readonly name: string; readonly label?: string }) => m.label ?? m.name;

/**
 * Resolve and check the list settings of a validated experiment; a bad name
 * fails with one line naming the field and the known names.
 */
export function planList(experiment: ExperimentConfig): ListPlan {
  const config = listConfig(experiment);
  const points = experiment.operatingPoints.map((spec) => ({ spec, name: operatingPointName(spec) }));
  const listPoints = points.filter((p) => isListPoint(p.spec));
  let list: NamedPoint | null;
  if (config.operatingPoint !== undefined) {
    const named = points.find((p) => p.name === config.operatingPoint);
    if (!named) throw new RisklabError(t.unknown('list.operatingPoint', config.operatingPoint, points.map((p) => p.name)), 'list');
    if (!LIST_RULES.includes(named.spec.rule)) throw new RisklabError(t.notListRule('list.operatingPoint', named.name), 'list');
    if (!isListPoint(named.spec)) throw new RisklabError(tc.notList('list.operatingPoint', named.name), 'list');
    list = named;
  } else {
    list = isListPoint(points[0].spec) ? points[0] : (listPoints[0] ?? null);
  }
  const labels = experiment.models.map(labelOf);
  const models = config.models ?? experiment.models.filter((m) => !isBaseline(m.name)).map(labelOf);
  (config.models ?? []).forEach((m, i) => {
    if (!labels.includes(m)) throw new RisklabError(t.unknown(`list.models[${i}]`, m, labels), 'list');
  });
  const dup = models.find((m, i) => models.indexOf(m) !== i);
  if (dup !== undefined) throw new RisklabError(t.duplicate('list.models', dup), 'list');
  if (config.sampleModel !== undefined && !models.includes(config.sampleModel)) throw new RisklabError(t.unknown('list.sampleModel', config.sampleModel, models), 'list');
  const reviewerLabels = config.review.map((r) => r.label);
  const dupReviewer = reviewerLabels.find((m, i) => reviewerLabels.indexOf(m) !== i);
  if (dupReviewer !== undefined) throw new RisklabError(t.duplicate('list.review[].label', dupReviewer), 'list');
  const weekly = config.weekly ?? null;
  if (experiment.list !== undefined && list === null) throw new RisklabError(t.noListPoint('list', points.map((p) => p.name)), 'list');
  const weeklyPoints = weekly && list ? listPoints : [];
  const derived: DerivedPoint[] = [];
  if (list) for (const r of config.review) derived.push({ name: reviewedPointName(list.name, r.label), base: list, kind: 'review', reviewer: r.label });
  for (const p of weeklyPoints) derived.push({ name: everPointName(p.name), base: p, kind: 'ever' });
  return { list, models: list ? models : [], reasons: config.reasons, sample: config.sample, sampleModel: config.sampleModel ?? null, reviewers: config.review, weekly, weeklyPoints, derived, onBrief: experiment.list !== undefined };
}

/** The operating point a derived point's name stands on ("topK=1000+ever" → "topK=1000"), or the name itself. */
export function basePointName(name: string): string {
  if (name.endsWith('+ever')) return name.slice(0, -'+ever'.length);
  const review = name.lastIndexOf('+review:');
  return review < 0 ? name : name.slice(0, review);
}
