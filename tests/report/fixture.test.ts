import { describe, expect, it } from 'vitest';
import { buildTinyResult } from '../fixtures/report/make-result.js';
import { tinyResult } from './fixture.js';

/** The keys of an object, and of the first row of each table in it. */
function shape(result: object): Record<string, string[]> {
  const out: Record<string, string[]> = { '': Object.keys(result).sort() };
  for (const [k, v] of Object.entries(result)) {
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null) out[k] = Object.keys(v[0]).sort();
  }
  return out;
}

describe('the committed report fixture', () => {
  it('has the shape the experiment runner gives today (regenerate with npx tsx tests/fixtures/report/make-result.ts)', async () => {
    const fresh = await buildTinyResult();
    expect(shape(tinyResult())).toEqual(shape(fresh));
  });

  it('keeps NaN and Infinity through its JSON', () => {
    const r = tinyResult();
    expect(r.curves.some((c) => Number.isNaN(c.precision))).toBe(true); // nobody flagged at threshold 1
    expect(r.rows.every((x) => typeof x.value === 'number')).toBe(true);
  });
});
