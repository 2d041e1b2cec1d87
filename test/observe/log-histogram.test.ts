import fc from 'fast-check';
import { LogHistogram, RELATIVE_ACCURACY } from '../../src/observe/log-histogram.js';

/** Positive durations spread over many orders of magnitude, 1 ns to 1e9 s. */
const durations = fc.array(
  fc.double({ min: -9, max: 9, noNaN: true }).map((exponent) => 10 ** exponent),
  { minLength: 1, maxLength: 2000 },
);

describe('LogHistogram', () => {
  test('every rank is within the stated relative accuracy (0.1 %) of the exact value', () => {
    expect(RELATIVE_ACCURACY).toBeLessThan(0.001);
    fc.assert(
      fc.property(durations, (values) => {
        const histogram = new LogHistogram();
        for (const v of values) histogram.add(v);
        const sorted = [...values].sort((a, b) => a - b);
        sorted.forEach((exact, i) => {
          const estimate = histogram.valueAtRank(i + 1) as number;
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY * (1 + 1e-12));
        });
      }),
      { numRuns: 60 },
    );
  });

  test('never reports beyond the exact minimum and maximum', () => {
    const histogram = new LogHistogram();
    for (const v of [1.0001, 1.0002, 1.0003]) histogram.add(v);
    expect(histogram.valueAtRank(1)).toBeGreaterThanOrEqual(1.0001);
    expect(histogram.valueAtRank(3)).toBeLessThanOrEqual(1.0003);
  });

  test('zero and values below 1 ns count at the bottom; values past the top clamp to the maximum', () => {
    const histogram = new LogHistogram();
    histogram.add(0);
    histogram.add(1e-12);
    histogram.add(2);
    histogram.add(1e20);
    expect(histogram.count).toBe(4);
    expect(histogram.valueAtRank(1)).toBe(0);
    expect(histogram.valueAtRank(2)).toBe(0);
    expect(Math.abs((histogram.valueAtRank(3) as number) - 2)).toBeLessThanOrEqual(2 * RELATIVE_ACCURACY * (1 + 1e-12));
    expect(histogram.valueAtRank(4)).toBeLessThanOrEqual(1e20);
  });

  test('an empty histogram has no value', () => {
    expect(new LogHistogram().valueAtRank(1)).toBeUndefined();
  });
});
