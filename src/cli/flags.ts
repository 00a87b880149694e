import { RisklabError, messages } from '../messages.js';

/** Parse a whole-number flag (`--size 1000`), with a one-line error naming the flag. */
export function wholeNumberFlag(flag: string, min = 1) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^[-+]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
      throw new RisklabError(messages.invalid(flag, `a whole number ≥ ${min}`, raw), flag);
    }
    return value;
  };
}

/** A seed flag: a whole number, or any other non-empty text used as a string seed. */
export function seedFlag(raw: string): number | string {
  if (raw.trim() === '') throw new RisklabError(messages.invalid('--seed', 'a whole number or a non-empty string', raw), '--seed');
  return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
}

/** A path flag (`--out`): not empty, so `--out ""` is an error rather than "no --out" or the current folder. */
export function pathFlag(flag: string) {
  return (raw: string): string => {
    if (raw.trim() === '') throw new RisklabError(messages.invalid(flag, 'a file or folder path', raw), flag);
    return raw;
  };
}

/** Parse a comma-separated list of numbers for a grid flag. */
export function numberListFlag(flag: string) {
  return (raw: string): number[] => {
    const values = raw.split(',').map((s) => Number(s.trim()));
    if (values.length === 0 || values.some((v) => !Number.isFinite(v)) || raw.trim() === '') throw new RisklabError(messages.invalid(flag, 'a comma-separated list of numbers', raw), flag);
    return values;
  };
}
