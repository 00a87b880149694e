/**
 * The report's CSS, inlined in every page: readable on a laptop and a
 * phone (one fluid column, tables scroll sideways inside their box, charts
 * shrink to the width), and printable (charts and icon arrays never split
 * across pages, colours printed as shown, navigation hidden).
 * System fonts only: nothing is fetched.
 */
export const REPORT_CSS = `
:root { --ink: #1a1a1a; --muted: #505050; --rule: #d4d4d4; --accent: #0072B2; --box: #eef4fa; --met: #006b4f; --notmet: #a63d00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 68rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; line-height: 1.25; margin: 2.25rem 0 0.75rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--rule); overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
p { margin: 0.5rem 0; }
.question { font-size: 1.15rem; margin: 0.25rem 0 0.75rem; }
.answer { font-size: 1.1rem; font-weight: 600; line-height: 1.4; }
.meta, .note, figcaption .description { color: var(--muted); font-size: 0.9rem; }
.meta code, .trace code { font-size: 0.9em; }
nav.toc { font-size: 0.95rem; margin: 1rem 0; }
nav.toc ol { margin: 0.25rem 0; padding-left: 1.25rem; }
.headline { background: var(--box); border-left: 6px solid var(--accent); padding: 0.75rem 1.25rem; margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.headline h2 { border: 0; margin: 0.25rem 0 0.5rem; padding: 0; }
.headline .claim { font-size: 1.2rem; font-weight: 600; line-height: 1.4; margin: 0.6rem 0 0.2rem; }
.headline .versus { margin: 0 0 0.6rem; }
.headline h3 { margin: 1rem 0 0.25rem; font-size: 1rem; }
.headline table { background: #fff; }
.headline caption { font-weight: 600; }
.num { font-variant-numeric: tabular-nums; }
figure { margin: 0; }
figure.chart { margin: 1.75rem 0 0.5rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { margin-bottom: 0.5rem; }
figure.chart figcaption .title { font-weight: 600; display: block; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.chart-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
details.chart-data { margin: 0.25rem 0 1.5rem; }
details.cell { border-top: 2px solid var(--rule); margin: 1rem 0; padding-top: 0.25rem; }
details.cell > summary { cursor: pointer; padding: 0.4rem 0; }
details.cell > summary h2 { display: inline; border: 0; margin: 0; padding: 0; font-size: 1.25rem; }
details.cell > summary .note { display: block; margin: 0.1rem 0 0 1.25rem; }
details.cell[open] > summary { margin-bottom: 0.75rem; }
details.chart-data summary { cursor: pointer; color: var(--accent); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5rem 0 1rem; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
th, td { padding: 0.3rem 0.55rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
tbody th[scope="rowgroup"] { background: #f5f5f5; font-weight: 600; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
.range { color: var(--muted); white-space: nowrap; }
table.results .range { display: block; font-size: 0.85em; }
.word { display: block; font-size: 0.85em; color: var(--muted); }
.verdict { white-space: nowrap; font-weight: 600; }
.verdict.met { color: var(--met); }
.verdict.not-met { color: var(--notmet); }
.verdict.unknown { color: var(--muted); }
.icon-grid { display: flex; flex-wrap: wrap; gap: 1.25rem 1.5rem; margin: 0.75rem 0 1rem; }
figure.icon-array { width: 12.5rem; max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
figure.icon-array figcaption { font-weight: 600; margin-bottom: 0.25rem; overflow-wrap: anywhere; }
figure.icon-array svg { display: block; width: 100%; height: auto; }
figure.icon-array .counts { font-size: 0.85rem; color: var(--muted); margin: 0.3rem 0 0; }
ul.icon-legend { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 0.95rem; }
ul.icon-legend li { display: flex; align-items: center; gap: 0.4rem; }
ul.icon-legend svg { width: 1.1rem; height: 1.1rem; flex: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0.5rem 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.warnings li { overflow-wrap: anywhere; }
article.experiment { border-top: 1px solid var(--rule); padding: 0.5rem 0 1rem; }
article.experiment h2 { border: 0; margin: 0.75rem 0 0.25rem; padding: 0; }
article.experiment .headline { margin: 0.5rem 0; }
footer { margin-top: 3rem; padding-top: 0.5rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
a { color: var(--accent); }
.banner { background: #fff6e0; border: 1px solid #e0b252; border-left: 6px solid #b07800; padding: 0.5rem 0.9rem; margin: 0.25rem 0 0.75rem; font-size: 0.95rem; break-inside: avoid; }
.banner p { margin: 0; }
.meta.links { margin: 0.25rem 0; }
.meta.stamp { margin: 0.25rem 0 0.5rem; }
.answer-box { background: var(--box); border-left: 6px solid var(--accent); padding: 0.6rem 1.25rem 0.5rem; margin: 0.75rem 0 1.25rem; break-inside: avoid; page-break-inside: avoid; }
.answer-box h2 { border: 0; margin: 0.2rem 0 0.4rem; padding: 0; font-size: 1.15rem; }
.answer-box .answer { font-size: 1.25rem; margin: 0.3rem 0 0.5rem; }
.suppressed { color: var(--muted); font-style: italic; }
td.suppressed { white-space: normal; }
a.term { color: inherit; text-decoration: underline dotted; text-underline-offset: 0.15em; }
dl.glossary { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0.5rem 0 1rem; }
dl.glossary dt { font-weight: 600; }
dl.glossary dd { margin: 0; }
dl.glossary dt:target, dl.glossary dt:target + dd { background: #fff6e0; }
section.pair-card { border: 2px solid var(--rule); border-radius: 6px; padding: 0.75rem 1rem; margin: 1rem 0; }
section.pair-card h2 { margin-top: 0; }
.pair-tables { overflow-x: auto; }
table.pair-who, table.pair-agencies { width: 100%; margin: 0.5rem 0; }
table.pair-who .made-up, .pair-card .made-up { color: var(--muted); font-weight: 400; font-size: 0.9em; }
table.pair-who tr.on-list td { font-size: 1.05rem; line-height: 1.25; }
table.pair-agencies caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
table.pair-agencies tr.differs td { font-weight: 600; }
.pair-card p.equal-risk { font-weight: 600; }
.pair-card .leak-card { margin-top: 1rem; border-top: 1px solid var(--rule); }
table.pair-who, table.pair-agencies { table-layout: fixed; overflow-wrap: break-word; }
table.pair-who thead td { width: 34%; }
table.pair-who thead th { width: 33%; }
table.pair-agencies col.what { width: 33%; }
table.pair-agencies tr.agency th { padding-top: 0.6rem; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--rule); }
table.pair-agencies tbody th[scope="row"] { font-weight: 400; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 0.75rem 0.75rem 2rem; }
  h1 { font-size: 1.45rem; }
  .headline { padding: 0.6rem 0.8rem; }
  .headline .claim { font-size: 1.08rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.4rem; }
  dl.glossary { grid-template-columns: 1fr; }
  dl.glossary dd { margin-bottom: 0.4rem; }
  figure.icon-array { width: calc(50% - 0.75rem); }
  /* Charts keep their drawn size on a phone (text at least 12 px) and scroll sideways in their box. */
  figure.chart .chart-scroll svg { max-width: none; }
  th, td { padding: 0.25rem 0.4rem; }
  section.pair-card { padding: 0.5rem 0.6rem; }
  table.pair-agencies { font-size: 0.85rem; }
}
@media print {
  @page { margin: 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc, details.chart-data summary { display: none; }
  a { color: inherit; text-decoration: none; }
  .table-wrap, .chart-scroll { overflow: visible; }
  figure.chart .chart-scroll svg { min-width: 0; max-width: 100%; }
  /* Break rules: a tall block may break between its paragraphs and rows rather than leave most of a page blank;
     a chart, an icon array, a paragraph or a table row never splits; a heading stays with what follows it. */
  .headline { break-inside: auto; page-break-inside: auto; }
  .headline p, .headline .claim, .headline .versus, figure.chart, figure.icon-array, tr, dl.facts > *, li { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4, caption, summary, figcaption, .question { break-after: avoid; page-break-after: avoid; }
  /* A folded cell's heading and its note ("open to read") print together: chromium does not keep a heading with an inline note after it. */
  summary { break-inside: avoid; page-break-inside: avoid; }
  p { orphans: 3; widows: 3; }
  thead { display: table-header-group; }
  /* Two charts fit a page: a chart is scaled down to at most 11 cm high (its text stays legible in print). */
  figure.chart svg { max-height: 11cm; width: auto; }
  a.term { text-decoration: none; }
}
`.trim();
