import { median, summarizeReplicates } from '../metrics/intervals.js';
import type { ExperimentResult, ReplicateRow } from './aggregate.js';

/** A claim an experiment makes, with the number behind it. */
export interface Finding {
  /** What is measured, in words. */
  readonly claim: string;
  /** Median across replicates, and the 2.5–97.5% points. */
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
  /** The band the issue asks for, when there is one: [lo, hi]. */
  readonly band?: readonly [number, number];
  /** True when the median lies in the band (undefined without a band). */
  readonly holds?: boolean;
}

export interface Findings {
  /** One or two plain sentences for the results index. */
  readonly headline: string;
  readonly findings: readonly Finding[];
}

interface Pick {
  cell?: number;
  model?: string;
  label?: 'yRecorded' | 'yTrue';
  metric: string;
  operatingPoint?: string;
  attribute?: string;
  group?: string;
}

/** One value per replicate for a selection of rows, reduced over the matching rows by `reduce` (default: the single value). */
export function perReplicate(result: ExperimentResult, pick: Pick, reduce: (values: number[]) => number = (v) => v[0]): number[] {
  const op = pick.operatingPoint ?? result.operatingPoints[0];
  const byRep = new Map<number, number[]>();
  for (const r of result.rows) {
    if (!matches(r, pick, op, result)) continue;
    const list = byRep.get(r.replicate);
    if (list) list.push(r.value);
    else byRep.set(r.replicate, [r.value]);
  }
  return [...byRep.keys()].sort((a, b) => a - b).map((k) => reduce(byRep.get(k)!));
}

function matches(r: ReplicateRow, p: Pick, op: string, result: ExperimentResult): boolean {
  if (r.metric !== p.metric || r.operatingPoint !== op) return false;
  if ((p.attribute ?? 'all') !== r.attribute || (p.group ?? 'all') !== r.group) return false;
  if (p.cell !== undefined && r.cell !== p.cell) return false;
  if (p.label !== undefined && r.label !== p.label) return false;
  if (p.model !== undefined) return r.model === p.model;
  return !result.models.find((m) => m.label === r.model)?.baseline;
}

/** Summarise per-replicate values as a finding, with an optional band. */
export function finding(claim: string, values: number[], band?: readonly [number, number]): Finding {
  const s = summarizeReplicates(values);
  const m = median(values);
  return { claim, median: m, lower: s.lower, upper: s.upper, ...(band ? { band, holds: m >= band[0] && m <= band[1] } : {}) };
}

/** A share as a percentage with two significant figures at most ("0.1%", "3%", "47%"). */
const pct = (x: number) => `${Number((x * 100).toPrecision(2))}%`;

function whatWorks(r: ExperimentResult): Findings {
  const precision = finding('median precision across settings and models (against records, threshold 0.5)', perReplicate(r, { label: 'yRecorded', metric: 'precision' }, median), [0.35, 0.5]);
  const recall = finding('median recall across settings and models (against records, threshold 0.5)', perReplicate(r, { label: 'yRecorded', metric: 'recall' }, median), [0.15, 0.27]);
  let best: Finding | null = null;
  for (const cell of r.cells) {
    for (const m of r.models.filter((x) => !x.baseline)) {
      const f = finding(`highest precision of any setting–model pair: ${cell.scenario}, ${m.label} (must stay below 0.65)`, perReplicate(r, { cell: cell.index, model: m.label, label: 'yRecorded', metric: 'precision' }), [0, 0.65 - 1e-12]);
      if (!best || f.median > best.median) best = f;
    }
  }
  return {
    headline: `Across four council-like settings, models flagged at 0.5 were right about ${pct(precision.median)} of the time and caught about ${pct(recall.median)} of cases that escalated — wrong about ${Math.round((1 - precision.median) * 10)} times in 10, missing about ${Math.round((1 - recall.median) * 5)} in 5.`,
    findings: [precision, recall, best!],
  };
}

function bristol(r: ExperimentResult): Findings {
  const out: Finding[] = [];
  const models = r.models.filter((m) => !m.baseline).map((m) => m.label);
  for (const model of models) {
    out.push(finding(`${model}: precision against recorded concerns, as recorded`, perReplicate(r, { cell: 0, model, label: 'yRecorded', metric: 'precision' }), [0.8, 1]));
    out.push(finding(`${model}: recall against recorded concerns, as recorded`, perReplicate(r, { cell: 0, model, label: 'yRecorded', metric: 'recall' }), [0.8, 1]));
    out.push(finding(`${model}: precision against true outcomes`, perReplicate(r, { cell: 0, model, label: 'yTrue', metric: 'precision' })));
    out.push(finding(`${model}: recall against true outcomes`, perReplicate(r, { cell: 0, model, label: 'yTrue', metric: 'recall' })));
    // Attribution uses ranking quality against the records (average precision), which
    // is defined in every cell, unlike precision at a threshold nobody may cross.
    const ap = (cell: number) => perReplicate(r, { cell, model, label: 'yRecorded', metric: 'averagePrecision' });
    const [full, noLeak, neither] = [ap(0), ap(1), ap(2)];
    out.push(finding(`${model}: apparent average precision against records, as recorded`, full));
    out.push(finding(`${model}: … owed to leakage (as recorded − no leakage)`, full.map((v, i) => v - noLeak[i])));
    out.push(finding(`${model}: … owed to detection bias (no leakage − neither)`, noLeak.map((v, i) => v - neither[i])));
    out.push(finding(`${model}: … left with neither`, neither));
  }
  const m = models[0];
  const recP = out.find((f) => f.claim === `${m}: precision against recorded concerns, as recorded`)!;
  const recR = out.find((f) => f.claim === `${m}: recall against recorded concerns, as recorded`)!;
  const trueR = out.find((f) => f.claim === `${m}: recall against true outcomes`)!;
  const full = out.find((f) => f.claim === `${m}: apparent average precision against records, as recorded`)!;
  const leak = out.find((f) => f.claim === `${m}: … owed to leakage (as recorded − no leakage)`)!;
  const bias = out.find((f) => f.claim === `${m}: … owed to detection bias (no leakage − neither)`)!;
  return {
    headline: `Judged against recorded concerns, ${m} looks very strong (precision ${recP.median.toFixed(2)}, recall ${recR.median.toFixed(2)}); against what really happened it finds ${pct(trueR.median)} of exploited children. Of its apparent average precision on the records (${full.median.toFixed(2)}), leakage accounts for ${leak.median.toFixed(2)} and detection bias for ${bias.median.toFixed(2)}.`,
    findings: out,
  };
}

function recordingBias(r: ExperimentResult): Findings {
  const out: Finding[] = [];
  const model = r.models.find((m) => !m.baseline)!.label;
  for (const cell of r.cells) {
    const sel = (g: string) => perReplicate(r, { cell: cell.index, model, label: 'yTrue', metric: 'selectionRate', attribute: 'group', group: g });
    const fpr = (g: string) => perReplicate(r, { cell: cell.index, model, label: 'yTrue', metric: 'fpr', attribute: 'group', group: g });
    const [sa, sb, fa, fb] = [sel('A'), sel('B'), fpr('A'), fpr('B')];
    out.push(finding(`${cell.grid}: selection-rate ratio B ÷ A (${model})`, sb.map((v, i) => v / sa[i])));
    out.push(finding(`${cell.grid}: false-positive-rate gap B − A against the truth (${model})`, fb.map((v, i) => v - fa[i])));
    out.push(finding(`${cell.grid}: precision against the truth for group B (${model})`, perReplicate(r, { cell: cell.index, model, label: 'yTrue', metric: 'precision', attribute: 'group', group: 'B' })));
    out.push(finding(`${cell.grid}: mean score gap B − A among children of equal true risk (${model})`, equalRiskGap(r, cell.index, model, 'group', 'A', 'B')));
  }
  const first = out[0];
  const last = out[out.length - 4];
  return {
    headline: `With identical true risk, making group B three times as visible to police and social care moves its share of flags from ${first.median.toFixed(2)}× to ${last.median.toFixed(2)}× group A's — more of B's children are flagged, and more of those flags are false alarms.`,
    findings: out,
  };
}

/**
 * Per replicate: the mean over tenths of true risk of (mean score of group b −
 * mean score of group a) — a score gap that true risk does not explain.
 */
export function equalRiskGap(r: ExperimentResult, cell: number, model: string, attribute: string, a: string, b: string): number[] {
  const byRep = new Map<number, { a: Map<number, number>; b: Map<number, number> }>();
  for (const e of r.equalRisk) {
    if (e.cell !== cell || e.model !== model || e.attribute !== attribute || (e.group !== a && e.group !== b)) continue;
    const entry = byRep.get(e.replicate) ?? { a: new Map(), b: new Map() };
    (e.group === a ? entry.a : entry.b).set(e.riskTenth, e.meanScore);
    byRep.set(e.replicate, entry);
  }
  return [...byRep.keys()].sort((x, y) => x - y).map((k) => {
    const { a: ma, b: mb } = byRep.get(k)!;
    const gaps = [...ma.keys()].filter((t) => mb.has(t)).map((t) => mb.get(t)! - ma.get(t)!).filter((g) => !Number.isNaN(g));
    return gaps.reduce((s, g) => s + g, 0) / gaps.length;
  });
}

function baseRate(r: ExperimentResult): Findings {
  const out: Finding[] = [];
  for (const cell of r.cells) {
    const pi = cell.gridValue ?? NaN;
    const precision = perReplicate(r, { cell: cell.index, model: 'oracle', label: 'yTrue', metric: 'precision' });
    out.push(finding(`base rate ${pct(pi)}: oracle precision at recall 0.5`, precision));
    out.push(finding(`base rate ${pct(pi)}: children flagged per true case (oracle)`, perReplicate(r, { cell: cell.index, model: 'oracle', label: 'yTrue', metric: 'flagsPerTrueCase' })));
    for (const m of r.models.filter((x) => !x.baseline)) {
      out.push(finding(`base rate ${pct(pi)}: ${m.label} precision at recall 0.5`, perReplicate(r, { cell: cell.index, model: m.label, label: 'yTrue', metric: 'precision' })));
      out.push(finding(`base rate ${pct(pi)}: children flagged per true case (${m.label})`, perReplicate(r, { cell: cell.index, model: m.label, label: 'yTrue', metric: 'flagsPerTrueCase' })));
    }
    const recall = perReplicate(r, { cell: cell.index, model: 'oracle', label: 'yTrue', metric: 'recall' });
    const fpr = perReplicate(r, { cell: cell.index, model: 'oracle', label: 'yTrue', metric: 'fpr' });
    const prev = perReplicate(r, { cell: cell.index, model: 'oracle', label: 'yTrue', metric: 'prevalence' });
    out.push(finding(`base rate ${pct(pi)}: oracle precision − closed form recall·π/(recall·π + FPR·(1 − π))`, precision.map((p, i) => p - (recall[i] * prev[i]) / (recall[i] * prev[i] + fpr[i] * (1 - prev[i])))));
  }
  const flags = out.filter((f) => f.claim.endsWith('children flagged per true case (oracle)'));
  const [lo, hi] = [flags[0], flags[flags.length - 1]];
  return {
    headline: `Even the best possible model (the oracle, AUC 0.80) flags about ${Math.round(lo.median)} children for each child truly at risk when the base rate is ${pct(r.cells[0].gridValue ?? NaN)}, against about ${hi.median.toFixed(1)} at ${pct(r.cells[r.cells.length - 1].gridValue ?? NaN)}.`,
    findings: out,
  };
}

function capacity(r: ExperimentResult): Findings {
  const out: Finding[] = [];
  for (const m of r.models) {
    const tp = perReplicate(r, { model: m.label, label: 'yTrue', metric: 'precision' }).map((p) => p * 1000);
    out.push(finding(`${m.label}: of the 1,000 on the list, children truly at risk`, tp));
    const pos = r.rows.filter((x) => x.model === m.label && x.label === 'yTrue' && x.metric === 'recall' && x.attribute === 'all');
    out.push(finding(`${m.label}: children truly at risk left off the list`, pos.map((x) => x.positives - Math.round(x.value * x.positives))));
  }
  const model = r.models.find((m) => !m.baseline && m.name === 'logistic') ?? r.models.find((m) => !m.baseline)!;
  const onList = out.find((f) => f.claim.startsWith(`${model.label}: of the 1,000`))!;
  const left = out.find((f) => f.claim.startsWith(`${model.label}: children truly at risk left off`))!;
  return {
    headline: `A weekly list of the top 1,000 of 350,000 children (${model.label}) holds about ${Math.round(onList.median)} children truly at risk; about ${Math.round(left.median).toLocaleString('en-GB')} children at risk are not on it.`,
    findings: out,
  };
}

const BY_NAME: Record<string, (r: ExperimentResult) => Findings> = {
  'what-works': whatWorks,
  'bristol-mirroring': bristol,
  'recording-bias': recordingBias,
  'base-rate': baseRate,
  'capacity-list': capacity,
};

/**
 * The headline and key numbers of an experiment, computed from its rows.
 * Experiments without a findings function get a generic headline.
 */
export function findings(result: ExperimentResult): Findings {
  const f = BY_NAME[result.name];
  if (f) return f(result);
  const p = finding('median precision of the models against the truth', perReplicate(result, { label: 'yTrue', metric: 'precision' }, median));
  return { headline: `Median precision against the truth: ${p.median.toFixed(2)}.`, findings: [p] };
}
