import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/aggregate.js';
import { resultIndex } from '../../experiment/result-index.js';
import { summarizeReplicates } from '../../metrics/intervals.js';
import { RisklabError, messages, roundsMessages as t } from '../../messages.js';
import { slug } from '../escape.js';
import { LABEL_ENCODING } from '../palette.js';
import { PANEL_HEIGHT, PANEL_WIDTH, categoryScales, headlinePoint, pointWords, specHead } from './common.js';
import { chartNumber, formatInterval, formatRate } from './format.js';
import type { Chart } from './types.js';

/** Options for `groupSharesByRound`. */
export interface RoundSharesOptions {
  /** A group attribute; default the first one in the rows. */
  readonly attribute?: string;
  /** A level of it; default its last level (the comparison group, e.g. "B" against the reference "A"). */
  readonly group?: string;
  /** The model whose list is drawn; default the first model. */
  readonly model?: string;
}

type Kind = 'list' | 'yRecorded' | 'yTrue';
const KINDS: readonly Kind[] = ['list', 'yRecorded', 'yTrue'];

/** Levels of an attribute in the order the rows first give them. */
function levelsOf(result: ExperimentResult, attribute: string): string[] {
  const seen: string[] = [];
  for (const r of result.rows) if (r.attribute === attribute && !seen.includes(r.group)) seen.push(r.group);
  return seen;
}

/**
 * One group's share of three things, per replicate: of the children on the
 * list (flagged at the headline operating point), of the children with an
 * outcome on record, and of the children truly at risk; the median and the
 * 2.5–97.5% points across replicates.
 */
function shares(result: ExperimentResult, cell: number, round: number, model: string, attribute: string, group: string) {
  const index = resultIndex(result);
  const op = headlinePoint(result);
  const at = (label: 'yRecorded' | 'yTrue', a: string, g: string) => index.points({ cell, model, label, attribute: a, group: g, operatingPoint: op, round });
  const share = (part: readonly { flagged: number; positives: number }[], whole: readonly { flagged: number; positives: number }[], field: 'flagged' | 'positives') =>
    part.map((p, i) => (whole[i] && whole[i][field] > 0 ? p[field] / whole[i][field] : NaN));
  const values: Record<Kind, number[]> = {
    list: share(at('yTrue', attribute, group), at('yTrue', 'all', 'all'), 'flagged'),
    yRecorded: share(at('yRecorded', attribute, group), at('yRecorded', 'all', 'all'), 'positives'),
    yTrue: share(at('yTrue', attribute, group), at('yTrue', 'all', 'all'), 'positives'),
  };
  const out = {} as Record<Kind, { median: number; lower: number; upper: number }>;
  for (const k of KINDS) {
    const s = summarizeReplicates(values[k]);
    out[k] = { median: s.median, lower: s.lower, upper: s.upper };
  }
  return out;
}

/**
 * The chart of an experiment with rounds: how one group's share of the list
 * and of the cases moves round by round. One column of panels per
 * scenario; the top row is the group's share of the list, the bottom row
 * its share of the cases — the children with a recorded outcome (against
 * the records: hollow markers, dashed lines) and the children truly at
 * risk (against the truth: filled markers, solid lines), the one
 * records-versus-truth encoding (`LABEL_ENCODING`). Colour and marker
 * shape are the grid cell (no loop, loop, corrected…). Each point is the
 * median across replicates, with the 2.5–97.5% range as a rule.
 *
 * @example
 * groupSharesByRound(result, { attribute: 'group', group: 'B' }).table.rows[0]; // [scenario, cell, "1", "0.51", "0.35–0.64", …]
 */
export function groupSharesByRound(result: ExperimentResult, options: RoundSharesOptions = {}): Chart {
  if (result.rounds === undefined) throw new RisklabError(t.noRounds('groupSharesByRound'), 'rounds');
  const attributes = [...new Set(result.rows.filter((r) => r.attribute !== 'all' && !r.attribute.includes(' × ')).map((r) => r.attribute))];
  const attribute = options.attribute ?? attributes[0];
  if (!attributes.includes(attribute)) throw new RisklabError(messages.unknownName('attribute', String(attribute), attributes), 'attribute');
  const levels = levelsOf(result, attribute);
  const group = options.group ?? levels[levels.length - 1];
  if (!levels.includes(group)) throw new RisklabError(messages.unknownName('group', group, levels), 'group');
  const model = options.model ?? result.models[0].label;
  if (!result.models.some((m) => m.label === model)) throw new RisklabError(messages.unknownName('model', model, result.models.map((m) => m.label)), 'model');
  const op = headlinePoint(result);
  const scenarios = [...new Set(result.cells.map((c) => c.scenario))];
  const cellNames = [...new Set(result.cells.map((c) => c.grid))];
  const scales = categoryScales(cellNames);
  const values: object[] = [];
  const table: string[][] = [];
  for (const c of result.cells) {
    for (let round = 1; round <= result.rounds; round++) {
      const s = shares(result, c.index, round, model, attribute, group);
      for (const kind of KINDS) {
        values.push({
          scenario: c.scenario,
          cell: c.grid,
          round,
          kind: t.sharesKinds[kind],
          panel: kind === 'list' ? t.sharesPanels.list : t.sharesPanels.cases,
          median: chartNumber(s[kind].median),
          lower: chartNumber(s[kind].lower),
          upper: chartNumber(s[kind].upper),
        });
      }
      table.push([c.scenario, c.grid, String(round), ...KINDS.flatMap((k) => [formatRate(s[k].median), formatInterval(s[k].lower, s[k].upper)])]);
    }
  }
  const title = t.sharesTitle(attribute, group);
  const description = t.sharesDescription(attribute, group, op, pointWords(op), result.rounds, cellNames);
  const kinds = KINDS.map((k) => t.sharesKinds[k]);
  const x = { field: 'round', type: 'quantitative', title: t.axis.round, scale: { domain: [1, result.rounds], nice: false }, axis: { tickMinStep: 1, format: 'd' } } as const;
  const y = { type: 'quantitative', title: t.axis.share(group), scale: { zero: false, nice: true } } as const;
  // Keys under the panels, not beside them: two panels and a key side by side are wider than a projector's page.
  const legend = { orient: 'bottom', columns: 2 } as const;
  const colour = { field: 'cell', type: 'nominal', title: t.axis.cell, scale: scales.colour, sort: cellNames, legend } as const;
  const shape = { field: 'cell', type: 'nominal', title: t.axis.cell, scale: scales.shape, sort: cellNames, legend } as const;
  // Solid for the list and the truth, dashed for the records (LABEL_ENCODING); filled markers but for the records.
  const dash = { field: 'kind', type: 'nominal', title: t.axis.kind, legend: { orient: 'bottom', columns: 1, labelLimit: 320 }, scale: { domain: kinds, range: [[1, 0], [...LABEL_ENCODING.yRecorded.dash], [...LABEL_ENCODING.yTrue.dash]] } } as const;
  const valid = 'isValid(datum.median)';
  const points = (filled: boolean) => ({
    transform: [{ filter: valid }, { filter: filled ? `datum.kind !== '${t.sharesKinds.yRecorded}'` : `datum.kind === '${t.sharesKinds.yRecorded}'` }],
    mark: { type: 'point', filled, ...(filled ? {} : { fill: 'white' }), size: 40, strokeWidth: 1.5, clip: true },
    encoding: { x, y: { ...y, field: 'median' }, color: colour, shape },
  });
  const layered = {
    width: PANEL_WIDTH + 40,
    height: PANEL_HEIGHT,
    layer: [
      {
        transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.45, clip: true },
        encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color: colour },
      },
      {
        transform: [{ filter: valid }],
        mark: { type: 'line', clip: true },
        encoding: { x, y: { ...y, field: 'median' }, color: colour, strokeDash: dash, detail: { field: 'kind', type: 'nominal' } },
      },
      points(true),
      points(false),
    ],
  };
  const head = specHead(result, title, null, description, values);
  const spec = {
    ...head,
    title: { text: title, subtitle: [...t.sharesKey] },
    facet: {
      column: { field: 'panel', type: 'nominal', sort: [t.sharesPanels.list, t.sharesPanels.cases], title: null },
      row: { field: 'scenario', type: 'nominal', sort: scenarios, title: null },
    },
    resolve: { scale: { y: 'independent' } },
    spec: layered,
  } as unknown as TopLevelSpec;
  return {
    id: `round-shares-${slug(attribute)}-${slug(group)}`,
    cell: null,
    title,
    description,
    spec,
    table: { caption: `${title} (${op}; ${model})`, columns: [...t.tableColumns], rows: table },
  };
}

/** For experimentCharts: the rounds chart of each comparison level of each attribute (every level but the first), when the experiment has rounds. */
export function roundCharts(result: ExperimentResult): Chart[] {
  if (result.rounds === undefined) return [];
  const attributes = [...new Set(result.rows.filter((r) => r.attribute !== 'all' && !r.attribute.includes(' × ')).map((r) => r.attribute))];
  return attributes.flatMap((attribute) => levelsOf(result, attribute).slice(1).map((group) => groupSharesByRound(result, { attribute, group })));
}
