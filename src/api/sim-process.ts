import { InvalidArgumentError } from '../core/errors.js';
import type { ProcessRuntime } from './process-runtime.js';
import { SimEventImpl, type EventValue, type SimEvent } from './sim-event.js';
import type { SimRandom } from './sim-random.js';
import type { Waiter } from './waiter.js';
import { shownValue } from './shown-value.js';

export interface WaitOptions {
  /** Seconds of virtual time after which the wait gives up (resolving to undefined). */
  timeout?: number;
}

/**
 * A process of the model: the `p` its body receives. A process waits only
 * through `p` and the queues (the engine's rule, see `Sim`), one wait at a
 * time.
 *
 * @example
 * sim.process('Ann', async (p) => {
 *   while (p.now < 60) {
 *     await p.sleep(p.random.exp(2));
 *     p.log(`coffee break over at t=${p.now.toFixed(1)}`);
 *   }
 * });
 */
export interface SimProcess {
  readonly name: string;
  /** Virtual time in seconds. */
  readonly now: number;
  /** This process's own random stream (named "process:NAME"). */
  readonly random: SimRandom;
  /** Succeeds when the body returns: other processes can wait for it. */
  readonly done: SimEvent<void>;
  /** Waits `seconds` of virtual time (0 lets the others due now go first). */
  sleep(seconds: number): Promise<void>;
  /**
   * Writes a line to qsim's log, `[ name ] text` in this process's colour
   * (several lines for text with newlines). Throws in a process created with `{ log: false }`.
   */
  log(text: string): void;
  /** Waits for `event` and returns its value (throws its error if it failed). */
  wait<T>(event: SimEvent<T>): Promise<T>;
  /**
   * Waits for the first of `events` to be triggered and returns it; with a
   * timeout, undefined when none was triggered in time. An event already
   * triggered wins at once (the first such in the list).
   *
   * @example
   * const first = await p.anyOf([served, reneged], { timeout: 5 });
   * if (first === undefined) p.log('gave up after 5 s');
   */
  anyOf<E extends SimEvent<unknown>>(events: readonly E[], options?: WaitOptions): Promise<E | undefined>;
  /**
   * Waits until all of `events` have been triggered and returns their values
   * in order; with a timeout, undefined when they were not all triggered in
   * time. Throws the error of the first one that fails.
   *
   * @example
   * const [a, b] = (await p.allOf([partA, partB])) ?? [];
   */
  allOf<const E extends readonly SimEvent<unknown>[]>(
    events: E,
    options?: WaitOptions,
  ): Promise<{ -readonly [K in keyof E]: EventValue<E[K]> } | undefined>;
}

function checkDelay(what: string, seconds: number): void {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) {
    throw new InvalidArgumentError(`${what} expects a finite number of seconds >= 0, got ${shownValue(seconds)}`);
  }
}

function asImpl(event: SimEvent<unknown>, what: string): SimEventImpl<unknown> {
  if (!(event instanceof SimEventImpl)) throw new InvalidArgumentError(`${what} expects events made with sim.event() or sim.timeout()`);
  return event;
}

function eventsLabel(kind: string, events: readonly SimEventImpl<unknown>[], timeout: number | undefined): string {
  const names = events.length <= 3 ? events.map((e) => e.name).join(', ') : `${events.length} events`;
  return `${kind} of (${names})${timeout === undefined ? '' : ` or ${timeout} s`}`;
}

/** Internal: `p`. Every wait goes through its ProcessRuntime, which checks it is this process that waits. */
export class SimProcessImpl implements SimProcess {
  readonly #runtime: ProcessRuntime;
  readonly done: SimEventImpl<void>;

  constructor(
    runtime: ProcessRuntime,
    readonly random: SimRandom,
  ) {
    this.#runtime = runtime;
    this.done = new SimEventImpl<void>(`${runtime.name} done`);
  }

  get name(): string {
    return this.#runtime.name;
  }

  get now(): number {
    return this.#runtime.sim.engine.now;
  }

  sleep(seconds: number): Promise<void> {
    checkDelay('sleep', seconds);
    const runtime = this.#own('p.sleep()');
    const { engine } = runtime.sim;
    return runtime.wait<void>('sleeping', 'sleep', (waiter) => {
      waiter.time = engine.now + seconds;
      engine.enqueue(waiter);
    });
  }

  log(text: string): void {
    const { info, sim } = this.#runtime;
    if (info.colour < 0) throw new InvalidArgumentError(`process ${info.name} was created with { log: false }, so it cannot log`);
    const now = sim.engine.now;
    const value = String(text);
    if (!value.includes('\n')) sim.events.logLine(now, info, value);
    else for (const line of value.split(/\r?\n/)) sim.events.logLine(now, info, line);
  }

  wait<T>(event: SimEvent<T>): Promise<T> {
    const target = asImpl(event as SimEvent<unknown>, 'p.wait()');
    if (target.triggered) return target.ok ? Promise.resolve(target.value as T) : Promise.reject(target.error);
    const runtime = this.#own('p.wait()');
    return runtime.wait<T>('waiting', `event ${target.name}`, (waiter) => {
      target.watch((fired) => {
        if (fired.ok) waiter.wake(fired.value as T);
        else waiter.fail(fired.error);
      });
    });
  }

  anyOf<E extends SimEvent<unknown>>(events: readonly E[], options: WaitOptions = {}): Promise<E | undefined> {
    const targets = events.map((event) => asImpl(event, 'p.anyOf()'));
    const { timeout } = options;
    if (timeout !== undefined) checkDelay('the timeout of p.anyOf()', timeout);
    if (targets.length === 0 && timeout === undefined) {
      throw new InvalidArgumentError('p.anyOf() needs at least one event or a timeout: with neither it would wait forever');
    }
    const already = targets.findIndex((event) => event.triggered);
    if (already >= 0) return settled(targets[already] as SimEventImpl<unknown>, events[already] as E);
    const runtime = this.#own('p.anyOf()');
    return runtime.wait<E | undefined>('waiting', eventsLabel('any', targets, timeout), (waiter) => {
      const cancelTimeout = this.#armTimeout(waiter, timeout);
      targets.forEach((target, i) =>
        target.watch((fired) => {
          if (waiter.settled) return;
          cancelTimeout();
          if (fired.ok) waiter.wake(events[i] as E);
          else waiter.fail(fired.error);
        }),
      );
    });
  }

  allOf<const E extends readonly SimEvent<unknown>[]>(
    events: E,
    options: WaitOptions = {},
  ): Promise<{ -readonly [K in keyof E]: EventValue<E[K]> } | undefined> {
    type Values = { -readonly [K in keyof E]: EventValue<E[K]> };
    const targets = events.map((event) => asImpl(event, 'p.allOf()'));
    const { timeout } = options;
    if (timeout !== undefined) checkDelay('the timeout of p.allOf()', timeout);
    const values = (): Values => targets.map((event) => event.value) as Values;
    const failed = targets.find((event) => event.triggered && !event.ok);
    if (failed !== undefined) return Promise.reject(failed.error);
    let pending = targets.filter((event) => !event.triggered).length;
    if (pending === 0) return Promise.resolve(values());
    const runtime = this.#own('p.allOf()');
    return runtime.wait<Values | undefined>('waiting', eventsLabel('all', targets, timeout), (waiter) => {
      const cancelTimeout = this.#armTimeout(waiter, timeout);
      for (const target of targets) {
        if (target.triggered) continue;
        target.watch((fired) => {
          if (waiter.settled) return;
          if (!fired.ok) {
            cancelTimeout();
            waiter.fail(fired.error);
          } else if (--pending === 0) {
            cancelTimeout();
            waiter.wake(values());
          }
        });
      }
    });
  }

  /** Schedules the wake-up with undefined after `timeout`; returns how to cancel it. */
  #armTimeout<T>(waiter: Waiter<T | undefined>, timeout: number | undefined): () => void {
    if (timeout === undefined) return noop;
    const entry = this.#runtime.sim.engine.schedule(timeout, () => waiter.wake(undefined));
    return () => entry.cancel();
  }

  /** The runtime, after checking that the code running now is this process's own. */
  #own(what: string): ProcessRuntime {
    const runtime = this.#runtime;
    const running = runtime.sim.waitingProcess(what);
    if (running !== runtime) {
      throw new InvalidArgumentError(`${what} was called on process ${runtime.name} from process ${running.name}: a process waits only through its own p`);
    }
    return runtime;
  }
}

const noop = (): void => {};

function settled<E>(event: SimEventImpl<unknown>, given: E): Promise<E> {
  return event.ok ? Promise.resolve(given) : Promise.reject(event.error);
}
