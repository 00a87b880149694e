import { describe, expect, it } from 'vitest';
import { logLoss, probabilityLogLoss, softplus } from '../../src/numeric.js';

/** The one log-loss of the models (src/numeric.ts), against NumPy 1.24 / scikit-learn 1.2.1. */
describe('logLoss (logit scale)', () => {
  it('equals log(1 + e^t) − y·t (numpy.logaddexp(0, z) − y·z) and never overflows', () => {
    // /usr/bin/python3: z = [-3, 2.5, 0, 40, -800], y = [0, 1, 1, 0, 1]; np.logaddexp(0, z) - y*z →
    const expected = [0.04858735157374206, 0.07888973429254964, 0.6931471805599453, 40.0, 800.0];
    const z = [-3, 2.5, 0, 40, -800];
    const y = [0, 1, 1, 0, 1];
    z.forEach((t, i) => expect(logLoss(t, y[i])).toBeCloseTo(expected[i], 14));
    // A confident correct score costs about e^−t, with no digits lost to cancellation.
    expect(logLoss(30, 1) / Math.exp(-30)).toBeCloseTo(1, 12);
    expect(logLoss(-30, 0) / Math.exp(-30)).toBeCloseTo(1, 12);
    expect(softplus(1000)).toBe(1000);
  });
});

describe('probabilityLogLoss (probability scale)', () => {
  it('averages to scikit-learn’s log_loss, clipping at 2^-52', () => {
    // scikit-learn 1.2.1 log_loss([0, 1, 1, 0, 1], [0.1, 0.9, 0.8, 0.35, 1e-20]) → 7.381660177567895
    const p = [0.1, 0.9, 0.8, 0.35, 1e-20];
    const y = [0, 1, 1, 0, 1];
    const mean = p.reduce((s, q, i) => s + probabilityLogLoss(q, y[i]), 0) / p.length;
    expect(mean).toBeCloseTo(7.381660177567895, 12);
  });
});
