import { Interrupt, InvalidArgumentError } from './errors.js';
import type { ScheduledEvent } from './event-heap.js';

/**
 * What a generator process yields: the engine primitive it called has already
 * recorded what the process waits for (`p.sleepStep`, `queue.getStep`, …), so
 * the step itself carries nothing. Yielding anything else fails the process.
 */
export const STEP: unique symbol = Symbol('qsim.step');
export type Step = typeof STEP;

/** A generator process's body: `yield` an engine step wherever an async body would `await` a primitive. */
export type ProcessGenerator = Generator<Step, void, unknown>;

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
  /**
   * A generator process can go on: the engine steps it after the processes made
   * runnable before it, in FIFO order (the order in which an async process's
   * awaits would resume as microtasks). False when the process is the one being
   * stepped and would be next anyway: it goes on in place, without a round trip.
   */
  runnable(process: Process): boolean;
  /**
   * Steps the generator process `process` now, as the one being stepped: called
   * when its calendar entry fires, which the engine does only while no process
   * is runnable, so stepping it at once is what the FIFO would do.
   */
  stepNow(process: Process): void;
  /** True when `process` is being stepped and nothing else is runnable: a step that did not wait would go on in place. */
  goesOnInPlace(process: Process): boolean;
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

export type ProcessBody = (process: Process) => Promise<void> | void | ProcessGenerator;

function isGenerator(value: unknown): value is ProcessGenerator {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ProcessGenerator>).next === 'function';
}

/**
 * A simulated process: a coroutine that waits only through the engine's
 * primitives. While it runs, it counts as active; the engine moves virtual time
 * on only when no process is active.
 *
 * The body is an async function that awaits `sleep` and queue `get`/`put`/`join`
 * (the public model API), or a generator function that yields `sleepStep`,
 * `passStep` and queue `getStep`/`putStep`/`joinStep` (the built-in models). Both
 * wait in the same order: a generator process woken or going on after a step
 * that did not wait is stepped after the processes made runnable before it,
 * just as an await resumes after the microtasks queued before it. The generator
 * form costs no promise and no microtask per wait, which is most of the
 * engine's cost per event.
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
  /** The running generator of a generator process; undefined for an async one (and before it starts). */
  #generator: ProcessGenerator | undefined;
  /** What the generator receives at its next step (the got item), or throws when #throwNext. */
  #next: unknown;
  #throwNext = false;
  /** Set by a step that did not wait when nothing else is runnable: `step` goes straight on. */
  #again = false;
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

  /** Generator form of `sleep`: `yield p.sleepStep(seconds)`. */
  sleepStep(seconds: number): Step {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      throw new InvalidArgumentError(`sleep expects a finite number of seconds >= 0, got ${seconds}`);
    }
    this.time = this.#host.now + seconds;
    this.#host.enqueue(this);
    return this.suspendStep('sleeping', 'sleep');
  }

  /**
   * Generator form of `await` on something already settled: lets the processes
   * runnable now go first, then goes on at the same instant.
   */
  passStep(): Step {
    return this.continueStep(undefined);
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
    if (this.state === 'scheduled') {
      this.#start();
    } else if (this.#generator !== undefined) {
      // Woken from sleep by its calendar entry: nothing else is runnable then, so it is stepped at once.
      this.state = 'running';
      this.#host.processWoken(this);
      this.#host.stepNow(this);
    } else {
      this.resume(undefined);
    }
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

  /**
   * Engine-internal, generator processes: suspends on a primitive as `suspend`
   * does; the process is stepped again through `resume` or `throwInto`.
   */
  suspendStep(state: 'sleeping' | 'waiting', waitingOn: string, waitable?: Waitable): Step {
    if (this.#pendingInterrupt !== undefined) return this.#deliverPendingStep(state, waitable);
    this.state = state;
    this.waitingOn = waitingOn;
    this.#waitable = waitable;
    this.#host.processBlocked(this);
    return STEP;
  }

  /**
   * True when a step of this generator process that does not wait would let
   * nobody else go first: the process is being stepped and nothing else is
   * runnable. Then a primitive may complete without a yield
   * (`queue.getInPlace`, `queue.putOrStep`) in the same order as the yielding
   * form, which saves a generator resume per operation.
   */
  get goesOnInPlace(): boolean {
    return this.#host.goesOnInPlace(this);
  }

  /**
   * Engine-internal, generator processes: a step that did not wait (a get that
   * found an item, a put with room). The process goes on with `value` after the
   * processes already runnable, as an await of a settled promise would. An
   * interrupt that is pending stays pending: it is thrown at the next step that
   * waits, as it is for an async process (a get or put that did not wait never
   * suspends it).
   */
  continueStep(value: unknown): Step {
    this.#next = value;
    if (!this.#host.runnable(this)) this.#again = true;
    return STEP;
  }

  /** Engine-internal: makes a suspended process runnable with `value`. */
  resume(value: unknown): void {
    this.state = 'running';
    this.#host.processWoken(this);
    if (this.#generator !== undefined) {
      this.#next = value;
      if (!this.#host.runnable(this)) this.#again = true;
      return;
    }
    const resolve = this.#resolve;
    this.#resolve = this.#reject = undefined;
    resolve?.(value);
  }

  /** Engine-internal: makes a suspended process runnable by throwing `error` at its await. */
  throwInto(error: unknown): void {
    this.state = 'running';
    this.#host.processWoken(this);
    if (this.#generator !== undefined) {
      this.#next = error;
      this.#throwNext = true;
      if (!this.#host.runnable(this)) this.#again = true;
      return;
    }
    const reject = this.#reject;
    this.#resolve = this.#reject = undefined;
    reject?.(error);
  }

  /**
   * Engine-internal: runs a generator process up to its next step. Called by
   * the engine for a process it was told is `runnable`, once every process
   * made runnable before it has had its step.
   */
  step(): void {
    const generator = this.#generator as ProcessGenerator;
    do {
      this.#again = false;
      const value = this.#next;
      this.#next = undefined;
      let result: IteratorResult<Step, void>;
      try {
        if (this.#throwNext) {
          this.#throwNext = false;
          result = generator.throw(value);
        } else {
          result = generator.next(value);
        }
      } catch (error) {
        this.#settle(error);
        return;
      }
      if (result.done === true) {
        this.#end(false);
        return;
      }
      // Typed as a Step, but JavaScript callers (and casts) can yield anything.
      const yielded: unknown = result.value;
      if (yielded !== STEP) {
        this.#settle(new InvalidArgumentError(`a generator process must yield engine steps (p.sleepStep, queue.getStep, …), got ${describe(yielded)}`));
        return;
      }
    } while (this.#again);
  }


  /** The process never suspends: the primitive forgets it and the await throws at once. */
  #deliverPending<T>(state: 'sleeping' | 'waiting', waitable: Waitable | undefined): Promise<T> {
    const interrupt = this.#pendingInterrupt as Interrupt;
    this.#pendingInterrupt = undefined;
    if (state === 'sleeping') this.#host.cancel(this);
    else waitable?.cancelWait(this);
    return Promise.reject(interrupt);
  }

  /** The process never suspends: the primitive forgets it and the pending interrupt is thrown at the yield. */
  #deliverPendingStep(state: 'sleeping' | 'waiting', waitable: Waitable | undefined): Step {
    const interrupt = this.#pendingInterrupt as Interrupt;
    this.#pendingInterrupt = undefined;
    if (state === 'sleeping') this.#host.cancel(this);
    else waitable?.cancelWait(this);
    this.#next = interrupt;
    this.#throwNext = true;
    if (!this.#host.runnable(this)) this.#again = true;
    return STEP;
  }

  #start(): void {
    this.state = 'running';
    this.#host.processWoken(this);
    if (this.#pendingInterrupt !== undefined) {
      this.#pendingInterrupt = undefined;
      this.#end(true);
      return;
    }
    let result: Promise<void> | void | ProcessGenerator;
    try {
      result = this.#body(this);
    } catch (error) {
      result = Promise.reject(error);
    }
    if (isGenerator(result)) {
      this.#generator = result;
      this.step(); // the body runs up to its first step at once, as an async body runs up to its first await
      return;
    }
    Promise.resolve(result).then(
      () => this.#end(false),
      (error: unknown) => this.#settle(error),
    );
  }

  /** The body threw `error`: an Interrupt ends the process, anything else fails it. */
  #settle(error: unknown): void {
    if (error instanceof Interrupt) {
      this.#end(true);
      return;
    }
    this.state = 'failed';
    this.#host.processFailed(this, error);
  }

  #end(interrupted: boolean): void {
    this.state = 'finished';
    this.interrupted = interrupted;
    this.#host.processFinished(this);
  }
}

function describe(value: unknown): string {
  if (value instanceof Promise) return 'a Promise (await belongs in async processes)';
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}
