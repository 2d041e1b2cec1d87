import type { ScheduledEvent } from '../core/event-heap.js';
import type { ProcessRuntime } from './process-runtime.js';

/**
 * One wait of one model process: what `await q.get()`, `await p.sleep(1)` or
 * `await p.anyOf(…)` suspends on.
 *
 * The engine moves virtual time only when no process runs, and learns that
 * from its counters (processBlocked, processWoken), which need no identity: a
 * Waiter is their unit. Its process reports processBlocked once when the
 * waiter is armed (ProcessRuntime.wait), and the first of wake() or fail()
 * reports processWoken once and settles the promise the process awaits; later
 * calls do nothing, so a waiter armed on several events (any-of, a timeout)
 * wakes exactly once.
 *
 * A sleeping waiter is itself the calendar entry: fire() wakes it.
 */
export class Waiter<T> implements ScheduledEvent {
  time = 0;
  seq = 0;
  readonly promise: Promise<T>;
  #resolve: ((value: T) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #settled = false;

  constructor(readonly owner: ProcessRuntime) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** The calendar entry came due (a sleep): wake with no value. */
  fire(): void {
    this.wake(undefined as T);
  }

  /** Makes the process runnable with `value`; false when it was already woken. */
  wake(value: T): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.owner.woken();
    (this.#resolve as (value: T) => void)(value);
    return true;
  }

  /** Makes the process runnable by throwing `error` at its await; false when it was already woken. */
  fail(error: unknown): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.owner.woken();
    (this.#reject as (error: unknown) => void)(error);
    return true;
  }
}
