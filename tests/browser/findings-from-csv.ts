/**
 * An experiment's findings recomputed from metrics.csv and config.json
 * alone — without risklab's evaluator — so the browser test can check that
 * every number of a report's declared headline is what the tidy file says.
 * Supports what the five experiments' headlines use: a selection by name
 * ("*" for every scenario, cell or non-baseline model), forEach expansions
 * (`id[value]…`, rounds included), reduce median or sum, and derive
 * difference, ratio and attribution. In an experiment with rounds (a round
 * column), a selection reads its `round`, else the last round, as the
 * evaluator does. Anything else returns null (the caller says so).
 */

type Row = Record<string, string>;
type Side = Partial<Record<'scenario' | 'cell' | 'model' | 'label' | 'operatingPoint' | 'metric' | 'attribute' | 'group', string | string[]>> & { round?: number | 'last' };
interface FindingConfig {
  readonly id: string;
  readonly select: Side;
  readonly forEach?: string | string[];
  readonly reduce?: string;
  readonly derive?: { kind: string; of?: Side; minus?: Side; over?: Side; from?: string; to?: string; relative?: boolean };
}
interface Config {
  readonly experiment: { findings: FindingConfig[]; operatingPoints: { rule: string; value: number }[]; scenarios: { label: string }[]; grid: { label: string }[]; models: { name: string; label?: string }[] };
  readonly replicates: number;
}

const COUNTS = ['tp', 'fp', 'fn', 'tn', 'n', 'positives', 'flagged'];
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The median across replicates of finding `ref` ("selectionRatio[B visibility ×3]"), or null when it uses what this reader does not. */
export function findingFromCsv(config: Config, rows: readonly Row[], ref: string): number | null {
  const m = /^([A-Za-z][A-Za-z0-9_-]*)((?:\[[^\]]*\])*)$/.exec(ref);
  if (!m) return null;
  const f = config.experiment.findings.find((x) => x.id === m[1]);
  if (!f) return null;
  const values = [...m[2].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]);
  const dims = f.forEach === undefined ? [] : typeof f.forEach === 'string' ? [f.forEach] : f.forEach;
  if (f.reduce && !['median', 'sum'].includes(f.reduce)) return null;
  if (f.derive && !['difference', 'ratio', 'attribution'].includes(f.derive.kind)) return null;
  if (f.derive?.relative) return null;
  const e = config.experiment;
  const op0 = `${e.operatingPoints[0].rule}=${e.operatingPoints[0].value}`;
  const baseline = new Map(rows.map((r) => [r.model, r.baseline === 'true']));
  const names = (v: string | string[] | undefined, every: string[]) => (v === undefined || v === '*' ? every : typeof v === 'string' ? [v] : v);
  const pinned: Record<string, string> = {};
  dims.forEach((d, i) => (pinned[d] = values[i]));
  const allModels = e.models.map((x) => x.label ?? x.name);
  let scenarios = pinned.scenario ? [pinned.scenario] : names(f.select.scenario, e.scenarios.map((s) => s.label));
  let cells = pinned.cell ? [pinned.cell] : names(f.select.cell, e.grid.map((g) => g.label));
  const models = pinned.model ? [pinned.model] : names(f.select.model, allModels.filter((x) => !baseline.get(x)));
  if (f.derive?.kind === 'attribution') cells = [''];
  if (f.derive?.of?.scenario || f.derive?.minus?.scenario) scenarios = [''];
  // The last round of an experiment with rounds (rows without a round column: none).
  const lastRound = rows.reduce((mx, r) => (r.round === undefined || r.round === '' ? mx : Math.max(mx, Number(r.round))), -Infinity);
  const read = (side: Side, at: { scenario: string; cell: string; model: string }, replicate: number): number => {
    const sel = { ...f.select, ...side };
    const round = pinned.round !== undefined ? Number(pinned.round) : sel.round === undefined || sel.round === 'last' ? lastRound : sel.round;
    const one = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '*' ? v : fallback);
    const metric = String(sel.metric);
    const row = rows.find(
      (r) =>
        r.scenario === one(side.scenario, at.scenario) &&
        r.grid === one(side.cell, at.cell) &&
        r.model === one(side.model, at.model) &&
        r.label === snake(String(sel.label)) &&
        r.operating_point === String(sel.operatingPoint ?? op0) &&
        r.attribute === String(sel.attribute ?? 'all') &&
        r.group === String(sel.group ?? 'all') &&
        Number(r.replicate) === replicate &&
        (lastRound === -Infinity || Number(r.round) === round) &&
        r.metric === (COUNTS.includes(metric) ? 'precision' : snake(metric)),
    );
    if (!row) return NaN;
    return Number(COUNTS.includes(metric) ? row[metric] : row.value);
  };
  const perReplicate: number[] = [];
  for (let r = 0; r < config.replicates; r++) {
    const combos: number[] = [];
    for (const scenario of scenarios) for (const cell of cells) for (const model of models) {
      const at = { scenario, cell, model };
      const d = f.derive;
      if (!d) combos.push(read({}, at, r));
      else if (d.kind === 'difference') combos.push(read(d.of ?? {}, at, r) - read(d.minus ?? {}, at, r));
      else if (d.kind === 'ratio') {
        const over = read(d.over ?? {}, at, r);
        combos.push(over === 0 ? NaN : read(d.of ?? {}, at, r) / over);
      } else combos.push(read({ cell: d.from }, at, r) - read({ cell: d.to }, at, r));
    }
    const present = combos.filter((x) => !Number.isNaN(x));
    perReplicate.push(combos.length === 1 ? combos[0] : f.reduce === 'sum' ? (present.length ? present.reduce((a, b) => a + b, 0) : NaN) : median(combos));
  }
  return median(perReplicate);
}
