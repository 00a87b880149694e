import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressOnStderr, toGo } from '../../src/cli/progress.js';

afterEach(() => vi.restoreAllMocks());

describe('progress lines (stderr is not a terminal)', () => {
  it('says nothing about the time to go before anything is done', () => {
    expect(toGo(0, 9, 0)).toBe('');
    expect(toGo(0, 9, 4)).toBe('');
    expect(toGo(9, 9, 4)).toBe('');
    expect(toGo(3, 9, 6)).toBe(', about 12 s to go');
  });

  it('prints the first line without NaN and the last with no time to go', () => {
    let text = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((text += String(s)), true));
    const tty = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    try {
      const p = progressOnStderr('check-claim search', 'settings');
      p.update(0, 9);
      p.update(9, 9);
      p.stop();
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
    }
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^check-claim search: 0\/9 settings, 0 s elapsed$/);
    expect(lines[1]).toMatch(/^check-claim search: 9\/9 settings, \d+ s elapsed$/);
    expect(text).not.toMatch(/NaN/);
  });
});
