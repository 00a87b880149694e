import { METRIC_NAMES, type Confusion } from '../metrics/index.js';
import { csvLine } from '../report/csv.js';
import { escapeHtml } from '../report/escape.js';
import { htmlPage, htmlTable } from '../report/html/page.js';
import { auditWords as w } from '../claim-messages.js';
import type { AuditEvaluation, AuditRow, SensitivityRow } from './evaluate.js';
import { briefHtml } from '../report/brief/index.js';
import { noteBannerHtml } from '../report/html/frame.js';
import { glossary } from '../report/glossary.js';
import type { RunStamp } from '../report/stamp.js';
import { auditBrief } from './brief.js';
import { operatingPointWords } from '../experiment/names.js';
import { auditDataPackage, auditReadme } from './package.js';

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
  /** The label column of the file (--label), named in the banner. Default y_recorded. */
  readonly label?: string;
  /** When and from which code (the brief's trace line). */
  readonly stamp: RunStamp;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** True when any count of the table is below the threshold. */
export function isSuppressed(c: Confusion, minCell: number): boolean {
  return [c.n, c.positives, c.flagged, c.tp, c.fp, c.fn, c.tn].some((x) => x < minCell);
}

const count = (x: number, k: number): string | number => (x < k ? `<${k}` : x);

/**
 * The counts of a row as written: a count below `k` is "<k"; in a
 * suppressed row every other count but n is withheld too (empty), so a
 * hidden count cannot be worked out from the others of its row (n − tn =
 * tp + fp + fn, flagged − tp = fp, …).
 */
function countCells(c: Confusion, k: number): (string | number)[] {
  const hidden = isSuppressed(c, k);
  const other = (x: number) => (x < k ? `<${k}` : hidden ? '' : x);
  return [count(c.n, k), other(c.positives), other(c.flagged), other(c.tp), other(c.fp), other(c.fn), other(c.tn)];
}

/** Column meanings of the audit CSVs: src/audit/package.ts (datapackage.json and README.md). */

/** metrics.csv: everyone, one row per operating point × metric, with its interval. */
export function* auditMetricsCsv(e: AuditEvaluation, ctx: AuditContext): Generator<string> {
  yield csvLine(['file_sha256', 'label', 'attribute', 'group', 'operating_point', 'cut_threshold', 'n', 'positives', 'flagged', 'tp', 'fp', 'fn', 'tn', 'metric', 'value', 'lower', 'upper', 'suppressed']);
  for (const r of e.rows) if (r.attribute === 'all') yield* metricLines(r, ctx);
  const hidden = e.n < ctx.minCell || e.positives < ctx.minCell || e.n - e.positives < ctx.minCell;
  yield csvLine([ctx.sha256, 'y_recorded', 'all', 'all', 'any', NaN, count(e.n, ctx.minCell), e.positives < ctx.minCell ? `<${ctx.minCell}` : hidden ? '' : e.positives, '', '', '', '', '', 'brier', hidden ? '' : e.brier, '', '', hidden]);
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
  const cells = countCells(r.confusion, k);
  const shown = (i: number) => { const c = cells[i]; return typeof c === 'number' ? c.toLocaleString('en-GB') : c === '' ? w.withheld : c; };
  return [r.operatingPoint, r.attribute === 'all' ? w.everyone : `${r.attribute}: ${r.group}`, shown(0), shown(2), shown(3), rate('precision'), rate('recall'), rate('fpr'), rate('selectionRate')];
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
  return w.headline(operatingPointWords(r.operatingPoint), r.confusion.flagged, r.values.precision, r.values.recall);
}

/** summary.md. */
export function auditSummaryMd(e: AuditEvaluation, ctx: AuditContext): string {
  const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const table = (head: readonly string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
  return [
    `# ${md(w.title(ctx.fileName))}`,
    '',
    `**${md(w.bannerLead)}** ${md(bannerText(ctx))}`,
    '',
    md(w.recordsOnly),
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

/**
 * report.html: the shared page shell with the audit's own sections. Each
 * operating point has its own table (everyone and each group; pairs of
 * groups folded under it), and the sensitivity table shows everyone's
 * bounds with the groups' folded, so the page stays readable with many
 * groups and assumptions.
 */
export function auditReportHtml(e: AuditEvaluation, ctx: AuditContext): string {
  const esc = (rows: string[][]) => rows.map((r) => r.map(escapeHtml));
  const g = glossary();
  const ops = [...new Set(e.rows.map((r) => r.operatingPoint))];
  const heading = (op: string) => (ops.length > 1 ? `<h3>${escapeHtml(capital(operatingPointWords(op)))}</h3>` : '');
  const folded = (summary: string, table: string) => `<details class="chart-data"><summary>${escapeHtml(summary)}</summary>\n${table}\n</details>`;
  const results = ops.flatMap((op) => {
    const rows = e.rows.filter((r) => r.operatingPoint === op);
    const single = rows.filter((r) => !r.attribute.includes(' × '));
    const pairs = rows.filter((r) => r.attribute.includes(' × '));
    const table = (rs: readonly AuditRow[]) => htmlTable({ columns: w.groupColumns.slice(1).map(escapeHtml), rows: esc(rs.map((r) => shownRow(r, ctx.minCell).slice(1))), numeric: [1, 2, 3, 4, 5, 6, 7] });
    return [heading(op), table(single), pairs.length ? folded(w.pairsFolded(pairs.length), table(pairs)) : ''];
  });
  const sensitivity = ops.flatMap((op) => {
    const rows = e.sensitivity.filter((x) => x.operatingPoint === op);
    const everyone = rows.filter((x) => x.attribute === 'all');
    const groups = rows.filter((x) => x.attribute !== 'all');
    const cells = (x: SensitivityRow) => sensitivityRowCells(x, ctx.minCell).slice(1);
    return [
      heading(op),
      htmlTable({ columns: [w.sensitivityColumns[1], w.sensitivityColumns[2], w.sensitivityColumns[4], w.sensitivityColumns[5]].map(escapeHtml), rows: esc(everyone.map((x) => [cells(x)[0], cells(x)[1], cells(x)[3], cells(x)[4]])), numeric: [1, 2, 3] }),
      groups.length ? folded(w.groupsFolded(groups.length), htmlTable({ columns: w.sensitivityColumns.slice(1).map(escapeHtml), rows: esc(groups.map(cells)), numeric: [1, 3, 4] })) : '',
    ];
  });
  const body = [
    noteBannerHtml(w.bannerLead, bannerText(ctx)),
    `<p class="meta links"><a href="brief.html">${escapeHtml(w.briefLink)}</a> · <a href="brief.pdf">brief.pdf</a> · <a href="README.md">${escapeHtml(w.readmeLink)}</a></p>`,
    `<h1>${escapeHtml(w.title(ctx.fileName))}</h1>`,
    '<section class="headline">',
    `<h2>${escapeHtml(w.headlineHeading)}</h2>`,
    `<p class="claim">${escapeHtml(auditHeadline(e, ctx.minCell))}</p>`,
    `<p class="versus">${escapeHtml(w.recordsOnly)}</p>`,
    '</section>',
    `<h2 id="results">${escapeHtml(w.resultsHeading)}</h2>`,
    `<p class="note">${escapeHtml(w.suppressionNote(ctx.minCell))}</p>`,
    ...results,
    `<h2 id="records-cannot-show">${escapeHtml(w.sensitivityHeading)}</h2>`,
    `<p>${g.html(w.sensitivityIntro)}</p>`,
    ...sensitivity,
    `<p class="note"><strong>${escapeHtml(w.caveat)}</strong></p>`,
    g.section(),
    `<footer class="meta"><p>${escapeHtml(w.footer(ctx.sha256, String(ctx.config.seed)))}</p></footer>`,
  ].filter(Boolean).join('\n');
  return htmlPage(w.title(ctx.fileName), body);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The banner's words: against the recorded label only, with the file's hash and row count (suppressed below the threshold). */
function bannerText(ctx: AuditContext): string {
  return w.banner(ctx.fileName, ctx.label ?? 'y_recorded', ctx.sha256, String(ctx.rows < ctx.minCell ? `<${ctx.minCell}` : ctx.rows.toLocaleString('en-GB')));
}

/**
 * Every file of the folder except manifest.json and brief.pdf (which io
 * prints from brief.html): the files of an experiment's folder, for an
 * audit — report, brief, summary, the CSVs, config, datapackage.json and
 * README.md.
 */
export function auditFiles(e: AuditEvaluation, ctx: AuditContext): Record<string, string | Iterable<string>> {
  const full = { ...ctx, label: ctx.label ?? 'y_recorded' };
  const everyone = e.rows.filter((r) => r.attribute === 'all').length;
  const csvRows = { 'metrics.csv': everyone * METRIC_NAMES.length + 1, 'groups.csv': (e.rows.length - everyone) * METRIC_NAMES.length, 'sensitivity.csv': e.sensitivity.length };
  return {
    'report.html': auditReportHtml(e, ctx),
    'brief.html': briefHtml(auditBrief(e, full, ctx.stamp)),
    'summary.md': auditSummaryMd(e, ctx),
    'metrics.csv': auditMetricsCsv(e, ctx),
    'groups.csv': auditGroupsCsv(e, ctx),
    'sensitivity.csv': sensitivityCsv(e, ctx),
    'config.json': `${JSON.stringify(ctx.config, null, 2)}\n`,
    'datapackage.json': auditDataPackage(e, full),
    'README.md': auditReadme(e, full, csvRows),
  };
}
