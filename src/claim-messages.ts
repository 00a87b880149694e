import { show } from './messages.js';

/**
 * Texts of `risklab check-claim` and `risklab audit`: error lines and the
 * words of their reports. A sibling of src/messages.ts (each area keeps its
 * own section), so tests compare against these functions.
 */

// ==== check-claim: errors ====

export const claimMessages = {
  badFigure: (figure: string, got: string, expected: string) =>
    `${figure} must be ${expected}, written as 0.42, 42%, 0.40-0.45, 0.42±0.01, >1000 or ~350000; got ${show(got)}`,
  badRange: (figure: string, got: string) => `${figure} must be a range from low to high; got ${show(got)}`,
  unknownFigure: (name: string, known: readonly string[]) => `${show(name)} is not a figure a claim can state; known: ${known.join(', ')}`,
};
