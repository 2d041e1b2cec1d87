import fc from 'fast-check';
import type { FullPolicy } from '../../src/core/queue.js';
import type { RunObserver } from '../../src/model/events.js';
import { simulateRun } from '../../src/model/run.js';
import { runConfig } from './run-config.js';

const INTERVALS = ['0', '100ms', 'exp(200ms)', 'uniform(0,1s)', 'erlang(2,300ms)'];
const DELAYS = ['0', '1s', 'exp(1s)', 'uniform(0,3s)', 'normal(500ms,500ms)', 'lognormal(1s,2s)'];

const scenario = fc
  .record({
    producers: fc.integer({ min: 1, max: 3 }),
    consumers: fc.integer({ min: 1, max: 4 }),
    concurrency: fc.integer({ min: 1, max: 3 }),
    items: fc.integer({ min: 0, max: 60 }),
    capacity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    onFull: fc.constantFrom<FullPolicy>('block', 'drop-newest', 'drop-oldest'),
    interval: fc.constantFrom(...INTERVALS),
    delay: fc.constantFrom(...DELAYS),
    duration: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    seed: fc.nat(),
  })
  .map((s) => ({
    ...s,
    consumers: Array.from({ length: s.consumers }, (_, i) => `c${i + 1}`),
    capacity: s.capacity ?? Infinity,
    // A drop policy needs a capacity (the CLI refuses it without one).
    onFull: s.capacity === undefined ? ('block' as const) : s.onFull,
    duration: s.duration ?? Infinity,
  }));

describe('conservation of items', () => {
  test('dropped + consumed + left = produced, for every policy; dropped items are never got', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const dropped = new Set<number>();
        const got = new Set<number>();
        let puts = 0;
        let processed = 0;
        const counter: RunObserver = {
          itemPut: () => void puts++,
          itemDropped: (_t, _p, item) => void dropped.add(item.id),
          itemGot: (_t, _c, item) => void got.add(item.id),
          itemProcessed: () => void processed++,
        };
        const finished = await simulateRun(runConfig(s), { observers: [counter] });
        expect(finished.dropped + finished.consumed + finished.finalQueueSize).toBe(finished.produced);
        expect(finished.produced).toBeLessThanOrEqual(s.items);
        expect(dropped.size).toBe(finished.dropped);
        expect(got.size).toBe(finished.consumed);
        expect(processed).toBe(finished.consumed);
        for (const id of dropped) expect(got.has(id)).toBe(false);
        // drop-newest drops items that never entered; otherwise every item made entered the queue.
        expect(puts).toBe(s.onFull === 'drop-newest' ? finished.produced - finished.dropped : finished.produced);
        if (s.onFull === 'block') expect(finished.dropped).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
