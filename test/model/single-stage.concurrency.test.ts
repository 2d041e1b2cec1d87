import type { RunObserver, Worker } from '../../src/model/events.js';
import { simulateRun } from '../../src/model/run.js';
import { EventLog, runConfig } from './run-config.js';

describe('--concurrency: each consumer processes up to n items at once', () => {
  test('1 consumer, 3 slots, 3 items arriving at once, 1 s each: all three are processed together', async () => {
    const log = new EventLog();
    const finished = await simulateRun(
      runConfig({ consumers: ['A'], concurrency: 3, items: 3, interval: '0', delay: '1s' }),
      { observers: [log] },
    );
    expect(log.matching('got')).toEqual(['0 A got 0 (slot 0)', '0 A got 1 (slot 1)', '0 A got 2 (slot 2)']);
    expect(log.matching('processed')).toEqual(['1 A processed 0 (slot 0)', '1 A processed 1 (slot 1)', '1 A processed 2 (slot 2)']);
    expect(finished.time).toBe(1);
    expect(finished.consumed).toBe(3);
  });

  test('the same run with one slot takes three times as long', async () => {
    const finished = await simulateRun(runConfig({ consumers: ['A'], concurrency: 1, items: 3, interval: '0', delay: '1s' }));
    expect(finished.time).toBe(3);
  });

  test('a fourth item waits for the first free slot', async () => {
    const log = new EventLog();
    const finished = await simulateRun(
      runConfig({ consumers: ['A'], concurrency: 3, items: 4, interval: '0', delay: '1s' }),
      { observers: [log] },
    );
    expect(log.matching('got')).toEqual([
      '0 A got 0 (slot 0)',
      '0 A got 1 (slot 1)',
      '0 A got 2 (slot 2)',
      '1 A got 3 (slot 0)',
    ]);
    expect(finished.time).toBe(2);
  });

  test('a consumer is done once, when its last slot gets the done signal', async () => {
    const log = new EventLog();
    await simulateRun(runConfig({ consumers: ['A', 'B'], concurrency: 3, items: 5, interval: '0', delay: '1s' }), {
      observers: [log],
    });
    // B's third slot found the queue empty and got the done signal at 0; each consumer is done once, at 1.
    expect(log.matching('done').sort()).toEqual(['0 producer-1 done', '1 A done', '1 B done']);
  });

  test('slots are busy at most n at a time, and a slot gets an item only when free', async () => {
    const busy = new Map<string, Set<number>>();
    let maxBusy = 0;
    let processed = 0;
    const tracker: RunObserver = {
      itemGot(_time: number, consumer: Worker, _item, _size, slot: number) {
        const slots = busy.get(consumer.name) ?? new Set<number>();
        expect(slots.has(slot)).toBe(false);
        slots.add(slot);
        busy.set(consumer.name, slots);
        maxBusy = Math.max(maxBusy, slots.size);
      },
      itemProcessed(_time: number, consumer: Worker, _item, slot: number) {
        expect(busy.get(consumer.name)?.delete(slot)).toBe(true);
        processed++;
      },
    };
    // Arrivals (10/s) outpace service (2 x 4 slots at 1/s each), so every slot fills.
    await simulateRun(
      runConfig({ consumers: ['A', 'B'], concurrency: 4, items: 400, interval: 'exp(100ms)', delay: 'exp(1s)', seed: 11 }),
      { observers: [tracker] },
    );
    expect(maxBusy).toBe(4);
    expect(processed).toBe(400);
  });

  test('utilization from busy slots: 6 items of 1 s on 2 consumers x 3 slots over 1 s is 100%', async () => {
    let busySlotSeconds = 0;
    const started = new Map<number, number>();
    const finished = await simulateRun(runConfig({ consumers: ['A', 'B'], concurrency: 3, items: 6, interval: '0', delay: '1s' }), {
      observers: [
        {
          itemGot: (time, _consumer, item) => started.set(item.id, time),
          itemProcessed: (time, _consumer, item) => {
            busySlotSeconds += time - (started.get(item.id) ?? NaN);
          },
        },
      ],
    });
    expect(busySlotSeconds / (2 * 3 * finished.time)).toBe(1);
  });

  test('adding a consumer or slots never changes when items arrive', async () => {
    const arrivals = async (consumers: string[], concurrency: number): Promise<string[]> => {
      const log = new EventLog();
      await simulateRun(runConfig({ consumers, concurrency, items: 200, interval: 'exp(300ms)', delay: 'lognormal(1s,500ms)', producers: 2 }), {
        observers: [log],
      });
      return log.matching('put').map((line) => line.replace(/ \(size \d+\)$/, ''));
    };
    const base = await arrivals(['A'], 1);
    expect(await arrivals(['A', 'B'], 1)).toEqual(base);
    expect(await arrivals(['A', 'B', 'C'], 3)).toEqual(base);
  });

  test('adding a consumer never changes the processing times of the others', async () => {
    const durations = async (consumers: string[]): Promise<number[]> => {
      const started = new Map<number, number>();
      const aTimes: number[] = [];
      await simulateRun(runConfig({ consumers, items: 50, interval: '2s', delay: 'exp(1s)' }), {
        observers: [
          {
            itemGot: (time, _c, item) => started.set(item.id, time),
            itemProcessed: (time, consumer, item) => {
              // end - start recovers the draw up to rounding at the clock's magnitude
              if (consumer.name === 'A') aTimes.push(Number((time - (started.get(item.id) ?? NaN)).toFixed(9)));
            },
          },
        ],
      });
      return aTimes;
    };
    // With a 2 s interval and 1 s mean service, A (first in line) takes every item it is free for;
    // its n-th processing time is its n-th draw from stream consumer:0 either way.
    const alone = await durations(['A']);
    const withB = await durations(['A', 'B']);
    expect(withB.length).toBeGreaterThan(0);
    expect(withB).toEqual(alone.slice(0, withB.length));
  });
});
