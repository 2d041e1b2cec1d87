/**
 * The engine: a calendar of events ordered by (virtual time, sequence number)
 * and the processes that run on it.
 *
 * The rule every model must keep: a process waits only through the engine's
 * primitives (`Process.sleep`, `AsyncQueue.get`/`put`/`join`). Each primitive
 * tells the engine when its process suspends and when it is woken, so the
 * engine knows, without polling, the moment every process is waiting; only
 * then does it pop the next event and move the clock. A plain Promise (or
 * p-limit, a timer, I/O) awaited between two processes is invisible to the
 * engine: the process never reports that it waits, the clock cannot move, and
 * the run is stopped with a StalledError naming the process.
 *
 * Generator processes (Process) yield steps instead of awaiting promises; the
 * engine keeps the runnable ones in a FIFO and steps them itself, before it
 * looks at the calendar again, in the order their async twins' awaits would
 * resume as microtasks. A generator process woken from outside the loop (a
 * signal handler's interrupt, an async process's put) is stepped on a
 * microtask, after the code that woke it, as an async one would be.
 *
 * In instant pacing the next event fires synchronously from the primitive that
 * made the last process wait, so a run costs no macrotask per event; it yields
 * to the host event loop every `yieldEvery` events so signals and output are
 * not starved. In wall-clock pacing the engine waits on a timer until the next
 * event is due (and yields the same way while it catches up with events that
 * are overdue, so a run too fast for the machine still lets a live view draw
 * and read keys); when the pacing changes (pause, resume, a new speed) the wait
 * is planned again, and while it is paused no timer is armed at all. Every
 * pacing fires the same events in the same order.
 *
 * A process can be interrupted (Process.interrupt): its sleep is taken off the
 * calendar (`cancel`, which also re-plans the wall-clock wait) or its queue wait
 * given up, and an Interrupt is thrown at its await.
 */
import { Deque } from './deque.js';
import { DeadlockError, InvalidArgumentError, ProcessFailedError, StalledError } from './errors.js';
import { EventHeap, type ScheduledEvent } from './event-heap.js';
import { instantPacing, WallClockPacing, type Pacing } from './pacing.js';
import { Process, type ProcessBody, type ProcessHost } from './process.js';
import { hostTimers, type Timers } from './timers.js';

export interface SimulationOptions {
  /** How virtual time maps to the wall clock; instant (virtual time only) by default. */
  pacing?: Pacing;
  /** Host timers; the global ones by default. */
  timers?: Timers;
  /** Instant pacing: events fired between yields to the host event loop. Default 4096. */
  yieldEvery?: number;
  /** Wall milliseconds between checks for a process stalled outside the engine. Default 200. */
  stallCheckMs?: number;
}

/** Node's timers fire at once when asked to wait longer than this (about 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export type SimulationStatus = 'ready' | 'running' | 'finished' | 'failed' | 'stopped';

/** A callback on the calendar; cancel() keeps it from firing. */
export class ScheduledCallback implements ScheduledEvent {
  time = 0;
  seq = 0;
  #callback: (() => void) | undefined;

  constructor(callback: () => void) {
    this.#callback = callback;
  }

  cancel(): void {
    this.#callback = undefined;
  }

  fire(): void {
    const callback = this.#callback;
    this.#callback = undefined;
    callback?.();
  }
}

export class Simulation implements ProcessHost {
  #now = 0;
  #seq = 0;
  readonly #calendar = new EventHeap();
  /** Processes running now (not suspended on a primitive), including generator processes waiting for their step. */
  #active = 0;
  /** Generator processes that can go on at this instant, in the order they became runnable. */
  readonly #runnable = new Deque<Process>(64);
  /** A microtask will step the processes made runnable from outside the engine's loop. */
  #outsideStepQueued = false;
  /** A microtask will plan the wall-clock wait again for callbacks scheduled from outside (schedule). */
  #replanQueued = false;
  /** The generator process the loop is stepping now, if any. */
  #stepping: Process | undefined;
  readonly #live = new Set<Process>();
  #status: SimulationStatus = 'ready';
  #advancing = false;
  #timerArmed = false;
  /** The armed wall-clock timeout; undefined when none is (the pending wake-up, if any, is a yield). */
  #timer: unknown;
  #sinceYield = 0;
  #watchdog: unknown;
  #stopListening: (() => void) | undefined;
  #settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  readonly #pacing: Pacing;
  readonly #timers: Timers;
  readonly #yieldEvery: number;
  readonly #stallCheckMs: number;
  readonly #advanceLater = (): void => {
    this.#timerArmed = false;
    this.#timer = undefined;
    this.#advance();
  };
  /** The pacing changed: the armed wait may be wrong now, so plan it again. */
  readonly #replan = (): void => {
    if (this.#status !== 'running' || !this.#pacing.paced) return;
    if (this.#timerArmed) {
      if (this.#timer === undefined) return; // a yield is pending, and plans the wait when it runs
      this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerArmed = false;
    }
    this.#advance();
  };

  constructor(options: SimulationOptions = {}) {
    this.#pacing = options.pacing ?? instantPacing;
    this.#timers = options.timers ?? hostTimers;
    this.#yieldEvery = options.yieldEvery ?? 4096;
    this.#stallCheckMs = options.stallCheckMs ?? 200;
  }

  /** Virtual time in seconds. */
  get now(): number {
    return this.#now;
  }

  get status(): SimulationStatus {
    return this.#status;
  }

  /** Processes started and not yet finished. */
  get liveProcesses(): ReadonlySet<Process> {
    return this.#live;
  }

  /** Creates a process that starts at the current virtual time, after the events already due. */
  process(name: string, body: ProcessBody): Process {
    const process = new Process(this, name, body);
    process.time = this.#now;
    this.enqueue(process);
    this.#live.add(process);
    return process;
  }

  /**
   * Calls `action` where virtual time stands for whoever watches the run: in a
   * paced run the wall clock has brought it past the last event (a live view
   * has shown it there), so `action` is an event of its own at that time; in
   * an instant run, or a paused one (a paused clock would never get there), now.
   * For a stop or an interrupt from outside (a key, a signal).
   */
  atClockTime(action: () => void): void {
    const pacing = this.#pacing;
    const at = pacing instanceof WallClockPacing && !pacing.paused && this.#status === 'running' ? pacing.virtualTime() : this.#now;
    if (at > this.#now) this.schedule(at - this.#now, action);
    else action();
  }

  /**
   * Calls `callback` after `delay` seconds of virtual time. Scheduled from
   * outside the engine's loop (a signal handler) while a wall-clock wait is
   * armed, the wait is planned again (it may be for a later event) on a
   * microtask, once the code that scheduled it has finished: never from
   * within this call, so the caller can still cancel what it got back.
   */
  schedule(delay: number, callback: () => void): ScheduledCallback {
    if (!(delay >= 0) || !Number.isFinite(delay)) {
      throw new InvalidArgumentError(`schedule expects a finite delay >= 0, got ${delay}`);
    }
    const event = new ScheduledCallback(callback);
    event.time = this.#now + delay;
    this.enqueue(event);
    if (!this.#advancing && this.#timer !== undefined && this.#status === 'running' && !this.#replanQueued) {
      this.#replanQueued = true;
      queueMicrotask(this.#replanFromOutside);
    }
    return event;
  }

  /**
   * Runs until every process has finished and the calendar is empty. Rejects
   * with DeadlockError, StalledError or ProcessFailedError when the run cannot
   * finish.
   */
  run(): Promise<void> {
    if (this.#status !== 'ready') throw new InvalidArgumentError('a simulation can run only once');
    this.#status = 'running';
    const done = new Promise<void>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#watchdog = this.#timers.setInterval(() => this.#checkStall(), this.#stallCheckMs);
    this.#pacing.start();
    this.#stopListening = this.#pacing.onChange?.(this.#replan);
    // Nothing runs before run() has returned: the caller can still stop or interrupt the run it started.
    queueMicrotask(() => this.#advance());
    return done;
  }

  /** Ends the run now with `error` (or successfully when undefined); pending processes are abandoned. */
  stop(error?: unknown): void {
    if (this.#status !== 'running') return;
    if (error === undefined) this.#end('stopped');
    else this.#fail(error);
  }

  // ProcessHost: called by the primitives.

  enqueue(event: ScheduledEvent): void {
    event.seq = this.#seq++;
    this.#calendar.push(event);
  }

  /** Takes `event` off the calendar (O(calendar size); for rare cancellations such as an interrupted sleep). */
  cancel(event: ScheduledEvent): void {
    if (!this.#calendar.remove(event)) return;
    if (this.#timer !== undefined) {
      // The wall-clock timer may be waiting for the event just removed: wait again for whatever is next.
      this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerArmed = false;
      this.#advance();
    }
  }

  processBlocked(_process: Process): void {
    // Inside the engine's loop (#advancing) the loop itself goes on: no call needed.
    if (--this.#active === 0 && !this.#advancing) this.#goOn();
  }

  processWoken(_process: Process): void {
    this.#active++;
  }

  processFinished(process: Process): void {
    this.#live.delete(process);
    if (--this.#active === 0 && !this.#advancing) this.#goOn();
  }

  stepNow(process: Process): void {
    this.#stepping = process;
    process.step();
    this.#stepping = undefined;
  }

  goesOnInPlace(process: Process): boolean {
    return process === this.#stepping && this.#runnable.length === 0;
  }

  runnable(process: Process): boolean {
    // The process being stepped, with nobody runnable before it, would be stepped next: it goes on in place.
    if (process === this.#stepping && this.#runnable.length === 0) return false;
    this.#runnable.push(process);
    if (!this.#advancing && !this.#outsideStepQueued) {
      this.#outsideStepQueued = true;
      queueMicrotask(this.#stepFromOutside);
    }
    return true;
  }

  processFailed(process: Process, error: unknown): void {
    this.#live.delete(process);
    this.#active--;
    this.#fail(error instanceof ProcessFailedError ? error : new ProcessFailedError(process.name, this.#now, error));
  }

  #advance(): void {
    // Processes made runnable from outside go first, on their microtask, which then calls #advance.
    if (this.#advancing || this.#timerArmed || this.#outsideStepQueued || this.#status !== 'running') return;
    this.#advancing = true;
    try {
      const runnable = this.#runnable;
      while (this.#status === 'running') {
        // Runnable generator processes first: they are part of the current instant.
        if (runnable.length > 0) {
          const process = runnable.shift() as Process;
          this.#stepping = process;
          process.step();
          this.#stepping = undefined;
          continue;
        }
        // An async process is running: it reports back when it waits or ends.
        if (this.#active > 0) return;
        const next = this.#calendar.peek();
        if (next === undefined) {
          this.#finish();
          return;
        }
        if (this.#pacing.paced) {
          const wait = this.#pacing.msUntil(next.time);
          if (wait > 0) {
            // Paused: the pacing's change listener (#replan) goes on when time does.
            if (wait === Infinity) return;
            this.#timerArmed = true;
            this.#timer = this.#timers.setTimeout(this.#advanceLater, Math.min(wait, LONGEST_TIMER_MS));
            return;
          }
        }
        if (++this.#sinceYield >= this.#yieldEvery) {
          this.#sinceYield = 0;
          this.#timerArmed = true;
          this.#timers.setImmediate(this.#advanceLater);
          return;
        }
        this.#calendar.pop();
        this.#now = next.time;
        next.fire();
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#advancing = false;
    }
  }

  /**
   * A generator process was made runnable from outside the engine's loop (an
   * interrupt from a signal handler, an async process's put): it is stepped on
   * a microtask, once the code that woke it has finished, as an async process
   * would resume; so an interrupt has taken the process off the calendar or
   * its queue before it runs. Then the engine goes on, even while a wall-clock
   * wait is armed (the steps belong to the current instant).
   */
  readonly #stepFromOutside = (): void => {
    this.#outsideStepQueued = false;
    if (this.#status !== 'running' || this.#advancing) return; // the engine's loop steps them
    this.#advancing = true;
    try {
      const runnable = this.#runnable;
      while (runnable.length > 0 && this.#status === 'running') (runnable.shift() as Process).step();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#advancing = false;
    }
    if (this.#active === 0) this.#goOn();
  };

  /** A callback was scheduled from outside while a wall-clock wait was armed (see schedule). */
  readonly #replanFromOutside = (): void => {
    this.#replanQueued = false;
    if (!this.#advancing && this.#timer !== undefined && this.#status === 'running') this.#goOn();
  };

  /**
   * Every process waits again after work done outside the engine's loop (an
   * async process's step, a process woken from outside): go on. A wall-clock
   * wait armed before that work may be for a later event than one it
   * scheduled, so it is planned again.
   */
  #goOn(): void {
    if (this.#timer !== undefined) {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerArmed = false;
    }
    this.#advance();
  }

  #finish(): void {
    if (this.#live.size === 0) {
      this.#end('finished');
      return;
    }
    const waiting = [...this.#live].map((p) => ({ name: p.name, waitingOn: p.waitingOn }));
    this.#fail(new DeadlockError(waiting, this.#now));
  }

  /** Between macrotasks no microtask is pending, so a process still running is waiting on something foreign. */
  #checkStall(): void {
    if (this.#status !== 'running' || this.#active === 0) return;
    const stalled = [...this.#live].filter((p) => p.state === 'running').map((p) => p.name);
    this.#fail(new StalledError(stalled, this.#now));
  }

  #fail(error: unknown): void {
    if (this.#status !== 'running') return;
    const settle = this.#end('failed');
    settle?.reject(error);
  }

  #end(status: SimulationStatus): { resolve: () => void; reject: (error: unknown) => void } | undefined {
    this.#status = status;
    this.#timers.clearInterval(this.#watchdog);
    this.#stopListening?.();
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    const settle = this.#settle;
    this.#settle = undefined;
    if (status !== 'failed') settle?.resolve();
    return settle;
  }
}
