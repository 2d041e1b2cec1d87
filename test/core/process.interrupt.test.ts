import { Interrupt } from '../../src/core/errors.js';
import { WallClockPacing } from '../../src/core/pacing.js';
import { AsyncQueue } from '../../src/core/queue.js';
import { Simulation } from '../../src/core/simulation.js';
import type { Timers } from '../../src/core/timers.js';

describe('Process.interrupt', () => {
  it('cuts a sleep short: the Interrupt is thrown at the await, at the time of the interrupt', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    const sleeper = sim.process('sleeper', async (p) => {
      try {
        await p.sleep(100);
        log.push('slept');
      } catch (error) {
        log.push(`${(error as Error).constructor.name} at t=${p.now}: ${(error as Error).message}`);
      }
      await p.sleep(1);
      log.push(`done at t=${p.now}`);
    });
    sim.schedule(3, () => sleeper.interrupt('stop now'));
    await sim.run();
    expect(log).toEqual(['Interrupt at t=3: interrupted: stop now', 'done at t=4']);
    // The cancelled wake-up at t=100 is off the calendar: the run ended when the process did.
    expect(sim.now).toBe(4);
    expect(sleeper.interrupted).toBe(false); // it caught the Interrupt and ended normally
  });

  it('gives up a queue get: the queue forgets the getter, so a later put is not handed to it', async () => {
    const sim = new Simulation();
    const queue = new AsyncQueue<number>({ name: 'jobs' });
    const log: string[] = [];
    const getter = sim.process('getter', async (p) => {
      try {
        await queue.get(p);
      } catch (error) {
        log.push(`getter: ${error instanceof Interrupt}`);
      }
    });
    const other = sim.process('other', async (p) => {
      log.push(`other got ${String(await queue.get(p))}`);
    });
    sim.process('driver', async (p) => {
      await p.sleep(1);
      expect(queue.waitingGetters).toBe(2);
      getter.interrupt();
      await p.sleep(1);
      expect(queue.waitingGetters).toBe(1);
      await queue.put(p, 42);
    });
    await sim.run();
    expect(log).toEqual(['getter: true', 'other got 42']);
    expect(other.state).toBe('finished');
  });

  it('gives up a put into a full queue: the item never enters', async () => {
    const sim = new Simulation();
    const queue = new AsyncQueue<string>({ capacity: 1 });
    let caught = false;
    const putter = sim.process('putter', async (p) => {
      await queue.put(p, 'first');
      try {
        await queue.put(p, 'second');
      } catch (error) {
        caught = error instanceof Interrupt;
      }
    });
    sim.process('driver', async (p) => {
      await p.sleep(1);
      expect(queue.waitingPutters).toBe(1);
      putter.interrupt();
      await p.sleep(1);
      expect(queue.getNowait()).toBe('first');
    });
    await sim.run();
    expect(caught).toBe(true);
    expect(queue.size).toBe(0);
    expect(queue.waitingPutters).toBe(0);
    expect(queue.unfinishedTasks).toBe(1); // 'first' was put (and got, not marked done); 'second' never was
  });

  it('gives up a join', async () => {
    const sim = new Simulation();
    const queue = new AsyncQueue<number>();
    queue.putNowait(1);
    let caught = false;
    const joiner = sim.process('joiner', async (p) => {
      try {
        await queue.join(p);
      } catch (error) {
        caught = error instanceof Interrupt;
      }
    });
    sim.schedule(2, () => joiner.interrupt());
    await sim.run();
    expect(caught).toBe(true);
  });

  it('reaches a running process at its next suspension', async () => {
    const sim = new Simulation();
    const queue = new AsyncQueue<string>();
    const log: string[] = [];
    const target = sim.process('target', async (p) => {
      log.push(`got ${String(await queue.get(p))}`);
      try {
        await p.sleep(5);
        log.push('slept');
      } catch {
        log.push(`interrupted at t=${p.now}`);
      }
    });
    sim.process('interrupter', async (p) => {
      await p.sleep(1);
      queue.putNowait('job'); // hands the job to target, which is now running (resumed, not yet continued)
      expect(target.state).toBe('running');
      target.interrupt();
    });
    await sim.run();
    expect(log).toEqual(['got job', 'interrupted at t=1']);
  });

  it('stops a process that has not started: its body never runs, and it ends as interrupted', async () => {
    const sim = new Simulation();
    let ran = false;
    const process = sim.process('late', async () => {
      ran = true;
    });
    process.interrupt();
    await sim.run();
    expect(ran).toBe(false);
    expect(process.state).toBe('finished');
    expect(process.interrupted).toBe(true);
  });

  it('ends a process that lets the Interrupt escape as finished, not failed', async () => {
    const sim = new Simulation();
    const process = sim.process('p', async (p) => {
      await p.sleep(10);
    });
    sim.schedule(1, () => process.interrupt());
    await expect(sim.run()).resolves.toBeUndefined();
    expect(process.state).toBe('finished');
    expect(process.interrupted).toBe(true);
  });

  it('has no effect on a process that has ended', async () => {
    const sim = new Simulation();
    const process = sim.process('p', async (p) => {
      await p.sleep(1);
    });
    await sim.run();
    process.interrupt();
    expect(process.state).toBe('finished');
    expect(process.interrupted).toBe(false);
  });

  it('re-arms the wall-clock wait when the sleep it waited for is cut short', async () => {
    // A fake wall clock: timers fire only when the test says so.
    const wallMs = 0;
    const pending = new Map<number, { at: number; callback: () => void }>();
    let nextId = 1;
    const timers: Timers = {
      setTimeout: (callback, ms) => {
        const id = nextId++;
        pending.set(id, { at: wallMs + ms, callback });
        return id;
      },
      clearTimeout: (handle) => void pending.delete(handle as number),
      setImmediate: (callback) => setImmediate(callback),
      setInterval: () => 0,
      clearInterval: () => {},
    };
    const sim = new Simulation({ pacing: new WallClockPacing({ speed: 1, now: () => wallMs }), timers });
    const sleeper = sim.process('sleeper', async (p) => {
      await p.sleep(3600);
    });
    const done = sim.run();
    await Promise.resolve();
    expect([...pending.values()].map((t) => t.at)).toEqual([3_600_000]);
    sleeper.interrupt();
    await done; // ends without any timer firing
    expect(pending.size).toBe(0);
    expect(sim.status).toBe('finished');
  });
});
