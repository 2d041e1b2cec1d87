import type { SourceSpec } from '../../src/model/scenario.js';
import { arrivalProcess, arrivalRate } from '../../src/theory/arrivals.js';
import { dist } from '../model/run-config.js';

function source(items: number, producers: number, interval: string): SourceSpec {
  return { name: `s${items}-${producers}`, producers, items, duration: Infinity, interval: dist(interval) };
}

describe('arrivals', () => {
  test('the rate sums producers over mean intervals', () => {
    expect(arrivalRate([source(10, 2, 'exp(500ms)'), source(10, 1, '250ms')])).toBeCloseTo(8, 12);
  });

  test('a source that makes no items adds nothing to the rate or the kind of arrivals', () => {
    const busy = source(100, 2, 'exp(500ms)');
    expect(arrivalRate([source(0, 1, '1s'), busy])).toBe(arrivalRate([busy]));
    expect(arrivalProcess([source(0, 1, '1s'), busy])).toEqual({ kind: 'poisson', rate: 4 });
  });

  test('a zero mean interval means every item at once', () => {
    expect(arrivalProcess([source(5, 1, '0')])).toEqual({ kind: 'all-at-once', rate: Infinity });
  });
});
