import { QueueShutDownError } from '../../src/core/errors.js';
import { AsyncQueue, CLOSED } from '../../src/core/queue.js';
import { Simulation } from '../../src/core/simulation.js';

describe('AsyncQueue.shutdown', () => {
  it('without immediate: getters receive CLOSED only after the items left are taken', () => {
    const queue = new AsyncQueue<number>();
    queue.putNowait(1);
    queue.putNowait(2);
    queue.shutdown();
    expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual([1, 2, CLOSED]);
  });

  it('immediate: getters receive CLOSED at once and the items stay counted in size', () => {
    const queue = new AsyncQueue<number>();
    queue.putNowait(1);
    queue.putNowait(2);
    queue.shutdown({ immediate: true });
    expect(queue.isClosedImmediately).toBe(true);
    expect(queue.getNowait()).toBe(CLOSED);
    expect(queue.size).toBe(2);
    expect(queue.items()).toEqual([1, 2]);
    expect(() => queue.putNowait(3)).toThrow(QueueShutDownError);
  });

  it('a normal shutdown can be made immediate later', () => {
    const queue = new AsyncQueue<number>();
    queue.putNowait(1);
    queue.shutdown();
    queue.shutdown({ immediate: true });
    expect(queue.getNowait()).toBe(CLOSED);
    expect(queue.size).toBe(1);
  });

  it('immediate: wakes waiting getters with CLOSED and waiting putters with QueueShutDownError', async () => {
    const sim = new Simulation();
    const empty = new AsyncQueue<number>({ name: 'empty' });
    const full = new AsyncQueue<number>({ name: 'full', capacity: 1 });
    full.putNowait(0);
    const seen: unknown[] = [];
    sim.process('getter', async (p) => {
      seen.push(await empty.get(p));
    });
    sim.process('putter', async (p) => {
      try {
        await full.put(p, 1);
      } catch (error) {
        seen.push((error as Error).constructor.name);
      }
    });
    sim.schedule(1, () => {
      empty.shutdown({ immediate: true });
      full.shutdown({ immediate: true });
    });
    await sim.run();
    expect(seen).toEqual([CLOSED, 'QueueShutDownError']);
    expect(full.items()).toEqual([0]);
  });
});
