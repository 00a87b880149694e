import { describe, expect, it } from 'vitest';
import { countDraws, createRandom, murmur3x86_128 } from '../../src/random/index.js';

/** Upper 99.9% point of the chi-square distribution, Wilson–Hilferty approximation. */
function chiSquare999(df: number): number {
  const z = 3.0902; // one-sided 99.9% normal quantile
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

describe('MurmurHash3 x86_128 (stream seeding)', () => {
  it("matches SMHasher's verification value 0xB3ECE62A", () => {
    // SMHasher's VerificationTest: hash the keys {}, {0}, {0,1}, … {0..254} with
    // seed 256 − length, concatenate the 256 hashes, hash that with seed 0 and
    // read the first 4 bytes little-endian.
    const hashes = new Uint8Array(256 * 16);
    const view = new DataView(hashes.buffer);
    const key = new Uint8Array(256);
    for (let i = 0; i < 256; i++) {
      key[i] = i;
      const h = murmur3x86_128(key.subarray(0, i), 256 - i);
      for (let w = 0; w < 4; w++) view.setInt32(i * 16 + 4 * w, h[w], true);
    }
    expect(murmur3x86_128(hashes, 0)[0] >>> 0).toBe(0xb3ece62a);
  });
});

describe('sfc32 streams', () => {
  it('fill draws exactly what next() would, and carries on from it', () => {
    const a = createRandom(5).fork('x');
    const b = createRandom(5).fork('x');
    a.next();
    b.next();
    const buf = a.fill(new Float64Array(1000), 999);
    for (let i = 0; i < 999; i++) expect(buf[i]).toBe(b.next());
    expect(buf[999]).toBe(0);
    expect(a.next()).toBe(b.next());
  });

  it('draws lie in [0, 1) on the 2⁻³² grid', () => {
    const s = createRandom('grid').fork('u');
    for (let i = 0; i < 10_000; i++) {
      const u = s.next();
      expect(u >= 0 && u < 1).toBe(true);
      expect(Number.isInteger(u * 2 ** 32)).toBe(true);
    }
  });

  it('are uniform: chi-square on 1,000 equal buckets below its 99.9% point', () => {
    // 1,000,000 draws into 1,000 buckets: under uniformity the statistic is
    // chi-square with 999 degrees of freedom (99.9% point ≈ 1,143).
    for (const label of ['population', 'recording/cohort:1', 'model:forest:3']) {
      const s = createRandom(2024).fork(label);
      const k = 1000;
      const counts = new Float64Array(k);
      const n = 1_000_000;
      for (let i = 0; i < n; i++) counts[Math.floor(s.next() * k)]++;
      const e = n / k;
      let chi = 0;
      for (const c of counts) chi += ((c - e) * (c - e)) / e;
      expect(chi).toBeLessThan(chiSquare999(k - 1));
    }
  });

  it('successive pairs are uniform on the square (chi-square on a 32 × 32 grid)', () => {
    const s = createRandom(7).fork('pairs');
    const k = 32;
    const counts = new Float64Array(k * k);
    const n = 500_000;
    for (let i = 0; i < n; i++) counts[Math.floor(s.next() * k) * k + Math.floor(s.next() * k)]++;
    const e = n / (k * k);
    let chi = 0;
    for (const c of counts) chi += ((c - e) * (c - e)) / e;
    expect(chi).toBeLessThan(chiSquare999(k * k - 1));
  });

  it('streams with neighbouring labels and seeds are uncorrelated (|r| within 4 standard errors)', () => {
    const n = 100_000;
    const pairs: [ReturnType<typeof createRandom>, ReturnType<typeof createRandom>][] = [
      [createRandom(1).fork('circumstance:a'), createRandom(1).fork('circumstance:b')],
      [createRandom(1).fork('x'), createRandom(2).fork('x')],
      [createRandom('s').fork('cohort:1'), createRandom('s').fork('cohort:2')],
    ];
    for (const [a, b] of pairs) {
      let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
      for (let i = 0; i < n; i++) {
        const x = a.next();
        const y = b.next();
        sa += x;
        sb += y;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
      }
      const r = (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
      expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  it('countDraws counts the values each stream drew', () => {
    const counts = countDraws(() => {
      const root = createRandom(3);
      const a = root.fork('a');
      for (let i = 0; i < 10; i++) a.next();
      root.fork('b').fill(new Float64Array(25));
    });
    expect(counts.get('root/a')).toBe(10);
    expect(counts.get('root/b')).toBe(25);
    expect(counts.get('root')).toBe(0);
  });
});
