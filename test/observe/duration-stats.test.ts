import fc from 'fast-check';
import { DurationStats, EXACT_SAMPLE_LIMIT, nearestRank } from '../../src/observe/duration-stats.js';
import { RELATIVE_ACCURACY } from '../../src/observe/log-histogram.js';

function statsOf(values: readonly number[]): DurationStats {
  const stats = new DurationStats();
  for (const v of values) stats.add(v);
  return stats;
}

describe('DurationStats', () => {
  test('nearest-rank percentiles of 1..100 are exact', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // any order
    expect(statsOf(values).summary()).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  test('nearest rank: the smallest sample with at least N % at or below it', () => {
    expect(statsOf([1, 2, 3, 4]).summary()).toMatchObject({ p50: 2, p95: 4, p99: 4 });
    expect(statsOf([7]).summary()).toEqual({ count: 1, mean: 7, p50: 7, p95: 7, p99: 7, max: 7 });
    expect(nearestRank(95, 20)).toBe(19);
    expect(nearestRank(99, 1000)).toBe(990);
    expect(nearestRank(50, 1)).toBe(1);
  });

  test('no samples: every statistic is null', () => {
    expect(new DurationStats().summary()).toEqual({ count: 0, mean: null, p50: null, p95: null, p99: null, max: null });
  });

  test('stays exact up to the limit, then switches to the histogram', () => {
    const stats = statsOf(Array.from({ length: EXACT_SAMPLE_LIMIT }, (_, i) => i));
    expect(stats.exact).toBe(true);
    stats.add(1);
    expect(stats.exact).toBe(false);
  });

  test('past the limit: count, mean and max stay exact, percentiles within 0.1 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 3 * EXACT_SAMPLE_LIMIT }), (seed, extra) => {
        let x = seed;
        const values = Array.from({ length: EXACT_SAMPLE_LIMIT + extra }, () => {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          return (x / 2 ** 32) * 3; // uniform in [0, 3), like the demo's processing time
        });
        const summary = statsOf(values).summary();
        const sorted = [...values].sort((a, b) => a - b);
        const sum = values.reduce((a, b) => a + b, 0);
        expect(summary.count).toBe(values.length);
        expect(summary.mean).toBeCloseTo(sum / values.length, 9);
        expect(summary.max).toBe(sorted.at(-1));
        for (const [percent, key] of [[50, 'p50'], [95, 'p95'], [99, 'p99']] as const) {
          const exact = sorted[nearestRank(percent, sorted.length) - 1] as number;
          expect(Math.abs((summary[key] as number) - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY * (1 + 1e-12));
        }
      }),
      { numRuns: 15 },
    );
  });
});
