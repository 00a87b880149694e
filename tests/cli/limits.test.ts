import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { runGenerate } from '../../src/cli/generate.js';
import { MEMORY, checkFits, estimateGenerate, estimateRun } from '../../src/memory.js';
import { memoryLimit } from '../../src/io/memory-limit.js';
import { simulateCohort } from '../../src/experiment/simulate.js';
import { populationCsv, populationColumns } from '../../src/report/population-table.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { loadScenarioInput } from '../../src/io/scenario-files.js';
import { runtimeMessages } from '../../src/messages-runtime.js';

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'risklab-limits-'));
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.RISKLAB_MEMORY_LIMIT;
  rmSync(dir, { recursive: true, force: true });
});

/** Exit code 2 and exactly one stderr line matching `pattern`. */
async function refused(args: string[], pattern: RegExp) {
  stderr = '';
  expect(await main(args)).toBe(2);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(pattern);
}

describe('sizes that cannot fit are refused before any work', () => {
  it('generate --size 1e12 and population.size 1e12: one line naming the field, the estimate and the limit', async () => {
    await refused(['generate', 'neutral', '--size', '1000000000000'], /^risklab: --size = 1000000000000 needs about 160 TB of memory, more than the .+ of memory this machine has; use a smaller size, or write the children to a file with --out/);
    const file = join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify({ seed: 1, population: { size: 1e12 } }));
    const out = join(dir, 'never.csv');
    await refused(['generate', file, '--out', out], /^risklab: population\.size = 1000000000000 needs about 25 TB of memory, more than/);
    expect(readdirSync(dir)).toEqual(['huge.json']);
  });

  it('generate --size 100,000,000 in memory is refused under an 8 GB limit; streamed to --out it fits', async () => {
    process.env.RISKLAB_MEMORY_LIMIT = String(8e9);
    await refused(['generate', 'neutral', '--size', '100000000'], /^risklab: --size = 100000000 needs about 16\.2 GB of memory, more than the 8 GB set by RISKLAB_MEMORY_LIMIT; .*--out/);
    expect(() => checkFits(estimateGenerate(1e8, true), memoryLimit())).not.toThrow();
    expect(estimateGenerate(1e8, true).bytes).toBeLessThan(3e9);
  });

  it('run --replicates 1e9 names --replicates; the previous results are untouched', async () => {
    const previous = join(dir, 'what-works');
    await main(['run', 'what-works', '--quick', '--replicates', '1', '--workers', '1', '--out', dir]);
    const before = readFileSync(join(previous, 'metrics.csv'), 'utf8');
    await refused(['run', 'what-works', '--replicates', '1000000000', '--out', dir], /^risklab: --replicates = 1000000000 needs about [\d.]+ [PT]B of memory, more than .*; use fewer replicates/);
    expect(readFileSync(join(previous, 'metrics.csv'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['what-works']);
  });

  it('an experiment whose population is too large is refused', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'big',
        question: 'Too big?',
        sources: ['a test'],
        seed: 1,
        scenarios: [{ label: 'a', preset: 'neutral', overrides: { population: { size: 2e9 } } }],
        models: [{ name: 'logistic' }],
        operatingPoints: [{ rule: 'topShare', value: 0.05 }],
        replicates: 1,
        quick: { replicates: 1, size: 500 },
      }),
    );
    await refused(['run', file, '--out', dir], /^risklab: population\.size = 2000000000 needs about [\d.]+ TB of memory, more than .*; use a smaller population/);
    expect(existsSync(join(dir, 'big'))).toBe(false);
  });

  it('the estimators are pure functions of the sizes', () => {
    const shape = (size: number, replicates: number) => ({
      replicates,
      cells: [{ scenario: { population: { size } } }],
      experiment: { models: [{ name: 'forest' }, { name: 'logistic' }], split: { kind: 'cohort' } },
    });
    const one = estimateRun(shape(100_000, 10), 2);
    expect(one.bytes).toBe(MEMORY.base + 2 * (MEMORY.perWorker + 100_000 * (2 * MEMORY.taskPerChild + MEMORY.fitPerChild.forest + 16)) + 10 * 2 * MEMORY.resultPerTaskModel);
    expect(one.field).toBe('population.size');
    expect(estimateRun(shape(1000, 1e9), 2).field).toBe('replicates');
    expect(() => checkFits(one, { bytes: 5e8, name: 'set by a test' })).toThrow(
      runtimeMessages.tooLarge('population.size', 100_000, one.bytes, 5e8, 'set by a test', 'use a smaller population or fewer --workers'),
    );
  });
});

describe('generate --out streams the cohort', () => {
  const base = loadScenarioInput('think-family') as Record<string, unknown>;
  const size = 1_237;
  const input = { ...base, population: { ...(base.population as object), size } };

  it.each([1, 100, 1000, size, 65_536])('CSV and JSON are byte-identical whatever the chunk size (%i)', (chunkSize) => {
    const file = join(dir, `input.json`);
    writeFileSync(file, JSON.stringify(input));
    const { population, records } = simulateCohort(resolveScenario(input), 1);
    const csv = join(dir, 'kids.csv');
    const json = join(dir, 'kids.json');
    const printed = runGenerate(file, { out: csv, chunkSize });
    expect(readFileSync(csv, 'utf8')).toBe([...populationCsv(population, records)].join(''));
    runGenerate(file, { out: json, chunkSize });
    // The JSON format: "[", one object per line in column order, "]".
    const columns = populationColumns(population);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const expected = `[\n${rows.map((cells) => `{${cells.map((c, j) => `${JSON.stringify(columns[j])}:${/^[a-z]/i.test(c) ? JSON.stringify(c) : c}`).join(',')}}`).join(',\n')}\n]\n`;
    expect(readFileSync(json, 'utf8')).toBe(expected);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toHaveLength(size);
    // The printed summary is the in-memory one.
    expect(printed.split('\nwrote ')[0]).toBe(runGenerate(file, {}));
  });
});
