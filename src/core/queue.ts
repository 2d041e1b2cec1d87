import { Deque } from './deque.js';
import { InvalidArgumentError, QsimError, QueueShutDownError } from './errors.js';
import type { Process, Step, Waitable } from './process.js';

/** What `get` returns once the queue is shut down and empty: the done signal, which is never an item. */
export const CLOSED: unique symbol = Symbol('qsim.closed');
export type Closed = typeof CLOSED;

/** What `getInPlace` returns when the get cannot complete without a yield: then `yield queue.getStep(p)`. */
export const YIELD: unique symbol = Symbol('qsim.yield');
export type Yield = typeof YIELD;

export class QueueFullError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'queue-full';
}

export class QueueEmptyError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'queue-empty';
}

/**
 * What a put does when the queue is full: wait for space (backpressure), or
 * shed load at once by discarding the item being put (drop-newest) or the
 * item that has waited longest (drop-oldest). Under a drop policy no put ever
 * waits.
 */
export type FullPolicy = 'block' | 'drop-newest' | 'drop-oldest';

export const FULL_POLICIES: readonly FullPolicy[] = ['block', 'drop-newest', 'drop-oldest'];

export interface QueueOptions<T> {
  /** Most items held at once; unbounded (Infinity) by default. A whole number >= 1. */
  capacity?: number;
  /** What a put into a full queue does; 'block' by default. */
  onFull?: FullPolicy;
  /** Used in diagnostics ("get from queue main"). */
  name?: string;
  /**
   * Called at the instant an item enters the queue, after it is stored or handed
   * straight to a waiting getter (so `size` already counts it, or not if handed over).
   */
  onEnter?: (item: T) => void;
  /**
   * Called when a drop policy discards `item`: the item being put
   * (drop-newest), or the first item of the queue (drop-oldest), which then
   * leaves the queue and is never got; for drop-oldest, onEnter follows for
   * the new item at once. During the call `size` is the capacity under
   * both policies (drop-oldest has already put the new item in the old one's place).
   */
  onDrop?: (item: T) => void;
}

export interface ShutdownOptions {
  /**
   * Close at once: getters receive CLOSED from now on even though items remain
   * (they stay in the queue and count in `size`, as items left unconsumed).
   * Without it, getters receive CLOSED only once the queue is empty.
   */
  immediate?: boolean;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * An async FIFO queue modelled on asyncio.Queue, for processes of one Simulation.
 *
 * Invariants: getters wait only while the queue is empty, putters only while it
 * is full; both wait in FIFO order. Every operation is O(1) (ring buffers).
 * A put meeting a waiting getter hands the item straight over; a get that frees
 * space admits the first waiting putter's item and wakes that putter, so no
 * wake-up is ever lost. Under a drop policy a full queue discards one item
 * per put (O(1)) and putters never wait; a dropped item is never counted by
 * unfinishedTasks (a drop-oldest replacement leaves the count as it was).
 */
export class AsyncQueue<T> implements Waitable {
  readonly capacity: number;
  readonly name: string;
  readonly onFull: FullPolicy;
  readonly #items = new Deque<T>();
  readonly #getters = new Deque<Process>();
  readonly #putters = new Deque<Process>();
  readonly #putterItems = new Deque<T>();
  readonly #joiners = new Deque<Process>();
  readonly #onEnter: ((item: T) => void) | undefined;
  readonly #onDrop: ((item: T) => void) | undefined;
  readonly #getWait: string;
  readonly #putWait: string;
  #unfinished = 0;
  #shutDown = false;
  #dropped = 0;
  /** Shut down immediately: gets return CLOSED whatever is left. */
  #closedNow = false;

  constructor(options: QueueOptions<T> = {}) {
    const capacity = options.capacity ?? Infinity;
    if (capacity !== Infinity && (!Number.isSafeInteger(capacity) || capacity < 1)) {
      throw new InvalidArgumentError(`queue capacity must be a whole number >= 1 or Infinity, got ${capacity}`);
    }
    const onFull = options.onFull ?? 'block';
    if (!FULL_POLICIES.includes(onFull)) {
      throw new InvalidArgumentError(`queue onFull must be one of ${FULL_POLICIES.join(', ')}, got ${String(onFull)}`);
    }
    this.capacity = capacity;
    this.name = options.name ?? 'queue';
    this.onFull = onFull;
    this.#onEnter = options.onEnter;
    this.#onDrop = options.onDrop;
    this.#getWait = `get from ${this.name}`;
    this.#putWait = `put into ${this.name} (full)`;
  }

  /** Items in the queue now. */
  get size(): number {
    return this.#items.length;
  }

  get isFull(): boolean {
    return this.#items.length >= this.capacity;
  }

  /** Items discarded by the drop policy so far. */
  get dropped(): number {
    return this.#dropped;
  }

  get isShutDown(): boolean {
    return this.#shutDown;
  }

  /** True after `shutdown({ immediate: true })`: the items left are not handed out any more. */
  get isClosedImmediately(): boolean {
    return this.#closedNow;
  }

  /** Items put and not yet marked done with taskDone(). */
  get unfinishedTasks(): number {
    return this.#unfinished;
  }

  get waitingGetters(): number {
    return this.#getters.length;
  }

  get waitingPutters(): number {
    return this.#putters.length;
  }

  /**
   * Puts `item`. When the queue is full, 'block' suspends `process` until there
   * is space; the drop policies discard an item and return at once. Throws
   * QueueShutDownError after shutdown().
   */
  put(process: Process, item: T): Promise<void> {
    if (this.#shutDown) throw new QueueShutDownError(this.name);
    if (this.#putters.length === 0 && this.#items.length < this.capacity) {
      this.#admit(item);
      return RESOLVED;
    }
    if (this.onFull !== 'block') {
      this.#drop(item);
      return RESOLVED;
    }
    this.#putters.push(process);
    this.#putterItems.push(item);
    return process.suspend<void>('waiting', this.#putWait, this);
  }

  /**
   * Generator form of `put`: `yield queue.putStep(p, item)`. Waits, drops and
   * throws exactly as `put` does; the process goes on after the processes
   * already runnable, as an await of `put` would.
   */
  putStep(process: Process, item: T): Step {
    // Where putOrStep would go on in place, continueStep goes on in place too: the same order.
    return this.putOrStep(process, item) ?? process.continueStep(undefined);
  }

  /**
   * `putStep` that skips the yield when that changes nothing: does what
   * `putStep` does, and returns undefined when `process` goes on at once (the
   * put did not wait and, after it and the onEnter/onDrop hooks, nothing else
   * is runnable: Process.goesOnInPlace), or the step to yield otherwise:
   * `const step = queue.putOrStep(p, item); if (step) yield step;`.
   */
  putOrStep(process: Process, item: T): Step | undefined {
    if (this.#shutDown) throw new QueueShutDownError(this.name);
    if (this.#putters.length === 0 && this.#items.length < this.capacity) {
      this.#admit(item);
      return process.goesOnInPlace ? undefined : process.continueStep(undefined);
    }
    if (this.onFull !== 'block') {
      this.#drop(item);
      return process.goesOnInPlace ? undefined : process.continueStep(undefined);
    }
    this.#putters.push(process);
    this.#putterItems.push(item);
    return process.suspendStep('waiting', this.#putWait, this);
  }

  /** Puts `item` without waiting; when full, throws QueueFullError under 'block' and drops under a drop policy. */
  putNowait(item: T): void {
    if (this.#shutDown) throw new QueueShutDownError(this.name);
    if (this.#items.length >= this.capacity) {
      if (this.onFull === 'block') throw new QueueFullError(`queue ${this.name} is full`);
      this.#drop(item);
      return;
    }
    this.#admit(item);
  }

  /**
   * Takes the first item, suspending `process` while the queue is empty; CLOSED
   * once shut down and empty, or at once after an immediate shutdown.
   */
  get(process: Process): Promise<T | Closed> {
    if (this.#items.length > 0 && !this.#closedNow) return Promise.resolve(this.#take());
    if (this.#shutDown) return Promise.resolve(CLOSED);
    this.#getters.push(process);
    return process.suspend<T | Closed>('waiting', this.#getWait, this);
  }

  /**
   * Generator form of `get`: `const item = (yield queue.getStep(p)) as T | Closed`.
   * Receives what `get` would resolve to, in the same order.
   */
  getStep(process: Process): Step {
    if (this.#items.length > 0 && !this.#closedNow) return process.continueStep(this.#take());
    if (this.#shutDown) return process.continueStep(CLOSED);
    this.#getters.push(process);
    return process.suspendStep('waiting', this.#getWait, this);
  }

  /**
   * `getStep` without the yield, when it changes nothing: the first item when
   * one is there, no putter waits for room (it would be woken ahead of
   * `process`) and `process` goes on in place (Process.goesOnInPlace); otherwise
   * YIELD, and the caller must `yield queue.getStep(p)`.
   */
  getInPlace(process: Process): T | Yield {
    if (this.#items.length === 0 || this.#closedNow || this.#putters.length > 0 || !process.goesOnInPlace) return YIELD;
    return this.#take();
  }

  /** Takes the first item without waiting; CLOSED as `get` would return it; throws QueueEmptyError when empty. */
  getNowait(): T | Closed {
    if (this.#items.length > 0 && !this.#closedNow) return this.#take();
    if (this.#shutDown) return CLOSED;
    throw new QueueEmptyError(`queue ${this.name} is empty`);
  }

  /** Marks one item got earlier as processed. */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new InvalidArgumentError(`taskDone() called on ${this.name} more times than items were put`);
    if (--this.#unfinished === 0) {
      while (this.#joiners.length > 0) (this.#joiners.shift() as Process).resume(undefined);
    }
  }

  /** Suspends `process` until every item put has been marked done. */
  join(process: Process): Promise<void> {
    if (this.#unfinished === 0) return RESOLVED;
    this.#joiners.push(process);
    return process.suspend<void>('waiting', `join ${this.name}`, this);
  }

  /** Generator form of `join`: `yield queue.joinStep(p)`. */
  joinStep(process: Process): Step {
    if (this.#unfinished === 0) return process.continueStep(undefined);
    this.#joiners.push(process);
    return process.suspendStep('waiting', `join ${this.name}`, this);
  }

  /**
   * Closes the queue to new items: later puts throw, waiting putters are woken
   * with QueueShutDownError, and getters receive CLOSED once the items left
   * have been taken, or at once with `{ immediate: true }` (then the items left
   * stay in the queue, unconsumed). A normal shutdown can be made immediate later.
   */
  shutdown(options: ShutdownOptions = {}): void {
    if (options.immediate) this.#closedNow = true;
    if (!this.#shutDown) {
      this.#shutDown = true;
      while (this.#putters.length > 0) {
        this.#putterItems.shift();
        (this.#putters.shift() as Process).throwInto(new QueueShutDownError(this.name));
      }
    }
    // Getters wait only while the queue is empty, so after an immediate shutdown none can be left waiting.
    while (this.#getters.length > 0) (this.#getters.shift() as Process).resume(CLOSED);
  }

  /** Waitable: forgets `process`, whose wait on this queue was interrupted (O(waiters)). */
  cancelWait(process: Process): void {
    const putter = this.#putters.indexOf(process);
    if (putter >= 0) {
      this.#putters.removeAt(putter);
      this.#putterItems.removeAt(putter);
      return;
    }
    if (this.#getters.removeAt(this.#getters.indexOf(process))) return;
    this.#joiners.removeAt(this.#joiners.indexOf(process));
  }

  /** The items in the queue, first to last (for snapshots; O(n)). */
  items(): T[] {
    return [...this.#items];
  }

  #admit(item: T): void {
    this.#unfinished++;
    if (this.#getters.length > 0) (this.#getters.shift() as Process).resume(item);
    else this.#items.push(item);
    this.#onEnter?.(item);
  }

  /** The queue is full (so no getter waits): discard per the policy. */
  #drop(item: T): void {
    this.#dropped++;
    if (this.onFull === 'drop-newest') {
      this.#onDrop?.(item);
      return;
    }
    // drop-oldest: the new item takes the oldest one's place; unfinishedTasks
    // counted the oldest and now counts the new one instead.
    const oldest = this.#items.shift() as T;
    this.#items.push(item);
    this.#onDrop?.(oldest);
    this.#onEnter?.(item);
  }

  #take(): T {
    const item = this.#items.shift() as T;
    if (this.#putters.length > 0) {
      this.#admit(this.#putterItems.shift() as T);
      (this.#putters.shift() as Process).resume(undefined);
    }
    return item;
  }
}
