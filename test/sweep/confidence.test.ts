import { confidenceInterval } from '../../src/sweep/confidence.js';

describe('a figure over replications', () => {
  test('mean ± t(0.975, n−1) · s / √n', () => {
    const interval = confidenceInterval([1, 2, 3, 4, 5]);
    expect(interval.mean).toBe(3);
    // s = √2.5, t(0.975, 4) = 2.776445105
    expect(interval.halfWidth).toBeCloseTo((2.776445105 * Math.sqrt(2.5)) / Math.sqrt(5), 8);
  });

  test('one value has no interval; equal values an interval of 0', () => {
    expect(confidenceInterval([4])).toEqual({ mean: 4, halfWidth: null });
    expect(confidenceInterval([2, 2, 2])).toEqual({ mean: 2, halfWidth: 0 });
  });

  test('a figure missing from any replication is missing', () => {
    expect(confidenceInterval([1, null, 3])).toEqual({ mean: null, halfWidth: null });
    expect(confidenceInterval([])).toEqual({ mean: null, halfWidth: null });
  });
});
