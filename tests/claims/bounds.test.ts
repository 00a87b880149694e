import { describe, expect, it } from 'vitest';
import { truePositiveBounds, truthBounds } from '../../src/claims/bounds.js';

describe('truth bounds under assumptions', () => {
  it('collapse to the observed rates with full detection and no contact records', () => {
    const b = truthBounds([{ table: { tp: 40, fp: 60, fn: 10, tn: 890 }, assumption: { detection: 1, contactShare: 0 } }]);
    expect([b.precisionLo, b.precisionHi, b.recallLo, b.recallHi]).toEqual([0.4, 0.4, 0.8, 0.8]);
  });

  it('known answer: detection 0.5 leaves 50 unrecorded cases that may or may not be on the list', () => {
    // recorded 50 → true 100, unrecorded 50; all, some or none of them among the 60 flagged without a record.
    const b = truthBounds([{ table: { tp: 40, fp: 60, fn: 10, tn: 890 }, assumption: { detection: 0.5, contactShare: 0 } }]);
    expect([b.tpLo, b.tpHi, b.trueCases]).toEqual([40, 90, 100]);
    expect([b.precisionLo, b.precisionHi, b.recallLo, b.recallHi]).toEqual([0.4, 0.9, 0.4, 0.9]);
  });

  it('known answer: a contact share of 0.2 removes 10 recorded cases, on or off the list', () => {
    // recorded 50, C = 10 not true, Rt = 40 = T; x in [max(0, 10 − 10), min(40, 10)] = [0, 10].
    const b = truePositiveBounds({ tp: 40, fp: 60, fn: 10, tn: 890 }, { detection: 1, contactShare: 0.2 });
    expect(b).toEqual({ possible: true, lo: 30, hi: 40, trueCases: 40 });
  });

  it('says when an assumption is impossible', () => {
    expect(truePositiveBounds({ tp: 5, fp: 0, fn: 5, tn: 3 }, { detection: 0.1, contactShare: 0 }).possible).toBe(false);
  });

  it('adds groups with their own detection', () => {
    const a = { table: { tp: 10, fp: 10, fn: 10, tn: 70 }, assumption: { detection: 0.5, contactShare: 0 } };
    const b = { table: { tp: 20, fp: 0, fn: 0, tn: 80 }, assumption: { detection: 1, contactShare: 0 } };
    const both = truthBounds([a, b]);
    expect([both.tpLo, both.tpHi, both.trueCases, both.flagged]).toEqual([30, 40, 60, 40]);
  });
});
