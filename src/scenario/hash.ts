import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal configs give equal
 * text whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** First 12 hex digits of the SHA-256 of the canonical JSON of a resolved config. */
export function configHash(resolved: unknown): string {
  return createHash('sha256').update(canonicalJson(resolved)).digest('hex').slice(0, 12);
}
