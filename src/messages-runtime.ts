/**
 * Texts of the run-time layer: interruption by a signal and the memory limits
 * checked before any work (a sibling of src/messages.ts, which holds the rest).
 */
import { show } from './messages.js';

/** Whole bytes as a short size: 1.5 GB, 820 MB, 12 kB. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const v = bytes / size;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '')} ${unit}`;
    }
  }
  return `${Math.round(bytes)} bytes`;
}

export const runtimeMessages = {
  /** Printed once when SIGINT/SIGTERM/SIGHUP stops a command. */
  stopped: (signal: string) => `stopped by ${signal}; nothing was replaced and temporary files were removed`,
  /** The parent process (npm, npx) that launched this one has gone. */
  parentGone: 'stopped: the process that started risklab (npm or npx) has gone',
  /**
   * A size that cannot fit: names the field, its value, the estimate and the limit.
   * `hint` says what to do instead (a smaller value, --out for generate).
   */
  tooLarge: (field: string, value: unknown, estimate: number, limit: number, limitName: string, hint: string) =>
    `${field} = ${show(value)} needs about ${formatBytes(estimate)} of memory, more than the ${formatBytes(limit)} ${limitName}; ${hint}`,
};
