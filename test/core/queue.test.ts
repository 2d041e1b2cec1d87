import { AsyncQueue, CLOSED, QueueEmptyError, QueueFullError } from '../../src/core/queue.js';
import { QueueShutDownError } from '../../src/core/errors.js';
import { Simulation } from '../../src/core/simulation.js';

/** Runs `build` on a fresh instant simulation and returns the event log it wrote. */
async function runLog(build: (sim: Simulation, log: string[]) => void): Promise<string[]> {
  const sim = new Simulation();
  const log: string[] = [];
  build(sim, log);
  await sim.run();
  return log;
}

describe('AsyncQueue', () => {
  test('delivers items in FIFO order', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>();
      sim.process('producer', async (p) => {
        for (let i = 0; i < 5; i++) await q.put(p, i);
        q.shutdown();
      });
      sim.process('consumer', async (p) => {
        for (let item = await q.get(p); item !== CLOSED; item = await q.get(p)) log.push(`got ${item}`);
      });
    });
    expect(log).toEqual(['got 0', 'got 1', 'got 2', 'got 3', 'got 4']);
  });

  test('a getter waits until an item is put, at the time of the put', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<string>();
      sim.process('consumer', async (p) => {
        const item = await q.get(p);
        log.push(`${String(item)}@${sim.now}`);
      });
      sim.process('producer', async (p) => {
        await p.sleep(2);
        await q.put(p, 'x');
      });
    });
    expect(log).toEqual(['x@2']);
  });

  test('waiting getters are served in the order they started waiting', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>();
      for (const name of ['a', 'b', 'c']) {
        sim.process(name, async (p) => {
          const item = await q.get(p);
          log.push(`${name}:${String(item)}`);
        });
      }
      sim.process('producer', async (p) => {
        await p.sleep(1);
        for (let i = 0; i < 3; i++) await q.put(p, i);
      });
    });
    expect(log).toEqual(['a:0', 'b:1', 'c:2']);
  });

  test('put waits while the queue is full and resumes when a get frees space', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>({ capacity: 2 });
      sim.process('producer', async (p) => {
        for (let i = 0; i < 4; i++) {
          await q.put(p, i);
          log.push(`put ${i}@${sim.now} size ${q.size}`);
        }
      });
      sim.process('consumer', async (p) => {
        await p.sleep(5);
        for (let i = 0; i < 4; i++) {
          const item = await q.get(p);
          log.push(`got ${String(item)}@${sim.now}`);
          await p.sleep(1);
        }
      });
    });
    expect(log).toEqual([
      'put 0@0 size 1',
      'put 1@0 size 2',
      'put 2@5 size 2', // the woken putter runs before the getter's continuation; both at t=5
      'got 0@5',
      'put 3@6 size 2',
      'got 1@6',
      'got 2@7',
      'got 3@8',
    ]);
  });

  test('a blocked putter wakes when space frees, even with several putters and getters (no lost wake-ups)', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<string>({ capacity: 1 });
      for (const name of ['p1', 'p2', 'p3']) {
        sim.process(name, async (p) => {
          for (let i = 0; i < 3; i++) await q.put(p, `${name}-${i}`);
          log.push(`${name} done@${sim.now}`);
        });
      }
      for (const name of ['c1', 'c2']) {
        sim.process(name, async (p) => {
          for (let i = 0; i < 4; i++) {
            const item = await q.get(p);
            if (item === CLOSED) break;
            await p.sleep(1);
          }
        });
      }
      sim.process('closer', async (p) => {
        await p.sleep(100);
        q.shutdown();
      });
    });
    // 9 items, 2 consumers taking 1 s each: every producer finishes and nothing deadlocks.
    expect(log.filter((l) => l.endsWith('done@0') === false)).toHaveLength(3);
  });

  test('an item put while a getter waits passes straight to it and the blocked putter behind it still wakes', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>({ capacity: 1 });
      sim.process('getter', async (p) => {
        log.push(`got ${String(await q.get(p))} size ${q.size}`);
        await p.sleep(1);
        log.push(`got ${String(await q.get(p))} size ${q.size}`);
        log.push(`got ${String(await q.get(p))} size ${q.size}`);
      });
      sim.process('putter', async (p) => {
        await q.put(p, 1); // handed straight to the waiting getter
        await q.put(p, 2); // fills the queue
        await q.put(p, 3); // waits for space
        log.push(`putter resumed@${sim.now}`);
      });
    });
    expect(log).toEqual(['got 1 size 0', 'putter resumed@1', 'got 2 size 1', 'got 3 size 0']);
  });

  test('shutdown: getters receive CLOSED after the remaining items, and later puts throw', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>();
      sim.process('consumer', async (p) => {
        for (;;) {
          const item = await q.get(p);
          log.push(String(item === CLOSED ? 'CLOSED' : item));
          if (item === CLOSED) break;
        }
      });
      sim.process('producer', async (p) => {
        q.putNowait(1);
        q.putNowait(2);
        q.shutdown();
        expect(() => q.put(p, 3)).toThrow(QueueShutDownError);
      });
    });
    expect(log).toEqual(['1', '2', 'CLOSED']);
  });

  test('shutdown wakes every waiting getter with CLOSED', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>();
      for (const name of ['a', 'b']) {
        sim.process(name, async (p) => {
          log.push(`${name}:${String((await q.get(p)) === CLOSED)}`);
        });
      }
      sim.process('closer', async (p) => {
        await p.sleep(1);
        q.shutdown();
      });
    });
    expect(log).toEqual(['a:true', 'b:true']);
  });

  test('shutdown throws QueueShutDownError into waiting putters', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>({ capacity: 1 });
      sim.process('putter', async (p) => {
        await q.put(p, 1);
        try {
          await q.put(p, 2);
        } catch (error) {
          log.push((error as Error).name);
        }
      });
      sim.process('closer', async (p) => {
        await p.sleep(1);
        q.shutdown();
      });
    });
    expect(log).toEqual(['QueueShutDownError']);
  });

  test('putNowait throws when full, getNowait throws when empty', () => {
    const q = new AsyncQueue<number>({ capacity: 1 });
    expect(() => q.getNowait()).toThrow(QueueEmptyError);
    q.putNowait(1);
    expect(() => q.putNowait(2)).toThrow(QueueFullError);
    expect(q.getNowait()).toBe(1);
  });

  test('join waits until every item put has been marked done', async () => {
    const log = await runLog((sim, log) => {
      const q = new AsyncQueue<number>();
      sim.process('worker', async (p) => {
        for (let i = 0; i < 3; i++) {
          await q.get(p);
          await p.sleep(1);
          q.taskDone();
        }
      });
      sim.process('main', async (p) => {
        for (let i = 0; i < 3; i++) q.putNowait(i);
        await q.join(p);
        log.push(`joined@${sim.now}`);
      });
    });
    expect(log).toEqual(['joined@3']);
  });

  test('taskDone more often than items were put is an error', () => {
    const q = new AsyncQueue<number>();
    expect(() => q.taskDone()).toThrow(/more times than items were put/);
  });

  test('rejects a capacity below 1', () => {
    expect(() => new AsyncQueue({ capacity: 0 })).toThrow(/capacity/);
    expect(() => new AsyncQueue({ capacity: 1.5 })).toThrow(/capacity/);
  });
});
