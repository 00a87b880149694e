import { METRIC_NAMES, type Confusion } from '../metrics/index.js';
import { csvLine } from '../report/csv.js';
import { escapeHtml } from '../report/escape.js';
import { htmlPage, htmlTable } from '../report/html/page.js';
import { auditWords as w } from '../claim-messages.js';
import type { AuditEvaluation, AuditRow, SensitivityRow } from './evaluate.js';

/**
 * The files of an audit folder (pure: returns text). Small-cell suppression
 * applies to every file: a count below `minCell` is written "<minCell" and
 * every number computed from a row with such a count is withheld (empty in
 * CSVs, "suppressed" in HTML and Markdown). This is primary suppression: it
 * does not stop a hidden count being recovered by subtracting the other
 * groups from the "all" row (see the README). No row of the file is copied.
 */

/** What the folder says about its input and settings. */
export interface AuditContext {
  readonly fileName: string;
  readonly sha256: string;
  readonly rows: number;
  readonly minCell: number;
  readonly config: Readonly<Record<string, unknown>>;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** True when any count of the table is below the threshold. */
export function isSuppressed(c: Confusion, minCell: number): boolean {
  return [c.n, c.positives, c.flagged, c.tp, c.fp, c.fn, c.tn].some((x) => x < minCell);
}

const count = (x: number, k: number): string | number => (x < k ? `<${k}` : x);

function countCells(c: Confusion, k: number): (string | number)[] {
  return [count(c.n, k), count(c.positives, k), count(c.flagged, k), count(c.tp, k), count(c.fp, k), count(c.fn, k), count(c.tn, k)];
}

/** Column meanings of the audit CSVs (also in the README). */
export const AUDIT_COLUMNS = {
  common: {
    file_sha256: 'SHA-256 of the audited file',
    label: 'always y_recorded: an audit judges scores against the recorded outcome only',
    operating_point: 'threshold=t, topK=k, topShare=s, recall=r, precision=p, or "any" for metrics that need no cut',
    cut_threshold: 'the score cut the operating point resolved to on everyone (children scoring ≥ it are flagged)',
    'n, positives, flagged, tp, fp, fn, tn': 'counts at the cut; "<k" when below the suppression threshold k',
    suppressed: 'true when a count of the row is below the threshold: its numbers are withheld',
  },
} as const;

/** metrics.csv: everyone, one row per operating point × metric, with its interval. */
export function* auditMetricsCsv(e: AuditEvaluation, ctx: AuditContext): Generator<string> {
  yield csvLine(['file_sha256', 'label', 'attribute', 'group', 'operating_point', 'cut_threshold', 'n', 'positives', 'flagged', 'tp', 'fp', 'fn', 'tn', 'metric', 'value', 'lower', 'upper', 'suppressed']);
  for (const r of e.rows) if (r.attribute === 'all') yield* metricLines(r, ctx);
  const hidden = e.n < ctx.minCell || e.positives < ctx.minCell || e.n - e.positives < ctx.minCell;
  yield csvLine([ctx.sha256, 'y_recorded', 'all', 'all', 'any', NaN, count(e.n, ctx.minCell), count(e.positives, ctx.minCell), '', '', '', '', '', 'brier', hidden ? '' : e.brier, '', '', hidden]);
}

function* metricLines(r: AuditRow, ctx: AuditContext): Generator<string> {
  const hidden = isSuppressed(r.confusion, ctx.minCell);
  for (const metric of METRIC_NAMES) {
    const ci = r.intervals[metric];
    yield csvLine([
      ctx.sha256, 'y_recorded', r.attribute, r.group, r.operatingPoint, r.cutThreshold, ...countCells(r.confusion, ctx.minCell), snake(metric),
      hidden ? '' : r.values[metric], hidden || !ci ? '' : ci[0], hidden || !ci ? '' : ci[1], hidden,
    ]);
  }
}

/** groups.csv: every group and every pair of groups, same columns as metrics.csv. */
export function* auditGroupsCsv(e: AuditEvaluation, ctx: AuditContext): Generator<string> {
  yield csvLine(['file_sha256', 'label', 'attribute', 'group', 'operating_point', 'cut_threshold', 'n', 'positives', 'flagged', 'tp', 'fp', 'fn', 'tn', 'metric', 'value', 'lower', 'upper', 'suppressed']);
  for (const r of e.rows) if (r.attribute !== 'all') yield* metricLines(r, ctx);
}

/** sensitivity.csv: truth bounds under each assumption. */
export function* sensitivityCsv(e: AuditEvaluation, ctx: AuditContext): Generator<string> {
  yield csvLine([
    'file_sha256', 'operating_point', 'detection', 'contact_share', 'attribute', 'group', 'n', 'positives', 'flagged', 'tp', 'fp', 'fn', 'tn',
    'possible', 'implied_true_cases', 'true_base_rate', 'true_precision_lower', 'true_precision_upper', 'true_recall_lower', 'true_recall_upper', 'suppressed',
  ]);
  for (const s of e.sensitivity) {
    const hidden = isSuppressed(s.observed, ctx.minCell);
    const b = s.bounds;
    const v = (x: number) => (hidden ? '' : x);
    yield csvLine([
      ctx.sha256, s.operatingPoint, s.detection, s.contactShare, s.attribute, s.group, ...countCells(s.observed, ctx.minCell),
      hidden ? '' : b.possible, v(b.trueCases), v(b.baseRate), v(b.precisionLo), v(b.precisionHi), v(b.recallLo), v(b.recallHi), hidden,
    ]);
  }
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : w.notDefined);

/** Cells of a group row for HTML/Markdown: counts (suppressed shown as <k) and the main rates. */
function shownRow(r: AuditRow, k: number): string[] {
  const hidden = isSuppressed(r.confusion, k);
  const rate = (m: 'precision' | 'recall' | 'fpr' | 'selectionRate') => {
    if (hidden) return w.suppressed;
    const ci = r.intervals[m];
    return ci ? `${f3(r.values[m])} (${f3(ci[0])}–${f3(ci[1])})` : f3(r.values[m]);
  };
  return [r.operatingPoint, r.attribute === 'all' ? w.everyone : `${r.attribute}: ${r.group}`, String(count(r.confusion.n, k)), String(count(r.confusion.flagged, k)), String(count(r.confusion.tp, k)), rate('precision'), rate('recall'), rate('fpr'), rate('selectionRate')];
}

function sensitivityRowCells(s: SensitivityRow, k: number): string[] {
  const hidden = isSuppressed(s.observed, k);
  const b = s.bounds;
  const range = (lo: number, hi: number) => (hidden ? w.suppressed : !b.possible ? w.impossible : `${f3(lo)}–${f3(hi)}`);
  return [s.operatingPoint, s.detection, String(s.contactShare), s.attribute === 'all' ? w.everyone : `${s.attribute}: ${s.group}`, range(b.precisionLo, b.precisionHi), range(b.recallLo, b.recallHi)];
}

/** The headline in words (everyone, first operating point). */
export function auditHeadline(e: AuditEvaluation, k: number): string {
  const r = e.rows.find((x) => x.attribute === 'all');
  if (!r || isSuppressed(r.confusion, k)) return w.headlineSuppressed(k);
  return w.headline(r.operatingPoint, r.confusion.flagged, r.values.precision, r.values.recall);
}

/** summary.md. */
export function auditSummaryMd(e: AuditEvaluation, ctx: AuditContext): string {
  const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const table = (head: readonly string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
  return [
    `# ${md(w.title(ctx.fileName))}`,
    '',
    md(w.fileLine(ctx.sha256, String(count(ctx.rows, ctx.minCell)))),
    '',
    `**${md(w.recordsOnly)}**`,
    '',
    md(auditHeadline(e, ctx.minCell)),
    '',
    `## ${w.resultsHeading}`,
    '',
    md(w.suppressionNote(ctx.minCell)),
    '',
    table(w.groupColumns, e.rows.map((r) => shownRow(r, ctx.minCell))),
    '',
    `## ${w.sensitivityHeading}`,
    '',
    md(w.sensitivityIntro),
    '',
    table(w.sensitivityColumns, e.sensitivity.map((s) => sensitivityRowCells(s, ctx.minCell))),
    '',
    `*${md(w.caveat)}*`,
    '',
  ].join('\n');
}

/** report.html: the shared page shell with the audit's own sections. */
export function auditReportHtml(e: AuditEvaluation, ctx: AuditContext): string {
  const esc = (rows: string[][]) => rows.map((r) => r.map(escapeHtml));
  const body = [
    `<h1>${escapeHtml(w.title(ctx.fileName))}</h1>`,
    `<p class="meta">${escapeHtml(w.fileLine(ctx.sha256, String(count(ctx.rows, ctx.minCell))))}</p>`,
    '<section class="headline">',
    `<h2>${escapeHtml(w.headlineHeading)}</h2>`,
    `<p class="claim">${escapeHtml(auditHeadline(e, ctx.minCell))}</p>`,
    `<p class="versus">${escapeHtml(w.recordsOnly)}</p>`,
    '</section>',
    `<h2 id="results">${escapeHtml(w.resultsHeading)}</h2>`,
    `<p class="note">${escapeHtml(w.suppressionNote(ctx.minCell))}</p>`,
    htmlTable({ columns: w.groupColumns.map(escapeHtml), rows: esc(e.rows.map((r) => shownRow(r, ctx.minCell))), numeric: [2, 3, 4, 5, 6, 7, 8] }),
    `<h2 id="records-cannot-show">${escapeHtml(w.sensitivityHeading)}</h2>`,
    `<p>${escapeHtml(w.sensitivityIntro)}</p>`,
    htmlTable({ columns: w.sensitivityColumns.map(escapeHtml), rows: esc(e.sensitivity.map((s) => sensitivityRowCells(s, ctx.minCell))), numeric: [4, 5] }),
    `<p class="note"><strong>${escapeHtml(w.caveat)}</strong></p>`,
    `<footer class="meta"><p>${escapeHtml(w.footer(ctx.sha256, String(ctx.config.seed)))}</p></footer>`,
  ].join('\n');
  return htmlPage(w.title(ctx.fileName), body);
}

/** Every file of the folder except manifest.json. */
export function auditFiles(e: AuditEvaluation, ctx: AuditContext): Record<string, string | Iterable<string>> {
  return {
    'summary.md': auditSummaryMd(e, ctx),
    'metrics.csv': auditMetricsCsv(e, ctx),
    'groups.csv': auditGroupsCsv(e, ctx),
    'sensitivity.csv': sensitivityCsv(e, ctx),
    'report.html': auditReportHtml(e, ctx),
    'config.json': `${JSON.stringify(ctx.config, null, 2)}\n`,
  };
}
