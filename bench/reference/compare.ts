/**
 * risklab against scikit-learn and NumPy, side by side, on one core and the
 * same data (issue 15). Run: `npm run bench:reference` (options after `--`).
 *
 * 1. Exports the data once: 100,000 children from
 *    `risklab generate what-works-1 --seed 3 --size 100000`, the 32 recorded
 *    `rec_*` columns as features and `y_recorded` as the label, the first
 *    80 % of rows to train and the last 20 % to test; both sides read the
 *    same numbers (bench/out/reference/: features.f64, labels.u8, meta.json;
 *    scores.f64 for the sweep).
 * 2. Pins itself to core 0 (`taskset -c 0`, when there is one) and runs the
 *    Python side pinned too, with OMP/OpenBLAS/MKL threads set to 1.
 * 3. For each row (bench/reference/model-rows.ts, plus any module in
 *    bench/reference/extra/ — the hook for other rows, see rows.ts) times our
 *    side in this process and the reference side in
 *    bench/reference/sklearn_side.py, in CPU seconds (every thread of the
 *    process), `--repeats` times (default 3), and prints one table: ours s,
 *    reference s (medians), ratio against the target, our AUC, theirs.
 *
 * Without /usr/bin/python3 or scikit-learn, the reference side is skipped
 * with one line saying so, and only our figures print. Figures are also
 * written to bench/out/reference.json (not committed).
 *
 * Options: `--repeats N`, `--csv FILE` (an existing `generate --out` CSV
 * instead of generating), `--python PATH` (default /usr/bin/python3),
 * `--only TEXT` (only the rows whose label contains TEXT), `--strict` (exit 1
 * when a target is missed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mean, median, type ReferenceContext } from './context.js';
import { readReferenceCsv } from './data.js';
import { referenceRows, type Measured, type ReferenceRow } from './rows.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const REPEATS = Number(option('--repeats') ?? 3);
const PYTHON = option('--python') ?? '/usr/bin/python3';
const SCRIPT = join(here, 'sklearn_side.py');
const OUT = join(root, 'bench/out/reference');

/** Re-run this script under `taskset -c 0` unless it already is; returns true when the caller should stop. */
function pinToOneCore(): boolean {
  if (process.env.RISKLAB_REFERENCE_PINNED === '1') return false;
  const probe = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  if (probe.error) {
    console.log('taskset not found: running unpinned (figures then mix in other cores)');
    return false;
  }
  const child = spawnSync('taskset', ['-c', '0', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, RISKLAB_REFERENCE_PINNED: '1' },
  });
  process.exitCode = child.status ?? 1;
  return true;
}

/** Generate (or take) the CSV, read it, and export the numbers both sides use. */
function exportData(): ReferenceContext {
  mkdirSync(OUT, { recursive: true });
  let csv = option('--csv');
  if (csv === undefined) {
    csv = join(OUT, 'what-works-1-seed3-100000.csv');
    const generate = spawnSync(
      process.execPath,
      [...process.execArgv, join(root, 'src/cli/main.ts'), 'generate', 'what-works-1', '--seed', '3', '--size', '100000', '--out', csv],
      { cwd: root, encoding: 'utf8' },
    );
    if (generate.status !== 0) throw new Error(`risklab generate failed: ${generate.stderr}`);
  }
  const data = readReferenceCsv(csv);
  const names = data.train.x.names;
  const nTrain = data.train.x.nRows;
  const n = nTrain + data.test.nRows;
  const d = names.length;
  const columns = data.train.x.columns.map((c, j) => Float64Array.from([...c, ...data.test.columns[j]]));
  const features = new Float64Array(n * d);
  for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) features[i * d + j] = columns[j][i];
  const labels = Uint8Array.from([...data.train.yRecorded, ...data.testYRecorded]);
  writeFileSync(join(OUT, 'features.f64'), new Uint8Array(features.buffer));
  writeFileSync(join(OUT, 'labels.u8'), labels);
  writeFileSync(join(OUT, 'meta.json'), `${JSON.stringify({ source: csv, nRows: n, nTrain, names }, null, 2)}\n`);
  const all = { nRows: n, names, columns, rowIds: Int32Array.from({ length: n }, (_, i) => i), source: 'records' as const };
  return { exportDir: OUT, nRows: n, nTrain, train: data.train, test: data.test, testYRecorded: data.testYRecorded, all, allYRecorded: labels, repeats: REPEATS };
}

/** Run a Python task pinned to core 0 with one BLAS thread; its JSON output. */
function runPython(script: string, task: string): Record<string, Measured> {
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', NUMEXPR_NUM_THREADS: '1' };
  const pinned = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).error === undefined;
  const command = pinned ? 'taskset' : PYTHON;
  const argv = [...(pinned ? ['-c', '0', PYTHON] : []), script, task, OUT, String(REPEATS)];
  const run = spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${script} ${task} failed: ${run.stderr || run.error}`);
  return JSON.parse(run.stdout) as Record<string, Measured>;
}

/** Whether the reference side can run: the versions, or why not. */
function referenceAvailable(): { ok: true; versions: string } | { ok: false; why: string } {
  if (!existsSync(PYTHON)) return { ok: false, why: `${PYTHON} not found` };
  const check = spawnSync(PYTHON, [SCRIPT, 'check', OUT, '1'], { encoding: 'utf8' });
  if (check.status !== 0) return { ok: false, why: `scikit-learn is not importable by ${PYTHON} (${(check.stderr || '').trim().split('\n').pop()})` };
  const v = JSON.parse(check.stdout) as { sklearn: string; numpy: string };
  return { ok: true, versions: `scikit-learn ${v.sklearn}, NumPy ${v.numpy}` };
}

interface Line {
  readonly row: ReferenceRow;
  readonly ours: Measured;
  readonly theirs?: Measured;
}

async function loadRows(): Promise<readonly ReferenceRow[]> {
  await import('./model-rows.js');
  const extra = join(here, 'extra');
  if (existsSync(extra)) {
    for (const file of readdirSync(extra).filter((f) => f.endsWith('.ts')).sort()) await import(join(extra, file));
  }
  return referenceRows();
}

const fixed = (v: number | undefined, digits: number) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
const seconds = (v: number) => (v < 0.01 ? v.toFixed(5) : v < 1 ? v.toFixed(3) : v.toFixed(2));

function verdict(line: Line): string {
  if (!line.theirs) return '';
  const ratio = median(line.ours.seconds) / median(line.theirs.seconds);
  const fast = line.row.target === undefined || ratio <= line.row.target;
  const tol = line.row.aucTolerance;
  const same = tol === undefined || !line.ours.auc || !line.theirs.auc || Math.abs(mean(line.ours.auc) - mean(line.theirs.auc)) <= tol;
  if (line.row.target === undefined && tol === undefined) return '';
  return fast && same ? 'ok' : fast ? 'AUC differs' : 'MISSED';
}

function printTable(lines: readonly Line[]): void {
  const header = ['row', 'ours s', 'ref s', 'ratio', 'target', '', 'our AUC', 'their AUC', 'Δ AUC', 'notes (ours | reference)'];
  const cells = lines.map((l) => {
    const ours = median(l.ours.seconds);
    const theirs = l.theirs ? median(l.theirs.seconds) : undefined;
    const ourAuc = l.ours.auc ? mean(l.ours.auc) : undefined;
    const theirAuc = l.theirs?.auc ? mean(l.theirs.auc) : undefined;
    return [
      l.row.label,
      seconds(ours),
      theirs === undefined ? '—' : seconds(theirs),
      theirs === undefined ? '—' : `${(ours / theirs).toFixed(2)}×`,
      l.row.target === undefined ? '—' : `≤ ${l.row.target}×`,
      verdict(l),
      fixed(ourAuc, 4),
      fixed(theirAuc, 4),
      ourAuc === undefined || theirAuc === undefined ? '—' : (ourAuc - theirAuc).toExponential(1),
      [l.ours.note, l.theirs?.note].filter(Boolean).join(' | '),
    ];
  });
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const render = (row: string[]) => row.map((c, j) => (j === 0 || j === row.length - 1 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  console.log(render(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(render(c));
}

async function main(): Promise<void> {
  if (pinToOneCore()) return;
  const started = performance.now();
  const context = exportData();
  console.log(`bench:reference — ${context.nRows.toLocaleString('en-GB')} children (what-works-1, seed 3), ${context.train.x.names.length} recorded features, ` +
    `${context.nTrain.toLocaleString('en-GB')} to train / ${context.test.nRows.toLocaleString('en-GB')} to test; core 0; Node ${process.version}; medians of ${REPEATS}`);
  const available = referenceAvailable();
  console.log(available.ok ? `reference side: ${available.versions} (${PYTHON}, 1 thread)` : `reference side skipped: ${available.why}; only our figures are shown`);
  const only = option('--only');
  const rows = (await loadRows()).filter((row) => only === undefined || row.label.includes(only));
  const results = new Map<string, Record<string, Measured>>();
  const lines: Line[] = [];
  for (const row of rows) {
    const ours = await row.ours(context);
    let theirs: Measured | undefined;
    if (available.ok) {
      await row.prepare?.(context);
      const script = row.reference.script ?? SCRIPT;
      const key = `${script} ${row.reference.task}`;
      if (!results.has(key)) results.set(key, runPython(script, row.reference.task));
      theirs = results.get(key)![row.reference.key];
    }
    lines.push({ row, ours, theirs });
    console.log(`  ${row.label}: ours ${seconds(median(ours.seconds))} s${theirs ? `, reference ${seconds(median(theirs.seconds))} s` : ''}`);
  }
  console.log('');
  printTable(lines);
  console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const json = lines.map((l) => ({ row: l.row.label, target: l.row.target, ours: l.ours, reference: l.theirs, verdict: verdict(l) }));
  writeFileSync(join(root, 'bench/out/reference.json'), `${JSON.stringify({ node: process.version, repeats: REPEATS, lines: json }, null, 2)}\n`);
  if (args.includes('--strict') && lines.some((l) => verdict(l) === 'MISSED')) process.exitCode = 1;
}

await main();
