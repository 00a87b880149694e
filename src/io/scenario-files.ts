import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RisklabError, cliMessages, messages } from '../messages.js';
import { PRESET_DIR } from './paths.js';

/** Largest config file read (bytes): a scenario or experiment is a few kilobytes. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of objects and arrays accepted in a config (the deepest real setting is about 6 levels down). */
export const MAX_CONFIG_DEPTH = 64;
/** Longest text accepted anywhere in a config (a question or a source is a few hundred characters; names are copied into every table and chart). */
export const MAX_CONFIG_STRING = 10_000;

/** Why a file cannot be read, in words, from a Node error code. */
function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder, not a file', EACCES: 'permission denied', ENOTDIR: 'a part of the path is a file, not a folder', ELOOP: 'too many symbolic links', ENAMETOOLONG: 'the name is too long' };
  return (code && words[code]) ?? code ?? String(e);
}

/** The reason JSON.parse gave, without the snippet of the file it quotes (which may be binary), with the line and column when known. */
function jsonFailure(e: unknown, text: string): string {
  const raw = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError) return 'it is nested too deeply to read';
  const reason = raw.replace(/,? *(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/ (?:in JSON )?at position \d+.*$/s, '');
  const at = /at position (\d+)/.exec(raw);
  if (!at) return reason;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `${reason} at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/**
 * Read and parse a JSON file, with one-line errors naming the file: missing,
 * a folder, not a regular file, too large, empty, binary, not JSON (with the
 * line and column), or nested deeper than any config (`checkConfigValue`).
 * A UTF-8 byte-order mark is allowed.
 */
export function readJsonFile(path: string, field = 'file'): unknown {
  let text: string;
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!info.isFile()) throw new RisklabError(messages.unreadableFile(field, path, 'it is not a regular file'), field);
    if (info.size > MAX_CONFIG_BYTES) throw new RisklabError(messages.unreadableFile(field, path, `it is ${info.size.toLocaleString('en-GB')} bytes; a config file is at most ${MAX_CONFIG_BYTES.toLocaleString('en-GB')}`), field);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof RisklabError) throw e;
    throw new RisklabError(messages.unreadableFile(field, path, readFailure(e)), field);
  }
  if (text.trim() === '') throw new RisklabError(messages.badJson(path, 'the file is empty'), field);
  if (text.includes('\u0000')) throw new RisklabError(messages.badJson(path, 'it is a binary file, not text'), field);
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new RisklabError(messages.badJson(path, jsonFailure(e, body)), field);
  }
  return checkConfigValue(value, field, path);
}

/**
 * A config read from a file or a module (before validation): one object at the
 * top level, nested at most `MAX_CONFIG_DEPTH` levels (which also stops a
 * module's object that refers to itself), and no key `__proto__` (JSON.parse
 * keeps it as a key, but copying the object turns it into a prototype, so the
 * setting under it would vanish without a word), and no text longer than
 * `MAX_CONFIG_STRING` characters. Walks without recursion, so
 * a file of 200,000 `[` gets a message instead of a stack overflow.
 * Returns `value`.
 */
export function checkConfigValue(value: unknown, field: string, path: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RisklabError(cliMessages.notAnObject(field, path, value), field);
  }
  const stack: [object, string, number][] = [[value, '', 1]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (depth > MAX_CONFIG_DEPTH) throw new RisklabError(cliMessages.tooDeep(field, path, MAX_CONFIG_DEPTH), field);
    let keys: string[];
    try {
      keys = Object.keys(v);
    } catch (e) {
      throw new RisklabError(cliMessages.unreadableValue(field, path, at || 'the top level', e instanceof Error ? e.message : String(e)), field);
    }
    for (const key of keys) {
      const where = Array.isArray(v) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
      if (key === '__proto__') throw new RisklabError(cliMessages.protoKey(field, path, where), field);
      let child: unknown;
      try {
        child = (v as Record<string, unknown>)[key];
      } catch (e) {
        throw new RisklabError(cliMessages.unreadableValue(field, path, where, e instanceof Error ? e.message : String(e)), field);
      }
      if (typeof child === 'string' && child.length > MAX_CONFIG_STRING) throw new RisklabError(cliMessages.tooLong(field, path, where, child.length, MAX_CONFIG_STRING), field);
      if (typeof child === 'object' && child !== null) stack.push([child, where, depth + 1]);
    }
  }
  return value;
}
/** Names of the presets in synthetic/ (file names without .json), sorted. */
export function presetNames(dir = PRESET_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort();
}

/** Each preset's name and one-line description. */
export function listPresets(dir = PRESET_DIR): { name: string; description: string }[] {
  return presetNames(dir).map((name) => {
    const data = readJsonFile(join(dir, `${name}.json`)) as { description?: string };
    return { name, description: data.description ?? '' };
  });
}

/**
 * The raw scenario input for a preset name or a path to a .json file.
 * Unknown names give a one-line error listing the presets.
 */
export function loadScenarioInput(ref: string, dir = PRESET_DIR): unknown {
  const known = presetNames(dir);
  if (known.includes(ref)) return readJsonFile(join(dir, `${ref}.json`), 'scenario');
  if (ref.endsWith('.json') && existsSync(ref)) return readJsonFile(ref, 'scenario');
  if (ref.endsWith('.json')) throw new RisklabError(messages.unreadableFile('scenario', ref, 'no such file'), 'scenario');
  throw new RisklabError(messages.unknownPreset(ref, known), 'scenario');
}
