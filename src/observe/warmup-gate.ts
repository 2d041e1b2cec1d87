import type { RunFinished, RunObserver } from '../model/events.js';

/**
 * Calls `open(at)` once, before the first event at or after virtual time
 * `at` reaches the observers behind it (or at the end of a run that stops
 * earlier, with the end time). Attach it in front of the observer it resets;
 * after it has opened, each event costs one comparison with Infinity.
 */
export class WarmupGate implements RunObserver {
  #at: number;
  readonly #open: (time: number) => void;

  constructor(at: number, open: (time: number) => void) {
    this.#at = at;
    this.#open = open;
  }

  #check(time: number): void {
    if (time >= this.#at) {
      const at = this.#at;
      this.#at = Infinity;
      this.#open(at);
    }
  }

  putBlocked(time: number): void {
    this.#check(time);
  }

  putAbandoned(time: number): void {
    this.#check(time);
  }

  itemPut(time: number): void {
    this.#check(time);
  }

  itemDropped(time: number): void {
    this.#check(time);
  }

  itemGot(time: number): void {
    this.#check(time);
  }

  itemProcessed(time: number): void {
    this.#check(time);
  }

  itemFailed(time: number): void {
    this.#check(time);
  }

  runFinished(finished: RunFinished): void {
    if (this.#at !== Infinity) {
      const at = Math.min(this.#at, finished.time);
      this.#at = Infinity;
      this.#open(at);
    }
  }
}
