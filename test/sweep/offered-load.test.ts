import { createDistribution } from '../../src/model/distribution.js';
import type { Scenario, StageSpec } from '../../src/model/scenario.js';
import { offeredLoad, slots } from '../../src/sweep/offered-load.js';

const exp = (mean: number) => createDistribution({ kind: 'exp', mean });
const zero = createDistribution({ kind: 'const', value: 0 });

function stage(name: string, workers: number, delay: number, extra: Partial<StageSpec> = {}): StageSpec {
  return {
    name,
    workers: Array.from({ length: workers }, (_, i) => `w${i}`),
    concurrency: 1,
    delay: exp(delay),
    capacity: Infinity,
    onFull: 'block',
    failure: 0,
    retries: 0,
    backoff: zero,
    ...extra,
  };
}

function scenario(stages: StageSpec[], interval = 0.25, producers = 1): Scenario {
  return { seed: undefined, sources: [{ name: 's', producers, items: 100, duration: Infinity, interval: exp(interval) }], stages };
}

describe('offered load ρ', () => {
  test('M/M/c: λ / (c μ)', () => {
    expect(offeredLoad(scenario([stage('c', 5, 1)])).bottleneck).toBeCloseTo(0.8, 12);
    expect(offeredLoad(scenario([stage('c', 2, 1)], 0.25, 2)).bottleneck).toBeCloseTo(4, 12);
  });

  test('concurrency counts as servers', () => {
    expect(offeredLoad(scenario([stage('c', 2, 1, { concurrency: 4 })])).bottleneck).toBeCloseTo(0.5, 12);
    expect(slots(scenario([stage('c', 2, 1, { concurrency: 4 }), stage('d', 3, 1)]))).toBe(11);
  });

  test('a pipeline: each stage, and the busiest as its ρ', () => {
    const load = offeredLoad(scenario([stage('a', 2, 0.3), stage('b', 3, 0.6), stage('c', 1, 0.1)], 0.2));
    expect(load.stages.map((rho) => rho?.toFixed(6))).toEqual(['0.750000', '1.000000', '0.500000']);
    expect(load.bottleneck).toBeCloseTo(1, 12);
  });

  test('failures with retries add attempts and let fewer items on', () => {
    // p = 0.5, 1 retry: 1.5 attempts per item; a quarter of the items are dead-lettered.
    const load = offeredLoad(scenario([stage('a', 1, 0.1, { failure: 0.5, retries: 1 }), stage('b', 1, 0.1)], 0.25));
    expect(load.stages[0]).toBeCloseTo(0.6, 12);
    expect(load.stages[1]).toBeCloseTo(0.3, 12);
  });

  test('an interval of 0 leaves ρ undefined', () => {
    const s: Scenario = { ...scenario([stage('c', 1, 1)]), sources: [{ name: 's', producers: 1, items: 10, duration: Infinity, interval: zero }] };
    expect(offeredLoad(s).bottleneck).toBeNull();
  });

  test('overloaded: a stage with ρ ≥ 1 that keeps every item; one that drops when full is not', () => {
    expect(offeredLoad(scenario([stage('c', 5, 1)])).overloaded).toBe(false);
    expect(offeredLoad(scenario([stage('c', 4, 1)])).overloaded).toBe(true); // ρ = 1 exactly: no steady state either
    expect(offeredLoad(scenario([stage('a', 5, 1), stage('b', 1, 0.3)])).overloaded).toBe(true); // the second stage, ρ = 1.2
    expect(offeredLoad(scenario([stage('c', 2, 1, { capacity: 10, onFull: 'block' })])).overloaded).toBe(true); // the producers block instead
    expect(offeredLoad(scenario([stage('c', 2, 1, { capacity: 10, onFull: 'drop-newest' })])).overloaded).toBe(false);
    expect(offeredLoad(scenario([stage('c', 2, 1, { capacity: 10, onFull: 'drop-oldest' })])).overloaded).toBe(false);
  });

  test('below a stage with ρ ≥ 1, the rate is what its servers finish: a stage behind a dropping one is judged on that', () => {
    // 100 items/s into a stage that finishes 50/s and drops the rest; 2 workers of 35 ms below it see 50/s: ρ = 0.875.
    const load = offeredLoad(scenario([stage('gate', 1, 0.02, { capacity: 5, onFull: 'drop-newest' }), stage('work', 2, 0.035)], 0.01));
    expect(load.stages[0]).toBeCloseTo(2, 12);
    expect(load.stages[1]).toBeCloseTo(0.875, 12);
    expect(load.overloaded).toBe(false);
  });
});
