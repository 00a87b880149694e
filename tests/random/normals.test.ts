import { describe, expect, it } from 'vitest';
import { createRandom, normal, normalSource, streamState, zigguratNormals, type RandomSource } from '../../src/random/index.js';
import { normCdf } from '../../src/population/math.js';

const Z = 4; // four standard errors

describe('streamState: drawing inside a kernel loop', () => {
  it('stepping the words as documented gives exactly what next() gives, and next() carries on after write-back', () => {
    const a = createRandom(11).fork('k');
    const b = createRandom(11).fork('k');
    a.next();
    b.next();
    const state = streamState(a);
    let [w0, w1, w2, w3] = [state[0], state[1], state[2], state[3]];
    for (let i = 0; i < 5000; i++) {
      const t = (((w0 + w1) | 0) + w3) | 0;
      w3 = (w3 + 1) | 0;
      w0 = w1 ^ (w1 >>> 9);
      w1 = (w2 + (w2 << 3)) | 0;
      w2 = (((w2 << 21) | (w2 >>> 11)) + t) | 0;
      expect((t >>> 0) * 2 ** -32).toBe(b.next());
    }
    state.set([w0, w1, w2, w3]);
    expect(a.next()).toBe(b.next());
    expect(a.fill(new Float64Array(3))).toEqual(b.fill(new Float64Array(3)));
  });

  it('refuses a source that is not one of ours', () => {
    const fake: RandomSource = { seed: '1', label: 'fake', next: () => 0.5, fill: (o) => o, fork: () => fake };
    expect(() => streamState(fake)).toThrow(/streamState needs a stream made by createRandom; got fake/);
  });
});

describe('Box–Muller normalSource', () => {
  it('fill gives the values next() and normal() give, whatever the pieces (the spare carries over)', () => {
    const byNext = normal(createRandom(4).fork('z'));
    const source = normalSource(createRandom(4).fork('z'));
    const got: number[] = [];
    for (const size of [1, 2, 3, 0, 7, 1, 1, 64]) got.push(...source.fill(new Float64Array(size)));
    got.push(source.next(), source.next());
    for (const v of got) expect(v).toBe(byNext());
  });
});

describe('ziggurat normals', () => {
  it('fill and next give one sequence, taken in any mix of pieces', () => {
    const a = zigguratNormals(createRandom(5).fork('z'));
    const b = zigguratNormals(createRandom(5).fork('z'));
    const got: number[] = [];
    for (const size of [1, 1000, 3, 0, 20_000]) {
      got.push(...a.fill(new Float64Array(size)));
      got.push(a.next());
    }
    for (const v of got) expect(v).toBe(b.next());
  });

  const n = 1_000_000;
  const x = zigguratNormals(createRandom(2024).fork('ziggurat')).fill(new Float64Array(n));

  it('are standard normal: mean, variance, skewness and kurtosis within 4 standard errors', () => {
    let s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (const v of x) {
      s1 += v;
      s2 += v * v;
      s3 += v * v * v;
      s4 += v * v * v * v;
    }
    // Standard errors of the sample moments of N(0, 1): √(1/n), √(2/n), √(15/n), √(96/n).
    expect(Math.abs(s1 / n)).toBeLessThan(Z * Math.sqrt(1 / n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(Z * Math.sqrt(2 / n));
    expect(Math.abs(s3 / n)).toBeLessThan(Z * Math.sqrt(15 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(Z * Math.sqrt(96 / n));
  });

  it('follow Φ: Kolmogorov–Smirnov distance below its 99.9% point (1.949/√n)', () => {
    const sorted = Float64Array.from(x).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normCdf(sorted[i]);
      d = Math.max(d, f - i / n, (i + 1) / n - f);
    }
    expect(d).toBeLessThan(1.949 / Math.sqrt(n));
  });

  it('reach the tail beyond r = 3.4426 as often as Φ says (binomial, 4 standard errors), and the far tail', () => {
    const p = 2 * (1 - normCdf(3.442619855899));
    let tail = 0;
    let far = 0;
    for (const v of x) {
      if (Math.abs(v) > 3.442619855899) tail++;
      if (Math.abs(v) > 4.5) far++;
    }
    expect(Math.abs(tail - n * p)).toBeLessThan(Z * Math.sqrt(n * p * (1 - p)));
    const q = 2 * (1 - normCdf(4.5));
    expect(Math.abs(far - n * q)).toBeLessThan(Z * Math.sqrt(n * q) + 1);
  });

  it('are symmetric at every size (the sign bit is apart from the region bits)', () => {
    // The share of positive draws within each of the 16 equal-probability bins of |x| is ½.
    const edges = Array.from({ length: 15 }, (_, k) => -normInvApprox(0.5 - (k + 1) / 32));
    const pos = new Float64Array(16);
    const all = new Float64Array(16);
    for (const v of x) {
      const a = Math.abs(v);
      let k = 0;
      while (k < 15 && a > edges[k]) k++;
      all[k]++;
      if (v > 0) pos[k]++;
    }
    for (let k = 0; k < 16; k++) expect(Math.abs(pos[k] - all[k] / 2)).toBeLessThan(Z * Math.sqrt(all[k] / 4));
  });
});

/** Φ⁻¹ by bisection on normCdf (for test bin edges only). */
function normInvApprox(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
