/**
 * Every user-facing error text in one place (the Vega-Lite habit), so tests
 * compare against these functions rather than copying strings, and so a
 * message names the field, the value and what was expected.
 */

/** An error caused by bad input (config, flags, files, hyper-parameters). The CLI prints `message` alone and exits 2. */
export class RisklabError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'RisklabError';
  }
}

/** Render a received value compactly for a message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}

export const messages = {
  /** `field must be <expected>; got <value>` — the general form. */
  invalid: (field: string, expected: string, got: unknown) =>
    `${field} must be ${expected}; got ${show(got)}`,
  unknownKey: (field: string, key: string) =>
    `${field ? `${field}.` : ''}${key} is not a known setting; remove it or check its spelling`,
  required: (field: string, expected: string) => `${field} is required (${expected})`,
  sharesSum: (field: string, total: number) =>
    `${field} must sum to 1; got ${Number(total.toFixed(6))}`,
  unknownPreset: (name: string, known: readonly string[]) =>
    `scenario ${show(name)} is neither a preset (${known.join(', ')}) nor a readable .json file`,
  unreadableFile: (field: string, path: string, reason: string) =>
    `${field} ${show(path)} could not be read: ${reason}`,
  badJson: (path: string, reason: string) => `${show(path)} is not valid JSON: ${reason}`,
  unwritable: (field: string, path: string, reason: string) =>
    `${field} ${show(path)} cannot be written: ${reason}`,
  unknownName: (field: string, name: string, known: readonly string[]) =>
    `${field} must be one of ${known.join(', ')}; got ${show(name)}`,
  /** Model hyper-parameter errors name the model: `forest.maxDepth must be an integer ≥ 1; got 0`. */
  badParam: (model: string, field: string, expected: string, got: unknown) =>
    `${model}.${field} must be ${expected}; got ${show(got)}`,
  truthColumn: (name: string) =>
    `feature ${show(name)} is a truth column; models may only see records`,
  unfitted: (model: string) => `${model} has not been fitted; call fit() first`,
  shapeMismatch: (field: string, expected: number, got: number) =>
    `${field} must have ${expected} entries; got ${got}`,
};
