import { reportMessages as t } from '../../messages.js';
import type { RenderedChart } from '../charts/types.js';
import { escapeAttribute, escapeHtml } from '../escape.js';
import { htmlTable } from './page.js';

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
