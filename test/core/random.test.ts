import { RandomSource, RandomStream } from '../../src/core/random.js';

describe('RandomStream', () => {
  test('the same seed and key give the same sequence', () => {
    const a = new RandomStream(42, 'consumer:0');
    const b = new RandomStream(42, 'consumer:0');
    for (let i = 0; i < 100; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  test('different keys or seeds give different sequences', () => {
    const first = (seed: number, key: string): number[] => {
      const s = new RandomStream(seed, key);
      return Array.from({ length: 4 }, () => s.nextUint32());
    };
    expect(first(42, 'consumer:0')).not.toEqual(first(42, 'consumer:1'));
    expect(first(42, 'consumer:0')).not.toEqual(first(43, 'consumer:0'));
    // Seeds beyond 32 bits are distinct too.
    expect(first(2 ** 32, 'k')).not.toEqual(first(0, 'k'));
  });

  test('is locked to known values, so a change of algorithm cannot pass unnoticed', () => {
    const s = new RandomStream(1, 'test');
    expect(Array.from({ length: 3 }, () => s.nextUint32())).toMatchSnapshot();
  });

  test('next() is in [0, 1) with mean 1/2 and variance 1/12', () => {
    const s = new RandomStream(7, 'uniform');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = s.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 0.00065; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  test('exponential has the requested mean', () => {
    const s = new RandomStream(9, 'exp');
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += s.exponential(2);
    // Standard error 2 / sqrt(n) ≈ 0.0045; allow 5 of them.
    expect(Math.abs(sum / n - 2)).toBeLessThan(0.023);
  });

  test('rejects seeds that are negative, fractional or unsafe', () => {
    expect(() => new RandomSource(-1)).toThrow(RangeError);
    expect(() => new RandomSource(1.5)).toThrow(RangeError);
    expect(() => new RandomSource(2 ** 53)).toThrow(RangeError);
  });
});
