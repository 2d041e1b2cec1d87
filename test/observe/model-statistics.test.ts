import { Sim } from '../../src/api/sim.js';
import { createDistribution } from '../../src/model/distribution.js';
import type { ModelOptions } from '../../src/api/model.js';
import { ModelStatistics } from '../../src/observe/model-statistics.js';

const OPTIONS: ModelOptions = {
  producers: 1,
  consumers: ['Fred'],
  items: 10,
  interval: createDistribution({ kind: 'const', value: 1 }),
  delay: createDistribution({ kind: 'const', value: 1 }),
  concurrency: 1,
  capacity: Infinity,
  onFull: 'block',
  duration: Infinity,
  seed: 0,
  set: { batch: 3 },
};

describe('model statistics', () => {
  test('counts, size over time, waits, blocked puts and process times follow from the events exactly', async () => {
    const statistics = new ModelStatistics({ model: 'm.mjs', options: OPTIONS });
    const sim = new Sim({ observers: [statistics] });
    const q = sim.queue<number>({ name: 'q', capacity: 2 });
    // Four items at t=0 into a queue of 2: two wait for room.
    sim.process('producer', async () => {
      for (let i = 0; i < 4; i++) await q.put(i);
      q.shutdown();
    }, { log: false });
    sim.process('worker', async (p) => {
      await p.sleep(2);
      for await (const _item of q) {
        p.log('took one');
        await p.sleep(1);
      }
    });
    await sim.run();
    const summary = statistics.summary();
    expect(summary.simulatedSeconds).toBe(6);
    const [queue] = summary.queues;
    // Sizes: 2 from 0 to 4 s (each take at 2 and 3 s lets a waiting put in), 1 from 4 to 5 s, then 0.
    expect(queue).toMatchObject({ name: 'q', kind: 'fifo', capacity: 2, puts: 4, gets: 4, finalSize: 0, maxSize: 2, blockedPuts: 2 });
    expect(queue?.meanSize).toBeCloseTo((2 * 4 + 1 * 1) / 6, 12);
    // Waits: items 0 and 1 from 0 s to 2 and 3 s; item 2 enters at 2 s, leaves at 4; item 3 enters at 3 s, leaves at 5.
    expect(queue?.waitSeconds).toMatchObject({ count: 4, mean: (2 + 3 + 2 + 2) / 4, max: 3 });
    // Little's law: mean size = gets / time x mean wait.
    expect(queue?.meanSize).toBeCloseTo((4 / 6) * (9 / 4), 12);
    // Item 2 waited for room from 0 to 2 s, item 3 from 2 to 3 s.
    expect(queue?.blockedSeconds).toBe(2 + 1);
    expect(summary.processes).toEqual([
      { name: 'producer', startedAt: 0, finishedAt: 3, sleepingSeconds: 0, waitingSeconds: 3, logLines: 0 },
      { name: 'worker', startedAt: 0, finishedAt: 6, sleepingSeconds: 6, waitingSeconds: 0, logLines: 4 },
    ]);
    expect(summary.options).toMatchObject({ items: 10, capacity: null, set: { batch: 3 }, interval: { kind: 'const', value: 1, mean: 1 } });
  });
});
