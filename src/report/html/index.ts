/**
 * HTML reports: one self-contained page per experiment and an index.
 * Pure: results in, strings out (io writes them).
 *
 * @example
 * const charts = await renderCharts(experimentCharts(result));
 * const report = experimentReportHtml(result, charts, { version });
 * const index = indexHtml(results, { version });
 */
export { experimentReportHtml, headlineFor, headlineModels, headlineSentences, type ReportExtras } from './report.js';
export { indexHtml, type IndexExtras } from './index-page.js';
export { replicateConfusions, medianConfusion, headlineNumbers, iconsOf, groupsDiffer, type CountSelection, type HeadlineNumbers } from './headline.js';
export { iconArrayFigure, iconLegend } from './icons.js';
export { resultsTable } from './results-table.js';
