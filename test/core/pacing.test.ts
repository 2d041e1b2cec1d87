import { WallClockPacing } from '../../src/core/pacing.js';
import { Simulation } from '../../src/core/simulation.js';
import type { Timers } from '../../src/core/timers.js';

/** A fake wall clock whose timers fire late by `lateness` ms, to show that lateness never accumulates. */
class FakeWallClock implements Timers {
  now = 1000;
  readonly requested: number[] = [];
  #pending: { at: number; callback: () => void } | undefined;
  constructor(readonly lateness: number) {}

  setTimeout(callback: () => void, ms: number): unknown {
    this.requested.push(ms);
    this.#pending = { at: this.now + ms + this.lateness, callback };
    return 1;
  }
  clearTimeout(): void {
    this.#pending = undefined;
  }
  setImmediate(callback: () => void): unknown {
    queueMicrotask(callback);
    return 1;
  }
  setInterval(): unknown {
    return 1;
  }
  clearInterval(): void {}

  /** Fires the pending timer after moving the clock to its (late) due time. */
  fire(): boolean {
    const pending = this.#pending;
    if (!pending) return false;
    this.#pending = undefined;
    this.now = pending.at;
    pending.callback();
    return true;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('WallClockPacing', () => {
  test('the wait before each event is computed from the run start, so timer lateness does not accumulate', async () => {
    const clock = new FakeWallClock(7);
    const pacing = new WallClockPacing({ speed: 2, now: () => clock.now });
    const sim = new Simulation({ pacing, timers: clock });
    const wallAtEvent: number[] = [];
    sim.process('ticker', async (p) => {
      for (let i = 0; i < 10; i++) {
        await p.sleep(1); // 1 virtual second = 500 ms at speed 2
        wallAtEvent.push(clock.now - 1000);
      }
    });
    const done = sim.run();
    await settle();
    while (clock.fire()) await settle();
    await done;
    // The first wait is the full 500 ms; every later one is shortened by the 7 ms the previous timer was late.
    expect(clock.requested[0]).toBe(500);
    expect(clock.requested.slice(1)).toEqual(Array(9).fill(493));
    // Event k fires 7 ms after k × 500 ms, never 7 × k ms late.
    expect(wallAtEvent).toEqual(Array.from({ length: 10 }, (_, k) => (k + 1) * 500 + 7));
  });

  test('events due at the same virtual time fire without waiting again', async () => {
    const clock = new FakeWallClock(0);
    const sim = new Simulation({ pacing: new WallClockPacing({ speed: 1, now: () => clock.now }), timers: clock });
    sim.process('a', async (p) => {
      await p.sleep(1);
    });
    sim.process('b', async (p) => {
      await p.sleep(1);
    });
    const done = sim.run();
    await settle();
    while (clock.fire()) await settle();
    await done;
    expect(clock.requested).toEqual([1000]);
  });

  test('setSpeed re-anchors the clock so later events follow the new speed without a jump', () => {
    let now = 0;
    const pacing = new WallClockPacing({ speed: 1, now: () => now });
    pacing.start();
    now = 2000; // at virtual time 2
    pacing.setSpeed(4, 2);
    expect(pacing.msUntil(2)).toBe(0);
    expect(pacing.msUntil(6)).toBe(1000);
  });

  test('catchUp: no target waits any more, a paused clock goes on, and the change is announced', () => {
    let now = 0;
    const pacing = new WallClockPacing({ speed: 1, now: () => now });
    let changes = 0;
    pacing.onChange(() => changes++);
    pacing.start();
    now = 2000;
    pacing.pause();
    expect(pacing.msUntil(3600)).toBe(Infinity);
    pacing.catchUp(2);
    expect(changes).toBe(2);
    expect(pacing.paused).toBe(false);
    expect(pacing.msUntil(3600)).toBe(0);
    expect(pacing.virtualTime()).toBe(3600); // the event it fires next
  });

  test('rejects a speed that is not a positive finite number', () => {
    expect(() => new WallClockPacing({ speed: 0 })).toThrow(/speed/);
    expect(() => new WallClockPacing({ speed: Infinity })).toThrow(/speed/);
  });

  test('gives the same event order as instant pacing', async () => {
    const trace = async (pacing?: WallClockPacing, clock?: FakeWallClock): Promise<string[]> => {
      const sim = new Simulation(pacing && clock ? { pacing, timers: clock } : {});
      const log: string[] = [];
      for (const [name, step] of [['a', 0.3], ['b', 0.5], ['c', 0.2]] as const) {
        sim.process(name, async (p) => {
          for (let i = 0; i < 5; i++) {
            await p.sleep(step);
            log.push(`${name}@${sim.now.toFixed(1)}`);
          }
        });
      }
      const done = sim.run();
      if (clock) {
        await settle();
        while (clock.fire()) await settle();
      }
      await done;
      return log;
    };
    const clock = new FakeWallClock(3);
    const paced = await trace(new WallClockPacing({ speed: 1, now: () => clock.now }), clock);
    expect(paced).toEqual(await trace());
  });
});

/** A fake wall clock that moves only when told to, firing the engine's timer when it comes due. */
class SteppingClock implements Timers {
  now = 0;
  readonly requested: number[] = [];
  #pending: { at: number; callback: () => void } | undefined;

  get armed(): boolean {
    return this.#pending !== undefined;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.requested.push(ms);
    this.#pending = { at: this.now + ms, callback };
    return 1;
  }
  clearTimeout(): void {
    this.#pending = undefined;
  }
  immediates = 0;
  setImmediate(callback: () => void): unknown {
    this.immediates++;
    queueMicrotask(callback);
    return 1;
  }
  setInterval(): unknown {
    return 1;
  }
  clearInterval(): void {}

  /** Moves the clock on by `ms`, firing every timer that comes due on the way, at its due time. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (let pending = this.#pending; pending !== undefined && pending.at <= target; pending = this.#pending) {
      this.#pending = undefined;
      this.now = Math.max(this.now, pending.at);
      pending.callback();
      await settle();
    }
    this.now = Math.max(this.now, target);
  }
}

/** Three processes sleeping different steps; the trace lists who woke when. */
function tracedSimulation(options: ConstructorParameters<typeof Simulation>[0] = {}): { sim: Simulation; log: string[] } {
  const sim = new Simulation(options);
  const log: string[] = [];
  for (const [name, step] of [['a', 0.3], ['b', 0.5], ['c', 0.2]] as const) {
    sim.process(name, async (p) => {
      for (let i = 0; i < 8; i++) {
        await p.sleep(step);
        log.push(`${name}@${sim.now.toFixed(1)}`);
      }
    });
  }
  return { sim, log };
}

describe('WallClockPacing pause and resume', () => {
  test('pausing holds virtual time still; resuming goes on from there without a jump', () => {
    let now = 0;
    const pacing = new WallClockPacing({ speed: 2, now: () => now });
    pacing.start();
    now = 1500; // virtual 3 s
    pacing.pause();
    expect(pacing.paused).toBe(true);
    expect(pacing.virtualTime()).toBe(3);
    expect(pacing.msUntil(3.5)).toBe(Infinity);
    now = 60_000; // a minute of wall time passes while paused
    expect(pacing.virtualTime()).toBe(3);
    pacing.resume();
    expect(pacing.paused).toBe(false);
    expect(pacing.virtualTime()).toBe(3);
    expect(pacing.msUntil(3.5)).toBe(250); // the half second left, at speed 2, as before the pause
  });

  test('a speed set while paused applies from the pause point on resume', () => {
    let now = 0;
    const pacing = new WallClockPacing({ speed: 1, now: () => now });
    pacing.start();
    now = 2000;
    pacing.pause();
    now = 9000;
    pacing.setSpeed(4, pacing.virtualTime());
    expect(pacing.virtualTime()).toBe(2);
    expect(pacing.msUntil(3)).toBe(Infinity);
    now = 10_000;
    pacing.resume();
    expect(pacing.msUntil(3)).toBe(250);
  });

  test('pause, resume and setSpeed notify change listeners until they unsubscribe; repeats are no-ops', () => {
    const pacing = new WallClockPacing({ speed: 1, now: () => 0 });
    pacing.start();
    let calls = 0;
    const unsubscribe = pacing.onChange(() => calls++);
    pacing.pause();
    pacing.pause();
    pacing.resume();
    pacing.resume();
    pacing.setSpeed(2, 0);
    expect(calls).toBe(3);
    unsubscribe();
    pacing.pause();
    expect(calls).toBe(3);
  });

  test('virtual time never runs past the event the engine fires or waits for next', () => {
    let now = 0;
    const pacing = new WallClockPacing({ speed: 1, now: () => now });
    pacing.start();
    now = 1500;
    expect(pacing.virtualTime()).toBe(1.5);
    pacing.msUntil(2); // the engine waits for an event at 2 s
    expect(pacing.virtualTime()).toBe(1.5);
    now = 9000; // the engine lags: it has not got past 2 s
    expect(pacing.virtualTime()).toBe(2);
    pacing.msUntil(8);
    expect(pacing.virtualTime()).toBe(8);
  });

  test('virtual time is 0 before the run starts', () => {
    const pacing = new WallClockPacing({ speed: 1, now: () => 12_345 });
    expect(pacing.virtualTime()).toBe(0);
  });

  test('the engine fires nothing while paused, arms no timer, and goes on after resume without a jump', async () => {
    const clock = new SteppingClock();
    const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
    const { sim, log } = tracedSimulation({ pacing, timers: clock });
    const done = sim.run();
    await settle();
    await clock.advance(700); // a@0.3, c@0.2, c@0.4, b@0.5, a@0.6, c@0.6
    const before = [...log];
    expect(before).toHaveLength(6);
    pacing.pause();
    expect(clock.armed).toBe(false);
    await clock.advance(10_000);
    expect(log).toEqual(before);
    expect(sim.now).toBeCloseTo(0.6);
    pacing.resume();
    // The next event (c@0.8) was 100 ms away when paused, and is 100 ms away again.
    expect(clock.requested.at(-1)).toBeCloseTo(100);
    await clock.advance(99);
    expect(log).toEqual(before);
    await clock.advance(1);
    expect(log.slice(before.length)).toEqual(['c@0.8']);
    pacing.pause();
    pacing.resume();
    await clock.advance(100_000);
    await done;
    expect(sim.status).toBe('finished');
  });

  test('pauses and speed changes do not reorder events: the trace equals an instant run', async () => {
    const instant = tracedSimulation();
    await instant.sim.run();

    const clock = new SteppingClock();
    const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
    const paced = tracedSimulation({ pacing, timers: clock });
    const done = paced.sim.run();
    await settle();
    const steps: (() => void)[] = [
      () => pacing.pause(),
      () => pacing.setSpeed(8, pacing.virtualTime()),
      () => pacing.resume(),
      () => pacing.setSpeed(0.25, pacing.virtualTime()),
      () => pacing.pause(),
      () => pacing.setSpeed(3, pacing.virtualTime()),
      () => pacing.resume(),
    ];
    for (const step of steps) {
      await clock.advance(137);
      step();
    }
    await clock.advance(1_000_000);
    await done;
    expect(paced.log).toEqual(instant.log);
    expect(paced.log).toHaveLength(24);
  });

  test('catching up with overdue events, the engine yields to the event loop every yieldEvery events', async () => {
    const instant = tracedSimulation();
    await instant.sim.run();
    const clock = new SteppingClock();
    const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
    const paced = tracedSimulation({ pacing, timers: clock, yieldEvery: 5 });
    const done = paced.sim.run();
    await settle();
    expect(clock.requested).toEqual([200]); // waiting for c@0.2
    clock.now = 1_000_000; // the machine stalled: every event is overdue at once
    await clock.advance(0);
    await done;
    expect(paced.log).toEqual(instant.log);
    expect(clock.immediates).toBeGreaterThanOrEqual(Math.floor(24 / 5));
    expect(clock.requested).toEqual([200]);
  });

  test('a pacing change while a yield is pending waits for the yield, then plans from the new pacing', async () => {
    const clock = new SteppingClock();
    const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
    const { sim, log } = tracedSimulation({ pacing, timers: clock, yieldEvery: 2 });
    const done = sim.run(); // fires the first event at once, then yields
    pacing.pause();
    await settle();
    expect(clock.armed).toBe(false);
    const seen = log.length;
    await clock.advance(10_000);
    expect(log).toHaveLength(seen);
    pacing.resume();
    await clock.advance(1_000_000);
    await done;
    expect(log).toHaveLength(24);
  });

  test('a wait longer than the host timer limit is armed at the limit, not fired at once', async () => {
    const clock = new SteppingClock();
    const sim = new Simulation({ pacing: new WallClockPacing({ speed: 1, now: () => clock.now }), timers: clock });
    sim.process('sleeper', async (p) => {
      await p.sleep(1e7); // about 116 days
    });
    const done = sim.run();
    await settle();
    expect(clock.requested).toEqual([2 ** 31 - 1]);
    await clock.advance(1e10);
    await done;
    expect(sim.now).toBe(1e7);
  });
});
