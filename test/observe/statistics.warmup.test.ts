import { combineObservers, type Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateRun } from '../../src/model/run.js';
import { RunStatistics } from '../../src/observe/statistics.js';
import { WarmupGate } from '../../src/observe/warmup-gate.js';
import { runConfig } from '../model/run-config.js';
import { consumer, finished, item, producer, started } from './scripted.js';

const config = runConfig({ consumers: ['C'], items: 3, interval: '1s', seed: 9 });
const P = producer(0);
const C = consumer(0, 'C');

/** Items enter at 0, 1, 2; service runs 0–1.5, 1.5–3, 3–4.5 (the hand-computed run of statistics.test.ts). */
function play(statistics: RunStatistics): void {
  const events = combineObservers(statistics.observers());
  const [a, b, c] = [item(0, 0), item(1, 1), item(2, 2)];
  events.runStarted(started(config, [P], [C]));
  events.itemPut(0, P, a, 1, 0);
  events.itemGot(0, C, a, 0, 0);
  events.itemPut(1, P, b, 1, 0);
  events.itemProcessed(1.5, C, a, 0);
  events.itemGot(1.5, C, b, 0, 0);
  events.itemPut(2, P, c, 1, 0);
  events.itemProcessed(3, C, b, 0);
  events.itemGot(3, C, c, 0, 0);
  events.itemProcessed(4.5, C, c, 0);
  events.runFinished(finished({ time: 4.5, finalQueueSize: 0, produced: 3, consumed: 3 }));
}

describe('--warmup: the statistics restart at the warm-up instant', () => {
  test('without a warm-up no gate is attached', () => {
    expect(new RunStatistics().observers()).toHaveLength(1);
    const gated = new RunStatistics({ warmup: 1 }).observers();
    expect(gated).toHaveLength(2);
    expect(gated[0]).toBeInstanceOf(WarmupGate);
  });

  test('a warm-up of 1.2 s: waits got before it, queue area and busy time before it are left out', () => {
    const s = new RunStatistics({ config, warmup: 1.2 });
    play(s);
    const summary = s.summary();
    const measured = 4.5 - 1.2;
    expect(summary.warmupSeconds).toBe(1.2);
    expect(summary.simulatedSeconds).toBe(4.5);
    // Gets at 1.5 (waited 0.5) and 3 (waited 1); the get at 0 is left out.
    expect(summary.waitSeconds).toEqual({ count: 2, mean: 0.75, p50: 0.5, p95: 1, p99: 1, max: 1 });
    // Every item finishes after 1.2: times in system 1.5, 2, 2.5.
    expect(summary.systemSeconds.count).toBe(3);
    // Queue: 1 item from 1.2 to 1.5, none to 2, 1 from 2 to 3: area 1.3.
    expect(summary.queue.meanSize).toBeCloseTo(1.3 / measured, 12);
    expect(summary.queue.maxSize).toBe(1);
    // The consumer is busy all the time after 1.2, item a included from 1.2 on.
    expect(summary.consumers[0]?.busySeconds).toBeCloseTo(measured, 12);
    expect(summary.consumers[0]?.utilization).toBeCloseTo(1, 12);
    expect(summary.throughputPerSecond).toBeCloseTo(3 / measured, 12);
    // Counts stay whole-run counts.
    expect(summary.items).toEqual({ produced: 3, consumed: 3, completed: 3, left: 0, dropped: 0, deadLettered: 0 });
    expect(summary.consumers[0]?.processed).toBe(3);
  });

  test('an event exactly at the warm-up instant counts after it', () => {
    const s = new RunStatistics({ config, warmup: 1.5 });
    play(s);
    expect(s.summary().waitSeconds.count).toBe(2);
    expect(s.summary().throughputPerSecond).toBeCloseTo(3 / 3, 12);
  });

  test('items finished before the warm-up leave the throughput', () => {
    const s = new RunStatistics({ config, warmup: 2 });
    play(s);
    const summary = s.summary();
    expect(summary.throughputPerSecond).toBeCloseTo(2 / 2.5, 12);
    expect(summary.systemSeconds.count).toBe(2);
    expect(summary.waitSeconds.count).toBe(1);
    // The stage's own figures restart too (they once kept the item finished at 1.5).
    expect(summary.stages[0]?.systemSeconds).toEqual(summary.systemSeconds);
    expect(summary.stages[0]?.waitSeconds.count).toBe(1);
  });

  test('a warm-up longer than the run leaves nothing measured', () => {
    const s = new RunStatistics({ config, warmup: 10 });
    play(s);
    const summary = s.summary();
    expect(summary.waitSeconds.count).toBe(0);
    expect(summary.throughputPerSecond).toBeNull();
    expect(summary.queue.meanSize).toBeNull();
    expect(summary.consumers[0]?.utilization).toBeNull();
  });

  test('a simulated run: exactly the waits of gets at or after the warm-up are measured', async () => {
    const whole = new RunStatistics();
    const later = new RunStatistics({ warmup: 50 });
    const waitsAfter: number[] = [];
    let getsBefore = 0;
    const log = {
      itemGot(time: number, _consumer: Worker, got: Item) {
        if (time < 50) getsBefore++;
        else waitsAfter.push(time - got.enteredAt);
      },
    };
    const run = runConfig({ consumers: ['A', 'B'], items: 2000, interval: 'exp(600ms)', delay: 'exp(1s)', seed: 4 });
    await simulateRun(run, { observers: [whole, ...later.observers(), log] });
    const measured = later.summary();
    expect(getsBefore).toBeGreaterThan(0);
    expect(measured.waitSeconds.count).toBe(waitsAfter.length);
    expect(measured.waitSeconds.count).toBe(whole.summary().waitSeconds.count - getsBefore);
    expect(measured.waitSeconds.mean).toBeCloseTo(waitsAfter.reduce((sum, w) => sum + w, 0) / waitsAfter.length, 12);
    expect(measured.items).toEqual(whole.summary().items);
  });
});
