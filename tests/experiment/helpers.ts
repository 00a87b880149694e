import { resolveExperiment, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { loadExperimentInput } from '../../src/io/experiment-files.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';

export async function quickResolved(name: string, overrides: Record<string, unknown> = {}): Promise<ResolvedExperiment> {
  const input = { ...((await loadExperimentInput(name)) as object), ...overrides };
  return resolveExperiment(input, { quick: true, loadPreset: (p) => loadScenarioInput(p) });
}

export async function quickRun(name: string, overrides: Record<string, unknown> = {}, workers = 1) {
  const resolved = await quickResolved(name, overrides);
  return { resolved, ...(await runExperiment(resolved, { workers })) };
}

/** Parse RFC 4180 CSV text (quoted cells with commas, doubled quotes) into header + rows. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    records.push(row);
  }
  return { header: records[0], rows: records.slice(1) };
}
