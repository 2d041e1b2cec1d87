import { InvalidArgumentError } from '../core/errors.js';
import type { Process } from '../core/process.js';
import type { Simulation } from '../core/simulation.js';
import type { ModelObserver, ProcessInfo, WaitState } from './model-events.js';
import { Waiter } from './waiter.js';

type Complete<T> = { [K in keyof T]-?: T[K] };

/** What the parts of a model (queues, events, processes) share with their simulation. */
export interface SimContext {
  readonly engine: Simulation;
  readonly events: Complete<ModelObserver>;
  /**
   * The process of this simulation whose code runs now; undefined outside
   * processes (the model function, a callback). When a process of another
   * simulation runs, throws for `what` (a put or get on this simulation's
   * queue, which its own would not see); undefined for a nowait operation
   * (`what` undefined), which may come from anywhere.
   */
  current(what: string | undefined): ProcessRuntime | undefined;
  /**
   * The process that a wait blocks: the current one. Throws when the caller is
   * not inside a process of this simulation (there would be nothing to block).
   */
  waitingProcess(what: string): ProcessRuntime;
}

/**
 * Microtasks between a process arming a wait and the engine hearing that it
 * is blocked: enough for what the process's own code does next when it did
 * not await the wait (`void p.sleep(1)`, `p.sleep(1)` with the await
 * forgotten) to reach the engine first. Its next wait throws at once (one
 * wait at a time); its return or throw reaches the wrapper's await of the
 * body (sim.ts) one microtask later, which marks the body ended, and a
 * process whose body has ended is never reported blocked. Only then may the
 * engine move the clock; else an instant run, which moves it synchronously,
 * would let such a process go on at a later time than a paced run, which
 * moves it on a timer, and the two would print different things. A process
 * that awaits its wait is suspended all along, so nothing it does changes; nor
 * does the order in which woken processes resume. The cost is these
 * microtasks per wait, about a third of a model run's time.
 *
 * Not covered: code that, after a wait it did not await, itself awaits other
 * promises for more than these microtasks (`p.sleep(1); await null; await
 * null; …`, or returns through an async helper): the engine may have moved
 * the clock by then in an instant run. A deterministic check would need the
 * await itself to be seen (a thenable), which adds a microtask to every
 * resumption and changes the order of resumptions within an instant.
 */
const BLOCKED_REPORT_DELAY = 2;

/**
 * The engine's side of a model process: its core Process (for the engine's
 * live set and diagnostics), and the one wait it may have at a time.
 *
 * One wait at a time is what keeps the engine's counters right: the process
 * counts as running until it arms a waiter (and BLOCKED_REPORT_DELAY
 * microtasks have passed), and as running again once that waiter wakes. A
 * second wait armed while the first is pending would count the process as
 * blocked twice, so it is refused with an error that says to await each wait
 * in turn or to combine them with anyOf/allOf.
 */
export class ProcessRuntime {
  /** Set right after the engine creates it. */
  core: Process | undefined;
  finished = false;
  /** The body has returned or thrown (sim.ts): it is never reported blocked again. */
  bodyEnded = false;
  #waiter: Waiter<unknown> | undefined;
  #state: WaitState = 'waiting';
  #since = 0;

  constructor(
    readonly sim: SimContext,
    readonly info: ProcessInfo,
  ) {}

  get name(): string {
    return this.info.name;
  }

  /** True while a wait of this process is pending. */
  get waiting(): boolean {
    return this.#waiter !== undefined;
  }

  /**
   * Suspends this process: `arm` registers the new waiter wherever it will be
   * woken from (a queue's getters, an event, the calendar); then the engine
   * hears that the process is blocked. `label` says what it waits on in
   * deadlock and stall reports ("get from jobs").
   */
  wait<T>(state: WaitState, label: string, arm: (waiter: Waiter<T>) => void): Promise<T> {
    const core = this.core as Process;
    if (this.#waiter !== undefined) {
      throw new InvalidArgumentError(
        `it started to wait on ${label} while still waiting on ${core.waitingOn}; ` +
          'a process waits for one thing at a time: await each wait before the next, or combine them with p.anyOf or p.allOf',
      );
    }
    const waiter = new Waiter<T>(this);
    arm(waiter);
    this.#waiter = waiter as Waiter<unknown>;
    this.#state = state;
    this.#since = this.sim.engine.now;
    core.state = state;
    core.waitingOn = label;
    this.sim.events.processWaiting(this.#since, this.info, state, label, state === 'sleeping' ? waiter.time : Infinity);
    // The engine may fire the next events as soon as it hears: see BLOCKED_REPORT_DELAY. A waiter woken
    // before then (by a process still running) counts the process running twice for a moment, never zero times.
    this.#hopsToReport = BLOCKED_REPORT_DELAY;
    queueMicrotask(this.#reportBlocked);
    return waiter.promise;
  }

  /**
   * Microtasks left before reportBlocked tells the engine. A process woken and waiting again within
   * them shares the countdown (its second wait is reported sooner); the counts stay balanced.
   */
  #hopsToReport = 0;
  readonly #reportBlocked = (): void => {
    if (--this.#hopsToReport > 0) queueMicrotask(this.#reportBlocked);
    else if (!this.bodyEnded) this.sim.engine.processBlocked(this.core as Process);
  };

  /** Called by the waiter that wakes. */
  woken(): void {
    this.#waiter = undefined;
    const core = this.core as Process;
    core.state = 'running';
    this.sim.events.processWoke(this.sim.engine.now, this.info, this.#state, this.#since);
    this.sim.engine.processWoken(core);
  }
}
