import { InvalidArgumentError } from '../../src/core/errors.js';
import { AsyncQueue, CLOSED, QueueFullError, type FullPolicy } from '../../src/core/queue.js';
import { Simulation } from '../../src/core/simulation.js';

interface Recorded {
  queue: AsyncQueue<number>;
  log: string[];
}

/** A queue of capacity 3 whose enter and drop callbacks write to a log, with the size seen at each call. */
function recordedQueue(onFull: FullPolicy, capacity = 3): Recorded {
  const log: string[] = [];
  const queue: AsyncQueue<number> = new AsyncQueue<number>({
    capacity,
    onFull,
    onEnter: (item) => log.push(`enter ${item} (size ${queue.size})`),
    onDrop: (item) => log.push(`drop ${item} (size ${queue.size})`),
  });
  return { queue, log };
}

function drain(queue: AsyncQueue<number>): number[] {
  const items: number[] = [];
  for (let item = queue.getNowait(); item !== CLOSED; item = queue.getNowait()) items.push(item);
  return items;
}

describe('AsyncQueue full policies', () => {
  test('drop-newest discards the item being put and keeps the queue as it was', () => {
    const { queue, log } = recordedQueue('drop-newest');
    for (let i = 0; i < 5; i++) queue.putNowait(i);
    expect(log).toEqual(['enter 0 (size 1)', 'enter 1 (size 2)', 'enter 2 (size 3)', 'drop 3 (size 3)', 'drop 4 (size 3)']);
    expect(queue.dropped).toBe(2);
    expect(queue.unfinishedTasks).toBe(3);
    queue.shutdown();
    expect(drain(queue)).toEqual([0, 1, 2]);
  });

  test('drop-oldest discards the first item and puts the new one at the back', () => {
    const { queue, log } = recordedQueue('drop-oldest');
    for (let i = 0; i < 5; i++) queue.putNowait(i);
    expect(log).toEqual([
      'enter 0 (size 1)',
      'enter 1 (size 2)',
      'enter 2 (size 3)',
      'drop 0 (size 3)',
      'enter 3 (size 3)',
      'drop 1 (size 3)',
      'enter 4 (size 3)',
    ]);
    expect(queue.dropped).toBe(2);
    expect(queue.unfinishedTasks).toBe(3); // each replacement leaves the count as it was
    queue.shutdown();
    expect(drain(queue)).toEqual([2, 3, 4]);
  });

  test('block still throws QueueFullError from putNowait and counts no drops', () => {
    const { queue } = recordedQueue('block', 1);
    queue.putNowait(1);
    expect(() => queue.putNowait(2)).toThrow(QueueFullError);
    expect(queue.dropped).toBe(0);
  });

  test.each<FullPolicy>(['drop-newest', 'drop-oldest'])('%s: put never suspends the producer', async (policy) => {
    const sim = new Simulation();
    const { queue } = recordedQueue(policy, 2);
    const putTimes: number[] = [];
    sim.process('producer', async (p) => {
      for (let i = 0; i < 6; i++) {
        await queue.put(p, i);
        putTimes.push(p.now);
      }
      expect(queue.waitingPutters).toBe(0);
      queue.shutdown();
    });
    await sim.run();
    expect(putTimes).toEqual([0, 0, 0, 0, 0, 0]);
    expect(queue.dropped).toBe(4);
  });

  test('drop-oldest: join still completes once every item kept has been marked done', async () => {
    const sim = new Simulation();
    const { queue } = recordedQueue('drop-oldest', 2);
    const got: number[] = [];
    let joinedAt = -1;
    sim.process('producer', async (p) => {
      for (let i = 0; i < 5; i++) await queue.put(p, i);
      await queue.join(p);
      joinedAt = p.now;
      queue.shutdown();
    });
    sim.process('consumer', async (p) => {
      await p.sleep(1);
      for (let item = await queue.get(p); item !== CLOSED; item = await queue.get(p)) {
        got.push(item);
        await p.sleep(1);
        queue.taskDone();
      }
    });
    await sim.run();
    expect(got).toEqual([3, 4]);
    expect(joinedAt).toBe(3);
  });

  test('a waiting getter takes a put item directly: a queue with a waiting getter is never full', async () => {
    const sim = new Simulation();
    const { queue, log } = recordedQueue('drop-newest', 1);
    const got: number[] = [];
    sim.process('consumer', async (p) => {
      const item = await queue.get(p);
      if (item !== CLOSED) got.push(item);
    });
    sim.process('producer', async (p) => {
      await queue.put(p, 1); // handed to the waiting consumer
      await queue.put(p, 2); // stored
      await queue.put(p, 3); // dropped
      queue.shutdown();
    });
    await sim.run();
    expect(got).toEqual([1]);
    expect(log).toEqual(['enter 1 (size 0)', 'enter 2 (size 1)', 'drop 3 (size 1)']);
  });

  test('rejects an unknown policy', () => {
    expect(() => new AsyncQueue<number>({ capacity: 1, onFull: 'drop-random' as FullPolicy })).toThrow(InvalidArgumentError);
  });

  test('a million drops keep the queue at its capacity, holding the newest items', () => {
    const { queue } = recordedQueue('drop-oldest', 4);
    for (let i = 0; i < 1_000_000; i++) queue.putNowait(i);
    expect(queue.size).toBe(4);
    expect(queue.dropped).toBe(999_996);
    queue.shutdown();
    expect(drain(queue)).toEqual([999_996, 999_997, 999_998, 999_999]);
  });
});
