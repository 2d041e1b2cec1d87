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
   * (in seconds); zero or less when it is due; Infinity while virtual time is
   * held (paused), in which case the pacing must call its change listener when
   * it lets time go on again.
   */
  msUntil(time: number): number;
  /**
   * Registers `listener` to be called whenever the answers of `msUntil` change
   * other than by the wall clock moving on (pause, resume, a new speed), so the
   * engine can re-plan its wait. Returns a function that unregisters it.
   */
  onChange?(listener: () => void): () => void;
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
 *
 * It can be paused: virtual time then stands still at the moment of the pause
 * (`msUntil` answers Infinity) and, on resume, the origin is re-anchored so
 * virtual time goes on from where it stood, without a jump. Pausing and speed
 * changes only move the wall-clock targets; the order of events never changes.
 */
export class WallClockPacing implements Pacing {
  readonly paced = true;
  #speed: number;
  #now: () => number;
  /** Wall time (ms) that corresponds to virtual time 0. */
  #origin = 0;
  #started = false;
  /** The virtual time at which time stands still; undefined while running. */
  #pausedAt: number | undefined;
  /** The latest time the engine asked about: the event it fires or waits for next. */
  #horizon = Infinity;
  /** Set by catchUp(): the virtual time from which no target waits. */
  #caughtUpAt: number | undefined;
  readonly #listeners = new Set<() => void>();

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

  get paused(): boolean {
    return this.#pausedAt !== undefined;
  }

  start(): void {
    this.#origin = this.#now();
    this.#started = true;
  }

  msUntil(time: number): number {
    this.#horizon = time;
    if (this.#caughtUpAt !== undefined) return 0;
    if (this.#pausedAt !== undefined) return Infinity;
    return this.#origin + (time * 1000) / this.#speed - this.#now();
  }

  /**
   * How far virtual time has got (seconds): where the wall clock stands, but
   * never past the event the engine fires or waits for next, so a run that
   * lags behind its wall clock (too fast for the machine) shows where it
   * really is. 0 before the start, still while paused. The engine's time moves
   * in steps from event to event; this moves continuously, for displays.
   */
  virtualTime(): number {
    if (!this.#started) return 0;
    if (this.#caughtUpAt !== undefined) return Math.max(this.#caughtUpAt, this.#horizon === Infinity ? 0 : this.#horizon);
    if (this.#pausedAt !== undefined) return this.#pausedAt;
    return Math.max(0, Math.min(this.#horizon, ((this.#now() - this.#origin) * this.#speed) / 1000));
  }

  /** Holds virtual time still where the wall clock has brought it; no effect when already paused. */
  pause(): void {
    if (this.#pausedAt !== undefined) return;
    this.#pausedAt = this.virtualTime();
    this.#changed();
  }

  /** Lets virtual time go on from where it was paused, without a jump; no effect when not paused. */
  resume(): void {
    const at = this.#pausedAt;
    if (at === undefined) return;
    this.#pausedAt = undefined;
    if (this.#started) this.#origin = this.#now() - (at * 1000) / this.#speed;
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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
    if (this.#pausedAt !== undefined) this.#pausedAt = at;
    this.#changed();
  }

  /**
   * From virtual time `at` on, no target waits: the events left fire as fast
   * as they can, in the same order (a SIGTERM's graceful stop finishes the
   * items in hand at once: a process manager does not wait long). Resumes a
   * paused clock; virtual time then reads as the next event's.
   */
  catchUp(at: number): void {
    this.#pausedAt = undefined;
    this.#caughtUpAt = at;
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
