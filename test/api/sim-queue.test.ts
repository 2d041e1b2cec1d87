import { QueueShutDownError } from '../../src/core/errors.js';
import { QueueEmptyError, QueueFullError } from '../../src/core/queue.js';
import { QueueClosedError } from '../../src/api/sim-queue.js';
import { simWithLog } from './helpers.js';

/** Puts `items` from the model function, then one consumer takes them one by one and logs each. */
async function drainOrder<T>(kind: 'fifo' | 'lifo' | 'priority', items: T[], priority?: (item: T) => number): Promise<string[]> {
  const { sim, log } = simWithLog();
  const q = sim.queue<T>({ name: 'q', kind, ...(priority ? { priority } : {}) });
  for (const item of items) q.putNowait(item);
  q.shutdown();
  sim.process('taker', async (p) => {
    for await (const item of q) {
      p.log(String(item));
      await p.sleep(1);
    }
  });
  await sim.run();
  return log.lines.map((line) => line.split(': ')[1] as string);
}

describe('model queues: order', () => {
  test('FIFO gives items in the order they were put', async () => {
    expect(await drainOrder('fifo', ['a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  });

  test('LIFO gives the newest item first', async () => {
    expect(await drainOrder('lifo', ['a', 'b', 'c', 'd'])).toEqual(['d', 'c', 'b', 'a']);
  });

  test('priority gives the lowest priority value first, ties in the order they were put', async () => {
    const jobs = ['n1:5', 'u1:0', 'n2:5', 'm1:2', 'u2:0', 'n3:5', 'm2:2'];
    const rank = (job: string): number => Number(job.split(':')[1]);
    expect(await drainOrder('priority', jobs, rank)).toEqual(['u1:0', 'u2:0', 'm1:2', 'm2:2', 'n1:5', 'n2:5', 'n3:5']);
  });

  test('priority order holds for items put while others are taken (heap order under interleaving)', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<number>({ name: 'q', priority: (n) => n });
    sim.process('putter', async (p) => {
      for (const n of [9, 4, 7, 1, 8, 3, 6, 2, 5, 0]) {
        await q.put(n);
        await p.sleep(0.4);
      }
      q.shutdown();
    }, { log: false });
    sim.process('taker', async (p) => {
      await p.sleep(1.1);
      for await (const n of q) {
        p.log(String(n));
        await p.sleep(1);
      }
    });
    await sim.run();
    // Puts every 0.4 s from 0 s, takes every second from 1.1 s: each take sees what has arrived by then.
    // 1.1 s {9,4,7} -> 4; 2.1 s +{1,8,3} -> 1; 3.1 s +{6,2} -> 2; 4.1 s +{5,0} -> 0; then 3, 5, 6, 7, 8, 9.
    expect(log.lines.map((l) => l.split(': ')[1])).toEqual(['4', '1', '2', '0', '3', '5', '6', '7', '8', '9']);
  });

  test('a priority queue needs a priority function, and the function must return a number', () => {
    const { sim } = simWithLog();
    expect(() => sim.queue({ kind: 'priority' })).toThrow(/needs a priority function/);
    expect(() => sim.queue<number>({ kind: 'fifo', priority: (n) => n })).toThrow(/needs kind 'priority'|needs kind "priority"/);
    const q = sim.queue<string>({ name: 'p', priority: () => Number.NaN });
    expect(() => q.putNowait('x')).toThrow(/must return a number/);
  });
});

describe('model queues: capacity, nowait and takeNowait', () => {
  test('a full queue blocks puts until a get makes room, admitting waiting puts in order', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<string>({ name: 'q', capacity: 1 });
    for (const name of ['A', 'B', 'C']) {
      sim.process(name, async (p) => {
        await q.put(name);
        p.log(`put done`);
      });
    }
    sim.process('taker', async (p) => {
      await p.sleep(1);
      for (let i = 0; i < 3; i++) {
        p.log(`took ${await q.get()}`);
        await p.sleep(1);
      }
    });
    await sim.run();
    // A get that frees room admits the first waiting put and wakes its putter before the getter goes on.
    expect(log.lines).toEqual([
      '0.000 A: put done',
      '1.000 B: put done',
      '1.000 taker: took A',
      '2.000 C: put done',
      '2.000 taker: took B',
      '3.000 taker: took C',
    ]);
  });

  test('takeNowait(n) takes up to n items at once, none from an empty queue, and lets blocked puts in', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<number>({ name: 'q', capacity: 2 });
    sim.process('batcher', async (p) => {
      p.log(`empty: ${JSON.stringify(q.takeNowait(4))}`);
      await p.sleep(1);
      // 0 and 1 are in; 2, 3 and 4 wait for room. Each take lets the next waiting put in.
      p.log(`first: ${JSON.stringify(q.takeNowait(4))}, left ${q.size}`);
      p.log(`rest: ${JSON.stringify(q.takeNowait(10))}`);
    });
    for (let i = 0; i < 5; i++) sim.process(`producer-${i}`, () => q.put(i), { log: false });
    await sim.run();
    expect(log.lines).toEqual(['0.000 batcher: empty: []', '1.000 batcher: first: [0,1,2,3], left 1', '1.000 batcher: rest: [4]']);
    expect(() => q.takeNowait(-1)).toThrow(/whole number/);
    expect(() => q.takeNowait(1.5)).toThrow(/whole number/);
  });

  test('putNowait on a full queue and getNowait on an empty one throw at once', async () => {
    const { sim } = simWithLog();
    const q = sim.queue<number>({ name: 'q', capacity: 1 });
    expect(() => q.getNowait()).toThrow(QueueEmptyError);
    q.putNowait(1);
    expect(q.isFull).toBe(true);
    expect(() => q.putNowait(2)).toThrow(QueueFullError);
    expect(q.getNowait()).toBe(1);
    q.shutdown();
    expect(() => q.getNowait()).toThrow(QueueClosedError);
    expect(() => q.put(3)).toThrow(QueueShutDownError);
    expect(() => q.putNowait(3)).toThrow(QueueShutDownError);
  });

  test('items() lists the items in leaving order for every kind', () => {
    const { sim } = simWithLog();
    const fifo = sim.queue<number>({ name: 'f' });
    const lifo = sim.queue<number>({ name: 'l', kind: 'lifo' });
    const prio = sim.queue<number>({ name: 'p', priority: (n) => -n });
    for (const n of [2, 3, 1]) {
      fifo.putNowait(n);
      lifo.putNowait(n);
      prio.putNowait(n);
    }
    expect([fifo.items(), lifo.items(), prio.items()]).toEqual([
      [2, 3, 1],
      [1, 3, 2],
      [3, 2, 1],
    ]);
  });
});

describe('model queues: shutdown and join', () => {
  test('shutdown wakes every waiter: putters with QueueShutDownError, getters with the end of their loop or QueueClosedError', async () => {
    const { sim, log } = simWithLog();
    const full = sim.queue<string>({ name: 'full', capacity: 1 });
    const empty = sim.queue<string>({ name: 'empty' });
    full.putNowait('x');
    for (const name of ['P1', 'P2']) {
      sim.process(name, async (p) => {
        try {
          await full.put(name);
        } catch (error) {
          p.log(error instanceof QueueShutDownError ? 'put refused' : `unexpected ${String(error)}`);
        }
      });
    }
    for (const name of ['G1', 'G2']) {
      sim.process(name, async (p) => {
        for await (const item of empty) p.log(`got ${item}`);
        p.log('loop ended');
      });
    }
    sim.process('G3', async (p) => {
      await empty.get().catch((error: unknown) => p.log(error instanceof QueueClosedError ? 'get closed' : 'unexpected'));
    });
    sim.process('closer', async (p) => {
      await p.sleep(5);
      full.shutdown();
      empty.shutdown();
    });
    await sim.run();
    expect(log.lines).toEqual([
      '5.000 P1: put refused',
      '5.000 P2: put refused',
      '5.000 G1: loop ended',
      '5.000 G2: loop ended',
      '5.000 G3: get closed',
    ]);
    // The item already in the full queue is still there to take.
    expect(full.items()).toEqual(['x']);
  });

  test('items left at shutdown are still taken before loops end', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<number>({ name: 'q' });
    q.putNowait(1);
    q.putNowait(2);
    q.shutdown();
    sim.process('taker', async (p) => {
      for await (const n of q) p.log(`got ${n}`);
      p.log('end');
    });
    await sim.run();
    expect(log.lines.map((l) => l.slice(6))).toEqual(['taker: got 1', 'taker: got 2', 'taker: end']);
  });

  test('join waits until every item put has been marked done', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<number>({ name: 'q' });
    sim.process('boss', async (p) => {
      for (let i = 0; i < 3; i++) await q.put(i);
      await q.join();
      p.log('all done');
      q.shutdown();
    });
    sim.process('worker', async (p) => {
      for await (const _n of q) {
        await p.sleep(2);
        q.taskDone();
      }
    });
    await sim.run();
    expect(log.lines).toEqual(['6.000 boss: all done']);
    expect(() => q.taskDone()).toThrow(/more times than items were put/);
  });
});

describe('model queues: get with a timeout', () => {
  test('get({ timeout }) gives up with undefined; an item put later goes to a getter still waiting, not to the one that gave up', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<string>({ name: 'q' });
    sim.process('impatient', async (p) => {
      p.log(`first: ${await q.get({ timeout: 1 })}`);
      q.putNowait('mine');
      p.log(`second: ${await q.get({ timeout: 1 })}`);
    });
    sim.process('patient', async (p) => p.log(`got ${await q.get()}`));
    sim.process('producer', async (p) => {
      await p.sleep(2);
      await q.put('late');
    }, { log: false });
    await sim.run();
    expect(log.lines).toEqual(['1.000 impatient: first: undefined', '1.000 patient: got mine', '2.000 impatient: second: late']);
  });

  test('a batching window: collect items for at most 0.5 s after the first, then flush', async () => {
    const { sim, log } = simWithLog();
    const q = sim.queue<number>({ name: 'q' });
    sim.process('producer', async (p) => {
      for (const gap of [0.1, 0.1, 0.1, 1, 0.2, 2]) {
        await p.sleep(gap);
        await q.put(Math.round(p.now * 10));
      }
      q.shutdown();
    }, { log: false });
    sim.process('batcher', async (p) => {
      for await (const first of q) {
        const batch = [first];
        const until = p.now + 0.5;
        for (;;) {
          const next = await q.get({ timeout: Math.max(0, until - p.now) }).catch(() => undefined);
          if (next === undefined) break;
          batch.push(next);
        }
        p.log(batch.join(','));
      }
    });
    await sim.run();
    // The last window ends early: the queue is shut down and empty at 3.5 s (get throws QueueClosedError).
    expect(log.lines).toEqual(['0.600 batcher: 1,2,3', '1.800 batcher: 13,15', '3.500 batcher: 35']);
  });
});

describe("model queues: a queue of another simulation", () => {
  test("is refused at every operation, not only at one that waits", async () => {
    for (const use of ['put', 'get'] as const) {
      const { sim } = simWithLog();
      const { sim: other } = simWithLog();
      const foreign = other.queue<number>({ name: 'foreign' });
      if (use === 'get') foreign.putNowait(1); // a get that finds an item does not wait
      sim.process('Ann', async () => {
        if (use === 'put') await foreign.put(1);
        else await foreign.get();
      });
      await expect(sim.run()).rejects.toThrow(
        `process Ann failed at t=0s: ${use === 'put' ? 'put into' : 'get from'} queue foreign: it belongs to another simulation than process Ann`,
      );
    }
  });
});

describe('model queues: nowait operations from another simulation', () => {
  test('are allowed (a planner filling an inner simulation, then reading what it left)', async () => {
    const { sim, log } = simWithLog();
    const { sim: inner } = simWithLog();
    const plan = inner.queue<number>({ name: 'plan' });
    sim.process('planner', (p) => {
      plan.putNowait(1);
      plan.putNowait(2);
      p.log(`left ${plan.takeNowait(Infinity).join(',')}`);
    });
    await sim.run();
    expect(log.lines.at(-1)).toMatch(/left 1,2$/);
  });
});
