import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RisklabError, messages } from '../messages.js';
import { EXPERIMENT_DIR } from './paths.js';
import { checkConfigValue, readJsonFile } from './scenario-files.js';
import { importModule } from '../runtime.js';

/** Names of the experiments in experiments/ (file names without extension), sorted. */
export function experimentNames(dir = EXPERIMENT_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ts|json)$/.test(f) && !f.startsWith('_'))
    .map((f) => basename(f, extname(f)))
    .sort();
}

/** An error from importing a module, as one short line (the reason a compiler gives is often on its second line). */
function importFailure(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

async function importDefault(path: string): Promise<unknown> {
  let mod: { default?: unknown };
  try {
    mod = (await importModule(pathToFileURL(path).href)) as { default?: unknown };
  } catch (e) {
    throw new RisklabError(messages.unreadableFile('experiment', path, importFailure(e)), 'experiment');
  }
  if (mod.default === undefined) throw new RisklabError(messages.unreadableFile('experiment', path, 'it has no default export'), 'experiment');
  return checkConfigValue(mod.default, 'experiment', path);
}

/**
 * The raw definition of an experiment: a name in experiments/, or a path to a
 * .ts / .js module with a default export, or a .json file.
 */
export async function loadExperimentInput(ref: string, dir = EXPERIMENT_DIR): Promise<unknown> {
  const known = experimentNames(dir);
  if (known.includes(ref)) {
    const ts = join(dir, `${ref}.ts`);
    return existsSync(ts) ? importDefault(ts) : readJsonFile(join(dir, `${ref}.json`), 'experiment');
  }
  const ext = extname(ref);
  if (['.ts', '.js', '.mjs', '.json'].includes(ext)) {
    if (!existsSync(ref)) throw new RisklabError(messages.unreadableFile('experiment', ref, 'no such file'), 'experiment');
    return ext === '.json' ? readJsonFile(ref, 'experiment') : importDefault(resolve(ref));
  }
  throw new RisklabError(messages.unknownName('experiment', ref, known), 'experiment');
}
