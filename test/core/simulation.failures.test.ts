import { DeadlockError, ProcessFailedError } from '../../src/core/errors.js';
import { AsyncQueue } from '../../src/core/queue.js';
import { Simulation } from '../../src/core/simulation.js';

describe('a run that cannot finish', () => {
  it('deadlock: names each waiting worker and what it waits on', async () => {
    const sim = new Simulation();
    const jobs = new AsyncQueue<number>({ name: 'jobs' });
    const results = new AsyncQueue<number>({ name: 'results', capacity: 1 });
    results.putNowait(0);
    sim.process('Fred', async (p) => {
      await jobs.get(p); // nobody ever puts into jobs
    });
    sim.process('George', async (p) => {
      await p.sleep(2);
      await results.put(p, 1); // results is full and nobody takes from it
    });
    sim.process('Ginny', async (p) => {
      await results.join(p);
    });
    const error = await sim.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeadlockError);
    const deadlock = error as DeadlockError;
    expect(deadlock.exitCode).toBe(1);
    expect(deadlock.time).toBe(2);
    expect(deadlock.waiting).toEqual([
      { name: 'Fred', waitingOn: 'get from jobs' },
      { name: 'George', waitingOn: 'put into results (full)' },
      { name: 'Ginny', waitingOn: 'join results' },
    ]);
    expect(deadlock.message).toBe(
      'deadlock at t=2s: every process is waiting and nothing is scheduled: ' +
        'Fred (get from jobs), George (put into results (full)), Ginny (join results)',
    );
  });

  it('a process that throws stops the run with ProcessFailedError naming it, and no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const sim = new Simulation();
      let otherRan = false;
      sim.process('Fred', async (p) => {
        await p.sleep(1.5);
        throw new Error('disk on fire');
      });
      sim.process('George', async (p) => {
        await p.sleep(5);
        otherRan = true;
      });
      const error = await sim.run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProcessFailedError);
      expect((error as ProcessFailedError).processName).toBe('Fred');
      expect((error as Error).message).toBe('process Fred failed at t=1.5s: disk on fire');
      expect(sim.status).toBe('failed');
      await new Promise((resolve) => setImmediate(resolve));
      expect(otherRan).toBe(false);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('an engine error raised inside a process still names the process', async () => {
    const sim = new Simulation();
    const queue = new AsyncQueue<number>({ name: 'jobs' });
    queue.shutdown();
    sim.process('producer-1', async (p) => {
      await queue.put(p, 1);
    });
    await expect(sim.run()).rejects.toThrow(
      'process producer-1 failed at t=0s: queue jobs is shut down; nothing more can be put into it',
    );
  });

  it('a process that throws synchronously (not async) fails the same way', async () => {
    const sim = new Simulation();
    sim.process('sync', () => {
      throw new TypeError('boom');
    });
    await expect(sim.run()).rejects.toThrow('process sync failed at t=0s: boom');
  });

  it.each([
    [{ code: 42 }, '{"code":42}'],
    ['out of coffee', 'out of coffee'],
    [{}, '[object Object]'],
    [{ code: 1, toString: () => 'its own words' }, 'its own words'],
    [{ body: 'x'.repeat(500) }, `{"body":"${'x'.repeat(190)}…`],
    [{ toString: (): string => { throw new Error('boom'); } }, 'an object that cannot be shown'],
  ])('a process that throws %j, not an Error, is described by its value', async (thrown, described) => {
    const sim = new Simulation();
    sim.process('odd', () => {
      throw thrown; // eslint-disable-line @typescript-eslint/only-throw-error -- what a model might do
    });
    await expect(sim.run()).rejects.toThrow(`process odd failed at t=0s: ${described}`);
  });
});
