import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RisklabError, messages } from '../messages.js';
import { claimMessages as m } from '../claim-messages.js';

/**
 * Read a small JSON or YAML file of plain keys (a claim for check-claim, a
 * config for audit). JSON is parsed as YAML 1.2 (of which it is a subset)
 * with the failsafe schema, so every value arrives as the text written:
 * "0.70" keeps its trailing zero and so its rounding interval.
 */
export function readKeyFile(path: string, field: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RisklabError(messages.unreadableFile(field, path, (e as NodeJS.ErrnoException).code ?? String(e)), field);
  }
  let data: unknown;
  try {
    data = parse(text.replace(/^\uFEFF/, ''), { schema: 'failsafe', maxAliasCount: 10 });
  } catch (e) {
    throw new RisklabError(m.badClaimFile(path, `is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`), field);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new RisklabError(m.badClaimFile(path, 'must hold an object of keys and values'), field);
  return data as Record<string, unknown>;
}
