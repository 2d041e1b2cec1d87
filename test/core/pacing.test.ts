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
