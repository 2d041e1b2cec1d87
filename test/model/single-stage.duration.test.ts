import { simulateRun, simulateScenario } from '../../src/model/run.js';
import type { Scenario } from '../../src/model/scenario.js';
import { dist, EventLog, runConfig } from './run-config.js';

async function run(overrides: Parameters<typeof runConfig>[0]): Promise<{ log: EventLog; time: number; produced: number }> {
  const log = new EventLog();
  const finished = await simulateRun(runConfig({ consumers: ['A'], delay: '0', ...overrides }), { observers: [log] });
  return { log, time: finished.time, produced: finished.produced };
}

describe('duration: producers stop producing at a virtual time', () => {
  test('items due before the duration are made; the one due exactly at it is not', async () => {
    const { log, produced } = await run({ items: Infinity, interval: '1s', duration: 5 });
    expect(log.matching('put').map((line) => line.split(' ')[0])).toEqual(['0', '1', '2', '3', '4']);
    expect(produced).toBe(5);
    expect(log.matching('done')[0]).toBe('5 producer-1 done');
  });

  test('summed intervals that round just below the duration still count as at it (10 x 100 ms in 1 s)', async () => {
    const { produced } = await run({ items: Infinity, interval: '100ms', duration: 1 });
    expect(produced).toBe(10);
  });

  test('long runs too: 36,000 sums of 100 ms end 2.2 ns short of an hour, which still counts as at it', async () => {
    expect((await run({ items: Infinity, interval: '100ms', duration: 3600 })).produced).toBe(36000);
    expect((await run({ items: Infinity, interval: '100ms', duration: 3600, producers: 2 })).produced).toBe(72000);
  });

  test("the margin is each producer's own: another source's many items do not widen it", async () => {
    // slow's second item is due 0.01 s before its deadline; 100,000 items of another source must not hide it.
    const scenario: Scenario = {
      seed: 1,
      sources: [
        { name: 'burst', producers: 1, items: 100_000, duration: Infinity, interval: dist('0') },
        { name: 'slow', producers: 1, items: Infinity, duration: 1e9, interval: dist('999999999.99') },
      ],
      stages: [{ name: 's', workers: ['w'], concurrency: 1, capacity: Infinity, onFull: 'block', failure: 0, retries: 0, delay: dist('0'), backoff: dist('0') }],
    };
    const finished = await simulateScenario(scenario, 1);
    expect(finished.produced).toBe(100_000 + 2);
  });

  test("after a put that waited, the producer's time is a consumer's sum: no item is made at the deadline", async () => {
    // 100 producers wait on a queue of 1 that one consumer empties every 100 ms; at 3600 s (reached as
    // 3599.999999998 by summing) no producer may make another item.
    const { produced } = await run({ items: Infinity, interval: '0', duration: 3600, delay: '100ms', capacity: 1, producers: 100 });
    expect(produced).toBe(36101); // made one more, at the deadline, when the margin ignored the wait
  });

  test('durations under a second get a margin in proportion: 2 ns of 0.5 ns intervals make 4 items', async () => {
    expect((await run({ items: Infinity, interval: '0.0000000005s', duration: 2e-9 })).produced).toBe(4);
    expect((await run({ items: Infinity, interval: '0.000000001s', duration: 1e-8 })).produced).toBe(10);
    expect((await run({ items: Infinity, interval: '100ms', duration: 0.5 })).produced).toBe(5);
  });

  test('a run without a duration is not cut short by the tolerance (no deadline at all)', async () => {
    expect((await run({ items: 50, interval: '1s' })).produced).toBe(50);
  });

  test('a producer sleeping past the duration stops at the duration', async () => {
    const { log } = await run({ items: Infinity, interval: '3s', duration: 4 });
    expect(log.matching('put').map((line) => line.split(' ')[0])).toEqual(['0', '3']);
    expect(log.matching('done')[0]).toBe('4 producer-1 done');
  });

  test('with items and duration, whichever comes first ends production', async () => {
    const itemsFirst = await run({ items: 3, interval: '1s', duration: 10 });
    expect(itemsFirst.produced).toBe(3);
    expect(itemsFirst.log.matching('done')[0]).toBe('3 producer-1 done'); // the last interval ends before the duration
    const durationFirst = await run({ items: 100, interval: '1s', duration: 2.5 });
    expect(durationFirst.produced).toBe(3);
    expect(durationFirst.log.matching('done')[0]).toBe('2.5 producer-1 done');
  });

  test('a duration of 0 makes nothing', async () => {
    const { produced, time } = await run({ items: Infinity, interval: '1s', duration: 0 });
    expect([produced, time]).toEqual([0, 0]);
  });

  test('consumers finish the queue after the duration', async () => {
    const { log, time } = await run({ items: Infinity, interval: '1s', duration: 3, delay: '5s' });
    expect(log.matching('processed').map((line) => line.split(' ')[0])).toEqual(['5', '10', '15']);
    expect(time).toBe(15);
  });

  test('an item made before the duration whose put waits for space enters later; the producer then stops', async () => {
    const { log } = await run({ items: Infinity, interval: '1s', duration: 3, delay: '10s', capacity: 1 });
    // t=0 item 0 goes straight to A; t=1 item 1 fills the queue; t=2 item 2 waits until A takes item 1 at 10.
    expect(log.matching('put').map((line) => line.split(' ').slice(0, 4).join(' '))).toEqual([
      '0 producer-1 put 0',
      '1 producer-1 put 1',
      '10 producer-1 put 2',
    ]);
    expect(log.matching('done')[0]).toBe('10 producer-1 done');
  });

  test('each producer keeps to the duration with random intervals', async () => {
    const { log } = await run({ producers: 3, items: Infinity, interval: 'exp(700ms)', duration: 30, seed: 4 });
    const times = log.matching('put').map((line) => Number(line.split(' ')[0]));
    expect(times.length).toBeGreaterThan(60);
    expect(Math.max(...times)).toBeLessThan(30);
    expect(log.matching('done').slice(0, 3).sort()).toEqual(['30 producer-1 done', '30 producer-2 done', '30 producer-3 done']);
  });
});
