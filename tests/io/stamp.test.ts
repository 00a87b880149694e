/**
 * The run stamp: version, commit and a date that is never the clock's, so
 * report.html and brief.pdf stay byte-identical between two runs of the
 * same config.
 */
import { describe, expect, it } from 'vitest';
import { runStamp } from '../../src/io/stamp.js';
import { pageMessages } from '../../src/messages.js';
import { commitWords, dateWords, stampLine, versionOnly } from '../../src/report/stamp.js';

describe('runStamp', () => {
  it('takes the date from SOURCE_DATE_EPOCH when set', () => {
    const s = runStamp({ ...process.env, SOURCE_DATE_EPOCH: '1717200000' });
    expect(s).toMatchObject({ date: '2024-06-01', dateSource: 'SOURCE_DATE_EPOCH' });
    expect(dateWords(s)).toBe('2024-06-01 (SOURCE_DATE_EPOCH)');
  });

  it("otherwise the date of the code's commit, and the commit itself (the same on every call)", () => {
    const env = { ...process.env };
    delete env.SOURCE_DATE_EPOCH;
    const s = runStamp(env);
    expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(s.dateSource).toBe('commit');
    expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(runStamp(env)).toEqual(s);
  });

  it('RISKLAB_COMMIT names the commit of a tree without git', () => {
    const s = runStamp({ ...process.env, RISKLAB_COMMIT: 'abc123', SOURCE_DATE_EPOCH: '0' });
    expect(s).toMatchObject({ commit: 'abc123', localChanges: false, date: '1970-01-01' });
  });

  it('a SOURCE_DATE_EPOCH that is not whole seconds is one clear line', () => {
    expect(() => runStamp({ ...process.env, SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(pageMessages.badSourceDateEpoch('yesterday'));
  });
});

describe('stamp words', () => {
  it('say what is not recorded', () => {
    expect(stampLine(versionOnly('1.2.3'))).toBe('Run date not recorded · risklab 1.2.3 · commit not recorded');
    expect(commitWords({ ...versionOnly('1'), commit: '0123456789abcdef', localChanges: true })).toBe('commit 0123456789ab with local changes');
  });
});
