import fc from 'fast-check';
import type { FullPolicy } from '../../src/core/queue.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import { simulateScenario } from '../../src/model/run.js';
import type { Scenario, SourceSpec, StageSpec } from '../../src/model/scenario.js';
import { RunStatistics } from '../../src/observe/statistics.js';
import { dist } from '../model/run-config.js';

function source(name: string, items: number, interval: string, producers = 1): SourceSpec {
  return { name, producers, items, duration: Infinity, interval: dist(interval) };
}

function stage(name: string, fields: Partial<Omit<StageSpec, 'delay' | 'backoff' | 'name'>> & { delay: string; backoff?: string }): StageSpec {
  const { delay, backoff = '0', ...rest } = fields;
  return { name, workers: ['w1'], concurrency: 1, capacity: Infinity, onFull: 'block', failure: 0, retries: 0, ...rest, delay: dist(delay), backoff: dist(backoff) };
}

const pipelines = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 32 }),
  sources: fc.integer({ min: 1, max: 2 }),
  items: fc.integer({ min: 1, max: 150 }),
  stages: fc.array(
    fc.record({
      workers: fc.integer({ min: 1, max: 3 }),
      concurrency: fc.integer({ min: 1, max: 2 }),
      delay: fc.constantFrom('exp(100ms)', 'uniform(0,300ms)', '50ms'),
      capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 4 })),
      onFull: fc.constantFrom<FullPolicy>('block', 'drop-newest'),
      failure: fc.constantFrom(0, 0.2),
      retries: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

function scenarioOf(p: typeof pipelines extends fc.Arbitrary<infer R> ? R : never): Scenario {
  return {
    seed: p.seed,
    sources: Array.from({ length: p.sources }, (_, s) => source(`s${s}`, p.items, 'exp(80ms)')),
    stages: p.stages.map((k, i) =>
      stage(`k${i}`, {
        ...k,
        onFull: k.capacity === Infinity ? 'block' : k.onFull,
        workers: Array.from({ length: k.workers }, (_, w) => `w${w}`),
        backoff: '20ms',
      }),
    ),
  };
}

describe('RunStatistics on pipelines', () => {
  test("per stage and for all queues: Little's law, conservation, and the counts the model reports", async () => {
    await fc.assert(
      fc.asyncProperty(pipelines, async (p) => {
        const scenario = scenarioOf(p);
        const statistics = new RunStatistics();
        const finished = await simulateScenario(scenario, p.seed, { observers: [statistics] });
        const s = statistics.summary();
        expect(s.items).toEqual({
          produced: finished.produced,
          consumed: finished.consumed,
          completed: finished.consumed,
          left: 0,
          dropped: finished.dropped,
          deadLettered: finished.deadLettered,
        });
        expect(s.items.consumed + s.items.dropped + s.items.deadLettered).toBe(p.items * p.sources);
        expect(s.producers.reduce((sum, x) => sum + x.produced, 0)).toBe(p.items * p.sources);
        expect(s.producers.reduce((sum, x) => sum + x.dropped, 0)).toBe(s.items.dropped);
        expect(s.stages.reduce((sum, x) => sum + x.dropped, 0)).toBe(s.items.dropped);
        expect(s.stages.reduce((sum, x) => sum + x.deadLettered, 0)).toBe(s.items.deadLettered);
        expect(s.stages.at(-1)?.processed).toBe(s.items.consumed);
        expect(s.systemSeconds.count).toBe(s.items.consumed);
        const T = s.simulatedSeconds;
        if (T === 0) return;
        let gets = 0;
        let area = 0;
        for (const k of s.stages) {
          const waits = k.waitSeconds;
          gets += waits.count;
          expect(waits.count).toBe(k.processed + k.failedAttempts);
          expect(k.failedAttempts).toBe(k.retries + k.deadLettered);
          if (waits.count > 0) {
            expect(k.queue.meanSize as number).toBeCloseTo((waits.count / T) * (waits.mean as number), 9);
            area += (waits.mean as number) * waits.count;
          }
          expect(k.utilization as number).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(s.waitSeconds.count).toBe(gets);
        expect(s.queue.meanSize as number).toBeCloseTo(area / T, 9);
        expect(s.queue.meanSize as number).toBeCloseTo(s.stages.reduce((sum, k) => sum + (k.queue.meanSize as number), 0), 9);
        expect(s.queue.maxSize).toBeGreaterThanOrEqual(Math.max(...s.stages.map((k) => k.queue.maxSize)));
      }),
      { numRuns: 50 },
    );
  });

  test('a worker blocked on the full queue of the next stage: its blocked time is the backpressure it met', async () => {
    // One item every 0 s into "fast" (instant), which puts into "slow" (1 s each, queue of 1).
    const scenario: Scenario = {
      seed: 1,
      sources: [source('in', 3, '0')],
      stages: [stage('fast', { delay: '0' }), stage('slow', { delay: '1s', capacity: 1 })],
    };
    const blocked: number[] = [];
    const watcher: RunObserver = {
      putBlocked: (time: number, worker: Worker) => {
        if (worker.role === 'consumer') blocked.push(time);
      },
    };
    const statistics = new RunStatistics();
    await simulateScenario(scenario, 1, { observers: [statistics, watcher] });
    const s = statistics.summary();
    // slow takes item 0 at 0, item 1 waits in its queue, item 2 blocks fast/w1 from 0 until slow takes item 1 at 1 s.
    expect(blocked).toEqual([0]);
    expect(s.consumers.find((c) => c.name === 'fast/w1')?.blockedSeconds).toBe(1);
    expect(s.consumers.find((c) => c.name === 'slow/w1')).toMatchObject({ processed: 3, busySeconds: 3, utilization: 1 });
    expect(s.stages.map((k) => k.name)).toEqual(['fast', 'slow']);
    expect(s.systemSeconds).toMatchObject({ count: 3, max: 3 });
  });
});
