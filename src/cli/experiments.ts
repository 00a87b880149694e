import { resolveExperiment } from '../experiment/resolve.js';
import { experimentNames, loadExperimentInput } from '../io/experiment-files.js';
import { loadScenarioInput } from '../io/scenario-files.js';

/** `risklab experiments`: one line per experiment with its question. */
export async function listExperiments(): Promise<string> {
  const names = experimentNames();
  const lines: string[] = [];
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const r = resolveExperiment(await loadExperimentInput(name), { loadPreset: (p) => loadScenarioInput(p) });
    lines.push(`${name.padEnd(width)}  ${r.experiment.question.split(/(?<=[.?])\s/)[0]}`);
  }
  return lines.join('\n');
}
