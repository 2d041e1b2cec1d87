/**
 * Pacing decides how virtual time relates to the wall clock. It never changes
 * the order of events, only how long the engine waits before firing the next
 * one, so every pacing of a seeded run produces the same events.
 */
export interface Pacing {
  readonly paced: boolean;
  /** Called once, when the run starts. */
  start(): void;
  /**
   * Wall-clock milliseconds still to wait before virtual time may reach `time`
   * (in seconds); zero or less when it is due.
   */
  msUntil(time: number): number;
}

/** Virtual time only: the engine never waits. */
export const instantPacing: Pacing = {
  paced: false,
  start() {},
  msUntil() {
    return 0;
  },
};

export interface WallClockOptions {
  /** Virtual seconds per wall second: 1 is real time, 10 is ten times faster. */
  speed: number;
  /** A monotonic wall clock in milliseconds; `performance.now` by default. */
  now?: () => number;
}

/**
 * Real time scaled by a speed factor. Each target is computed from the run's
 * start (start + time / speed), never from the previous event, so timer
 * lateness does not accumulate into drift.
 */
export class WallClockPacing implements Pacing {
  readonly paced = true;
  #speed: number;
  #now: () => number;
  /** Wall time (ms) that corresponds to virtual time 0. */
  #origin = 0;

  constructor(options: WallClockOptions) {
    if (!(options.speed > 0) || !Number.isFinite(options.speed)) {
      throw new RangeError(`speed must be a finite number above 0, got ${options.speed}`);
    }
    this.#speed = options.speed;
    this.#now = options.now ?? (() => performance.now());
  }

  get speed(): number {
    return this.#speed;
  }

  start(): void {
    this.#origin = this.#now();
  }

  msUntil(time: number): number {
    return this.#origin + (time * 1000) / this.#speed - this.#now();
  }

  /**
   * Changes the speed from virtual time `at` on: the origin moves so that `at`
   * maps to the wall time of now, and later targets follow the new speed
   * without a jump.
   */
  setSpeed(speed: number, at: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a finite number above 0, got ${speed}`);
    this.#speed = speed;
    this.#origin = this.#now() - (at * 1000) / speed;
  }
}
