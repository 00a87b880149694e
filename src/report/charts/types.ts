import type { TopLevelSpec } from 'vega-lite';

/** A chart's numbers as a table (shown under the chart for readers who cannot see it). Cells are display text. */
export interface ChartTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * One chart of an experiment: a Vega-Lite spec with its title, its text
 * description (also the spec's `description`) and its numbers as a table.
 */
export interface Chart {
  /** File-name safe and unique within an experiment: "pr-curves", "equal-risk-1-sex-cell0"… */
  readonly id: string;
  /** The grid cell drawn, or null for a chart across every cell. */
  readonly cell: number | null;
  readonly title: string;
  readonly description: string;
  readonly spec: TopLevelSpec;
  readonly table: ChartTable;
}

/** A chart with its SVG (from `renderSvg`). */
export interface RenderedChart extends Chart {
  readonly svg: string;
}

/**
 * Which cell of the grid a per-cell chart draws. Charts take one cell at a
 * time (a `cell` argument, default the first) rather than faceting by cell:
 * each chart already uses its facets for models and labels, and a chart per
 * cell keeps every panel readable on a phone. `metricAcrossGrid` is the chart
 * that compares cells.
 */
export interface CellOption {
  /** Index into `result.cells`; default 0. */
  readonly cell?: number;
}
