import { InvalidArgumentError } from '../core/errors.js';

/**
 * Something that happens once during a run: a machine repaired, a batch
 * complete, a process done. Processes wait for events with `p.wait(event)`,
 * `p.anyOf([...])` or `p.allOf([...])`; any code of the model triggers one with
 * `succeed(value)` (or `fail(error)`, which throws at the awaits), and every
 * process waiting on it becomes runnable at that virtual instant, in the order
 * they started to wait.
 *
 * @example
 * const repaired = sim.event<string>('repaired');
 * sim.process('machine', async (p) => {
 *   const by = await p.wait(repaired);
 *   p.log(`repaired by ${by}`);
 * });
 * sim.process('mechanic', async (p) => {
 *   await p.sleep(30);
 *   repaired.succeed('Ann');
 * });
 */
export interface SimEvent<T = void> {
  /** Shown in deadlock reports ("event repaired"). */
  readonly name: string;
  /** True once it has succeeded or failed. */
  readonly triggered: boolean;
  /** True once it has succeeded. */
  readonly ok: boolean;
  /** The value it succeeded with; throws while it has not succeeded. */
  readonly value: T;
  /** Triggers the event with `value`; throws when it has already been triggered. */
  succeed(...value: T extends void ? [value?: T] : [value: T]): this;
  /** Triggers the event with an error, thrown at every await of it; throws when it has already been triggered. */
  fail(error: unknown): this;
}

/** The value type of an event. */
export type EventValue<E> = E extends SimEvent<infer T> ? T : never;

type Watcher = (event: SimEventImpl<unknown>) => void;

/** Internal: the event with its watchers (the waits armed on it). */
export class SimEventImpl<T> implements SimEvent<T> {
  #state: 'pending' | 'succeeded' | 'failed' = 'pending';
  #value: T | undefined;
  #error: unknown;
  #watchers: Watcher[] = [];

  constructor(readonly name: string) {}

  get triggered(): boolean {
    return this.#state !== 'pending';
  }

  get ok(): boolean {
    return this.#state === 'succeeded';
  }

  get value(): T {
    if (this.#state !== 'succeeded') {
      throw new InvalidArgumentError(`event ${this.name} has ${this.#state === 'pending' ? 'not been triggered yet' : 'failed'}: it has no value`);
    }
    return this.#value as T;
  }

  /** The error it failed with (only when it has failed). */
  get error(): unknown {
    return this.#error;
  }

  succeed(...value: T extends void ? [value?: T] : [value: T]): this {
    this.#trigger('succeeded', value[0], undefined);
    return this;
  }

  fail(error: unknown): this {
    this.#trigger('failed', undefined, error);
    return this;
  }

  /** Calls `watcher` when the event is triggered (the caller checks `triggered` first). */
  watch(watcher: Watcher): void {
    this.#watchers.push(watcher);
  }

  #trigger(state: 'succeeded' | 'failed', value: T | undefined, error: unknown): void {
    if (this.#state !== 'pending') throw new InvalidArgumentError(`event ${this.name} has already been triggered`);
    this.#state = state;
    this.#value = value;
    this.#error = error;
    const watchers = this.#watchers;
    this.#watchers = [];
    for (const watcher of watchers) watcher(this as SimEventImpl<unknown>);
  }
}
