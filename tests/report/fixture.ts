import { readFileSync } from 'node:fs';
import type { ExperimentResult } from '../../src/experiment/aggregate.js';
import { decodeResult } from '../fixtures/report/codec.js';

/** The tiny seeded experiment result (tests/fixtures/report/make-result.ts wrote it). */
export function tinyResult(): ExperimentResult {
  return decodeResult(readFileSync(new URL('../fixtures/report/tiny-result.json', import.meta.url), 'utf8'));
}

/** Texts a hostile config could hold, and where the hostile result puts them. */
export const HOSTILE = {
  group: '<script>alert(1)</script>',
  attribute: `sex'"><svg onload=alert(2)>`,
  scenario: '"><img src=x onerror=alert(3)>',
  model: 'logistic <b>&amp;</b> "co"',
  question: 'Is <iframe src="https://example.org"></iframe> escaped?',
  source: '=HYPERLINK("https://example.org","click")',
} as const;

/** The texts `hostileResult` puts in place of the tiny result's names. */
export type HostileTexts = { readonly [K in keyof typeof HOSTILE]: string } & { readonly warnings?: readonly string[] };

/**
 * The tiny result with config and data texts replaced by hostile ones: the
 * group "female" becomes `<script>alert(1)</script>`, the attribute "sex",
 * the scenario label, the model "logistic", the question and a source carry
 * markup. Every table of the result is renamed consistently. Other texts
 * (Markdown or terminal attacks, say) can be given instead of HOSTILE's.
 */
export function hostileResult(texts: Partial<HostileTexts> = {}): ExperimentResult {
  const h = { ...HOSTILE, ...texts };
  const r = tinyResult();
  const group = (g: string) => (g === 'female' ? h.group : g);
  const attribute = (a: string) => (a === 'sex' ? h.attribute : a);
  const model = (m: string) => (m === 'logistic' ? h.model : m);
  return {
    ...r,
    question: h.question,
    sources: [...r.sources, h.source],
    cells: r.cells.map((c) => ({ ...c, scenario: h.scenario, sources: [...c.sources, { claim: h.group, source: h.source, confidence: 'assumption' }] })),
    models: r.models.map((m) => ({ ...m, label: model(m.label) })),
    rows: r.rows.map((x) => ({ ...x, model: model(x.model), attribute: attribute(x.attribute), group: group(x.group) })),
    summary: r.summary.map((x) => ({ ...x, model: model(x.model), attribute: attribute(x.attribute), group: group(x.group) })),
    brier: r.brier.map((x) => ({ ...x, model: model(x.model) })),
    curves: r.curves.map((x) => ({ ...x, model: model(x.model) })),
    equalRisk: r.equalRisk.map((x) => ({ ...x, model: model(x.model), attribute: attribute(x.attribute), group: group(x.group) })),
    lists: r.lists.map((l) => ({
      ...l,
      model: model(l.model),
      entries: l.entries.map((e) => ({ ...e, groups: Object.fromEntries(Object.entries(e.groups).map(([a, g]) => [attribute(a), group(g)])) })),
    })),
    warnings: h.warnings ?? [h.group],
  };
}

/** The tiny result cut to its first cell (a one-setting experiment). */
export function oneCell(r: ExperimentResult): ExperimentResult {
  const keep = <T extends { cell: number }>(xs: readonly T[]) => xs.filter((x) => x.cell === 0);
  return {
    ...r,
    name: 'tiny-one-cell',
    cells: r.cells.slice(0, 1),
    rows: keep(r.rows),
    summary: keep(r.summary),
    brier: keep(r.brier),
    curves: keep(r.curves),
    equalRisk: keep(r.equalRisk),
    sizes: keep(r.sizes),
    cards: keep(r.cards ?? []),
    lists: keep(r.lists),
  };
}

/**
 * The tiny result as if the logistic model had flagged nobody at the
 * headline operating point: every flagged child moved to "not flagged"
 * (tp → fn, fp → tn) and every rate that needs a flag set to NaN, as the
 * metrics module gives it.
 */
export function nobodyFlagged(r: ExperimentResult): ExperimentResult {
  const op = r.operatingPoints[0];
  const needsFlag = new Set(['precision', 'fdr', 'flagsPerTrueCase', 'f1', 'mcc']);
  const hit = (x: { model: string; operatingPoint: string }) => x.model === 'logistic' && x.operatingPoint === op;
  return {
    ...r,
    rows: r.rows.map((x) =>
      hit(x) ? { ...x, flagged: 0, tp: 0, fp: 0, fn: x.tp + x.fn, tn: x.fp + x.tn, value: needsFlag.has(x.metric) ? NaN : x.metric === 'recall' || x.metric === 'selectionRate' || x.metric === 'fpr' ? 0 : x.value } : x,
    ),
    summary: r.summary.map((x) => (hit(x) ? { ...x, flagged: 0, ...(needsFlag.has(x.metric) ? { median: NaN, lower: NaN, upper: NaN, mean: NaN, count: 0 } : {}) } : x)),
  };
}
