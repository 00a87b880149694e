/**
 * `risklab plan`, `task` and `gather`, and the recipes of
 * docs/running-on-a-queue.md that can run on one machine: the emitted Slurm
 * script (run by bash for each array index), the Kubernetes Indexed Job
 * (validated against the Kubernetes schema with kubernetes-models, and its
 * command run once per JOB_COMPLETION_INDEX) and GNU parallel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { main } from '../../src/cli/main.js';
import { runAndWrite, resolveFromRef } from '../../src/cli/run.js';
import { planMessages } from '../../src/messages-queue.js';
import { captureCli } from './capture.js';
import { BIN, buildDist, sameResults, TINY } from '../queue/helpers.js';

const io = captureCli('risklab-plan-');
let reference: string;
let hash: string;
/** A folder with a `risklab` command on it, as a cluster node has on its PATH. */
let pathDir: string;

beforeAll(async () => {
  buildDist();
  const root = mkdtempSync(join(tmpdir(), 'risklab-plan-ref-'));
  reference = (await runAndWrite(TINY, { replicates: 2, out: root, workers: 1, progress: 'none' })).dir;
  hash = (await resolveFromRef(TINY, { replicates: 2 })).configHash;
  pathDir = join(root, 'bin');
  mkdirSync(pathDir);
  writeFileSync(join(pathDir, 'risklab'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(join(pathDir, 'risklab'), 0o755);
});

const plan = (dir: string, ...extra: string[]) => main(['plan', TINY, '--replicates', '2', '--out', dir, ...extra]);
const gather = (dir: string) => main(['gather', dir, '--out', join(io.dir, 'results')]);
const taskFile = (dir: string, i: number) => join(dir, 'tasks', `${hash}-${i}.json`);
const shellEnv = (extra: Record<string, string> = {}) => ({ ...process.env, PATH: `${pathDir}:${process.env.PATH}`, ...extra });

describe('risklab plan', () => {
  it('writes plan.json (the resolved config and its hash) and tasks.csv (one line per task), and planning again keeps the tasks done', async () => {
    const dir = join(io.dir, 'plan');
    expect(await plan(dir)).toBe(0);
    expect(io.stdout).toContain(`queue-tiny: config ${hash}, 4 tasks planned in ${dir}`);
    const json = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'risklab plan 1', experiment: 'queue-tiny', configHash: hash, tasks: 4, saveScores: false });
    expect(json.resolved.configHash).toBe(hash);
    expect(readFileSync(join(dir, 'tasks.csv'), 'utf8')).toBe(
      'index,cell,scenario,grid,replicate,seed\n0,0,county,all recorded,0,11:county:r0\n1,1,county,half recorded,0,11:county:r0\n2,0,county,all recorded,1,11:county:r1\n3,1,county,half recorded,1,11:county:r1\n',
    );
    expect(readdirSync(join(dir, 'tasks'))).toEqual([]);
    const before = readFileSync(join(dir, 'plan.json'), 'utf8');
    expect(await main(['task', dir, '--index', '0'])).toBe(0);
    expect(await plan(dir)).toBe(0);
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe(before);
    expect(existsSync(taskFile(dir, 0))).toBe(true);
  });

  it("refuses a folder holding another config's plan, or other files, and changes nothing", async () => {
    const dir = join(io.dir, 'plan');
    await plan(dir);
    const before = readFileSync(join(dir, 'plan.json'), 'utf8');
    io.stderr = '';
    expect(await plan(dir, '--seed', '5')).toBe(2);
    expect(io.stderr).toMatch(new RegExp(`^risklab: --out ".*" already holds the plan of another config \\(queue-tiny, config ${hash}; this one is [0-9a-f]{12}\\)`));
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe(before);
    const other = join(io.dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine\n');
    expect(await plan(other)).toBe(2);
    expect(readdirSync(other)).toEqual(['notes.txt']);
  });
});

describe('risklab task', () => {
  it('writes DIR/tasks/<hash>-<i>.json; the same task twice gives the same bytes', async () => {
    const dir = join(io.dir, 'p');
    await plan(dir);
    expect(await main(['task', dir, '--index', '1'])).toBe(0);
    const first = readFileSync(taskFile(dir, 1), 'utf8');
    expect(await main(['task', dir, '--index', '1'])).toBe(0);
    expect(readFileSync(taskFile(dir, 1), 'utf8')).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ format: 'risklab task 1', configHash: hash, index: 1, result: { task: { index: 1, cell: 1, replicate: 0 } } });
    // No temporary file is left beside it.
    expect(readdirSync(join(dir, 'tasks'))).toEqual([`${hash}-1.json`]);
  });

  it('takes its index from SLURM_ARRAY_TASK_ID, then JOB_COMPLETION_INDEX, when --index is not given; --stride runs every n-th task', async () => {
    const dir = join(io.dir, 'p');
    await plan(dir);
    const saved = { ...process.env };
    try {
      process.env.JOB_COMPLETION_INDEX = '3';
      process.env.SLURM_ARRAY_TASK_ID = '2';
      expect(await main(['task', dir])).toBe(0);
      expect(readdirSync(join(dir, 'tasks'))).toEqual([`${hash}-2.json`]);
      delete process.env.SLURM_ARRAY_TASK_ID;
      expect(await main(['task', dir])).toBe(0);
      expect(readdirSync(join(dir, 'tasks')).sort()).toEqual([`${hash}-2.json`, `${hash}-3.json`]);
      expect(await main(['task', dir, '--index', '0', '--stride', '2'])).toBe(0);
      expect(readdirSync(join(dir, 'tasks')).sort()).toEqual([0, 2, 3].map((i) => `${hash}-${i}.json`));
    } finally {
      process.env = saved;
    }
  });

  it('a bad or missing index, or an edited plan: one line, exit 2, nothing written', async () => {
    const dir = join(io.dir, 'p');
    await plan(dir);
    const saved = { ...process.env };
    try {
      delete process.env.SLURM_ARRAY_TASK_ID;
      delete process.env.JOB_COMPLETION_INDEX;
      io.stderr = '';
      expect(await main(['task', dir])).toBe(2);
      expect(io.stderr).toBe(`risklab: ${planMessages.noIndex}\n`);
      io.stderr = '';
      expect(await main(['task', dir, '--index', '4'])).toBe(2);
      expect(io.stderr).toBe(`risklab: ${planMessages.badIndex('--index', 4, 4)}\n`);
      process.env.SLURM_ARRAY_TASK_ID = 'x1';
      io.stderr = '';
      expect(await main(['task', dir])).toBe(2);
      expect(io.stderr).toContain('SLURM_ARRAY_TASK_ID must be a whole number from 0 to 3');
    } finally {
      process.env = saved;
    }
    const path = join(dir, 'plan.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"replicates": 2', '"replicates": 3'));
    io.stderr = '';
    expect(await main(['task', dir, '--index', '0'])).toBe(2);
    expect(io.stderr).toMatch(new RegExp(`says config ${hash} but its resolved config hashes to [0-9a-f]{12}; it was edited or damaged`));
    expect(readdirSync(join(dir, 'tasks'))).toEqual([]);
    io.stderr = '';
    expect(await main(['task', join(io.dir, 'nowhere'), '--index', '0'])).toBe(2);
    expect(io.stderr).toMatch(/is not a risklab plan folder \(no such folder\)/);
  });
});

describe('risklab gather', () => {
  it('names the missing tasks (exit 2, no results folder), then writes the folder risklab run writes, byte for byte apart from manifest.json', async () => {
    const dir = join(io.dir, 'p');
    await plan(dir);
    for (const i of [0, 2]) await main(['task', dir, '--index', String(i)]);
    io.stderr = '';
    expect(await gather(dir)).toBe(2);
    expect(io.stderr).toMatch(/^risklab: gather: 2 of 4 tasks are missing from .*\/tasks: 1 and 3 \(the first is task 1 \(scenario "county", cell "half recorded", replicate 0\)\)/);
    expect(existsSync(join(io.dir, 'results', 'queue-tiny'))).toBe(false);
    for (const i of [3, 1]) await main(['task', dir, '--index', String(i)]);
    expect(await gather(dir)).toBe(0);
    const same = sameResults(join(io.dir, 'results', 'queue-tiny'), reference);
    expect(same.names).toContain('report.html');
    expect(same.differing).toEqual([]);
  });

  it('names a foreign, misplaced or damaged task file (exit 2) and writes nothing', async () => {
    const dir = join(io.dir, 'p');
    await plan(dir);
    for (let i = 0; i < 4; i++) await main(['task', dir, '--index', String(i)]);
    const cases: [string, () => void, RegExp][] = [
      ['another config', () => copyFileSync(taskFile(dir, 0), join(dir, 'tasks', `0123456789ab-0.json`)), /0123456789ab-0\.json" is not a task of this plan: it is a task of config 0123456789ab/],
      ['an index outside the plan', () => copyFileSync(taskFile(dir, 0), taskFile(dir, 9)), new RegExp(`${hash}-9\\.json" is not a task of this plan: this plan has 4 tasks \\(0 to 3\\)`)],
      ['a task under another index', () => copyFileSync(taskFile(dir, 0), taskFile(dir, 1)), /holds task 0 \(cell 0, replicate 0\) where task 1 \(cell 1, replicate 0\) belongs/],
      ['a damaged file', () => writeFileSync(taskFile(dir, 2), '{"format":"risklab task 1","configHash":'), /is not a readable task result/],
    ];
    for (const [what, damage, expected] of cases) {
      const good = readdirSync(join(dir, 'tasks')).map((n) => [n, readFileSync(join(dir, 'tasks', n))] as const);
      damage();
      io.stderr = '';
      expect(await gather(dir), what).toBe(2);
      expect(io.stderr, what).toMatch(expected);
      expect(existsSync(join(io.dir, 'results', 'queue-tiny')), what).toBe(false);
      // Put the folder back as it was.
      for (const n of readdirSync(join(dir, 'tasks'))) if (!good.some(([g]) => g === n)) rmSync(join(dir, 'tasks', n));
      for (const [n, bytes] of good) writeFileSync(join(dir, 'tasks', n), bytes);
    }
    expect(await gather(dir)).toBe(0);
  });
});

describe('recipes', () => {
  it('a Kubernetes Indexed Job: --emit k8s is valid against the Kubernetes schema, and its pods (one per JOB_COMPLETION_INDEX) cover the plan', async () => {
    const dir = join(io.dir, 'k8s');
    expect(await plan(dir, '--emit', 'k8s', '--array-size', '3', '--image', 'registry.example/risklab:1', '--claim', 'lab-plans', '--parallelism', '2')).toBe(0);
    const manifest = parse(readFileSync(join(dir, 'job.k8s.yaml'), 'utf8'));
    expect(() => new Job(manifest).validate()).not.toThrow();
    expect(manifest.spec).toMatchObject({ completions: 3, parallelism: 2, completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never', volumes: [{ persistentVolumeClaim: { claimName: 'lab-plans' } }] } } });
    const container = manifest.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.example/risklab:1');
    expect(container.command).toEqual(['risklab', 'task', '/plan', '--stride', '3']);
    expect(manifest.metadata.name).toBe(`risklab-queue-tiny-${hash}`);
    // The validator does catch a bad manifest.
    expect(() => new Job({ ...manifest, spec: { ...manifest.spec, completionMode: 'Sometimes' } }).validate()).toThrow(/completionMode/);
    // Each pod: the container's command with the plan where the claim is mounted, and its index in JOB_COMPLETION_INDEX.
    const saved = { ...process.env };
    try {
      delete process.env.SLURM_ARRAY_TASK_ID;
      for (let index = 0; index < 3; index++) {
        process.env.JOB_COMPLETION_INDEX = String(index);
        expect(await main(container.command.slice(1).map((a: string) => (a === '/plan' ? dir : a)))).toBe(0);
      }
    } finally {
      process.env = saved;
    }
    expect(await gather(dir)).toBe(0);
    expect(sameResults(join(io.dir, 'results', 'queue-tiny'), reference).differing).toEqual([]);
  });

  it('a Slurm job array: --emit slurm writes a script that, run for each SLURM_ARRAY_TASK_ID, covers the plan', async () => {
    const dir = join(io.dir, 'slurm');
    expect(await plan(dir, '--emit', 'slurm', '--array-size', '2')).toBe(0);
    const script = join(dir, 'job.slurm.sh');
    const text = readFileSync(script, 'utf8');
    expect(text).toContain('#SBATCH --array=0-1\n');
    expect(text).toContain(`#SBATCH --output=${dir}/logs/%A_%a.log\n`);
    expect(existsSync(join(dir, 'logs'))).toBe(true);
    for (const index of [0, 1]) {
      const r = spawnSync('bash', [script], { env: shellEnv({ SLURM_ARRAY_TASK_ID: String(index) }), encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(2);
    }
    expect(await gather(dir)).toBe(0);
    expect(sameResults(join(io.dir, 'results', 'queue-tiny'), reference).differing).toEqual([]);
  });

  it('GNU parallel: the recipe line, run here without -S, covers the plan', async () => {
    const found = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
    if (found.error) throw new Error('GNU parallel is not installed: apt-get install -y parallel (.ci/run does)');
    const dir = join(io.dir, 'parallel');
    await plan(dir);
    const r = spawnSync('bash', ['-c', `seq 0 3 | parallel --will-cite -j 2 risklab task ${dir} --index {}`], { env: shellEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(await gather(dir)).toBe(0);
    expect(sameResults(join(io.dir, 'results', 'queue-tiny'), reference).differing).toEqual([]);
  });
});
