import { WallClockPacing } from '../../src/core/pacing.js';
import type { Timers } from '../../src/core/timers.js';
import { scenarioFromRunConfig, type RunConfig } from '../../src/model/config.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateRun, startScenario } from '../../src/model/run.js';
import { runConfig } from './run-config.js';

const demo: RunConfig = runConfig();
const MAX_DELAY = 3;

describe('simulateRun with an abort signal', () => {
  test('aborting stops the run where it stands and still reports how it was left', async () => {
    const stop = new AbortController();
    let got = 0;
    const observer: RunObserver = {
      itemGot: () => {
        if (++got === 5) stop.abort();
      },
    };
    const finished = await simulateRun(demo, { observers: [observer], signal: stop.signal });
    expect(got).toBe(5);
    expect(finished.produced).toBeLessThan(20);
    expect(finished.consumed).toBeLessThan(5);
  });

  test('a signal aborted before the start stops the run at once', async () => {
    const stop = new AbortController();
    stop.abort();
    const finished = await simulateRun(demo, { signal: stop.signal });
    expect(finished).toMatchObject({ time: 0, consumed: 0 });
  });
});

describe('processingStarted', () => {
  test('follows each itemGot with the time the processing will end, which is when itemProcessed comes', async () => {
    const until = new Map<number, number>();
    const events: string[] = [];
    const observer: RunObserver = {
      itemGot: (_t: number, c: Worker, item: Item) => events.push(`got ${c.name} ${item.id}`),
      processingStarted: (time: number, c: Worker, item: Item, end: number) => {
        events.push(`start ${c.name} ${item.id}`);
        expect(end).toBeGreaterThanOrEqual(time);
        expect(end - time).toBeLessThan(MAX_DELAY);
        until.set(item.id, end);
      },
      itemProcessed: (time: number, _c: Worker, item: Item) => expect(time).toBe(until.get(item.id)),
    };
    await simulateRun(demo, { observers: [observer] });
    expect(until.size).toBe(20);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]?.replace('start', 'got')).toBe(events[i]);
  });
});

describe('interrupting a paced run', () => {
  test('the stop happens where the wall clock has brought virtual time, not at the last event', async () => {
    const { WallClockPacing } = await import('../../src/core/pacing.js');
    const { scenarioFromRunConfig } = await import('../../src/model/config.js');
    const { startScenario } = await import('../../src/model/run.js');
    // One consumer holds item 0 for 1000 s; item 1 fills the queue at 1 s; the producer blocks at 2 s.
    const config = runConfig({ consumers: ['A'], interval: '1s', delay: '1000s', capacity: 1, items: 10 });
    const stops: number[] = [];
    const observer: RunObserver = { putAbandoned: (time: number) => stops.push(time) };
    const handle = startScenario(scenarioFromRunConfig(config), 1, { pacing: new WallClockPacing({ speed: 1000 }), observers: [observer] });
    await new Promise((resolve) => setTimeout(resolve, 100)); // about 100 s of virtual time
    handle.interrupt();
    await new Promise((resolve) => setImmediate(resolve)); // the stop is an event of its own, planned on a microtask
    handle.abort('done looking'); // a second stop: the consumer need not finish its 1000 s
    await handle.finished.catch(() => {});
    expect(stops).toHaveLength(1);
    expect(stops[0]).toBeGreaterThan(2); // the last event was the block at 2 s
    expect(stops[0]).toBeLessThan(1000);
  });
});

describe('stopping a paced run at once (the abort signal)', () => {
  // A wall clock the test moves by hand: waits never end on their own, immediate callbacks run.
  function handClock(): { now: number; timers: Timers } {
    const clock = {
      now: 0,
      timers: {
        setTimeout: () => 0,
        clearTimeout: () => {},
        setImmediate: (callback: () => void) => setImmediate(callback),
        setInterval: () => 0,
        clearInterval: () => {},
      },
    };
    return clock;
  }
  // One consumer holds item 0 for 1000 s; nothing else happens until then.
  const holding = scenarioFromRunConfig(runConfig({ consumers: ['A'], items: 1, interval: '0s', delay: '1000s' }));

  test('the run ends where the wall clock has brought virtual time, not at the last event', async () => {
    const clock = handClock();
    const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
    const stop = new AbortController();
    const handle = startScenario(holding, 1, { pacing, timers: clock.timers, signal: stop.signal });
    await new Promise((resolve) => setImmediate(resolve));
    clock.now = 42_000;
    stop.abort();
    expect((await handle.finished).time).toBe(42);
  });

  test('while paused, the run ends at the last event (a paused clock never gets further)', async () => {
    const clock = handClock();
    const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
    const stop = new AbortController();
    const handle = startScenario(holding, 1, { pacing, timers: clock.timers, signal: stop.signal });
    await new Promise((resolve) => setImmediate(resolve));
    clock.now = 42_000;
    pacing.pause();
    stop.abort();
    expect((await handle.finished).time).toBe(0);
  });
});
