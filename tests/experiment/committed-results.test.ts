import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { experimentNames, loadExperimentInput } from '../../src/io/experiment-files.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { RESULTS_DIR } from '../../src/io/paths.js';
import { reportMessages } from '../../src/messages.js';

/**
 * Committed results must come from a full run of the committed code: when an
 * experiment's resolved config (its file, its presets, or a default they
 * rely on) changes, its hash no longer matches the one stored with its
 * results, and this test fails until `npm start` is run and the results are
 * committed again.
 */
describe('committed results', () => {
  it.each(experimentNames())('%s: results/<name>/config.json matches the resolved config hash', async (name) => {
    const path = join(RESULTS_DIR, name, 'config.json');
    expect(existsSync(path), `${path} is missing: run npm start and commit results/`).toBe(true);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { configHash: string; quick: boolean };
    const resolved = resolveExperiment(await loadExperimentInput(name), { loadPreset: (p) => loadScenarioInput(p) });
    expect(stored.quick).toBe(false);
    expect(stored.configHash, `results/${name} is stale: run npm start and commit results/`).toBe(resolved.configHash);
    for (const file of ['summary.md', 'metrics.csv', 'groups.csv', 'sweep.csv', 'equal-risk.csv', 'manifest.json']) {
      expect(existsSync(join(RESULTS_DIR, name, file)), file).toBe(true);
    }
  });

  it('the index lists every experiment, and every banded finding holds', () => {
    const index = readFileSync(join(RESULTS_DIR, 'README.md'), 'utf8');
    for (const name of experimentNames()) expect(index).toContain(`## [${name}](${name}/summary.md)`);
    // Written by the shared findings table: an old index says "NO", a new one "✗ no".
    expect(index).not.toMatch(/\| NO \|/);
    expect(index).not.toContain(`| ${reportMessages.findingFails} |`);
  });
});
