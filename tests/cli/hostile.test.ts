import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { main } from '../../src/cli/main.js';
import { captureCli } from './capture.js';
import { defaultOutDir } from '../../src/cli/run.js';
import { cliMessages, messages } from '../../src/messages.js';
import { MAX_CONFIG_DEPTH, MAX_CONFIG_STRING } from '../../src/io/scenario-files.js';
import { QUICK_RESULTS_DIR, REPO_ROOT, RESULTS_DIR } from '../../src/io/paths.js';

/**
 * A hostile tester's list: malformed files, wrong types, huge values, escape
 * sequences, bad output locations, code that throws. Each must give exit code
 * 2 and one line on stderr naming the field (or the file) — never a stack
 * trace — and leave an earlier results folder as it was.
 */

const io = captureCli('risklab-hostile-');

const file = (name: string, content: string | Buffer) => {
  const path = join(io.dir, name);
  writeFileSync(path, content);
  return path;
};
const json = (name: string, value: unknown) => file(name, JSON.stringify(value));

/** Exit code 2, exactly one line on io.stderr matching `message`, no stack trace, nothing on io.stdout. */
async function expectOneLine(args: string[], message: RegExp | string) {
  const code = await main(args);
  expect(io.stderr.split('\n').filter(Boolean), io.stderr).toHaveLength(1);
  if (typeof message === 'string') expect(io.stderr).toBe(`risklab: ${message}\n`);
  else expect(io.stderr).toMatch(message);
  expect(io.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(code).toBe(2);
  expect(io.stdout).toBe('');
}

const experiment = {
  name: 'bad',
  question: 'Does a hostile file fail cleanly?',
  seed: 1,
  scenarios: [{ label: 'n', preset: 'neutral', overrides: { population: { size: 400 } } }],
  models: [{ name: 'logistic' }],
  replicates: 1,
};

describe('files that are not what they claim', () => {
  const cases: [string, () => string[], RegExp | string | (() => string)][] = [
    ['200,000 [ (unclosed)', () => ['generate', file('deep.json', '['.repeat(200_000))], /^risklab: ".*deep\.json" is not valid JSON: Unexpected end of JSON input\n$/],
    ['200,000 [ closed, as a scenario', () => ['generate', file('deep.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`)], /^risklab: scenario ".*deep\.json" must hold one object \{ … \} at the top level; got an array\n$/],
    ['200,000 [ inside an object, as an experiment', () => ['run', file('deep.json', `{"name":${'['.repeat(200_000)}${']'.repeat(200_000)}}`)], () => cliMessages.tooDeep('experiment', join(io.dir, 'deep.json'), MAX_CONFIG_DEPTH)],
    ['100,000 nested objects', () => ['generate', file('deep.json', `{"seed":1,"population":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`)], () => cliMessages.tooDeep('scenario', join(io.dir, 'deep.json'), MAX_CONFIG_DEPTH)],
    ['an empty file', () => ['generate', file('empty.json', '')], () => messages.badJson(join(io.dir, 'empty.json'), 'the file is empty')],
    ['only white space', () => ['run', file('blank.json', ' \n\t\n')], () => messages.badJson(join(io.dir, 'blank.json'), 'the file is empty')],
    ['a folder named .json', () => (mkdirSync(join(io.dir, 'folder.json')), ['generate', join(io.dir, 'folder.json')]), () => messages.unreadableFile('scenario', join(io.dir, 'folder.json'), 'it is a folder, not a file')],
    ['binary garbage', () => ['generate', file('garbage.json', Buffer.from([0x7b, 0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x9b, 0x07, 0x0a, 0xfe]))], () => messages.badJson(join(io.dir, 'garbage.json'), 'it is a binary file, not text')],
    ['a NaN, which JSON does not have', () => ['generate', file('nan.json', '{"seed":1,"outcome":{"baseRate":NaN}}')], /^risklab: ".*nan\.json" is not valid JSON: Unexpected token 'N'\n$/],
    ['a trailing comma (line and column given)', () => ['generate', file('comma.json', '{"seed": 1,\n "population": {"size": 100,}}')], /^risklab: ".*comma\.json" is not valid JSON: .* at line 2, column 29\n$/],
    ['null at the top', () => ['generate', file('null.json', 'null')], () => cliMessages.notAnObject('scenario', join(io.dir, 'null.json'), null)],
    ['a number at the top of an experiment', () => ['run', file('n.json', '42')], () => cliMessages.notAnObject('experiment', join(io.dir, 'n.json'), 42)],
    ['1e309 (Infinity)', () => ['generate', file('inf.json', '{"seed":1,"outcome":{"baseRate":1e309}}')], 'outcome.baseRate must be a number in (0, 1); got Infinity'],
    ['-0', () => ['generate', file('zero.json', '{"seed":1,"outcome":{"baseRate":-0}}')], 'outcome.baseRate must be a number in (0, 1); got 0'],
    ['a 3,000,000-character value (shown by its ends)', () => ['generate', file('long.json', JSON.stringify({ seed: 1, outcome: { baseRate: 'x'.repeat(3_000_000) } }))], /^risklab: .*: outcome\.baseRate must be a text of at most 10,000 characters; got 3,000,000\n$/],
    ['a 5,000-character value (shown by its ends)', () => ['generate', json('long.json', { seed: 1, outcome: { baseRate: 'y'.repeat(5000) } })], /^risklab: outcome\.baseRate must be a number in \(0, 1\); got "y{100}…y{40}" \(5,000 characters\)\n$/],
    ['a 3,000,000-character name', () => ['generate', json('long.json', { seed: 1, name: 'n'.repeat(3_000_000) })], () => cliMessages.tooLong('scenario', join(io.dir, 'long.json'), 'name', 3_000_000, MAX_CONFIG_STRING)],
    ['a key __proto__', () => ['generate', file('proto.json', '{"seed":1,"circumstanceOverrides":{"__proto__":{"prevalence":0.1}}}')], () => cliMessages.protoKey('scenario', join(io.dir, 'proto.json'), 'circumstanceOverrides.__proto__')],
    ['a wrong type deep inside', () => ['generate', json('t.json', { seed: 1, population: { groups: [null] } })], 'population.groups[0] must be an object { … }; got null'],
    ['a preset name with ../', () => ['generate', '../synthetic/neutral'], /^risklab: scenario "\.\.\/synthetic\/neutral" is neither a preset \(neutral, .*\) nor a readable \.json file\n$/],
    ['an experiment name with ../', () => ['run', '../experiments/base-rate'], /^risklab: experiment must be one of base-rate, .*; got "\.\.\/experiments\/base-rate"\n$/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    await expectOneLine(args(), typeof message === 'function' ? message() : message);
  });

  it('a UTF-8 byte-order mark and unicode names are accepted', async () => {
    const path = file('bom.json', `\uFEFF${JSON.stringify({ seed: 1, name: 'Älvdalen 日本', population: { size: 200, groups: [{ attribute: 'ethnicité', levels: [{ name: 'ü', share: 1 }] }] } })}`);
    expect(await main(['generate', path])).toBe(0);
    expect(io.stdout).toMatch(/^Älvdalen 日本 \(seed 1\)/);
    expect(io.stdout).toMatch(/\nethnicité\s+ü\s+200/);
  });
});

describe('experiment modules that misbehave', () => {
  const base = JSON.stringify(experiment);
  const cases: [string, string, RegExp][] = [
    ['throws at import', "throw new Error('boom at import');", /could not be read: boom at import\n$/],
    ['a syntax error (the reason on the same line)', 'export default {', /could not be read: Transform failed with 1 error: .*(Expected|Unexpected).{0,300}\n$/],
    ['no default export', 'export const x = 1;', /could not be read: it has no default export\n$/],
    ['a default export that is a number', 'export default 42;', /must hold one object \{ … \} at the top level; got a number \(42\)\n$/],
    ['a default export that is a function', 'export default function () { return 1; }', /got a function \(a default export must be the experiment object itself\)\n$/],
    ['a getter that throws', `export default { ...${base}, get question() { throw new TypeError('no question'); } };`, /: reading question failed: no question\n$/],
    ['an object that contains itself', `const e: any = ${base}; e.scenarios[0].overrides.self = e; export default e;`, /is nested more than 64 levels deep/],
    ['a BigInt seed', `export default { ...${base}, seed: 10n };`, /^risklab: seed must be a whole number or a non-empty string; got 10n\n$/],
  ];
  it.each(cases)('%s', async (_name, source, message) => {
    await expectOneLine(['run', file(`e${Math.random().toString(36).slice(2)}.ts`, source)], message);
  });
});

describe('output locations are checked before the first task', () => {
  /** An earlier results folder at <out>/bad, which a failed run must leave exactly as it was. */
  const earlier = (out: string) => {
    mkdirSync(join(out, 'bad'), { recursive: true });
    writeFileSync(join(out, 'bad', 'summary.md'), 'a good earlier result');
    writeFileSync(join(out, 'bad', 'config.json'), '{ "configHash": "earlier" }\n');
  };
  const untouched = (out: string) => {
    expect(readFileSync(join(out, 'bad', 'summary.md'), 'utf8')).toBe('a good earlier result');
    expect(readdirSync(join(out, 'bad')).sort()).toEqual(['config.json', 'summary.md']);
    expect(readdirSync(out).filter((f) => f.startsWith('.risklab-tmp'))).toEqual([]);
  };
  // A model that fails inside the first task (its weights name a flag the records lack, which only fitting can see):
  // if the output check came later, that error would be printed instead.
  const failsInTask = () => json('exp.json', { ...experiment, models: [{ name: 'points', params: { mode: 'expert', weights: { no_such_flag: 1 } } }] });

  it('run --out <a file>', async () => {
    const out = file('out-file', 'not a folder');
    await expectOneLine(['run', failsInTask(), '--out', out, '--workers', '1'], messages.unwritable('--out', out, 'it is a file, not a folder'));
    expect(readFileSync(out, 'utf8')).toBe('not a folder');
  });

  it('run --out <a folder under a file>', async () => {
    const blocker = file('out-file', 'x');
    await expectOneLine(['run', failsInTask(), '--out', join(blocker, 'sub'), '--workers', '1'], messages.unwritable('--out', join(blocker, 'sub'), `${blocker} is a file, not a folder`));
  });

  it('run --out <a folder whose <name>/ is a file>', async () => {
    const out = join(io.dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'bad'), 'mine');
    await expectOneLine(['run', failsInTask(), '--out', out, '--workers', '1'], messages.unwritable('--out', out, `${join(out, 'bad')} is a file, not a results folder`));
    expect(readFileSync(join(out, 'bad'), 'utf8')).toBe('mine');
  });

  it('run --out <a folder whose <name>/ is somebody else’s folder> is refused, not replaced', async () => {
    const out = join(io.dir, 'out');
    mkdirSync(join(out, 'bad'), { recursive: true });
    writeFileSync(join(out, 'bad', 'thesis.tex'), 'years of work');
    await expectOneLine(['run', failsInTask(), '--out', out, '--workers', '1'], cliMessages.notResultsFolder('--out', join(out, 'bad')));
    expect(readFileSync(join(out, 'bad', 'thesis.tex'), 'utf8')).toBe('years of work');
  });

  it('start --out <a file> and start --out <a folder under a file>', async () => {
    const out = file('out-file', 'x');
    await expectOneLine(['start', '--out', out], messages.unwritable('--out', out, 'it is a file, not a folder'));
    io.stderr = '';
    await expectOneLine(['start', '--out', join(out, 'sub')], messages.unwritable('--out', join(out, 'sub'), `${out} is a file, not a folder`));
  });

  it('start --out <a folder whose README.md is a folder>', async () => {
    const out = join(io.dir, 'out');
    mkdirSync(join(out, 'README.md'), { recursive: true });
    await expectOneLine(['start', '--out', out], messages.unwritable('--out', join(out, 'README.md'), 'it is a folder'));
  });

  it('run --out <a read-only folder>: one line, the earlier results untouched', async () => {
    const out = join(io.dir, 'ro');
    earlier(out);
    chmodSync(out, 0o555);
    const expected = messages.unwritable('--out', out, `folder ${out}: permission denied`);
    if (process.getuid?.() !== 0) {
      await expectOneLine(['run', failsInTask(), '--out', out, '--workers', '1'], expected);
    } else {
      // root writes anywhere: run the command as an unprivileged user (nobody) instead.
      chmodSync(dirname(io.dir), 0o711);
      chmodSync(io.dir, 0o755);
      const home = join(io.dir, 'home');
      mkdirSync(home, { mode: 0o777 });
      chmodSync(home, 0o777);
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts'), 'run', failsInTask(), '--out', out, '--workers', '1'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        uid: 65534,
        gid: 65534,
        env: { ...process.env, HOME: home, TMPDIR: home },
      });
      expect(r.stderr).toBe(`risklab: ${expected}\n`);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
    chmodSync(out, 0o755);
    untouched(out);
  });

  it.each([['generate', 'neutral'], ['run', 'base-rate'], ['start']])('%s --out "" is an error, not "no --out"', async (...args) => {
    await expectOneLine([...args, '--out', ''], messages.invalid('--out', 'a file or folder path', ''));
  });

  it('generate --out <a folder under a file>', async () => {
    const blocker = file('out-file', 'x');
    await expectOneLine(['generate', 'neutral', '--out', join(blocker, 'x.csv')], messages.unwritable('--out', join(blocker, 'x.csv'), `${blocker} is a file, not a folder`));
  });
});

describe('quick runs do not replace the committed full results', () => {
  it('without --out, --quick writes to results-quick/, which git ignores', () => {
    expect(defaultOutDir(false)).toBe(RESULTS_DIR);
    expect(defaultOutDir(true)).toBe(QUICK_RESULTS_DIR);
    expect(QUICK_RESULTS_DIR).not.toBe(RESULTS_DIR);
    expect(readFileSync(join(REPO_ROOT, '.gitignore'), 'utf8').split('\n')).toContain('/results-quick/');
  });
});

describe('an unexpected error', () => {
  const buggy = () => {
    const program = new Command('risklab').exitOverride();
    program.command('boom').action(() => {
      (undefined as unknown as { x: number }).x; // a TypeError, as a bug would throw
    });
    return program;
  };

  it('prints one line saying it is a bug and how to see the details, exit code 1', async () => {
    expect(await main(['boom'], buggy())).toBe(1);
    expect(io.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(io.stderr).toMatch(/^risklab: internal error \(a bug in risklab, not in your input\): TypeError: Cannot read properties of undefined \(reading 'x'\); run the same command again with --debug to print the stack trace, and please report it\n$/);
  });

  it('with --debug (anywhere before --), the stack trace follows', async () => {
    expect(await main(['boom', '--debug'], buggy())).toBe(1);
    const lines = io.stderr.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^risklab: internal error .*: TypeError: .*; the stack trace follows$/);
    expect(lines[1]).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(lines.some((l) => /^\s+at .*hostile\.test\.ts/.test(l))).toBe(true);
  });
});

describe('text from configs reaches the terminal without control characters', () => {
  const evil = 'x\x1b]0;pwned\x07\x1b[2J\x9b31m\r\u202e';
  const controls = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

  it('generate: scenario and group names', async () => {
    const path = json('evil.json', { seed: 1, name: `name ${evil}`, population: { size: 200, groups: [{ attribute: `attr ${evil}`, levels: [{ name: `level ${evil}\nnext`, share: 1 }] }] } });
    expect(await main(['generate', path])).toBe(0);
    expect(io.stdout).not.toMatch(controls);
    expect(io.stdout).toMatch(/^name x \(seed 1\)/);
    expect(io.stdout).toMatch(/\nattr x +level x {2}next +200 /); // in a table, a line break or carriage return is a space
  });

  it('error messages: a value, a file name, an unknown option', async () => {
    await expectOneLine(['generate', json('evil.json', { seed: 1, outcome: { baseRate: `0.1${evil}` } })], /^risklab: outcome\.baseRate must be a number in \(0, 1\); got "0\.1x\\u001b\]0;pwned\\u0007\\u001b\[2J\\r"\n$/); // C0 shown escaped by JSON, the 8-bit CSI removed
    io.stderr = '';
    await expectOneLine(['generate', `preset${evil}\nsecond line`], /^risklab: scenario "preset.*" is neither a preset/);
    expect(io.stderr).not.toMatch(controls);
    io.stderr = '';
    await expectOneLine(['generate', 'neutral', `--colour${evil}`], /^risklab: unknown option '--colourx/);
    expect(io.stderr).not.toMatch(controls);
  });
});
