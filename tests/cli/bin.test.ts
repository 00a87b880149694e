import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'risklab.js');
let dir: string;

beforeAll(() => {
  // The compiled CLI is what `npm ci` builds (prepare); make sure it is current.
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'risklab-bin-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run a command with a hook that lists every file module the main thread loads. */
function traced(args: string[]) {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { writeSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) writeSync(2, 'loaded ' + r.url + '\\n'); return r; }\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
  return spawnSync(process.execPath, ['--import', register, ...args], { cwd: dir, encoding: 'utf8' });
}

describe('the built command line', () => {
  it('runs from another folder and through a symlink (as npm installs a bin)', () => {
    const link = join(dir, 'risklab');
    symlinkSync(bin, link);
    for (const command of [bin, link]) {
      const r = spawnSync(process.execPath, [command, 'scenarios'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(8);
    }
  });

  it('runs the check-claim search on compiled worker threads (dist/claims/search-worker.js), with the answer of one thread', () => {
    const args = [bin, 'check-claim', '--precision', '0.42', '--recall', '0.21', '--base-rate', '5%', '--grid-auc', '0.7,0.9', '--grid-detection', '1', '--grid-leakage', '0', '--children', '2000', '--json'];
    const one = traced([...args, '--workers', '1']);
    const two = traced([...args, '--workers', '2']);
    expect(two.status, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout).search.cells).toHaveLength(2);
    expect(two.stdout).toBe(one.stdout);
    const loaded = two.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
    expect(loaded.filter((u) => u.startsWith(`file://${root}/src/`) || u.includes('/tsx/'))).toEqual([]);
  }, 60_000);

  it('runs the compiled JavaScript in dist/, without tsx and without the TypeScript sources', () => {
    const r = traced([bin, 'scenarios']);
    expect(r.status, r.stderr).toBe(0);
    const loaded = r.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
    expect(loaded.some((u) => u.includes('/dist/cli/main.js'))).toBe(true);
    expect(loaded.filter((u) => u.startsWith(`file://${root}/src/`) || u.includes('/tsx/'))).toEqual([]);
    // scenarios loads neither the models nor the charts.
    expect(loaded.filter((u) => /tensorflow|vega|\/models\//.test(u))).toEqual([]);
  });

  it("runs a user's own .ts experiment from outside the repository over worker threads", () => {
    const file = join(dir, 'my.ts');
    writeFileSync(
      file,
      `const models: { name: string }[] = [{ name: 'logistic' }, { name: 'oracle' }];
export default {
  name: 'mine',
  question: 'Does my own experiment file run?',
  sources: ['a test'],
  seed: 3,
  scenarios: [{ label: 'a', preset: 'neutral' }],
  models,
  operatingPoints: [{ rule: 'topShare', value: 0.1 }],
  replicates: 2,
  quick: { replicates: 2, size: 600 },
};
`,
    );
    const out = join(dir, 'out');
    const r = traced([bin, 'run', file, '--quick', '--workers', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'mine', 'metrics.csv'), 'utf8').split('\n').length).toBeGreaterThan(10);
    const loaded = r.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
    expect(loaded.filter((u) => u.startsWith(`file://${root}/src/`))).toEqual([]);
    expect(existsSync(join(out, 'mine', 'summary.md'))).toBe(true);
  });
});
