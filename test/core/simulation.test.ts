import { DeadlockError, ProcessFailedError, StalledError } from '../../src/core/errors.js';
import { AsyncQueue } from '../../src/core/queue.js';
import { Simulation } from '../../src/core/simulation.js';

describe('Simulation', () => {
  test('virtual time advances by sleeps without waiting on the wall clock', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.process('a', async (p) => {
      await p.sleep(1000);
      log.push(`a@${sim.now}`);
    });
    await sim.run();
    expect(log).toEqual(['a@1000']);
    expect(sim.status).toBe('finished');
  });

  test('processes due at the same time run in the order they were scheduled', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    for (const name of ['x', 'y', 'z']) {
      sim.process(name, async (p) => {
        await p.sleep(1);
        log.push(name);
        await p.sleep(1);
        log.push(name);
      });
    }
    await sim.run();
    expect(log).toEqual(['x', 'y', 'z', 'x', 'y', 'z']);
  });

  test('sleep(0) lets the other processes due now run first', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.process('a', async (p) => {
      log.push('a1');
      await p.sleep(0);
      log.push('a2');
    });
    sim.process('b', async () => {
      log.push('b');
    });
    await sim.run();
    expect(log).toEqual(['a1', 'b', 'a2']);
  });

  test('scheduled callbacks fire at their time and can be cancelled', async () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.schedule(2, () => log.push(sim.now));
    const cancelled = sim.schedule(1, () => log.push(-1));
    cancelled.cancel();
    await sim.run();
    expect(log).toEqual([2]);
  });

  test('nested async helpers inside a process keep the clock correct', async () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.process('a', async (p) => {
      const work = async (d: number): Promise<void> => {
        await p.sleep(d);
        await p.sleep(d);
      };
      await work(1);
      await work(2);
      log.push(sim.now);
    });
    await sim.run();
    expect(log).toEqual([6]);
  });

  test('a deadlock stops the run with an error naming each waiting process and what it waits on', async () => {
    const sim = new Simulation();
    const q = new AsyncQueue<number>({ name: 'jobs' });
    sim.process('Fred', async (p) => {
      await q.get(p);
    });
    sim.process('George', async (p) => {
      await p.sleep(3);
      await q.get(p);
    });
    const error = await sim.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeadlockError);
    expect((error as DeadlockError).message).toContain('Fred (get from jobs)');
    expect((error as DeadlockError).message).toContain('George (get from jobs)');
    expect((error as DeadlockError).time).toBe(3);
    expect((error as DeadlockError).exitCode).toBe(1);
  });

  test('a process awaiting a plain Promise is reported as stalled instead of hanging', async () => {
    const sim = new Simulation({ stallCheckMs: 10 });
    sim.process('sneaky', async (p) => {
      await p.sleep(1);
      await new Promise<void>(() => {}); // never settles and the engine cannot see it
    });
    const error = await sim.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StalledError);
    expect((error as StalledError).stalled).toEqual(['sneaky']);
  });

  test('a process that throws stops the run with an error naming it', async () => {
    const sim = new Simulation();
    sim.process('broken', async (p) => {
      await p.sleep(2);
      throw new Error('boom');
    });
    const error = await sim.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProcessFailedError);
    expect((error as Error).message).toBe('process broken failed at t=2s: boom');
  });

  test('sleep rejects negative, NaN and infinite durations', () => {
    const sim = new Simulation();
    sim.process('a', async (p) => {
      expect(() => p.sleep(-1)).toThrow(/sleep/);
      expect(() => p.sleep(NaN)).toThrow(/sleep/);
      expect(() => p.sleep(Infinity)).toThrow(/sleep/);
    });
    return sim.run();
  });

  test('yields to the host event loop during long instant runs', async () => {
    const sim = new Simulation({ yieldEvery: 10 });
    let immediates = 0;
    const tick = (): void => {
      immediates++;
      if (sim.status === 'running') setImmediate(tick);
    };
    setImmediate(tick);
    sim.process('a', async (p) => {
      for (let i = 0; i < 1000; i++) await p.sleep(1);
    });
    await sim.run();
    expect(immediates).toBeGreaterThan(10);
  });

  test('a simulation runs only once', async () => {
    const sim = new Simulation();
    await sim.run();
    expect(() => sim.run()).toThrow(/only once/);
  });
});
