import { passingOverloaded, recommend, type PointResult } from '../../src/sweep/point-result.js';

function point(index: number, slots: number, pass: boolean, overloaded: boolean): PointResult {
  return { index, values: [String(slots)], seeds: [index], slots, rho: overloaded ? 1.5 : 0.5, overloaded, metrics: {}, ci95: undefined, slo: [pass] };
}

describe('recommend', () => {
  test('the passing point with the fewest worker slots, then the first in grid order', () => {
    expect(recommend([point(0, 3, false, false), point(1, 5, true, false), point(2, 4, true, false), point(3, 4, true, false)])?.index).toBe(2);
  });

  test('an overloaded point is never recommended, however cheap and however well it did', () => {
    const results = [point(0, 2, true, true), point(1, 3, true, true), point(2, 5, true, false)];
    expect(recommend(results)?.index).toBe(2);
    expect(passingOverloaded(results).map((result) => result.index)).toEqual([0, 1]);
  });

  test('none when the only passing points are overloaded', () => {
    expect(recommend([point(0, 2, true, true), point(1, 3, false, false)])).toBeNull();
  });
});
