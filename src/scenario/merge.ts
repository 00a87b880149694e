/**
 * Deep merge of plain settings objects, as experiment files and the explorer
 * apply overrides to a preset: objects merge key by key; anything else
 * (arrays too) replaces; `undefined` keeps the base value. Neither input is
 * changed. Browser-safe (no node:* imports), so the explorer's worker merges
 * its settings exactly as `risklab run` merges a grid cell's.
 *
 * @example
 * deepMerge({ outcome: { baseRate: 0.05, oracleAuc: 0.8 } }, { outcome: { baseRate: 0.01 } });
 * // { outcome: { baseRate: 0.01, oracleAuc: 0.8 } }
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : structuredClone(over);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
