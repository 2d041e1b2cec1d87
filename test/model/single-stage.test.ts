import fc from 'fast-check';
import type { RunConfig } from '../../src/model/config.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateRun } from '../../src/model/run.js';
import { dist, runConfig } from './run-config.js';

const demo: RunConfig = runConfig();

class Recorder implements RunObserver {
  readonly got: number[] = [];
  readonly putTimes = new Map<number, number>();
  readonly done: string[] = [];
  maxSize = 0;
  capacity = Infinity;

  itemPut(time: number, _producer: Worker, item: Item, size: number): void {
    this.putTimes.set(item.id, time);
    this.maxSize = Math.max(this.maxSize, size);
  }
  itemGot(_time: number, _consumer: Worker, item: Item, size: number): void {
    this.got.push(item.id);
    this.maxSize = Math.max(this.maxSize, size);
  }
  workerDone(_time: number, worker: Worker): void {
    this.done.push(worker.name);
  }
}

describe('single-stage run', () => {
  test('the demo takes every item once, in order of entry, and drains the queue', async () => {
    const recorder = new Recorder();
    const finished = await simulateRun(demo, { observers: [recorder] });
    expect([...recorder.got].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(finished).toMatchObject({ finalQueueSize: 0, produced: 20, consumed: 20 });
    // The producer sleeps 0.5 s after each of 20 puts: it stops at t = 10 s, consumers stop later.
    expect(finished.time).toBeGreaterThanOrEqual(10);
    expect(recorder.done.sort()).toEqual(['Fred', 'George', 'producer-1']);
  });

  test('items enter the queue every interval, from t = 0', async () => {
    const recorder = new Recorder();
    await simulateRun(demo, { observers: [recorder] });
    expect([...recorder.putTimes.values()]).toEqual(Array.from({ length: 20 }, (_, i) => i * 0.5));
  });

  test('adding a consumer does not change when items arrive', async () => {
    const two = new Recorder();
    const three = new Recorder();
    const config: RunConfig = { ...demo, interval: dist('0.1s'), producers: 3, items: 60 };
    await simulateRun(config, { observers: [two] });
    await simulateRun({ ...config, consumers: ['Fred', 'George', 'Ron'] }, { observers: [three] });
    expect(three.putTimes).toEqual(two.putTimes);
  });

  test('zero items: every worker stops at once and the queue is empty', async () => {
    const recorder = new Recorder();
    const finished = await simulateRun({ ...demo, items: 0 }, { observers: [recorder] });
    expect(finished).toMatchObject({ time: 0, finalQueueSize: 0, produced: 0, consumed: 0 });
    expect(recorder.done).toHaveLength(3);
  });

  test('for any producers, consumers, items, capacity and seed, every item is got exactly once and the queue drains', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          producers: fc.integer({ min: 1, max: 4 }),
          consumers: fc.integer({ min: 1, max: 5 }),
          items: fc.integer({ min: 0, max: 200 }),
          capacity: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
          interval: fc.constantFrom('0', '0.1s', 'exp(0.5s)', '1s'),
          delay: fc.constantFrom('0', 'uniform(0,0.2s)', 'exp(1s)', 'uniform(0,3s)'),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        async (p) => {
          const config: RunConfig = runConfig({
            producers: p.producers,
            consumers: Array.from({ length: p.consumers }, (_, i) => `c${i}`),
            items: p.items,
            interval: p.interval,
            delay: p.delay,
            capacity: p.capacity ?? Infinity,
            seed: p.seed,
          });
          const recorder = new Recorder();
          const finished = await simulateRun(config, { observers: [recorder] });
          expect([...recorder.got].sort((a, b) => a - b)).toEqual(Array.from({ length: p.items }, (_, i) => i));
          expect(finished.finalQueueSize).toBe(0);
          expect(recorder.done).toHaveLength(p.producers + p.consumers);
          expect(recorder.maxSize).toBeLessThanOrEqual(config.capacity);
        },
      ),
      { seed: 2026, numRuns: 150 },
    );
  });
});
