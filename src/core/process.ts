import { InvalidArgumentError } from './errors.js';
import type { ScheduledEvent } from './event-heap.js';

/** What a process needs from the engine that runs it. */
export interface ProcessHost {
  readonly now: number;
  /** Puts `event` on the calendar at `event.time`, assigning its sequence number. */
  enqueue(event: ScheduledEvent): void;
  /** A running process has suspended on an engine primitive. */
  processBlocked(): void;
  /** A suspended process has been made runnable. */
  processWoken(): void;
  processFinished(process: Process): void;
  processFailed(process: Process, error: unknown): void;
}

export type ProcessState = 'scheduled' | 'running' | 'sleeping' | 'waiting' | 'finished' | 'failed';

export type ProcessBody = (process: Process) => Promise<void> | void;

/**
 * A simulated process: an async function that waits only through the engine's
 * primitives (`sleep`, queue `get`/`put`/`join`). While it runs, it counts as
 * active; the engine moves virtual time on only when no process is active.
 */
export class Process implements ScheduledEvent {
  time = 0;
  seq = 0;
  state: ProcessState = 'scheduled';
  /** What the process waits on, for deadlock and stall reports. */
  waitingOn = 'its start';
  #resolve: ((value: unknown) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  readonly #host: ProcessHost;
  readonly #body: ProcessBody;

  constructor(host: ProcessHost, readonly name: string, body: ProcessBody) {
    this.#host = host;
    this.#body = body;
  }

  /** Current virtual time in seconds. */
  get now(): number {
    return this.#host.now;
  }

  /** Suspends this process for `seconds` of virtual time (0 yields to the others due now). */
  sleep(seconds: number): Promise<void> {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      throw new InvalidArgumentError(`sleep expects a finite number of seconds >= 0, got ${seconds}`);
    }
    this.time = this.#host.now + seconds;
    this.#host.enqueue(this);
    return this.suspend<void>('sleeping', 'sleep');
  }

  /** Called by the engine when this process's calendar entry comes due: it starts, or wakes from sleep. */
  fire(): void {
    if (this.state === 'scheduled') this.#start();
    else this.resume(undefined);
  }

  /**
   * Engine-internal: suspends the process on a primitive. The promise settles
   * through `resume` or `throwInto`.
   */
  suspend<T>(state: 'sleeping' | 'waiting', waitingOn: string): Promise<T> {
    const promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve as (value: unknown) => void;
      this.#reject = reject;
    });
    this.state = state;
    this.waitingOn = waitingOn;
    this.#host.processBlocked();
    return promise;
  }

  /** Engine-internal: makes a suspended process runnable with `value`. */
  resume(value: unknown): void {
    const resolve = this.#resolve;
    this.#resolve = this.#reject = undefined;
    this.state = 'running';
    this.#host.processWoken();
    resolve?.(value);
  }

  /** Engine-internal: makes a suspended process runnable by throwing `error` at its await. */
  throwInto(error: unknown): void {
    const reject = this.#reject;
    this.#resolve = this.#reject = undefined;
    this.state = 'running';
    this.#host.processWoken();
    reject?.(error);
  }

  #start(): void {
    this.state = 'running';
    this.#host.processWoken();
    let result: Promise<void> | void;
    try {
      result = this.#body(this);
    } catch (error) {
      result = Promise.reject(error);
    }
    Promise.resolve(result).then(
      () => {
        this.state = 'finished';
        this.#host.processFinished(this);
      },
      (error: unknown) => {
        this.state = 'failed';
        this.#host.processFailed(this, error);
      },
    );
  }
}
