import type { RunConfig } from '../../src/model/config.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateRun } from '../../src/model/run.js';
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
