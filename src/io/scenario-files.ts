import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RisklabError, messages } from '../messages.js';
import { PRESET_DIR } from './paths.js';

/** Read and parse a JSON file, with one-line errors naming the file. */
export function readJsonFile(path: string, field = 'file'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RisklabError(messages.unreadableFile(field, path, (e as NodeJS.ErrnoException).code ?? String(e)), field);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RisklabError(messages.badJson(path, (e as Error).message), field);
  }
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
