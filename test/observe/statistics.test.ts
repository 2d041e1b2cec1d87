import fc from 'fast-check';
import type { RunConfig } from '../../src/model/config.js';
import { runConfig } from '../model/run-config.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateRun } from '../../src/model/run.js';
import { RunStatistics } from '../../src/observe/statistics.js';
import { consumer, finished, item, producer, started } from './scripted.js';

const config: RunConfig = runConfig({ consumers: ['C'], items: 3, interval: '1s', seed: 9 });
const P = producer(0);
const C = consumer(0, 'C');
const D = consumer(1, 'D');

describe('RunStatistics on hand-computed event sequences', () => {
  test('one producer every 1 s, one consumer taking 1.5 s per item', () => {
    // Items enter at 0, 1, 2; service starts at 0, 1.5, 3 and ends at 1.5, 3, 4.5.
    const s = new RunStatistics({ config });
    const [a, b, c] = [item(0, 0), item(1, 1), item(2, 2)];
    s.runStarted(started(config, [P], [C]));
    s.itemPut(0, P, a, 1, 0);
    s.itemGot(0, C, a, 0);
    s.itemPut(1, P, b, 1, 0);
    s.itemProcessed(1.5, C, a);
    s.itemGot(1.5, C, b, 0);
    s.itemPut(2, P, c, 1, 0);
    s.itemProcessed(3, C, b);
    s.itemGot(3, C, c, 0);
    s.itemProcessed(4.5, C, c);
    s.runFinished(finished({ time: 4.5, finalQueueSize: 0, produced: 3, consumed: 3, dropped: 0 }));

    const summary = s.summary();
    expect(summary.simulatedSeconds).toBe(4.5);
    expect(summary.items).toEqual({ produced: 3, consumed: 3, completed: 3, left: 0, dropped: 0, deadLettered: 0 });
    expect(summary.throughputPerSecond).toBeCloseTo(3 / 4.5, 12);
    // Waits 0, 0.5, 1; in system 1.5, 2, 2.5.
    expect(summary.waitSeconds).toEqual({ count: 3, mean: 0.5, p50: 0.5, p95: 1, p99: 1, max: 1 });
    expect(summary.systemSeconds).toEqual({ count: 3, mean: 2, p50: 2, p95: 2.5, p99: 2.5, max: 2.5 });
    // One item waited from 1 to 1.5 and one from 2 to 3: area 1.5 over 4.5 s.
    expect(summary.queue.maxSize).toBe(1);
    expect(summary.queue.meanSize).toBeCloseTo(1 / 3, 12);
    expect(summary.consumers).toEqual([{ name: 'C', stage: 'consumers', processed: 3, failed: 0, busySeconds: 4.5, utilization: 1, blockedSeconds: 0 }]);
    expect(summary.producers).toEqual([{ name: 'producer-1', source: 'producers', produced: 3, dropped: 0, blockedSeconds: 0 }]);
    expect(summary.seed).toBe(9);
    expect(summary.options).toEqual({
      producers: 1,
      consumers: ['C'],
      items: 3,
      interval: { kind: 'const', value: 1, mean: 1 },
      delay: { kind: 'uniform', min: 0, max: 3, mean: 1.5 },
      concurrency: 1,
      capacity: null,
      onFull: 'block',
      duration: null,
      seed: 9,
    });
  });

  test('two consumers: busy time and utilization per consumer', () => {
    const s = new RunStatistics();
    const [a, b] = [item(0, 0), item(1, 0)];
    s.runStarted(started({ ...config, consumers: ['C', 'D'] }, [P], [C, D]));
    s.itemPut(0, P, a, 1, 0);
    s.itemPut(0, P, b, 2, 0);
    s.itemGot(0, C, a, 1);
    s.itemGot(0, D, b, 0);
    s.itemProcessed(1, C, a);
    s.itemProcessed(3, D, b);
    s.runFinished(finished({ time: 4, finalQueueSize: 0, produced: 2, consumed: 2, dropped: 0 }));
    const summary = s.summary();
    expect(summary.consumers).toEqual([
      { name: 'C', stage: 'consumers', processed: 1, failed: 0, busySeconds: 1, utilization: 0.25, blockedSeconds: 0 },
      { name: 'D', stage: 'consumers', processed: 1, failed: 0, busySeconds: 3, utilization: 0.75, blockedSeconds: 0 },
    ]);
    expect(summary.queue).toEqual({ maxSize: 2, meanSize: 0 });
    expect(summary.waitSeconds.max).toBe(0);
  });

  test('a producer blocked on a full queue: blocked time runs from the block to the entry', () => {
    const s = new RunStatistics();
    s.runStarted(started({ ...config, capacity: 1 }, [P], [C]));
    s.itemPut(0, P, item(0, 0), 1, 0);
    s.putBlocked(1, P, 0);
    s.itemGot(2.5, C, item(0, 0), 0);
    s.itemPut(2.5, P, item(1, 2.5), 1, 0);
    s.putBlocked(3.5, P, 0);
    s.itemProcessed(4, C, item(0, 0));
    s.itemGot(4, C, item(1, 2.5), 0);
    s.itemPut(4, P, item(2, 4), 1, 0);
    s.itemProcessed(5, C, item(1, 2.5));
    s.itemGot(5, C, item(2, 4), 0);
    s.runFinished(finished({ time: 6, finalQueueSize: 0, produced: 3, consumed: 2, dropped: 0 }));
    const summary = s.summary();
    expect(summary.producers).toEqual([{ name: 'producer-1', source: 'producers', produced: 3, dropped: 0, blockedSeconds: 1.5 + 0.5 }]);
    // Busy from 2.5 to 4 and 4 to 5, and still busy with item 2 from 5 to the end at 6.
    expect(summary.consumers[0]).toEqual({ name: 'C', stage: 'consumers', processed: 2, failed: 0, busySeconds: 3.5, utilization: 3.5 / 6, blockedSeconds: 0 });
    expect(summary.items).toEqual({ produced: 3, consumed: 2, completed: 2, left: 1, dropped: 0, deadLettered: 0 });
  });

  test('a consumer serving two items at once is busy for both (slot-seconds)', () => {
    const s = new RunStatistics();
    s.runStarted(started({ ...config, concurrency: 2 }, [P], [C]));
    s.itemPut(0, P, item(0, 0), 1, 0);
    s.itemPut(0, P, item(1, 0), 2, 0);
    s.itemGot(0, C, item(0, 0), 1, 0);
    s.itemGot(1, C, item(1, 0), 0, 1);
    s.itemProcessed(2, C, item(0, 0), 0);
    s.itemProcessed(4, C, item(1, 0), 1);
    s.runFinished(finished({ time: 4, finalQueueSize: 0, produced: 2, consumed: 2, dropped: 0 }));
    // Busy 2 s in slot 0 and 3 s in slot 1, out of 2 slots × 4 s.
    expect(s.summary().consumers[0]).toMatchObject({ busySeconds: 2 + 3, utilization: 5 / 8 });
    expect(s.summary().waitSeconds).toMatchObject({ mean: 0.5, max: 1 });
  });

  test('drop-newest: the dropped item was made but never waited', () => {
    const s = new RunStatistics();
    s.runStarted(started({ ...config, capacity: 1, onFull: 'drop-newest' }, [P], [C]));
    s.itemPut(0, P, item(0, 0), 1, 0);
    s.itemDropped(1, P, item(1, 0), 1, 0);
    s.itemGot(2, C, item(0, 0), 0);
    s.itemProcessed(3, C, item(0, 0));
    s.runFinished(finished({ time: 3, finalQueueSize: 0, produced: 2, consumed: 1, dropped: 1 }));
    const summary = s.summary();
    expect(summary.items).toEqual({ produced: 2, consumed: 1, completed: 1, left: 0, dropped: 1, deadLettered: 0 });
    expect(summary.producers).toEqual([{ name: 'producer-1', source: 'producers', produced: 2, dropped: 1, blockedSeconds: 0 }]);
    expect(summary.waitSeconds).toMatchObject({ count: 1, mean: 2 });
    expect(summary.queue.meanSize).toBeCloseTo(2 / 3, 12);
  });

  test('drop-oldest: the pushed-out item counts for its own producer; its time in the queue stays in the area', () => {
    const Q = producer(1);
    const s = new RunStatistics();
    s.runStarted(started({ ...config, producers: 2, capacity: 1, onFull: 'drop-oldest' }, [P, Q], [C]));
    s.itemPut(0, P, item(0, 0), 1, 0);
    s.itemDropped(1, Q, item(0, 0), 1, 0);
    s.itemPut(1, Q, item(1, 1, 1), 1, 0);
    s.itemGot(3, C, item(1, 1, 1), 0);
    s.itemProcessed(4, C, item(1, 1, 1));
    s.runFinished(finished({ time: 4, finalQueueSize: 0, produced: 2, consumed: 1, dropped: 1 }));
    const summary = s.summary();
    expect(summary.producers.map((p) => [p.produced, p.dropped])).toEqual([[1, 1], [1, 0]]);
    expect(summary.waitSeconds).toMatchObject({ count: 1, mean: 2 });
    expect(summary.queue.meanSize).toBeCloseTo(3 / 4, 12);
  });

  test('a run of 0 s: rates and means are null, not 0', () => {
    const s = new RunStatistics();
    s.runStarted(started({ ...config, items: 0 }, [P], [C]));
    s.runFinished(finished({ time: 0, finalQueueSize: 0, produced: 0, consumed: 0, dropped: 0 }));
    const summary = s.summary();
    expect(summary.throughputPerSecond).toBeNull();
    expect(summary.queue.meanSize).toBeNull();
    expect(summary.consumers[0]?.utilization).toBeNull();
    expect(summary.waitSeconds.mean).toBeNull();
  });

  test('without the command line options, options is the scenario with the seed', () => {
    const s = new RunStatistics();
    s.runStarted(started(config, [P], [C]));
    s.runFinished(finished({ time: 0, finalQueueSize: 0, produced: 0, consumed: 0 }));
    const options = s.summary().options as unknown as { seed: number; sources: { items: number }[]; stages: { workers: string[]; capacity: number | null }[] };
    expect(options.seed).toBe(9);
    expect(options.sources[0]?.items).toBe(3);
    expect(options.stages[0]).toMatchObject({ workers: ['C'], capacity: null });
  });

  test('summary() before the run finished is an error', () => {
    expect(() => new RunStatistics().summary()).toThrow(/before the run finished/);
  });
});

/** Records, per item, when it entered, was taken and was done, as the model reports them. */
class Timeline implements RunObserver {
  readonly entered: number[] = [];
  readonly got: number[] = [];
  readonly done: number[] = [];
  itemPut(time: number, _p: Worker, item: Item): void {
    this.entered[item.id] = time;
  }
  itemGot(time: number, _c: Worker, item: Item): void {
    this.got[item.id] = time;
  }
  itemProcessed(time: number, _c: Worker, item: Item): void {
    this.done[item.id] = time;
  }
}

/**
 * Waits of a FIFO queue with `servers` work-conserving servers, from the
 * arrival times and the service times alone: item k starts at the later of its
 * arrival and the moment the earliest server frees up (Kiefer–Wolfowitz).
 */
function fifoWaits(arrivals: readonly number[], services: readonly number[], servers: number): number[] {
  const free = new Array<number>(servers).fill(0);
  return arrivals.map((arrival, k) => {
    let earliest = 0;
    for (let s = 1; s < servers; s++) if ((free[s] as number) < (free[earliest] as number)) earliest = s;
    const start = Math.max(arrival, free[earliest] as number);
    free[earliest] = start + (services[k] as number);
    return start - arrival;
  });
}

const runs = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 32 }),
  producers: fc.integer({ min: 1, max: 3 }),
  consumers: fc.integer({ min: 1, max: 4 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  items: fc.integer({ min: 1, max: 400 }),
  interval: fc.constantFrom('0.25s', '1s', 'exp(300ms)', 'uniform(0,1s)'),
  delay: fc.constantFrom('0', '1s', 'uniform(0,3s)', 'exp(1s)', 'erlang(3,2s)'),
  capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 5 })),
  onFull: fc.constantFrom('block', 'drop-newest') as fc.Arbitrary<'block' | 'drop-newest'>,
});

type Run = typeof runs extends fc.Arbitrary<infer R> ? R : never;

function configOf(r: Run): RunConfig {
  const onFull = r.capacity === Infinity ? 'block' : r.onFull;
  return runConfig({ ...r, onFull, consumers: Array.from({ length: r.consumers }, (_, i) => `c${i}`) });
}

describe('RunStatistics on simulated runs', () => {
  test("Little's law: mean queue size = throughput × mean wait, and busy consumers = throughput × mean service", async () => {
    await fc.assert(
      fc.asyncProperty(runs, async (r) => {
        const statistics = new RunStatistics();
        await simulateRun(configOf(r), { observers: [statistics] });
        const s = statistics.summary();
        expect(s.items.consumed + s.items.dropped).toBe(r.items);
        expect(s.producers.reduce((sum, p) => sum + p.produced, 0)).toBe(r.items);
        if (s.simulatedSeconds === 0 || s.items.consumed === 0) return;
        const throughput = s.throughputPerSecond as number;
        const meanWait = s.waitSeconds.mean as number;
        const meanSystem = s.systemSeconds.mean as number;
        expect(s.queue.meanSize as number).toBeCloseTo(throughput * meanWait, 9);
        // Little's law for the slots: mean busy slots = throughput × mean service time.
        const busy = s.consumers.reduce((sum, c) => sum + c.busySeconds, 0) / s.simulatedSeconds;
        expect(busy).toBeCloseTo(throughput * (meanSystem - meanWait), 9);
        for (const c of s.consumers) expect(c.utilization as number).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  test('waits agree with the FIFO multi-server recursion on the same arrivals and service times', async () => {
    await fc.assert(
      fc.asyncProperty(runs.map((r) => ({ ...r, capacity: Infinity })), async (r) => {
        const timeline = new Timeline();
        const statistics = new RunStatistics();
        await simulateRun(configOf(r), { observers: [timeline, statistics] });
        const services = timeline.done.map((d, k) => d - (timeline.got[k] as number));
        // Every slot is a server: a consumer with n slots serves n items at once.
        const waits = fifoWaits(timeline.entered, services, r.consumers * r.concurrency);
        const s = statistics.summary();
        const sorted = [...waits].sort((a, b) => a - b);
        const at = (percent: number): number => sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1] as number;
        expect(s.waitSeconds.mean as number).toBeCloseTo(waits.reduce((a, b) => a + b, 0) / waits.length, 9);
        expect(s.waitSeconds.p50 as number).toBeCloseTo(at(50), 9);
        expect(s.waitSeconds.p95 as number).toBeCloseTo(at(95), 9);
        expect(s.waitSeconds.p99 as number).toBeCloseTo(at(99), 9);
        expect(s.waitSeconds.max as number).toBeCloseTo(sorted.at(-1) as number, 9);
        const busy = s.consumers.reduce((sum, c) => sum + c.busySeconds, 0);
        expect(busy).toBeCloseTo(services.reduce((a, b) => a + b, 0), 9);
      }),
      { numRuns: 40 },
    );
  });

  test('a lone producer is always either sleeping or blocked: its blocked time closes the gap', async () => {
    await fc.assert(
      fc.asyncProperty(runs.map((r) => ({ ...r, producers: 1, interval: '0.25s' as const, onFull: 'block' as const, capacity: 1 + (r.seed % 3) })), async (r) => {
        let producerDone = NaN;
        const statistics = new RunStatistics();
        const doneAt: RunObserver = {
          workerDone: (time, worker) => {
            if (worker.role === 'producer') producerDone = time;
          },
        };
        await simulateRun(configOf(r), { observers: [statistics, doneAt] });
        const [producer] = statistics.summary().producers;
        expect(producer?.produced).toBe(r.items);
        expect(producer?.blockedSeconds as number).toBeCloseTo(producerDone - r.items * 0.25, 6);
      }),
      { numRuns: 40 },
    );
  });
});
