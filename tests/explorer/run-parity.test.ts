import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAndWrite } from '../../src/cli/run.js';
import { presetByName, type ExplorerOperatingPoint } from '../../explorer/src/presets.js';
import { presetDefaults } from '../../explorer/src/scenario.js';
import type { ExplorerSettings } from '../../explorer/src/settings.js';
import type { LabelNumbers } from '../../explorer/src/numbers.js';
import { parseCsv } from '../experiment/helpers.js';
import { equivalentExperiment, reference } from './reference.js';

/**
 * Parity: for the same preset, settings and seed, the explorer's numbers
 * equal `risklab run`'s. The experiment file is written to a temporary
 * folder and run by the CLI's own `runAndWrite` (worker threads included);
 * its metrics.csv and groups.csv are read back and compared, exactly (no
 * tolerance: the same code on the same engine gives the same doubles), with
 * the explorer pipeline run in Node. tests/browser/explorer.test.ts closes
 * the loop: the page in chromium shows these same Node numbers.
 */
const dir = mkdtempSync(join(tmpdir(), 'risklab-explorer-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, string>;
function rows(path: string): Row[] {
  const { header, rows: body } = parseCsv(readFileSync(path, 'utf8'));
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j]])));
}

const CASES: { name: string; preset: ExplorerSettings['preset']; patch: Partial<ExplorerSettings>; ops: ExplorerOperatingPoint[] }[] = [
  { name: 'think-family as the preset sets it', preset: 'think-family', patch: {}, ops: [{ rule: 'threshold', value: 0.5 }, { rule: 'topK', value: 60 }] },
  { name: 'two-groups, B 2.5 times as visible, leakage on', preset: 'two-groups', patch: { visibilityB: 2.5, leakage: true, detection: 0.55 }, ops: [{ rule: 'threshold', value: 0.2 }, { rule: 'topK', value: 300 }] },
  { name: 'a What Works council, one year then the next, base rate 14%', preset: 'what-works-1', patch: { baseRate: 0.14, detectionContactBoost: 0.2 }, ops: [{ rule: 'threshold', value: 0.5 }] },
  { name: 'TRAP, B 3 times as visible, leakage off', preset: 'trap', patch: { visibilityB: 3, leakage: false }, ops: [{ rule: 'topK', value: 17 }, { rule: 'threshold', value: 0.05 }] },
];

describe('explorer = risklab run on the same population', () => {
  for (const [i, c] of CASES.entries()) {
    it(c.name, async () => {
      const preset = c.preset;
      const settings0 = { ...presetDefaults(preset), ...c.patch };
      const { experiment, explorerSeed } = equivalentExperiment(settings0, c.ops, 4100 + i, 'explorer');
      const file = join(dir, `${experiment.name}.json`);
      writeFileSync(file, JSON.stringify(experiment));
      const { dir: out } = await runAndWrite(file, { out: dir, workers: 1, progress: 'none' });
      const metrics = rows(join(out, 'metrics.csv'));
      const groups = rows(join(out, 'groups.csv'));
      const ref = await reference({ ...settings0, seed: explorerSeed }, c.ops);
      const info = presetByName(preset);
      c.ops.forEach((op, k) => {
        const numbers = ref.numbers[k];
        const opName = `${op.rule}=${op.value}`;
        const pick = (label: string, metric: string) => {
          const r = metrics.filter((x) => x.attribute === 'all' && x.model === 'logistic' && x.label === label && x.operating_point === opName && x.metric === metric);
          expect(r, `${opName} ${label} ${metric}`).toHaveLength(1);
          return r[0];
        };
        for (const [label, mine] of [['y_recorded', numbers.records], ['y_true', numbers.truth]] as [string, LabelNumbers][]) {
          expect(Number(pick(label, 'precision').value), `${opName} ${label} precision`).toBe(mine.precision);
          expect(Number(pick(label, 'recall').value), `${opName} ${label} recall`).toBe(mine.recall);
          expect(Number(pick(label, 'fpr').value), `${opName} ${label} fpr`).toBe(mine.falseAlarmRate);
          expect(Number(pick(label, 'precision').flagged)).toBe(numbers.flagged);
          expect(Number(pick(label, 'precision').n)).toBe(ref.sim.scores.length);
        }
        for (const [code, level] of [['a', info.groups.a], ['b', info.groups.b]] as const) {
          const g = numbers.groups[code];
          const grow = (label: string, metric: string) => {
            const r = groups.filter((x) => x.model === 'logistic' && x.label === label && x.attribute === info.groups.attribute && x.group === level && x.operating_point === opName && x.metric === metric);
            expect(r, `${opName} ${level} ${label} ${metric}`).toHaveLength(1);
            return r[0];
          };
          expect(Number(grow('y_true', 'selection_rate').median), `${level} share flagged`).toBe(g.shareFlagged);
          expect(Number(grow('y_true', 'fpr').median), `${level} false alarms (truth)`).toBe(g.truth.falseAlarmRate);
          expect(Number(grow('y_recorded', 'fpr').median), `${level} false alarms (records)`).toBe(g.records.falseAlarmRate);
          expect(Number(grow('y_true', 'selection_rate').n), `${level} size`).toBe(g.n);
        }
      });
    });
  }
});
