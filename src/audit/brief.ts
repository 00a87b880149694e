import { rates, roundToTotal, type Confusion } from '../metrics/index.js';
import { auditWords as w } from '../claim-messages.js';
import type { BriefInput, BriefNumber, BriefPanel } from '../report/brief/index.js';
import { modelStyle } from '../report/palette.js';
import { stampLine, type RunStamp } from '../report/stamp.js';
import { childrenCount } from '../report/words.js';
import type { AuditEvaluation, AuditRow } from './evaluate.js';
import { operatingPointWords } from '../experiment/names.js';
import { auditHeadline, isSuppressed, type AuditContext } from './files.js';

const b = w.brief;

/**
 * The one-page brief of an audit, as a `BriefInput` for the experiments'
 * `briefHtml` (src/report/brief): the same page, with the records only. The
 * pictures and the three numbers are everyone's at the first operating
 * point; the "as it truly is" panels say the truth is not known. Small-cell
 * suppression: a panel or number resting on a table with any count below
 * `minCell` is withheld, and the reason never prints the count.
 */
export function auditBrief(e: AuditEvaluation, ctx: AuditContext & { readonly label: string }, stamp: RunStamp): BriefInput {
  const k = ctx.minCell;
  const all = e.rows.find((r) => r.attribute === 'all');
  const c = all?.confusion ?? null;
  const hidden = c === null || isSuppressed(c, k);
  const r = c ? rates(c) : null;
  const rows = ctx.rows < k ? `<${k}` : ctx.rows.toLocaleString('en-GB');
  const points: string[] = [];
  if (!(e.n < k || e.positives < k || e.n - e.positives < k)) points.push(b.baseRate(per1000(e.positives / e.n)));
  if (all) {
    const spread = groupSpread(e.rows, all.operatingPoint, k);
    if (spread) points.push(spread);
    const bound = boundsPoint(e, all.operatingPoint, k);
    if (bound) points.push(bound);
  }
  const panel = (kind: 'precision' | 'recall'): BriefPanel => {
    if (hidden) return { marked: 0, caption: '', standsFor: '', withheld: b.withheld(k) };
    const [a, other, whole, what] = kind === 'precision' ? [c.tp, c.fp, c.flagged, b.flaggedWhat] : [c.tp, c.fn, c.positives, b.recordedWhat];
    const marked = roundToTotal([a, other], 100)[0];
    const shown = marked === 0 && a > 0 ? 'fewer than 1' : String(marked);
    return { marked, caption: kind === 'precision' ? b.flaggedRecords(shown) : b.casesRecords(shown), standsFor: b.standsFor(childrenCount(whole), what) };
  };
  const value = (x: number | undefined, format: (v: number) => string) => (hidden || x === undefined ? w.suppressed : Number.isFinite(x) ? format(x) : w.notDefined);
  const numbers: BriefNumber[] = [
    { value: value(r?.precision, percent), definition: b.numberPrecision },
    { value: value(r?.recall, percent), definition: b.numberRecall },
    { value: value(r?.flagsPerTrueCase, (v) => (v >= 100 ? childrenCount(v) : v.toFixed(1))), definition: b.numberFlagsPerCase },
  ];
  const baseRateHere = !hidden && r ? b.baseRateHere(percent(r.prevalence)) : '';
  const capacityHere = !hidden && r && Number.isFinite(r.flagsPerTrueCase) ? b.capacityHere(r.flagsPerTrueCase.toFixed(1)) : '';
  return {
    title: w.title(ctx.fileName),
    lead: b.lead,
    synthetic: false,
    banner: { lead: w.bannerLead, body: w.banner(ctx.fileName, ctx.label, ctx.sha256, rows) },
    answer: auditHeadline(e, k),
    mainPoints: points,
    focus: b.focus(all ? operatingPointWords(all.operatingPoint) : ''),
    flagged: { heading: 'Of 100 children the scores flag', records: panel('precision'), truth: null },
    cases: { heading: 'Of 100 recorded cases', records: panel('recall'), truth: null },
    numbers,
    doesNotShow: b.doesNotShow,
    questions: [b.questionLabel, b.questionLeakage, b.questionBaseRate(baseRateHere).trim(), b.questionCapacity(capacityHere).trim()],
    outcome: b.outcome,
    colour: modelStyle(0).colour,
    reportHref: 'report.html',
    sourcesHref: 'report.html#records-cannot-show',
    glossaryHref: (id) => `report.html#g-${id}`,
    notes: [b.notes(k)],
    trace: [stampLine(stamp), b.trace(ctx.sha256, rows, String(ctx.config.seed))],
  };
}

/** "44%" (whole percent; one decimal below 10%, two below 1%). */
function percent(v: number): string {
  const pc = v * 100;
  return `${Number(pc.toFixed(pc < 1 ? 2 : pc < 10 ? 1 : 0))}%`;
}

/** "12" or "0.4" (of every 1,000). */
function per1000(share: number): string {
  const x = share * 1000;
  return x >= 10 ? Math.round(x).toLocaleString('en-GB') : String(Number(x.toFixed(1)));
}

/** The lowest and highest share flagged among the shown groups of the first attribute with two or more shown. */
function groupSpread(rows: readonly AuditRow[], op: string, k: number): string {
  const attributes = [...new Set(rows.filter((r) => r.attribute !== 'all' && !r.attribute.includes(' × ')).map((r) => r.attribute))];
  for (const attribute of attributes) {
    const shown = rows.filter((r) => r.attribute === attribute && r.operatingPoint === op && !isSuppressed(r.confusion, k));
    if (shown.length < 2) continue;
    const sorted = [...shown].sort((a, x) => a.values.selectionRate - x.values.selectionRate);
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    return b.spread(percent(lo.values.selectionRate), lo.group, percent(hi.values.selectionRate), hi.group, attribute);
  }
  return '';
}

/** The widest everyone's sensitivity row at the operating point (lowest detection, largest contact share), in words. */
function boundsPoint(e: AuditEvaluation, op: string, k: number): string {
  const rows = e.sensitivity.filter((s) => s.attribute === 'all' && s.operatingPoint === op && s.bounds.possible && !isSuppressed(s.observed, k) && /^[0-9.]+$/.test(s.detection));
  if (!rows.length) return '';
  const pick = [...rows].sort((a, x) => Number(a.detection) - Number(x.detection) || x.contactShare - a.contactShare)[0];
  if (Number(pick.detection) === 1 && pick.contactShare === 0) return '';
  const range = (lo: number, hi: number) => `${percent(lo)}–${percent(hi)}`;
  return b.bounds(percent(Number(pick.detection)), percent(pick.contactShare), range(pick.bounds.precisionLo, pick.bounds.precisionHi), range(pick.bounds.recallLo, pick.bounds.recallHi));
}
