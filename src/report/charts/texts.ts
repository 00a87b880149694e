/**
 * Words of the charts: titles, keys, axis titles and text descriptions (a
 * sibling of src/messages.ts, so tests compare against them). Labels are
 * "the records" and "the truth" in prose; files say y_recorded / y_true.
 */

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const chartMessages = {
  /** The label a value is judged against, as a legend or table cell says it. */
  judged: { yRecorded: 'against the records', yTrue: 'against the truth' } as const,
  /** The one key of the label encoding (palette.ts LABEL_ENCODING), in every chart that draws both labels. */
  labelKey: ['filled marker, solid line: judged against the truth', 'hollow marker, dashed line: judged against the records'] as readonly string[],
  truthOnlyKey: ['judged against the truth'] as readonly string[],
  modelColourKey: 'colour: the model (the same in every chart)',

  gapTitle: 'The same flags judged twice: against the records and the truth',
  gapDescription: (op: string, opWords: string, replicates: number, cells: number) =>
    `At ${op} (${opWords}), each model's median precision and recall across ${replicates} replicates${cells > 1 ? ', in every setting' : ''}: ` +
    'a hollow marker judged against the records, a filled marker judged against the truth, joined by a grey bar — the length of the bar is the gap between what the records say and what was true. ' +
    'Numbers beside the markers are the medians.',
  gapAxis: 'median (0–1)',

  thresholdTitle: 'Precision and recall at every threshold',
  thresholdDescription: (models: readonly string[], op: string, opWords: string, marked: boolean) =>
    `For ${listWords(models)}: precision (left) and recall (right) as the score threshold rises from 0 to 1, one row per model, ` +
    'judged against the truth (solid line, filled markers) and against the records (dashed line, hollow markers). ' +
    (marked ? `A vertical rule marks the headline operating point, ${op} (${opWords}), at the score cut it gave. ` : `The headline operating point, ${op} (${opWords}), gave no score cut to mark. `) +
    'The curves are from replicate 0.',
  prTitle: 'Precision–recall curves',
  prDescription: (models: readonly string[]) =>
    `Precision against recall for ${listWords(models)} as the threshold moves: against the records (left: dashed lines, hollow markers) and against the truth (right: solid lines, filled markers). ` +
    'Each model has its own colour and marker shape; markers sit at thresholds 0, 0.1, …, 1. A curve higher up finds more cases for the same precision. The curves are from replicate 0.',

  groupRatesTitle: 'False-positive rate and miss rate by group, against the truth',
  groupRatesDescription: (op: string, opWords: string, attributes: readonly string[], intersections: boolean) =>
    `At ${op} (${opWords}), for each group of ${listWords(attributes)}: the share of children not at risk who are flagged (false-positive rate) and the share of children at risk who are missed (miss rate), judged against the truth. ` +
    'Each model has its own colour and marker shape; bars show the 2.5–97.5% range across replicates; group sizes (median test children) are in the group labels.' +
    (intersections ? ' Intersections of two attributes are in the table below the chart.' : ''),

  gridTitle: (metric: string, gridLabel: string) => `${metric[0].toUpperCase()}${metric.slice(1)} across ${gridLabel || 'the settings'}`,
  gridDescription: (metric: string, op: string, opWords: string, group: string, gridLabel: string, log: { x: boolean; y: boolean }) =>
    `The median ${metric} of each model at ${op} (${opWords}) for ${group}, in every setting of ${gridLabel || 'the experiment'}, with bars for the 2.5–97.5% range across replicates. ` +
    'Each model has its own colour and marker shape; solid lines and filled markers are against the truth, dashed lines and hollow markers against the records. ' +
    (log.x ? `The ${gridLabel || 'setting'} axis is logarithmic (each step multiplies). ` : '') +
    (log.y ? `The ${metric} axis is logarithmic. ` : '') +
    'Numbers beside the filled markers are the medians against the truth.',
  gridDescriptionCategorical: (metric: string, op: string, opWords: string, group: string) =>
    `The median ${metric} of each model at ${op} (${opWords}) for ${group}, in every setting side by side, with bars for the 2.5–97.5% range across replicates. ` +
    'Each model has its own colour and marker shape; a filled marker is against the truth, a hollow marker against the records.',
  axisMedianOf: (metric: string) => `${metric} (median)`,
  /** Chart words for a metric where the report's short name would not say what the question asks. */
  metricWords: { flagsPerTrueCase: 'children flagged per true case' } as Readonly<Record<string, string>>,
  setting: 'setting',

  equalRiskDescription: (attribute: string, models: readonly string[]) =>
    `Test children are cut into tenths by their true risk (pTrue). Within each tenth, the mean score each group of ${attribute} gets from ${listWords(models)}, one panel per model, ` +
    'each group with its own colour, marker shape and dash pattern; a black dotted line shows the mean true risk. Groups with the same true risk should get the same score: a gap between lines is a difference the truth does not explain. Test children of every replicate are pooled.',
};
