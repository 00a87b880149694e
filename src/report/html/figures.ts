import type { ExperimentResult } from '../../experiment/aggregate.js';
import { reportMessages as t } from '../../messages.js';
import type { RenderedChart } from '../charts/types.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { htmlTable } from './page.js';

/** Words of the report's layout (the folded cells, the comparison section); a sibling of reportMessages. */
export const layoutMessages = {
  cellSummary: (charts: number) => `icon arrays, results table${charts ? ` and ${charts} chart${charts === 1 ? '' : 's'}` : ''} — open to read`,
  gridHeading: (result: ExperimentResult) => {
    const scenarios = new Set(result.cells.map((c) => c.scenario)).size;
    return scenarios === result.cells.length ? 'The settings compared, one chart per measure' : `Across ${result.gridLabel || 'the grid'}, one chart per measure`;
  },
};

/**
 * A chart as a figure: its title and text description as the caption, the
 * inline SVG (which names itself by its own <title> and <desc>), then its
 * numbers as a table inside a <details> (closed on screen, for readers who
 * cannot see the chart or want the exact numbers).
 */
export function chartFigure(chart: RenderedChart): string {
  const id = `chart-${escapeAttribute(chart.id)}`;
  const numeric = chart.table.columns.map((_, j) => j).filter((j) => chart.table.rows.length > 0 && chart.table.rows.every((r) => /^[-—\d.,–() ]+$/.test(r[j])));
  return [
    `<figure class="chart" id="${id}" data-chart="${escapeAttribute(chart.id)}">`,
    `<figcaption><span class="title">${escapeHtml(chart.title)}</span><span class="description">${escapeHtml(chart.description)}</span></figcaption>`,
    `<div class="chart-scroll">${chart.svg}</div>`,
    '</figure>',
    `<details class="chart-data" data-chart-table="${escapeAttribute(chart.id)}">`,
    `<summary>${escapeHtml(t.chartDataSummary)}</summary>`,
    htmlTable({
      caption: escapeHtml(chart.table.caption),
      columns: chart.table.columns.map(escapeHtml),
      rows: chart.table.rows.map((r) => r.map(escapeHtml)),
      numeric,
    }),
    '</details>',
  ].join('\n');
}
