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
 * results, and this test fails — saying which folder is stale and which
 * command regenerates it — until the results are run again and committed.
 */

const FILES = ['summary.md', 'report.html', 'brief.html', 'brief.pdf', 'slides.pptx', 'metrics.csv', 'groups.csv', 'sweep.csv', 'equal-risk.csv', 'config.json', 'manifest.json'];
const regenerate = (name: string) =>
  `regenerate it with \`npm start\` (every experiment and the index; \`npx risklab run ${name}\` redoes this folder alone, without --quick) and commit results/`;

/** What is wrong with results/<name>/, in words, or '' when it matches the committed code. */
async function problemWith(name: string): Promise<string> {
  const folder = join('results', name);
  const path = join(RESULTS_DIR, name, 'config.json');
  if (!existsSync(path)) return `${folder}/config.json is missing: ${regenerate(name)}`;
  const stored = JSON.parse(readFileSync(path, 'utf8')) as { configHash?: string; quick?: boolean };
  if (stored.quick !== false) {
    return `${folder}/ holds a quick run (config.json says "quick": ${JSON.stringify(stored.quick)}), not the full run — probably \`risklab run ${name} --quick\` written over it; ${regenerate(name)}`;
  }
  const resolved = resolveExperiment(await loadExperimentInput(name), { loadPreset: (p) => loadScenarioInput(p) });
  if (stored.configHash !== resolved.configHash) {
    return `${folder}/ is stale: it was written for config ${stored.configHash}, but experiments/${name} and its presets now resolve to ${resolved.configHash}; ${regenerate(name)}`;
  }
  const missing = FILES.filter((f) => !existsSync(join(RESULTS_DIR, name, f)));
  if (missing.length) return `${folder}/ lacks ${missing.join(', ')}: ${regenerate(name)}`;
  return '';
}

describe('committed results', () => {
  it.each(experimentNames())('results/%s/ comes from a full run of the committed config', async (name) => {
    const problem = await problemWith(name);
    if (problem) expect.fail(problem);
  });

  it('the index lists every experiment, and every banded finding holds', () => {
    const index = readFileSync(join(RESULTS_DIR, 'README.md'), 'utf8');
    // Each section's heading is the experiment's question, linking to its summary.
    const unlisted = experimentNames().filter((name) => !new RegExp(`^## \\[.*\\]\\(${name}/summary\\.md\\)$`, 'm').test(index));
    if (unlisted.length) expect.fail(`results/README.md does not list ${unlisted.join(', ')}: regenerate it with \`npm start\` and commit results/`);
    const failing = index.split('\n').filter((line) => /\| NO \|$/.test(line));
    failing.push(...index.split('\n').filter((line) => line.includes(`| ${reportMessages.findingFails} |`)));
    if (failing.length) expect.fail(`results/README.md has findings outside their bands (the experiment no longer shows what it claims): ${failing.join(' · ')}`);
  });
});
