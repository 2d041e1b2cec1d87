import { Deque } from '../core/deque.js';
import { InvalidArgumentError, QsimError, QueueShutDownError } from '../core/errors.js';
import { QueueEmptyError, QueueFullError } from '../core/queue.js';
import type { ProcessInfo, QueueInfo, QueueKind } from './model-events.js';
import type { ProcessRuntime, SimContext } from './process-runtime.js';
import type { WaitOptions } from './sim-process.js';
import { FifoStore, LifoStore, PriorityStore, type Entry, type QueueStore } from './queue-store.js';
import type { Waiter } from './waiter.js';
import { shownValue } from './shown-value.js';

/** `get()` or `getNowait()` on a queue that is shut down and empty: nothing more will come out of it. */
export class QueueClosedError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'queue-closed';
  constructor(queueName: string) {
    super(`queue ${queueName} is shut down and empty: nothing more will come out of it`);
  }
}

export interface SimQueueOptions<T> {
  /** Most items held at once: a whole number >= 1; unbounded by default. A put into a full queue waits for room. */
  capacity?: number;
  /**
   * Which item leaves first: 'fifo' (the oldest; the default), 'lifo' (the
   * newest) or 'priority' (the lowest `priority(item)`, ties oldest first).
   * Giving `priority` alone makes a priority queue.
   */
  kind?: QueueKind;
  /** A priority queue's order: lower numbers leave first. Called once per put. */
  priority?: (item: T) => number;
  /** Shown in statistics, NDJSON and deadlock reports; `queue-1`, `queue-2`, … by default. Unique. */
  name?: string;
}

/**
 * A queue between processes, like Python's asyncio.Queue: `put` waits while
 * it is full, `get` while it is empty, each in the order they came.
 * `shutdown()` closes it: later puts throw, waiting puts are woken with
 * QueueShutDownError, and once the items left are taken, gets end
 * (`for await` loops finish; `get()` throws QueueClosedError).
 *
 * @example
 * const q = sim.queue<number>({ name: 'jobs', capacity: 10 });
 * sim.process('producer', async (p) => {
 *   for (let i = 0; i < 5; i++) await q.put(i);
 *   q.shutdown();
 * });
 * sim.process('worker', async (p) => {
 *   for await (const job of q) {
 *     const more = q.takeNowait(2); // up to 2 more, without waiting
 *     p.log(`took ${[job, ...more].join(', ')}`);
 *     await p.sleep(1);
 *   }
 * });
 */
export interface SimQueue<T> extends AsyncIterable<T> {
  readonly name: string;
  readonly kind: QueueKind;
  /** Infinity when unbounded. */
  readonly capacity: number;
  /** Items in the queue now (not counting puts waiting for room). */
  readonly size: number;
  readonly isFull: boolean;
  readonly isShutDown: boolean;
  /** Items put and not yet marked done with taskDone(). */
  readonly unfinishedTasks: number;
  /** Puts `item`, waiting while the queue is full. Throws QueueShutDownError once it is shut down. */
  put(item: T): Promise<void>;
  /** Takes the next item, waiting while the queue is empty; rejects with QueueClosedError once it is shut down and empty. */
  get(): Promise<T>;
  /**
   * As get(), giving up after `timeout` seconds: undefined when no item came in time.
   *
   * @example
   * const next = await q.get({ timeout: 0.25 }); // a batching window
   * if (next === undefined) flush();
   */
  get(options: WaitOptions): Promise<T | undefined>;
  /** Puts `item` without waiting; throws QueueFullError when full. */
  putNowait(item: T): void;
  /** Takes the next item without waiting; throws QueueEmptyError when empty (QueueClosedError once shut down). */
  getNowait(): T;
  /** Takes up to `n` items without waiting (none when empty): the batching consumer's friend. */
  takeNowait(n: number): T[];
  /** Closes the queue to new items; see the interface's description. Idempotent. */
  shutdown(): void;
  /** Waits until every item put has been marked done with taskDone(). */
  join(): Promise<void>;
  /** Marks one item taken earlier as processed (for join). */
  taskDone(): void;
  /** The items, next to leave first (a copy; O(n)). */
  items(): T[];
  /** Yields items as `get()` does and ends once the queue is shut down and empty. */
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

interface Getter {
  readonly waiter: Waiter<unknown>;
  /** A `for await` loop's get: woken with an iterator result instead of the item. */
  readonly iterator: boolean;
}

interface Putter<T> {
  readonly waiter: Waiter<void>;
  readonly item: T;
  readonly key: number;
  /** When the put started to wait. */
  readonly since: number;
}

const RESOLVED: Promise<void> = Promise.resolve();
const DONE: IteratorResult<never, undefined> = Object.freeze({ value: undefined, done: true });

function infoOf(process: ProcessRuntime | undefined): ProcessInfo | undefined {
  return process?.info;
}

/**
 * Internal: the queue. The order of wake-ups follows the core AsyncQueue
 * exactly (a put meeting a waiting getter hands the item over; a get that frees
 * room admits the first waiting put's item, then wakes that putter), so a
 * model built on it replays the built-in models' runs event for event.
 */
export class SimQueueImpl<T> implements SimQueue<T> {
  readonly #sim: SimContext;
  readonly #store: QueueStore<T>;
  readonly #priority: ((item: T) => number) | undefined;
  readonly #getters = new Deque<Getter>();
  readonly #putters = new Deque<Putter<T>>();
  readonly #joiners = new Deque<Waiter<void>>();
  readonly #getLabel: string;
  readonly #putLabel: string;
  /** What a put is called in errors. */
  readonly #putOperation: string;
  #seq = 0;
  #unfinished = 0;
  #shutDown = false;

  constructor(
    sim: SimContext,
    readonly info: QueueInfo,
    priority: ((item: T) => number) | undefined,
  ) {
    this.#sim = sim;
    this.#priority = priority;
    this.#store = info.kind === 'fifo' ? new FifoStore() : info.kind === 'lifo' ? new LifoStore() : new PriorityStore();
    this.#getLabel = `get from queue ${info.name}`;
    this.#putLabel = `put into queue ${info.name} (full)`;
    this.#putOperation = `put into queue ${info.name}`;
  }

  get name(): string {
    return this.info.name;
  }

  get kind(): QueueKind {
    return this.info.kind;
  }

  get capacity(): number {
    return this.info.capacity;
  }

  get size(): number {
    return this.#store.length;
  }

  get isFull(): boolean {
    return this.#store.length >= this.info.capacity;
  }

  get isShutDown(): boolean {
    return this.#shutDown;
  }

  get unfinishedTasks(): number {
    return this.#unfinished;
  }

  put(item: T): Promise<void> {
    if (this.#shutDown) throw new QueueShutDownError(this.name);
    const key = this.#key(item);
    if (this.#putters.length === 0 && this.#store.length < this.info.capacity) {
      this.#admit(item, key, infoOf(this.#sim.current(this.#putOperation)), 0);
      return RESOLVED;
    }
    const process = this.#sim.waitingProcess(`put into queue ${this.name}`);
    return process.wait<void>('waiting', this.#putLabel, (waiter) => {
      const now = this.#sim.engine.now;
      this.#putters.push({ waiter, item, key, since: now });
      this.#sim.events.putBlocked(now, this.info, process.info);
    });
  }

  putNowait(item: T): void {
    if (this.#shutDown) throw new QueueShutDownError(this.name);
    const key = this.#key(item);
    if (this.#store.length >= this.info.capacity) throw new QueueFullError(`queue ${this.name} is full`);
    this.#admit(item, key, infoOf(this.#sim.current(undefined)), 0);
  }

  get(): Promise<T>;
  get(options: WaitOptions): Promise<T | undefined>;
  get(options: WaitOptions = {}): Promise<T | undefined> {
    const { timeout } = options;
    if (timeout !== undefined && (!(timeout >= 0) || !Number.isFinite(timeout))) {
      throw new InvalidArgumentError(`the timeout of get expects a finite number of seconds >= 0, got ${shownValue(timeout)}`);
    }
    if (this.#store.length > 0) return Promise.resolve(this.#take(this.#sim.current(this.#getLabel)));
    if (this.#shutDown) return Promise.reject(new QueueClosedError(this.name));
    const process = this.#sim.waitingProcess(`get from queue ${this.name}`);
    const label = timeout === undefined ? this.#getLabel : `${this.#getLabel} or ${timeout} s`;
    return process.wait<T | undefined>('waiting', label, (waiter) => {
      this.#getters.push({ waiter: waiter as Waiter<unknown>, iterator: false });
      // A getter that gave up stays in the line, settled: #admit and shutdown pass over it.
      if (timeout !== undefined) this.#sim.engine.schedule(timeout, () => waiter.wake(undefined));
    });
  }

  getNowait(): T {
    if (this.#store.length > 0) return this.#take(this.#sim.current(undefined));
    if (this.#shutDown) throw new QueueClosedError(this.name);
    throw new QueueEmptyError(`queue ${this.name} is empty`);
  }

  takeNowait(n: number): T[] {
    if (!(n >= 0) || (!Number.isSafeInteger(n) && n !== Infinity)) {
      throw new InvalidArgumentError(`takeNowait expects a whole number of items >= 0, got ${n}`);
    }
    const taken: T[] = [];
    const process = this.#store.length > 0 ? this.#sim.current(undefined) : undefined;
    while (taken.length < n && this.#store.length > 0) taken.push(this.#take(process));
    return taken;
  }

  shutdown(): void {
    if (this.#shutDown) return;
    this.#shutDown = true;
    while (this.#putters.length > 0) (this.#putters.shift() as Putter<T>).waiter.fail(new QueueShutDownError(this.name));
    if (this.#store.length === 0) {
      while (this.#getters.length > 0) {
        const getter = this.#getters.shift() as Getter;
        if (getter.iterator) getter.waiter.wake(DONE);
        else getter.waiter.fail(new QueueClosedError(this.name));
      }
    }
  }

  join(): Promise<void> {
    if (this.#unfinished === 0) return RESOLVED;
    const process = this.#sim.waitingProcess(`join on queue ${this.name}`);
    return process.wait<void>('waiting', `join on queue ${this.name}`, (waiter) => this.#joiners.push(waiter));
  }

  taskDone(): void {
    if (this.#unfinished <= 0) throw new InvalidArgumentError(`taskDone() called on queue ${this.name} more times than items were put`);
    if (--this.#unfinished === 0) {
      while (this.#joiners.length > 0) (this.#joiners.shift() as Waiter<void>).wake(undefined);
    }
  }

  items(): T[] {
    return this.#store.entries().map((entry) => entry.item);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.#next() };
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#store.length > 0) return Promise.resolve({ value: this.#take(this.#sim.current(this.#getLabel)), done: false });
    if (this.#shutDown) return Promise.resolve(DONE);
    const process = this.#sim.waitingProcess(`get from queue ${this.name}`);
    return process.wait<IteratorResult<T>>('waiting', this.#getLabel, (waiter) => {
      this.#getters.push({ waiter: waiter as Waiter<unknown>, iterator: true });
    });
  }

  #key(item: T): number {
    const priority = this.#priority;
    if (priority === undefined) return 0;
    const key = priority(item);
    if (typeof key !== 'number' || Number.isNaN(key)) {
      throw new InvalidArgumentError(`the priority function of queue ${this.name} must return a number, got ${String(key)}`);
    }
    return key;
  }

  /** `item` enters: handed to the first waiting getter, or stored. */
  #admit(item: T, key: number, by: ProcessInfo | undefined, blocked: number): void {
    this.#unfinished++;
    const now = this.#sim.engine.now;
    const { events } = this.#sim;
    const store = this.#store;
    while (this.#getters.length > 0 && (this.#getters.peekFirst() as Getter).waiter.settled) this.#getters.shift();
    if (this.#getters.length > 0) {
      const getter = this.#getters.shift() as Getter;
      events.itemPut(now, this.info, store.length, by, blocked);
      events.itemGot(now, this.info, store.length, getter.waiter.owner.info, 0);
      getter.waiter.wake(getter.iterator ? { value: item, done: false } : item);
      return;
    }
    store.push({ item, enteredAt: now, key, seq: this.#seq++ });
    events.itemPut(now, this.info, store.length, by, blocked);
  }

  /** The next item leaves; room it frees admits the first waiting put, whose putter then wakes. */
  #take(by: ProcessRuntime | undefined): T {
    const entry = this.#store.take() as Entry<T>;
    const now = this.#sim.engine.now;
    this.#sim.events.itemGot(now, this.info, this.#store.length, infoOf(by), now - entry.enteredAt);
    if (this.#putters.length > 0) {
      const putter = this.#putters.shift() as Putter<T>;
      this.#admit(putter.item, putter.key, putter.waiter.owner.info, now - putter.since);
      putter.waiter.wake(undefined);
    }
    return entry.item;
  }
}
