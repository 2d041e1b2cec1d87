import { confidenceInterval, studentT975 } from '../../src/sweep/confidence.js';

describe('Student t confidence intervals', () => {
  test.each([
    [1, 12.7062],
    [4, 2.7764],
    [9, 2.2622],
    [30, 2.0423],
    [40, 2.0211],
    [60, 2.0003],
    [120, 1.9799],
    [100000, 1.96],
  ])('t(0.975, %d) = %d', (df, t) => {
    expect(studentT975(df)).toBeCloseTo(t, 4);
  });

  test('the table and the expansion meet smoothly at 30 degrees of freedom', () => {
    expect(studentT975(30)).toBeGreaterThan(studentT975(31));
    expect(studentT975(30) - studentT975(31)).toBeLessThan(0.003);
  });

  test('mean ± t · s / √n', () => {
    const interval = confidenceInterval([1, 2, 3, 4, 5]);
    expect(interval.mean).toBe(3);
    // s = √2.5, t(0.975, 4) = 2.776445105
    expect(interval.halfWidth).toBeCloseTo((2.776445105 * Math.sqrt(2.5)) / Math.sqrt(5), 9);
  });

  test('one value has no interval; equal values an interval of 0', () => {
    expect(confidenceInterval([4])).toEqual({ mean: 4, halfWidth: null });
    expect(confidenceInterval([2, 2, 2])).toEqual({ mean: 2, halfWidth: 0 });
  });

  test('a figure missing from any replication is missing', () => {
    expect(confidenceInterval([1, null, 3])).toEqual({ mean: null, halfWidth: null });
  });
});
