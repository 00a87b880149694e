import { describe, expect, it } from 'vitest';
import { createRandom, normal, permutation, poissonDraw } from '../../src/random/index.js';

describe('seeded streams', () => {
  it('gives the same numbers for the same seed and label', () => {
    const a = createRandom(7).fork('population');
    const b = createRandom(7).fork('population');
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });

  it('drawing more numbers in one stream never changes another', () => {
    const root1 = createRandom('s');
    const root2 = createRandom('s');
    const busy = root1.fork('recording');
    for (let i = 0; i < 10_000; i++) busy.next();
    const x = root1.fork('population');
    const y = root2.fork('population');
    for (let i = 0; i < 100; i++) expect(x.next()).toBe(y.next());
  });

  it('different labels and different seeds give different streams', () => {
    expect(createRandom(1).fork('a').next()).not.toBe(createRandom(1).fork('b').next());
    expect(createRandom(1).fork('a').next()).not.toBe(createRandom(2).fork('a').next());
    expect(createRandom(1).fork('a').fork('b').label).toBe('root/a/b');
  });

  it('rejects a non-finite seed and an empty label', () => {
    expect(() => createRandom(NaN)).toThrow(/seed must be a finite number/);
    expect(() => createRandom(1).fork('')).toThrow(/non-empty/);
  });

  it('normal draws have mean 0 and variance 1 (within 4 standard errors)', () => {
    const z = normal(createRandom(3).fork('z'));
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = z();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    // Var of the sample variance of N(0,1) is 2/n.
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('Poisson inversion reproduces the probability mass function', () => {
    // P(X = 0) = e^-2 = 0.1353…, P(X ≤ 1) = 3e^-2 = 0.4060…
    expect(poissonDraw(0.1353, 2)).toBe(0);
    expect(poissonDraw(0.1354, 2)).toBe(1);
    expect(poissonDraw(0.406, 2)).toBe(1);
    expect(poissonDraw(0.4061, 2)).toBe(2);
    expect(poissonDraw(0.5, 0)).toBe(0);
  });

  it('permutation contains every index once', () => {
    const p = permutation(createRandom(1).fork('p'), 1000);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
  });
});
