import { Interrupt, InvalidArgumentError } from './errors.js';
import type { ScheduledEvent } from './event-heap.js';

/** What a process needs from the engine that runs it. */
export interface ProcessHost {
  readonly now: number;
  /** Puts `event` on the calendar at `event.time`, assigning its sequence number. */
  enqueue(event: ScheduledEvent): void;
  /** Takes `event` off the calendar (an interrupted sleep). */
  cancel(event: ScheduledEvent): void;
  /** `process`, running, has suspended on an engine primitive. */
  processBlocked(process: Process): void;
  /** `process`, suspended, has been made runnable. */
  processWoken(process: Process): void;
  processFinished(process: Process): void;
  processFailed(process: Process, error: unknown): void;
}

/**
 * A primitive a process can wait on other than sleep (a queue). When the wait
 * is interrupted, the primitive must forget the process, so that it never
 * wakes it later.
 */
export interface Waitable {
  cancelWait(process: Process): void;
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
  /** True once an Interrupt ended the process (it let the Interrupt escape, or never started). */
  interrupted = false;
  #resolve: ((value: unknown) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  /** The primitive (other than sleep) the process last suspended on; read only while it is 'waiting'. */
  #waitable: Waitable | undefined;
  /** An interrupt that arrived while the process ran; delivered at its next suspension. */
  #pendingInterrupt: Interrupt | undefined;
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

  /**
   * Interrupts the process, as SimPy's `Process.interrupt`: an `Interrupt`
   * (carrying `cause`) is thrown at the primitive the process waits on; a sleep
   * ends at once and a queue wait is given up. A process that is running (woken
   * and not yet suspended again) receives it at its next suspension; one that
   * has not started never runs its body. No effect on a process that has ended.
   */
  interrupt(cause?: unknown): void {
    const interrupt = new Interrupt(cause);
    switch (this.state) {
      case 'sleeping':
        this.throwInto(interrupt); // woken first, so the engine cannot move on while the sleep is taken off
        this.#host.cancel(this);
        return;
      case 'waiting': {
        const waitable = this.#waitable;
        this.throwInto(interrupt);
        waitable?.cancelWait(this);
        return;
      }
      case 'scheduled':
      case 'running':
        this.#pendingInterrupt ??= interrupt;
        return;
      case 'finished':
      case 'failed':
        return;
    }
  }

  /** Called by the engine when this process's calendar entry comes due: it starts, or wakes from sleep. */
  fire(): void {
    if (this.state === 'scheduled') this.#start();
    else this.resume(undefined);
  }

  /**
   * Engine-internal: suspends the process on a primitive (`waitable`, or the
   * calendar for a sleep). The promise settles through `resume` or `throwInto`.
   */
  suspend<T>(state: 'sleeping' | 'waiting', waitingOn: string, waitable?: Waitable): Promise<T> {
    if (this.#pendingInterrupt !== undefined) return this.#deliverPending(state, waitable);
    const promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve as (value: unknown) => void;
      this.#reject = reject;
    });
    this.state = state;
    this.waitingOn = waitingOn;
    this.#waitable = waitable;
    this.#host.processBlocked(this);
    return promise;
  }

  /** Engine-internal: makes a suspended process runnable with `value`. */
  resume(value: unknown): void {
    const resolve = this.#resolve;
    this.#resolve = this.#reject = undefined;
    this.state = 'running';
    this.#host.processWoken(this);
    resolve?.(value);
  }

  /** Engine-internal: makes a suspended process runnable by throwing `error` at its await. */
  throwInto(error: unknown): void {
    const reject = this.#reject;
    this.#resolve = this.#reject = undefined;
    this.state = 'running';
    this.#host.processWoken(this);
    reject?.(error);
  }

  /** The process never suspends: the primitive forgets it and the await throws at once. */
  #deliverPending<T>(state: 'sleeping' | 'waiting', waitable: Waitable | undefined): Promise<T> {
    const interrupt = this.#pendingInterrupt as Interrupt;
    this.#pendingInterrupt = undefined;
    if (state === 'sleeping') this.#host.cancel(this);
    else waitable?.cancelWait(this);
    return Promise.reject(interrupt);
  }

  #start(): void {
    this.state = 'running';
    this.#host.processWoken(this);
    if (this.#pendingInterrupt !== undefined) {
      this.#pendingInterrupt = undefined;
      this.#end(true);
      return;
    }
    let result: Promise<void> | void;
    try {
      result = this.#body(this);
    } catch (error) {
      result = Promise.reject(error);
    }
    Promise.resolve(result).then(
      () => this.#end(false),
      (error: unknown) => {
        if (error instanceof Interrupt) {
          this.#end(true);
          return;
        }
        this.state = 'failed';
        this.#host.processFailed(this, error);
      },
    );
  }

  #end(interrupted: boolean): void {
    this.state = 'finished';
    this.interrupted = interrupted;
    this.#host.processFinished(this);
  }
}
