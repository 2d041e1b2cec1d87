import { WallClockPacing } from '../../src/core/pacing.js';
import { AsyncQueue } from '../../src/core/queue.js';
import type { Process, ProcessGenerator } from '../../src/core/process.js';
import { Simulation } from '../../src/core/simulation.js';
import type { Timers } from '../../src/core/timers.js';

/** Fake host timers that record what the engine asks for; immediates run for real, timeouts never fire. */
function recordingTimers() {
  const timeouts: number[] = [];
  let immediates = 0;
  const timers: Timers = {
    setTimeout: (_callback, ms) => {
      timeouts.push(ms);
      return timeouts.length;
    },
    clearTimeout: () => {},
    setImmediate: (callback) => {
      immediates++;
      return setImmediate(callback);
    },
    setInterval: () => 0,
    clearInterval: () => {},
  };
  return { timers, timeouts, immediates: () => immediates };
}

describe('wall-clock pacing', () => {
  it('yields to the host event loop while it runs behind the wall clock, so signals and errors get through', async () => {
    const { timers, immediates } = recordingTimers();
    // The run starts at wall time 0, then the wall clock is far ahead: every event is already due
    // (as with a very high --speed).
    let reads = 0;
    const pacing = new WallClockPacing({ speed: 1, now: () => (reads++ === 0 ? 0 : 1e15) });
    const sim = new Simulation({ pacing, timers, yieldEvery: 10 });
    sim.process('ticker', async (p) => {
      for (let i = 0; i < 100; i++) await p.sleep(1);
    });
    await sim.run();
    expect(sim.now).toBe(100);
    expect(immediates()).toBeGreaterThanOrEqual(9);
  });

  it('never asks the host for a timeout longer than it accepts (2^31 - 1 ms); it waits in steps', async () => {
    const { timers, timeouts } = recordingTimers();
    const sim = new Simulation({ pacing: new WallClockPacing({ speed: 1, now: () => 0 }), timers });
    sim.process('patient', async (p) => {
      await p.sleep(1e9); // 31 years
    });
    void sim.run();
    await Promise.resolve();
    expect(timeouts).toEqual([2 ** 31 - 1]);
    sim.stop();
  });
});

describe('wall-clock pacing and work from outside the engine', () => {
  it.each(['async', 'generator'] as const)(
    'a process interrupted from outside that then sleeps plans the wall-clock wait anew (%s)',
    async (style) => {
      const { timers, timeouts } = recordingTimers();
      const sim = new Simulation({ pacing: new WallClockPacing({ speed: 1, now: () => 0 }), timers });
      const jobs = new AsyncQueue<number>({ name: 'jobs' }); // nobody puts: a waits until interrupted
      const a =
        style === 'async'
          ? sim.process('a', async (p: Process) => {
              try {
                await jobs.get(p);
              } catch {
                await p.sleep(3);
              }
            })
          : sim.process('a', function* (p): ProcessGenerator {
              try {
                yield jobs.getStep(p);
              } catch {
                yield p.sleepStep(3);
              }
            });
      sim.process('b', async (p) => {
        await p.sleep(50);
      });
      void sim.run();
      await new Promise((resolve) => setImmediate(resolve));
      expect(timeouts).toEqual([50_000]); // b's event, the first due
      a.interrupt(); // from outside the engine, as a signal handler would
      await new Promise((resolve) => setImmediate(resolve));
      expect(timeouts).toEqual([50_000, 3_000]); // planned again for a's new sleep, which comes first
      sim.stop();
    },
  );

  it('a callback scheduled from outside plans the wall-clock wait anew when it comes first', async () => {
    const { timers, timeouts } = recordingTimers();
    const sim = new Simulation({ pacing: new WallClockPacing({ speed: 1, now: () => 0 }), timers });
    sim.process('b', async (p) => {
      await p.sleep(50);
    });
    void sim.run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timeouts).toEqual([50_000]);
    const fired: string[] = [];
    const cancelled = sim.schedule(0, () => fired.push('cancelled')); // from outside, as a signal handler would
    sim.schedule(2, () => fired.push('later'));
    cancelled.cancel(); // still possible: nothing fires within schedule()
    expect(fired).toEqual([]);
    await Promise.resolve();
    expect(timeouts).toEqual([50_000, 2_000]); // planned again, once the scheduling code has finished
    sim.stop();
  });
});
